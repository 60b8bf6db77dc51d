"""Where an ingest worker's CPU goes: each pipeline component's time per record, and the entity tagger's stages.

    .venv/bin/python benchmarks/profile_workers.py [--records 2400] [--step 8] [--warm 600]
    .venv/bin/python benchmarks/profile_workers.py --repeats     # what a cache of tagged sentences could save

Profile: every ``--step``-th article record of the 15 SaudiNewsNet days (up to ``--records``),
analysed as an ingest worker does (``marsad.pipeline`` component by component in batches of 16,
then ``marsad.corpus.prepare.prepare``, the store's item), in one process on one core; the first
``--warm`` records warm the tagger's word tables and are not counted.  Prints CPU ms per record of
each component and of the item, and the tagger's stages (``_Ensemble.timings``, inside
"entities"; the rest of "entities" is the sentence views, tokens and document pass, and the
grouping).  A profile, not a speed figure: whole ingest speed is ``bench_ingest.py``.

``--repeats``: over all article records of the 15 days, cleaned as ingest does, the share of the
tokens the entity tagger sees that lie in a sentence seen before word for word (in the whole
stream, and within one worker's share when 16-record batches go to one of two workers at
random), and the distinct tokens each worker meets (the tagger's word table holds
``_Ensemble.MAX_ROWS`` and then starts afresh).  Needs ``../shared``.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
DATA = SHARED / "data" / "news" / "saudinewsnet"


def _records(step: int, limit: int | None):
    from marsad.corpus import ingest
    from marsad.corpus.sources import iter_inputs
    from marsad.document import Article

    paths = [str(p) for p in sorted(DATA.glob("*.zip"))]
    _, stats = ingest.survey(paths, None, True)
    ingest._init_worker_inline(stats, None, None)
    gc.set_threshold(*ingest.ANALYSE_GC_THRESHOLDS)
    n = 0
    for k, item in enumerate(iter_inputs(paths, None)):
        if isinstance(item, Article) and k % step == 0:
            yield f"r{k}", item
            n += 1
            if limit is not None and n >= limit:
                return


def profile(records: int, step: int, warm: int) -> None:
    from marsad import pipeline
    from marsad.analyze import ner
    from marsad.corpus.prepare import prepare

    jobs = list(_records(step, records))
    names = pipeline.component_names()
    spent: Counter[str] = Counter()
    ensemble = None
    for i in range(0, len(jobs), 16):
        batch = jobs[i : i + 16]
        counted = i >= warm
        if counted and ensemble is None:
            ensemble = ner.get_tagger()._ensemble
            ensemble.timings = {}
        articles = [a for _, a in batch]
        for a in articles:
            if a.published and not a.reference_date:
                a.reference_date = a.published.value[:10]
        for name in names:
            func = pipeline.get_component(name)
            t = time.process_time()
            articles = func.pipe(articles) if getattr(func, "pipe", None) else [func(a) for a in articles]
            if counted:
                spent[name] += time.process_time() - t
        t = time.process_time()
        for (key, _), a in zip(batch, articles, strict=True):
            if a.text.strip():
                prepare(a, key)
        if counted:
            spent["store item (prepare)"] += time.process_time() - t
    n = max(len(jobs) - warm, 1)
    print(f"{n} records timed (every {step}th of the 15 days, after {warm} warming); CPU ms per record")
    for name, s in spent.most_common():
        print(f"  {name:24s} {1000 * s / n:7.2f}")
    print(f"  {'total':24s} {1000 * sum(spent.values()) / n:7.2f}")
    if ensemble is not None and ensemble.timings:
        print("entity tagger stages (inside 'entities')")
        for stage, s in sorted(ensemble.timings.items(), key=lambda kv: -kv[1]):
            print(f"  {stage:24s} {1000 * s / n:7.2f}")
        ensemble.timings = None


def repeats() -> None:
    from marsad import pipeline
    from marsad.analyze.ner import _Ensemble
    from marsad.text.tokens import token_spans
    from marsad.text.views import text_view

    clean = pipeline.get_component("clean")
    seen: set[tuple[str, ...]] = set()
    seen_by = [set(), set()]
    words_by: list[set[str]] = [set(), set()]
    fresh_starts = [0, 0]
    tokens = repeated = repeated_by_worker = 0
    rng = random.Random(1)
    worker = 0
    for n, (_, article) in enumerate(_records(1, None)):
        if n % 16 == 0:
            worker = rng.randrange(2)
        text = clean(article).text
        for sent in text_view(text).sentences:
            toks = tuple(t.text for t in token_spans(text, sent.start, sent.end))
            if not toks:
                continue
            tokens += len(toks)
            repeated += len(toks) if toks in seen else 0
            repeated_by_worker += len(toks) if toks in seen_by[worker] else 0
            seen.add(toks)
            seen_by[worker].add(toks)
            for tok in toks:
                if tok not in words_by[worker]:
                    if len(words_by[worker]) >= _Ensemble.MAX_ROWS:
                        words_by[worker] = set()
                        fresh_starts[worker] += 1
                    words_by[worker].add(tok)
    print(f"{tokens} tokens; in a sentence seen before: {100 * repeated / tokens:.1f} % in the whole stream, "
          f"{100 * repeated_by_worker / tokens:.1f} % within one worker's share")
    print(f"word tables started afresh (at {_Ensemble.MAX_ROWS} distinct tokens): {fresh_starts} (two workers)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=2400)
    ap.add_argument("--step", type=int, default=8, help="every N-th record of the 15 days")
    ap.add_argument("--warm", type=int, default=600, help="records that warm the tables, not counted")
    ap.add_argument("--repeats", action="store_true", help="count repeated sentences and distinct tokens instead")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} absent")
        return 0
    if args.repeats:
        repeats()
    else:
        profile(args.records, args.step, args.warm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
