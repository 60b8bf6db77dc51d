"""The entry point: usage mistakes and bad input give one clear message, never a traceback."""

import subprocess
import sys

import pytest


def run(*args):
    return subprocess.run(
        [sys.executable, "-c", "from marsad.cli import main; main()", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["nosuchcommand"], "No such command"),
        (["stories", "--no-such-option"], "No such option"),
        (["analyze"], "Missing argument"),
    ],
)
def test_usage_errors_are_reported_without_traceback(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_missing_file_is_one_line(tmp_path):
    result = run("analyze", str(tmp_path / "absent.txt"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
