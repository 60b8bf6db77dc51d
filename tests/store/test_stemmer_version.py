"""Archives remember the stemmer version of their index; an old index is rebuilt, never searched wrongly."""

from __future__ import annotations

import sqlite3

import pytest

from marsad.corpus.prepare import prepare
from marsad.document import Article, Published, Source
from marsad.errors import StoreError
from marsad.store import open_store
from marsad.text.stem import STEMMER_VERSION

# Fictional articles: one about the country, one about a man named Saud.
TEXTS = [
    ("وفد السعودية يزور المعرض", "وصل وفد من السعودية إلى المعرض الدولي للكتاب صباح الأحد."),
    ("سعود يفتتح مكتبة", "افتتح المهندس سعود مكتبة صغيرة في الحي القديم."),
]


def _articles() -> list[Article]:
    return [
        Article(
            text=body,
            title=title,
            source=Source(url=f"https://x.example/{i}"),
            published=Published(f"2031-01-0{i + 1}", "test"),
        )
        for i, (title, body) in enumerate(TEXTS)
    ]


def _old_archive(path) -> None:
    """An archive as version 1 built it: السعودية indexed as سعود, no version in meta."""
    store = open_store(path)
    items = [prepare(a) for a in _articles()]
    for it in items:
        it.title_terms = it.title_terms.replace("سعودي", "سعود")
        it.body_terms = it.body_terms.replace("سعودي", "سعود")
    store.add_items(items)
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM meta WHERE key = 'stemmer_version'")
    conn.commit()
    conn.close()


def _urls(store, query: str) -> set[str]:
    return {h.article.url for h in store.search(query, collapse=False).hits}


def test_new_archive_records_the_stemmer_version(tmp_path):
    with open_store(tmp_path / "a.db") as store:
        assert store.stemmer_version == STEMMER_VERSION
    with open_store(tmp_path / "a.db", readonly=True) as store:
        assert store.stemmer_version == STEMMER_VERSION


def test_old_index_is_refused_read_only_and_rebuilt_on_write(tmp_path):
    path = str(tmp_path / "old.db")
    _old_archive(path)
    with pytest.raises(StoreError, match="stemmer version 1.*[Rr]e-index"):
        open_store(path, readonly=True)
    with open_store(path) as store:  # opening for writing re-indexes
        assert store.stemmer_version == STEMMER_VERSION
        assert _urls(store, "السعودية") == {"https://x.example/0"}
        assert _urls(store, "سعود") == {"https://x.example/1"}
        assert store.stats().articles == 2
    with open_store(path, readonly=True) as store:
        assert _urls(store, "بالسعودية") == {"https://x.example/0"}


def test_reindex_keeps_signatures_and_story_terms(tmp_path):
    path = str(tmp_path / "a.db")
    with open_store(path) as store:
        store.add_articles(_articles())
        before = store.conn.execute("SELECT minhash, story_terms FROM articles ORDER BY id").fetchall()
        lsh = store.conn.execute("SELECT count(*) FROM lsh").fetchone()[0]
        assert store.reindex() == 2
        assert store.conn.execute("SELECT minhash, story_terms FROM articles ORDER BY id").fetchall() == before
        assert store.conn.execute("SELECT count(*) FROM lsh").fetchone()[0] == lsh
        assert _urls(store, "سعود") == {"https://x.example/1"}


def test_plain_index_stays_readable(tmp_path):
    # the plain analyser's search terms do not depend on the stemmer
    from marsad.store.sqlite import SQLiteStore

    store = SQLiteStore(str(tmp_path / "p.db"), analyzer="plain")
    store.add_items([prepare(a, index_analyzer=store.analyzer) for a in _articles()])
    store.close()
    conn = sqlite3.connect(str(tmp_path / "p.db"))
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'stemmer_version'")
    conn.commit()
    conn.close()
    with SQLiteStore(str(tmp_path / "p.db"), readonly=True) as store:
        assert store.stemmer_version == 1
        assert _urls(store, "السعودية") == {"https://x.example/0"}
