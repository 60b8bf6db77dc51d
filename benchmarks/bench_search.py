"""Search latency over a fixed query set on a SaudiNewsNet archive.

    .venv/bin/python benchmarks/bench_search.py --db /tmp/marsad-bench-ingest.db [--repeat 5]

Build the archive first with ``benchmarks/bench_ingest.py``.  Every query runs through
``Store.search`` exactly as ``marsad search`` does (parsing, BM25 ranking, collapsing by
story, snippets for the first page of 10); the first run of each query warms the cache and
is not counted.  Prints p50 / p95 / max in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Fixed query set: single words (frequent and rare), inflected forms, phrases, boolean,
# prefix, and filtered queries.  (query, filters)
QUERIES: list[tuple[str, dict]] = [
    ("السعودية", {}),
    ("اليمن", {}),
    ("بالانسحاب", {}),
    ("الاتفاق النووي", {}),
    ('"الاتفاق النووي"', {}),
    ("إيران OR العراق", {}),
    ("النفط -إيران", {}),
    ("(الحوثيين OR الحوثي) عدن", {}),
    ("تفجير مسجد", {}),
    ("كورونا", {}),
    ("الهلال النصر", {}),
    ("سوق الأسهم", {}),
    ("وزارة الإسكان", {}),
    ("اقتصاد*", {}),
    ("المملكة", {"sources": ["alriyadh"]}),
    ("الملك سلمان", {"date_from": "2015-08-01", "date_to": "2015-08-08"}),
    ("قناة السويس", {}),
    ("التعليم", {"sources": ["okaz", "sabq"]}),
    ("الأمطار", {}),
    ("داعش", {"date_from": "2015-07-25"}),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/marsad-bench-ingest.db")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if not Path(args.db).exists():
        print(f"skipped: no archive at {args.db} (run benchmarks/bench_ingest.py first)")
        return 0
    from marsad.store import SearchFilters, open_store

    times: list[float] = []
    cpu: list[float] = []  # process CPU time: what the query costs on an unshared core
    per_query = []
    with open_store(args.db, readonly=True) as store:
        n_articles = store.stats().articles
        for q, f in QUERIES:
            filters = SearchFilters(**f)
            store.search(q, filters)  # warm-up
            runs = []
            for _ in range(args.repeat):
                t0, c0 = time.perf_counter(), time.process_time()
                res = store.search(q, filters)
                runs.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            times.extend(runs)
            per_query.append({"query": q, "filters": f, "matches": res.total_articles, "ms_median": round(statistics.median(runs), 1)})
    times.sort()
    cpu.sort()
    p = lambda x: times[min(len(times) - 1, int(round(x * (len(times) - 1))))]  # noqa: E731
    pc = lambda x: cpu[min(len(cpu) - 1, int(round(x * (len(cpu) - 1))))]  # noqa: E731
    out = {
        "archive_articles": n_articles,
        "queries": len(QUERIES),
        "runs": len(times),
        "p50_ms": round(p(0.50), 1),
        "p95_ms": round(p(0.95), 1),
        "max_ms": round(times[-1], 1),
        "cpu_p50_ms": round(pc(0.50), 1),
        "cpu_p95_ms": round(pc(0.95), 1),
        "per_query": per_query,
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
