"""The Arabic analyser: the same term for the forms a reader would expect to match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.search.analyzer import Analyzer, PlainAnalyzer, get_analyzer

A = Analyzer()


def test_clitics_and_suffixes_meet():
    assert A.term("بالانسحاب") == A.term("انسحاب") == A.term("الانسحاب") == A.term("والانسحاب")
    assert A.term("للمملكة") == A.term("المملكة") == A.term("المملكه")
    assert A.term("السعودية") == A.term("السعوديه")
    assert A.term("أمريكا") == A.term("امريكا")


def test_lookalike_stems_are_not_cut():
    assert A.term("وزير").startswith("وزير")
    assert A.term("فلسطين").startswith("فلسط")


def test_a_word_cut_into_a_function_word_is_still_searchable():
    # بلدية "municipality" was cut to لدي "I have", a function word: the query had no term
    assert A.term("بلدية") == A.term("البلدية") != ""
    assert A.index_text("بلدية") != ""
    assert A.term("فساد") != A.term("سادية")
    # an inflectional suffix cut into a function word: ولاية "state" → ولا "and not"
    assert A.term("ولاية") == A.term("الولاية") != ""
    assert A.term("الوفيات") == A.term("وفيات") != ""
    assert A.term("التحتية") != ""
    # ...but a function word with a pronoun, or with clitics, is still no term
    assert A.term("خلالها") == A.term("وخلالها") == A.term("وفي") == ""


def test_function_words_and_punctuation_dropped():
    assert A.term("في") == ""
    assert A.index_text("في من على ، .") == ""


def test_numbers_and_latin():
    assert A.term("٢٠١٥") == A.term("2015") == "2015"
    assert A.term("OPEC") == "opec"


def test_plain_baseline_does_nothing_arabic():
    p = PlainAnalyzer()
    assert p.term("بالانسحاب") != p.term("انسحاب")
    assert get_analyzer("plain").name == "plain"


def test_snowball_option_restores_leading_letters():
    s = get_analyzer("snowball")
    assert s.term("وزير") == "وزير"
    assert s.term("بالانسحاب") == s.term("انسحاب")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةى ًٌٍَُِّْـ،.0١ \n")), max_size=80))
def test_terms_point_at_their_tokens(text):
    for t in A.terms(text):
        assert t.term == A.term(text[t.start : t.end])
        assert t.term and " " not in t.term


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى ً ٌ ـ،.؛:!؟-_'0123456789٠١٢٣abcXYZ \n\t%/", max_size=120))
def test_term_strings_are_the_terms_without_offsets(text):
    for an in (A, PlainAnalyzer()):
        assert an.term_strings(text) == [t.term for t in an.terms(text)]
        assert an.index_text(text) == " ".join(t.term for t in an.terms(text))
