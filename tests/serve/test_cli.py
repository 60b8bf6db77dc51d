"""`marsad serve` starts a real server on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

from .server import free_port


def test_marsad_serve_runs_and_answers(archive):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad", "serve", "--db", archive["path"], "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.stderr.read()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert json.load(r) == {"ok": True, "archive": True}
                    break
            except OSError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories", timeout=5) as r:
            assert json.load(r)["stories"][0]["size"] == 3
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=15)
    assert f"http://127.0.0.1:{port}/" in out  # prints where to point the browser


def test_marsad_serve_help():
    r = subprocess.run([sys.executable, "-m", "marsad", "serve", "--help"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "127.0.0.1" in r.stdout


def test_serve_says_how_to_upgrade_an_older_archive(tmp_path, capsys):
    import sqlite3

    from marsad.cli.serve import _check_archive

    from .conftest import build_archive

    path = build_archive(tmp_path / "old.db")["path"]
    with sqlite3.connect(path) as conn:  # back to schema 1: before the web app's tables
        conn.executescript(
            "DROP TRIGGER fragments_article_update; DROP TRIGGER fragments_article_delete; DROP TABLE fragments;"
            " DROP INDEX entities_key_article; DROP INDEX articles_recent; DELETE FROM migrations WHERE version > 1;"
        )
    _check_archive(path)
    err = capsys.readouterr().err
    assert "needs a schema upgrade" in err and f"marsad prerender --db {path}" in err
    subprocess.run([sys.executable, "-m", "marsad", "prerender", "--db", path], check=True, capture_output=True, timeout=120)
    _check_archive(path)
    assert capsys.readouterr().err == ""


def test_serve_notes_articles_without_a_stored_rendering(tmp_path, capsys):
    from marsad.cli.serve import _check_archive

    from .conftest import build_archive

    info = build_archive(tmp_path / "fresh.db")  # stored directly, never prerendered
    _check_archive(info["path"])
    err = capsys.readouterr().err
    n = len(info["ids"])
    assert f"{n:,} of {n:,} articles have no stored page rendering" in err and "marsad prerender" in err
    subprocess.run([sys.executable, "-m", "marsad", "prerender", "--db", info["path"]], check=True, capture_output=True, timeout=120)
    _check_archive(info["path"])
    assert capsys.readouterr().err == ""
