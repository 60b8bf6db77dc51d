"""Topic classifier: SANAD test figures, and the shift to real news (SaudiNewsNet).

    .venv/bin/python benchmarks/eval_topics.py [--days N] [--json]

1. SANAD test (``../shared/data/topics/sanad/test.jsonl.gz``): accuracy, macro-F1,
   expected calibration error, confusion matrix.
2. SaudiNewsNet (``../shared/data/news/saudinewsnet/*.zip``): real articles with digits,
   punctuation and bylines.  The section of three outlets is known from the outlet:
   arriyadiyah and arreyadi are sports papers, aleqtisadiya is an economic paper.  For
   them: the share predicted Sports / Finance, the share sent to "Other", how the share
   right moves with the "Other" threshold (what OTHER_THRESHOLD was chosen from), and
   what the errors are (counts by predicted label, plus a few titles to read).
   For every outlet: the distribution of predicted labels.

Skips (exit 0, with a message) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.analyze.topics import OTHER_LABEL, OTHER_THRESHOLD, get_model  # noqa: E402
from marsad.cli.topics import evaluate_records  # noqa: E402
from marsad.training.topics import read_records  # noqa: E402

SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared")).resolve()
KNOWN_SECTION = {"arriyadiyah": "Sports", "arreyadi": "Sports", "aleqtisadiya": "Finance"}


def saudinewsnet(days: int | None = None):
    files = sorted((SHARED / "data" / "news" / "saudinewsnet").glob("*.zip"))
    for path in files[:days] if days else files:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".json"):
                    yield from json.loads(z.read(name).decode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--days", type=int, help="only the first N SaudiNewsNet days")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--examples", type=int, default=5, help="error titles to print per outlet")
    args = ap.parse_args(argv)
    test = SHARED / "data" / "topics" / "sanad" / "test.jsonl.gz"
    if not test.exists():
        print(f"skipped: {SHARED} absent (needs data/topics/sanad and data/news/saudinewsnet)")
        return 0

    out: dict = {"other_threshold": OTHER_THRESHOLD}
    sanad = evaluate_records(read_records(test))
    out["sanad_test"] = {k: sanad[k] for k in ("records", "accuracy", "macro_f1", "ece", "other_share", "ms_per_record")}
    out["sanad_test"]["confusion"] = sanad["confusion"]

    model = get_model()
    per_outlet: dict[str, Counter] = defaultdict(Counter)
    known: list[tuple[str, str, float, str]] = []  # outlet, predicted, probability, title
    seen = set()
    for rec in saudinewsnet(args.days):
        text = f"{rec.get('title') or ''}\n{rec.get('content') or ''}"
        if not rec.get("content") or text in seen:  # cross-day duplicates
            continue
        seen.add(text)
        p = model.probabilities(text)
        i = int(p.argmax())
        label = model.labels[i] if p[i] >= OTHER_THRESHOLD else OTHER_LABEL
        per_outlet[rec["source"]][label] += 1
        if rec["source"] in KNOWN_SECTION:
            known.append((rec["source"], model.labels[i], float(p[i]), rec.get("title") or ""))

    shift: dict = {}
    for outlet, section in KNOWN_SECTION.items():
        rows = [r for r in known if r[0] == outlet]
        if not rows:
            continue
        probs = np.array([r[2] for r in rows])
        right = np.array([r[1] == section for r in rows])
        curve = {}
        for t in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            kept = probs >= t
            curve[str(t)] = {
                "kept": round(float(kept.mean()), 4),
                "right_among_kept": round(float(right[kept].mean()), 4) if kept.any() else None,
            }
        kept = probs >= OTHER_THRESHOLD
        shift[outlet] = {
            "section": section,
            "articles": len(rows),
            f"share_{section}_best_label": round(float(right.mean()), 4),
            f"share_{section}": round(float((right & kept).mean()), 4),
            "share_other": round(float((~kept).mean()), 4),
            "errors_by_label": dict(Counter(r[1] for r, ok in zip(rows, right) if not ok).most_common()),
            "threshold_curve": curve,
        }
        shift[outlet]["error_examples"] = [
            f"{r[1]} {r[2]:.2f} | {r[3][:90]}" for r, ok in zip(rows, right) if not ok and r[2] >= OTHER_THRESHOLD
        ][: args.examples]
    out["saudinewsnet_known_sections"] = shift
    out["saudinewsnet_by_outlet"] = {
        o: {lab: round(n / sum(c.values()), 3) for lab, n in c.most_common()} | {"articles": sum(c.values())}
        for o, c in sorted(per_outlet.items())
    }

    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    s = out["sanad_test"]
    print(f"SANAD test: {s['records']} records, accuracy {s['accuracy']:.4f}, macro-F1 {s['macro_f1']:.4f}, "
          f"ECE {s['ece']:.4f}, {s['ms_per_record']} ms/record")
    labels = list(s["confusion"])
    print("  gold \\ pred " + " ".join(f"{lab[:7]:>7}" for lab in labels))
    for g in labels:
        print(f"  {g:<11} " + " ".join(f"{s['confusion'][g][p]:>7}" for p in labels))
    print(f"\nSaudiNewsNet, outlets with a known section (Other threshold {OTHER_THRESHOLD}):")
    for outlet, r in shift.items():
        sec = r["section"]
        print(f"  {outlet:<13} {r['articles']:>5} articles: {sec} {r[f'share_{sec}']:.1%} "
              f"(best label {r[f'share_{sec}_best_label']:.1%}), Other {r['share_other']:.1%}; "
              f"errors by label {r['errors_by_label']}")
        print("     threshold → kept / right among kept: " + ", ".join(
            f"{t}: {c['kept']:.2f}/{c['right_among_kept']}" for t, c in r["threshold_curve"].items()))
        for e in r["error_examples"]:
            print(f"     error: {e}")
    print("\nPredicted labels by outlet:")
    for o, dist in out["saudinewsnet_by_outlet"].items():
        n = dist.pop("articles")
        print(f"  {o:<13} {n:>5}: " + ", ".join(f"{lab} {v:.0%}" for lab, v in dist.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
