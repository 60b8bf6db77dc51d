"""The archive queries the web app added to the store: the SQLite versions answer what the
generic Store defaults (built on search() and story()) answer."""

from __future__ import annotations

import json
import sqlite3

import pytest

from marsad.errors import StoreError
from marsad.store import open_store
from marsad.store.base import Store

from .conftest import build_archive


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    info = build_archive(tmp_path_factory.mktemp("queries") / "archive.db")
    with open_store(info["path"], readonly=True, create=False) as s:
        yield s, info


def test_entity_articles_match_the_entity_filtered_search(store):
    s, _ = store
    keys = [e.key for e in s.entities(top=100)]
    assert keys
    for key in keys:
        for limit in (1, 2, 12):
            assert s.entity_articles(key, limit) == Store.entity_articles(s, key, limit), (key, limit)
    assert s.entity_articles("PERS:nobody at all") == []


def test_entity_articles_read_on_when_the_newest_share_a_story(tmp_path, monkeypatch):
    # An entity whose newest articles all sit in one story: with chunks of one article per
    # wanted story, its other story is found only by reading on past the first chunk.
    import marsad.store.sqlite as sqlite_store

    info = build_archive(tmp_path / "a.db")
    with open_store(info["path"]) as s:
        key = s.entities(top=1)[0].key
        con = sqlite3.connect(info["path"])
        newest_first = [r[0] for r in con.execute(
            "SELECT DISTINCT a.sid, a.published, a.id FROM articles a JOIN entities e ON e.article_id = a.id"
            " WHERE e.key = ? ORDER BY a.published DESC, a.id DESC", (key,))]
        con.close()
        assert len(newest_first) >= 3, "the fixture's top entity is in three or more articles"
        s.assign_stories([(newest_first[0], None)])
        story = s.get_summary(newest_first[0]).story_id
        s.assign_stories([(sid, story) for sid in newest_first[1:-1]] + [(newest_first[-1], None)])
        monkeypatch.setattr(sqlite_store, "ENTITY_CHUNK_PER_STORY", 1)
        got = s.entity_articles(key, 2)
        assert [a.id for a in got] == [newest_first[0], newest_first[-1]]
        assert got == Store.entity_articles(s, key, 2)


def test_story_articles_match_the_story(store):
    s, info = store
    for limit in (1, 2, 10):
        assert s.story_articles(info["story_id"], limit) == Store.story_articles(s, info["story_id"], limit)
    size, first = s.story_articles(info["story_id"], 9)
    assert size == 3 and [a.id for a in first] == [a.id for a in s.story(info["story_id"]).articles]
    assert s.story_articles(987654321) == (0, []) and s.story_articles("x") == (0, [])


def test_article_json_is_the_stored_article(store):
    s, info = store
    for art_id in info["ids"]:
        expected = s.get_article(art_id).to_dict()
        for given in (art_id, art_id[:6], art_id.upper()):
            got = json.loads(s.article_json(given))
            assert {k: v for k, v in got.items() if k != "marsad_version"} == {
                k: v for k, v in expected.items() if k != "marsad_version"
            }
    assert s.article_json("0000000000") is None and s.article_json("not-an-id") is None


def test_fragments_go_with_their_article(tmp_path):
    info = build_archive(tmp_path / "a.db")
    first, second = info["ids"][:2]
    with open_store(info["path"]) as s:
        assert s.put_fragments([(first, "k", b"1"), (second, "k", b"2"), ("ffffffffff", "k", b"x")]) == 2
        assert s.get_fragment(first, "k") == b"1" and s.get_fragment(first[:6], "k") == b"1"
        assert s.get_fragment(first, "other") is None and s.fragment_ids("k") == {first, second}
    with sqlite3.connect(info["path"]) as conn:  # a stored article changes, another goes
        conn.execute("UPDATE articles SET data = data WHERE sid = ?", (first,))
        conn.execute("DELETE FROM articles WHERE sid = ?", (second,))
    with open_store(info["path"]) as s:
        assert s.fragment_ids("k") == set()
        s.put_fragments([(info["ids"][2], "old", b"o"), (info["ids"][2], "k", b"n")])
        assert s.prune_fragments(["k"]) == 1 and s.fragment_ids("old") == set()
    with open_store(info["path"], readonly=True, create=False) as s:
        with pytest.raises(StoreError, match="read-only"):
            s.put_fragments([(info["ids"][2], "k", b"z")])
