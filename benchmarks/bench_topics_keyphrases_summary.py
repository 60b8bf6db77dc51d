"""Speed of the topics, keyphrases and summary stages on real ~500-word articles.

    .venv/bin/python benchmarks/bench_topics_keyphrases_summary.py [--articles N]

Takes SaudiNewsNet articles of 400–600 words and runs the three pipeline components on
each (model loading excluded and reported apart).  Times are CPU time of this process
(``time.process_time``), scaled to 500 words: the benchmark machine is shared, and wall
time there mostly measures the neighbours.  Target: all three ≤ 3 ms.

Per-word analyses (clitics, stems) are cached per process, so two figures are printed:
"first articles" (empty caches) and "steady state" (unseen articles from the last days,
after --warmup articles from the first days went through): what a batch or the archive
sees.  The time of an empty Python loop iteration is printed to compare machines.
Skips (exit 0, with a message) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.document import Article  # noqa: E402
from marsad.pipeline import get_component  # noqa: E402

SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared")).resolve()
STAGES = ("topics", "keyphrases", "summary")


def sample(n: int, newest: bool = True) -> list[tuple[str, str]]:
    """n articles of 400-600 words, from the newest days (or from the oldest)."""
    out = []
    files = sorted((SHARED / "data" / "news" / "saudinewsnet").glob("*.zip"))
    for path in reversed(files) if newest else files:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for rec in json.loads(z.read(name).decode("utf-8")):
                    content = rec.get("content") or ""
                    if 400 <= len(content.split()) <= 600:
                        out.append((rec.get("title") or "", content))
                        if len(out) >= n:
                            return out
    return out


def machine_speed() -> float:
    """Nanoseconds per iteration of an empty Python loop: to compare machines."""
    t = time.process_time()
    for _ in range(2_000_000):
        pass
    return (time.process_time() - t) / 2_000_000 * 1e9


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=1000)
    args = ap.parse_args(argv)
    if not (SHARED / "data" / "news" / "saudinewsnet").is_dir():
        print(f"skipped: {SHARED}/data/news/saudinewsnet absent")
        return 0
    later = sample(args.articles, newest=True)
    warm = sample(args.warmup + args.articles, newest=False)
    first, warm = warm[: args.articles], warm[args.articles :]
    t0 = time.perf_counter()
    funcs = [get_component(s) for s in STAGES]
    from marsad.analyze.topics import get_model

    get_model()
    load_s = time.perf_counter() - t0

    def timed(batch: list[tuple[str, str]]) -> tuple[dict[str, list[float]], list[float]]:
        per_stage: dict[str, list[float]] = {s: [] for s in STAGES}
        totals = []
        for title, content in batch:
            art = Article(text=content, title=title)
            scale = 500 / len(content.split())
            total = 0.0
            for name, func in zip(STAGES, funcs):
                t = time.process_time()
                art = func(art)
                dt = (time.process_time() - t) * 1000 * scale
                per_stage[name].append(dt)
                total += dt
            totals.append(total)
        return per_stage, totals

    results = [("first articles", *timed(first))]
    timed(warm)
    results.append(("steady state", *timed(later)))

    def stats(xs: list[float]) -> str:
        xs = sorted(xs)
        return (f"median {xs[len(xs) // 2]:6.3f} ms   mean {sum(xs) / len(xs):6.3f} ms   "
                f"p95 {xs[int(len(xs) * 0.95)]:6.3f} ms")

    print(f"{len(first)} + {len(later)} articles of 400-600 words (+ {len(warm)} warm-up); "
          f"CPU ms per article scaled to 500 words; empty loop {machine_speed():.0f} ns/iteration")
    print(f"model load (once per process): {load_s * 1000:.0f} ms")
    if hasattr(os, "getloadavg"):  # the figures are only comparable at a similar load
        print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs")
    for label, per_stage, totals in results[:2]:
        print(label)
        for s in STAGES:
            print(f"  {s:<11} {stats(per_stage[s])}")
        print(f"  {'all three':<11} {stats(totals)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
