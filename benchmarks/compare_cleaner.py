"""What a cleaner change does to SaudiNewsNet: this tree's ``clean`` stage against another revision's.

    .venv/bin/python benchmarks/compare_cleaner.py REV [--show N] [--site-stats]

Cleans every SaudiNewsNet record (``../shared/data/news/saudinewsnet/*.zip``) with the
``marsad`` package of git revision REV and with this working tree's, each in its own
process, and counts per outlet the articles whose clean text or title differ; ``--show N``
prints N differing articles' endings side by side, to read what changed.  With
``--site-stats`` each side first counts its per-site repeated lines over all the days and
installs them, as ``marsad ingest`` does (ingest's first pass).  Skips (exit 0, with a message)
when ../shared is absent.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from revisions import export_package

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
DATA = SHARED / "data" / "news" / "saudinewsnet"

# Run in a child process whose first import path is the exported package.
_CHILD = """
import json, os, sys
from marsad.clean.cleaner import clean_article
from marsad.corpus.sources import iter_inputs
from marsad.document import Article
if os.environ.get("COMPARE_SITE_STATS"):
    from marsad.corpus.ingest import survey
    from marsad.corpus.sitelines import install
    install(survey(sorted(sys.argv[3:]), None, True)[1])
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for a in iter_inputs(sorted(sys.argv[3:]), None):
        if isinstance(a, Article):
            where = a.source.url or f"{a.source.path}#{a.source.record}"
            clean_article(a)
            out.write(json.dumps([where, a.source.site, a.title, a.text], ensure_ascii=False) + "\\n")
"""


def _clean_all(package_root: Path, out: Path, zips: list[str], site_stats: bool) -> dict[str, tuple[str, str, str]]:
    env = dict(os.environ, PYTHONPATH=str(package_root), COMPARE_SITE_STATS="1" if site_stats else "")
    subprocess.run([sys.executable, "-c", _CHILD, "-", str(out), *zips], check=True, env=env, cwd=package_root)
    with out.open(encoding="utf-8") as f:
        return {where: (site, title, text) for where, site, title, text in map(json.loads, f)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", help="git revision to compare with (e.g. HEAD~3)")
    ap.add_argument("--show", type=int, default=0, help="print this many differing articles")
    ap.add_argument("--site-stats", action="store_true", help="with per-site repeated-line statistics, as ingest")
    args = ap.parse_args()
    zips = [str(p) for p in sorted(DATA.glob("*.zip"))]
    if not zips:
        print(f"skipped: {DATA} absent")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        old_root = export_package(args.rev, tmp_path / "old").parent
        new_root = export_package(None, tmp_path / "new").parent
        old = _clean_all(old_root, tmp_path / "old.jsonl", zips, args.site_stats)
        new = _clean_all(new_root, tmp_path / "new.jsonl", zips, args.site_stats)
    texts, titles, shown = collections.Counter(), collections.Counter(), 0
    for where, (site, title, text) in new.items():
        _, old_title, old_text = old.get(where, (site, None, None))
        if old_text != text:
            texts[site] += 1
            if shown < args.show:
                shown += 1
                print(f"--- {where}\n  {args.rev}: …{(old_text or '')[-160:]}\n  this tree: …{text[-160:]}")
        if old_title != title:
            titles[site] += 1
    print(json.dumps({"articles": len(new), "text_changed": dict(texts.most_common()),
                      "title_changed": dict(titles.most_common())}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
