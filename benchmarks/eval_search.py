"""Search quality on SaudiNewsNet: precision@10, Arabic analysis vs plain full-text search.

    .venv/bin/python benchmarks/eval_search.py --db ARCHIVE           # evaluate
    .venv/bin/python benchmarks/eval_search.py --db ARCHIVE --pool    # results to judge (stdout)

``ARCHIVE`` is SaudiNewsNet ingested by ``marsad ingest`` (normalisation + light
stemming).  The baseline is the same engine (SQLite FTS5, BM25, same title weight) over
the same stored articles indexed with :class:`marsad.search.analyzer.PlainAnalyzer`
(tokens lower-cased, no Arabic normalisation, no clitic or suffix stripping): what a
default full-text index does with Arabic.  It is built once into ``ARCHIVE.plain.db``.

Judgments: ``benchmarks/gold/search_judgments.jsonl``, ``{"query", "url", "relevant"}``,
made by reading the title and text of every article either system returns in its top 10
(pooled); an unjudged result counts as not relevant and is reported.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLD = ROOT / "benchmarks" / "gold" / "search_judgments.jsonl"

# Information needs a reader of Saudi news in summer 2015 would type, in natural forms
# (with clitics, plurals, spelling variants) rather than in the form the article uses.
QUERIES = [
    "الاتفاق النووي مع إيران",
    "تفجير مسجد",
    "تحرير عدن",
    "فيروس كورونا",
    "أسعار النفط",
    "قناة السويس الجديدة",
    "انتقالات اللاعبين",
    "الإسكان",
    "بالمدارس",
    "الحجاج",
    "الأمطار والسيول",
    "سوق الأسهم السعودية",
]


def build_plain(db: str) -> str:
    from marsad.corpus.prepare import prepare
    from marsad.search.analyzer import PlainAnalyzer
    from marsad.store import open_store
    from marsad.store.sqlite import SQLiteStore

    path = db + ".plain.db"
    if Path(path).exists():
        return path
    plain = PlainAnalyzer()
    out = SQLiteStore(path, analyzer="plain")
    batch = []
    with open_store(db, readonly=True) as src:
        for _, art in src.iter_articles():
            item = prepare(art, art.source.url or art.content_hash, index_analyzer=plain)
            item.minhash = None  # the baseline needs the index only
            batch.append(item)
            if len(batch) >= 500:
                out.add_items(batch)
                batch = []
    out.add_items(batch)
    out.close()
    return path


def top10(store, query: str) -> list:
    return store.search(query, page_size=10, collapse=False).hits


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/marsad-bench-ingest.db")
    ap.add_argument("--pool", action="store_true", help="print the pooled top-10 results to judge")
    args = ap.parse_args()
    if not Path(args.db).exists():
        print(f"skipped: no archive at {args.db} (ingest ../shared/data/news/saudinewsnet first)")
        return 0
    from marsad.store import open_store
    from marsad.store.sqlite import SQLiteStore

    plain_db = build_plain(args.db)
    arabic = open_store(args.db, readonly=True)
    plain = SQLiteStore(plain_db, readonly=True)
    if args.pool:
        for q in QUERIES:
            seen = set()
            for system, store in (("arabic", arabic), ("plain", plain)):
                for h in top10(store, q):
                    if h.article.url in seen:
                        continue
                    seen.add(h.article.url)
                    print(json.dumps({"query": q, "url": h.article.url, "system": system, "title": h.article.title,
                                      "snippet": h.snippet[:260]}, ensure_ascii=False))
        return 0
    judged = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            j = json.loads(line)
            judged[(j["query"], j["url"])] = bool(j["relevant"])
    rows = []
    for q in QUERIES:
        row = {"query": q}
        for system, store in (("arabic", arabic), ("plain", plain)):
            hits = top10(store, q)
            rel = [judged.get((q, h.article.url)) for h in hits]
            row[system] = round(sum(1 for r in rel if r) / 10, 2)
            row[f"{system}_returned"] = len(hits)
            row[f"{system}_unjudged"] = sum(1 for r in rel if r is None)
        rows.append(row)
    mean = {s: round(sum(r[s] for r in rows) / len(rows), 3) for s in ("arabic", "plain")}
    print(json.dumps({"queries": len(rows), "mean_p_at_10": mean, "per_query": rows}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
