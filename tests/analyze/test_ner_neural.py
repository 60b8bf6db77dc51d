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
