"""The neural half of the entity tagger: decoding maths, input encoding, the shipped ONNX model."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyze import ner
from marsad.analyze import ner_neural as nn

K = len(nn.LABELS)

try:
    from .fixtures_ner import SENTENCES, neural_tagger
except ImportError:  # tests/analyze is not a package
    from fixtures_ner import SENTENCES, neural_tagger


@pytest.fixture(scope="module")
def tagger() -> ner.Tagger:
    return neural_tagger()


def brute_force(scores: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray):
    """All paths of a short sentence: (best path, per-token marginals)."""
    t_len, k = scores.shape
    paths, weights = [], []
    for path in itertools.product(range(k), repeat=t_len):
        s = start[path[0]] + end[path[-1]] + sum(scores[t, path[t]] for t in range(t_len))
        s += sum(trans[path[t - 1], path[t]] for t in range(1, t_len))
        paths.append(path)
        weights.append(s)
    w = np.exp(np.array(weights) - max(weights))
    w /= w.sum()
    marg = np.zeros((t_len, k))
    for path, p in zip(paths, w, strict=True):
        for t, lab in enumerate(path):
            marg[t, lab] += p
    return list(paths[int(np.argmax(weights))]), marg


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_viterbi_and_marginals_match_enumeration(t_len: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    k = 3  # enumeration over 9 labels is too slow; the maths does not depend on K
    scores, trans = rng.normal(size=(t_len, k)), rng.normal(size=(k, k))
    start, end = rng.normal(size=k), rng.normal(size=k)
    best, marg = brute_force(scores, trans, start, end)
    assert nn.viterbi(scores, trans, start, end) == best
    np.testing.assert_allclose(nn.marginals(scores, trans, start, end), marg, atol=1e-9)


def test_bio_masks_forbid_only_orphan_inside_tags() -> None:
    ok = nn.allowed_transitions()
    idx = {lab: i for i, lab in enumerate(nn.LABELS)}
    assert ok[idx["B-PERS"], idx["I-PERS"]] and ok[idx["I-PERS"], idx["I-PERS"]]
    assert not ok[idx["O"], idx["I-PERS"]] and not ok[idx["B-LOC"], idx["I-PERS"]]
    assert ok[idx["I-ORG"], idx["B-ORG"]] and ok[idx["O"], idx["B-MISC"]]
    assert list(nn.allowed_starts()) == [not lab.startswith("I-") for lab in nn.LABELS]


def test_encoder_inputs_for_a_fictional_sentence() -> None:
    lexicon = ner.Lexicon.load(ner.MODEL_DIR / ner.LEXICON_FILE)
    enc = nn.Encoder(ner.Featurizer(lexicon), ["قال", "الوزير"], ["ا", "ل"])
    sents = [["قال", "الوزير", "زرياب", "."], ["قال"]]
    feed = enc.encode(sents)
    assert feed["words"].shape == (2, 4) and feed["chars"].shape == (2, 4, nn.MAX_CHARS)
    assert feed["words"][0, 0] == 2 and feed["words"][0, 2] == nn.UNK and feed["words"][1, 1] == nn.PAD
    assert list(feed["lengths"]) == [4, 1]
    flags = dict(zip(nn.WORD_FLAGS + ("prefix", "article") + nn.GAZ_FLAGS + ("BOS", "EOS"), range(nn.N_FLAGS)))
    assert feed["flags"][0, 1, flags["t=title"]] == 1.0  # الوزير "the minister" is a person title
    assert feed["flags"][0, 1, flags["article"]] == 1.0
    assert feed["flags"][0, 3, flags["sh=punct"]] == 1.0
    assert feed["flags"][0, 0, flags["BOS"]] == 1.0 and feed["flags"][0, 3, flags["EOS"]] == 1.0
    assert feed["clusters"][0, 0, 0] > 0  # a frequent word has clusters (0 = none)


def shipped() -> bool:
    return (ner.MODEL_DIR / nn.ONNX_FILE).exists()


@pytest.mark.skipif(not shipped(), reason="no neural model shipped (the CRF alone is used)")
def test_shipped_neural_model_tags_fictional_sentences() -> None:
    tagger = ner.get_tagger()
    assert tagger.neural is not None
    sents = [
        ["قال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "."],
        ["زار", "وزير", "الخارجية", "المصري", "سامح", "شكري"]
        + ["مدينة", "الإسكندرية", "أمس", "."],
        [],
        ["و"],
    ]
    ems = tagger.neural.emissions(sents)
    assert [e.shape for e in ems] == [(8, K), (10, K), (0, K), (1, K)]
    tags = tagger.tag_sentences(sents)
    assert [len(t) for t in tags] == [8, 10, 0, 1]
    assert tags[0][3:5] == ["B-PERS", "I-PERS"] and tags[0][6] == "B-LOC"
    assert tags[1][7] == "B-LOC"
    # batching does not change a sentence's tags
    assert tagger.tag_sentences([sents[1]]) == [tags[1]]


@pytest.mark.skipif(not shipped(), reason="no neural model shipped (the CRF alone is used)")
def test_member_networks_are_averaged(tmp_path) -> None:
    import gzip
    import json
    import shutil

    for name in (nn.ONNX_FILE, nn.VECTORS_FILE):
        if (ner.MODEL_DIR / name).exists():
            shutil.copy(ner.MODEL_DIR / name, tmp_path / name)
    meta = json.loads(gzip.decompress((ner.MODEL_DIR / nn.META_FILE).read_bytes()))
    meta["members"] = [nn.ONNX_FILE, nn.ONNX_FILE]  # the same network twice: its own emissions
    (tmp_path / nn.META_FILE).write_bytes(gzip.compress(json.dumps(meta).encode()))
    fz = ner.get_tagger().featurizer
    two = nn.NeuralModel(tmp_path / nn.ONNX_FILE, tmp_path / nn.META_FILE, fz)
    one = ner.get_tagger().neural
    assert len(two.sessions) == 2
    sents = [["قال", "الوزير", "سامح", "شكري", "في", "القاهرة"], ["أمس"]]
    for a, b in zip(one.emissions(sents), two.emissions(sents), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 12), min_size=1, max_size=6), st.integers(0, 2**32 - 1), st.booleans())
def test_batched_decode_equals_sentence_by_sentence(lengths: list[int], seed: int, with_crf: bool) -> None:
    rng = np.random.default_rng(seed)
    lens = np.array(lengths)
    em = rng.normal(scale=3.0, size=(len(lens), lens.max(), K))
    crf = rng.dirichlet(np.ones(K), size=(len(lens), lens.max())) if with_crf else None
    trans, start, end = rng.normal(size=(K, K)), rng.normal(size=K), rng.normal(size=K)
    paths = nn.ensemble_paths(em, crf, lens, trans, start, end, 0.6, 0.5)
    for i, n in enumerate(lengths):
        one = nn.ensemble_path(em[i, :n].copy(), None if crf is None else crf[i, :n], trans, start, end, 0.6, 0.5)
        assert paths[i] == one


@given(st.lists(st.integers(0, 40), max_size=30), st.booleans())
def test_length_groups_cover_each_sentence_once(lengths: list[int], padded: bool) -> None:
    groups = nn.length_groups(lengths, padded)
    flat = sorted(i for g in groups for i in g)
    assert flat == [i for i, n in enumerate(lengths) if n]
    if not padded:
        assert all(len({lengths[i] for i in g}) == 1 for g in groups)


def test_input_table_gives_the_encoders_inputs(tagger: ner.Tagger) -> None:
    sents = [s for s in SENTENCES if s]
    ens = tagger._ensemble
    lists, lengths, rows, gaz = ens.batch(sents)
    got = ens.table.feed(rows, lengths, gaz)
    want = tagger.neural.encoder.encode(sents)
    assert set(got) == set(want)
    for key in want:
        assert got[key].dtype == want[key].dtype, key
        np.testing.assert_array_equal(got[key], want[key], err_msg=key)


def test_sequence_lengths_make_padding_harmless(tagger: ner.Tagger) -> None:
    model = tagger.neural
    assert model.padded  # the shipped BiLSTM accepted the sequence-length input
    sents = [s for s in SENTENCES if s]
    batch = model.emissions(sents)  # padded groups
    for s, em in zip(sents, batch, strict=True):
        alone = model.emissions([s], padded=False)[0]
        np.testing.assert_allclose(em, alone, rtol=1e-5, atol=1e-5)


def test_model_edit_adds_an_input_and_keeps_everything_else() -> None:
    raw = (ner.MODEL_DIR / nn.ONNX_FILE).read_bytes() if (ner.MODEL_DIR / nn.ONNX_FILE).exists() else None
    if raw is None:
        pytest.skip("no neural model shipped")
    edited = nn.with_sequence_lengths(raw)
    assert edited is not None and nn.SEQ_LENS.encode() in edited
    assert nn.with_sequence_lengths(edited) is None  # already has them
    assert 0 < len(edited) - len(raw) < 200
    assert nn.with_sequence_lengths(b"") is None  # no graph at all


def test_split_network_gives_the_whole_networks_emissions(tagger: ner.Tagger) -> None:
    model = tagger.neural
    assert model.mode == "split"  # the shipped BiLSTM was cut at its recurrent node
    sents = [s for s in SENTENCES if s]
    split = model.emissions(sents)
    whole = model.emissions(sents, padded=False)  # the uncut network, equal lengths together
    for a, b in zip(split, whole, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)
    assert nn.split_at_recurrence(b"") is None
