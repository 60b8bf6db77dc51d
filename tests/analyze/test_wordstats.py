"""The per-article word view shared by keyphrases and summary: flat lists that agree with
the text core, and word facts cached per process that equal freshly computed ones."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyze import wordstats
from marsad.analyze.topics import get_model
from marsad.analyze.wordstats import (
    BREAK,
    IDF,
    KEY,
    LEAD,
    LEXICON_PATH,
    TOPIC,
    build_lexicon,
    lexicon_fingerprint,
    load_lexicon,
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
    assert stats.n_words == sum(stats.word_counts)
    assert analyse(ARTICLE) is stats  # the summary stage gets the keyphrase stage's view
    _check_arrays(stats)


def _check_arrays(stats) -> None:
    """The word-id columns say what the word facts say."""
    table, infos = stats.table, [WordInfo._make(i) for i in stats.infos]
    assert [table.ids[p] for p in stats.pieces] == stats.ids.tolist()
    assert [p == "" for p in stats.pieces] == (stats.ids == 0).tolist()
    for i, info in zip(stats.ids.tolist(), infos):
        s = table.stem_of[i]
        assert (table.stems[s] if s >= 0 else None) == info.key
        assert table.idf[i] == info.idf and table.lead[i] == info.lead and table.foreign[i] == info.foreign
        runs = len(info.topic) // 8
        assert table.runs[i] == min(runs, 2)
        if runs == 1:
            assert table.topic[i] == np.frombuffer(info.topic, dtype=np.int64)[0]
        if info.foreign or runs > 1:
            assert table.plain_topic[i] == wordstats.ODD_RUNS
        else:
            assert table.plain_topic[i] == (table.topic[i] if runs else wordstats.NO_RUN)
    content = [e for e, info in enumerate(infos) if info.content]
    assert stats.content.tolist() == content
    assert [table.stems[s] for s in stats.content_stems.tolist()] == [infos[e].key for e in content]
    assert stats.content_idf.tolist() == [infos[e].idf for e in content]
    words_before = [sum(1 for p in stats.pieces[: e + 1] if p) - 1 for e in content]
    assert stats.content_pos.tolist() == words_before


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
def test_word_arrays_equal_the_facts(text: str) -> None:
    _check_arrays(analyse(text))


def test_shipped_lexicon_is_current_and_used() -> None:
    # a stale lexicon (text core or model changed) is ignored at run time, which is safe but
    # slow: rebuild it with `python -m marsad.training.topics --lexicon-only`
    with np.load(LEXICON_PATH) as data:
        assert data["fingerprint"].tobytes().decode("ascii") == lexicon_fingerprint(get_model())
    assert load_lexicon() is not None


def test_every_lexicon_entry_equals_fresh_facts() -> None:
    lexicon = load_lexicon()
    surfaces = [w.decode("utf-8") for w in lexicon.surfaces.tolist()]
    assert len(surfaces) > 300_000
    facts = lexicon.facts(surfaces)
    assert len(facts) == len(surfaces)  # the hash table finds every word
    for word in surfaces:
        info = wordstats._word_info(word)
        topic = np.frombuffer(info[TOPIC], dtype=np.int64).tolist()
        assert facts[word] == (info[KEY], info[IDF], topic[0], info[LEAD]) and len(topic) == 1, word


@lru_cache(maxsize=1)
def _lexicon_words():
    lexicon = load_lexicon()
    return lexicon, {w.decode("utf-8") for w in lexicon.surfaces.tolist()}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=list("ابتجدرسعفقكلمنهويةىأوال"), min_size=1, max_size=17), max_size=20))
def test_lexicon_misses_are_misses(words: list[str]) -> None:
    lexicon, known = _lexicon_words()
    found = lexicon.facts(words + ["الوزير", "وزير"])
    assert set(found) == {w for w in words + ["الوزير", "وزير"] if w in known}


def test_lexicon_of_another_model_or_text_core_is_ignored(tmp_path) -> None:
    with np.load(LEXICON_PATH) as data:
        arrays = dict(data)
    arrays["fingerprint"] = np.frombuffer(b"0" * 64, dtype=np.uint8)
    np.savez(tmp_path / "stale.npz", **arrays)
    assert load_lexicon(tmp_path / "stale.npz") is None
    arrays = dict(np.load(LEXICON_PATH))
    arrays["lead"] = arrays["lead"] + 1  # facts this code would not compute
    np.savez(tmp_path / "wrong.npz", **arrays)
    assert load_lexicon(tmp_path / "wrong.npz") is None
    assert load_lexicon(tmp_path / "absent.npz") is None


def test_build_lexicon_smoke(tmp_path) -> None:
    counts = Counter({"الوزير": 5, "وزير": 3, "نادر": 1, "abc": 9, "الـوزير": 4})
    n = build_lexicon(counts, get_model(), tmp_path / "lex.npz", min_count=2)
    assert n == 2  # seen too rarely, not Arabic letters, a tatweel: left out
    lexicon = load_lexicon(tmp_path / "lex.npz")
    assert set(lexicon.facts(["الوزير", "وزير", "نادر"])) == {"الوزير", "وزير"}


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_located_words_are_the_words(text: str) -> None:
    stats = analyse(text)
    for i, piece in enumerate(stats.pieces):
        if piece:
            start, end = locate(stats, i, i + 1)
            assert text[start:end] == piece[stats.infos[i][LEAD] :]



def test_threads_sharing_the_word_table_see_the_same_facts(monkeypatch) -> None:
    # new words are registered while other threads read the table: each thread's articles
    # must come out as when analysed alone
    import random
    import threading

    from marsad.analyze.keyphrases import extract
    from marsad.document import Article

    rng = random.Random(3)
    letters = "ابتجدرسعفقكلمنهوي"
    texts = [
        " ".join("".join(rng.choice(letters) for _ in range(rng.randint(2, 7))) + rng.choice(["", "", ".", "،"]) for _ in range(80))
        for _ in range(40)
    ]
    monkeypatch.setattr(wordstats, "_TABLE", wordstats.WordTable(64))  # small: it grows while in use
    expected = {}
    for text in texts:
        expected[text] = extract(Article(text=text))
    monkeypatch.setattr(wordstats, "_TABLE", wordstats.WordTable(64))
    got: dict[str, list] = {}

    def work(part: list[str]) -> None:
        for text in part:
            got[text] = extract(Article(text=text))

    threads = [threading.Thread(target=work, args=(texts[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected


def test_new_words_are_kept_once() -> None:
    # the word table keeps the facts of the words it registers; word_info's cache must not
    # hold them a second time (it did for every word the lexicon lacks)
    words = ["زرقلومة", "وبمتحفلاتهم", "ΣİaΣ", "qzxwv"]  # made up: in no lexicon
    lexicon = wordstats.shipped_lexicon()
    assert lexicon is None or not lexicon.facts(words)
    for w in words:
        wordstats._CACHE.pop(w, None)
    stats = analyse("كتب " + " ".join(words) + " أمس.")
    assert all(w in stats.table.ids for w in words)
    assert not any(w in wordstats._CACHE for w in words)
    _check_arrays(stats)  # the table's facts are those word_info gives


def test_title_words_registered_into_a_full_table(monkeypatch) -> None:
    # a table grows by replacing its columns: a word registered by content_stems when the
    # table is full must be read from the new column (an IndexError before)
    monkeypatch.setattr(wordstats, "_TABLE", wordstats.WordTable(1))  # full after every article
    stats = analyse("كتب الطالب الدرس.")
    assert len(stats.table.ids) == len(stats.table.idf)  # full
    stems = content_stems("مدرسة جديدة للبنات في القرية")
    assert stems == [info[KEY] for info in infos_of(words_with_breaks("مدرسة جديدة للبنات في القرية")) if info[KEY]]


MARKED_TEXT = list("ابتجدرسعفقكلمنهويةىأوال") + list("\u064b\u064e\u0650\u0651\u0652\u0654\u0670\u0640") + list(" .،0A\n")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=MARKED_TEXT, max_size=60))
def test_word_facts_by_the_fast_paths_equal_the_general_analysis(text: str) -> None:
    # plain words and words with diacritics or tatweel skip the general clitic split: their
    # facts must be those the general path gives
    pieces = [p for p in words_with_breaks(text) if p]
    fast = [wordstats._word_info(p) for p in pieces]
    plain, marked = wordstats.plain_word_parts, wordstats.marked_word_parts
    try:
        wordstats.plain_word_parts = wordstats.marked_word_parts = lambda word: None
        general = [wordstats._word_info(p) for p in pieces]
    finally:
        wordstats.plain_word_parts, wordstats.marked_word_parts = plain, marked
    assert fast == general
