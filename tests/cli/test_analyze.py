"""`marsad analyze`: the terminal view, --json / --jsonl, stdin, and one clear line on bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from marsad.cli import _load_commands, app

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
DEMO = ROOT / "marsad" / "samples" / "demo_article.txt"
CORPUS = ROOT / "marsad" / "samples" / "demo_corpus.jsonl"
SCHEMA = json.loads((ROOT / "marsad" / "schema" / "article.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

_load_commands()
runner = CliRunner()


def marsad(*args, stdin: bytes | None = None, env: dict | None = None):
    """Run the real console entry point (main() turns MarsadError into one line + exit 2)."""
    return subprocess.run(
        [sys.executable, "-c", "from marsad.cli import main; main()", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def valid(obj):
    errors = sorted(VALIDATOR.iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, "output does not match marsad/schema/article.schema.json: " + "; ".join(
        f"{list(e.path)}: {e.message}" for e in errors[:5]
    )


def test_json_output_matches_the_schema_and_offsets():
    result = runner.invoke(app, ["analyze", str(DEMO), "--json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    valid(d)
    assert d["title"].startswith("افتتاح أكبر محطة")
    assert d["tags"] == ["اقتصاد"]
    assert d["published"] == {"value": "2025-01-05", "origin": "text"}
    for key in ("title", "tags", "published", "blocks", "text", "removed", "entities", "quotes", "times", "warnings"):
        assert key in d
    for b in d["blocks"]:
        assert d["text"][b["start"] : b["end"]] == b["text"]
    assert {"text": "Share on facebook", "reason": "share widget"}.items() <= next(
        r for r in d["removed"] if r["text"] == "Share on facebook"
    ).items()


def test_date_option_sets_the_reference_date():
    result = runner.invoke(app, ["analyze", str(DEMO), "--json", "--date", "2025-02-01"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["reference_date"] == "2025-02-01"


def test_jsonl_one_object_per_record():
    result = runner.invoke(app, ["analyze", str(CORPUS), "--jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == sum(1 for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip())
    for i, row in enumerate(rows):
        valid(row)
        assert row["source"]["record"] == i and row["source"]["format"] == "jsonl"
        assert row["text"] and row["title"]


def test_json_refuses_several_records():
    result = runner.invoke(app, ["analyze", str(CORPUS), "--json"])
    assert result.exit_code != 0
    assert "--jsonl" in str(result.exception)


def test_terminal_view():
    result = runner.invoke(app, ["analyze", str(DEMO)], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "افتتاح أكبر محطة" in out
    assert "تمويل وشراكات" in out
    assert "published" in out and "2025-01-05" in out
    assert "removed" in out and "share widget" in out
    assert "Share on facebook" not in out


def test_format_option_and_html(tmp_path):
    page = tmp_path / "page.bin"
    page.write_text(
        "<html><head><title>عنوان تجريبي للصفحة</title></head><body><article><h1>عنوان تجريبي للصفحة</h1>"
        "<p>أعلنت البلدية، صباح اليوم، افتتاح حديقة عامة جديدة على مساحة عشرين هكتارا قرب الميناء القديم.</p>"
        "<p>وقال رئيس البلدية إن الحديقة ستضم مسارات للدراجات وملاعب للأطفال ومكتبة صغيرة مفتوحة.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", str(page), "--json", "--format", "html"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    valid(d)
    assert d["source"]["format"] == "html" and d["title"] == "عنوان تجريبي للصفحة"
    assert len(d["blocks"]) == 2


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "input is empty"),
        (b"  \n\n\t ", "input is empty"),
        (b"\x00\x01\x02\x03" * 500, "binary"),
        (b"%PDF-1.4 ...", "PDF"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, message):
    f = tmp_path / "input.txt"
    f.write_bytes(content)
    proc = marsad("analyze", str(f))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.startswith("marsad: error:") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert proc.stdout == b""


def test_missing_file_and_size_limit(tmp_path):
    proc = marsad("analyze", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and b"no such file" in proc.stderr
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse 200 MB
    proc = marsad("analyze", str(big))
    assert proc.returncode == 2 and b"over the 20,000,000-byte limit" in proc.stderr
    proc = marsad("analyze", str(DEMO), "--max-bytes", "100")
    assert proc.returncode == 2 and b"over the 100-byte limit" in proc.stderr
    proc = marsad("analyze", str(DEMO), env={"MARSAD_MAX_INPUT_BYTES": "100"})
    assert proc.returncode == 2 and b"MARSAD_MAX_INPUT_BYTES" in proc.stderr


def test_stdin_jsonl_end_to_end():
    lines = CORPUS.read_bytes().splitlines()[:2]
    proc = marsad("analyze", "-", "--jsonl", stdin=b"\n".join(lines) + b"\n")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(rows) == 2
    for row in rows:
        valid(row)
        assert row["source"]["path"] is None


def test_stdin_empty_is_an_error():
    proc = marsad("analyze", "-", stdin=b"")
    assert proc.returncode == 2 and b"empty" in proc.stderr


@pytest.mark.shared
def test_shared_arabic_html_page_json():
    page = SHARED / "data" / "html" / "newspaper4k" / "html" / "arabic_article.html"
    if not page.exists():
        pytest.skip("../shared absent: newspaper4k Arabic page not available")
    result = runner.invoke(app, ["analyze", str(page), "--json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    valid(d)
    assert d["source"]["format"] == "html" and d["language"] == "ar" and d["title"]


def test_visual_mode_shapes_and_reorders_arabic():
    from marsad.cli import render
    from marsad.cli.bidi import shape, visual_line

    assert shape("سلام") == "\ufeb3\ufefc\ufee1"  # initial sin, final lam-alef, isolated mim
    assert visual_line("قال (CNN) إن 10") == "10 \ufee5\ufe87 (CNN) \ufedd\ufe8e\ufed7"
    try:
        result = runner.invoke(app, ["analyze", str(DEMO), "--visual"], env={"COLUMNS": "90"})
    finally:
        render.VISUAL = False
    assert result.exit_code == 0, result.output
    assert visual_line("تمويل وشراكات") in result.stdout


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي ،.0")), max_size=40))
def test_shaped_text_folds_back_to_its_letters(text):
    """What visual mode writes is what the cleaner reads back from a PDF export."""
    from marsad.cli.bidi import shape
    from marsad.text import fold_presentation_forms

    assert fold_presentation_forms(shape(text)) == text


def test_a_record_s_terminal_escapes_never_reach_the_terminal(tmp_path):
    body = "أعلنت بلدية المدينة الساحلية افتتاح حديقة عامة جديدة على مساحة عشرين هكتارا قرب الميناء القديم. "
    record = {"title": "\x1b]0;pwned\x07افتتاح حديقة", "content": body * 3 + "\x1b[2J\x1b[31m" + body, "author": "\x1b[5mمحرر"}
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    for args in ([str(path)], [str(path), "--json"]):
        result = runner.invoke(app, ["analyze", *args], env={"COLUMNS": "120"})
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\\u001b" not in result.stdout and "pwned" not in result.stdout
        assert "افتتاح حديقة" in result.stdout


def test_explain_table():
    result = runner.invoke(app, ["analyze", str(DEMO), "--explain"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "cleaner decisions" in result.stdout
    assert "related-links block" in result.stdout and "prose (guarded)" in result.stdout
