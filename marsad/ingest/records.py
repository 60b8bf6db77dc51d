"""JSON and JSONL records: one article per object, whatever the scraper called its fields."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from marsad.document import Article, Published, Source
from marsad.errors import InputError
from marsad.ingest.meta import parse_date, site_from_url

# Field names seen in scraper output and public news datasets, in order of preference.
TEXT_FIELDS = ("content", "text", "body", "article", "article_body", "articleBody", "maintext", "full_text", "story")
HTML_FIELDS = ("html", "raw_html", "content_html", "body_html")
TITLE_FIELDS = ("title", "headline", "name")
URL_FIELDS = ("url", "link", "source_url", "href", "permalink")
DATE_FIELDS = (
    "published",
    "date_published",
    "datePublished",
    "published_at",
    "publish_date",
    "pubDate",
    "date",
    "datetime",
    "created_at",
    "time",
    "date_extracted",
    "date_crawled",
)
AUTHOR_FIELDS = ("author", "authors", "byline", "writer", "creator")
SITE_FIELDS = ("source", "site", "outlet", "publisher", "sitename", "site_name", "domain", "newspaper")
TAG_FIELDS = ("tags", "keywords", "categories", "category", "section", "topics")
# Containers some exports wrap their records in.
LIST_FIELDS = ("articles", "records", "items", "data", "results", "documents", "docs")

_KNOWN = set(TEXT_FIELDS + HTML_FIELDS + TITLE_FIELDS + URL_FIELDS + DATE_FIELDS + AUTHOR_FIELDS + SITE_FIELDS + TAG_FIELDS)


# A JSON escape of a UTF-16 surrogate (\ud800-\udfff), which json.loads keeps as a lone
# surrogate when no other half follows it
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        if not _SURROGATE.search(value):
            return value
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    return value


def parse_json(text: str | bytes) -> Any:
    """``json.loads``, with a value nested too deeply for Python's parser (``[[[[…`` a hundred
    thousand deep: a hostile or broken file) reported as invalid JSON like any other, instead
    of a RecursionError that would end a whole ingest.  JSON may escape half of a UTF-16
    surrogate pair alone (``"\\ud800"``), which is no character: such a half becomes U+FFFD,
    as a decoder does with an invalid byte, so that the text can be stored and written out."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("arrays or objects nested too deeply", "", 0) from None
    escape = _SURROGATE_ESCAPE if isinstance(text, str) else _SURROGATE_ESCAPE_BYTES
    return _without_lone_surrogates(value) if escape.search(text) else value


def _first(record: dict[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return name, value
    return None, None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n\n".join(str(v) for v in value if v)
    if isinstance(value, dict):
        for key in ("name", "title", "text", "value"):
            if isinstance(value.get(key), str):
                return value[key]
    return str(value)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = _as_text(item) or ""
        for part in text.replace("،", ",").split(",") if isinstance(value, str) else [text]:
            part = " ".join(part.split())
            if part and part not in out:
                out.append(part)
    return out


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return head.lstrip().startswith("<") and any(t in head for t in ("<p", "<div", "<html", "<body", "<article", "<br"))


def record_to_article(record: Any, *, index: int | None, path: str | None, fmt: str, strict: bool = True) -> Article:
    """One record as an Article.

    A record without text raises :class:`InputError` when ``strict`` (a lone JSON object);
    inside a multi-record file it becomes an empty article with a warning, so that one
    empty record does not stop a batch.
    """
    where = f"record {index}" if index is not None else "the JSON object"
    if isinstance(record, str):
        record = {"content": record}
    if not isinstance(record, dict):
        raise InputError(f"{where} is a JSON {type(record).__name__}, expected an object with a text field")
    _, title = _first(record, TITLE_FIELDS)
    _, url = _first(record, URL_FIELDS)
    url = _as_text(url)
    text_name, text = _first(record, TEXT_FIELDS)
    html_name, html = _first(record, HTML_FIELDS)
    warnings: list[str] = []
    article: Article
    if (text is None or (isinstance(text, str) and _looks_html(text))) and (html or text):
        from marsad.ingest.html import read_html

        article = read_html(str(html or text), path=path, url=url)
        article.source.format = fmt
    elif text is None:
        present = [name for name in TEXT_FIELDS if name in record]
        if present:
            problem = f"{where} has an empty text field ({present[0]!r})"
        else:
            fields_seen = ", ".join(list(record)[:8]) or "none"
            problem = f"{where} has no text field (looked for {', '.join(TEXT_FIELDS[:4])}…; it has {fields_seen})"
        if strict:
            raise InputError(problem)
        article = Article(raw="", source=Source(path=path, url=url, format=fmt))
        warnings.append(problem)
    else:
        article = Article(raw=_as_text(text) or "", source=Source(path=path, url=url, format=fmt))
    article.source.record = index
    if title and not article.title:
        article.title = " ".join((_as_text(title) or "").split()) or None
    elif title:
        article.title = " ".join((_as_text(title) or "").split()) or article.title
    _, author = _first(record, AUTHOR_FIELDS)
    if author:
        article.author = ", ".join(_as_list(author)) or None
    _, tags = _first(record, TAG_FIELDS)
    for tag in _as_list(tags):
        if tag not in article.tags:
            article.tags.append(tag)
    _, site = _first(record, SITE_FIELDS)
    site_text = _as_text(site)
    article.source.site = site_text or article.source.site or site_from_url(url)
    date_name, date = _first(record, DATE_FIELDS)
    if date is not None:
        iso = parse_date(date)
        if iso:
            article.published = Published(iso, "metadata")
        else:
            warnings.append(f"unreadable date in field {date_name!r}: {str(date)[:40]!r}")
    for key, value in record.items():
        if key not in _KNOWN and key not in (text_name, html_name) and key not in LIST_FIELDS:
            article.meta[key] = value
    if date_name:
        article.meta.setdefault("date_field", date_name)
    article.warnings.extend(warnings)
    return article


def _records_of(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for name in LIST_FIELDS:
            inner = value.get(name)
            if isinstance(inner, list) and inner and all(isinstance(r, dict) for r in inner):
                return inner
        return [value]
    raise InputError(f"the JSON input is a {type(value).__name__}, expected an object or an array of objects")


def read_json(text: str, *, path: str | None = None) -> Iterator[Article]:
    try:
        value = parse_json(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    records = _records_of(value)
    if not records:
        raise InputError("the JSON array is empty: no article to analyse")
    single = len(records) == 1 and not isinstance(value, list)
    for i, record in enumerate(records):
        yield record_to_article(record, index=None if single else i, path=path, fmt="json", strict=single)


def read_jsonl(text: str, *, path: str | None = None) -> Iterator[Article]:
    count = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = parse_json(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON on line {lineno}: {exc.msg} (column {exc.colno})") from None
        yield record_to_article(record, index=count, path=path, fmt="jsonl", strict=False)
        count += 1
    if not count:
        raise InputError("the JSONL input has no records")
