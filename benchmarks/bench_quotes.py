"""Speed of the quotes analyser, per 500-word article.

    .venv/bin/python benchmarks/bench_quotes.py [--repeat 50] [--articles 200]

Articles: SaudiNewsNet records of 300-800 words from one day (each timed on its own,
scaled to 500 words; the median and 90th percentile over articles are reported), and
the 500-word shared sample; without ../shared, a fictional article.  The issue's budget
is quotes + times together <= 2 ms per 500 words, so both are timed when the times
analyser is installed (benchmarks/bench_times.py measures times on its own corpus).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.analyze.quotes import quotes  # noqa: E402
from marsad.document import Article  # noqa: E402
from marsad.text.views import clear_views  # noqa: E402

SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
DAY = "2015-07-31.zip"  # not a day of the gold files

FICTIONAL = (
    "وقال وزير الزراعة فهد العتيبي إن المحصول وفير هذا العام، مشيرا إلى أن الأسعار ستنخفض. "
    "وأضاف أن الوزارة ستدعم المزارعين. وقالت الرئاسة في بيان: «القمة ستعقد في موعدها». "
    "ويشارك في المعرض عدد كبير من الفنانين والكتاب الذين قدموا أعمالهم في مجالات الرسم والنحت. "
)


def _articles(limit: int) -> list[tuple[str, str]]:
    out = []
    path = SHARED / "data" / "news" / "saudinewsnet" / DAY
    if path.is_file():
        with zipfile.ZipFile(path) as z:
            items = json.loads(z.read(z.namelist()[0]))
        texts = [a["content"] for a in items if 300 <= len(a["content"].split()) <= 800]
        random.Random(0).shuffle(texts)
        out += [(f"saudinewsnet {DAY}", t) for t in texts[:limit]]
    sample = SHARED / "samples" / "000_c474bd9763c7905e.txt"
    if sample.exists():
        out.append(("shared sample, 500 words", " ".join(sample.read_text(encoding="utf-8").split(" ")[:500])))
    if not out:
        out.append(("fictional, 500 words", " ".join((FICTIONAL * 20).split(" ")[:500])))
    return out


def _ms_per_500_words(func, text: str, repeat: int) -> float:
    # CPU time of this process, not wall time: the shared 2-core machine often runs
    # several jobs at once, and waiting for a core is not the analyser's cost.
    clear_views()
    func()  # warm lazy caches (compiled regexes, per-word rule lists)
    runs = []
    for _ in range(repeat):
        clear_views()  # the shared text views would otherwise make every repeat after the first a cache hit
        t0 = time.process_time()
        func()
        runs.append(time.process_time() - t0)
    return statistics.median(runs) * 1000 * 500 / max(len(text.split()), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--breakdown", action="store_true", help="time each stage over all articles (best of 5)")
    args = ap.parse_args()
    if args.breakdown:
        _breakdown(args.articles)
        return
    try:
        from marsad.analyze.times import times
    except ImportError:
        times = None
    t0 = time.process_time()
    sum(range(10**6))
    print(f"calibration: sum(range(10**6)) = {1000 * (time.process_time() - t0):.0f} ms CPU; load average {os.getloadavg()[0]:.1f}")
    groups: dict[str, list[tuple[float, float | None, int]]] = {}
    for name, text in _articles(args.articles):
        q = _ms_per_500_words(lambda: quotes(Article(text=text)), text, args.repeat)
        both = None
        if times is not None:
            both = _ms_per_500_words(lambda: times(quotes(Article(text=text, reference_date="2015-07-31"))), text, args.repeat)
        groups.setdefault(name, []).append((q, both, len(quotes(Article(text=text)).quotes)))
    print(f"{'articles':<32} {'n':>4} {'quotes ms/500w med':>19} {'p90':>6} {'quotes+times med':>17} {'p90':>6} {'quotes/art':>10}")
    for name, rows in groups.items():
        qs = sorted(r[0] for r in rows)
        bs = sorted(r[1] for r in rows if r[1] is not None)
        p90 = lambda xs: xs[min(len(xs) - 1, int(0.9 * len(xs)))]  # noqa: E731
        both = f"{statistics.median(bs):17.2f} {p90(bs):6.2f}" if bs else f"{'n/a':>17} {'':>6}"
        print(f"{name:<32} {len(rows):4d} {statistics.median(qs):19.2f} {p90(qs):6.2f} {both} {statistics.mean(r[2] for r in rows):10.1f}")


def _breakdown(limit: int) -> None:
    """CPU ms per 500 words of each stage, over all articles at once (best of 5 runs)."""
    from marsad.analyze import quotes as q
    from marsad.text import normalize_with_offsets, split_sentences

    texts = [t for name, t in _articles(limit) if name.startswith("saudinewsnet")] or [t for _, t in _articles(limit)]
    words = sum(len(t.split()) for t in texts)
    norm = [normalize_with_offsets(t).text for t in texts]

    def best(func) -> float:
        func()
        runs = []
        for _ in range(5):
            t0 = time.process_time()
            func()
            runs.append(time.process_time() - t0)
        return min(runs) * 1000 * 500 / words

    def windows() -> None:
        for t in texts:
            doc = q._Doc(Article(text=t))
            for si in doc.cue_list:
                doc.tokens(si)

    norm_ms = best(lambda: [normalize_with_offsets(t) for t in texts])
    sent_ms = best(lambda: [split_sentences(t) for t in norm])
    cue_ms = best(lambda: [q._cue_positions(t) for t in norm])
    upto_tokens = best(windows)
    full = best(lambda: [q.find_quotes(Article(text=t)) for t in texts])
    t0 = time.process_time()
    sum(range(10**6))
    print(f"calibration {1000 * (time.process_time() - t0):.0f} ms CPU; {len(texts)} articles, {words} words")
    print(f"normalise {norm_ms:.2f}  sentences {sent_ms:.2f}  cue scan {cue_ms:.2f}  "
          f"tokens {upto_tokens - norm_ms - sent_ms - cue_ms:.2f}  rules {full - upto_tokens:.2f}  all {full:.2f}  (ms / 500 words)")


if __name__ == "__main__":
    main()
