"""The batched ensemble path of the entity tagger (``marsad.analyze.ner._Ensemble``) against its
references: crfsuite's own state scores, marginals and Viterbi, sentence-by-sentence decoding;
the word tables, batches and the document pass.  The CRF weight reader and the numpy
forward-backward: test_ner_crf.py; the network's code: test_ner_neural.py."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyze import ner, ner_crf
from marsad.analyze import ner_neural as nn

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
CAMEL_TEST = SHARED / "data" / "ner" / "anercorp" / "camel_test.txt"

try:
    from .fixtures_ner import SENTENCES, neural_tagger
except ImportError:  # tests/analyze is not a package
    from fixtures_ner import SENTENCES, neural_tagger

@pytest.fixture(scope="module")
def tagger() -> ner.Tagger:
    return neural_tagger()


def crfsuite_marginals(tagger: ner.Tagger, tokens: list[str]) -> np.ndarray:
    return tagger._crf_marginals(tagger.featurizer.sentence(tokens))


def test_batched_marginals_equal_crfsuites(tagger: ner.Tagger) -> None:
    sents = [s for s in SENTENCES if s]
    ens = tagger._ensemble
    lists, lengths, rows, gaz = ens.batch(sents)
    scores = ens._crf_scores(rows, lengths, lists, gaz)
    for i, s in enumerate(sents):  # the state scores are what crfsuite sums over the feature lists
        feats = tagger.featurizer.sentence(s)
        want = np.array([ens.crf.vector(f) for f in feats])
        np.testing.assert_allclose(scores[i, : len(s)], want, atol=1e-9)
    got = ner_crf.marginals(scores, lengths, ens.crf.trans)
    for i, s in enumerate(sents):
        np.testing.assert_allclose(got[i, : len(s)], crfsuite_marginals(tagger, s), atol=1e-9)


def test_fast_tags_equal_the_reference_decode(tagger: ner.Tagger) -> None:
    assert tagger.tag_sentences(SENTENCES) == tagger.tag_sentences_reference(SENTENCES)
    # one sentence at a time and in another order: the same tags
    assert [tagger.tag_sentences([s])[0] for s in SENTENCES] == tagger.tag_sentences(SENTENCES)
    assert tagger.tag_sentences(SENTENCES[::-1]) == tagger.tag_sentences(SENTENCES)[::-1]


def test_word_tables_start_afresh_without_changing_tags(tagger: ner.Tagger, monkeypatch) -> None:
    before = tagger.tag_sentences(SENTENCES)
    monkeypatch.setattr(ner._Ensemble, "MAX_ROWS", 5)
    monkeypatch.setattr(ner._Ensemble, "MAX_CELLS", 20)
    assert tagger.tag_sentences(SENTENCES) == before
    assert len(tagger._ensemble._rows) < 40


@given(st.lists(st.integers(1, 300), max_size=40), st.integers(1, 600))
def test_padded_batches_cover_each_sentence_once_within_the_cell_cap(lengths: list[int], cap: int) -> None:
    lengths = sorted(lengths, reverse=True)
    batches = ner.padded_batches(lengths, cap)
    assert [i for b in batches for i in b] == list(range(len(lengths)))
    for b in batches:
        assert b and (len(b) * lengths[b[0]] <= cap or len(b) == 1)


def test_a_very_long_sentence_is_not_batched_with_short_ones(tagger: ner.Tagger, monkeypatch) -> None:
    # fictional words, no punctuation: one ~5,000-token "sentence" among short ones
    words = [w for s in SENTENCES for w in s if w.isalpha()]
    long = [words[(i * 7) % len(words)] + ("" if i % 3 else str(i % 40)) for i in range(5000)]
    sents = SENTENCES[:4] + [long] + SENTENCES[4:] * 3
    shapes = []
    feed = tagger._ensemble.table.feed
    monkeypatch.setattr(tagger._ensemble.table, "feed", lambda rows, *a: shapes.append(rows.shape) or feed(rows, *a))
    got = tagger.tag_sentences(sents)
    assert (1, 5000) in shapes  # alone, not with short ones padded to its length
    assert all(b * t <= tagger._ensemble.MAX_CELLS for b, t in shapes if t < 5000)
    assert got == tagger.tag_sentences_reference(sents)


@pytest.mark.shared
def test_fast_tags_equal_the_reference_on_real_sentences(tagger: ner.Tagger) -> None:
    if not CAMEL_TEST.exists():
        pytest.skip("../shared absent")
    from marsad.analyze.ner_eval import read_conll, split_long

    sents = [t for t, _ in split_long(read_conll(CAMEL_TEST))][:240]
    for i in range(0, len(sents), 20):
        batch = sents[i : i + 20]
        assert tagger.tag_sentences(batch) == tagger.tag_sentences_reference(batch)
    ens = tagger._ensemble
    for s in sents[:40]:  # and the CRF marginals themselves
        lists, lengths, rows, gaz = ens.batch([s])
        got = ner_crf.marginals(ens._crf_scores(rows, lengths, lists, gaz), lengths, ens.crf.trans)[0]
        np.testing.assert_allclose(got, crfsuite_marginals(tagger, s), atol=1e-9)


def test_cached_token_states_give_the_same_emissions(tagger: ner.Tagger, monkeypatch) -> None:
    ens = tagger._ensemble
    sents = [s for s in SENTENCES if s]
    lists, lengths, rows, gaz = ens.batch(sents)
    feed = ens.table.feed(rows, lengths, gaz)
    cached = ens._split_emissions(rows, lengths, feed)
    again = ens._split_emissions(rows, lengths, feed)  # all states from the cache now
    direct = tagger.neural.run_batch(feed)
    for i, n in enumerate(lengths):
        np.testing.assert_allclose(cached[i, :n], direct[i, :n], rtol=1e-5, atol=1e-5)
        np.testing.assert_array_equal(again[i, :n], cached[i, :n])
    before = tagger.tag_sentences(SENTENCES)
    monkeypatch.setattr(ner._Ensemble, "MAX_STATES", 3)
    monkeypatch.setattr(ner._Ensemble, "MAX_CELLS", 20)  # several batches: the states start afresh between them
    assert tagger.tag_sentences(SENTENCES) == before
    assert len(ens._state_index) < 40


def test_states_of_positions_without_flags_are_found_by_row_as_by_key(tagger: ner.Tagger) -> None:
    ens = tagger._ensemble
    ens._clear()
    sents = [s for s in SENTENCES if s]
    lists, lengths, rows, gaz = ens.batch(sents)
    feed = ens.table.feed(rows, lengths, gaz)
    first = ens._split_emissions(rows, lengths, feed)
    nbits = feed["flags"].shape[2] - ens.table.n_word_flags
    by_key = {k >> nbits: v for k, v in ens._state_index.items() if not k & ((1 << nbits) - 1)}
    by_row = {r: int(v) for r, v in enumerate(ens._plain_states) if v >= 0}
    assert by_row == by_key and len(by_row) > 5  # the row table holds the flag-free keys, no more
    ens._plain_states = ens._plain_states[:2].copy()  # too short for the rows now: it grows and fills again
    np.testing.assert_array_equal(ens._split_emissions(rows, lengths, feed), first)
    assert (ens._plain_states >= 0).sum() > 2


@pytest.fixture(scope="module")
def crf_tagger() -> ner.Tagger:
    return ner.Tagger(ner.MODEL_DIR / ner.MODEL_FILE, ner.Lexicon.load(ner.MODEL_DIR / ner.LEXICON_FILE))


def test_crf_alone_gives_crfsuites_viterbi_tags(crf_tagger: ner.Tagger) -> None:
    assert crf_tagger.neural is None
    assert crf_tagger.tag_sentences(SENTENCES) == crf_tagger.tag_sentences_reference(SENTENCES)


@pytest.mark.shared
def test_crf_alone_gives_crfsuites_tags_on_real_sentences(crf_tagger: ner.Tagger) -> None:
    if not CAMEL_TEST.exists():
        pytest.skip("../shared absent")
    from marsad.analyze.ner_eval import read_conll, split_long

    sents = [t for t, _ in split_long(read_conll(CAMEL_TEST))][:400]
    assert crf_tagger.tag_sentences(sents) == crf_tagger.tag_sentences_reference(sents)


def propagate_reference(forms: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    """The document pass as first written (every span length at every position): the oracle."""
    names: dict[tuple[str, ...], str] = {}
    for f, t in zip(forms, tags, strict=True):
        for start, end, kind in ner._spans(t):
            name = tuple(f[start:end])
            if end - start > 1 or (len(name[0]) >= 3 and name[0] not in ner.STOPWORDS):
                names.setdefault(name, kind)
    for name, kind in list(names.items()):
        last = name[-1]
        if kind == "PERS" and len(name) > 1 and len(last) >= 3 and last not in ner.STOPWORDS:
            names.setdefault((last,), kind)
    if not names:
        return tags
    longest = max(len(n) for n in names)
    out = []
    for f, t in zip(forms, tags, strict=True):
        t = list(t)
        i = 0
        while i < len(f):
            for length in range(min(longest, len(f) - i), 0, -1):
                kind = names.get(tuple(f[i : i + length]))
                if kind and all(x == "O" for x in t[i : i + length]):
                    t[i] = "B-" + kind
                    for j in range(i + 1, i + length):
                        t[j] = "I-" + kind
                    i += length - 1
                    break
            i += 1
        out.append(t)
    return out


WORDS = ["سامر", "الحلبي", "نوران", "في", "وزير", "منظمة", "الصحة", "زار"]


TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "B-ORG", "I-ORG"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS)), max_size=12), max_size=5))
def test_document_pass_equals_its_first_version(doc: list[list[tuple[str, str]]]) -> None:
    forms = [[w for w, _ in sent] for sent in doc]
    tags = [ner.fix_bio([t for _, t in sent]) for sent in doc]
    assert ner.propagate_document(forms, tags) == propagate_reference(forms, tags)


def test_gazetteer_only_where_an_entry_can_start_finds_the_same(tagger: ner.Tagger) -> None:
    ens = tagger._ensemble
    sents = [s for s in SENTENCES if s] + [["لا", "شيء", "هنا"]]
    found = ens._gazetteer([ens.rows(s) for s in sents])
    full = [tagger.featurizer._gazetteer(tagger.featurizer.match_forms(s)) for s in sents]
    assert [g if g is not None else [[] for _ in s] for g, s in zip(found, sents, strict=True)] == full
    assert any(g is None for g in found) and any(any(p) for g in found if g for p in g)


def test_without_the_model_edits_the_tags_stay_the_same(tagger: ner.Tagger, monkeypatch) -> None:
    want = tagger.tag_sentences(SENTENCES)
    lexicon = tagger.featurizer.lexicon
    monkeypatch.setattr(nn, "split_at_recurrence", lambda model: None)
    padded = ner.Tagger(ner.MODEL_DIR / ner.MODEL_FILE, lexicon, ner.MODEL_DIR)
    assert padded.neural.mode == "padded"
    assert padded.tag_sentences(SENTENCES) == want
    monkeypatch.setattr(nn, "with_sequence_lengths", lambda model: None)
    exact = ner.Tagger(ner.MODEL_DIR / ner.MODEL_FILE, lexicon, ner.MODEL_DIR)
    assert exact.neural.mode == "exact"  # the unedited BiLSTM: padding would reach it
    assert exact.tag_sentences(SENTENCES) == want
