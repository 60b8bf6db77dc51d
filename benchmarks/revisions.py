"""Another git revision's ``marsad/`` package, for benchmarks that compare versions side by side."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def export_package(rev: str | None, into: Path) -> Path:
    """Write ``marsad/`` of git revision ``rev`` (None: of this working tree, without caches)
    under ``into``; returns the package directory."""
    into.mkdir(parents=True, exist_ok=True)
    if rev is None:
        shutil.copytree(REPO / "marsad", into / "marsad", ignore=shutil.ignore_patterns("__pycache__"))
    else:
        data = subprocess.run(["git", "-C", str(REPO), "archive", rev, "marsad"], check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(into, filter="data")
    return into / "marsad"
