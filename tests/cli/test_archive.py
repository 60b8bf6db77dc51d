"""The archive commands end to end: ingest, search, entities, stories, show; errors as one line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.fictional import generate, write_jsonl
from marsad.pipeline import component_names

ROOT = Path(__file__).resolve().parents[2]
SKIP = [a for c in component_names() if c != "clean" for a in ("--skip", c)]


def run_process(*args: str, db: Path | None = None) -> subprocess.CompletedProcess:
    """The real entry point in a new process (slow to start: used sparingly)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("MARSAD_DB", None)
    cmd = [sys.executable, "-m", "marsad", *args] + (["--db", str(db)] if db else [])
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)


class Result:
    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


_CAPTURE: list = []


def marsad(*args: str, db: Path | None = None) -> Result:
    """``marsad.cli.main`` in this process, as the console script runs it."""
    from marsad.cli import main

    capsys = _CAPTURE[-1]
    capsys.readouterr()
    old = sys.argv
    sys.argv = ["marsad", *args] + (["--db", str(db)] if db else [])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = old
    out, err = capsys.readouterr()
    return Result(code, out, err)


@pytest.fixture(autouse=True)
def _capture(capsys, monkeypatch):
    monkeypatch.delenv("MARSAD_DB", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    _CAPTURE.append(capsys)
    yield
    _CAPTURE.pop()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    corpus = generate(16, seed=8)
    write_jsonl(corpus, folder / "news.jsonl")
    db = folder / "a.db"
    r = run_process("ingest", str(folder / "news.jsonl"), "--workers", "1", *SKIP, db=db)
    assert r.returncode == 0, r.stderr
    assert "stored" in r.stdout and "duplicates" in r.stdout and "rejected" in r.stdout
    return db, corpus


def test_ingest_json_report_and_idempotent_rerun(archive):
    db, corpus = archive
    r = marsad("ingest", str(db.parent / "news.jsonl"), "--json", *SKIP, db=db)
    report = json.loads(r.stdout)
    assert (report["stored"], report["duplicates"], report["already"]) == (0, 0, len(corpus))
    r = marsad("ingest", str(db.parent / "news.jsonl"), *SKIP, db=db)
    assert re.search(rf"already in +{len(corpus)} +the same record ingested before", r.stdout), r.stdout


def test_search_text_and_json(archive):
    db, _ = archive
    r = marsad("search", "بالتطعيم OR التمور", db=db)
    assert r.returncode == 0, r.stderr
    assert "stories" in r.stdout
    j = json.loads(marsad("search", "مليون", "--json", "--limit", "3", db=db).stdout)
    assert len(j["hits"]) <= 3 and j["total_articles"] > 0
    hit = j["hits"][0]
    assert {"article", "snippet", "highlights", "story_id", "story_size", "also"} <= set(hit)
    assert hit["article"]["id"]


def test_search_filters_from_the_command_line(archive):
    db, corpus = archive
    site = corpus[0].site
    j = json.loads(marsad("search", "مليون", "--source", site, "--json", "--no-collapse", "--limit", "50", db=db).stdout)
    assert j["hits"] and all(h["article"]["site"] == site for h in j["hits"])


def test_malformed_query_is_one_clear_line(archive):
    db, _ = archive
    r = run_process("search", '"وزير الخارجية', db=db)
    assert r.returncode == 2
    assert r.stderr.startswith("marsad: error:") and "quote" in r.stderr
    assert "Traceback" not in r.stderr and "sqlite" not in r.stderr.lower()
    r = marsad("search", "مليون", "--from", "last week", db=db)
    assert r.returncode == 2 and "ISO date" in r.stderr


def test_entities_stories_show(archive):
    db, _ = archive
    ents = json.loads(marsad("entities", "--json", db=db).stdout)
    # the cleaner-only pipeline finds no entities; the command still answers with a list
    assert isinstance(ents, list)
    stories = json.loads(marsad("stories", "--json", db=db).stdout)
    assert stories and stories[0]["size"] >= 2
    one = json.loads(marsad("stories", str(stories[0]["id"]), "--json", db=db).stdout)
    assert len(one["articles"]) == stories[0]["size"]
    art_id = one["articles"][0]["id"]
    shown = json.loads(marsad("show", art_id[:7], "--json", db=db).stdout)
    assert shown["id"] == art_id and shown["article"]["text"]
    text = marsad("show", art_id, db=db)
    assert text.returncode == 0 and art_id in text.stdout


def test_missing_things_are_clear_errors(archive, tmp_path):
    db, _ = archive
    for args in (("show", "abcdef1234"), ("stories", "999999"), ("stories", str(2**70)), ("entities", "no-such-entity")):
        r = marsad(*args, db=db)
        assert r.returncode == 2 and r.stderr.startswith("marsad: error: no "), r.stderr
    r = marsad("entities", "--type", "PEOPLE", db=db)
    assert r.returncode == 2 and "--type must be one of PERS, LOC, ORG, MISC" in r.stderr
    r = marsad("search", "x", db=tmp_path / "none.db")
    assert r.returncode == 2 and "no archive" in r.stderr
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite at all " * 200)
    r = marsad("search", "مليون", db=bad)
    assert r.returncode == 2 and "not a readable marsad archive" in r.stderr
    r = marsad("ingest", str(tmp_path / "nothing-here"), "--json", *SKIP, db=tmp_path / "new.db")
    assert r.returncode == 0 and json.loads(r.stdout)["rejected"]


def test_reindex_rebuilds_the_index_and_can_recluster(tmp_path):
    corpus = generate(12, seed=5)
    write_jsonl(corpus, tmp_path / "n.jsonl")
    db = tmp_path / "r.db"
    assert marsad("ingest", str(tmp_path / "n.jsonl"), "--json", "--workers", "1", *SKIP, db=db).returncode == 0
    def hits() -> list:
        return json.loads(marsad("search", "مشروع", "--json", db=db).stdout)["hits"]

    before = hits()
    stories_before = json.loads(marsad("stories", "--json", db=db).stdout)
    r = marsad("reindex", "--json", db=db)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    stored = sum(1 for _ in open(tmp_path / "n.jsonl")) - sum(1 for a in corpus if a.kind == "exact")
    assert out["articles_reindexed"] == stored and out["stories_reset"] == 0
    assert hits() == before and before
    r = marsad("reindex", "--stories", "--json", db=db)
    assert json.loads(r.stdout)["stories_reset"] == stored
    assert json.loads(marsad("stories", "--json", db=db).stdout) == stories_before
    r = marsad("reindex", db=db)
    assert r.returncode == 0 and "re-indexed" in r.stdout


def test_reindex_links_near_duplicates_again_as_the_ingest_did(tmp_path):
    corpus = generate(12, seed=5)
    write_jsonl(corpus, tmp_path / "n.jsonl")
    db = tmp_path / "r.db"
    r = marsad("ingest", str(tmp_path / "n.jsonl"), "--json", "--workers", "1", *SKIP, db=db)
    near = json.loads(r.stdout)["near_duplicates"]
    assert near > 0
    stories_before = json.loads(marsad("stories", "--json", db=db).stdout)
    r = marsad("reindex", "--near-duplicates", "--stories", "--json", db=db)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["near_duplicates_linked"] == near
    assert json.loads(marsad("stories", "--json", db=db).stdout) == stories_before
    r = marsad("reindex", "--near-duplicates", db=db)
    assert r.returncode == 0 and re.search(rf"re-linked +{near} +articles", r.stdout), r.stdout


def test_reindex_of_a_missing_archive_is_one_line(tmp_path):
    r = marsad("reindex", db=tmp_path / "none.db")
    assert r.returncode != 0
    message = r.stderr.strip()
    assert "Traceback" not in r.stderr and len(message.splitlines()) == 1 and "none.db" in message


def test_ingest_stores_rendered_pages_of_new_articles_unless_told_not_to(tmp_path):
    from marsad.serve.fragments import kind
    from marsad.store import open_store

    corpus = generate(6, seed=3)
    write_jsonl(corpus[:3], tmp_path / "a.jsonl")
    write_jsonl(corpus[3:], tmp_path / "b.jsonl")
    db = tmp_path / "p.db"
    first = json.loads(marsad("ingest", str(tmp_path / "a.jsonl"), "--json", "--workers", "1", *SKIP, db=db).stdout)
    assert first["prerendered"] == first["stored"] > 0
    later = json.loads(
        marsad("ingest", str(tmp_path / "b.jsonl"), "--json", "--workers", "1", "--no-prerender", *SKIP, db=db).stdout
    )
    assert later["prerendered"] is None and later["stored"] > 0
    with open_store(str(db), readonly=True) as store:
        rendered = store.fragment_ids(kind("ar"))
        stored = {aid for aid, _ in store.iter_articles()}
    assert len(rendered) == first["stored"] and rendered < stored
    # a later prerender renders only what is missing
    r = marsad("prerender", db=db)
    assert r.returncode == 0 and f"rendered {later['stored']} article page parts, {first['stored']} already current" in r.stdout


def test_ctrl_c_during_ingest_says_interrupted_with_status_130(tmp_path):
    import signal
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    # enough records that the run is still reading or analysing when interrupted, each its own
    # text (records repeating an earlier one are not analysed again, and would not keep it busy)
    for i in range(40):
        write_jsonl(generate(30, seed=100 + i), folder / f"part{i:02d}.jsonl")
    db = tmp_path / "c.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("MARSAD_DB", None)
    # the child gets Ctrl-C's default action, as from a terminal, even where this test runs in
    # the background of a shell without job control (which starts it with SIGINT ignored)
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(folder), "--workers", "2", *SKIP, "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    while not db.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[:2000] + "\n...\n" + err[-1000:]  # the head shows an "Exception ignored"
    assert "marsad: interrupted" in err
    assert "Traceback" not in err and "Traceback" not in out


def test_entities_counts_a_family_name_alone_with_the_full_name(tmp_path):
    from corpus.fictional import person_articles
    from marsad.store import open_store

    db = tmp_path / "a.db"
    with open_store(db) as s:
        s.add_articles(person_articles("ياسر المنصوري", 5) + person_articles("المنصوري", 2, first=10))
    top = json.loads(marsad("entities", "--json", db=db).stdout)
    assert [(e["name"], e["articles"]) for e in top] == [("ياسر المنصوري", 7)]
    one = json.loads(marsad("entities", "PERS:المنصوري", "--json", db=db).stdout)
    assert (one["name"], one["articles"]) == ("ياسر المنصوري", 7)
    assert [(a["key"], a["name"], a["articles"]) for a in one["aliases"]] == [("PERS:المنصوري", "المنصوري", 2)]
    text = marsad("entities", "PERS:ياسر المنصوري", db=db).stdout
    assert "7 articles" in text and "also counted, shorter forms of the name: المنصوري (2)" in text
