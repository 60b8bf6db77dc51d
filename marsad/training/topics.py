"""Train the topic classifier shipped as ``marsad/models/topics.npz``.

    python -m marsad.training.topics            # or: marsad train topics
    python -m marsad.training.topics --limit 2000 --out /tmp/topics.npz   # a quick smoke run

Data: ``../shared/data/topics/sanad/train.jsonl.gz`` (SANAD, CC BY 4.0, Einea et al. 2019).
Needs the ``dev`` extra (scikit-learn, scipy); the result is plain numpy arrays.

Steps:
1. Vocabulary: normalised word unigrams and bigrams (:func:`marsad.text.normalized_words`)
   seen in at least ``--min-df`` training documents.
2. Features: sublinear TF × smoothed IDF, L2-normalised — computed by the very
   :meth:`TopicModel.features_of_words` the runtime uses, so the two cannot drift apart.
3. A one-vs-rest linear SVM is fitted; only the ``--max-terms`` terms with the largest
   weight for some class are kept and the SVM is refitted on them.
4. Steps 1-3 run on 90 % of the training file; a softmax temperature is fitted on the
   other 10 % (minimum negative log-likelihood), which turns the SVM's margins into
   calibrated probabilities.  They then run again on all of the training file with the same
   settings, and the held-out temperature is kept.
5. The word-fact lexicon (``topics_lexicon.npz`` next to the model): the facts the
   keyphrase, summary and topic stages need of each frequent training word, computed once
   here so that a process need not analyse those words as it meets them
   (:mod:`marsad.analyze.wordstats`).  ``--lexicon-only`` rebuilds just this file for the
   model at ``--out``, e.g. after a change to the text core's word lists or stemmer (the
   runtime ignores a lexicon built by another text core).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from marsad.analyze.topics import MODEL_PATH, TopicModel, softmax
from marsad.errors import MarsadError
from marsad.text import normalized_words, words_with_breaks

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
# Tuned on SANAD (90/10 split of train): C=1 .. 3 and min_df 3 .. 10 are within 0.1 point
# of each other; min_df=5 keeps the shipped file small.  Rerun benchmarks/eval_topics.py
# after changing either.
DEFAULT_MIN_DF = 5
DEFAULT_C = 1.0
# Pruning to the 60,000 (of ~390,000) terms with the largest class weight kept SANAD test
# accuracy (98.53 % → 98.56 %; 150,000 terms: 98.54 %) and cut the file from 5.8 to ~1 MB.
DEFAULT_MAX_TERMS = 60_000
HELDOUT_SHARE = 0.1
SEED = 13


def shared_dir() -> Path:
    import os

    return Path(os.environ.get("MARSAD_SHARED", SHARED)).resolve()


def default_train_path() -> Path:
    return shared_dir() / "data" / "topics" / "sanad" / "train.jsonl.gz"


def read_records(path: str | Path, limit: int | None = None) -> list[dict]:
    """Read ``{"label", "text"}`` records from a JSONL file (gzip when it ends in .gz)."""
    path = Path(path)
    if not path.exists():
        raise MarsadError(f"{path}: no such file")
    opener = gzip.open if path.suffix == ".gz" else open
    records = []
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise MarsadError(f"{path}:{n}: not JSON ({exc.msg})") from None
                if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not isinstance(rec.get("label"), str):
                    raise MarsadError(f'{path}:{n}: expected an object with string "label" and "text"')
                records.append(rec)
                if limit and len(records) >= limit:
                    break
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise MarsadError(f"{path}: cannot read ({exc})") from None
    if not records:
        raise MarsadError(f"{path}: no records")
    return records


def _terms(words: list[str]) -> list[str]:
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def build_vocabulary(docs: list[list[str]], min_df: int) -> tuple[list[str], np.ndarray]:
    df: Counter[str] = Counter()
    for words in docs:
        df.update(set(_terms(words)))
    terms = sorted(t for t, n in df.items() if n >= min_df)
    counts = np.array([df[t] for t in terms], dtype=np.float64)
    # Smoothed IDF (as scikit-learn's TfidfTransformer): never zero, finite for every term.
    idf = np.log((1 + len(docs)) / (1 + counts)) + 1.0
    return terms, idf.astype(np.float32)


def feature_matrix(model: TopicModel, docs: list[list[str]]):
    """The rows :meth:`TopicModel.features_of_words` gives, for many documents at once."""
    import scipy.sparse as sp

    get = model.vocabulary.get
    cols: list[int] = []
    indptr = [0]
    for words in docs:
        cols.extend(i for i in map(get, _terms(words)) if i is not None)
        indptr.append(len(cols))
    counts = sp.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), np.array(cols, dtype=np.int64), np.array(indptr, dtype=np.int64)),
        shape=(len(docs), len(model.vocabulary)),
    )
    counts.sum_duplicates()
    counts.data = (1.0 + np.log(counts.data)) * model.idf[counts.indices]
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags((1.0 / norms).astype(np.float32)) @ counts


def fit_temperature(scores: np.ndarray, y: np.ndarray) -> float:
    """The softmax temperature minimising the negative log-likelihood of ``y``."""

    def nll(t: float) -> float:
        p = softmax(scores, t)
        return float(-np.mean(np.log(p[np.arange(len(y)), y] + 1e-12)))

    grid = np.exp(np.linspace(np.log(0.01), np.log(10), 80))
    best = min(grid, key=nll)
    lo, hi = best / 1.1, best * 1.1
    for _ in range(40):  # golden-section refinement
        a = hi - (hi - lo) / 1.618
        b = lo + (hi - lo) / 1.618
        if nll(a) < nll(b):
            hi = b
        else:
            lo = a
    return float((lo + hi) / 2)


def train(
    train_path: str | Path | None = None,
    out: str | Path = MODEL_PATH,
    *,
    min_df: int = DEFAULT_MIN_DF,
    c: float = DEFAULT_C,
    max_terms: int | None = DEFAULT_MAX_TERMS,
    limit: int | None = None,
    log=print,
) -> dict:
    try:
        from sklearn.svm import LinearSVC
    except ImportError:
        raise MarsadError("training needs scikit-learn: pip install -e '.[dev]'") from None

    t0 = time.time()
    records = read_records(train_path or default_train_path())
    if limit and limit < len(records):  # a random sample: the file is sorted by label
        pick = np.random.default_rng(SEED).choice(len(records), size=limit, replace=False)
        records = [records[i] for i in sorted(pick)]
    labels = sorted({r["label"] for r in records})
    if len(labels) < 2:
        raise MarsadError("training needs at least two labels")
    y = np.array([labels.index(r["label"]) for r in records])
    docs = [normalized_words(r["text"]) for r in records]
    log(f"read {len(docs)} documents, {len(labels)} labels ({time.time() - t0:.0f} s)")

    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(docs))
    n_held = max(len(labels), int(len(docs) * HELDOUT_SHARE))
    held, fit_part = order[:n_held], order[n_held:]

    def model_for(terms: list[str], idf: np.ndarray) -> TopicModel:
        return TopicModel(
            labels=labels,
            vocabulary={t: i for i, t in enumerate(terms)},
            idf=idf,
            weights=np.zeros((len(terms), len(labels)), dtype=np.float32),
            bias=np.zeros(len(labels), dtype=np.float32),
            temperature=1.0,
        )

    def svm_fit(model: TopicModel, sub: list[list[str]], indices: np.ndarray) -> None:
        svm = LinearSVC(C=c).fit(feature_matrix(model, sub), y[indices])
        coef = svm.coef_ if len(labels) > 2 else np.vstack([-svm.coef_[0], svm.coef_[0]])
        intercept = svm.intercept_ if len(labels) > 2 else np.array([-svm.intercept_[0], svm.intercept_[0]])
        model.weights = coef.T.astype(np.float32)
        model.bias = intercept.astype(np.float32)

    def fit(indices: np.ndarray) -> TopicModel:
        sub = [docs[i] for i in indices]
        terms, idf = build_vocabulary(sub, min_df)
        model = model_for(terms, idf)
        svm_fit(model, sub, indices)
        if max_terms and len(terms) > max_terms:
            # Keep the terms some class weighs most, then refit on those alone: the file
            # shrinks and lookups get faster at no cost in accuracy (see the module docstring).
            keep = np.sort(np.argsort(-np.abs(model.weights).max(axis=1), kind="stable")[:max_terms])
            model = model_for([terms[i] for i in keep], idf[keep])
            svm_fit(model, sub, indices)
        log(f"  fitted {len(model.vocabulary)} terms on {len(sub)} documents ({time.time() - t0:.0f} s)")
        return model

    model = fit(fit_part)
    held_scores = np.vstack([model.decision(*model.features_of_words(docs[i])) for i in held])
    temperature = fit_temperature(held_scores, y[held])
    held_acc = float(np.mean(held_scores.argmax(1) == y[held]))
    log(f"held-out accuracy {held_acc:.4f}, temperature {temperature:.4f} ({time.time() - t0:.0f} s)")

    model = fit(order)
    model.temperature = temperature
    save(model, out)
    size = Path(out).stat().st_size
    log(f"wrote {out}: {len(model.vocabulary)} terms, {size / 1e6:.1f} MB ({time.time() - t0:.0f} s)")
    write_lexicon((r["text"] for r in records), out, log)
    return {
        "documents": len(docs),
        "labels": labels,
        "terms": len(model.vocabulary),
        "heldout_accuracy": held_acc,
        "temperature": temperature,
        "bytes": size,
        "seconds": round(time.time() - t0, 1),
    }


def save(model: TopicModel, out: str | Path) -> None:
    terms = [""] * len(model.vocabulary)
    for t, i in model.vocabulary.items():
        terms[i] = t
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as f:
        np.savez_compressed(
            f,
            vocabulary=np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8),
            labels=np.frombuffer("\n".join(model.labels).encode("utf-8"), dtype=np.uint8),
            idf=model.idf.astype(np.float16),
            weights=model.weights.astype(np.float16),
            bias=model.bias.astype(np.float32),
            temperature=np.float64(model.temperature),
        )


def lexicon_path(model_path: str | Path) -> Path:
    """Where the word-fact lexicon of the model at ``model_path`` lives."""
    model_path = Path(model_path)
    return model_path.with_name(model_path.stem + "_lexicon.npz")


def write_lexicon(texts, model_path: str | Path, log=print) -> Path:
    """Build the word-fact lexicon of the model saved at ``model_path`` (as the runtime
    loads it: IDFs rounded to float16) from the surface forms of ``texts``."""
    from marsad.analyze.wordstats import build_lexicon

    t0 = time.time()
    counts: Counter = Counter()
    for text in texts:
        counts.update(words_with_breaks(text))
    out = lexicon_path(model_path)
    n = build_lexicon(counts, TopicModel.load(Path(model_path)), out)
    log(f"wrote {out}: {n} words, {out.stat().st_size / 1e6:.1f} MB ({time.time() - t0:.0f} s)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", help="training JSONL(.gz) of {label, text} (default: SANAD train in ../shared)")
    parser.add_argument("--out", default=str(MODEL_PATH))
    parser.add_argument("--min-df", type=int, default=DEFAULT_MIN_DF)
    parser.add_argument("-C", type=float, default=DEFAULT_C)
    parser.add_argument("--max-terms", type=int, default=DEFAULT_MAX_TERMS, help="0 keeps every term")
    parser.add_argument("--limit", type=int, help="train on a random sample of N records (smoke runs)")
    parser.add_argument("--lexicon-only", action="store_true", help="only rebuild the word-fact lexicon of the model at --out")
    args = parser.parse_args(argv)
    try:
        if args.lexicon_only:
            write_lexicon((r["text"] for r in read_records(args.train or default_train_path(), args.limit)), args.out)
            return 0
        train(args.train, args.out, min_df=args.min_df, c=args.C, max_terms=args.max_terms, limit=args.limit)
    except MarsadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
