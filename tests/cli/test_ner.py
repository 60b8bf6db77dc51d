"""``marsad eval ner`` on a small hand-made file (fictional sentences)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROWS = """قال O
الرئيس O
سليم B-PER
العاملي I-PER
في O
باريس B-LOC
إن O
منظمة B-ORG
التعاون I-ORG
ستجتمع O
. O

وأضاف O
العاملي B-PERS
أن O
اللجنة B-ORG
زارت O
القاهرة B-LOC
يوم O
الأحد B-DATE
. O
"""


def marsad(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def conll(tmp_path: Path) -> Path:
    path = tmp_path / "mini.txt"
    path.write_text(ROWS, encoding="utf-8")
    return path


def test_eval_ner_json(conll: Path) -> None:
    res = marsad("eval", "ner", str(conll), "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert set(out) >= {"micro", "per_type", "tokens", "tokens_per_second"}
    assert out["tokens"] == 20
    assert set(out["micro"]) == {"precision", "recall", "f1"}
    # DATE counts as O; PER is read as PERS
    assert set(out["per_type"]) <= {"PERS", "LOC", "ORG", "MISC"}
    assert out["per_type"]["PERS"]["support"] == 2
    assert out["per_type"]["LOC"]["support"] == 2
    for figures in [out["micro"], *out["per_type"].values()]:
        assert 0 <= figures["f1"] <= 100
    assert out["per_type"]["LOC"]["recall"] > 0  # باريس and القاهرة are easy


def test_eval_ner_table(conll: Path) -> None:
    res = marsad("eval", "ner", str(conll))
    assert res.returncode == 0, res.stderr
    assert "micro" in res.stdout and "PERS" in res.stdout


def test_eval_ner_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    res = marsad("eval", "ner", str(tmp_path / "nope.txt"))
    assert res.returncode == 2
    assert "no such file" in res.stderr
    assert "Traceback" not in res.stderr


def test_eval_ner_empty_file_is_a_clean_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    res = marsad("eval", "ner", str(empty))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
