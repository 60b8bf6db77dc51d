"""Cost of the near-duplicate candidate step at ingest, at a given LSH candidate threshold.

    .venv/bin/python benchmarks/bench_dedup_candidates.py --db ARCHIVE [--threshold T] [--last N]
                                                          [--no-facts | --compare-facts] [--one-pairing]

Copies ARCHIVE (an archive built by ``marsad ingest``) to a temporary directory, opens the
copy for writing with the bands of threshold T (default: ``dedup.CANDIDATE_THRESHOLD``), so
the store rebuilds its band index as after an upgrade (timed), and then runs the ingest's
candidate step (``SQLiteStore._near_duplicate``: band lookup, with the articles' facts the
rare-name candidates, ranking by signature, stored
words, ``dedup.verify`` until one accepts) for each of the last N articles against the
articles stored before it.  Prints the band index size, the links found, the verifications
and the CPU per article (best of 3).  The original archive is not touched.  ``--one-pairing``
leaves out the second pairing of the bands (``dedup.SECOND_PAIRING``), for its cost.

Each article is verified with its facts (``dedup.Facts``: entities, outlet, date), as the
writer does since the reworded route; ``--no-facts`` leaves them out (the route off), and
``--compare-facts`` runs both, alternating, in one process.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run(db: str, threshold: float | None, last: int, no_facts: bool = False, compare: bool = False,
        one_pairing: bool = False) -> dict:
    from marsad.corpus import dedup
    from marsad.store import open_store

    if one_pairing:
        dedup.SECOND_PAIRING = False
        dedup.LSH_VERSION = f"{dedup.LSH_VERSION}-bench-one-pairing"  # the copy rebuilds its bands

    if threshold is not None and threshold != dedup.CANDIDATE_THRESHOLD:
        band_keys = dedup.band_keys
        dedup.band_keys = lambda sig, t=threshold: band_keys(sig, t)
        dedup.LSH_VERSION = f"{dedup.LSH_VERSION}-bench-{threshold}"  # the copy rebuilds its bands
    t = threshold if threshold is not None else dedup.CANDIDATE_THRESHOLD
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "archive.db"
        shutil.copyfile(db, copy)
        wall, cpu = time.perf_counter(), time.process_time()
        store = open_store(str(copy))
        out = {"candidate_threshold": t, "bands_rows": list(dedup.band_params(t)),
               "second_pairing": dedup.SECOND_PAIRING,
               "open_and_rebuild_s": {"wall": round(time.perf_counter() - wall, 1), "cpu": round(time.process_time() - cpu, 1)}}
        c = store.conn
        out["band_index_rows"] = c.execute("SELECT count(*) FROM lsh").fetchone()[0]
        ids = [r[0] for r in c.execute("SELECT id FROM articles WHERE minhash IS NOT NULL ORDER BY id DESC LIMIT ?", (last,))]
        items = []
        for rowid in sorted(ids):
            sig = dedup.unpack(c.execute("SELECT minhash FROM articles WHERE id = ?", (rowid,)).fetchone()[0])
            # the new article's facts (and text) in memory, as the writer has them; its entities are the
            # stored rows (one per key), where the writer holds one per mention: the same keys
            f = store._stored_facts(c, rowid)
            facts = dedup.Facts(list(f.named()), f.site, f.published, store._stored_text(c, rowid))
            length = c.execute("SELECT length FROM articles WHERE id = ?", (rowid,)).fetchone()[0]
            items.append((rowid, store._stored_words(c, rowid), sig, dedup.band_keys(sig), facts, length))
        # each article and those stored after it are hidden from its candidate step, as at
        # its ingest (a temporary view in place of the band table)
        c.execute("CREATE TEMP TABLE later (id INTEGER PRIMARY KEY)")
        modes = (True, False) if compare else (not no_facts,)
        best: dict[bool, float] = {}
        result: dict[bool, tuple[int, int]] = {}
        for _, with_facts in ((r, m) for r in range(3) for m in modes):  # alternating: same machine speed
            linked = calls = 0
            verify = dedup.verify

            def counting(a, b, **kw):
                nonlocal calls
                calls += 1
                return verify(a, b, **kw)

            dedup.verify = counting
            try:
                c.execute("DELETE FROM later")
                c.executemany("INSERT INTO later VALUES (?)", [(i,) for i in ids])
                c.execute("ALTER TABLE lsh RENAME TO lsh_all")
                c.execute("CREATE TEMP VIEW lsh AS SELECT * FROM lsh_all WHERE article_id NOT IN (SELECT id FROM later)")
                start = time.process_time()
                for rowid, words, sig, keys, facts, length in items:  # in ingest order; itself still hidden
                    # before=rowid: the rare-name candidates (dedup's second source) of the articles stored before it
                    linked += store._near_duplicate(c, words, keys, sig, facts if with_facts else None,
                                                    before=rowid, length=length) is not None
                    c.execute("DELETE FROM later WHERE id = ?", (rowid,))  # stored: visible to the next
                elapsed = time.process_time() - start
            finally:
                dedup.verify = verify
                c.execute("DROP VIEW IF EXISTS lsh")
                c.execute("ALTER TABLE lsh_all RENAME TO lsh")
            best[with_facts] = min(best.get(with_facts, elapsed), elapsed)
            result[with_facts] = (linked, calls)
        out["articles"] = len(items)
        for with_facts in modes:
            name = "with facts (reworded route)" if with_facts else "without facts"
            out[name] = {"linked": result[with_facts][0], "verifications": result[with_facts][1],
                         "cpu_ms_per_article_best_of_3": round(best[with_facts] / len(items) * 1000, 3)}
        store.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--last", type=int, default=3000)
    ap.add_argument("--no-facts", action="store_true", help="without the articles' facts (no reworded route)")
    ap.add_argument("--compare-facts", action="store_true", help="with and without facts, alternating")
    ap.add_argument("--one-pairing", action="store_true",
                    help="without the second pairing of the bands (dedup.SECOND_PAIRING)")
    args = ap.parse_args()
    if not Path(args.db).exists():
        print(f"skipped: no archive at {args.db}")
        return 0
    out = run(args.db, args.threshold, args.last, args.no_facts, args.compare_facts, args.one_pairing)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
