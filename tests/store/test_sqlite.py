"""The SQLite archive: storage, identity, duplicates, migrations, concurrent reading."""

from __future__ import annotations

import sqlite3

import pytest

from corpus.fictional import generate
from marsad.corpus import dedup
from marsad.corpus.stories import cluster_new
from marsad.document import Article, Published, Source
from marsad.errors import QueryError, StoreError
from marsad.store import SearchFilters, open_store
from marsad.store.sqlite import SCHEMA_VERSION, SQLiteStore


@pytest.fixture(scope="module")
def corpus():
    return generate(24, seed=3)


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus):
    s = open_store(tmp_path_factory.mktemp("store") / "a.db")
    s.outcomes = s.add_articles([a.article() for a in corpus])
    yield s
    s.close()


def test_outcomes_match_the_generated_kinds(store, corpus):
    for art, out in zip(corpus, store.outcomes):
        if art.kind == "exact":
            assert out.status == "duplicate"
        else:
            assert out.status == "stored"
        if art.kind == "near":
            assert out.near_duplicate_of is not None
        if art.kind == "original":
            assert out.near_duplicate_of is None, art.url


def test_roundtrip_keeps_every_layer(store, corpus):
    art = corpus[0].article()
    got = store.get_article(store.outcomes[0].id)
    assert got is not None
    assert got.to_dict() == art.to_dict()
    assert store.has_hash(art.content_hash)
    assert not store.has_hash("0" * 64)


def test_rerun_stores_nothing_new(store, corpus):
    before = store.stats()
    again = store.add_articles([a.article() for a in corpus])
    assert {o.status for o in again} == {"seen"}
    after = store.stats()
    assert (after.articles, after.duplicates) == (before.articles, before.duplicates)


def test_exact_reprint_is_recorded_against_the_stored_copy(store, corpus):
    i = next(i for i, a in enumerate(corpus) if a.kind == "exact")
    sid = store.outcomes[i].id
    urls = [r["url"] for r in store.reprints(sid)]
    assert corpus[i].url in urls
    assert store.get_summary(sid).duplicates == len(urls)
    assert store.find_url(corpus[i].url) == sid
    assert store.find_url("https://nowhere.example/") is None


def test_near_duplicates_listed_both_ways(store, corpus):
    i = next(i for i, a in enumerate(corpus) if a.kind == "near")
    near_id = store.outcomes[i].id
    orig_id = store.outcomes[i].near_duplicate_of
    assert orig_id in {s.id for s in store.near_duplicates(near_id)}
    assert near_id in {s.id for s in store.near_duplicates(orig_id)}


def test_short_ids_and_prefixes(store):
    sid = store.outcomes[0].id
    assert len(sid) == 10
    assert store.resolve_id(sid[:7]) == sid
    assert store.resolve_id("ffffffffff") in (None, "ffffffffff")
    assert store.resolve_id("not-hex") is None
    with pytest.raises(StoreError, match="too short"):
        store.resolve_id(sid[:3])
    assert store.get_article("zzzzzzzz") is None


def test_stats_sources_latest(store, corpus):
    st = store.stats()
    stored = sum(1 for a in corpus if a.kind != "exact")
    assert st.articles == stored
    assert st.duplicates == sum(1 for a in corpus if a.kind == "exact")
    assert st.schema_version == SCHEMA_VERSION
    assert sum(n for _, n in st.sources) == stored
    latest = store.latest(5)
    assert len(latest) == 5
    assert [a.published for a in latest] == sorted((a.published for a in latest), reverse=True)
    assert all(a.site == "wasla" for a in store.latest(50, source="wasla"))


def test_entities_and_entity_detail(store, corpus):
    top = store.entities(top=5)
    assert top and top[0].articles >= top[-1].articles
    detail = store.entity(top[0].key)
    assert detail.articles == top[0].articles
    assert sum(n for _, n in detail.by_source) >= detail.articles
    assert store.entity("no such key") is None
    only_pers = store.entities(top=50, type="PERS")
    assert only_pers and all(e.type == "PERS" for e in only_pers)
    one_day = store.entities(top=50, date_from="2031-03-01", date_to="2031-03-01")
    assert sum(e.articles for e in one_day) < sum(e.articles for e in store.entities(top=50))


def test_stories_after_clustering(store, corpus):
    cluster_new(store)
    top = store.stories(top=50)
    assert top and all(s.size >= 2 for s in top)
    detail = store.story(top[0].id)
    assert detail.size == len(detail.articles) == top[0].size
    # every article of a story belongs to one generated event
    events = {a.url: a.event for a in corpus}
    for s in top:
        assert len({events[a.url] for a in store.story(s.id).articles}) == 1
    assert store.story(10**9) is None


def test_search_filters_and_errors(store):
    res = store.search("وزارة", SearchFilters(sources=["wasla"]))
    assert all(h.article.site == "wasla" for h in res.hits)
    with pytest.raises(QueryError):
        store.search('"unclosed')
    with pytest.raises(QueryError, match="ISO date"):
        store.search("وزارة", SearchFilters(date_from="yesterday"))
    with pytest.raises(QueryError):
        store.search("وزارة", page=0)


def test_reopen_keeps_everything_and_migrations_recorded(tmp_path, corpus):
    path = tmp_path / "r.db"
    with open_store(path) as s:
        s.add_articles([a.article() for a in corpus[:5]])
        n = s.stats().articles
    with open_store(path, readonly=True) as s:
        assert s.stats().articles == n
        with pytest.raises(StoreError, match="read-only"):
            s.add_articles([corpus[6].article()])
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT max(version) FROM migrations").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_the_writer_gets_the_larger_page_cache_and_readers_keep_the_default(tmp_path):
    # the writer's lookups into a growing archive rely on it (CACHE_KIB); the web app opens a
    # read-only connection per server thread, which must not each take that much
    from marsad.store.sqlite import CACHE_KIB

    path = tmp_path / "c.db"
    with open_store(path) as s:
        assert s.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
    fresh = sqlite3.connect(":memory:")
    default = fresh.execute("PRAGMA cache_size").fetchone()[0]
    fresh.close()
    with open_store(path, readonly=True) as s:
        assert s.conn.execute("PRAGMA cache_size").fetchone()[0] == default


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "n.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations VALUES (?, 'from the future', '2099')", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_bad_files_give_store_errors(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError):
        open_store(junk)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a marsad archive"):
        open_store(other)
    with pytest.raises(StoreError, match="no archive"):
        open_store(tmp_path / "missing.db", readonly=True)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "dir" / "x.db")
    with pytest.raises(StoreError, match="unsupported"):
        open_store("postgresql://localhost/marsad")


def test_reader_sees_committed_state_while_a_write_is_open(tmp_path, corpus):
    path = tmp_path / "w.db"
    writer = open_store(path)
    writer.add_articles([corpus[0].article()])
    reader = open_store(path, readonly=True)
    # hold a write transaction open, as ingest does mid-batch
    writer.conn.execute("BEGIN IMMEDIATE")
    writer.conn.execute("UPDATE articles SET title = 'uncommitted'")
    assert reader.stats().articles == 1
    assert reader.latest(1)[0].title != "uncommitted"
    assert reader.search("وزارة").total_articles >= 0
    writer.conn.execute("ROLLBACK")
    writer.close()
    reader.close()


def test_failed_batch_leaves_nothing(tmp_path, corpus):
    s = SQLiteStore(str(tmp_path / "f.db"))
    from marsad.corpus.prepare import prepare

    good = [a.article() for a in corpus[:3]]
    bad = prepare(Article(text="نص", source=Source(url="https://x.example/bad"), published=Published("2031-01-01", "cli")))
    bad.story_terms = {"x": object()}  # makes the row's serialisation fail mid-batch
    with pytest.raises(TypeError):
        s.add_items([prepare(a) for a in good] + [bad])
    assert s.stats().articles == 0
    assert s.add_articles(good)[0].status == "stored"
    s.close()


def _plain(text: str, url: str) -> Article:
    return Article(text=text, title="", source=Source(url=url, site=url.split("/")[2], format="json"),
                   published=Published("2031-03-02", "metadata"))


def test_a_cut_reprint_and_a_roundup_are_linked_to_the_full_story(tmp_path, corpus):
    from corpus.test_dedup import OTHER, WIRE

    s = open_store(tmp_path / "c.db")
    s.add_articles([a.article() for a in corpus])
    full, cut, roundup = s.add_articles([
        _plain(WIRE, "https://wire.example/1"),
        _plain(WIRE.split(" وأضاف")[0], "https://cut.example/1"),
        _plain(OTHER + "\n" + WIRE, "https://roundup.example/1"),
    ])
    assert full.near_duplicate_of is None
    assert cut.near_duplicate_of == full.id
    assert roundup.near_duplicate_of == full.id
    s.close()


def test_band_index_of_another_version_is_rebuilt_on_write(tmp_path, corpus):
    path = tmp_path / "l.db"
    s = open_store(path)
    s.add_articles([a.article() for a in corpus])
    bands = s.conn.execute("SELECT count(*) FROM lsh").fetchone()[0]
    s.conn.execute("DELETE FROM lsh")
    s.conn.execute("UPDATE meta SET value = '1' WHERE key = 'lsh_version'")
    s.close()
    with open_store(path, readonly=True) as r:  # readers do not need the band index
        assert r.stats().articles
    s = open_store(path)
    assert s.conn.execute("SELECT count(*) FROM lsh").fetchone()[0] == bands > 0
    assert s.conn.execute("SELECT value FROM meta WHERE key = 'lsh_version'").fetchone()[0] == str(dedup.LSH_VERSION)
    s.close()


def test_band_index_rebuilt_by_another_writer_is_not_rebuilt_again(tmp_path, corpus):
    """The rebuild reads the version inside its own transaction: a writer that waited for
    the lock while another rebuilt the index (here: the same call twice) leaves it alone."""
    path = tmp_path / "w.db"
    s = open_store(path)
    s.add_articles([a.article() for a in corpus])
    s.conn.execute("UPDATE meta SET value = '1' WHERE key = 'lsh_version'")
    assert s.rebuild_lsh() > 0
    assert s.rebuild_lsh() == 0  # already current: nothing deleted, nothing redone
    assert s.conn.execute("SELECT count(*) FROM lsh").fetchone()[0] > 0
    s.close()


def test_opening_an_archive_does_not_import_the_minhash_library(tmp_path):
    # datasketch imports scipy (most of a second): search, show and the web app never hash
    import subprocess
    import sys

    path = tmp_path / "q.db"
    open_store(path).close()
    code = (
        "import sys; from marsad.store import open_store; s = open_store(sys.argv[1]); s.search('x'); s.close(); "
        "print('datasketch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_entities_keyed_by_an_older_marsad_are_rekeyed_on_write(tmp_path):
    """An archive whose entity keys predate the compound-name rule: a reader keeps its keys,
    the first writer re-keys the rows and the stored articles (quote speakers too), and
    two entities of one article that now share a key become one row."""
    import json
    import zlib

    from marsad.document import Entity, Quote

    text = "قال سلمان بن عبد العزيز إن الوفد وصل. وأكد سلمان بن عبدالعزيز الاتفاق."
    a = _plain(text, "https://keys.example/1")
    apart, joined = "سلمان بن عبد العزيز", "سلمان بن عبدالعزيز"
    i, j = text.index(apart), text.index(joined)
    old_apart, old_joined = "PERS:سلمان بن عبد العزيز", "PERS:سلمان بن عبدالعزيز"  # version 1's keys
    a.entities = [Entity(apart, "PERS", i, i + len(apart), apart, old_apart),
                  Entity(joined, "PERS", j, j + len(joined), joined, old_joined)]
    a.quotes = [Quote(text="إن الوفد وصل", start=text.index("إن الوفد"), end=text.index("إن الوفد") + 12, kind="reported",
                      speaker=apart, speaker_entity=old_apart)]
    path = tmp_path / "k.db"
    s = open_store(path)
    (out,) = s.add_articles([a])
    s.conn.execute("UPDATE meta SET value = '1' WHERE key = 'entity_key_version'")
    s.close()

    with open_store(path, readonly=True) as r:  # not re-keyed: the old keys still answer
        assert r.entity(old_apart).articles == 1
        assert r.entity(old_joined).articles == 1
    s = open_store(path)
    assert s.rekeyed_on_open == 1
    rows = s.conn.execute("SELECT key, mentions FROM entities").fetchall()
    assert rows == [(old_joined, 2)]
    stored = json.loads(zlib.decompress(s.conn.execute("SELECT data FROM articles").fetchone()[0]))
    assert {e["key"] for e in stored["entities"]} == {old_joined}
    assert stored["quotes"][0]["speaker_entity"] == old_joined
    assert s.get_article(out.id).check_spans() == []
    assert s.entity(old_apart).key == old_joined  # a key typed in the other spelling finds it
    assert s.search("", SearchFilters(entity=old_apart)).total_articles == 1
    assert s.rekey_entities() == 0  # current: nothing to do
    s.close()


def test_a_family_name_alone_is_counted_with_the_full_name_that_owns_it(tmp_path):
    from marsad.document import Entity
    from marsad.text.names import entity_key

    def article(i: int, names: list[str], day: int) -> Article:
        text = f"خبر رقم {i}: " + " و".join(names) + " في اجتماع اليوم بشأن الاقتصاد والتجارة والطاقة."
        ents = []
        for name in names:
            at = text.index(name)
            etype = "LOC" if name == "واشنطن" else "PERS"
            ents.append(Entity(name, etype, at, at + len(name), name, entity_key(etype, name)))
        return Article(text=text, title=f"عنوان {i}", source=Source(url=f"https://example.org/{i}", site="wasla"),
                       published=Published(f"2031-03-0{day}", "metadata"), entities=ents)

    full = [article(i, ["باراك أوباما", "واشنطن"], 1 + i % 3) for i in range(6)]
    alone = [article(10 + i, ["أوباما"], 4) for i in range(2)]
    with open_store(tmp_path / "a.db") as s:
        s.add_articles(full + alone)
        people = s.entities(top=5, type="PERS")
        assert [(e.name, e.articles) for e in people] == [("باراك أوباما", 8)]
        assert [(e.name, e.articles) for e in s.entities(top=5)] == [("باراك أوباما", 8), ("واشنطن", 6)]
        # the alias's own articles are in the period's count only when they are in the period
        assert {(e.name, e.articles) for e in s.entities(top=5, date_from="2031-03-01", date_to="2031-03-03")} == {
            ("باراك أوباما", 6), ("واشنطن", 6)}
        for asked in ("PERS:باراك أوباما", "PERS:أوباما"):
            detail = s.entity(asked)
            assert (detail.name, detail.articles) == ("باراك أوباما", 8)
            assert [(a.key, a.name, a.articles) for a in detail.aliases] == [(entity_key("PERS", "أوباما"), "أوباما", 2)]
            assert ("2031-03-04", 2) in detail.by_day
        assert len(s.entity_articles("PERS:باراك أوباما", 20)) == 8
        assert len(s.search("الاقتصاد", SearchFilters(entity="PERS:باراك أوباما"), page_size=20, collapse=False).hits) == 8
        # a new alias: the writing connection has it at once, another reader within a minute
        with open_store(tmp_path / "a.db", readonly=True) as reader:
            assert reader.entity("PERS:الزيد") is None
            s.add_articles([article(30 + i, ["هاني الزيد"], 5) for i in range(5)] + [article(40, ["الزيد"], 5)])
            assert s.entity("PERS:الزيد").name == "هاني الزيد"
            assert reader.entity("PERS:الزيد").name == "الزيد"  # the aliases it worked out a moment ago
            reader._alias_cache = (*reader._alias_cache[:3], reader._alias_cache[3] - 61)
            assert reader.entity("PERS:الزيد").name == "هاني الزيد"
