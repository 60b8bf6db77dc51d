"""``marsad eval topics FILE``, ``marsad train topics`` and the terminal view of topics,
keyphrases and summary."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from marsad.cli import eval_app, train_app
from marsad.errors import InputError, MarsadError


def evaluate_records(records: list[dict]) -> dict:
    """Accuracy, macro-F1, confusion matrix and calibration of the shipped topic model.

    The prediction is the model's best label (the "Other" threshold aside: the records
    are labelled with the model's own sections); ``other_share`` says how many records the
    threshold would have called ``Other``, and ``ece`` is the expected calibration error
    of the best label's probability (10 equal-width bins).
    """
    import numpy as np

    from marsad.analyze.topics import OTHER_THRESHOLD, get_model

    model = get_model()
    gold = [r["label"] for r in records]
    unknown = sorted(set(gold) - set(model.labels))
    t0 = time.perf_counter()
    probs = np.vstack([model.probabilities(r["text"]) for r in records])
    elapsed = time.perf_counter() - t0
    best = probs.argmax(1)
    pred = [model.labels[i] for i in best]
    conf = probs.max(1)
    correct = np.array([p == g for p, g in zip(pred, gold)])

    labels = sorted(set(model.labels) | set(gold))
    matrix = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, pred):
        matrix[g][p] += 1
    per_label = {}
    for lab in labels:
        tp = matrix[lab][lab]
        fp = sum(matrix[g][lab] for g in labels) - tp
        fn = sum(matrix[lab].values()) - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_label[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    present = [lab for lab in labels if per_label[lab]["support"] > 0]
    macro_f1 = sum(per_label[lab]["f1"] for lab in present) / len(present)

    bins = np.minimum((conf * 10).astype(int), 9)
    ece = sum(
        abs(correct[bins == b].mean() - conf[bins == b].mean()) * (bins == b).mean() for b in range(10) if (bins == b).any()
    )
    kept = conf >= OTHER_THRESHOLD
    return {
        "records": len(records),
        "accuracy": float(correct.mean()),
        "macro_f1": float(macro_f1),
        "per_label": per_label,
        "labels": labels,
        "confusion": matrix,
        "ece": float(ece),
        "other_threshold": OTHER_THRESHOLD,
        "other_share": float(1 - kept.mean()),
        "accuracy_above_threshold": float(correct[kept].mean()) if kept.any() else None,
        "unknown_labels": unknown,
        "ms_per_record": round(elapsed / len(records) * 1000, 3),
    }


@eval_app.command("topics")
def eval_topics(
    file: Path = typer.Argument(..., help='JSONL(.gz) of {"label", "text"} records'),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Accuracy, macro-F1 and confusion matrix of the shipped topic classifier on FILE."""
    from marsad.training.topics import read_records

    if not file.is_file():
        raise InputError(f"no such file: {file}")
    result = evaluate_records(read_records(file))
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    labels = result["labels"]
    typer.echo(f"{result['records']} records  accuracy {result['accuracy']:.4f}  macro-F1 {result['macro_f1']:.4f}")
    typer.echo(
        f"calibration error (ECE) {result['ece']:.4f}; below the 'Other' threshold {result['other_threshold']}: "
        f"{result['other_share']:.2%} of records"
    )
    if result["unknown_labels"]:
        typer.echo(f"labels the model does not know (always wrong): {', '.join(result['unknown_labels'])}")
    width = max(8, *(len(lab) for lab in labels))
    typer.echo("")
    corner = "gold \\ predicted"
    typer.echo(f"{corner:<{width + 2}}" + "".join(f"{lab[:8]:>9}" for lab in labels))
    for g in labels:
        typer.echo(f"{g:<{width + 2}}" + "".join(f"{result['confusion'][g][p]:>9}" for p in labels))
    typer.echo("")
    typer.echo(f"{'label':<{width}} {'prec':>7} {'recall':>7} {'F1':>7} {'support':>8}")
    for lab, r in result["per_label"].items():
        typer.echo(f"{lab:<{width}} {r['precision']:7.4f} {r['recall']:7.4f} {r['f1']:7.4f} {r['support']:8d}")


@train_app.command("topics")
def train_topics(
    train: Path = typer.Option(None, help="training JSONL(.gz) (default: SANAD train in ../shared)"),
    out: Path = typer.Option(None, help="model file (default: the package's models/topics.npz)"),
    limit: int = typer.Option(None, help="train on a random sample of N records (smoke runs)"),
) -> None:
    """Rebuild the topic model from ../shared/data/topics/sanad (needs the dev extra)."""
    from marsad.training import topics as training

    try:
        training.train(train, out or training.MODEL_PATH, limit=limit, log=typer.echo)
    except ImportError as exc:
        raise MarsadError(f"training needs the dev extra (pip install -e '.[dev]'): {exc}") from exc


# -- terminal view -----------------------------------------------------------------------


def render_topics(article):
    from rich.text import Text

    if not article.topics:
        return None
    line = Text("topic  ", style="dim")
    for i, t in enumerate(article.topics):
        line.append(f"{t.label} {t.probability:.0%}", style="bold magenta" if i == 0 else "magenta")
        if i + 1 < len(article.topics):
            line.append(" · ", style="dim")
    return line


def render_keywords(article):
    from rich.text import Text

    if not article.keywords:
        return None
    line = Text("keyphrases  ", style="dim")
    for i, k in enumerate(article.keywords):
        line.append(k.text, style="green")
        if i + 1 < len(article.keywords):
            line.append(" · ", style="dim")
    return line


def render_summary(article):
    from rich.console import Group
    from rich.rule import Rule

    from marsad.cli.render import para

    if not article.summary:
        return None
    return Group(Rule("summary", style="dim"), *(para(f"• {s.text}") for s in article.summary))


def _register_view() -> None:
    try:
        from marsad.cli.render import add_section
    except ImportError:  # the terminal view is not there: nothing to hook into
        return
    add_section("topics", render_topics, after="header")
    add_section("keywords", render_keywords, after="topics")
    add_section("summary", render_summary, after="keywords")


_register_view()
