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
