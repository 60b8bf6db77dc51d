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
    args = p.parse_args()
    sys.path.insert(0, str(REPO))
    import pycrfsuite

    from marsad.analyze import ner
    from marsad.analyze import ner_neural as nn
    from marsad.analyze.ner_eval import read_conll, score, split_long
    from marsad.training.ner import ner_data_dir

    train = ner_data_dir() / "anercorp" / "camel_train_approx.txt"
    if not train.exists():
        print("skipped: ../shared absent")
        return 0
    sents = split_long(read_conll(train))
    held = sents[int(len(sents) * 0.9) :]
    gold = [t for _, t in held]
    fz = ner.Featurizer(ner.Lexicon.load(args.work / ner.LEXICON_FILE))
    crf = pycrfsuite.Tagger()
    crf.open(str(args.work / "tune.crfsuite"))
    labels = list(nn.LABELS)
    p_crf = []
    for toks, _ in held:
        crf.set(fz.sentence(toks))
        p_crf.append(np.array([[crf.marginal(lab, t) for lab in labels] for t in range(len(toks))]))
    zs = [np.load(f) for f in args.emissions]
    groups = [[z] for z in zs] if args.each else [zs]
    nets = []
    for group in groups:
        ems = [np.mean([z[f"arr_{i}"] for z in group], axis=0) for i in range(len(held))]
        nets.append((ems, *(np.mean([z[k] for z in group], axis=0) for k in ("trans", "start", "end"))))
    print("CRF alone", score(gold, [ner.fix_bio(crf.tag(fz.sentence(t))) for t, _ in held])["micro"])
    for w in (float(x) for x in args.weights.split(",")):
        for pen in (float(x) for x in args.o_penalties.split(",")):
            results = []
            for ems, trans, start, end in nets:
                pred = []
                for em, pc in zip(ems, p_crf, strict=True):
                    pred.append([labels[k] for k in nn.ensemble_path(em, pc, trans, start, end, w, pen)])
                results.append(score(gold, pred))
            if args.each:
                f1s = [r["micro"]["f1"] for r in results]
                each = " / ".join(f"{f:.2f}" for f in f1s)
                print(f"weight {w:.2f}  O penalty {pen:.2f}  mean F1 {np.mean(f1s):.2f}  ({each})", flush=True)
                continue
            r = results[0]
            types = " ".join(f"{k} {v['f1']}" for k, v in r["per_type"].items())
            print(f"weight {w:.2f}  O penalty {pen:.2f}  {r['micro']}  {types}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
