"""Search over a fictional archive: Arabic matching, operators, filters, snippets, collapsing."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.fictional import generate
from marsad.corpus.stories import cluster_new
from marsad.errors import QueryError
from marsad.store import SearchFilters, open_store


@pytest.fixture(scope="module")
def corpus():
    return generate(24, seed=11)


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus):
    s = open_store(tmp_path_factory.mktemp("search") / "s.db")
    s.add_articles([a.article() for a in corpus])
    cluster_new(s)
    yield s
    s.close()


def test_inflected_query_finds_base_forms(store):
    # the corpus writes "التطعيم"; the query uses a different clitic form
    res = store.search("بالتطعيم", collapse=False)
    assert res.total_articles > 0
    for hit in res.hits:
        marked = [hit.snippet[s:e] for s, e in hit.highlights]
        assert marked and all("تطعيم" in m for m in marked)


def test_phrase_requires_adjacency(store):
    loose = store.search("الشمري المتحدث", collapse=False).total_articles
    phrase = store.search('"نورة الشمري"', collapse=False).total_articles
    assert phrase > 0
    assert store.search('"الشمري نورة"', collapse=False).total_articles == 0
    assert loose >= 0


def test_boolean_operators(store):
    a = store.search("التمور", collapse=False).total_articles
    b = store.search("الكتاب", collapse=False).total_articles
    both = store.search("التمور OR الكتاب", collapse=False).total_articles
    assert a and b and both == a + b  # no article is about both
    assert store.search("التمور NOT التمور", collapse=False).total_articles == 0
    assert store.search("التمور AND الكتاب", collapse=False).total_articles == 0


def test_filters(store, corpus):
    day = corpus[0].date
    res = store.search("", SearchFilters(date_from=day, date_to=day), page_size=100, collapse=False)
    assert res.total_articles == sum(1 for a in corpus if a.date == day and a.kind != "exact")
    org = store.entities(top=1, type="ORG")[0]
    res = store.search("", SearchFilters(entity=org.key), page_size=200, collapse=False)
    assert res.total_articles == org.articles


def test_collapse_by_story(store):
    flat = store.search("مليون", collapse=False, page_size=200)
    grouped = store.search("مليون", page_size=200)
    assert grouped.total < flat.total_articles
    assert sum(1 + len(h.also) for h in grouped.hits) == flat.total_articles
    for h in grouped.hits:
        assert all(x.story_id == h.story_id for x in h.also)
        assert h.story_size >= 1 + len(h.also)


def test_ranking_prefers_title_and_paging(store):
    res = store.search("التمور", collapse=False, page_size=3)
    assert [h.score for h in res.hits] == sorted((h.score for h in res.hits), reverse=True)
    page2 = store.search("التمور", collapse=False, page_size=3, page=2)
    assert not {h.article.id for h in res.hits} & {h.article.id for h in page2.hits}


def test_snippet_highlights_are_inside(store):
    for h in store.search("المطار OR الطاقة", page_size=50).hits:
        for s, e in h.highlights:
            assert 0 <= s < e <= len(h.snippet)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list('التمورالكتاب"()*- ^:{') + [" AND ", " OR ", " NOT ", " NEAR "]), max_size=20).map("".join))
def test_any_query_is_results_or_query_error(store, text):
    try:
        store.search(text)
    except QueryError:
        pass
    except sqlite3.Error as exc:  # pragma: no cover - the failure this test exists for
        pytest.fail(f"SQL error reached the caller: {exc}")
