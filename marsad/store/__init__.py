"""The archive store: :func:`open_store` returns a :class:`Store` for a path or URL.

The default archive is ``./marsad.db``, or the file named by the ``MARSAD_DB``
environment variable.  Only :mod:`marsad.store.sqlite` knows SQLite; a PostgreSQL
backend would be added here under the ``postgresql://`` scheme.
"""

from __future__ import annotations

import os
from pathlib import Path

from marsad.store.base import (
    SHORT_ID_LEN,
    AddOutcome,
    ArticleSummary,
    EntityCount,
    EntityDetail,
    IngestItem,
    SearchFilters,
    SearchHit,
    SearchResults,
    Store,
    StoreStats,
    StoryDetail,
    StorySummary,
    short_id,
)

DEFAULT_DB = "marsad.db"


def default_db_path() -> str:
    """``$MARSAD_DB`` when set, else ``./marsad.db``."""
    return os.environ.get("MARSAD_DB") or DEFAULT_DB


def open_store(location: str | Path | None = None, *, readonly: bool = False, create: bool = True) -> Store:
    """Open (and migrate) the archive at ``location`` (default: :func:`default_db_path`).

    ``readonly`` opens without write access (the web app); ``create=False`` raises
    :class:`marsad.errors.StoreError` when the archive does not exist yet.
    """
    from marsad.errors import StoreError

    loc = str(location) if location is not None else default_db_path()
    if "://" in loc and not loc.startswith("sqlite://"):
        scheme = loc.split("://", 1)[0]
        raise StoreError(f"unsupported archive location {loc!r}: no backend for {scheme!r} (only SQLite files)")
    if loc.startswith("sqlite://"):
        loc = loc[len("sqlite://") :]
    from marsad.store.sqlite import SQLiteStore

    return SQLiteStore(loc, readonly=readonly, create=create)


__all__ = [
    "DEFAULT_DB",
    "SHORT_ID_LEN",
    "AddOutcome",
    "ArticleSummary",
    "EntityCount",
    "EntityDetail",
    "IngestItem",
    "SearchFilters",
    "SearchHit",
    "SearchResults",
    "Store",
    "StoreStats",
    "StoryDetail",
    "StorySummary",
    "default_db_path",
    "open_store",
    "short_id",
]
