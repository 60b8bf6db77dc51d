"""``marsad eval times DIR`` and the timeline section of the terminal view."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from marsad.cli import eval_app


@eval_app.command("times")
def eval_times(
    directory: Path = typer.Argument(..., help="a folder of TimeML .tml files (e.g. ../shared/data/time/arabic-timeml)"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object (with every error)"),
    dct: str = typer.Option(None, "--dct", help="reference date for every file (default: the file's DCT)"),
    errors: bool = typer.Option(False, "--errors", help="also list missed, spurious and wrong-value expressions"),
    baseline: bool = typer.Option(True, "--baseline/--no-baseline", help="also run dateparser's search_dates"),
    corrections: Path = typer.Option(
        None, "--corrections", help="TSV of hand corrections to the gold (default: the repo's for arabic-timeml)"
    ),
    no_corrections: bool = typer.Option(False, "--no-corrections", help="score against the files as they are only"),
) -> None:
    """Extent P/R/F1 (strict, relaxed) and value accuracy of the time analyser, dateparser alongside."""
    from marsad.analyze.times_eval import evaluate

    result = evaluate(directory, dct=dct, baseline=baseline, corrections=False if no_corrections else corrections)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{result['documents']} documents, reference date {', '.join(result['dct'])}")
    header = f"{'system':<11} {'strict P':>8} {'R':>6} {'F1':>6} {'relax P':>8} {'R':>6} {'F1':>6} {'value':>6} {'type':>6} {'found':>6} {'gold':>5} {'sec':>7}"
    typer.echo(header)
    rows = [("marsad", result["marsad"])]
    if result.get("dateparser"):
        rows.append(("dateparser", result["dateparser"]))
    if result.get("marsad_corrected"):
        rows.append(("marsad*", result["marsad_corrected"]))
        if result.get("dateparser_corrected"):
            rows.append(("dateparser*", result["dateparser_corrected"]))
    for name, r in rows:
        s, x = r["strict"], r["relaxed"]
        typer.echo(
            f"{name:<11} {s['precision']:8.1f} {s['recall']:6.1f} {s['f1']:6.1f} {x['precision']:8.1f} {x['recall']:6.1f}"
            f" {x['f1']:6.1f} {r['value_accuracy']:6.1f} {r['type_accuracy']:6.1f} {r['found']:6d} {r['gold']:5d} {r['seconds']:7.2f}"
        )
    if result.get("dateparser_missing"):
        typer.echo(f"note: {result['dateparser_missing']}")
    typer.echo("value/type: accuracy on the found expressions that overlap a gold one")
    if result.get("corrections"):
        c = result["corrections"]
        shown = c["file"]
        try:
            shown = str(Path(shown).resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            pass
        typer.echo(f"*: against the gold with the hand corrections of {shown}")
        for row in c["unmatched"]:
            typer.echo(f"warning: correction matched no gold span: {row}")
    if errors:
        for e in result.get("marsad_corrected_errors") or result["marsad_errors"]:
            typer.echo(
                f"{e['doc']:<10} {e['kind']:<8} gold={e.get('gold', '')!r} {e.get('gold_type', '')} {e.get('gold_value', '')}"
                f" | found={e.get('found', '')!r} {e.get('type', '')} {e.get('value', '')}"
            )


def _register_view() -> None:
    try:
        from marsad.cli.render import add_section
    except ImportError:  # the terminal view is not there: nothing to hook into
        return
    from marsad.cli.render_times import render_times

    add_section("times", render_times)


_register_view()
