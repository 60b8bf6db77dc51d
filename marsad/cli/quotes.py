"""``marsad eval quotes [DIR]`` and the quotes section of the terminal view."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from marsad.cli import eval_app


@eval_app.command("quotes")
def eval_quotes(
    directory: Path = typer.Argument(
        None, help="the SaudiNewsNet folder of zips (default: ../shared/data/news/saudinewsnet)"
    ),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object (with every error)"),
    gold: list[Path] = typer.Option(
        None, "--gold", help="gold file(s) (default: benchmarks/gold/quotes.jsonl and quotes_heldout.jsonl)"
    ),
    errors: bool = typer.Option(False, "--errors", help="also list missed, spurious and wrong-speaker quotes"),
    with_entities: bool = typer.Option(
        False, "--with-entities", help="run the entities component first (speakers linked to entities)"
    ),
) -> None:
    """Quote detection P/R/F1 (overlap-based) and speaker accuracy on the hand-annotated gold."""
    from marsad.analyze.quotes_eval import DEFAULT_GOLD, HELDOUT_GOLD, evaluate

    files = gold or [DEFAULT_GOLD, HELDOUT_GOLD]
    components = ("entities", "quotes") if with_entities else ("quotes",)
    results = {}
    for path in files:
        report = evaluate(path, directory, components=components)
        results[path.name] = report.as_dict() | {"errors": report.errors}
    if as_json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{'gold':<24} {'art.':>4} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'kind':>6} {'jacc.':>6}")
    for name, r in results.items():
        typer.echo(
            f"{name:<24} {r['articles']:4d} {r['gold_quotes']:5d} {r['predicted_quotes']:5d} {r['precision']:6.1f}"
            f" {r['recall']:6.1f} {r['f1']:6.1f} {r['speaker_accuracy']:8.1f} {r['kind_accuracy']:6.1f}"
            f" {r['boundary_jaccard']:6.3f}"
        )
    typer.echo("match: overlap >= half the shorter span; speaker: name words contained either way")
    if errors:
        for name, r in results.items():
            for e in r["errors"]:
                detail = f"gold={e['gold']!r} predicted={e['predicted']!r}" if e["type"] == "speaker" else f"cue={e['cue']!r}"
                typer.echo(f"{name:<24} {e['type']:<8} {e['quote']!r} {detail} {e['url']}")


def _register_view() -> None:
    try:
        from marsad.cli.render import add_section
    except ImportError:  # the terminal view is not there: nothing to hook into
        return
    from marsad.cli.render_quotes import render_quotes

    add_section("quotes", render_quotes, after="entities")


_register_view()
