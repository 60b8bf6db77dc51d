"""Compare CRF + network ensemble settings on the NER tuning split (last 10 % of train).

    .venv/bin/python -m marsad.training.ner --tune --work build/ner/tune
    .venv/bin/python -m marsad.training.ner_neural --tune --save-emissions build/ner/nn/run.npz
    .venv/bin/python benchmarks/tune_ner_ensemble.py build/ner/nn/run.npz [more.npz ...]

The first two commands train the CRF and the network on the first 90 % of
``camel_train_approx.txt``; this script decodes the held-out 10 % as the shipped tagger does
(:meth:`marsad.analyze.ner.Tagger.tag_sentences`) for a grid of network weights and O penalties.
Several npz files are averaged (several networks); with ``--each`` they are scored one by one
instead (the same settings, several seeds) and the mean is printed: the seed alone moves the
ensemble's tuning figure by about one point, so compare settings on their mean over seeds.

``--folds 0,1,9``: other tenths of train held out (the trainers' ``--tune --fold K``), scored
together (micro F1 over all their sentences) and one by one; ``{fold}`` in ``--work`` and in the
npz paths stands for the fold:

    .venv/bin/python -m marsad.training.ner --tune --fold 0 --work build/ner/tune_f0
    .venv/bin/python -m marsad.training.ner_neural --tune --fold 0 --save-emissions build/ner/nn/fold0.npz
    .venv/bin/python benchmarks/tune_ner_ensemble.py --folds 0,9 --work 'build/ner/tune_f{fold}' \
        'build/ner/nn/fold{fold}.npz'

Needs ``../shared``; never reads a test split.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("emissions", nargs="+", type=Path)
    p.add_argument("--work", type=Path, default=REPO / "build" / "ner" / "tune")
    p.add_argument("--weights", default="0.3,0.4,0.5,0.6,0.7,0.8,1.0")
    p.add_argument("--o-penalties", default="0,0.25,0.5,0.75,1.0")
    p.add_argument("--each", action="store_true", help="score each npz file alone and print the mean")
    p.add_argument("--folds", default="9", help="held-out tenths of train, e.g. 0,1,9 (9: the last tenth)")
    args = p.parse_args()
    sys.path.insert(0, str(REPO))
    import pycrfsuite

    from marsad.analyze import ner
    from marsad.analyze import ner_neural as nn
    from marsad.analyze.ner_eval import read_conll, score, split_long
    from marsad.training.ner import ner_data_dir, tuning_split

    train = ner_data_dir() / "anercorp" / "camel_train_approx.txt"
    if not train.exists():
        print("skipped: ../shared absent")
        return 0
    sents = split_long(read_conll(train))
    labels = list(nn.LABELS)
    folds = [int(x) for x in args.folds.split(",")]
    if len(folds) > 1 and ("{fold}" not in str(args.work) or any("{fold}" not in str(f) for f in args.emissions)):
        # one CRF or emissions file for several folds would score a fold with a model trained on it
        p.error("several --folds need '{fold}' in --work and in every emissions path")
    gold: list = []  # per fold
    p_crf: list = []
    nets: list = []  # per fold: one (emissions, trans, start, end) per group of npz files
    for fold in folds:
        _, held = tuning_split(sents, fold)
        work = Path(str(args.work).format(fold=fold))
        fz = ner.Featurizer(ner.Lexicon.load(work / ner.LEXICON_FILE))
        crf = pycrfsuite.Tagger()
        crf.open(str(work / "tune.crfsuite"))
        marg = []
        for toks, _ in held:
            crf.set(fz.sentence(toks))
            marg.append(np.array([[crf.marginal(lab, t) for lab in labels] for t in range(len(toks))]))
        zs = [np.load(str(f).format(fold=fold)) for f in args.emissions]
        for f, z in zip(args.emissions, zs, strict=True):
            n = sum(1 for k in z.files if k.startswith("arr_"))
            if n != len(held):  # emissions of another split
                p.error(f"{str(f).format(fold=fold)} holds {n} sentences, fold {fold} has {len(held)}")
        groups = [[z] for z in zs] if args.each else [zs]
        fold_nets = []
        for group in groups:
            ems = [np.mean([z[f"arr_{i}"] for z in group], axis=0) for i in range(len(held))]
            fold_nets.append((ems, *(np.mean([z[k] for z in group], axis=0) for k in ("trans", "start", "end"))))
        gold.append([t for _, t in held])
        p_crf.append(marg)
        nets.append(fold_nets)
        alone = score(gold[-1], [ner.fix_bio(crf.tag(fz.sentence(t))) for t, _ in held])["micro"]
        print(f"fold {fold}: CRF alone {alone}", flush=True)
    all_gold = [g for fold_gold in gold for g in fold_gold]

    def f1_of(fold_preds: list) -> tuple[dict, list[float]]:
        """Micro scores over every fold's sentences, and each fold's micro F1."""
        per = [score(g, pr)["micro"]["f1"] for g, pr in zip(gold, fold_preds, strict=True)]
        return score(all_gold, [x for pr in fold_preds for x in pr]), per

    for w in (float(x) for x in args.weights.split(",")):
        for pen in (float(x) for x in args.o_penalties.split(",")):
            results = []
            for j in range(len(nets[0])):
                fold_preds = []
                for f in range(len(folds)):
                    ems, trans, start, end = nets[f][j]
                    fold_preds.append(
                        [
                            [labels[k] for k in nn.ensemble_path(em, pc, trans, start, end, w, pen)]
                            for em, pc in zip(ems, p_crf[f], strict=True)
                        ]
                    )
                results.append(f1_of(fold_preds))
            by_fold = ""
            if len(folds) > 1:
                by_fold = "  folds " + " / ".join(
                    f"{fold}: {np.mean([per[i] for _, per in results]):.2f}" for i, fold in enumerate(folds)
                )
            if args.each:
                f1s = [r["micro"]["f1"] for r, _ in results]
                each = " / ".join(f"{f:.2f}" for f in f1s)
                print(f"weight {w:.2f}  O penalty {pen:.2f}  mean F1 {np.mean(f1s):.2f}  ({each}){by_fold}", flush=True)
                continue
            r = results[0][0]
            types = " ".join(f"{k} {v['f1']}" for k, v in r["per_type"].items())
            print(f"weight {w:.2f}  O penalty {pen:.2f}  {r['micro']}  {types}{by_fold}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
