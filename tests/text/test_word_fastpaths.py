"""The per-word fast paths (one-word normaliser, clitic split, suffix table, caches) give
exactly what their letter-by-letter references give, on any word."""

from __future__ import annotations

import importlib

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import normalize, split_clitics
from marsad.text import tokens as tokens_module
from marsad.text.normalize import normalize_word
from marsad.text.stem import MIN_STEM, SUFFIXES, light_stem, stem_of_split, stem_parts

# the module, not the function marsad.text exports under the same name
normalize_module = importlib.import_module("marsad.text.normalize")

# Proclitic letters, lookalike openings, every kind of character the fast paths treat apart
# (diacritics, tatweel, invisibles, alef/ya variants, digits), and Latin letters whose
# lower case is longer (İ) or depends on context (Σ).
ALPHABET = (
    list("وفبلكسالمدينةيتنرأإآىهعقصط")
    + list("\u064e\u0651\u0670\u0640\u200c\u200f\ufeffٱیک٣۴")
    + list("aBİΣσ-'")
)
WORDS = st.text(alphabet=ALPHABET, max_size=12)


def _stem_reference(split) -> str:
    """stem_of_split as first written: every suffix tried in SUFFIXES order."""
    from marsad.text.stem import NOT_INFLECTED, _place_stem

    norm = normalize(split.word)
    stem = normalize(split.stem) if split.prefixes else norm
    place = _place_stem(norm, len(norm) - len(stem))
    if place is not None:
        return place
    if "س" in split.prefixes:
        stem = norm[1:] if split.prefixes[0] in ("و", "ف") else norm
    if stem in NOT_INFLECTED:
        return stem
    for suffix in SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= MIN_STEM:
            return stem[: -len(suffix)]
    return stem


@settings(max_examples=500, deadline=None)
@given(WORDS)
def test_normalize_word_is_normalize(word: str) -> None:
    normalize_module._WORDS.pop(word, None)
    assert normalize_word(word) == normalize(word)  # computed
    assert normalize_word(word) == normalize(word)  # kept


@settings(max_examples=500, deadline=None)
@given(WORDS, st.integers(min_value=1, max_value=3))
def test_split_fast_path_is_the_reference(word: str, min_stem: int) -> None:
    expected = tokens_module._split_clitics_reference(word, min_stem)
    assert tokens_module._split_clitics(word, min_stem) == expected
    assert split_clitics(word, min_stem) == expected


@settings(max_examples=500, deadline=None)
@given(WORDS)
def test_stem_matches_the_reference(word: str) -> None:
    split = split_clitics(word)
    expected = _stem_reference(split)
    assert stem_of_split(split) == expected
    assert light_stem(word) == expected
    norm, bare, stem = stem_parts(split)
    assert (norm, bare, stem) == (normalize(word), normalize(split.stem), expected)


def test_word_cache_is_emptied_when_full(monkeypatch) -> None:
    monkeypatch.setattr(normalize_module, "_WORDS_SIZE", 3)
    normalize_module._WORDS.clear()
    words = ["والمدينة", "بالقلم", "للمنظمة", "وزير", "كالبرق"]
    assert [normalize_word(w) for w in words] == [normalize(w) for w in words]
    assert len(normalize_module._WORDS) <= 3


@settings(max_examples=400, deadline=None)
@given(st.one_of(WORDS, st.text(alphabet=list("وفبلكسالمدينةيتنرأإآىهعقصطؤئءغظ"), min_size=1, max_size=12)))
def test_plain_word_parts_is_the_general_analysis(word: str) -> None:
    from marsad.text.stem import plain_word_parts

    parts = plain_word_parts(word)
    if parts is None:
        return
    split, norm = _is_the_general_analysis(word, parts)
    assert tokens_module.split_plain_word(word) == (split, norm)
    for i in range(len(word) + 1):
        assert normalize_word(word[i:]) == norm[i:]


def _is_the_general_analysis(word: str, parts: tuple):
    """Assert that a fast path's ``parts`` of ``word`` are what split_clitics and stem_parts
    give; returns the general split and the normalised word."""
    from marsad.text import is_arabic_word, letter_runs

    prefixes, stem_offset, norm, bare, stem = parts
    split = split_clitics(word)
    assert (prefixes, stem_offset) == (split.prefixes, split.stem_offset)
    assert (norm, bare, stem) == stem_parts(split)
    assert letter_runs(word) == [norm] and is_arabic_word(word)
    return split, norm


def test_plain_word_parts_takes_plain_words_only() -> None:
    from marsad.text.stem import plain_word_parts

    assert plain_word_parts("والمدينة") is not None
    for word in ("المدينةُ", "مـدينة", "abc", "مدينة3", "", "ی"):
        assert plain_word_parts(word) is None


MARKED = st.text(alphabet=list("وفبلكسالمدينةيتنرأإآىهعقصطؤئءغظ") + list("\u064b\u064e\u0650\u0651\u0652\u0653\u0654\u0670\u0640\u06e5"), min_size=1, max_size=14)


@settings(max_examples=400, deadline=None)
@given(st.one_of(WORDS, MARKED))
def test_marked_word_parts_is_the_general_analysis(word: str) -> None:
    from marsad.text.stem import marked_word_parts, plain_word_parts

    parts = marked_word_parts(word)
    if parts is None:
        return
    _is_the_general_analysis(word, parts)
    assert plain_word_parts(word) in (None, parts)  # the same parts where both apply


def test_marked_word_parts_takes_letters_with_marks_only() -> None:
    from marsad.text.stem import marked_word_parts

    for word in ("والمدينةُ", "مـدينة", "كتابًا", "والمدينة"):
        assert marked_word_parts(word) is not None
    for word in ("abc", "مدينة3", "", "ی", "ـمدينة", "\u064eمدينة", "مدي\u200cنة"):
        assert marked_word_parts(word) is None
