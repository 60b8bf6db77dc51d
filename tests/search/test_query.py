"""Query syntax: what users type becomes a safe full-text expression, or a clear QueryError."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.errors import QueryError
from marsad.search.analyzer import Analyzer
from marsad.search.query import parse_query

A = Analyzer()


@pytest.mark.parametrize(
    "query, fts",
    [
        ("بالانسحاب القوات", '"<انسحاب>" AND "<القوات>"'),
        ('"وزير الخارجية" OR ايران', '"<وزير> <الخارجية>" OR "<ايران>"'),
        ("النفط NOT ايران", '"<النفط>" NOT "<ايران>"'),
        ("النفط -ايران", '"<النفط>" NOT "<ايران>"'),
        ("(ايران OR العراق) AND النفط", '("<ايران>" OR "<العراق>") AND "<النفط>"'),
        ("اقتصاد*", '"اقتصاد"*'),
        ("في النفط", '"<النفط>"'),
    ],
)
def test_parses(query, fts):
    # <word> stands for the analyser's term of the word
    expected = re.sub(r"<([^>]+)>", lambda m: A.term(m.group(1)), fts)
    assert parse_query(query).fts() == expected


def test_a_query_in_presentation_forms_or_with_control_characters_is_its_letters():
    assert parse_query("ﺑﺎﻻﻧﺴﺤﺎﺏ ﺍﻟﻘﻮﺍﺕ").fts() == parse_query("بالانسحاب القوات").fts()
    assert parse_query("\x1b[31mالنفط\x07").fts() == parse_query("النفط").fts()


def test_positive_terms_exclude_negated():
    q = parse_query("النفط -ايران")
    assert q.positive_terms == [A.term("النفط")]


def test_empty_query_means_filters_only():
    assert parse_query("   ").root is None


@pytest.mark.parametrize(
    "query, message",
    [
        ('"وزير الخارجية', "unbalanced quote"),
        ("(ايران", "never closed"),
        ("ايران)", "no matching"),
        ("NOT ايران", "only exclude"),
        ("-ايران", "only exclude"),
        ("ايران OR", "needs a word after"),
        ("AND ايران", "needs a word before"),
        ("ايران OR NOT العراق", "NOT inside OR"),
        ("في من", "no searchable words"),
        ("ا*", "too short"),
        ("ايران " * 100, "at most"),
        ("x" * 2000, "too long"),
    ],
)
def test_malformed_queries_explain(query, message):
    with pytest.raises(QueryError, match=message):
        parse_query(query)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list('ابت ثجح"()*-:^{}\'.,;') + [" AND ", " OR ", " NOT ", " NEAR ", "ايران"]), max_size=25).map("".join))
def test_never_anything_but_query_error(text):
    try:
        q = parse_query(text)
    except QueryError:
        return
    assert (q.root is None) == (q.fts() == "")
