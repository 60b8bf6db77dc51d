"""Near-duplicate and story evaluation on SaudiNewsNet against hand-labelled pairs.

    .venv/bin/python benchmarks/eval_dedup.py --db ARCHIVE            # evaluate
    .venv/bin/python benchmarks/eval_dedup.py --db ARCHIVE --sample N # candidate pairs to label (stdout)

The archive is SaudiNewsNet ingested by ``marsad ingest`` (e.g. by benchmarks/bench_ingest.py).
Gold: ``benchmarks/gold/dedup_pairs.jsonl``, one pair per line, keyed by the two article URLs
(no article text in the repository)::

    {"url_a": ..., "url_b": ..., "stratum": "j80", "near_duplicate": true, "same_story": true}

Pairs were sampled stratified by similarity (estimated word-shingle Jaccard for the top
strata, story similarity for the lower ones) and labelled by reading both articles:
*near-duplicate* = one is a copy of the other with small edits (headline, dateline,
a sentence added or cut); *same story* = both report the same specific event.

Near-duplicates are scored pairwise with the ingest rule (same normalised text, or
estimated Jaccard ≥ ``dedup.THRESHOLD``), with a threshold sweep; stories with the
archive's actual clustering (same story id).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLD = ROOT / "benchmarks" / "gold" / "dedup_pairs.jsonl"


def _prf(pairs: list[tuple[bool, bool]]) -> dict:
    tp = sum(1 for p, g in pairs if p and g)
    fp = sum(1 for p, g in pairs if p and not g)
    fn = sum(1 for p, g in pairs if not p and g)
    prec = tp / (tp + fp) if tp + fp else float("nan")
    rec = tp / (tp + fn) if tp + fn else float("nan")
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(prec, 3), "recall": round(rec, 3)}


def _load(store, url: str):
    sid = store.find_url(url)
    if sid is None:
        return None
    return sid, store.get_article(sid), store.get_summary(sid)


def evaluate(db: str) -> dict:
    from marsad.corpus import dedup, stories
    from marsad.store import open_store

    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = []
    sims = []
    with open_store(db, readonly=True) as store:
        sim = stories.Similarity(store)
        sim.load(None)
        for g in gold:
            a, b = _load(store, g["url_a"]), _load(store, g["url_b"])
            if a is None or b is None:
                continue
            same_text = a[0] == b[0]
            sa, sb = dedup.signature(a[1].text), dedup.signature(b[1].text)
            j = 1.0 if same_text else (dedup.jaccard(sa, sb) if sa and sb else 0.0)
            same_story = same_text or (a[2].story_id is not None and a[2].story_id == b[2].story_id)
            rows.append((g, same_text, j, same_story))
            sims.append(1.0 if same_text else sim(store.story_input(a[0]), store.story_input(b[0])))
    out = {"pairs_labelled": len(gold), "pairs_found_in_archive": len(rows)}
    out["gold_near_duplicates"] = sum(1 for g, *_ in rows if g["near_duplicate"])
    out["gold_same_story"] = sum(1 for g, *_ in rows if g["same_story"])
    out["near_duplicates"] = {"threshold": dedup.THRESHOLD} | _prf(
        [(st or j >= dedup.THRESHOLD, g["near_duplicate"]) for g, st, j, _ in rows]
    )
    out["near_duplicate_sweep"] = {
        f"{t:.2f}": _prf([(st or j >= t, g["near_duplicate"]) for g, st, j, _ in rows])
        for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
    }
    out["stories"] = {"threshold": stories.THRESHOLD, "window_days": stories.WINDOW_DAYS} | _prf(
        [(ss, g["same_story"]) for g, _, _, ss in rows]
    )
    # pairwise story similarity (what clustering thresholds), independent of clustering order
    out["story_similarity_sweep"] = {
        f"{t:.2f}": _prf([(s >= t, g["same_story"]) for (g, *_), s in zip(rows, sims)])
        for t in (0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)
    }
    strata: dict[str, list] = {}
    for g, st, j, ss in rows:
        strata.setdefault(g.get("stratum", "?"), []).append((g, st, j, ss))
    out["by_stratum"] = {
        k: {
            "pairs": len(v),
            "gold_near": sum(1 for g, *_ in v if g["near_duplicate"]),
            "pred_near": sum(1 for _, st, j, _ in v if st or j >= dedup.THRESHOLD),
            "gold_story": sum(1 for g, *_ in v if g["same_story"]),
            "pred_story": sum(1 for *_, ss in v if ss),
        }
        for k, v in sorted(strata.items())
    }
    return out


def sample(db: str, n: int, seed: int = 1) -> list[dict]:
    """Candidate pairs in similarity strata (for labelling; prints URLs, scores and text heads)."""
    import numpy as np

    from marsad.corpus import dedup, stories
    from marsad.store import open_store

    rng = random.Random(seed)
    store = open_store(db, readonly=True)
    rows = list(store.signatures())  # (id, url, story id, signature)
    sig = np.array([r[3] for r in rows], dtype=np.uint32)
    # low-threshold banding (4 rows x 32 bands) to reach pairs down to J ~ 0.2
    buckets: dict[tuple, list[int]] = {}
    for i in range(len(rows)):
        for band in range(32):
            buckets.setdefault((band, sig[i, band * 4 : band * 4 + 4].tobytes()), []).append(i)
    cand = set()
    for members in buckets.values():
        if 1 < len(members) <= 50:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    cand.add((members[x], members[y]))
    by_j: dict[str, list] = {"j90": [], "j70": [], "j50": [], "j35": [], "j20": []}
    for x, y in cand:
        j = float(np.mean(sig[x] == sig[y]))
        key = "j90" if j >= 0.9 else "j70" if j >= 0.7 else "j50" if j >= 0.5 else "j35" if j >= 0.35 else "j20" if j >= 0.2 else None
        if key:
            by_j[key].append((x, y, j))
    per = max(1, n // 9)
    picked = []
    for key, lst in by_j.items():
        rng.shuffle(lst)
        picked += [(key, x, y, j) for x, y, j in lst[:per]]
    # story-level strata: same-window pairs by story similarity (below near-duplicate range)
    sim = stories.Similarity(store)
    sim.load(None)
    by_id = {r[0]: i for i, r in enumerate(rows)}
    ids = list(by_id)
    rng.shuffle(ids)
    s_strata: dict[str, list] = {"s60": [], "s45": [], "s30": [], "s15": []}
    for sid in ids[:1500]:
        item = store.story_input(sid)
        for c in store.story_candidates(item, item.day, item.day, 10):
            s = sim(item, c)
            x, y = by_id.get(item.id), by_id.get(c.id)
            if x is None or y is None:
                continue
            j = float(np.mean(sig[x] == sig[y]))
            if j >= 0.2:
                continue
            key = "s60" if s >= 0.6 else "s45" if s >= 0.45 else "s30" if s >= 0.3 else "s15" if s >= 0.15 else None
            if key and len(s_strata[key]) < per * 3:
                s_strata[key].append((key, x, y, j, s))
    for key, lst in s_strata.items():
        rng.shuffle(lst)
        picked += [(k, x, y, j) for k, x, y, j, _ in lst[:per]]
    out = []
    for key, x, y, j in picked:
        a, b = rows[x], rows[y]
        ta, tb = store.get_article(a[0]), store.get_article(b[0])
        out.append(
            {
                "url_a": a[1], "url_b": b[1], "stratum": key, "jaccard": round(j, 3),
                "story_sim": round(sim(store.story_input(a[0]), store.story_input(b[0])), 3),
                "same_story_pred": a[2] == b[2],
                "title_a": ta.title, "title_b": tb.title,
                "head_a": ta.text[:300], "head_b": tb.text[:300],
                "tail_a": ta.text[-150:], "tail_b": tb.text[-150:],
                "len_a": len(ta.text), "len_b": len(tb.text),
            }
        )
    store.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/marsad-bench-ingest.db")
    ap.add_argument("--sample", type=int, default=0, help="print N candidate pairs to label instead of evaluating")
    args = ap.parse_args()
    if not Path(args.db).exists():
        print(f"skipped: no archive at {args.db} (ingest ../shared/data/news/saudinewsnet first)")
        return 0
    if args.sample:
        for row in sample(args.db, args.sample):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    print(json.dumps(evaluate(args.db), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
