"""The Python API: ``marsad.analyze(text)`` and friends."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad import pipeline
from marsad.document import Article, Published
from marsad.errors import InputError


def _apply_date(article: Article, date: str | _dt.date | None) -> Article:
    if date is None:
        if article.published and not article.reference_date:
            article.reference_date = article.published.value[:10]
        return article
    iso = date.isoformat() if isinstance(date, _dt.date) else str(date)
    try:
        _dt.date.fromisoformat(iso[:10])
    except ValueError:
        raise InputError(f"--date must be an ISO date like 2022-01-11, got {iso!r}") from None
    article.reference_date = iso[:10]
    if article.published is None:
        article.published = Published(iso[:10], "cli")
    return article


def analyze(
    source: str | bytes,
    *,
    format: str | None = None,
    date: str | _dt.date | None = None,
    components: Iterable[str] | None = None,
) -> Article:
    """Analyse one article given as text (scraped text, HTML, or one JSON record) or bytes.

    Raises :class:`marsad.MarsadError` (an :class:`InputError`) for input that cannot be
    read as an article; never anything else for bad input.
    """
    from marsad import ingest

    articles = list(ingest.read_bytes(source if isinstance(source, bytes) else source.encode("utf-8"), format=format))
    if len(articles) != 1:
        raise InputError(f"expected one article, the input holds {len(articles)}: use marsad.analyze_records")
    return pipeline.run(_apply_date(articles[0], date), components)


def analyze_records(
    path: str | Path,
    *,
    format: str | None = None,
    date: str | _dt.date | None = None,
    components: Iterable[str] | None = None,
) -> Iterator[Article]:
    """Analyse every article in a file (JSONL, a JSON array, HTML, text) lazily."""
    from marsad import ingest

    for article in ingest.read_path(path, format=format):
        yield pipeline.run(_apply_date(article, date), components)


def analyze_file(path: str | Path, **kwargs) -> Article:
    """Analyse the one article in ``path``."""
    articles = list(analyze_records(path, **kwargs))
    if len(articles) != 1:
        raise InputError(f"{path}: expected one article, found {len(articles)}: use marsad.analyze_records")
    return articles[0]
