"""Zip archives of article files (e.g. SaudiNewsNet: one JSON array per day in a .zip).

Each member with a known extension (JSON, JSONL, HTML, text) is read with
:func:`marsad.ingest.read_bytes`; its articles' ``source.path`` is ``archive.zip!member``.
Members are checked against the input size limit *before* they are decompressed, so a
zip bomb is refused rather than unpacked.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from marsad.document import Article
from marsad.errors import InputError

MEMBER_EXTENSIONS = (".json", ".jsonl", ".ndjson", ".html", ".htm", ".txt")


def read_zip(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Iterator[Article]:
    """Every article in every readable member of the zip file at ``path``.

    A member that cannot be read raises :class:`InputError` naming the member; use
    :func:`zip_members` + :func:`member_bytes` to skip bad members and go on (as
    ``marsad ingest`` does).
    """
    from marsad.ingest import read_bytes

    for member in zip_members(path):
        where = f"{path}!{member}"
        data = member_bytes(path, member, max_bytes=max_bytes)
        try:
            yield from read_bytes(data, name=where, max_bytes=max_bytes)
        except InputError as exc:
            msg = str(exc)
            raise InputError(msg if msg.startswith(where) else f"{where}: {msg}") from None


def zip_members(path: str | os.PathLike[str]) -> list[str]:
    """Names of the members marsad reads, in name order."""
    try:
        with zipfile.ZipFile(path) as zf:
            return sorted(
                info.filename
                for info in zf.infolist()
                if not info.is_dir()
                and info.filename.lower().endswith(MEMBER_EXTENSIONS)
                and not Path(info.filename).name.startswith((".", "__MACOSX"))
                and "__MACOSX/" not in info.filename
            )
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path}: not a readable zip archive ({exc})") from None


def member_bytes(path: str | os.PathLike[str], member: str, *, max_bytes: int | None = None) -> bytes:
    """The bytes of one member, refused before decompression when over the size limit."""
    from marsad.ingest import max_input_bytes

    limit = max_input_bytes(max_bytes)
    where = f"{path}!{member}"
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(member)
            if info.file_size > limit:
                raise InputError(
                    f"{where}: member is {info.file_size:,} bytes, over the {limit:,}-byte limit "
                    "(raise it with --max-bytes or MARSAD_MAX_INPUT_BYTES)"
                )
            with zf.open(info) as fh:
                data = fh.read(limit + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:  # RuntimeError: encrypted member
        raise InputError(f"{where}: cannot extract ({exc})") from None
    except KeyError:
        raise InputError(f"{where}: no such member") from None
    if len(data) > limit:
        raise InputError(f"{where}: member larger than the {limit:,}-byte limit")
    return data
