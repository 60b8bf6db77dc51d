"""words_with_breaks pieces stand in for normalized_words exactly when the text core says so."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import (
    is_arabic_word,
    letter_runs,
    normalized_words,
    pieces_are_normalized_words,
    split_sentences,
    words_with_breaks,
)
from marsad.text import tokens as tokens_module

# Arabic letters and marks, joiners and other invisibles, Latin letters with tricky lower
# cases, letters outside the tokeniser's Arabic ranges (ۮ, ࢠ), digits, punctuation.
ALPHABET = (
    list("ابتدرسعلمنهويةىأ")
    + list("\u064e\u0651\u0670\u0640\u200c\u200d\u200f\u200b\ufeff")
    + list("abİΣςσ²ۮࢠ")
    + list("03٣ .،؛؟!«»()'-_\n﴾")
)


def _runs(pieces: list[str]) -> list[str]:
    return [run for piece in pieces if piece for run in letter_runs(piece)]


def _foreign(pieces: list[str]) -> list[str]:
    return [p for p in pieces if p and not is_arabic_word(p)]


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_when_it_says_so_the_pieces_are_the_words(text: str) -> None:
    whole = words_with_breaks(text)
    if pieces_are_normalized_words(text, _foreign(whole)):
        assert _runs(whole) == normalized_words(text)
    by_sentence = [p for s in split_sentences(text) for p in words_with_breaks(s.text)]
    if pieces_are_normalized_words(text, _foreign(by_sentence)):
        assert _runs(by_sentence) == normalized_words(text)


def test_ordinary_news_text_needs_no_second_pass() -> None:
    text = "قال الوزيرُ إنّ الاجتماع الـثاني (2024) سيعقد في عمّان، مع وفد من NASA."
    pieces = words_with_breaks(text)
    assert pieces_are_normalized_words(text, _foreign(pieces))
    assert _runs(pieces) == normalized_words(text)


def test_pieces_that_normalisation_joins_are_refused() -> None:
    for text in ("كلمة\u200fأخرى", "عربيabc", "abc\u064edef", "abcعَربي", "ΑΣ.Β"):
        assert not pieces_are_normalized_words(text, _foreign(words_with_breaks(text)))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=12))
def test_letter_runs_of_a_word_are_its_normalized_words(word: str) -> None:
    assert letter_runs(word) == normalized_words(word)


# words_with_breaks' pattern before it took the white space before each piece and its
# quantifiers became possessive (a quarter faster): the reference for the same pieces
_PLAIN_PATTERN = re.compile(
    rf"""
    ([{tokens_module._ARABIC_LETTERS}][{tokens_module._ARABIC_LETTERS}{tokens_module._MARKS}\u200c\u200d]*
    |[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*)
    |[0-9\u0660-\u0669\u06f0-\u06f9]+|\S
    """,
    re.VERBOSE,
)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=ALPHABET + list("\t\u00a0\u2003\u3000\x1c\u2028ǂ٫5"), max_size=60))
def test_words_with_breaks_is_the_plain_pattern(text: str) -> None:
    assert words_with_breaks(text) == _PLAIN_PATTERN.findall(text)
