"""The entity trainers' tuning split (marsad/training/ner.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.errors import MarsadError
from marsad.training.ner import TUNE_FOLDS, tuning_split


@given(st.integers(min_value=0, max_value=3000))
def test_default_fold_is_the_last_tenth(n: int) -> None:
    # the split every setting in docs/benchmarks.md was chosen on: sents[int(0.9 n):]
    sents = list(range(n))
    train, held = tuning_split(sents)
    assert held == sents[int(n * 0.9) :] and train == sents[: int(n * 0.9)]


@given(st.integers(min_value=0, max_value=3000))
def test_folds_hold_out_each_sentence_once(n: int) -> None:
    sents = list(range(n))
    held_all = []
    for fold in range(TUNE_FOLDS):
        train, held = tuning_split(sents, fold)
        assert sorted(train + held) == sents and not set(train) & set(held)
        assert held == sorted(held) and (not held or held[-1] - held[0] == len(held) - 1)  # one slice
        held_all += held
    assert held_all == sents


@pytest.mark.parametrize("fold", [-1, TUNE_FOLDS])
def test_a_fold_out_of_range_is_refused(fold: int) -> None:
    with pytest.raises(MarsadError):
        tuning_split(list(range(20)), fold)


@pytest.mark.parametrize("trainer", ["ner", "ner_neural"])
def test_fold_without_tune_is_refused(trainer: str) -> None:
    """--fold only chooses a tuning run's held-out tenth: alone it would be silently ignored."""
    import importlib

    from marsad.errors import MarsadError

    main = importlib.import_module(f"marsad.training.{trainer}").main
    with pytest.raises(MarsadError, match="add --tune"):
        main(["--fold", "3"])


@pytest.mark.shared
@pytest.mark.slow
def test_crf_trains_on_pseudo_labelled_sentences_too(tmp_path, capsys) -> None:
    import shutil
    from pathlib import Path

    from marsad.training.ner import REPO, main, ner_data_dir

    clusters = REPO / "build" / "ner" / "clusters.json.gz"
    if not (ner_data_dir() / "anercorp" / "camel_train_approx.txt").exists():
        pytest.skip("../shared absent")
    if not clusters.exists():
        pytest.skip("no cached word clusters (build/ner/clusters.json.gz; `marsad train ner` builds them in ~30 min)")
    shutil.copy(clusters, tmp_path / "clusters.json.gz")
    pseudo = Path(tmp_path / "pseudo.txt")
    pseudo.write_text(
        "زار O O O\nسالم B-PERS B-PERS B-PERS\nمدينة O O O\nنخلة B-LOC B-LOC O\n\n"
        "افتتحت O O O\nشركة B-ORG B-ORG B-ORG\nالوادي I-ORG I-ORG I-ORG\n",
        encoding="utf-8",
    )
    args = ["--tune", "--limit", "50", "--max-iter", "5", "--work", str(tmp_path), "--pseudo", str(pseudo)]
    assert main(args + ["--pseudo-filter", "agree"]) == 0
    assert "pseudo-labelled sentences: 1\n" in capsys.readouterr().out
    assert main(args) == 0
    assert "pseudo-labelled sentences: 2\n" in capsys.readouterr().out
    assert (tmp_path / "tune.crfsuite").exists()
