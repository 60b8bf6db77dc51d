"""Readers: bytes or a file in, :class:`~marsad.document.Article` objects out (not yet cleaned).

Formats: plain text (``text``), HTML (``html``), JSON object or array (``json``) and JSON
Lines (``jsonl``).  The format comes from the caller, else the file name, else the content.
Every problem with the input surfaces as :class:`~marsad.errors.InputError` with a message
meant for the user; readers never raise anything else for bad input.

Size limit: inputs larger than :func:`max_input_bytes` are refused before they are read.
The default is 20 MB (``DEFAULT_MAX_INPUT_BYTES``: a news article is a few kB, a day of a
whole news site as JSONL a few MB); set ``MARSAD_MAX_INPUT_BYTES`` or pass ``max_bytes``
(``--max-bytes`` on the command line) to change it.  Archive readers (WARC, zip) live in
their own modules of this package.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from marsad.document import Article, Source
from marsad.errors import InputError
from marsad.ingest.decode import decode
from marsad.text import script_language

FORMATS = ("text", "html", "json", "jsonl")
DEFAULT_MAX_INPUT_BYTES = 20_000_000

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "FORMATS",
    "detect_format",
    "max_input_bytes",
    "read_bytes",
    "read_path",
]


def max_input_bytes(override: int | None = None) -> int:
    """The size limit in bytes: ``override``, else ``MARSAD_MAX_INPUT_BYTES``, else the default."""
    if override is not None:
        if override <= 0:
            raise InputError(f"the input size limit must be positive, got {override}")
        return override
    env = os.environ.get("MARSAD_MAX_INPUT_BYTES")
    if env:
        try:
            value = int(env.replace("_", ""))
        except ValueError:
            raise InputError(f"MARSAD_MAX_INPUT_BYTES must be a number of bytes, got {env!r}") from None
        if value <= 0:
            raise InputError(f"MARSAD_MAX_INPUT_BYTES must be positive, got {env!r}")
        return value
    return DEFAULT_MAX_INPUT_BYTES


def _too_large(size: int | str, limit: int) -> InputError:
    return InputError(
        f"input is {size} bytes, over the {limit:,}-byte limit "
        "(raise it with --max-bytes or MARSAD_MAX_INPUT_BYTES, or split the file)"
    )


def detect_format(data: bytes, name: str | None = None) -> str:
    """``text``, ``html``, ``json`` or ``jsonl`` for ``data`` (the file name's extension wins)."""
    if name:
        ext = Path(name).suffix.lower()
        if ext in _EXTENSIONS:
            return _EXTENSIONS[ext]
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:64]:
        # UTF-16 text: look at it decoded
        try:
            return detect_format(decode(data[:8192]).text.encode("utf-8"))
        except InputError:
            return "text"
    lower = head[:1024].lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml")) or (
        lower.startswith(b"<") and any(t in lower for t in (b"<head", b"<body", b"<div", b"<p", b"<meta", b"<article"))
    ):
        return "html"
    if head[:1] in (b"{", b"["):
        # Decide from the first line where possible: parsing a whole 20 MB array here
        # and again in the reader would double the cost.
        from marsad.ingest.records import parse_json

        stripped = data.strip(b" \t\r\n\xef\xbb\xbf")
        first, _, rest = stripped.partition(b"\n")
        try:
            parse_json(first)
        except (ValueError, UnicodeDecodeError):
            pass
        else:
            return "jsonl" if rest.strip() else "json"
        if head[:1] == b"[" and rest:
            return "json"  # a pretty-printed array
        try:
            parse_json(stripped)
            return "json"
        except (ValueError, UnicodeDecodeError):
            pass
    return "text"


def read_bytes(
    data: bytes,
    *,
    format: str | None = None,
    name: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Article]:
    """Read every article in ``data`` (one for text / HTML, one per record for JSON)."""
    limit = max_input_bytes(max_bytes)
    if len(data) > limit:
        raise _too_large(f"{len(data):,}", limit)
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown input format {format!r} (use one of: {', '.join(FORMATS)})")
    if not data.strip(b" \t\r\n\x0b\x0c\xef\xbb\xbf") or not data.replace(b"\x00", b"").strip():
        raise InputError("input is empty")
    fmt = format or detect_format(data, name)
    path = None if name in (None, "-") else str(name)
    if fmt == "html":
        from marsad.ingest.html import read_html

        articles: Iterator[Article] = iter([read_html(data, path=path)])
    elif fmt in ("json", "jsonl"):
        from marsad.ingest.records import read_json, read_jsonl

        decoded = decode(data)
        reader = read_json if fmt == "json" else read_jsonl
        articles = _with_warnings(reader(decoded.text, path=path), decoded)
    else:
        articles = iter([_read_text(data, path)])
    for article in articles:
        _finish(article)
        yield article


def _with_warnings(articles: Iterator[Article], decoded) -> Iterator[Article]:
    for article in articles:
        if decoded.encoding != "utf-8" or decoded.detected:
            article.source.encoding = article.source.encoding or decoded.encoding
            article.source.encoding_detected = article.source.encoding_detected or decoded.detected
            article.warnings[:0] = decoded.warnings
        article.source.encoding = article.source.encoding or decoded.encoding
        yield article


def _read_text(data: bytes, path: str | None) -> Article:
    decoded = decode(data)
    if not decoded.text.strip():
        raise InputError("input is empty (only whitespace)")
    return Article(
        raw=decoded.text,
        source=Source(path=path, format="text", encoding=decoded.encoding, encoding_detected=decoded.detected),
        warnings=list(decoded.warnings),
    )


def _finish(article: Article) -> None:
    """What every reader's article gets: a language label and a warning when it is not Arabic."""
    if article.language is None:
        article.language = script_language(article.raw, sample=2000)
    if article.language not in ("ar", "und"):
        note = f"the text is not Arabic (language: {article.language}); marsad's analysers are built for Arabic"
        if note not in article.warnings:
            article.warnings.append(note)


def read_path(path: str | os.PathLike[str], *, format: str | None = None, max_bytes: int | None = None) -> Iterator[Article]:
    """Read every article in the file at ``path`` (``-`` reads standard input)."""
    limit = max_input_bytes(max_bytes)
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_large(f"more than {limit:,}", limit)
        yield from read_bytes(data, format=format, name=None, max_bytes=limit)
        return
    p = Path(path)
    if format is None and name.lower().endswith((".zip", ".warc", ".warc.gz", ".arc", ".arc.gz")):
        # many articles per file: marsad.ingest.zipped / marsad.ingest.warc (members checked one by one)
        from marsad.ingest.warc import is_warc, read_warc
        from marsad.ingest.zipped import read_zip

        yield from (read_warc(p, max_bytes=max_bytes) if is_warc(name) else read_zip(p, max_bytes=max_bytes))
        return
    try:
        if p.is_dir():
            raise InputError(f"{name} is a directory, not a file")
        size = p.stat().st_size
        if size > limit:
            raise _too_large(f"{size:,}", limit)
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name} is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:  # a file that grew, or a device
        raise _too_large(f"more than {limit:,}", limit)
    try:
        for article in read_bytes(data, format=format, name=name, max_bytes=limit):
            if article.source.path is None:
                article.source.path = name
            yield article
    except InputError as exc:
        msg = str(exc)
        raise InputError(msg if msg.startswith(name) else f"{name}: {msg}") from None
