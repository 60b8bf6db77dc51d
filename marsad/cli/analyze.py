"""``marsad analyze``: one article (or every record of a file) through the pipeline."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from marsad.cli import app
from marsad.errors import InputError


@app.command()
def analyze(
    path: Annotated[str, typer.Argument(help="Text, HTML, JSON or JSONL file; '-' reads standard input.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (one-article inputs).")] = False,
    as_jsonl: Annotated[bool, typer.Option("--jsonl", help="Print one JSON object per input record.")] = False,
    date: Annotated[
        str | None, typer.Option("--date", help="Reference date (YYYY-MM-DD) for relative time expressions.")
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option("--max-bytes", help="Refuse inputs larger than this (default 20 MB or $MARSAD_MAX_INPUT_BYTES)."),
    ] = None,
    format: Annotated[
        str | None, typer.Option("--format", help="Input format: text, html, json or jsonl (default: detect).")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Also show the cleaner's decision and evidence for every input line.")
    ] = False,
    visual: Annotated[
        bool,
        typer.Option(
            "--visual", help="Shape and order Arabic for terminals without bidi support (also MARSAD_VISUAL_BIDI=1)."
        ),
    ] = False,
) -> None:
    """Clean and analyse a news article: title, tags, date, structure, clean text and every analysis layer."""
    from marsad import api, ingest, pipeline

    if as_json and as_jsonl:
        raise InputError("--json and --jsonl exclude each other")
    if path != "-" and not Path(path).exists():
        raise InputError(f"{path}: no such file")
    records = ingest.read_path(path, format=format, max_bytes=max_bytes)
    if as_jsonl:
        out = sys.stdout
        for article in records:
            article = pipeline.run(api._apply_date(article, date))
            out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        return
    articles = []
    for article in records:
        articles.append(article)
        if len(articles) > 1:
            raise InputError("the input holds several records: use --jsonl for one JSON object per record")
    article = api._apply_date(articles[0], date)
    decisions = None
    if explain and not (as_json or as_jsonl):
        from marsad.clean import explain as explain_lines

        decisions = explain_lines(article)  # runs the "clean" stage
        article = pipeline.run(article, exclude=["clean"])
    else:
        article = pipeline.run(article)
    if as_json:
        sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    from marsad.cli import render

    if visual:
        render.VISUAL = True
    render.render_article(article)
    if decisions is not None:
        render.Console().print(render.render_explain(decisions))
