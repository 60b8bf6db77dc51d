"""The per-article word view shared by keyphrases and summary: flat lists that agree with
the text core, and word facts cached per process that equal freshly computed ones."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyze import wordstats
from marsad.analyze.wordstats import (
    BREAK,
    LEAD,
    WordInfo,
    analyse,
    content_stems,
    infos_of,
    locate,
    word_info,
)
from marsad.text import split_sentences, words_with_breaks

try:
    from .fixtures_about import ARTICLE, TITLE
except ImportError:  # run as a plain module
    from fixtures_about import ARTICLE, TITLE

ALPHABET = list("ابتجدرسعفقكلمنهويةىأوال\u064e\u0651ـ") + list(" .،؛؟!«»()0123\n") + list("Ab-")


def test_entries_follow_the_sentences() -> None:
    stats = analyse(ARTICLE)
    sentences = split_sentences(ARTICLE)
    assert stats.sentences == sentences
    assert len(stats.bounds) == len(sentences) + 1
    for i, sent in enumerate(sentences):
        pieces = words_with_breaks(sent.text)
        assert stats.pieces[stats.bounds[i] : stats.bounds[i + 1]] == pieces + [""]  # "" ends it
        assert stats.word_counts[i] == len([p for p in pieces if p])
        assert stats.sentence_of(stats.bounds[i]) == i
    assert stats.infos == [word_info(p) for p in stats.pieces]
    for name in ("keys", "entries", "topics", "foreign", "words"):  # the columns
        field = {"keys": "key", "entries": "entry", "topics": "topic", "words": "word"}.get(name, name)
        assert list(getattr(stats, name)) == [getattr(WordInfo._make(i), field) for i in stats.infos]
    assert stats.n_words == sum(stats.word_counts)
    assert analyse(ARTICLE) is stats  # the summary stage gets the keyphrase stage's view


def test_content_words_and_their_keys() -> None:
    stems = content_stems(TITLE)
    assert stems and all(stems)
    assert "في" not in stems  # a stop word is no content
    for info in map(WordInfo._make, infos_of(words_with_breaks(TITLE))):
        assert (info.key is not None) == info.content
        assert info.entry == ((info.stem, info.idf) if info.content else None)
    assert word_info("") is BREAK and not WordInfo._make(BREAK).content
    assert type(word_info("الوزير")) is tuple  # not a named tuple: the collector can untrack it


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_cached_facts_equal_fresh_ones(word: str) -> None:
    for piece in words_with_breaks(word):
        cached = word_info(piece)
        assert cached == (BREAK if not piece else wordstats._word_info(piece))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_located_words_are_the_words(text: str) -> None:
    stats = analyse(text)
    for i, piece in enumerate(stats.pieces):
        if piece:
            start, end = locate(stats, i, i + 1)
            assert text[start:end] == piece[stats.infos[i][LEAD] :]
