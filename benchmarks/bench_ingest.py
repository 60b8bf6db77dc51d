"""Ingest benchmark: all SaudiNewsNet days through the full pipeline into a fresh archive.

    nice -n 10 .venv/bin/python benchmarks/bench_ingest.py --workers 2 [--db /tmp/snn.db] [--skip COMPONENT]
        [--pages workers|after|none]

The 15 days are ingested in three increments (5 days each) into the same archive, so the
figures show how ingest speed changes as the archive grows (near-duplicate lookups, story
candidates and index inserts all touch what is already stored).  Reports records/s per
increment and overall, peak resident memory (main process and workers), database size.
``--pages`` says how the articles' web pages are rendered, as in ``marsad ingest``: ``workers``
(the default, what ``marsad ingest`` does: each worker renders its articles' pages, and the
pass after each increment finds nothing left), ``after`` (all of them rendered by the main
process after each increment, as ``marsad ingest`` did before), ``none`` (``marsad ingest
--no-prerender``; what the figures before the twelfth session measured).  The pass after the
run is inside each increment's time.  Reads ../shared in place (skips with a message when absent).  Also prints the machine's
single-thread speed before and after (``benchmarks/machine_speed.py``; its CPU time is left out
of the per-record figures): on the shared development machine it drifts by up to 2x.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
DATA = SHARED / "data" / "news" / "saudinewsnet"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--db", default="/tmp/marsad-bench-ingest.db")
    ap.add_argument("--skip", action="append", default=[], help="pipeline component to leave out")
    ap.add_argument("--increments", type=int, default=3)
    ap.add_argument("--days", nargs="*", help="only these days (e.g. 2015-07-23 2015-08-01), in this order")
    ap.add_argument("--pages", choices=["workers", "after", "none"], default="workers",
                    help="render the web pages in the workers (as marsad ingest), after each increment, or not")
    args = ap.parse_args()
    days = sorted(DATA.glob("*.zip"))
    if args.days:
        days = [DATA / f"{d}.zip" for d in args.days if (DATA / f"{d}.zip").exists()]
    if not days:
        print(f"skipped: {DATA} absent")
        return 0
    for suffix in ("", "-wal", "-shm"):
        Path(args.db + suffix).unlink(missing_ok=True)

    from machine_speed import calibrate

    from marsad.corpus.ingest import ingest
    from marsad.pipeline import component_names
    from marsad.serve.fragments import fragments_of, prerender, template_env
    from marsad.store import open_store

    calibration_cpu = time.process_time()
    speed_before = calibrate()
    calibration_cpu = time.process_time() - calibration_cpu

    per = -(-len(days) // args.increments)
    rows = []
    total_read = total_time = 0.0
    with open_store(args.db) as store:
        for i in range(args.increments):
            chunk = days[i * per : (i + 1) * per]
            if not chunk:
                break
            before = store.stats().articles
            t0 = time.perf_counter()
            rep = ingest([str(p) for p in chunk], store, workers=args.workers, exclude=args.skip,
                         render=fragments_of if args.pages == "workers" else None)
            pages = rep.pages
            if args.pages != "none" and rep.stored:
                pages += prerender(store, template_env())["rendered"]
            dt = time.perf_counter() - t0
            total_read += rep.read
            total_time += dt
            rows.append(
                {
                    "days": f"{chunk[0].stem}..{chunk[-1].stem}",
                    "archive_before": before,
                    "read": rep.read,
                    "stored": rep.stored,
                    "duplicates": rep.duplicates,
                    "near_duplicates": rep.near_duplicates,
                    "rejected": rep.rejected_total,
                    "pages": pages,
                    "seconds": round(dt, 1),
                    "records_per_s": round(rep.read / dt, 1),
                }
            )
            print(json.dumps(rows[-1]), flush=True)
        stats = store.stats()
    t = time.process_time()
    speed_after = calibrate()
    calibration_cpu += time.process_time() - t
    self_ru = resource.getrusage(resource.RUSAGE_SELF)
    child_ru = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pools' workers (joined per increment)
    peak_main = self_ru.ru_maxrss / 1024
    peak_child = child_ru.ru_maxrss / 1024
    cpu_main = self_ru.ru_utime + self_ru.ru_stime - calibration_cpu
    cpu_workers = child_ru.ru_utime + child_ru.ru_stime
    summary = {
        "pipeline": [c for c in component_names() if c not in args.skip],
        "workers": args.workers,
        "pages": args.pages,
        "cpus": os.cpu_count(),
        "records": int(total_read),
        "seconds": round(total_time, 1),
        "records_per_s": round(total_read / total_time, 1),
        "articles": stats.articles,
        "exact_reprints": stats.duplicates,
        "near_duplicates": stats.near_duplicates,
        "stories_2plus": stats.stories,
        # CPU time per record: on a shared, loaded machine wall-clock rates understate what
        # 2 dedicated cores do; the CPU-bound estimate is min(2 cores / total CPU per record,
        # 1 core / main-process CPU per record), the main process being the serial part.
        "cpu_ms_per_record_main": round(cpu_main / total_read * 1000, 2),
        "cpu_ms_per_record_workers": round(cpu_workers / total_read * 1000, 2),
        "cpu_bound_estimate_records_per_s_2_cores": round(
            min(args.workers / ((cpu_main + cpu_workers) / total_read), 1 / (cpu_main / total_read)), 1
        ),
        "peak_rss_main_mb": round(peak_main),
        "peak_rss_worker_mb": round(peak_child),
        "db_mb": round(stats.size_bytes / 2**20, 1),
        "increments": rows,
        "calibration_loop_s_before_after": [round(speed_before, 3), round(speed_after, 3)],
    }
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
