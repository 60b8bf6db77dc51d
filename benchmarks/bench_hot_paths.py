"""CPU per article of five ingest-worker hot paths, this tree's code against another tree's.

    .venv/bin/python benchmarks/bench_hot_paths.py --against TREE [--articles 800] [--rounds 7]

    # TREE: another commit's files, e.g. mkdir /tmp/old && git archive COMMIT | tar -x -C /tmp/old

The paths (eighth session's changes, docs/benchmarks.md "Ingest"):

- ``Analyzer.term_strings`` of each article's text (the search index's terms);
- ``Article.to_dict`` of each analysed article (the stored form's first step);
- ``_Ensemble._split_emissions`` of the entity tagger on every sentence of the articles, in
  batches of 150 sentences, with the tagger's tables warm (as late in an ingest);
- ``Featurizer.word_features`` of every distinct word of the articles, as the tagger computes
  them for a word it has not seen (per-word normalisation cache emptied before each round);
- ``entity_linking.link`` of each article's tagger mentions (the grouping and its rules; the
  two trees' rules may give different entities, which is not checked here: only the cost).

The other tree's version of each function is loaded from its file and run on the same objects
in the same process (its module imports this tree's other modules), after a check that it gives
the same result (not for the grouping).  Each round times both versions, in alternating order; the best round of each
is shown, so a busy machine slows both rather than one (whole-worker comparisons,
``ab_analysis.py``, cannot resolve changes of a few percent on the drifting development
machine).  Articles: the first ``--articles`` SaudiNewsNet records with text.  Needs ``../shared``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT / ".." / "shared"))
DATA = SHARED / "data" / "news" / "saudinewsnet"


def _load(tree: Path, module: str) -> types.ModuleType:
    """``module`` from ``tree``'s file, under a private name (its imports resolve to this tree)."""
    path = tree.joinpath(*module.split(".")).with_suffix(".py")
    name = "other_" + module.replace(".", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up while the class is made
    spec.loader.exec_module(mod)
    return mod


def _best(pairs: dict[str, tuple], rounds: int, before=None) -> dict[str, float]:
    best = {name: float("inf") for name in pairs}
    names = list(pairs)
    for r in range(rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            func, calls = pairs[name]
            if before is not None:
                before()  # untimed
            t = time.process_time()
            for args in calls:
                func(*args)
            best[name] = min(best[name], time.process_time() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", required=True, help="the other tree (a directory holding marsad/)")
    ap.add_argument("--articles", type=int, default=800)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} absent")
        return 0
    import numpy as np

    from marsad import pipeline
    from marsad.analyze import ner
    from marsad.corpus.sources import iter_inputs
    from marsad.document import Article
    from marsad.search.analyzer import Analyzer
    from marsad.text import token_spans
    from marsad.text.views import text_view

    other = Path(args.against).resolve()
    records = []
    for item in iter_inputs([str(p) for p in sorted(DATA.glob("*.zip"))], None):
        if isinstance(item, Article) and item.raw.strip():
            records.append(item)
            if len(records) >= args.articles:
                break
    articles = [a for a in pipeline.run_many(records) if isinstance(a, Article) and a.text.strip()]
    n = len(articles)
    rows = []

    # index terms
    this_an, other_an = Analyzer(), _load(other, "marsad.search.analyzer").Analyzer()
    calls = [(a.text,) for a in articles]
    assert all(this_an.term_strings(*c) == other_an.term_strings(*c) for c in calls)
    rows.append(("Analyzer.term_strings", _best({"other": (other_an.term_strings, calls), "this": (this_an.term_strings, calls)}, args.rounds)))

    # stored form
    other_doc = _load(other, "marsad.document")
    other_to_dict = types.FunctionType(other_doc.Article.to_dict.__code__, vars(other_doc))
    calls = [(a,) for a in articles]
    assert all(Article.to_dict(*c) == other_to_dict(*c) for c in calls)
    rows.append(("Article.to_dict", _best({"other": (other_to_dict, calls), "this": (Article.to_dict, calls)}, args.rounds)))

    # the tagger's network states
    tagger = ner.get_tagger()
    ens = tagger._ensemble
    if ens.neural is not None and ens.neural.mode == "split":
        sents = [[t.text for t in toks] for a in articles for s in text_view(a.text).sentences
                 if (toks := token_spans(a.text, s.start, s.end))]
        for i in range(0, len(sents), 150):
            tagger.tag_sentences(sents[i : i + 150])
        calls = []
        for i in range(0, len(sents), 150):
            _, lengths, word_rows, gaz = ens.batch(sents[i : i + 150])
            calls.append((word_rows, lengths, ens.table.feed(word_rows, lengths, gaz)))
        other_split = types.MethodType(_load(other, "marsad.analyze.ner")._Ensemble._split_emissions, ens)
        assert all(np.array_equal(ens._split_emissions(*c), other_split(*c)) for c in calls)
        rows.append(("_Ensemble._split_emissions", _best({"other": (other_split, calls), "this": (ens._split_emissions, calls)}, args.rounds)))

    # a word the tagger has not seen: its CRF features and network inputs (the new-word path,
    # which each worker pays for every distinct word it meets), with the per-word
    # normalisation cache emptied before each round so that every word is new to it
    normalize_module = sys.modules["marsad.text.normalize"]  # the package re-exports its function

    other_ner = _load(other, "marsad.analyze.ner")
    lexicon = tagger.featurizer.lexicon
    this_feat, other_feat = ner.Featurizer(lexicon), other_ner.Featurizer(lexicon)
    words = list(dict.fromkeys(t.text for a in articles for t in token_spans(a.text)))
    calls = [(w,) for w in words]
    assert all(this_feat.word_features(*c) == other_feat.word_features(*c) for c in calls)
    rows.append(("new words' features", _best(
        {"other": (other_feat.word_features, calls), "this": (this_feat.word_features, calls)},
        args.rounds, normalize_module._WORDS.clear)))

    # grouping the tagger's mentions into entities (entity_linking.link); the two trees' rules
    # may differ (then so do the entities: see bench_ner.py --outputs), only the cost is compared
    other_link = _load(other, "marsad.analyze.entity_linking").link
    from marsad.analyze.entity_linking import link

    mentions = ner.find_mentions_many([a.text for a in articles], tagger)
    rank = tagger.featurizer.lexicon.rank
    calls = [(a.text, ms, rank) for a, ms in zip(articles, mentions, strict=True)]
    rows.append(("entity_linking.link", _best({"other": (other_link, calls), "this": (link, calls)}, args.rounds)))

    print(f"{n} articles ({len(words)} distinct words); best of {args.rounds} rounds, CPU ms per article")
    print(f"{'path':30s} {'other':>8s} {'this':>8s} {'saved':>8s}")
    for name, best in rows:
        o, t = 1000 * best["other"] / n, 1000 * best["this"] / n
        print(f"{name:30s} {o:8.3f} {t:8.3f} {o - t:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
