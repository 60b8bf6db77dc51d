"""Short names counted with a full name (marsad.corpus.entity_aliases: a family name alone, a given
and family name without the father's): the aliases an archive gets, what they change in its top
people, and what they cost.

    .venv/bin/python benchmarks/entity_aliases.py ARCHIVE [--show 60] [--repeats 5]

Prints every alias (up to ``--show``) with the articles of the name alone, of the full name, of
all the longer names ending in that word and of the names beginning with it, to read; the top 20
people with and without the aliases; the time to work the aliases out; and the wall time of
``Store.entities`` (top 20, all types and people only), with and without the aliases, alternated
``--repeats`` times (median).  The archive is opened read-only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive")
    ap.add_argument("--show", type=int, default=60)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()

    from marsad.corpus.entity_aliases import PERSON_PREFIX, Namesakes
    from marsad.store import open_store

    with open_store(args.archive, readonly=True) as store:
        t = time.perf_counter()
        aliases, owned = store._aliases()
        took = time.perf_counter() - t
        counts = dict(store._person_key_counts())
        keys = Namesakes.of(counts.items())
        rows = sorted(((counts[a], a, f) for a, f in aliases.items()), reverse=True)
        print(f"{len(aliases)} aliases, {sum(r[0] for r in rows):,} article-entities; worked out in {took * 1000:.0f} ms")
        print("alone  full  namesakes  begins  alias -> full name")
        for n, alias, full in rows[: args.show]:
            word = alias[len(PERSON_PREFIX):]
            words = tuple(word.split())
            # a two-word alias's namesakes: the three-word keys of its first and last words
            namesakes = sum(k for k, _ in (keys.with_a_middle[words] if len(words) == 2 else keys.ending[word]))
            print(f"{n:5d} {counts[full]:5d} {namesakes:10d} {keys.beginning.get(word, 0):7d}  {word} -> {full[len(PERSON_PREFIX):]}")

        with_aliases = store._aliases
        without = lambda: ({}, {})  # noqa: E731 -- the store as it was, for comparison
        top = {}
        for label, fn in (("with", with_aliases), ("without", without)):
            store._aliases = fn
            top[label] = [(e.name, e.articles) for e in store.entities(top=20, type="PERS")]
        print("top people with aliases | without")
        for (a, na), (b, nb) in zip(top["with"], top["without"]):
            print(f"  {a} {na:,} | {b} {nb:,}")

        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.repeats):
            for label, fn in (("with", with_aliases), ("without", without)):
                store._aliases = fn
                for kind in (None, "PERS"):
                    t = time.perf_counter()
                    store.entities(top=20, type=kind)
                    times.setdefault((label, kind or "all"), []).append(time.perf_counter() - t)
        store._aliases = with_aliases
        for (label, kind), ts in sorted(times.items()):
            print(f"entities(top=20, type={kind}) {label} aliases: median {statistics.median(ts) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
