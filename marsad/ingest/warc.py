"""WARC / WARC.gz web archives (Heritrix, wget --warc-file, Browsertrix...) via warcio.

Every ``response`` record with HTTP status 200 and an HTML content type becomes one
article read with :func:`marsad.ingest.html.read_html`, its URL taken from
``WARC-Target-URI``.  Other records (requests, metadata, images, redirects) are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from marsad.document import Article
from marsad.errors import InputError

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_warc(path: str | os.PathLike[str]) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def read_warc(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Iterator[Article]:
    """Articles from the HTML responses of the WARC file at ``path``."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from marsad.ingest import max_input_bytes
    from marsad.ingest.html import read_html

    limit = max_input_bytes(max_bytes)
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror})") from None
    index = 0
    with fh:
        try:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if status != "200" or ("html" not in ctype and ctype):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                data = record.content_stream().read(limit + 1)
                if len(data) > limit or not data.strip():
                    continue
                try:
                    article = read_html(data, path=str(path), url=url)
                except InputError:
                    continue  # an empty or unreadable page among many: skip it, keep the archive
                article.source.format = "warc"
                article.source.record = index
                index += 1
                yield article
        except ArchiveLoadFailed as exc:
            raise InputError(f"{path}: not a readable WARC file ({exc})") from None
        except (OSError, EOFError, ValueError) as exc:
            raise InputError(f"{path}: truncated or corrupt WARC ({exc})") from None
        except (AttributeError, TypeError, KeyError, IndexError):
            # warcio's parser meeting headers it does not expect (a response record without
            # WARC-Target-URI fails on None.startswith); the records read before it are kept
            raise InputError(
                f"{path}: malformed WARC record after {index} page(s): its headers could not be parsed"
            ) from None
