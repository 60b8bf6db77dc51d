"""How many mentions of listed places an archive's entities cover, as stored and with the
current grouping's missed-place rule (``PLACES_THE_TAGGER_MISSES``).

    .venv/bin/python benchmarks/place_coverage.py --db ARCHIVE [--names الطائف,حائل,…] [--contexts N]

For each place (default: the whole list, and any other names given with ``--names``): its
words in the stored texts (the place with any proclitics, found in the normalised word set
as the rule finds them), how many a stored entity covers, and how many the rule adds over
the stored entities (what an ingest with this code stores; the tagger itself is not rerun).
``--contexts N`` prints N random untagged mentions of each place (seed 1), which is how the
list was read.  The archive is one built by ``benchmarks/bench_ingest.py`` (all 15
SaudiNewsNet days).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--names", default="", help="more place names, comma-separated")
    ap.add_argument("--contexts", type=int, default=0)
    args = ap.parse_args()

    from marsad.analyze import entity_linking as el
    from marsad.store import open_store
    from marsad.text.normalize import normalize_word
    from marsad.text.views import text_view
    from marsad.text.wordlists import PLACES_THE_TAGGER_MISSES

    names = set(PLACES_THE_TAGGER_MISSES) | {normalize_word(n) for n in args.names.split(",") if n.strip()}
    forms = el.place_word_forms(names)
    words = frozenset(forms)
    total, stored, added = Counter(), Counter(), Counter()
    untagged: dict[str, list[str]] = defaultdict(list)
    articles = 0
    with open_store(args.db, readonly=True) as store:
        for _, article in store.iter_articles():
            articles += 1
            text = article.text
            view = text_view(text)
            hits = view.normalized_word_set & words
            if not hits:
                continue
            spans = [el._Span(e.start, e.end, e.type) for e in article.entities]
            new = el._with_missed_places(text, spans)[len(spans):]
            norm = view.normalized
            for word in hits:
                name = forms[word]
                at = norm.text.find(word)
                while at >= 0:
                    end = at + len(word)
                    nxt = norm.text.find(word, end)
                    if not ((at and norm.text[at - 1].isalpha()) or (end < len(norm.text) and norm.text[end].isalpha())):
                        s, e = norm.to_original(at, end)
                        total[name] += 1
                        if any(m.start < e and s < m.end for m in spans):
                            stored[name] += 1
                        else:
                            untagged[name].append(text[max(0, s - 35) : e + 25].replace("\n", " "))
                            if any(m.start < e and s < m.end for m in new):
                                added[name] += 1
                    at = nxt
    print(f"{articles} articles; place | words | covered as stored | added by the rule | covered now")
    for name in sorted(total, key=lambda n: -total[n]):
        now = stored[name] + added[name]
        print(f"{name:12s} {total[name]:6d} {stored[name]:6d} ({stored[name] / total[name]:4.0%}) "
              f"{added[name]:6d}   {now:6d} ({now / total[name]:4.0%})")
    t, s, a = sum(total.values()), sum(stored.values()), sum(added.values())
    print(f"{'all':12s} {t:6d} {s:6d} ({s / max(t, 1):4.0%}) {a:6d}   {s + a:6d} ({(s + a) / max(t, 1):4.0%})")
    if args.contexts:
        rng = random.Random(1)
        for name in sorted(untagged, key=lambda n: -len(untagged[n])):
            print(f"== {name}: {len(untagged[name])} untagged as stored")
            for c in rng.sample(untagged[name], min(args.contexts, len(untagged[name]))):
                print("   ", c)
    return 0


if __name__ == "__main__":
    sys.exit(main())
