"""Smoke test of the neural entity trainer on a tiny slice (needs the `train` extra: torch)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from marsad.analyze import ner

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))


@pytest.mark.shared
@pytest.mark.slow
def test_neural_training_smoke_exports_a_model_the_tagger_runs(tmp_path: Path) -> None:
    if not (SHARED / "data" / "ner" / "anercorp" / "camel_train_approx.txt").exists():
        pytest.skip("../shared absent")
    pytest.importorskip("torch", reason="torch not installed (pip install -e '.[train]')")
    pytest.importorskip("onnx", reason="onnx not installed (pip install -e '.[train]')")
    from marsad.analyze.ner_eval import read_conll, score, split_long
    from marsad.training import ner_neural

    args = ["--out", str(tmp_path), "--limit", "120", "--epochs", "8", "--hidden", "32", "--proj", "48", "--lr", "0.01"]
    # the news vectors take ~15 min to build: use them only when a training run left them cached
    vectors = ner_neural.REPO / "build" / "ner" / "vectors.npz"
    args += ["--vectors", str(vectors)] if vectors.exists() else ["--no-vectors"]
    assert ner_neural.main(args + ["--eval-every", "100", "--dropout", "0.1"]) == 0
    assert (tmp_path / "ner_neural.onnx").exists() and (tmp_path / "ner_neural.json.gz").exists()
    lexicon = ner.Lexicon.load(ner.MODEL_DIR / ner.LEXICON_FILE)
    tagger = ner.Tagger(ner.MODEL_DIR / ner.MODEL_FILE, lexicon, tmp_path)
    assert tagger.neural is not None
    sents = split_long(read_conll(SHARED / "data" / "ner" / "anercorp" / "camel_train_approx.txt"))[:120]
    tagger.neural.weight = 1.0  # the network alone: it must have learnt its own training data
    pred = tagger.tag_sentences([toks for toks, _ in sents])
    assert score([t for _, t in sents], pred)["micro"]["f1"] > 20
