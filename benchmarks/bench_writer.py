"""CPU cost of marsad's own ingest work per record, stage by stage (not the analysers).

    .venv/bin/python benchmarks/bench_writer.py --days 2015-07-23 2015-08-01 [--base ARCHIVE]

The analysis pipeline runs once (2 worker processes) and its analysed articles are cached as
JSON lines (``--cache``, default /tmp/marsad-bench-writer.jsonl, reused while it exists), so
the stages below are timed on identical input in one process, in process CPU time:

- worker side: ``prepare`` (index terms, MinHash, story terms, the stored JSON);
- writer side: the survey pass over the inputs (counts, site-line statistics), reading and
  input keys, unpickling the workers' results, ``Store.add_items`` in batches of 200, and
  story clustering of the new articles.

Without ``--base`` the articles go into a fresh archive; with ``--base`` into a copy of that
archive (e.g. all 15 days, to see the cost at 25k articles): the texts get a suffix and new
input keys so every record is new, and ``--no-dedup`` drops their signatures (else each finds
its own original as a near-duplicate and skips the story search).  To compare with another
version of marsad, run the same command with ``--code DIR`` pointing at that version's tree
(e.g. ``git archive COMMIT marsad | tar -x -C DIR``).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import pickle
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
DATA = SHARED / "data" / "news" / "saudinewsnet"


def _analyse(paths: list[str], cache: Path) -> None:
    import multiprocessing as mp

    from marsad.corpus import ingest as ing
    from marsad.corpus.sources import Rejected

    _, stats = ing.survey(paths, None, True)

    class _Nothing:
        def known_inputs(self, keys):
            return set()

    jobs = list(ing._jobs(paths, _Nothing(), None, lambda r: None))
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(2, initializer=ing._init_worker, initargs=(stats, None, None)) as pool:
        # the items' articles are slimmed by newer versions: keep the full analysed article
        results = pool.map(_analysed, jobs, chunksize=4)
    with open(cache, "w", encoding="utf-8") as fh:
        for key, art in results:
            if art is not None and not isinstance(art, Rejected):
                fh.write(json.dumps({"key": key, "article": art}, ensure_ascii=False) + "\n")


def _analysed(job):
    from marsad import pipeline
    from marsad.corpus import ingest as ing

    key, article = job
    try:
        if article.published and not article.reference_date:
            article.reference_date = article.published.value[:10]
        article = pipeline.run(article, ing._W.get("components"), exclude=ing._W.get("exclude", ()))
    except Exception:
        return key, None
    return key, (article.to_dict() if article.text.strip() else None)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", nargs="+", default=["2015-07-23", "2015-08-01"])
    ap.add_argument("--cache", default="/tmp/marsad-bench-writer.jsonl")
    ap.add_argument("--base", help="archive to copy and add to (default: a fresh archive)")
    ap.add_argument("--no-dedup", action="store_true", help="with --base: no signatures (see above)")
    ap.add_argument("--db", default="/tmp/marsad-bench-writer.db")
    ap.add_argument("--code", help="another marsad tree to time (its parent holds the marsad package)")
    ap.add_argument("--cache-kib", type=int, help="the writer connection's page cache in KiB (default: the store's CACHE_KIB)")
    args = ap.parse_args()
    sys.path.insert(0, args.code or str(ROOT))
    paths = [str(DATA / f"{d}.zip") for d in args.days if (DATA / f"{d}.zip").exists()]
    if not paths:
        print(f"skipped: {DATA} absent")
        return 0

    from marsad.corpus import ingest as ing
    from marsad.corpus.prepare import prepare
    from marsad.corpus.stories import cluster_new
    from marsad.document import Article
    from marsad.store import open_store

    # every record is analysed and timed, repeats of an outlet's earlier record too (as before
    # ingest recorded those without analysis), so the figures stay comparable across versions
    if hasattr(ing, "REPEAT_MEMORY"):
        ing.REPEAT_MEMORY = 0
    cache = Path(args.cache)
    if not cache.exists():
        _analyse(paths, cache)
    rows = [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
    articles = [(r["key"], Article.from_dict(r["article"])) for r in rows]
    n = len(articles)
    cpu = time.process_time

    t = cpu()
    items = [prepare(a, k) for k, a in articles]
    t_prepare = cpu() - t
    t = cpu()
    ing.survey(paths, None, True)
    t_survey = cpu() - t

    class _Nothing:
        def known_inputs(self, keys):
            return set()

    t = cpu()
    list(ing._jobs(paths, _Nothing(), None, lambda r: None))
    t_read = cpu() - t
    blobs = [pickle.dumps(it) for it in items]
    t = cpu()
    items = [pickle.loads(b) for b in blobs]
    t_unpickle = cpu() - t

    for suffix in ("", "-wal", "-shm"):
        Path(args.db + suffix).unlink(missing_ok=True)
    if args.base:
        shutil.copy(args.base, args.db)
        for i, it in enumerate(items):  # new records: other text hash, input key and URL
            it.article.text += f" {i}"
            it.input_key = hashlib.sha256((it.input_key + "+").encode()).hexdigest()
            it.article.source = dataclasses.replace(it.article.source, url=(it.article.source.url or "") + "#+")
            if getattr(it, "content_hash", ""):
                it.content_hash = it.article.content_hash
            if args.no_dedup:
                it.minhash = None
    if args.cache_kib is not None:
        import marsad.store.sqlite as sqlite_store

        if not hasattr(sqlite_store, "CACHE_KIB"):
            sys.exit("--cache-kib: this marsad sets no page cache (SQLite's default, 2,000 KiB, applies)")
        sqlite_store.CACHE_KIB = args.cache_kib
    store = open_store(args.db)
    before = store.stats().articles
    t = cpu()
    for i in range(0, n, 200):
        store.add_items(items[i : i + 200])
    t_add = cpu() - t
    t = cpu()
    cluster_new(store)
    t_stories = cpu() - t
    stats = store.stats()
    store.close()

    def ms(x: float) -> float:
        return round(x / n * 1000, 2)

    writer = {"survey": ms(t_survey), "read_and_keys": ms(t_read), "unpickle_results": ms(t_unpickle),
              "add_items": ms(t_add), "stories": ms(t_stories)}
    print(json.dumps({
        "code": args.code or str(ROOT), "days": args.days, "records": n, "archive_before": before,
        "articles_after": stats.articles, "near_duplicates_after": stats.near_duplicates,
        "cpu_ms_per_record_worker_side": {"prepare": ms(t_prepare)},
        "cpu_ms_per_record_writer": writer | {"total": round(sum(writer.values()), 2)},
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
