"""Extractive summary vs lead baselines, with SaudiNewsNet titles as a weak reference.

    .venv/bin/python benchmarks/eval_summary.py [--days N] [--first-day K] [--limit N] [--json]

No human-written Arabic summaries are at hand, so the title stands in for one: ROUGE-1
and ROUGE-2 *recall* of the title's words by the summary (normalised words, stop words
kept, no stemming), for marsad's summary (1–3 sentences by article length; and forced to
1 and 2 sentences, "marsad@1/2", to compare at equal length) and for lead-1/2/3 in the
same run, on the same articles.  The summariser never sees the title (it is the reference).
The weights were tuned on the first three days; the default here skips them.

What this shows and does not: a title is a 5–15 word headline, usually a paraphrase of
the lead sentence, so lead baselines are strong by construction and recall rewards longer
outputs (the average length in words is printed next to each system).  A summary that
beats lead-2 here picks sentences that share the headline's words; one that loses may
still be a good summary.  It is a sanity check against picking side material, not a
quality score.

Skips (exit 0, with a message) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.analyze.keyphrases import extract  # noqa: E402
from marsad.analyze.summary import summarize  # noqa: E402
from marsad.document import Article  # noqa: E402
from marsad.text import normalized_words, split_sentences  # noqa: E402

SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared")).resolve()


def articles(first_day: int, days: int | None):
    files = sorted((SHARED / "data" / "news" / "saudinewsnet").glob("*.zip"))
    files = files[first_day:]
    seen = set()
    for path in files[:days] if days else files:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if not name.endswith(".json"):
                    continue
                for rec in json.loads(z.read(name).decode("utf-8")):
                    title, content = rec.get("title") or "", rec.get("content") or ""
                    if len(normalized_words(title)) < 3 or len(content) < 300 or content in seen:
                        continue
                    seen.add(content)
                    yield title, content


def ngrams(words: list[str], n: int) -> Counter:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def recall(reference: list[str], candidate: list[str], n: int) -> float:
    ref, cand = ngrams(reference, n), ngrams(candidate, n)
    total = sum(ref.values())
    return sum(min(c, cand[g]) for g, c in ref.items()) / total if total else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--first-day", type=int, default=3, help="skip the first K days (the tuning days)")
    ap.add_argument("--days", type=int, help="use N days from --first-day")
    ap.add_argument("--limit", type=int, default=3000, help="at most N articles")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--examples", type=int, default=0, help="print N articles' keyphrases and summary")
    args = ap.parse_args(argv)
    if not (SHARED / "data" / "news" / "saudinewsnet").is_dir():
        print(f"skipped: {SHARED}/data/news/saudinewsnet absent")
        return 0

    systems = ["marsad", "marsad@1", "marsad@2", "lead-1", "lead-2", "lead-3"]
    sums = {s: {"r1": 0.0, "r2": 0.0, "words": 0} for s in systems}
    n = 0
    for title, content in articles(args.first_day, args.days):
        ref = normalized_words(title)
        art = Article(text=content)
        art.keywords = extract(art)
        summary = summarize(art)
        sents = split_sentences(content)
        outputs = {
            "marsad": " ".join(s.text for s in summary),
            "marsad@1": " ".join(s.text for s in summarize(art, n=1)),
            "marsad@2": " ".join(s.text for s in summarize(art, n=2)),
            "lead-1": " ".join(s.text for s in sents[:1]),
            "lead-2": " ".join(s.text for s in sents[:2]),
            "lead-3": " ".join(s.text for s in sents[:3]),
        }
        for name, text in outputs.items():
            words = normalized_words(text)
            sums[name]["r1"] += recall(ref, words, 1)
            sums[name]["r2"] += recall(ref, words, 2)
            sums[name]["words"] += len(words)
        if n < args.examples:
            print(f"--- {title}\n  keyphrases: {' · '.join(k.text for k in art.keywords)}")
            for s in summary:
                print(f"  • {s.text[:200]}")
        n += 1
        if n >= args.limit:
            break
    if n == 0:
        print("no articles")
        return 0
    result = {
        "articles": n,
        "systems": {
            s: {"rouge1_recall": round(v["r1"] / n, 4), "rouge2_recall": round(v["r2"] / n, 4), "avg_words": round(v["words"] / n, 1)}
            for s, v in sums.items()
        },
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{n} SaudiNewsNet articles (days from index {args.first_day}); reference = title")
    print(f"{'system':<8} {'R1 recall':>10} {'R2 recall':>10} {'avg words':>10}")
    for s, v in result["systems"].items():
        print(f"{s:<8} {v['rouge1_recall']:>10.4f} {v['rouge2_recall']:>10.4f} {v['avg_words']:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
