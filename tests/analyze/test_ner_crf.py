"""The CRF's weights read from crfsuite's model file and the numpy forward-backward over a batch
(``marsad.analyze.ner_crf``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyze import ner, ner_crf
from marsad.analyze import ner_neural as nn

K = len(nn.LABELS)


def test_weights_read_from_the_file_are_crfsuites() -> None:
    import pycrfsuite

    w = ner_crf.read_crfsuite(ner.MODEL_DIR / ner.MODEL_FILE)
    crf = pycrfsuite.Tagger()
    crf.open(str(ner.MODEL_DIR / ner.MODEL_FILE))
    info = crf.info()
    assert set(w.labels) == set(info.labels)
    assert np.count_nonzero(w.state) == len(info.state_features)
    for (attr, label), value in info.state_features.items():
        assert w.state[w.attributes[attr], w.labels.index(label)] == pytest.approx(value, abs=1e-5)
    for (a, b), value in info.transitions.items():
        assert w.trans[w.labels.index(a), w.labels.index(b)] == pytest.approx(value, abs=1e-5)
    assert not w.state[w.unknown].any() and w.index("no such attribute") == w.unknown


def test_unreadable_model_file_is_a_model_error(tmp_path: Path) -> None:
    from marsad.errors import ModelError

    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"lCRF" + bytes(60))
    with pytest.raises(ModelError):
        ner_crf.read_crfsuite(bad)
    with pytest.raises(ModelError):
        ner_crf.read_crfsuite(tmp_path / "missing.crfsuite")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 12), min_size=1, max_size=6), st.integers(0, 2**32 - 1))
def test_batched_marginals_equal_one_sentence_forward_backward(lengths: list[int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    lens = np.array(lengths)
    scores = rng.normal(scale=4.0, size=(len(lens), lens.max(), K))
    trans = rng.normal(scale=3.0, size=(K, K))
    got = ner_crf.marginals(scores, lens, trans)
    zero = np.zeros(K)
    for i, n in enumerate(lengths):
        np.testing.assert_allclose(got[i, :n], nn.marginals(scores[i, :n], trans, zero, zero), atol=1e-9)
