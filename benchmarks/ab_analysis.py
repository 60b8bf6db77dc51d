"""A B comparison of an ingest worker's CPU per record between two versions of marsad, interleaved.

    .venv/bin/python benchmarks/ab_analysis.py OLD_TREE NEW_TREE [--records 3000] [--step 8]
        [--chunk 96] [--warm 600]

    # a tree of another commit: mkdir /tmp/old && git archive COMMIT | tar -x -C /tmp/old

Each tree (a directory holding a ``marsad`` package, e.g. a ``git archive`` of a commit) runs in
its own process: it surveys all 15 SaudiNewsNet days as ``marsad ingest`` does, picks every
``--step``-th article record (up to ``--records``) and analyses them exactly as an ingest worker
does (``_process_many``: the pipeline and ``prepare``, in batches of 16).  The two processes take
turns, one chunk of ``--chunk`` records at a time, the first one first on even chunks and second
on odd ones, and each reports the process CPU time of its chunk.  The first ``--warm`` records
warm the word tables and are not counted.

Why interleaved: the development machine's single-thread speed drifts by up to a factor of two
within minutes (``benchmarks/machine_speed.py``), so two whole runs one after the other compare
the machine as much as the code.  Here both versions see the same minutes, chunk by chunk; the
median of the per-chunk ratios is the figure (the ratio of the totals is printed too).  Both
versions must use the same model files (the trees' own ``marsad/models``).  Needs ``../shared``.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
DATA = SHARED / "data" / "news" / "saudinewsnet"


def child(tree: str, records: int, step: int) -> None:
    """Load one tree, pick the records, then analyse chunks named on stdin ("first end")."""
    sys.path.insert(0, tree)
    from marsad.corpus import ingest
    from marsad.corpus.sources import iter_inputs
    from marsad.document import Article

    paths = [str(p) for p in sorted(DATA.glob("*.zip"))]
    _, stats = ingest.survey(paths, None, True)
    ingest._init_worker_inline(stats, None, None)
    gc.set_threshold(*ingest.ANALYSE_GC_THRESHOLDS)
    jobs = []
    for n, item in enumerate(iter_inputs(paths, None)):
        if isinstance(item, Article) and n % step == 0:
            jobs.append((f"r{n}", item))
            if len(jobs) >= records:
                break
    print(len(jobs), flush=True)
    for line in sys.stdin:
        first, end = map(int, line.split())
        t = time.process_time()
        for k in range(first, end, 16):
            ingest._process_many(jobs[k : min(k + 16, end)])
        print(time.process_time() - t, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--records", type=int, default=3000)
    ap.add_argument("--step", type=int, default=8, help="every N-th record of the 15 days")
    ap.add_argument("--chunk", type=int, default=96, help="records per turn")
    ap.add_argument("--warm", type=int, default=600, help="records that warm the tables, not counted")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.records, args.step)
        return 0
    if not DATA.is_dir():
        print(f"skipped: {DATA} absent")
        return 0
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MARSAD_SHARED": str(SHARED)}
    common = ["--records", str(args.records), "--step", str(args.step)]
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "-", "-", "--child", str(Path(tree).resolve()), *common],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )
        for tree in (args.old, args.new)
    ]
    counts = [int(p.stdout.readline()) for p in procs]
    if counts[0] != counts[1]:
        print(f"the trees picked different records ({counts[0]} and {counts[1]})")
        return 1
    n = counts[0]

    def turn(p: subprocess.Popen, first: int, end: int) -> float:
        p.stdin.write(f"{first} {end}\n")
        p.stdin.flush()
        return float(p.stdout.readline())

    ratios, totals, counted = [], [0.0, 0.0], 0
    print(f"{n} records; CPU ms per record of each chunk after the first {args.warm}")
    for c, first in enumerate(range(0, n, args.chunk)):
        end = min(first + args.chunk, n)
        spent = [0.0, 0.0]
        for k in ((0, 1) if c % 2 == 0 else (1, 0)):
            spent[k] = turn(procs[k], first, end)
        if first >= args.warm:
            ratios.append(spent[1] / spent[0])
            totals = [totals[0] + spent[0], totals[1] + spent[1]]
            counted += end - first
            print(f"  {first:6d}-{end:<6d} old {1000 * spent[0] / (end - first):6.2f}  "
                  f"new {1000 * spent[1] / (end - first):6.2f}  new/old {spent[1] / spent[0]:.3f}")
    for p in procs:
        p.stdin.close()
        p.wait()
    if not ratios:
        print(f"no chunk after the first {args.warm} records: raise --records or lower --warm")
        return 1
    print(f"old {1000 * totals[0] / counted:.2f} ms/record, new {1000 * totals[1] / counted:.2f}; "
          f"new/old: median of {len(ratios)} chunks {statistics.median(ratios):.3f}, "
          f"of the totals {totals[1] / totals[0]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
