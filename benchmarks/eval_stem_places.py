"""Do searches for a place or a name find that word, or words the stemmer merged with it?

    .venv/bin/python benchmarks/eval_stem_places.py --db ARCHIVE

For each query word, the share of the top 10 search hits whose title or text contains the
word itself (as a whole word, proclitics split off).  With stemmer v1 «سعود» (the given
name Saud) ranked articles about السعودية, and «البحرين» (Bahrain) articles about the sea.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = ["سعود", "إيران", "لبنان", "البحرين"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/marsad-bench-ingest.db")
    args = ap.parse_args()
    if not Path(args.db).exists():
        print(f"skipped: no archive at {args.db} (ingest ../shared/data/news/saudinewsnet first)")
        return 0
    from marsad.store import open_store
    from marsad.text import normalize, split_clitics, tokenize

    store = open_store(args.db, readonly=True)
    for q in QUERIES:
        want = {normalize(q), normalize(split_clitics(q).stem)}
        hits = store.search(q, page_size=10, collapse=False).hits
        found = 0
        for h in hits:
            art = store.get_article(h.article.id)
            words = [t.text for t in tokenize(f"{art.title or ''} {art.text}") if t.is_word]
            forms = {normalize(w) for w in words} | {normalize(split_clitics(w).stem) for w in words}
            found += bool(forms & want)
        print(f"{q}\t{found}/{len(hits)} top-10 hits contain the word")
    return 0


if __name__ == "__main__":
    sys.exit(main())
