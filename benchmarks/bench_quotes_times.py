"""Speed of the quotes and time-expression analysers together, per 500-word article.

    .venv/bin/python benchmarks/bench_quotes_times.py [--repeat 30] [--articles 200]

The issue's budget is quotes + times together <= 2 ms per 500 words.  Articles:
SaudiNewsNet records of 300-800 words from one day (not a day of the quotes gold
files), each timed on its own as ``times(quotes(Article(...)))`` and scaled to 500
words; the median and 90th percentile over articles are reported, with quotes and
times alone for comparison.  Without ../shared, a fictional article.

Every timed run starts from an empty text-view cache (marsad.text.views), so the
shared normalisation is paid once per run, as on a fresh article.  Times are CPU
time of this process (time.process_time): the machine is shared, and waiting for a
core is not the analysers' cost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_quotes import DAY, _articles, _ms_per_500_words  # noqa: E402

from marsad.analyze.quotes import quotes  # noqa: E402
from marsad.analyze.times import times  # noqa: E402
from marsad.document import Article  # noqa: E402

REFERENCE = DAY.removesuffix(".zip")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args()
    t0 = time.process_time()
    sum(range(10**6))
    print(f"calibration: sum(range(10**6)) = {1000 * (time.process_time() - t0):.0f} ms CPU; load average {os.getloadavg()[0]:.1f}")
    groups: dict[str, list[tuple[float, float, float]]] = {}
    for name, text in _articles(args.articles):
        both = _ms_per_500_words(lambda: times(quotes(Article(text=text, reference_date=REFERENCE))), text, args.repeat)
        q = _ms_per_500_words(lambda: quotes(Article(text=text, reference_date=REFERENCE)), text, args.repeat)
        t = _ms_per_500_words(lambda: times(Article(text=text, reference_date=REFERENCE)), text, args.repeat)
        groups.setdefault(name, []).append((both, q, t))
    p90 = lambda xs: sorted(xs)[min(len(xs) - 1, int(0.9 * len(xs)))]  # noqa: E731
    print(f"{'articles':<30} {'n':>4} {'quotes+times med':>17} {'p90':>6} {'quotes med':>11} {'times med':>10}  (CPU ms / 500 words)")
    for name, rows in groups.items():
        both = [r[0] for r in rows]
        print(
            f"{name:<30} {len(rows):4d} {statistics.median(both):17.2f} {p90(both):6.2f} "
            f"{statistics.median(r[1] for r in rows):11.2f} {statistics.median(r[2] for r in rows):10.2f}"
        )


if __name__ == "__main__":
    main()
