"""`marsad eval times DIR` on a small fictional TimeML folder and on ../shared."""

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.analyze.times_eval import evaluate, read_tml
from marsad.cli import _load_commands, app

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
TIMEML = SHARED / "data" / "time" / "arabic-timeml"

_load_commands()
runner = CliRunner()

FICTIONAL = """<?xml version="1.0"?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-10" functionInDocument="CREATION_TIME">2021-03-10</TIMEX3></DCT>
وصل الوفد <TIMEX3 tid="t1" type="DATE" value="2021-03-09">أمس</TIMEX3> إلى المدينة، ويغادرها <TIMEX3 tid="t2" type="DATE" value="2021-03-12">بعد يومين</TIMEX3> بعد زيارة تستمر <TIMEX3 tid="t3" type="DURATION" value="P3D">ثلاثة أيام</TIMEX3> &amp; جولة في السوق.
</TimeML>
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.tml").write_text(FICTIONAL, encoding="utf-8")
    return tmp_path


def test_read_tml_offsets_and_dct(folder):
    doc = read_tml(folder / "a.tml")
    assert doc.dct == "2021-03-10"
    assert [(g.text, g.value) for g in doc.gold] == [("أمس", "2021-03-09"), ("بعد يومين", "2021-03-12"), ("ثلاثة أيام", "P3D")]
    assert "&" in doc.text and "<" not in doc.text


def test_evaluate_scores_a_perfect_document(folder):
    result = evaluate(folder, baseline=False)
    ours = result["marsad"]
    assert ours["strict"]["f1"] == 100.0
    assert ours["value_accuracy"] == 100.0
    assert result["marsad_errors"] == []


def test_cli_json_and_table(folder):
    res = runner.invoke(app, ["eval", "times", str(folder), "--json", "--no-baseline"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["marsad"]["gold"] == 3
    res = runner.invoke(app, ["eval", "times", str(folder), "--no-baseline"])
    assert res.exit_code == 0 and "marsad" in res.output and "value" in res.output


def test_missing_folder_is_a_clear_error(tmp_path):
    from marsad.errors import InputError

    with pytest.raises(InputError):
        evaluate(tmp_path / "nowhere")
    with pytest.raises(InputError):
        evaluate(tmp_path)  # no .tml files


@pytest.mark.shared
@pytest.mark.skipif(not TIMEML.is_dir(), reason="../shared absent")
def test_arabic_timeml_beats_dateparser():
    result = evaluate(TIMEML)
    ours = result["marsad"]
    assert result["documents"] == 50 and ours["gold"] == 283
    assert ours["relaxed"]["f1"] >= 80
    # the silver values are wrong in places (see benchmarks/gold/arabic_timeml_corrections.tsv)
    assert ours["value_accuracy"] >= 80
    assert result["marsad_corrected"]["value_accuracy"] >= 90
    if result.get("dateparser") is None:
        pytest.skip(result["dateparser_missing"])
    assert ours["relaxed"]["f1"] >= result["dateparser"]["relaxed"]["f1"] + 15
    assert ours["strict"]["f1"] >= result["dateparser"]["strict"]["f1"] + 30


def test_corrections_fix_and_delete(folder, tmp_path):
    tsv = tmp_path / "fix.tsv"
    tsv.write_text(
        "# header\nfix\ta.tml\tأمس\t1\tDATE\t2021-03-01\twrong on purpose\n"
        "delete\ta.tml\tثلاثة أيام\t1\t\t\tnot a time\nfix\ta.tml\tغدا\t1\tDATE\tX\tmatches nothing\n",
        encoding="utf-8",
    )
    result = evaluate(folder, baseline=False, corrections=tsv)
    corrected = result["marsad_corrected"]
    assert corrected["gold"] == 2
    assert corrected["value_accuracy"] == 50.0  # أمس now disagrees, بعد يومين still agrees
    assert result["corrections"]["unmatched"] == ["fix a.tml 'غدا' #1"]
    assert result["marsad"]["value_accuracy"] == 100.0  # the uncorrected score is still reported


@pytest.mark.shared
@pytest.mark.skipif(not TIMEML.is_dir(), reason="../shared absent")
def test_shipped_corrections_all_apply():
    result = evaluate(TIMEML, baseline=False)
    assert result["corrections"]["unmatched"] == []
    assert result["marsad_corrected"]["value_accuracy"] >= 90


def test_timeline_view_lists_dates_in_order_and_marks_the_reference():
    from rich.console import Console

    from marsad.analyze.times import times
    from marsad.cli.render_times import render_times
    from marsad.document import Article

    article = times(Article(text="وصل الوفد أمس بعد زيارة في 3 نوفمبر 2024 استمرت ساعتين.", reference_date="2025-02-10"))
    console = Console(width=100, record=True)
    console.print(render_times(article))
    out = console.export_text()
    body = out[out.index("\n") :]  # below the title, which names the reference date
    assert body.index("2024-11-03") < body.index("2025-02-09") < body.index("2025-02-10")
    assert "(reference date)" in out and "PT2H" in out and "months" in out
    assert render_times(Article(text="لا شيء هنا")) is None


def test_missing_dateparser_is_reported(folder, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "dateparser", None)
    monkeypatch.setitem(sys.modules, "dateparser.search", None)
    res = runner.invoke(app, ["eval", "times", str(folder)])
    assert res.exit_code == 0, res.output
    assert "dateparser is not installed" in res.output
    assert evaluate(folder)["dateparser"] is None
