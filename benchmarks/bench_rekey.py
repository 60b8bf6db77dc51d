"""Entity keys of an archive built by an older marsad, re-keyed: what merges, and what it costs.

    .venv/bin/python benchmarks/bench_rekey.py ARCHIVE [--top 12] [--work /tmp/marsad-rekey.db]

ARCHIVE is an archive whose entity keys predate :data:`marsad.text.names.ENTITY_KEY_VERSION`
(e.g. the 15 SaudiNewsNet days ingested by an older revision: ``bench_ingest.py --db FILE``
run from that revision's tree).  A copy of it is opened for writing, which re-keys it
(``SQLiteStore.rekey_entities``: the entities table and the keys inside the stored articles);
the script prints the wall and CPU time of that open, the peak memory, the articles whose
keys changed, the distinct keys and entity rows before and after, and the entities whose
article counts grew most (two spellings of one name counted together).  An archive already
keyed by this marsad is re-keyed with nothing to change (its meta is set back to version 1
first, so the pass still runs and is timed).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _counts(path: Path) -> tuple[dict[str, int], int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        by_key = dict(con.execute("SELECT key, count(DISTINCT article_id) FROM entities GROUP BY key"))
        rows = con.execute("SELECT count(*) FROM entities").fetchone()[0]
    finally:
        con.close()
    return by_key, rows


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("archive", type=Path)
    p.add_argument("--top", type=int, default=12)
    p.add_argument("--work", type=Path, default=Path("/tmp/marsad-rekey.db"))
    args = p.parse_args()
    sys.path.insert(0, str(ROOT))
    from marsad.store import open_store
    from marsad.text.names import ENTITY_KEY_VERSION, entity_key

    if not args.archive.exists():
        print(f"skipped: {args.archive} not found")
        return 0
    for suffix in ("", "-wal", "-shm"):
        Path(str(args.work) + suffix).unlink(missing_ok=True)
    shutil.copy(args.archive, args.work)
    con = sqlite3.connect(args.work)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('entity_key_version', '1')")
    con.commit()
    con.close()
    before, rows_before = _counts(args.work)

    wall, cpu = time.perf_counter(), time.process_time()
    store = open_store(args.work)
    rekeyed = store.rekeyed_on_open
    store.close()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after, rows_after = _counts(args.work)

    # each new key's count against the largest of the old keys it gathers
    largest_before: dict[str, int] = {}
    for key, n in before.items():
        kind, _, name = key.partition(":")
        new = entity_key(kind, name) if kind in ("PERS", "LOC", "ORG", "MISC") else key
        largest_before[new] = max(largest_before.get(new, 0), n)
    grown = sorted(((after[k] - largest_before.get(k, 0), k) for k in after), reverse=True)[: args.top]
    out = {
        "archive": str(args.archive),
        "entity_key_version": ENTITY_KEY_VERSION,
        "articles": sqlite3.connect(f"file:{args.work}?mode=ro", uri=True).execute("SELECT count(*) FROM articles").fetchone()[0],
        "articles_rekeyed": rekeyed,
        "open_wall_s": round(wall, 1),
        "open_cpu_s": round(cpu, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "distinct_keys": [len(before), len(after)],
        "entity_rows": [rows_before, rows_after],
        "grown_most": [{"key": k, "articles": after[k], "largest_spelling_before": largest_before.get(k, 0)}
                       for _, k in grown],
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
