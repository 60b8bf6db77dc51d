"""``marsad eval topics`` on a small hand-made file, and the terminal view."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

# Fictional one-line reports written for this test.
RECORDS = [
    ("Sports", "فاز الفريق في المباراة النهائية للدوري بهدفين وسجل المهاجم هدف الفوز في الشوط الثاني أمام الجماهير في الملعب"),
    ("Sports", "تعاقد النادي مع المدرب الجديد لقيادة الفريق في بطولة الكأس والدوري خلال الموسم المقبل بعد رحيل اللاعبين"),
    ("Finance", "ارتفع مؤشر سوق الأسهم وزادت أرباح الشركات والبنوك مع تحسن أسعار النفط وتدفق الاستثمار الأجنبي في الاقتصاد"),
    ("Medical", "حذر الأطباء من انتشار المرض بين الأطفال ونصحوا المرضى بمراجعة المستشفى والعلاج المبكر لتجنب مضاعفات الإصابة"),
]


def marsad(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    path = tmp_path / "topics.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for label, text in RECORDS:
            f.write(json.dumps({"label": label, "text": text}, ensure_ascii=False) + "\n")
    return path


def test_eval_topics_json(labelled: Path) -> None:
    res = marsad("eval", "topics", str(labelled), "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["records"] == 4
    assert out["accuracy"] == 1.0
    assert 0 < out["macro_f1"] <= 1
    assert out["confusion"]["Sports"]["Sports"] == 2


def test_eval_topics_table(labelled: Path) -> None:
    res = marsad("eval", "topics", str(labelled))
    assert res.returncode == 0, res.stderr
    assert "accuracy 1.0000" in res.stdout
    assert "Sports" in res.stdout and "macro-F1" in res.stdout


def test_eval_topics_bad_input(tmp_path: Path) -> None:
    res = marsad("eval", "topics", str(tmp_path / "missing.jsonl"))
    assert res.returncode == 2 and "no such file" in res.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "Sports"}\nnot json\n', encoding="utf-8")
    res = marsad("eval", "topics", str(bad))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and "bad.jsonl:1" in res.stderr


def test_render_sections() -> None:
    from rich.console import Console

    from marsad.analyze.keyphrases import extract
    from marsad.analyze.summary import summarize
    from marsad.analyze.topics import classify
    from marsad.cli import topics as cli_topics
    from marsad.document import Article

    text = RECORDS[0][1] + ". " + RECORDS[1][1] + "."
    art = Article(text=text)
    art.topics = classify(text)
    art.keywords = extract(art)
    art.summary = summarize(art)
    console = Console(record=True, width=120)
    for func in (cli_topics.render_topics, cli_topics.render_keywords, cli_topics.render_summary):
        console.print(func(art))
    out = console.export_text()
    assert "Sports" in out and art.keywords[0].text in out and "summary" in out
    assert cli_topics.render_topics(Article(text="")) is None
