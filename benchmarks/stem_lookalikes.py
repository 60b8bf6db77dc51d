"""Words whose first letter only looks like a proclitic: the candidates, and what search finds for them.

    .venv/bin/python benchmarks/stem_lookalikes.py --candidates ARCHIVE [--min-count 40]
    .venv/bin/python benchmarks/stem_lookalikes.py --search ARCHIVE [--words W1,W2,...]

``--candidates``: the archive's words (as normalised) that begin with و ف ب ل ك and that the light
stemmer cuts, which are themselves stems: they also take the article (البلدية, الفساد: the article
cannot come before a proclitic, so the first letter is the word's) in at least a fifth as many
places as they stand bare, and what is left after the cut is a word of the archive too (لدي, ساد),
so the cut joins two words.  Printed most frequent first with their counts, to be read:
``marsad.text.wordlists.STEMS_BEGINNING_LIKE_A_PROCLITIC`` holds the ones read as stems (a word
whose split reading is common too, بعيد "far" / "on Eid", is left out).  Words the stemmer already
keeps whole are not listed.

``--search``: for each word (by default that list), ``marsad search WORD`` on the archive, as a
user types it: the number of results, and of the top 10 how many contain the word as written
(normalised, with any clitics or suffix), or the error the query gets.  Run it with the code of
the revision that indexed the archive (an archive indexed with another stemmer version is
refused), e.g. from a ``git archive`` of an older revision with ``--words`` given.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ARABIC_WORD = re.compile(r"[\u0621-\u064A]+")
PROCLITIC_LETTERS = "وفبلك"
ARTICLE_SHARE = 0.2  # the article-taking forms, against the bare word
MIN_REST = 20  # what is left after the cut, as a word of the archive (bare or with the article)


def word_counts(db: str) -> collections.Counter:
    from marsad.store import open_store
    from marsad.text.normalize import normalize_word

    counts: collections.Counter = collections.Counter()
    with open_store(db, readonly=True) as store:
        for _, article in store.iter_articles():
            counts.update(normalize_word(w) for w in ARABIC_WORD.findall(article.text))
    return counts


def candidates(counts: collections.Counter, min_count: int) -> list[dict]:
    from marsad.text.stem import light_stem

    out = []
    for word, n in counts.items():
        if n < min_count or len(word) < 3 or word[0] not in PROCLITIC_LETTERS or word.startswith("ال"):
            continue
        if light_stem(word) == light_stem("ال" + word):
            continue  # kept whole already (or not cut at all)
        with_article = sum(counts[p + word] for p in ("ال", "بال", "وال", "لل"))
        rest = word[1:]
        rest_count = counts[rest] + counts["ال" + rest]
        if with_article >= ARTICLE_SHARE * n and rest_count >= MIN_REST:
            out.append({"word": word, "count": n, "with_article": with_article, "rest": rest,
                        "rest_count": rest_count, "stem_now": light_stem(word)})
    return sorted(out, key=lambda c: -c["count"])


def search(db: str, words: list[str]) -> list[dict]:
    from marsad.errors import MarsadError
    from marsad.store import open_store
    from marsad.text.normalize import normalize_word

    rows = []
    with open_store(db, readonly=True) as store:
        for word in words:
            needle = normalize_word(word)
            try:
                result = store.search(word, page_size=10)
            except MarsadError as exc:
                rows.append({"word": word, "error": str(exc)})
                continue
            top = [h.article for h in result.hits[:10]]
            containing = 0
            for summary in top:
                article = store.get_article(summary.id)
                text = normalize_word((summary.title or "") + " " + (article.text if article else ""))
                containing += needle in text
            rows.append({"word": word, "results": result.total, "top10": len(top), "top10_containing": containing})
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--candidates", metavar="ARCHIVE")
    ap.add_argument("--search", metavar="ARCHIVE")
    ap.add_argument("--min-count", type=int, default=40)
    ap.add_argument("--words", help="comma-separated words for --search (default: this tree's list)")
    args = ap.parse_args()
    if args.candidates:
        found = candidates(word_counts(args.candidates), args.min_count)
        print(json.dumps({"candidates": len(found), "words": found}, ensure_ascii=False, indent=1))
    elif args.search:
        if args.words:
            words = args.words.split(",")
        else:
            from marsad.text import wordlists

            words = sorted(getattr(wordlists, "STEMS_BEGINNING_LIKE_A_PROCLITIC", ()))
            if not words:
                ap.error("this tree has no STEMS_BEGINNING_LIKE_A_PROCLITIC: give --words")
        rows = search(args.search, words)
        ok = [r for r in rows if "error" not in r]
        print(json.dumps({
            "words": len(rows), "refused": len(rows) - len(ok),
            "top10_containing": sum(r["top10_containing"] for r in ok), "top10": sum(r["top10"] for r in ok),
            "rows": rows,
        }, ensure_ascii=False, indent=1))
    else:
        ap.error("give --candidates ARCHIVE or --search ARCHIVE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
