"""Audit of the near-duplicate labels where the rule agrees with them.

    .venv/bin/python benchmarks/audit_dedup_labels.py --db ARCHIVE            # the sample, texts only
    .venv/bin/python benchmarks/audit_dedup_labels.py --db ARCHIVE --key      # the sample's labels and decisions
    .venv/bin/python benchmarks/audit_dedup_labels.py --db ARCHIVE --key --judged FILE  # compared with a reading

The label corrections of the fourth session came from re-reading only the pairs the rule got
wrong, which can only move the labels towards the rule.  This draws the symmetric check: pairs
where the rule's decision equals the re-read label (``near_duplicate_reread``, else
``near_duplicate``), half of them labelled near-duplicate and half not (``--per-label`` each,
seeded by ``--seed``), to be read blind.  Pairs that carry ``near_duplicate_corrected`` were
already read a third time and are left out of the pool.

The rule's decision on each pair is the one ``benchmarks/eval_dedup.py`` scores: its
``evaluate`` runs unchanged and the pair list of its first score (all pairs, first labels) is
recorded; the recorded labels, and the re-read and corrected figures recomputed from the
recorded decisions, are checked against what ``evaluate`` reports.

Without ``--key`` the sample is printed in a shuffled order with each pair's titles and full
texts and nothing else (no stratum, score, label or decision), so it can be read blind.
``--judged FILE`` takes one line per pair, ``N yes`` or ``N no`` (N = the pair's number in
the printout), and lists the pairs where the reading differs from the label.

``--strata s15,s30`` (fifth session) draws instead every pair of those strata whose "full"
label (``eval_dedup._full``) is "no" and that was not read in full before, shuffled by
``--seed``, for a full blind reading like the fourth session's of s45 and s60.  It needs no
rule decision (none is computed, so none can leak into the reading); ``--key`` then prints the
pairs' identities and labels, with ``--judged`` compared as above.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_dedup  # noqa: E402  (benchmarks/ is not a package)


def decisions(db: str) -> list[tuple[dict, bool]]:
    """(gold pair, the rule's decision) for every gold pair found in the archive, taken from
    ``eval_dedup.evaluate`` itself."""
    from marsad.store import open_store

    recorded: list[list[tuple[bool, bool]]] = []
    prf = eval_dedup._prf

    def spy(pairs):
        recorded.append(list(pairs))
        return prf(pairs)

    eval_dedup._prf = spy
    try:
        report = eval_dedup.evaluate(db)
    finally:
        eval_dedup._prf = prf
    gold = [json.loads(line) for line in eval_dedup.GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open_store(db, readonly=True) as store:
        found = [g for g in gold if eval_dedup._load(store, g["url_a"]) and eval_dedup._load(store, g["url_b"])]
    first = recorded[0]  # near_duplicates_first_labels / all, in the order of the pairs found
    if len(first) != len(found) or [lab for _, lab in first] != [g["near_duplicate"] for g in found]:
        raise SystemExit("eval_dedup.evaluate no longer scores the first labels first; update decisions()")
    out = [(g, pred) for g, (pred, _) in zip(found, first)]
    for name, label in (("reread_labels", eval_dedup._reread), ("corrected_labels", eval_dedup._corrected)):
        if eval_dedup._prf([(p, label(g)) for g, p in out]) != report[f"near_duplicates_{name}"]["all"]:
            raise SystemExit(f"recorded decisions do not reproduce evaluate's {name} figures")
    return out


def draw(rows: list[tuple[dict, bool]], per_label: int, seed: int) -> tuple[list[tuple[dict, bool]], dict]:
    """``per_label`` agreement pairs labelled yes and as many labelled no, shuffled."""
    agree = [(g, p) for g, p in rows if p == eval_dedup._reread(g) and "near_duplicate_corrected" not in g]
    agree.sort(key=lambda r: (r[0]["url_a"], r[0]["url_b"]))
    rng = random.Random(seed)
    picked = []
    pool = {}
    for lab in (True, False):
        group = [r for r in agree if eval_dedup._reread(r[0]) is lab]
        pool["yes" if lab else "no"] = len(group)
        picked += rng.sample(group, min(per_label, len(group)))
    rng.shuffle(picked)
    pool["agreements"] = len(agree)
    pool["disagreements_reread"] = sum(1 for g, p in rows if p != eval_dedup._reread(g))
    pool["left_out_corrected"] = sum(
        1 for g, p in rows if p == eval_dedup._reread(g) and "near_duplicate_corrected" in g)
    pool["by_label_stratum"] = dict(sorted(collections.Counter(
        f"{'yes' if eval_dedup._reread(g) else 'no'} {g.get('stratum')}" for g, _ in agree).items()))
    return picked, pool


def draw_strata(strata: list[str], seed: int) -> list[dict]:
    """Every gold pair of ``strata`` whose full label is "no" and that has no full reading yet,
    in a shuffled order (no rule decision is computed)."""
    gold = [json.loads(line) for line in eval_dedup.GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    picked = [g for g in gold if g.get("stratum") in strata and not eval_dedup._full(g) and "near_duplicate_full" not in g]
    picked.sort(key=lambda g: (g["url_a"], g["url_b"]))
    random.Random(seed).shuffle(picked)
    return picked


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/marsad-bench-ingest.db")
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--per-label", type=int, default=20)
    ap.add_argument("--key", action="store_true", help="print the sample's labels and decisions instead of texts")
    ap.add_argument("--judged", help="with --key: a file of 'N yes|no' lines, compared with the labels")
    ap.add_argument("--strata", help="comma-separated strata: read every 'no' pair of them in full (no rule decisions)")
    args = ap.parse_args()
    if not Path(args.db).exists():
        print(f"skipped: no archive at {args.db} (ingest ../shared/data/news/saudinewsnet first)")
        return 0
    if args.strata:
        strata = args.strata.split(",")
        picked = [(g, None) for g in draw_strata(strata, args.seed)]
        pool = {"strata": strata, "pairs": len(picked)}
    else:
        picked, pool = draw(decisions(args.db), args.per_label, args.seed)
    label_of = eval_dedup._full if args.strata else eval_dedup._reread
    if args.key:
        judged = {}
        if args.judged:
            for line in Path(args.judged).read_text(encoding="utf-8").splitlines():
                if line.split():
                    n, verdict = line.split()[:2]
                    judged[int(n)] = verdict == "yes"
        print(json.dumps({"seed": args.seed, "per_label": args.per_label} | pool))
        wrong = []
        for n, (g, p) in enumerate(picked, 1):
            row = {"n": n, "url_a": g["url_a"], "url_b": g["url_b"], "stratum": g.get("stratum"),
                   "label": label_of(g), "reread": "near_duplicate_reread" in g, "rule": p}
            if n in judged:
                row["reading"] = judged[n]
                if judged[n] != row["label"]:
                    wrong.append(n)
            print(json.dumps(row, ensure_ascii=False))
        if judged:
            by = collections.defaultdict(lambda: [0, 0])  # label and stratum: [read, reading differs]
            for n, (g, _) in enumerate(picked, 1):
                if n in judged:
                    key = f"{'yes' if label_of(g) else 'no'} {g.get('stratum')}"
                    by[key][0] += 1
                    by[key][1] += n in wrong
            print(json.dumps({"read": len(judged), "reading_differs_from_label": wrong,
                              "read_and_differing_by_label_stratum": dict(sorted(by.items()))}))
        return 0
    from marsad.store import open_store

    with open_store(args.db, readonly=True) as store:
        for n, (g, _) in enumerate(picked, 1):
            print(f"=================== pair {n}")
            for side in ("url_a", "url_b"):
                art = store.get_article(store.find_url(g[side]))
                print(f"--- {side[-1].upper()} {g[side]}\n{art.title}\n{art.text}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
