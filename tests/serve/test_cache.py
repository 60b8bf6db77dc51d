"""The response cache: never stale after an ingest, bounded, revalidated with ETags."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.serve import create_app
from marsad.serve.cache import ResponseCache

from . import fixtures
from .conftest import build_archive


def _new_article(n: int, word: str = "الزعفرانة"):
    """A fictional article that mentions ``word`` (a place name no fixture uses)."""
    return fixtures.build(
        f"افتتاح سوق {word} الجديد رقم {n}",
        [f"افتتحت بلدية {word} السوق الشعبي رقم {n} صباح اليوم بحضور الأهالي.", "وقالت البلدية إن السوق سيعمل طوال الأسبوع."],
        site="akhbar-alqura.example",
        published=f"2031-04-{n:02d}T08:00:00",
        url=f"https://akhbar-alqura.example/news/{n}",
    )


@pytest.fixture()
def fresh(tmp_path):
    return build_archive(tmp_path / "archive.db")


def _add(path, articles):
    from marsad.store import open_store

    with open_store(path) as store:
        outcomes = store.add_articles(articles)
    return [o.id for o in outcomes]


def test_search_after_ingest_shows_the_new_article(fresh):
    with TestClient(create_app(fresh["path"])) as c:
        # opening the archive (re)creates its write-ahead log: one change of generation
        assert c.get("/healthz").json()["archive"]
        before = c.get("/api/search", params={"q": "الزعفرانة"}).json()
        assert before["total_articles"] == 0
        page_before = c.get("/search", params={"q": "الزعفرانة"})
        assert page_before.status_code == 200
        assert c.app.state.response_cache.hits == 0 and len(c.app.state.response_cache) == 2
        # the same request again is a cache hit with identical content
        assert c.get("/api/search", params={"q": "الزعفرانة"}).json() == before
        assert c.app.state.response_cache.hits == 1

        (new_id,) = _add(fresh["path"], [_new_article(1)])
        after = c.get("/api/search", params={"q": "الزعفرانة"}).json()
        assert after["total_articles"] == 1 and after["hits"][0]["article"]["id"] == new_id
        page_after = c.get("/search", params={"q": "الزعفرانة"})
        assert new_id in page_after.text and page_after.text != page_before.text


def test_article_page_after_story_change_shows_the_new_story(fresh):
    from marsad.store import open_store

    lone = fresh["ids"][-1]  # the unrelated article: a story of its own
    with TestClient(create_app(fresh["path"])) as c:
        first = c.get(f"/articles/{lone}")
        assert first.status_code == 200
        api_first = c.get(f"/api/articles/{lone}").json()
        (new_id,) = _add(fresh["path"], [_new_article(2)])
        assert new_id not in first.text
        # a changed archive: the new article joins the lone article's story
        with open_store(fresh["path"]) as store:
            story_id = store.get_summary(lone).story_id
            store.assign_stories([(new_id, story_id)])
        second = c.get(f"/articles/{lone}")
        assert second.status_code == 200 and new_id in second.text
        assert c.get(f"/api/articles/{new_id}").json()["title"] == _new_article(2).title
        assert c.get(f"/api/articles/{lone}").json() == api_first


def test_in_memory_store_is_checked_by_its_counts():
    from marsad.store import open_store

    store = open_store(":memory:")
    store.add_articles(fixtures.corpus())
    with TestClient(create_app(store=store, cache_check_seconds=0)) as c:
        assert c.get("/api/search", params={"q": "الزعفرانة"}).json()["total_articles"] == 0
        store.add_articles([_new_article(3)])
        assert c.get("/api/search", params={"q": "الزعفرانة"}).json()["total_articles"] == 1
    store.close()


def test_etag_revalidation_gives_304_then_200_after_ingest(fresh):
    with TestClient(create_app(fresh["path"])) as c:
        assert c.get("/healthz").json()["archive"]
        r = c.get("/api/search", params={"q": "تحلية"})
        etag = r.headers["etag"]
        assert r.headers["cache-control"] == "no-cache"
        again = c.get("/api/search", params={"q": "تحلية"}, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        assert "content-security-policy" in again.headers
        # fresh answers (cache miss) honour If-None-Match too
        art = c.get(f"/articles/{fresh['ids'][0]}")
        assert c.get(f"/articles/{fresh['ids'][0]}", headers={"If-None-Match": art.headers["etag"]}).status_code == 304
        _add(fresh["path"], [_new_article(4, word="تحلية")])
        changed = c.get("/api/search", params={"q": "تحلية"}, headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_language_is_part_of_the_key(fresh):
    aid = fresh["ids"][0]
    with TestClient(create_app(fresh["path"])) as c:
        ar = c.get(f"/articles/{aid}")
        assert 'lang="ar"' in ar.text
        c.cookies.set("marsad_lang", "en")
        en = c.get(f"/articles/{aid}")
        assert 'lang="en"' in en.text


def test_errors_and_cookie_setting_answers_are_not_cached(fresh):
    with TestClient(create_app(fresh["path"])) as c:
        assert c.get("/api/articles/ffffffffffff").status_code == 404
        r = c.get(f"/articles/{fresh['ids'][0]}", params={"lang": "en"})
        assert "set-cookie" in r.headers
        assert len(c.app.state.response_cache) == 0


def test_app_cache_is_bounded(fresh):
    with TestClient(create_app(fresh["path"], cache_entries=2)) as c:
        for aid in fresh["ids"]:
            assert c.get(f"/api/articles/{aid}").status_code == 200
        cache = c.app.state.response_cache
        assert len(cache) == 2
        # the newest two stay (least recently used goes first)
        before = cache.hits
        c.get(f"/api/articles/{fresh['ids'][-1]}")
        assert cache.hits == before + 1
    with TestClient(create_app(fresh["path"], cache_entries=0)) as c:
        c.get(f"/api/articles/{fresh['ids'][0]}")
        assert len(c.app.state.response_cache) == 0


@settings(max_examples=60, deadline=None)
@given(
    ops=st.lists(st.tuples(st.integers(0, 20), st.integers(0, 400)), max_size=80),
    max_entries=st.integers(0, 8),
    max_bytes=st.integers(0, 2000),
)
def test_lru_never_exceeds_its_bounds(ops, max_entries, max_bytes):
    cache = ResponseCache(max_entries, max_bytes)
    assert cache.get("warm", "g") is None  # the middleware always looks up before storing
    for key, size in ops:
        cache.put(key, "g", 200, [(b"a", b"b")], b"x" * size, '"e"')
        assert len(cache) <= max_entries and cache.nbytes <= max_bytes
        got = cache.get(key, "g")
        if got is not None:
            assert got[2] == b"x" * size
    assert cache.get(0, "other generation") is None and len(cache) == 0


def test_serve_environment_sets_the_cache_size(fresh, monkeypatch):
    from marsad.serve.app import app_from_env

    monkeypatch.setenv("MARSAD_SERVE_DB", fresh["path"])
    monkeypatch.setenv("MARSAD_SERVE_CACHE", "0")
    assert app_from_env().state.response_cache.max_entries == 0
    monkeypatch.setenv("MARSAD_SERVE_CACHE", "7")
    assert app_from_env().state.response_cache.max_entries == 7
