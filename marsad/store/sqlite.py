"""The embedded archive backend: one SQLite file, WAL journal, FTS5 full-text index.

This module is the only place in marsad that knows SQLite.  Design notes:

- **One file, readable while written**: WAL journal mode, so readers (the web app, a
  second ``marsad search``) never block on the ingest writer and see only committed
  batches; ``busy_timeout`` makes a second writer wait instead of failing.
- **Atomic batches**: :meth:`SQLiteStore.add_items` is one ``BEGIN IMMEDIATE`` …
  ``COMMIT``; a process killed mid-batch leaves the previous committed state (SQLite's
  journal guarantees it), so a rerun sees no partial article.
- **Versioned schema**: the ``migrations`` table records every applied step of
  :data:`MIGRATIONS`; opening an older archive applies the missing steps, opening a newer
  one is refused with a clear message.  The stemmer version the index was built with
  is kept in ``meta``: an archive from another version is re-indexed when opened for
  writing and refused (with the way out) when opened read-only, never searched wrongly.
- **Full text**: an FTS5 table of *analysed terms* (see :mod:`marsad.search.analyzer`)
  ranked with BM25 (title weighted ×3); the stored article JSON is zlib-compressed.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import sqlite3
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

from marsad.corpus import dedup
from marsad.corpus.entity_aliases import PERSON_KEYS_END, PERSON_PREFIX, short_name_aliases
from marsad.document import Article, Entity
from marsad.errors import QueryError, StoreError
from marsad.search.analyzer import Analyzer, get_analyzer
from marsad.search.query import parse_query
from marsad.search.snippets import snippet
from marsad.store.base import (
    MIN_ID_PREFIX,
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
    StoryInput,
    StorySummary,
)
from marsad.text.names import ENTITY_KEY_VERSION, entity_key, typed_entity_key
from marsad.text.stem import STEMMER_VERSION

# Best matches ranked per query before collapsing by story: 30 pages of 10 stories at most.
# ``total_articles`` is exact (counted) without filters, capped at this with filters.
SCAN_LIMIT = 300
# entity_articles reads an entity's newest articles in chunks of this many per wanted story
ENTITY_CHUNK_PER_STORY = 8
# Another process's ingest changes the entities table every batch: the family-name aliases (about
# 0.1 s to work out at 25k articles) are checked against it at most this often.
ALIASES_MAX_AGE_S = 60.0
TITLE_WEIGHT = 3.0
# How the FTS5 ``unicode61`` tokenizer splits the stored term strings: runs of letters and
# digits, case-folded ("3.5" is two terms, "covid-19" two).  Checked against fts_vocab
# (tests/corpus/test_stories.py); Python's and SQLite's Unicode tables may differ on rare
# letters (dotted capitals, private-use characters), which then cost an IDF estimate only.
_UNICODE61_TOKEN = re.compile(r"[^\W_]+")

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "initial schema",
        [
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """CREATE TABLE articles (
                id INTEGER PRIMARY KEY,
                sid TEXT NOT NULL UNIQUE,
                content_hash TEXT NOT NULL UNIQUE,
                url TEXT, site TEXT, title TEXT, published TEXT, day TEXT,
                length INTEGER NOT NULL DEFAULT 0,
                story_id INTEGER,
                clustered INTEGER NOT NULL DEFAULT 0,
                near_dup_of INTEGER REFERENCES articles(id),
                minhash BLOB,
                story_terms TEXT,
                data BLOB NOT NULL,
                added TEXT NOT NULL
            )""",
            "CREATE INDEX articles_day ON articles(day)",
            "CREATE INDEX articles_site_day ON articles(site, day)",
            "CREATE INDEX articles_story ON articles(story_id)",
            "CREATE INDEX articles_unclustered ON articles(clustered, day)",
            "CREATE INDEX articles_url ON articles(url)",
            """CREATE TABLE reprints (
                article_id INTEGER NOT NULL REFERENCES articles(id),
                url TEXT, site TEXT, published TEXT, day TEXT
            )""",
            "CREATE INDEX reprints_article ON reprints(article_id)",
            "CREATE TABLE inputs (key TEXT PRIMARY KEY, article_id INTEGER NOT NULL, status TEXT NOT NULL) WITHOUT ROWID",
            """CREATE TABLE entities (
                article_id INTEGER NOT NULL REFERENCES articles(id),
                key TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, mentions INTEGER NOT NULL
            )""",
            "CREATE INDEX entities_key ON entities(key)",
            "CREATE INDEX entities_article ON entities(article_id)",
            """CREATE TABLE topics (
                article_id INTEGER NOT NULL REFERENCES articles(id), label TEXT NOT NULL, probability REAL
            )""",
            "CREATE INDEX topics_label ON topics(label)",
            "CREATE INDEX topics_article ON topics(article_id)",
            """CREATE TABLE lsh (band INTEGER NOT NULL, hash INTEGER NOT NULL, article_id INTEGER NOT NULL,
                PRIMARY KEY (band, hash, article_id)) WITHOUT ROWID""",
            "CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')",
            "CREATE VIRTUAL TABLE fts_vocab USING fts5vocab(fts, 'row')",
        ],
    ),
    (
        2,
        "stored renderings of articles (web pages)",
        [
            """CREATE TABLE fragments (
                article_id INTEGER NOT NULL REFERENCES articles(id), kind TEXT NOT NULL, body BLOB NOT NULL,
                UNIQUE (article_id, kind)
            )""",
            # a rendering shows the article as stored: it goes when the stored article changes
            """CREATE TRIGGER fragments_article_update AFTER UPDATE OF data ON articles
               BEGIN DELETE FROM fragments WHERE article_id = OLD.id; END""",
            """CREATE TRIGGER fragments_article_delete AFTER DELETE ON articles
               BEGIN DELETE FROM fragments WHERE article_id = OLD.id; END""",
        ],
    ),
    (
        3,
        "covering indexes for an entity's newest articles",
        [
            # entity_articles reads these instead of the wide article rows: 4-5x faster for
            # the most mentioned entities (a few thousand articles each on SaudiNewsNet)
            "CREATE INDEX entities_key_article ON entities(key, article_id)",
            "CREATE INDEX articles_recent ON articles(id, published, story_id)",
        ],
    ),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]

# An article's topics count as "about" the label from this probability on.
TOPIC_MIN_PROBABILITY = 0.3

# Page cache of a writable connection, in KiB (SQLite's default is 2 MiB).  The ingest writer
# reads back the LSH buckets, stored signatures, index rows and story windows of a growing
# archive: with the default cache those pages came through the OS page cache on every
# lookup.  Adding 2,565 records to the 15-day archive (benchmarks/bench_writer.py --base
# --cache-kib K, two rounds, docs/benchmarks.md "Ingest"): ``add_items`` 5.02 and 4.89 ms per
# record at SQLite's 2,000 KiB, 4.36 and 4.05 at 64 MiB, 4.35 and 3.93 at 256 MiB, so 64 MiB
# (rerun after any change to the writer's queries).  Read-only connections keep the default:
# the web app opens one per server thread, and dozens of them could each fill 64 MiB.
CACHE_KIB = 64 * 1024


def _article(blob: bytes) -> Article:
    """A stored article from its row (zlib-compressed JSON, made by marsad.corpus.prepare)."""
    return Article.from_dict(json.loads(zlib.decompress(blob)))


def _fetcher(c: sqlite3.Connection) -> Callable[[str, tuple], list[tuple]]:
    """A query function on connection ``c`` (inside its open transaction) for :func:`_article_pages`."""
    return lambda sql, args: c.execute(sql, args).fetchall()


def _article_pages(
    query: Callable[[str, tuple], list[tuple]], columns: str, where: str = "", size: int = 500
) -> Iterator[list[tuple]]:
    """The articles table in id order, ``size`` rows at a time (``id``, then ``columns``; rows
    also matching ``where``).  Each page is read whole before it is handed out, so a caller
    inside a write transaction may update the rows it was given."""
    last = 0
    while rows := query(f"SELECT id, {columns} FROM articles WHERE id > ? {where} ORDER BY id LIMIT {size}", (last,)):
        yield rows
        last = rows[-1][0]


def _story_id(value: Any) -> int | None:
    """A story id as asked for (a user's or a URL's), None when it cannot be one: not an integer,
    or outside SQLite's 64-bit integers (which a query would refuse with an OverflowError)."""
    try:
        story_id = int(value)
    except (TypeError, ValueError):
        return None
    return story_id if -(2**63) <= story_id < 2**63 else None


def _entity_rows(rowid: int, entities: Iterable[Entity]) -> list[tuple[int, str, str, str, int]]:
    """An article's rows of the entities table: one per entity key, with its type, its most
    used name and its number of mentions."""
    ents: dict[str, list] = {}
    for e in entities:
        key = e.archive_key
        if key not in ents:
            ents[key] = [e.type, Counter(), 0]
        ents[key][1][e.canonical or e.text] += 1
        ents[key][2] += 1
    return [(rowid, k, v[0], v[1].most_common(1)[0][0], v[2]) for k, v in ents.items()]


def _rekeyed(data: dict) -> bool:
    """Give a stored article's entities (decoded JSON, changed in place) the keys of this
    marsad's :func:`~marsad.text.names.entity_key`, and its quotes' speakers the same; whether
    any key changed.  Keys not of the ``TYPE:name`` form (entities from another tool) stay."""
    renamed: dict[str, str] = {}
    for e in data.get("entities") or []:
        key, kind = e.get("key"), e.get("type")
        if key and kind and key.startswith(kind + ":"):
            new = entity_key(kind, e.get("canonical") or e.get("text") or "")
            if new != key:
                renamed[key] = e["key"] = new
    for q in data.get("quotes") or []:
        if q.get("speaker_entity") in renamed:
            q["speaker_entity"] = renamed[q["speaker_entity"]]
    return bool(renamed)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _day(published: str | None) -> str | None:
    if not published or len(published) < 10:
        return None
    try:
        return _dt.date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        return None


class SQLiteStore(Store):
    """:class:`Store` on one SQLite file (see module docstring)."""

    schema_version = SCHEMA_VERSION

    def __init__(self, path: str, *, readonly: bool = False, create: bool = True, analyzer: str | None = None):
        self.path = path
        self.readonly = readonly
        self._lock = threading.RLock()
        self._story_cache: dict[int, tuple[dict[str, int], set[str]]] = {}
        self._window_cache: dict[tuple[str, str], tuple[int, int] | None] = {}
        self.reindexed_on_open: int | None = None  # articles re-indexed because the stemmer changed
        self.rekeyed_on_open: int | None = None  # articles re-keyed because the entity keys changed
        exists = path == ":memory:" or os.path.exists(path)
        if not exists and (readonly or not create):
            raise StoreError(f"no archive at {path}: create one with `marsad ingest FILES --db {path}`")
        if not exists:
            parent = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(parent):
                raise StoreError(f"cannot create archive {path}: folder {parent} does not exist")
        try:
            if readonly:
                uri = "file:" + os.path.abspath(path) + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False, isolation_level=None)
            else:
                self.conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
            self.conn.execute("PRAGMA busy_timeout = 30000")
            if not readonly:
                self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(readonly)
            meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a readable marsad archive: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot open archive {path}: {exc}") from None
        stored_analyzer = meta.get("analyzer")
        if stored_analyzer is None and not readonly:
            stored_analyzer = analyzer or "arabic"
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('analyzer', ?)", (stored_analyzer,))
            self._set_meta("stemmer_version", str(STEMMER_VERSION))
            meta["stemmer_version"] = str(STEMMER_VERSION)
            self._set_meta("lsh_version", str(dedup.LSH_VERSION))
            meta["lsh_version"] = str(dedup.LSH_VERSION)
            self._set_meta("entity_key_version", str(ENTITY_KEY_VERSION))
            meta["entity_key_version"] = str(ENTITY_KEY_VERSION)
        elif analyzer is not None and stored_analyzer != analyzer:
            raise StoreError(f"{path} was indexed with the {stored_analyzer!r} analyzer, not {analyzer!r}")
        self.analyzer_name = stored_analyzer or "arabic"
        self.analyzer: Analyzer = get_analyzer(self.analyzer_name)
        # Archives from before the version was recorded were stemmed by version 1.
        self.stemmer_version = int(meta.get("stemmer_version", "1"))
        if self.stemmer_version != STEMMER_VERSION:
            # Only the arabic analyser's search terms are light stems; the other archives still
            # search right read-only, and get their story terms rebuilt on the next write.
            if readonly and self.analyzer_name == "arabic":
                raise StoreError(
                    f"{path} was indexed with stemmer version {self.stemmer_version}, this marsad stems with version"
                    f" {STEMMER_VERSION}: searches would miss words.  Re-index it once: `marsad reindex --db {path}`"
                    " (or any ingest into it: stored articles are re-indexed first, files already ingested are not"
                    " added again)"
                )
            elif not readonly:
                self.reindexed_on_open = self.reindex()
                meta["lsh_version"] = str(dedup.LSH_VERSION)
        if not readonly and meta.get("lsh_version") != str(dedup.LSH_VERSION):
            self.rebuild_lsh()
        # Archives from before the version was recorded were keyed by version 1; read-only
        # connections read the old keys as they are (they still count and link consistently).
        if not readonly and meta.get("entity_key_version", "1") != str(ENTITY_KEY_VERSION):
            self.rekeyed_on_open = self.rekey_entities()
            meta["entity_key_version"] = str(ENTITY_KEY_VERSION)
        self._keys_current = meta.get("entity_key_version", "1") == str(ENTITY_KEY_VERSION)
        # (the entities table's last rowid, {alias: full key}, {full key: its aliases}, when checked)
        self._alias_cache: tuple[Any, dict[str, str], dict[str, list[str]], float] | None = None

    # -- schema ----------------------------------------------------------------------
    def _migrate(self, readonly: bool) -> None:
        c = self.conn
        has = c.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='migrations'").fetchone()
        if not has:
            if readonly:
                raise StoreError(f"{self.path} is not a marsad archive (no migrations table)")
            tables = c.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            if tables:
                raise StoreError(f"{self.path} is an SQLite file but not a marsad archive")
            c.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, description TEXT, applied TEXT)")
        current = c.execute("SELECT coalesce(max(version), 0) FROM migrations").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {current}, newer than this marsad ({SCHEMA_VERSION}): upgrade marsad"
            )
        pending = [m for m in MIGRATIONS if m[0] > current]
        if pending and readonly:
            raise StoreError(f"{self.path} needs a schema upgrade: open it once without read-only mode")
        for version, description, statements in pending:
            c.execute("BEGIN IMMEDIATE")
            try:
                # another process may have migrated while we waited for the lock
                if c.execute("SELECT 1 FROM migrations WHERE version = ?", (version,)).fetchone():
                    c.execute("COMMIT")
                    continue
                for sql in statements:
                    c.execute(sql)
                c.execute("INSERT INTO migrations VALUES (?, ?, ?)", (version, description, _now()))
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @contextlib.contextmanager
    def _write(self, doing: str = "write to") -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction under the connection lock: committed when the
        block ends, rolled back on any exception (so a kill or an error leaves the archive as
        it was); SQLite errors reach callers as :class:`StoreError` ("cannot <doing> <path>")."""
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")
        with self._lock:
            c = self.conn
            try:
                c.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"cannot write to {self.path}: {exc}") from None
            try:
                yield c
                c.execute("COMMIT")
            except BaseException as exc:
                c.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"cannot {doing} {self.path}: {exc}") from None
                raise

    def reindex(self) -> int:
        """Recompute every stored article's search terms, story terms and near-duplicate
        signature with this marsad's analyser (after a stemmer change, see
        :data:`marsad.text.stem.STEMMER_VERSION`); one transaction, so a kill leaves the old
        index.  Near-duplicate links and stories are kept.  Returns the articles re-indexed."""
        from marsad.corpus.prepare import prepare

        n = 0
        with self._write("re-index") as c:
            c.execute("DELETE FROM fts")
            c.execute("DELETE FROM lsh")
            for rows in _article_pages(_fetcher(c), "data"):
                for rowid, data in rows:
                    it = prepare(_article(data), "-", self.analyzer, pack=False)
                    c.execute(
                        "UPDATE articles SET minhash = ?, story_terms = ? WHERE id = ?",
                        (dedup.pack(it.minhash) if it.minhash else None,
                         json.dumps(it.story_terms, ensure_ascii=False), rowid),
                    )
                    c.execute("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
                              (rowid, it.title_terms, it.body_terms))
                    if it.minhash:
                        c.executemany("INSERT OR IGNORE INTO lsh VALUES (?, ?, ?)",
                                      [(b, hv, rowid) for b, hv in dedup.band_keys(it.minhash)])
                    n += 1
            self._set_meta("stemmer_version", str(STEMMER_VERSION))
            self._set_meta("lsh_version", str(dedup.LSH_VERSION))
        self._story_cache.clear()
        self.stemmer_version = STEMMER_VERSION
        return n

    def relink_near_duplicates(self) -> int:
        """Link every stored article to its near-duplicate again with this marsad's rule, in
        the order the articles were stored, each against the articles stored before it, as an
        ingest would have (the band index and the stored terms, entities, outlets and dates);
        one transaction, so a kill leaves the old links.  Stories are kept (reset them to
        cluster with the new links).  Returns the articles linked."""
        n = 0
        with self._write("re-link the near-duplicates of") as c:
            c.execute("UPDATE articles SET near_dup_of = NULL WHERE near_dup_of IS NOT NULL")
            for rows in _article_pages(_fetcher(c), "minhash, length", "AND minhash IS NOT NULL", 2000):
                for rowid, blob, length in rows:
                    sig = dedup.unpack(blob)
                    near = self._near_duplicate(c, self._stored_words(c, rowid), dedup.band_keys(sig), sig,
                                                self._stored_facts(c, rowid), before=rowid, length=length)
                    if near is not None:
                        c.execute("UPDATE articles SET near_dup_of = ? WHERE id = ?", (near, rowid))
                        n += 1
        self._story_cache.clear()
        return n

    def rebuild_lsh(self) -> int:
        """Rebuild the near-duplicate band index from the stored signatures (after a change
        of :data:`marsad.corpus.dedup.LSH_VERSION`); one transaction.  Returns the articles
        indexed."""
        n = 0
        with self._write("rebuild the near-duplicate index of") as c:
            row = c.execute("SELECT value FROM meta WHERE key = 'lsh_version'").fetchone()
            if row and row[0] == str(dedup.LSH_VERSION):
                return 0  # another writer rebuilt it while this one waited for the lock
            c.execute("DELETE FROM lsh")
            for rows in _article_pages(_fetcher(c), "minhash", "AND minhash IS NOT NULL", 2000):
                c.executemany(
                    "INSERT OR IGNORE INTO lsh VALUES (?, ?, ?)",
                    [(b, hv, rowid) for rowid, blob in rows for b, hv in dedup.band_keys(dedup.unpack(blob))],
                )
                n += len(rows)
            self._set_meta("lsh_version", str(dedup.LSH_VERSION))
        return n

    def rekey_entities(self) -> int:
        """Re-key every stored entity with this marsad's entity keys (after a change of
        :data:`marsad.text.names.ENTITY_KEY_VERSION`): the entities table and the keys in the
        stored articles (their quotes' speakers too; their rendered pages are dropped with
        them by the fragments trigger).  One transaction, so a kill leaves the old keys.
        Two entities of one article that now share a key become one row.  Returns the
        articles whose keys changed."""
        from marsad.corpus.prepare import COMPRESS_LEVEL

        n = 0
        fields = set(Entity.__dataclass_fields__)
        with self._write("re-key the entities of") as c:
            row = c.execute("SELECT value FROM meta WHERE key = 'entity_key_version'").fetchone()
            if row and row[0] == str(ENTITY_KEY_VERSION):
                return 0  # another writer re-keyed it while this one waited for the lock
            for rows in _article_pages(_fetcher(c), "data"):
                for rowid, blob in rows:
                    data = json.loads(zlib.decompress(blob))
                    if not _rekeyed(data):
                        continue
                    packed = zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), COMPRESS_LEVEL)
                    c.execute("UPDATE articles SET data = ? WHERE id = ?", (packed, rowid))
                    c.execute("DELETE FROM entities WHERE article_id = ?", (rowid,))
                    ents = [Entity(**{k: v for k, v in e.items() if k in fields}) for e in data["entities"]]
                    c.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?)", _entity_rows(rowid, ents))
                    n += 1
            self._set_meta("entity_key_version", str(ENTITY_KEY_VERSION))
        self._story_cache.clear()
        return n

    def close(self) -> None:
        with self._lock:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass

    def _q(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        with self._lock:
            try:
                return self.conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.OperationalError as exc:
                raise StoreError(f"archive {self.path}: {exc}") from None

    # -- writing ---------------------------------------------------------------------
    def add_items(self, items: Iterable[IngestItem]) -> list[AddOutcome]:
        items = list(items)
        with self._write() as c:
            self._window_cache.clear()
            self._alias_cache = None  # this connection's own writes count at once
            return [self._add_one(c, it) for it in items]

    def _sid_of(self, c: sqlite3.Connection, rowid: int) -> str:
        return c.execute("SELECT sid FROM articles WHERE id = ?", (rowid,)).fetchone()[0]

    def _add_one(self, c: sqlite3.Connection, it: IngestItem) -> AddOutcome:
        a = it.article
        seen = c.execute("SELECT article_id FROM inputs WHERE key = ?", (it.input_key,)).fetchone()
        if seen:
            return AddOutcome("seen", self._sid_of(c, seen[0]))
        url = a.source.url
        site = a.source.site
        published = a.published.value if a.published else None
        if it.repeat_of is not None:
            row = c.execute(
                "SELECT a.id, a.sid, a.url FROM inputs i JOIN articles a ON a.id = i.article_id WHERE i.key = ?",
                (it.repeat_of,),
            ).fetchone()
            if row is None:  # ingest hands a repeat over only after the record it repeats
                raise StoreError(f"cannot record {url or it.input_key}: the record it repeats is not in {self.path}")
        else:
            h = it.content_hash or a.content_hash
            row = c.execute("SELECT id, sid, url FROM articles WHERE content_hash = ?", (h,)).fetchone()
        if row:
            rowid, sid, stored_url = row
            status = "seen"
            same = url is not None and url == stored_url
            if not same and url is not None:
                same = bool(c.execute("SELECT 1 FROM reprints WHERE article_id = ? AND url = ?", (rowid, url)).fetchone())
            if not same:
                c.execute(
                    "INSERT INTO reprints VALUES (?, ?, ?, ?, ?)", (rowid, url, site, published, _day(published))
                )
                status = "duplicate"
            c.execute("INSERT INTO inputs VALUES (?, ?, ?)", (it.input_key, rowid, status))
            return AddOutcome(status, sid)

        sid = h[:SHORT_ID_LEN]
        n = SHORT_ID_LEN
        while c.execute("SELECT 1 FROM articles WHERE sid = ?", (sid,)).fetchone():
            n += 2
            sid = h[:n]

        near = None
        keys = dedup.band_keys(it.minhash) if it.minhash else []
        if keys:
            facts = dedup.Facts.of(a)
            near = self._near_duplicate(c, self._dedup_words(it), keys, it.minhash, facts, length=len(a.text))
        data = it.data
        if data is None:
            from marsad.corpus.prepare import pack_article

            data = pack_article(a)
        cur = c.execute(
            """INSERT INTO articles (sid, content_hash, url, site, title, published, day, length, near_dup_of,
                   minhash, story_terms, data, added) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                sid,
                h,
                url,
                site,
                a.title,
                published,
                _day(published),
                len(a.text),
                near,
                dedup.pack(it.minhash) if it.minhash else None,
                json.dumps(it.story_terms, ensure_ascii=False),
                data,
                _now(),
            ),
        )
        rowid = cur.lastrowid
        c.execute("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)", (rowid, it.title_terms, it.body_terms))
        if keys:
            c.executemany("INSERT OR IGNORE INTO lsh VALUES (?, ?, ?)", [(b, hv, rowid) for b, hv in keys])
        c.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?)", _entity_rows(rowid, a.entities))
        c.executemany(
            "INSERT INTO topics VALUES (?, ?, ?)",
            [(rowid, t.label, t.probability) for t in a.topics if t.probability >= TOPIC_MIN_PROBABILITY],
        )
        if it.fragments:
            c.executemany(
                "INSERT OR REPLACE INTO fragments (article_id, kind, body) VALUES (?, ?, ?)",
                [(rowid, k, body) for k, body in it.fragments.items()],
            )
        c.execute("INSERT INTO inputs VALUES (?, ?, 'stored')", (it.input_key, rowid))
        return AddOutcome("stored", sid, self._sid_of(c, near) if near else None)

    def _dedup_words(self, it: IngestItem) -> list[str]:
        # The arabic index holds exactly the terms near-duplicates are compared on.
        if self.analyzer_name == "arabic":
            return it.body_terms.split()
        return dedup.shingle_words(it.article.text)

    def _stored_words(self, c: sqlite3.Connection, rowid: int) -> list[str]:
        if self.analyzer_name == "arabic":
            row = c.execute("SELECT body FROM fts WHERE rowid = ?", (rowid,)).fetchone()
            return row[0].split() if row and row[0] else []
        return dedup.shingle_words(self._stored_text(c, rowid))

    def _stored_facts(self, c: sqlite3.Connection, rowid: int) -> dedup.Facts:
        """A stored article's :class:`dedup.Facts` (its entities fetched only if the
        reworded route asks for them, its text only if the number test does; the entity rows
        are keyed as :meth:`_add_one` stores them)."""
        row = c.execute("SELECT site, published FROM articles WHERE id = ?", (rowid,)).fetchone()
        return dedup.Facts(
            lambda: c.execute("SELECT key, type, name FROM entities WHERE article_id = ?", (rowid,)).fetchall(),
            *(row or (None, None)),
            lambda: self._stored_text(c, rowid))

    def _stored_text(self, c: sqlite3.Connection, rowid: int) -> str:
        row = c.execute("SELECT data FROM articles WHERE id = ?", (rowid,)).fetchone()
        return _article(row[0]).text if row else ""

    def _entity_candidates(self, c: sqlite3.Connection, facts: dedup.Facts, length: int,
                           before: int | None = None) -> set[int]:
        """dedup's second candidate source: stored articles (before row ``before``, if given)
        that share with the new article a person, place or organisation named in at most
        :data:`dedup.ENTITY_CANDIDATE_ARTICLES` of them, and that
        :func:`dedup.entity_candidate_pair` compares with it."""
        day = _day(facts.published)
        if not day:
            return set()
        rare = dedup.ENTITY_CANDIDATE_ARTICLES
        keys = {key for key, typ, _ in facts.named() if typ in dedup.NAMED_TYPES}
        shared: set[int] = set()
        for key in keys:
            if before is None:
                rows = c.execute("SELECT article_id FROM entities WHERE key = ? LIMIT ?", (key, rare + 1))
            else:
                rows = c.execute("SELECT article_id FROM entities WHERE key = ? AND article_id < ? LIMIT ?",
                                 (key, before, rare + 1))
            ids = [r[0] for r in rows]
            if len(ids) <= rare:
                shared.update(ids)
        new = (length, day, facts.site)
        ids = sorted(shared)
        out: set[int] = set()
        for i in range(0, len(ids), 500):  # a text naming thousands of things stays under SQLite's variable limit
            chunk = ids[i : i + 500]
            rows = c.execute(f"SELECT id, length, day, site FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                             chunk)
            out.update(rowid for rowid, *stored in rows if dedup.entity_candidate_pair(new, tuple(stored)))
        return out

    def _near_duplicate(
        self,
        c: sqlite3.Connection,
        words: list[str],
        keys: list[tuple[int, int]],
        sig: list[int] | np.ndarray | None = None,
        facts: dedup.Facts | None = None,
        before: int | None = None,
        length: int | None = None,
    ) -> int | None:
        """The stored article the new one is linked to (:func:`dedup.link_target`): the first
        that LSH proposes (the most similar by signature first, at most
        :data:`dedup.MAX_VERIFIED` of them) and :func:`dedup.verify` accepts, or its own link
        when verify accepts that one too; None if there is none.  With the new article's
        ``facts`` the reworded route applies too (each stored article's facts from the store).
        ``before``: only articles stored before that row (re-linking a stored archive).  With
        the new article's facts and text ``length`` the rare names it shares propose candidates
        too (:meth:`_entity_candidates`)."""
        clause = " OR ".join(["(band = ? AND hash = ?)"] * len(keys))
        params = [v for k in keys for v in k]
        if before is not None:
            clause, params = f"({clause}) AND article_id < ?", [*params, before]
        found = {r[0] for r in c.execute(f"SELECT article_id FROM lsh WHERE {clause}", params)}
        if facts is not None and length is not None:
            found |= self._entity_candidates(c, facts, length, before)
        cands = sorted(found)
        if not cands:
            return None
        marks = ",".join("?" * len(cands))
        rows = c.execute(f"SELECT id, minhash, near_dup_of FROM articles WHERE id IN ({marks})", cands).fetchall()
        parent = {r[0]: r[2] or r[0] for r in rows}
        if len(cands) > 1 and sig is not None:
            # template-heavy articles can collide with hundreds of stored ones as the archive
            # grows: verify the most similar first and bound the work per article
            rows = [r for r in rows if r[1] is not None]
            est = dict(zip([r[0] for r in rows], dedup.jaccards(sig, [r[1] for r in rows]), strict=True))
            cands = sorted(est, key=lambda r: (-est[r], r))[: dedup.MAX_VERIFIED]

        def accepts(rowid: int) -> bool:
            stored_facts = self._stored_facts(c, rowid) if facts is not None else None
            return dedup.verify(words, self._stored_words(c, rowid), facts_a=facts, facts_b=stored_facts)

        return dedup.link_target(cands, parent.__getitem__, accepts)

    def has_input(self, input_key: str) -> bool:
        return bool(self._q("SELECT 1 FROM inputs WHERE key = ?", (input_key,)))

    def known_inputs(self, input_keys: Iterable[str]) -> set[str]:
        keys = list(input_keys)
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._q(f"SELECT key FROM inputs WHERE key IN ({marks})", chunk))
        return found

    def has_hash(self, content_hash: str) -> bool:
        return bool(self._q("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)))

    # -- reading one -----------------------------------------------------------------
    def resolve_id(self, id_or_prefix: str) -> str | None:
        p = (id_or_prefix or "").strip().lower()
        if not p or any(ch not in "0123456789abcdef" for ch in p):
            return None
        if len(p) < MIN_ID_PREFIX:
            raise StoreError(f"article id {id_or_prefix!r} too short: give at least {MIN_ID_PREFIX} characters")
        rows = self._q("SELECT sid FROM articles WHERE sid >= ? AND sid < ? LIMIT 2", (p, p + "g"))
        if not rows:
            return None
        if len(rows) > 1 and rows[0][0] != p:
            raise StoreError(f"article id {id_or_prefix!r} is ambiguous: give more characters")
        return rows[0][0]

    def _rowid(self, id: str) -> int | None:
        sid = self.resolve_id(id)
        if sid is None:
            return None
        r = self._q("SELECT id FROM articles WHERE sid = ?", (sid,))
        return r[0][0] if r else None

    def find_url(self, url: str) -> str | None:
        rows = self._q(
            """SELECT sid FROM articles WHERE url = ?
               UNION ALL SELECT a.sid FROM reprints r JOIN articles a ON a.id = r.article_id WHERE r.url = ? LIMIT 1""",
            (url, url),
        )
        return rows[0][0] if rows else None

    def get_article(self, id: str) -> Article | None:
        rowid = self._rowid(id)
        if rowid is None:
            return None
        (data,) = self._q("SELECT data FROM articles WHERE id = ?", (rowid,))[0]
        return _article(data)

    _SUMMARY_COLS = (
        "a.id, a.sid, a.title, a.site, a.url, a.published, a.story_id, a.near_dup_of, a.length,"
        " (SELECT count(*) FROM reprints r WHERE r.article_id = a.id),"
        " (SELECT sid FROM articles n WHERE n.id = a.near_dup_of)"
    )

    @staticmethod
    def _summary(row: tuple) -> ArticleSummary:
        _, sid, title, site, url, published, story, _near, length, reprints, near_sid = row
        return ArticleSummary(sid, title, site, url, published, story, near_sid, reprints, length)

    def _summaries(self, rowids: list[int]) -> dict[int, ArticleSummary]:
        out: dict[int, ArticleSummary] = {}
        for i in range(0, len(rowids), 500):
            chunk = rowids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._q(f"SELECT {self._SUMMARY_COLS} FROM articles a WHERE a.id IN ({marks})", chunk):
                out[row[0]] = self._summary(row)
        return out

    def get_summary(self, id: str) -> ArticleSummary | None:
        rowid = self._rowid(id)
        return self._summaries([rowid]).get(rowid) if rowid is not None else None

    def reprints(self, id: str) -> list[dict[str, Any]]:
        rowid = self._rowid(id)
        if rowid is None:
            return []
        rows = self._q("SELECT url, site, published FROM reprints WHERE article_id = ? ORDER BY published", (rowid,))
        return [{"url": u, "site": s, "published": p} for u, s, p in rows]

    def near_duplicates(self, id: str) -> list[ArticleSummary]:
        rowid = self._rowid(id)
        if rowid is None:
            return []
        # the article it is linked to, that one's other near-duplicates, and its own
        parent = self._q("SELECT coalesce(near_dup_of, id) FROM articles WHERE id = ?", (rowid,))[0][0]
        ids = [r[0] for r in self._q("SELECT id FROM articles WHERE (id = ? OR near_dup_of IN (?, ?)) AND id != ?",
                                     (parent, parent, rowid, rowid))]
        s = self._summaries(ids)
        return [s[i] for i in ids if i in s]

    def article_json(self, id: str) -> bytes | None:
        if len(id) == SHORT_ID_LEN:  # a full id (what the web app passes): one look-up
            rows = self._q("SELECT data FROM articles WHERE sid = ?", (id.lower(),))
            return zlib.decompress(rows[0][0]) if rows else None
        rowid = self._rowid(id)
        if rowid is None:
            return None
        return zlib.decompress(self._q("SELECT data FROM articles WHERE id = ?", (rowid,))[0][0])

    def _entity_key(self, key: str) -> str:
        """A key asked for, in this archive's key form: a typed key in another spelling
        (:func:`~marsad.text.names.typed_entity_key`) when the archive's keys are this
        marsad's; as it is in an archive keyed by an older marsad (read-only, not re-keyed)."""
        return typed_entity_key(key) if self._keys_current else key

    def _aliases(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        """The archive's people named alone by a family name that its full name owns
        (:func:`~marsad.corpus.entity_aliases.short_name_aliases`), each way round; worked out again
        only when the entities table has changed (about 0.1 s at 25k articles), and while an ingest
        keeps changing it, at most every :data:`ALIASES_MAX_AGE_S` seconds."""
        cache = self._alias_cache
        if cache is not None and time.monotonic() - cache[3] < ALIASES_MAX_AGE_S:
            return cache[1], cache[2]
        stamp = self._q("SELECT max(rowid) FROM entities")[0][0]
        if cache is not None and cache[0] == stamp:
            self._alias_cache = (stamp, cache[1], cache[2], time.monotonic())
        else:
            aliases = short_name_aliases(self._person_key_counts()) if self._keys_current else {}
            owned: dict[str, list[str]] = {}
            for alias, full in sorted(aliases.items()):
                owned.setdefault(full, []).append(alias)
            self._alias_cache = (stamp, aliases, owned, time.monotonic())
        return self._alias_cache[1], self._alias_cache[2]

    def _person_key_counts(self) -> list[tuple[str, int]]:
        """Every person key of the archive with its number of articles (from the key index)."""
        return self._q(
            "SELECT key, count(DISTINCT article_id) FROM entities WHERE key >= ? AND key < ? GROUP BY key",
            (PERSON_PREFIX, PERSON_KEYS_END),
        )

    def _entity_keys(self, key: str) -> list[str]:
        """The keys an entity asked for is counted under: its own (the full name's, when the key
        asked for is a family name alone that the full name owns) and its aliases."""
        key = self._entity_key(key)
        aliases, owned = self._aliases()
        key = aliases.get(key, key)
        return [key, *owned.get(key, ())]

    def entity_articles(self, key: str, limit: int = 12) -> list[ArticleSummary]:
        keys = self._entity_keys(key)
        marks = ",".join("?" * len(keys))
        # Straight from the entities index: the entity-filtered search scans the archive in
        # date order (~140 ms on SaudiNewsNet), this sorts only the entity's own articles.
        # One article per story: read the newest in chunks until ``limit`` stories are found
        # (an entity's newest articles may all sit in a few big stories).
        picked: list[int] = []
        stories: set[int] = set()
        chunk, offset = int(limit) * ENTITY_CHUNK_PER_STORY, 0
        while len(picked) < limit:
            rows = self._q(
                "SELECT a.id, a.story_id FROM articles a INDEXED BY articles_recent"
                f" WHERE a.id IN (SELECT article_id FROM entities WHERE key IN ({marks}))"
                " ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
                (*keys, chunk, offset),
            )
            for rowid, story in rows:
                if story is not None:
                    if story in stories:
                        continue
                    stories.add(story)
                picked.append(rowid)
                if len(picked) >= limit:
                    break
            if len(rows) < chunk:
                break
            offset += chunk
        s = self._summaries(picked)
        return [s[i] for i in picked if i in s]

    def story_articles(self, story_id: int, limit: int = 10) -> tuple[int, list[ArticleSummary]]:
        sid = _story_id(story_id)
        if sid is None:
            return 0, []
        size = self._q("SELECT count(*) FROM articles WHERE story_id = ?", (sid,))[0][0]
        if not size:
            return 0, []
        ids = [r[0] for r in self._q("SELECT id FROM articles WHERE story_id = ? ORDER BY published, id LIMIT ?", (sid, int(limit)))]
        s = self._summaries(ids)
        return size, [s[i] for i in ids if i in s]

    # -- stored renderings (marsad.serve) ----------------------------------------------
    def get_fragment(self, id: str, kind: str) -> bytes | None:
        if len(id) != SHORT_ID_LEN:
            id = self.resolve_id(id) or ""
        rows = self._q(
            "SELECT f.body FROM articles a JOIN fragments f ON f.article_id = a.id WHERE a.sid = ? AND f.kind = ?",
            (id, kind),
        )
        return rows[0][0] if rows else None

    def put_fragments(self, items: Iterable[tuple[str, str, bytes]]) -> int:
        n = 0
        with self._write() as c:
            for sid, kind, body in items:
                row = c.execute("SELECT id FROM articles WHERE sid = ?", (sid,)).fetchone()
                if row is None:
                    continue
                c.execute("INSERT OR REPLACE INTO fragments (article_id, kind, body) VALUES (?, ?, ?)", (row[0], kind, body))
                n += 1
        return n

    def fragment_ids(self, kind: str) -> set[str]:
        return {r[0] for r in self._q("SELECT a.sid FROM fragments f JOIN articles a ON a.id = f.article_id WHERE f.kind = ?", (kind,))}

    def prune_fragments(self, keep: Iterable[str]) -> int:
        keep = list(keep)
        with self._write() as c:
            return c.execute(f"DELETE FROM fragments WHERE kind NOT IN ({','.join('?' * len(keep)) or 'NULL'})", keep).rowcount

    # -- lists -----------------------------------------------------------------------
    def latest(self, limit: int = 20, offset: int = 0, source: str | None = None) -> list[ArticleSummary]:
        where, params = ("WHERE a.site = ?", [source]) if source else ("", [])
        rows = self._q(
            f"SELECT {self._SUMMARY_COLS} FROM articles a {where} ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
            [*params, int(limit), int(offset)],
        )
        return [self._summary(r) for r in rows]

    def iter_articles(self, batch: int = 500, skip: Collection[str] = ()) -> Iterator[tuple[str, Article]]:
        for rows in _article_pages(self._q, "sid, data", size=int(batch)):
            for _, sid, data in rows:
                if sid not in skip:
                    yield sid, _article(data)

    def _filter_sql(self, filters: SearchFilters | None) -> tuple[str, list[Any]]:
        if filters is None:
            return "", []
        parts, params = [], []
        if filters.sources:
            parts.append(f"a.site IN ({','.join('?' * len(filters.sources))})")
            params.extend(filters.sources)
        for value, op, name in ((filters.date_from, ">=", "from"), (filters.date_to, "<=", "to")):
            if value:
                day = _day(value)
                if day is None:
                    raise QueryError(f"--{name} must be an ISO date like 2015-07-21, got {value!r}")
                parts.append(f"a.day {op} ?")
                params.append(day)
        if filters.entity:
            keys = self._entity_keys(filters.entity)
            parts.append(f"EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND e.key IN ({','.join('?' * len(keys))}))")
            params.extend(keys)
        if filters.topic:
            parts.append("EXISTS (SELECT 1 FROM topics t WHERE t.article_id = a.id AND t.label = ?)")
            params.append(filters.topic)
        return (" AND ".join(parts), params)

    def search(
        self,
        query: str,
        filters: SearchFilters | None = None,
        page: int = 1,
        page_size: int = 10,
        collapse: bool = True,
    ) -> SearchResults:
        t0 = time.perf_counter()
        if page < 1 or page_size < 1:
            raise QueryError("page and page size start at 1")
        parsed = parse_query(query, self.analyzer)
        where, params = self._filter_sql(filters)
        if parsed.root is None:
            sql = (
                f"SELECT a.id, a.story_id, 0.0 FROM articles a {'WHERE ' + where if where else ''}"
                " ORDER BY a.published DESC, a.id DESC LIMIT ?"
            )
            args = [*params, SCAN_LIMIT]
        elif where:
            sql = (
                f"SELECT a.id, a.story_id, bm25(fts, {TITLE_WEIGHT}, 1.0) AS score FROM fts"
                f" JOIN articles a ON a.id = fts.rowid WHERE fts MATCH ? AND {where}"
                " ORDER BY score LIMIT ?"
            )
            args = [parsed.fts(), *params, SCAN_LIMIT]
        else:
            # without filters, rank inside the full-text index alone (no join per match:
            # 4x faster on frequent words) and fetch story ids for the ranked few after
            sql = f"SELECT rowid, NULL, bm25(fts, {TITLE_WEIGHT}, 1.0) AS score FROM fts WHERE fts MATCH ? ORDER BY score LIMIT ?"
            args = [parsed.fts(), SCAN_LIMIT]
        n_matches = None
        with self._lock:
            try:
                rows = self.conn.execute(sql, args).fetchall()
                if parsed.root is not None and not where:
                    if len(rows) == SCAN_LIMIT:
                        n_matches = self.conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (parsed.fts(),)).fetchone()[0]
                    stories = self._story_ids([r[0] for r in rows])
                    rows = [(r[0], stories.get(r[0]), r[2]) for r in rows]
            except sqlite3.OperationalError as exc:
                # the parser only emits valid FTS5; reaching here means a term the engine rejects
                raise QueryError(f"cannot run the query {query!r}: {exc}") from None
        groups: dict[Any, list[tuple[int, float]]] = {}
        for rowid, story, score in rows:
            key = story if (collapse and story is not None) else ("a", rowid)
            groups.setdefault(key, []).append((rowid, -score))
        ordered = list(groups.values())
        page_groups = ordered[(page - 1) * page_size : page * page_size]
        ids = [r for g in page_groups for r, _ in g]
        summaries = self._summaries(ids)
        story_ids = {summaries[g[0][0]].story_id for g in page_groups if g[0][0] in summaries}
        story_sizes = self._story_sizes([s for s in story_ids if s is not None])
        texts = self._texts([g[0][0] for g in page_groups])
        hits = []
        for g in page_groups:
            best, score = g[0]
            summ = summaries[best]
            snip, marks = snippet(texts.get(best, ""), parsed.positive_terms, self.analyzer, parsed.positive_prefixes)
            hits.append(
                SearchHit(
                    article=summ,
                    score=round(score, 4),
                    snippet=snip,
                    highlights=marks,
                    story_id=summ.story_id,
                    story_size=story_sizes.get(summ.story_id, 1),
                    also=[summaries[r] for r, _ in g[1:] if r in summaries],
                )
            )
        return SearchResults(
            query=query,
            parsed=str(parsed),
            total=len(ordered),
            total_articles=n_matches if n_matches is not None else len(rows),
            page=page,
            page_size=page_size,
            hits=hits,
            took_ms=round((time.perf_counter() - t0) * 1000, 2),
        )

    def _story_ids(self, rowids: list[int]) -> dict[int, int | None]:
        out: dict[int, int | None] = {}
        for i in range(0, len(rowids), 500):
            chunk = rowids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(self.conn.execute(f"SELECT id, story_id FROM articles WHERE id IN ({marks})", chunk).fetchall())
        return out

    def _texts(self, rowids: list[int]) -> dict[int, str]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        return {
            r: json.loads(zlib.decompress(d)).get("text", "")
            for r, d in self._q(f"SELECT id, data FROM articles WHERE id IN ({marks})", rowids)
        }

    def _story_sizes(self, story_ids: list[int]) -> dict[int, int]:
        if not story_ids:
            return {}
        marks = ",".join("?" * len(story_ids))
        return dict(
            self._q(f"SELECT story_id, count(*) FROM articles WHERE story_id IN ({marks}) GROUP BY story_id", story_ids)
        )

    @staticmethod
    def _period(date_from: str | None, date_to: str | None, source: str | None, alias: str = "a") -> tuple[str, list]:
        parts, params = [], []
        for value, op, name in ((date_from, ">=", "from"), (date_to, "<=", "to")):
            if value:
                day = _day(value)
                if day is None:
                    raise QueryError(f"--{name} must be an ISO date like 2015-07-21, got {value!r}")
                parts.append(f"{alias}.day {op} ?")
                params.append(day)
        if source:
            parts.append(f"{alias}.site = ?")
            params.append(source)
        return (" AND ".join(parts), params)

    def entities(
        self,
        top: int = 20,
        date_from: str | None = None,
        date_to: str | None = None,
        source: str | None = None,
        type: str | None = None,
    ) -> list[EntityCount]:
        where, params = self._period(date_from, date_to, source)
        if type:
            where = (where + " AND " if where else "") + "e.type = ?"
            params.append(type.upper())
        join = "JOIN articles a ON a.id = e.article_id" if (date_from or date_to or source) else ""
        aliases, owned = self._aliases() if not type or type.upper() == "PERS" else ({}, {})
        rows = self._q(
            f"""SELECT e.key, max(e.name), max(e.type), count(DISTINCT e.article_id), sum(e.mentions)
                FROM entities e {join} {'WHERE ' + where if where else ''}
                GROUP BY e.key ORDER BY 4 DESC, 5 DESC LIMIT ?""",
            [*params, int(top) + len(aliases) + len(owned)],
        )
        if aliases:
            # A family name alone that a full name owns is counted with it.  Grouping every row
            # by the full name is 4x slower than by the indexed key; so the keys outside any
            # alias come from the query above (it reads enough rows to hold the top ones once
            # the aliases and their owners are taken out) and only the owners' and aliases' rows
            # are regrouped.
            pairs = sorted(aliases.items())
            keys = [*aliases, *owned]
            rows = [r for r in rows if r[0] not in aliases and r[0] not in owned] + self._q(
                f"""WITH alias(key, full) AS (VALUES {','.join(['(?,?)'] * len(pairs))})
                    SELECT coalesce(al.full, e.key) AS k, max(e.name), max(e.type), count(DISTINCT e.article_id),
                           sum(e.mentions)
                    FROM entities e {join} LEFT JOIN alias al ON al.key = e.key
                    WHERE e.key IN ({','.join('?' * len(keys))}) {'AND ' + where if where else ''}
                    GROUP BY k""",
                [*(v for pair in pairs for v in pair), *keys, *params],
            )
            rows = sorted(rows, key=lambda r: (-r[3], -r[4], r[0]))[: int(top)]
        return [self._entity_count(r) for r in rows]

    def _entity_count(self, r: tuple) -> EntityCount:
        key, name, etype, articles, mentions = r
        names = self._q(
            "SELECT name, sum(mentions) FROM entities WHERE key = ? GROUP BY name ORDER BY 2 DESC LIMIT 1", (key,)
        )
        return EntityCount(key, names[0][0] if names else name, etype, articles, mentions)

    def entity(self, key: str) -> EntityDetail | None:
        keys = self._entity_keys(key)
        marks = ",".join("?" * len(keys))
        rows = self._q(
            f"SELECT ?, max(name), max(type), count(DISTINCT article_id), sum(mentions) FROM entities WHERE key IN ({marks})",
            (keys[0], *keys),
        )
        if not rows or rows[0][1] is None:
            return None
        base = self._entity_count(rows[0])
        by_day = self._q(
            f"""SELECT a.day, count(DISTINCT a.id) FROM entities e JOIN articles a ON a.id = e.article_id
               WHERE e.key IN ({marks}) AND a.day IS NOT NULL GROUP BY a.day ORDER BY a.day""",
            keys,
        )
        by_source = self._q(
            f"""SELECT coalesce(a.site, '?'), count(DISTINCT a.id) FROM entities e JOIN articles a ON a.id = e.article_id
               WHERE e.key IN ({marks}) GROUP BY a.site ORDER BY 2 DESC""",
            keys,
        )
        related_rows = self._q(
            f"""SELECT o.key, max(o.name), max(o.type), count(DISTINCT o.article_id), sum(o.mentions)
               FROM entities e JOIN entities o ON o.article_id = e.article_id AND o.key NOT IN ({marks})
               WHERE e.key IN ({marks}) GROUP BY o.key ORDER BY 4 DESC LIMIT 10""",
            (*keys, *keys),
        )
        recent_ids = [
            r[0]
            for r in self._q(
                f"""SELECT DISTINCT a.id FROM entities e JOIN articles a ON a.id = e.article_id
                   WHERE e.key IN ({marks}) ORDER BY a.published DESC, a.id DESC LIMIT 10""",
                keys,
            )
        ]
        s = self._summaries(recent_ids)
        return EntityDetail(
            key=base.key,
            name=base.name,
            type=base.type,
            articles=base.articles,
            mentions=base.mentions,
            by_day=[tuple(r) for r in by_day],
            by_source=[tuple(r) for r in by_source],
            related=[EntityCount(*r) for r in related_rows],
            recent=[s[i] for i in recent_ids if i in s],
            aliases=[
                self._entity_count(r)
                for r in self._q(
                    f"""SELECT key, max(name), max(type), count(DISTINCT article_id), sum(mentions) FROM entities
                        WHERE key IN ({','.join('?' * (len(keys) - 1))}) GROUP BY key ORDER BY 4 DESC, key""",
                    keys[1:],
                )
            ] if len(keys) > 1 else [],
        )

    def stories(
        self,
        top: int = 20,
        date_from: str | None = None,
        date_to: str | None = None,
        source: str | None = None,
        min_size: int = 2,
    ) -> list[StorySummary]:
        where, params = self._period(date_from, date_to, None)
        if source:
            where = (where + " AND " if where else "") + "a.story_id IN (SELECT story_id FROM articles WHERE site = ?)"
            params.append(source)
        rows = self._q(
            f"""SELECT a.story_id, count(*) AS n, count(DISTINCT a.site) FROM articles a
                WHERE a.story_id IS NOT NULL {'AND ' + where if where else ''}
                GROUP BY a.story_id HAVING n >= ? ORDER BY n DESC, 3 DESC, a.story_id LIMIT ?""",
            [*params, int(min_size), int(top)],
        )
        return [self._story_summary(r[0]) for r in rows]

    def _story_summary(self, story_id: int) -> StorySummary:
        rows = self._q(
            """SELECT a.title, a.site, a.published, (SELECT count(*) FROM reprints r WHERE r.article_id = a.id)
               FROM articles a WHERE a.story_id = ? ORDER BY a.published, a.id""",
            (story_id,),
        )
        reprint_sites = [
            r[0]
            for r in self._q(
                "SELECT DISTINCT r.site FROM reprints r JOIN articles a ON a.id = r.article_id WHERE a.story_id = ?",
                (story_id,),
            )
        ]
        sites = list(dict.fromkeys([r[1] for r in rows if r[1]] + [s for s in reprint_sites if s]))
        dates = [r[2] for r in rows if r[2]]
        title = next((r[0] for r in rows if r[0]), None)
        return StorySummary(
            id=story_id,
            title=title,
            size=len(rows),
            reprints=sum(r[3] for r in rows),
            sources=sites,
            first=min(dates) if dates else None,
            last=max(dates) if dates else None,
        )

    def story(self, id: int) -> StoryDetail | None:
        story_id = _story_id(id)
        if story_id is None:
            return None
        ids = [r[0] for r in self._q("SELECT id FROM articles WHERE story_id = ? ORDER BY published, id", (story_id,))]
        if not ids:
            return None
        base = self._story_summary(story_id)
        s = self._summaries(ids)
        marks = ",".join("?" * len(ids))
        ents = self._q(
            f"""SELECT key, max(name), max(type), count(DISTINCT article_id), sum(mentions) FROM entities
                WHERE article_id IN ({marks}) GROUP BY key ORDER BY 4 DESC, 5 DESC LIMIT 15""",
            ids,
        )
        return StoryDetail(**base.__dict__, articles=[s[i] for i in ids if i in s], entities=[EntityCount(*r) for r in ents])

    def sources(self) -> list[tuple[str, int]]:
        return [tuple(r) for r in self._q("SELECT coalesce(site, '?'), count(*) FROM articles GROUP BY site ORDER BY 2 DESC")]

    def stats(self) -> StoreStats:
        articles, first, last = self._q("SELECT count(*), min(day), max(day) FROM articles")[0]
        dups = self._q("SELECT count(*) FROM reprints")[0][0]
        near = self._q("SELECT count(*) FROM articles WHERE near_dup_of IS NOT NULL")[0][0]
        stories = self._q(
            "SELECT count(*) FROM (SELECT story_id FROM articles WHERE story_id IS NOT NULL GROUP BY story_id HAVING count(*) > 1)"
        )[0][0]
        size = 0
        if self.path != ":memory:":
            for suffix in ("", "-wal"):
                try:
                    size += os.path.getsize(self.path + suffix)
                except OSError:
                    pass
        return StoreStats(articles, dups, near, stories, self.sources(), first, last, SCHEMA_VERSION, size, self.path)

    # -- maintenance: stories --------------------------------------------------------
    # Parsed story terms and entity keys per article row: clustering meets the same
    # candidates again and again (every member of a running story), and a stored
    # article's entities never change; its story terms only in reindex(), which clears it.
    _STORY_CACHE_MAX = 30_000

    def _story_inputs(self, rows: list[tuple]) -> list[StoryInput]:
        cache = self._story_cache
        missing = [r[0] for r in rows if r[0] not in cache]
        if missing:
            if len(cache) + len(missing) > self._STORY_CACHE_MAX:
                cache.clear()
            ents: dict[int, set[str]] = {rowid: set() for rowid in missing}
            for i in range(0, len(missing), 500):
                chunk = missing[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for rowid, key in self._q(f"SELECT article_id, key FROM entities WHERE article_id IN ({marks})", chunk):
                    ents[rowid].add(key)
            for rowid, _sid, _day, terms, _story, _near in rows:
                if rowid in ents:
                    cache[rowid] = (json.loads(terms or "{}"), ents[rowid])
        out = []
        for rowid, sid, day, _terms, story, near_sid in rows:
            terms, ents_ = cache[rowid]
            out.append(StoryInput(sid, day, terms, ents_, story, near_sid))
        return out

    def _story_input(self, row: tuple) -> StoryInput:
        return self._story_inputs([row])[0]

    _STORY_COLS = "a.id, a.sid, a.day, a.story_terms, a.story_id, (SELECT sid FROM articles n WHERE n.id = a.near_dup_of)"

    def signatures(self) -> Iterator[tuple[str, str | None, int | None, list[int]]]:
        for rows in _article_pages(self._q, "sid, url, story_id, minhash", "AND minhash IS NOT NULL", 2000):
            for _, sid, url, story, blob in rows:
                yield sid, url, story, [int(v) for v in dedup.unpack(blob)]

    def story_input(self, id: str) -> StoryInput | None:
        rowid = self._rowid(id)
        if rowid is None:
            return None
        return self._story_input(self._q(f"SELECT {self._STORY_COLS} FROM articles a WHERE a.id = ?", (rowid,))[0])

    def unclustered(self, limit: int = 500) -> list[StoryInput]:
        rows = self._q(
            f"SELECT {self._STORY_COLS} FROM articles a WHERE a.clustered = 0 ORDER BY a.day, a.id LIMIT ?", (limit,)
        )
        return self._story_inputs(rows)

    def story_candidates(
        self,
        item: StoryInput,
        date_from: str | None,
        date_to: str | None,
        limit: int = 30,
        terms: list[str] | None = None,
    ) -> list[StoryInput]:
        if not item.terms:
            return []
        terms = terms or sorted(item.terms, key=lambda t: -item.terms[t])[:12]
        match = " OR ".join(f'"{t}"' for t in terms if '"' not in t)
        if not match:
            return []
        where, params = self._period(date_from, date_to, None)
        # The window's articles lie in a row-id range (a narrow one when the archive was
        # ingested roughly in date order): ranking inside the full-text index over that
        # range only, before the join, halves the cost on SaudiNewsNet (25k articles:
        # 7.2 -> 3.8 ms per query) and returns the same candidates.
        ids: tuple[int, int] | None = None
        if date_from and date_to:
            ids = self._window_ids(_day(date_from) or date_from, _day(date_to) or date_to)
            if ids is None:
                return []
        rank = f"bm25(fts, {TITLE_WEIGHT}, 1.0)"
        rows = self._q(
            f"""SELECT {self._STORY_COLS} FROM
                  (SELECT rowid AS r, {rank} AS score FROM fts
                   WHERE fts MATCH ? {'AND rowid BETWEEN ? AND ?' if ids else ''}) m
                JOIN articles a ON a.id = m.r
                WHERE a.clustered = 1 AND a.sid != ? {'AND ' + where if where else ''}
                ORDER BY m.score LIMIT ?""",
            [match, *(ids or ()), item.id, *params, limit],
        )
        return self._story_inputs(rows)

    def _window_ids(self, day_from: str, day_to: str) -> tuple[int, int] | None:
        """(lowest, highest) row id of the articles dated within the days; cached until the
        next write of articles."""
        key = (day_from, day_to)
        if key not in self._window_cache:
            lo, hi = self._q("SELECT min(id), max(id) FROM articles WHERE day BETWEEN ? AND ?", key)[0]
            self._window_cache[key] = None if lo is None else (lo, hi)
        return self._window_cache[key]

    def indexed_terms(self, title_terms: str, body_terms: str) -> set[str]:
        return set(_UNICODE61_TOKEN.findall(title_terms.lower())) | set(_UNICODE61_TOKEN.findall(body_terms.lower()))

    def document_frequencies(self, terms: Iterable[str] | None = None) -> tuple[dict[str, int], int]:
        total = self._q("SELECT count(*) FROM articles")[0][0]
        if terms is None:
            return dict(self._q("SELECT term, doc FROM fts_vocab")), total
        wanted = list(dict.fromkeys(terms))
        if len(wanted) > 200:  # one scan of the vocabulary beats hundreds of lookups
            everything = dict(self._q("SELECT term, doc FROM fts_vocab"))
            return {t: everything[t] for t in wanted if t in everything}, total
        out: dict[str, int] = {}
        for t in wanted:  # fts5vocab answers `term = ?` from the index; `IN (...)` scans
            row = self._q("SELECT doc FROM fts_vocab WHERE term = ?", (t,))
            if row:
                out[t] = row[0][0]
        return out, total

    def assign_stories(self, assignments: list[tuple[str, int | None]]) -> None:
        with self._lock:
            # inside story_batch() the batch's transaction commits
            batch = contextlib.nullcontext(self.conn) if self.conn.in_transaction else self._write()
            with batch as c:
                for sid, story in assignments:
                    if story is None:
                        c.execute("UPDATE articles SET story_id = id, clustered = 1 WHERE sid = ?", (sid,))
                    else:
                        c.execute("UPDATE articles SET story_id = ?, clustered = 1 WHERE sid = ?", (story, sid))

    def story_seed(self, story_id: int) -> StoryInput | None:
        # a story's id is the row id of the article that started it
        rows = self._q(f"SELECT {self._STORY_COLS} FROM articles a WHERE a.id = ?", (story_id,))
        return self._story_inputs(rows)[0] if rows else None

    def reset_stories(self) -> int:
        with self._write() as c:
            return c.execute("UPDATE articles SET story_id = NULL, clustered = 0").rowcount

    @contextlib.contextmanager
    def story_batch(self) -> Iterator[None]:
        # One write transaction on this connection: its own uncommitted assignments are
        # visible to its candidate queries, other readers see the batch when it commits,
        # and a killed run leaves the batch's articles unclustered for the next run.
        with self._write():
            yield
