"""How many SaudiNewsNet records repeat an earlier record of their outlet word for word, and
what finding them costs.

    .venv/bin/python benchmarks/count_repeats.py [--days D ...]

Reads the records in ingest order and passes each through ingest's own memory of first copies
(``marsad.corpus.ingest._FirstCopies``: ``record_fingerprint`` of outlet, format, title, raw
text, page or not, dated or not).  A record it recognises is a *repeat*: ingest records it
against the article its first copy became instead of analysing it again (``REPEAT_MEMORY``).
Prints the count, how far each repeat comes after its first copy (in records), whether the
two are in one file, the CPU time per record of the fingerprint and lookup (a second pass,
without memory tracing), and the memory the feeder's and the writer's records hold per
remembered record (``tracemalloc``, the writer's side fed one outcome per record sent).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import tracemalloc
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
    from marsad.corpus.ingest import REPEAT_MEMORY, _FirstCopies, _RepeatOutcomes
    from marsad.corpus.sources import iter_inputs
    from marsad.corpus.prepare import input_key
    from marsad.document import Article
    from marsad.store.base import IngestItem

    def records():
        return (a for a in iter_inputs(paths, None) if isinstance(a, Article))

    # pass 1: the repeats, and the memory the two sides hold
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    first = _FirstCopies(REPEAT_MEMORY)
    outcomes = _RepeatOutcomes(256)
    where: dict[str, tuple[int, str]] = {}  # (not ingest's: for the distances reported here)
    distances: list[int] = []
    pairs: Counter[str] = Counter()
    n = 0
    for item in records():
        key = input_key(item)
        leader = first.leader(key, item)
        if leader is None:
            outcomes.handled(key, IngestItem(Article(text="", published=item.published), key))
            where[key] = (n, item.source.path or "")
        else:
            at, path = where[leader]
            distances.append(n - at)
            pairs["same file" if path == item.source.path else "another file"] += 1
        n += 1
    del where
    held = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    remembered = len(first.first)
    del first, outcomes

    # pass 2: CPU time of the fingerprint and lookup alone
    items = list(records())
    first = _FirstCopies(REPEAT_MEMORY)
    keys = [input_key(item) for item in items]
    t = time.process_time()
    for key, item in zip(keys, items, strict=True):
        first.leader(key, item)
    cpu = time.process_time() - t
    out = {
        "files": len(paths),
        "article_records": n,
        "repeats": len(distances),
        "share": round(len(distances) / n, 4) if n else 0.0,
        "records_after_first_copy": {
            "median": statistics.median(distances) if distances else None,
            "max": max(distances, default=None),
        },
        "where": dict(pairs),
        "fingerprint_and_lookup_cpu_ms_per_record": round(1000 * cpu / len(items), 4) if items else None,
        "remembered_records": remembered,
        "bytes_held_per_remembered_record": round(held / remembered) if remembered else None,
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
