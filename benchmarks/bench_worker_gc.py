"""CPU spent by Python's cyclic garbage collector in an ingest worker, by collector thresholds.

    .venv/bin/python benchmarks/bench_worker_gc.py [--records 2500 --warm 1500 --rounds 2]
        [--thresholds 700,10,10 10000,10,10]

Each setting runs in a fresh process that does what an ingest worker does: the first pass's
site-line statistics, then ``marsad.corpus.ingest._process_many`` (the full pipeline of the day
and the index terms, 16 records per call) over the first SaudiNewsNet records.  After
``--warm`` records (the word tables and caches filled as in a running worker), it reports
process CPU per record and the collector's share of it, timed with ``gc.callbacks``, and the
process's peak memory.  The settings alternate round by round, since this machine's speed
drifts; the collector time is the steadier figure (it is measured directly, not as a
difference of two runs).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
DATA = SHARED / "data" / "news" / "saudinewsnet"


def _one(records: int, warm: int, thresholds: tuple[int, ...], freeze: bool) -> dict:
    import gc

    sys.path.insert(0, str(ROOT))
    from marsad.corpus import ingest as ing
    from marsad.corpus.sources import iter_inputs
    from marsad.document import Article

    paths = sorted(str(p) for p in DATA.glob("*.zip"))
    _, stats = ing.survey(paths[:5], None, True)
    ing._init_worker_inline(stats, None, None)
    gc.set_threshold(*thresholds)
    if freeze:
        gc.freeze()
    jobs = []
    for item in iter_inputs(paths, None):
        if isinstance(item, Article):
            jobs.append((f"k{len(jobs)}", item))
            if len(jobs) >= records:
                break
    spent = {"collections": 0, "seconds": 0.0}
    began = [0.0]

    def timer(phase: str, info: dict) -> None:
        if phase == "start":
            began[0] = time.process_time()
        else:
            spent["collections"] += 1
            spent["seconds"] += time.process_time() - began[0]

    t0 = None
    first = len(jobs)  # the first timed record (a batch boundary at or after --warm)
    for i in range(0, len(jobs), ing.ANALYSE_BATCH):
        if i >= warm and t0 is None:
            gc.callbacks.append(timer)
            t0 = time.process_time()
            first = i
        ing._process_many(jobs[i : i + ing.ANALYSE_BATCH])
        jobs[i : i + ing.ANALYSE_BATCH] = [None] * len(jobs[i : i + ing.ANALYSE_BATCH])  # as a worker drops them
    measured = len(jobs) - first
    cpu = time.process_time() - (t0 or 0.0)
    return {
        "thresholds": list(thresholds), "freeze": freeze, "records": measured,
        "cpu_ms_per_record": round(1000 * cpu / measured, 2),
        "gc_ms_per_record": round(1000 * spent["seconds"] / measured, 3),
        "collections_per_1000": round(1000 * spent["collections"] / measured, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=2500)
    ap.add_argument("--warm", type=int, default=1500)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--thresholds", nargs="+", default=["700,10,10", "10000,10,10"])
    ap.add_argument("--freeze", action="store_true", help="also gc.freeze() after loading, as the workers do")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} absent")
        return 0
    if args.one:
        t = tuple(int(x) for x in args.one.split(","))
        print(json.dumps(_one(args.records, args.warm, t, args.freeze)))
        return 0
    for r in range(args.rounds):
        for t in args.thresholds:
            cmd = [sys.executable, __file__, "--one", t, "--records", str(args.records), "--warm", str(args.warm)]
            out = subprocess.run(cmd + (["--freeze"] if args.freeze else []), capture_output=True, text=True, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1]) | {"round": r + 1}
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
