"""`marsad eval quotes` on a fictional corpus + gold, and on ../shared when present."""

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.analyze.quotes_eval import DEFAULT_GOLD, HELDOUT_GOLD, evaluate, speaker_correct
from marsad.cli import _load_commands, app

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
SAUDINEWSNET = SHARED / "data" / "news" / "saudinewsnet"

_load_commands()
runner = CliRunner()

TEXT = "وقال المدير هاني سالم إن المصنع سيعمل غدا. وأضاف أن الطلبات كثيرة. وزار الوفد السوق."


def _gold_line(text, quotes):
    return {
        "url": "http://example.org/1",
        "file": "2000-01-01.zip",
        "source": "example",
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "length": len(text),
        "quotes": quotes,
    }


def _quote(text, fragment, speaker):
    s = text.index(fragment)
    return {"start": s, "end": s + len(fragment), "kind": "reported", "head": fragment, "tail": fragment,
            "cue": "", "cue_start": 0, "cue_end": 0, "speaker": speaker, "speaker_start": None, "speaker_end": None}


@pytest.fixture
def corpus(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    record = {"source": "example", "url": "http://example.org/1", "date_extracted": "", "title": "", "author": "", "content": TEXT}
    with zipfile.ZipFile(data / "2000-01-01.zip", "w") as z:
        z.writestr("2000-01-01.json", json.dumps([record], ensure_ascii=False))
    gold = tmp_path / "gold.jsonl"
    quotes = [_quote(TEXT, "المصنع سيعمل غدا", "هاني سالم"), _quote(TEXT, "الطلبات كثيرة", "سالم"),
              _quote(TEXT, "الوفد السوق", "الوفد")]
    gold.write_text(json.dumps(_gold_line(TEXT, quotes), ensure_ascii=False) + "\n", encoding="utf-8")
    return data, gold


def test_evaluate_counts(corpus):
    data, gold = corpus
    r = evaluate(gold, data).as_dict()
    assert (r["gold_quotes"], r["predicted_quotes"], r["matched"]) == (3, 2, 2)
    assert r["precision"] == 100.0 and r["recall"] == pytest.approx(66.7)
    assert r["speaker_accuracy"] == 100.0


def test_changed_article_text_is_refused(corpus, tmp_path):
    data, gold = corpus
    line = json.loads(gold.read_text(encoding="utf-8"))
    line["sha256"] = "0" * 64
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "quotes", str(data), "--gold", str(gold)])
    assert result.exit_code != 0


def test_cli_json(corpus):
    data, gold = corpus
    result = runner.invoke(app, ["eval", "quotes", str(data), "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)["gold.jsonl"]
    assert out["f1"] == pytest.approx(80.0) and out["errors"][0]["type"] == "missed"


def test_speaker_match_rule():
    assert speaker_correct("الحمدان", "سليمان بن عبدالله الحمدان")
    assert speaker_correct("وزير الخارجية عادل الجبير", "عادل الجبير")
    assert not speaker_correct("وزير الخارجية", "عادل الجبير")
    assert not speaker_correct(None, "عادل الجبير")


@pytest.mark.shared
@pytest.mark.skipif(not SAUDINEWSNET.is_dir(), reason="../shared absent")
def test_eval_on_the_gold_meets_the_targets():
    result = runner.invoke(app, ["eval", "quotes", str(SAUDINEWSNET), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == {DEFAULT_GOLD.name, HELDOUT_GOLD.name}
    for r in out.values():
        assert r["f1"] >= 90 and r["speaker_accuracy"] >= 85
