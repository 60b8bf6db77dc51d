"""How many SaudiNewsNet records repeat an earlier record of their outlet word for word.

    .venv/bin/python benchmarks/count_repeats.py [--days D ...]

Reads the records in ingest order and fingerprints each as ingest does
(``marsad.corpus.ingest.record_fingerprint``: outlet, format, title, raw text, dated or not).
A record whose fingerprint an earlier record had is a *repeat*: ingest records it against the
article its first copy became instead of analysing it again (``REPEAT_MEMORY``).  Prints the
count, how far each repeat comes after its first copy (in records), and the files they pair.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
DATA = SHARED / "data" / "news" / "saudinewsnet"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", nargs="*", help="YYYY-MM-DD files to read (default: all)")
    args = ap.parse_args()
    paths = sorted(str(p) for p in DATA.glob("*.zip") if not args.days or p.stem in args.days)
    if not paths:
        print(f"skipped: {DATA} absent")
        return 0
    sys.path.insert(0, str(ROOT))
    from marsad.corpus.ingest import REPEAT_MEMORY, record_fingerprint
    from marsad.corpus.sources import iter_inputs
    from marsad.document import Article

    first: dict[bytes, tuple[int, str]] = {}
    distances: list[int] = []
    pairs: Counter[str] = Counter()
    n = 0
    for item in iter_inputs(paths, None):
        if not isinstance(item, Article):
            continue
        fp = record_fingerprint(item)
        if fp is not None and fp in first:
            at, where = first[fp]
            distances.append(n - at)
            same_file = where == item.source.path
            pairs["same file" if same_file else "another file"] += 1
        elif fp is not None:
            first[fp] = (n, item.source.path or "")
        n += 1
    out = {
        "files": len(paths),
        "article_records": n,
        "repeats": len(distances),
        "share": round(len(distances) / n, 4) if n else 0.0,
        "records_after_first_copy": {
            "median": statistics.median(distances) if distances else None,
            "max": max(distances, default=None),
        },
        "repeats_within_memory": sum(1 for d in distances if d <= REPEAT_MEMORY),
        "where": dict(pairs),
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
