"""Tokens carry exact offsets; proclitics split off without eating stems."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import split_clitics, strip_clitics, tokenize, words

ALPHABET = list("ابتجدرسعفقكلمنهوية\u064e\u0651ـ٠١2 3.,،؛؟!«»\"'()-AbcD%/\n")


def test_tokens_kinds_and_offsets():
    text = "قال الوزيرُ «نعم»، والنسبة 3.5% في 2022."
    toks = tokenize(text)
    assert [t.text for t in toks if t.kind == "number"] == ["3.5%", "2022"]
    assert "الوزيرُ" in [t.text for t in toks if t.kind == "arabic"]
    assert [t.text for t in toks if t.kind == "punct"][:2] == ["«", "»"]
    for t in toks:
        assert text[t.start : t.end] == t.text


def test_words_skip_punctuation_and_numbers():
    assert words("مرحبا، يا Ali! 12") == ["مرحبا", "يا", "Ali"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_tokens_index_the_text_in_order(text):
    last = 0
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text
        assert t.start >= last
        last = t.end
        assert not t.text.isspace()


@pytest.mark.parametrize(
    "word, prefixes, stem",
    [
        ("وبالمدينة", ("و", "ب", "ال"), "مدينة"),
        ("للمنظمة", ("ل", "ال"), "منظمة"),
        ("فسيذهب", ("ف", "س"), "يذهب"),
        ("كالبرق", ("ك", "ال"), "برق"),
        ("والرئيس", ("و", "ال"), "رئيس"),
        ("وزير", (), "وزير"),  # و is part of the stem
        ("فلسطين", (), "فلسطين"),
        ("بلد", (), "بلد"),
        ("سلام", (), "سلام"),  # س before a non-imperfect letter is a stem letter
        ("من", (), "من"),
        ("سأذهب", ("س",), "أذهب"),  # sa- before the first-person hamza
        ("سابق", (), "سابق"),  # a bare alef after س is a stem letter
        ("ليلى", (), "ليلى"),  # given names that begin like a proclitic
        ("كتاب", (), "كتاب"),
        ("كجزء", ("ك",), "جزء"),
    ],
)
def test_split_clitics(word, prefixes, stem):
    split = split_clitics(word)
    assert split.prefixes == prefixes
    assert split.stem == stem
    assert word[split.stem_offset :] == split.stem
    assert strip_clitics(word) == stem


def test_split_clitics_keeps_diacritics_offsets():
    split = split_clitics("وَالمَدِينَةُ")
    assert split.prefixes[0] == "و"
    assert "وَالمَدِينَةُ"[split.stem_offset :] == split.stem
    assert split.has_article


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("وفبلكسالمدينةيتنر\u064e"), min_size=1, max_size=10))
def test_split_clitics_stem_is_a_suffix(word):
    split = split_clitics(word)
    assert word[split.stem_offset :] == split.stem
    assert split.stem
