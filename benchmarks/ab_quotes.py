"""Two versions of the quotes analyser timed against each other, interleaved in one process.

    git show REV:marsad/analyze/quotes.py > /tmp/quotes_old.py
    .venv/bin/python benchmarks/ab_quotes.py /tmp/quotes_old.py marsad/analyze/quotes.py [--runs 12] [--with-times]

On the shared 2-core machine a single benchmark run moves by ±30 % with the load, more than
most changes; running both versions in turn in one process and keeping each one's best run
compares them under the same conditions.  Reported: CPU ms per 500 words over the 200
SaudiNewsNet articles of bench_quotes.py, all together.  By default the shared text views
(normalised text, word set, sentences) are prepared outside the timing, so only the
analyser's own code is timed; with --with-times, each article runs times + quotes from an
empty view cache (the issue's budget).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import marsad.pipeline as pipeline  # noqa: E402
from bench_quotes import _articles  # noqa: E402

from marsad.document import Article  # noqa: E402
from marsad.text import views  # noqa: E402


def _load(path: str, name: str):
    register = pipeline.component
    pipeline.component = lambda _name: (lambda f: f)  # both versions define the same component
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    finally:
        pipeline.component = register
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--runs", type=int, default=12)
    ap.add_argument("--with-times", action="store_true")
    args = ap.parse_args()
    from marsad.analyze.times import find_times

    mods = {"old": _load(args.old, "_quotes_old"), "new": _load(args.new, "_quotes_new")}
    texts = [t for name, t in _articles(200) if name.startswith("saudinewsnet")] or [t for _, t in _articles(200)]
    words = sum(len(t.split()) for t in texts)
    prepared = []
    for t in texts:
        views.clear_views()
        v = views.text_view(t)
        v.normalized, v.normalized_word_set, v.normalized_sentences  # noqa: B018
        prepared.append(v)
    best = dict.fromkeys(mods, float("inf"))
    for run in range(args.runs):
        for key in list(mods) if run % 2 else list(mods)[::-1]:
            find_quotes = mods[key].find_quotes
            total = 0.0
            for t, v in zip(texts, prepared):
                views.clear_views()
                if not args.with_times:
                    views._cache[t] = v
                article = Article(text=t)
                t0 = time.process_time()
                if args.with_times:
                    find_times(t, "2015-07-31")
                find_quotes(article)
                total += time.process_time() - t0
            best[key] = min(best[key], total)
    what = "times + quotes from an empty view cache" if args.with_times else "quotes, views prepared"
    print(f"{what}: best of {args.runs}, CPU ms per 500 words: "
          + ", ".join(f"{k} {1000 * 500 * v / words:.3f}" for k, v in best.items()))


if __name__ == "__main__":
    main()
