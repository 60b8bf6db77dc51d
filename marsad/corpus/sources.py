"""Expand ``marsad ingest`` arguments into input records, tolerating bad ones.

Arguments may be files, folders (walked recursively), glob patterns, ``.zip`` archives
(members read in place) and WARC files.  A bad record inside a JSON array or a bad member
of a zip is reported as a :class:`Rejected` item and the rest of the input goes on — one
empty record must not cost a whole day of news.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.document import Article
from marsad.errors import InputError, MarsadError

ARTICLE_EXTENSIONS = (".json", ".jsonl", ".ndjson", ".html", ".htm", ".xhtml", ".txt", ".text")
ARCHIVE_EXTENSIONS = (".zip", ".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass
class Rejected:
    """An input that yielded no article, and why."""

    where: str
    reason: str


def _has_magic(p: str) -> bool:
    return any(ch in p for ch in "*?[")


def _readable(name: str) -> bool:
    low = name.lower()
    return low.endswith(ARTICLE_EXTENSIONS + ARCHIVE_EXTENSIONS)


def expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | Rejected]:
    """Files to read, in a stable order (folders sorted, globs sorted), or rejections."""
    for raw in paths:
        p = str(raw)
        if p != "-" and not os.path.exists(p) and _has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield Rejected(p, "the pattern matches no file")
            for m in matches:
                yield from expand([m]) if os.path.isdir(m) else iter([m])
        elif os.path.isdir(p):
            found = False
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith(".") and _readable(f):
                        found = True
                        yield os.path.join(root, f)
            if not found:
                yield Rejected(p, "the folder holds no readable file (json, jsonl, html, txt, zip, warc)")
        elif p != "-" and not os.path.exists(p):
            yield Rejected(p, "no such file or folder")
        else:
            yield p


def iter_inputs(paths: Iterable[str | os.PathLike[str]], max_bytes: int | None = None) -> Iterator[Article | Rejected]:
    """Every article of every input, or a :class:`Rejected` for what cannot be read."""
    from marsad.ingest.warc import is_warc, read_warc
    from marsad.ingest.zipped import member_bytes, zip_members

    for item in expand(paths):
        if isinstance(item, Rejected):
            yield item
            continue
        try:
            if item.lower().endswith(".zip"):
                for member in zip_members(item):
                    where = f"{item}!{member}"
                    try:
                        data = member_bytes(item, member, max_bytes=max_bytes)
                    except InputError as exc:
                        yield Rejected(where, str(exc))
                        continue
                    yield from _records(data, where, max_bytes)
            elif is_warc(item):
                n = 0
                for article in read_warc(item, max_bytes=max_bytes):
                    n += 1
                    yield article
                if not n:
                    yield Rejected(item, "no readable HTML page (HTTP 200 response) in this WARC file")
            else:
                yield from _records(_read_file(item, max_bytes), item, max_bytes)
        except MarsadError as exc:
            yield Rejected(item, str(exc))


def _read_file(path: str, max_bytes: int | None) -> bytes:
    import sys

    from marsad.ingest import max_input_bytes

    limit = max_input_bytes(max_bytes)
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        try:
            size = Path(path).stat().st_size
            if size > limit:
                raise InputError(f"{path}: {size:,} bytes, over the {limit:,}-byte limit (see --max-bytes)")
            data = Path(path).read_bytes()
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > limit:
        raise InputError(f"{path}: over the {limit:,}-byte limit (see --max-bytes)")
    return data


def _records(data: bytes, where: str, max_bytes: int | None) -> Iterator[Article | Rejected]:
    """Articles of one file's bytes; JSON arrays and JSONL are read record by record."""
    import marsad.ingest as ingest
    from marsad.ingest.decode import decode
    from marsad.ingest.records import _records_of, parse_json, record_to_article

    try:
        fmt = ingest.detect_format(data, where)
    except MarsadError as exc:
        yield Rejected(where, str(exc))
        return
    if fmt not in ("json", "jsonl"):
        try:
            yield from ingest.read_bytes(data, name=where, max_bytes=max_bytes)
        except MarsadError as exc:
            yield Rejected(where, str(exc))
        return
    try:
        text = decode(data).text
        if fmt == "json":
            records = _records_of(parse_json(text))
        else:
            records = []
            for lineno, line in enumerate(text.split("\n"), 1):
                if line.strip():
                    try:
                        records.append(parse_json(line))
                    except json.JSONDecodeError as exc:
                        records.append(InputError(f"invalid JSON on line {lineno}: {exc.msg}"))
    except json.JSONDecodeError as exc:
        yield Rejected(where, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    except MarsadError as exc:
        yield Rejected(where, str(exc))
        return
    for i, record in enumerate(records):
        if isinstance(record, InputError):
            yield Rejected(f"{where}#{i}", str(record))
            continue
        try:
            article = record_to_article(record, index=i, path=where, fmt=fmt)
            ingest._finish(article)
        except MarsadError as exc:
            yield Rejected(f"{where}#{i}", str(exc))
            continue
        yield article
