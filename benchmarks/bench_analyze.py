"""Benchmark of issue 2's stages (reading + cleaning): speed on SaudiNewsNet, HTML quality on newspaper4k.

    .venv/bin/python benchmarks/bench_analyze.py                 # both parts
    .venv/bin/python benchmarks/bench_analyze.py --speed-only --limit 5000
    .venv/bin/python benchmarks/bench_analyze.py --html-only
    .venv/bin/python benchmarks/bench_analyze.py --dump 300 > /tmp/cleaned.txt   # eyeball removals

Speed: every article of ``../shared/data/news/saudinewsnet/*.zip`` (one JSON array per
day) is turned into a JSONL line and read + cleaned exactly as ``marsad analyze --jsonl``
does (ingest.read_bytes + the "clean" component), in one process on one core; reports
articles/s and the peak resident memory.

HTML quality: for each page of ``../shared/data/html/newspaper4k/html`` that has expected
text in ``txt/`` (the Arabic page and the English ones), word-level precision / recall / F1
(bag of words, multiset overlap) of marsad's HTML path (title excluded on both sides) and
of plain ``trafilatura.extract`` with default settings, side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
NEWS = SHARED / "data" / "news" / "saudinewsnet"
HTML = SHARED / "data" / "html" / "newspaper4k"
# English pages with expected text (the other languages' pages are not what marsad targets).
ENGLISH_PAGES = [
    "article_with_br",
    "article_with_divs",
    "cleveland.com1",
    "cnn_001",
    "cnn_002",
    "cnn_article",
    "cnn_test_nlp",
    "fox13now_001",
    "time_001",
    "video_article_01",
    "video_article_02",
    "wired_001",
]


def saudinewsnet_records(limit: int | None):
    n = 0
    for zpath in sorted(NEWS.glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in zf.namelist():
                for record in json.loads(zf.read(name)):
                    yield record
                    n += 1
                    if limit and n >= limit:
                        return


def bench_speed(limit: int | None, dump: int = 0) -> dict:
    from marsad import ingest, pipeline

    clean = pipeline.get_component("clean")
    records = [json.dumps(r, ensure_ascii=False).encode("utf-8") for r in saudinewsnet_records(limit)]
    if not records:
        raise SystemExit(f"no SaudiNewsNet data under {NEWS}")
    in_bytes = sum(len(r) for r in records)
    removed = Counter()
    blocks = headings = 0
    loaded_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.process_time()
    w0 = time.perf_counter()
    for i, data in enumerate(records):
        for article in ingest.read_bytes(data, format="jsonl"):
            article = clean(article)
            blocks += len(article.blocks)
            headings += sum(b.kind == "heading" for b in article.blocks)
            for r in article.removed:
                removed[r.reason] += 1
            if i < dump:
                print(f"=== {i} {article.source.site} | {article.title}")
                for b in article.blocks:
                    print(f"  [{b.kind[:4]}] {b.text[:110]}")
                for r in article.removed:
                    print(f"  -- {r.reason} ({r.score}): {r.text[:110]}")
    cpu = time.process_time() - t0
    wall = time.perf_counter() - w0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": len(records),
        "input_mb": round(in_bytes / 1e6, 1),
        "cpu_s": round(cpu, 2),
        "wall_s": round(wall, 2),
        "articles_per_cpu_s": round(len(records) / cpu, 1),
        "peak_rss_mb": round(peak_mb, 1),
        "rss_after_loading_records_mb": round(loaded_mb, 1),
        "blocks": blocks,
        "headings": headings,
        "removed": dict(removed.most_common()),
    }


_WORD = re.compile(r"\w+")


def _bag(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text or ""))


def prf(predicted: str, expected: str) -> tuple[float, float, float]:
    p, e = _bag(predicted), _bag(expected)
    overlap = sum((p & e).values())
    precision = overlap / max(1, sum(p.values()))
    recall = overlap / max(1, sum(e.values()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bench_html() -> list[dict]:
    import trafilatura

    from marsad import ingest, pipeline

    clean = pipeline.get_component("clean")
    rows = []
    for page in ["arabic_article", *ENGLISH_PAGES]:
        html_path, txt_path = HTML / "html" / f"{page}.html", HTML / "txt" / f"{page}.txt"
        if not (html_path.exists() and txt_path.exists()):
            continue
        data = html_path.read_bytes()
        expected = txt_path.read_text(encoding="utf-8")
        article = clean(next(ingest.read_bytes(data, format="html", name=html_path.name)))
        baseline = trafilatura.extract(data) or ""
        m = prf(article.text, expected)
        b = prf(baseline, expected)
        rows.append({"page": page, "marsad": m, "trafilatura": b})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="at most this many SaudiNewsNet articles")
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--html-only", action="store_true")
    ap.add_argument("--dump", type=int, default=0, help="print the cleaning of the first N articles")
    args = ap.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"../shared not found at {SHARED} (set MARSAD_SHARED)")
    if not args.html_only:
        speed = bench_speed(args.limit, args.dump)
        out = sys.stderr if args.dump else sys.stdout
        print("## Speed (read + clean, one core)", file=out)
        for k, v in speed.items():
            print(f"{k}: {v}", file=out)
    if not args.speed_only and not args.dump:
        rows = bench_html()
        print("\n## HTML path vs plain trafilatura.extract (word-level P / R / F1)")
        print(f"| page | marsad P | R | F1 | trafilatura P | R | F1 | F1 ≥ trafilatura |")
        print("|---|---|---|---|---|---|---|---|")
        for r in rows:
            m, b = r["marsad"], r["trafilatura"]
            ok = "yes" if m[2] >= b[2] - 1e-9 else "NO"
            print(f"| {r['page']} | {m[0]:.3f} | {m[1]:.3f} | {m[2]:.3f} | {b[0]:.3f} | {b[1]:.3f} | {b[2]:.3f} | {ok} |")
        mean = lambda key, i: sum(r[key][i] for r in rows) / len(rows)  # noqa: E731
        print(f"| **mean** | {mean('marsad',0):.3f} | {mean('marsad',1):.3f} | {mean('marsad',2):.3f} | "
              f"{mean('trafilatura',0):.3f} | {mean('trafilatura',1):.3f} | {mean('trafilatura',2):.3f} | |")


if __name__ == "__main__":
    main()
