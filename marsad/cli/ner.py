"""``marsad eval ner FILE`` and ``marsad train ner``."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from marsad.cli import eval_app, train_app
from marsad.errors import InputError


def evaluate_file(path: Path) -> dict:
    """Tag the tokens of a ``token TAG`` file with the shipped model and score them."""
    from marsad.analyze.ner import get_tagger
    from marsad.analyze.ner_eval import read_conll, score, split_long

    if not path.is_file():
        raise InputError(f"no such file: {path}")
    try:
        sents = split_long(read_conll(path))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text: {exc}") from exc
    if not sents:
        raise InputError(f"{path} holds no `token TAG` lines")
    tagger = get_tagger()
    t0 = time.perf_counter()
    pred = tagger.tag_sentences([toks for toks, _ in sents])
    elapsed = time.perf_counter() - t0
    result = score([tags for _, tags in sents], pred)
    tokens = sum(len(toks) for toks, _ in sents)
    result["tokens"] = tokens
    result["tokens_per_second"] = round(tokens / elapsed) if elapsed > 0 else None
    return result


@eval_app.command("ner")
def eval_ner(
    file: Path = typer.Argument(..., help="`token TAG` lines (BIO; PERS/PER, LOC, ORG, MISC/MIS*; other types count as O)"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """CoNLL exact-span precision, recall and F1 of the shipped entity tagger on FILE."""
    result = evaluate_file(file)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    typer.echo(f"{'type':<6} {'prec':>7} {'recall':>7} {'F1':>7} {'support':>8}")
    for kind, r in result["per_type"].items():
        typer.echo(f"{kind:<6} {r['precision']:7.2f} {r['recall']:7.2f} {r['f1']:7.2f} {r['support']:8d}")
    m = result["micro"]
    typer.echo(f"{'micro':<6} {m['precision']:7.2f} {m['recall']:7.2f} {m['f1']:7.2f}")
    typer.echo(f"{result['tokens']} tokens, {result['tokens_per_second']} tokens/s")


@train_app.command("ner")
def train_ner(
    out: Path = typer.Option(None, help="directory for the model files (default: the package's models/)"),
    tune: bool = typer.Option(False, help="train on 90% of train, report on the held-out 10%, write nothing"),
) -> None:
    """Rebuild the entity model from ../shared/data/ner (and the shared news, for word clusters)."""
    try:
        from marsad.training import ner as training
    except ImportError as exc:  # scikit-learn / scipy / babel come with the dev extra
        raise InputError(f"training needs the dev extra (pip install -e '.[dev]'): {exc}") from exc
    argv = []
    if out is not None:
        argv += ["--out", str(out)]
    if tune:
        argv.append("--tune")
    training.main(argv)


@train_app.command(
    "ner-neural", context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}
)
def train_ner_neural(ctx: typer.Context) -> None:
    """Train the neural half of the entity tagger (needs the train extra: torch); options: --help."""
    try:
        from marsad.training import ner_neural as training
    except ImportError as exc:
        raise InputError(f"neural training needs the train extra (pip install -e '.[train]'): {exc}") from exc
    training.main(list(ctx.args))
