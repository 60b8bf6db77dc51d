"""Snippets: the fast path (search in normalised text) finds what a full scan finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.search.analyzer import Analyzer
from marsad.search.snippets import _fast_matches, _scan_matches, snippet

A = Analyzer()
WORDS = "بالانسحاب الانسحاب انسحاب القوات والقوات المملكة للمملكة وزير الخارجية في من إلى مدارس بالمدارس اقتصادية الاقتصاد".split()


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["،", ".", "\n"]), max_size=60), st.sets(st.sampled_from(WORDS), min_size=1, max_size=3))
def test_fast_path_equals_full_scan(words, query):
    text = " ".join(words)
    terms = {A.term(w) for w in query} - {""}
    fast = _fast_matches(text, terms, [], A)
    assert fast is not None  # no diacritics: lengths line up
    assert fast == _scan_matches(text, terms, [], A)


def test_highlights_mark_inflected_forms():
    text = "أعلنت الوزارة بدء الانسحاب من المنطقة. " * 3 + "وقال المتحدث إن القوات بدأت بالانسحاب فجر اليوم."
    snip, marks = snippet(text, [A.term("انسحاب")], A)
    assert {snip[s:e] for s, e in marks} >= {"بالانسحاب"} or {snip[s:e] for s, e in marks} == {"الانسحاب"}
    assert all(A.term(snip[s:e]) == A.term("انسحاب") for s, e in marks)


def test_diacritics_fall_back_to_scan():
    text = "قَالَ الوَزِيرُ إِنَّ الانْسِحَابَ بَدَأَ"
    snip, marks = snippet(text, [A.term("انسحاب")], A)
    assert [snip[s:e] for s, e in marks] == ["الانْسِحَابَ"]


def test_no_match_gives_the_opening():
    snip, marks = snippet("نص قصير عن موضوع آخر", ["غير"], A)
    assert snip.startswith("نص") and marks == []
