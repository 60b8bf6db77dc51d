"""What a change to the entity component does to an archive: its entities now vs as stored.

    .venv/bin/python benchmarks/diff_entities.py ARCHIVE [--step 4] [--top 40] [--off RULE]

Re-runs this tree's ``entities`` component over every ``--step``-th stored article of ARCHIVE
(e.g. the 15 SaudiNewsNet days ingested by ``bench_ingest.py --db FILE``, which stored the
entities of the code of that day), 16 articles per call as an ingest worker does, and compares
each article's (type, name) mentions with the stored ones.  Prints how many articles changed,
the mentions gained and lost in all, and the ``--top`` names most gained (with one context
each, to read) and most lost.  The archive is opened read-only; nothing is written.

``--off RULE`` measures one rule alone: the "before" side is then this tree's component with the
function RULE of :mod:`marsad.analyze.entity_linking` replaced by one that returns None, instead
of the stored entities.  Only for the rules whose None means "no change" (e.g.
``_one_type_per_name``, ``_without_a_leading_title``, ``_with_the_next_name``).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BATCH = 16  # articles per call of the component, as ingest.ANALYSE_BATCH


def diff(archive: str, step: int, off: str | None = None) -> dict:
    import marsad.analyze.entity_linking as linking
    from marsad.pipeline import get_component
    from marsad.store import open_store

    component = get_component("entities")
    rule = getattr(linking, off) if off else None
    if off and not callable(rule):
        raise SystemExit(f"no function {off!r} in marsad.analyze.entity_linking")
    gained: Counter = Counter()
    lost: Counter = Counter()
    context: dict[tuple[str, str], str] = {}
    seen = changed = 0
    cpu = 0.0
    batch = []

    def flush() -> None:
        nonlocal changed, cpu
        t = time.process_time()
        fresh = component.pipe([dataclasses.replace(a, entities=[]) for a in batch])
        cpu += time.process_time() - t
        before = batch
        if rule is not None:
            setattr(linking, off, lambda *args, **kwargs: None)
            try:
                before = component.pipe([dataclasses.replace(a, entities=[]) for a in batch])
            finally:
                setattr(linking, off, rule)
        for old, new in zip(before, fresh):
            before = Counter((e.type, e.name) for e in old.entities)
            after = Counter((e.type, e.name) for e in new.entities)
            if before == after:
                continue
            changed += 1
            for name, n in (after - before).items():
                gained[name] += n
                if name not in context:
                    e = next(e for e in new.entities if (e.type, e.name) == name)
                    context[name] = new.text[max(0, e.start - 30) : e.end + 20].replace("\n", " ")
            lost.update(before - after)
        batch.clear()

    with open_store(archive, readonly=True) as store:
        for i, (_, article) in enumerate(store.iter_articles()):
            if i % step:
                continue
            seen += 1
            batch.append(article)
            if len(batch) == BATCH:
                flush()
        if batch:
            flush()
    return {"articles": seen, "changed": changed, "gained": gained, "lost": lost, "context": context,
            "cpu_s": round(cpu, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive")
    ap.add_argument("--step", type=int, default=4, help="every Nth stored article (default 4)")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--off", metavar="RULE", help="compare with this rule switched off instead of the stored entities")
    args = ap.parse_args()
    r = diff(args.archive, max(1, args.step), args.off)
    print(f"{r['articles']} articles re-analysed ({r['cpu_s']} s CPU), {r['changed']} changed; "
          f"mentions gained {sum(r['gained'].values())}, lost {sum(r['lost'].values())}")
    print("gained (type, name, mentions | a context):")
    for (etype, name), n in r["gained"].most_common(args.top):
        print(f"  {n:4d}  {etype:4s} {name}  | {r['context'][(etype, name)]}")
    print("lost:")
    for (etype, name), n in r["lost"].most_common(args.top):
        print(f"  {n:4d}  {etype:4s} {name}")


if __name__ == "__main__":
    main()
