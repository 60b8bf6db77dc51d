"""Archive commands: ``marsad ingest``, ``reindex``, ``search``, ``entities``, ``stories``, ``show``.

All of them work on one archive file: ``--db FILE``, else ``$MARSAD_DB``, else
``./marsad.db``.  Every listing command takes ``--json`` (one JSON document on stdout).
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from marsad.cli import app
from marsad.errors import InputError, StoreError

DB_HELP = "Archive file (default: $MARSAD_DB, else ./marsad.db)."
DbOption = Annotated[str | None, typer.Option("--db", help=DB_HELP, show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _open(db: str | None, *, write: bool = False, create: bool = True):
    from marsad.store import default_db_path, open_store

    path = db or default_db_path()
    if write:
        return open_store(path, create=create)
    return open_store(path, readonly=True, create=False)


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _console(err: bool = False):
    from rich.console import Console

    return Console(stderr=err, highlight=False)


# --- ingest ------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, .zip archives of JSON, WARC(.gz) files.")],
    db: DbOption = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", help="Analysis processes (default: one per CPU core).", min=1)
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option("--max-bytes", help="Refuse single inputs larger than this (default 20 MB).")
    ] = None,
    skip: Annotated[
        list[str] | None, typer.Option("--skip", help="Leave out this pipeline component (repeatable), e.g. --skip topics.")
    ] = None,
    batch: Annotated[
        int, typer.Option("--batch", help="Articles per transaction (a kill loses at most one batch of work).", min=1)
    ] = 200,
    no_stories: Annotated[bool, typer.Option("--no-stories", help="Skip story clustering (run it later).")] = False,
    no_prerender: Annotated[
        bool,
        typer.Option(
            "--no-prerender",
            help="Do not store the new articles' rendered web pages (run `marsad prerender` later; pages render live).",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Analyse articles and add them to the archive (idempotent; safe to interrupt and rerun)."""
    from marsad.corpus.ingest import ingest as run_ingest

    with _open(db, write=True) as store:
        # The web app reads each article's stored rendering instead of rendering it per fresh
        # view (about half the server CPU of an article page, docs/benchmarks.md, web section).
        # The workers render each new article's page beside its analysis; the pass after the
        # run renders only what still lacks a current rendering (articles stored before a
        # marsad upgrade, or by an ingest with --no-prerender), so it costs little.
        render = None
        if not no_prerender:
            from marsad.serve.fragments import fragments_of as render
        if quiet or as_json:
            report = run_ingest(
                paths, store, workers=workers, max_bytes=max_bytes, cluster=not no_stories, exclude=_check_skip(skip),
                batch=batch, render=render,
            )
        else:
            report = _ingest_with_progress(
                paths, store, workers, max_bytes, not no_stories, _check_skip(skip), batch, render
            )
        prerendered = None
        if not no_prerender and report.stored:
            from marsad.serve.fragments import prerender, template_env

            prerendered = report.pages + prerender(store, template_env())["rendered"]
        if as_json:
            _print_json(report.to_dict() | {"db": store.path, "prerendered": prerendered})
            return
        _print_report(report, store.path)
        if prerendered is not None:
            _console().print(f"  pages       {prerendered:>8,}   article pages rendered and stored for `marsad serve`")


def _check_skip(skip: list[str] | None) -> list[str]:
    from marsad.pipeline import component_names

    known = component_names()
    for name in skip or ():
        if name not in known:
            raise InputError(f"--skip {name}: no such pipeline component (known: {', '.join(known)})")
    return list(skip or ())


def _ingest_with_progress(paths, store, workers, max_bytes, cluster, exclude, batch, render=None):
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    from marsad.corpus.ingest import ingest as run_ingest

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f}/s" if speed else "…/s", style="cyan")

    labels = {"scan": "reading inputs", "ingest": "analysing", "stories": "clustering stories"}
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=_console(err=True),
        transient=False,
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(phase: str, done: int, total: int | None) -> None:
            if phase not in tasks:
                for other in tasks.values():
                    bar.update(other, completed=bar.tasks[other].completed)
                tasks[phase] = bar.add_task(labels.get(phase, phase), total=total)
            bar.update(tasks[phase], completed=done, total=total)

        report = run_ingest(
            paths, store, workers=workers, max_bytes=max_bytes, progress=progress, cluster=cluster, exclude=exclude,
            batch=batch, render=render,
        )
        for t in tasks.values():
            task = bar.tasks[t]
            bar.update(t, total=task.completed)
    return report


def _print_report(report, path: str) -> None:
    con = _console()
    rate = report.read / report.seconds if report.seconds else 0
    con.print(f"[bold]archive[/] {path}  ({report.seconds:.1f} s, {rate:,.0f} records/s)")
    con.print(f"  read        {report.read:>8,}")
    con.print(f"  stored      {report.stored:>8,}   (of which near-duplicates: {report.near_duplicates:,})")
    con.print(f"  duplicates  {report.duplicates:>8,}   exact reprints, recorded against the stored copy")
    if report.already:
        con.print(f"  already in  {report.already:>8,}   the same record ingested before"
                  " (by an earlier run, or twice in the input): skipped")
    con.print(f"  rejected    {report.rejected_total:>8,}")
    for reason, n in report.rejected.most_common(8):
        con.print(f"      {n:>6,}  {reason}")
    if report.stories:
        con.print(f"  stories     {report.stories:>8,}   with two or more articles, touched by this run")


# --- reindex -----------------------------------------------------------------------


@app.command(help=(
    "Rebuild the archive's search index and duplicate signatures with this marsad (e.g. after an upgrade).\n\n"
    "The search index, near-duplicate signatures and story terms are rebuilt from the stored articles, then any "
    "article not yet in a story is clustered. The index is rebuilt in one transaction (an interrupted run leaves "
    "the old index); with --stories the reset is one transaction and clustering runs in batches, so an interrupted "
    "run leaves some articles unclustered: rerun it to finish. With --near-duplicates every article is linked to "
    "its near-duplicate again with this marsad's rule, in the order the articles were stored (one transaction); "
    "add --stories to cluster with the new links."
))
def reindex(
    db: DbOption = None,
    restory: Annotated[
        bool, typer.Option("--stories", help="Also cluster every article into stories again, from scratch.")
    ] = False,
    relink: Annotated[
        bool, typer.Option("--near-duplicates", help="Also link every article to its near-duplicate again.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """``marsad reindex``: see the command's help above."""
    import time

    from marsad.corpus.stories import cluster_new

    t0 = time.perf_counter()
    with _open(db, write=True, create=False) as store:
        # opening for writing already re-indexes an archive made with another stemmer
        n = store.reindexed_on_open if getattr(store, "reindexed_on_open", None) is not None else store.reindex()
        linked = store.relink_near_duplicates() if relink else None
        reset = store.reset_stories() if restory else 0
        touched = cluster_new(store)
        stats = store.stats()
        out = {
            "db": store.path,
            "articles_reindexed": n,
            "articles_rekeyed": getattr(store, "rekeyed_on_open", None) or 0,
            "near_duplicates_linked": linked,
            "stories_reset": reset,
            "stories_touched": touched,
            "stories": stats.stories,
            "seconds": round(time.perf_counter() - t0, 1),
        }
    if as_json:
        _print_json(out)
        return
    con = _console()
    con.print(f"[bold]archive[/] {out['db']}  ({out['seconds']:.1f} s)")
    con.print(f"  re-indexed  {n:>8,} articles")
    if out["articles_rekeyed"]:
        con.print(f"  re-keyed    {out['articles_rekeyed']:>8,} articles' entities (this marsad's entity keys)")
    if linked is not None:
        con.print(f"  re-linked   {linked:>8,}   articles to a near-duplicate stored before them")
    if restory:
        con.print(f"  stories     {stats.stories:>8,}   with two or more articles, clustered again from scratch")
    elif touched:
        con.print(f"  stories     {touched:>8,}   touched by clustering articles that had none")


# --- search ------------------------------------------------------------------------


@app.command()
def search(
    query: Annotated[
        str,
        typer.Argument(
            help='Words (all must match), "a phrase", OR, NOT / -word, (groups), prefix*. Empty: filters only.'
        ),
    ],
    db: DbOption = None,
    source: Annotated[list[str] | None, typer.Option("--source", "-s", help="Only this outlet (repeatable).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Published on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Published on or before (YYYY-MM-DD).")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Only articles mentioning this entity key.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only articles with this topic label.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Results (stories) per page.", min=1, max=200)] = 10,
    page: Annotated[int, typer.Option("--page", help="Page of results.", min=1)] = 1,
    no_collapse: Annotated[bool, typer.Option("--no-collapse", help="One line per article, not per story.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Search the archive in Arabic (normalised, stemmed: بالانسحاب finds انسحاب), best first, grouped by story."""
    from marsad.store import SearchFilters

    filters = SearchFilters(sources=source or None, date_from=date_from, date_to=date_to, entity=entity, topic=topic)
    with _open(db) as store:
        results = store.search(query, filters, page=page, page_size=limit, collapse=not no_collapse)
    if as_json:
        _print_json(results.to_dict())
        return
    from rich.text import Text

    con = _console()
    con.print(
        f"[dim]{results.total_articles:,} articles; the best grouped into {results.total:,} stories"
        f" · {results.took_ms:.0f} ms · query: {results.parsed}[/]"
    )
    for i, hit in enumerate(results.hits, start=(results.page - 1) * results.page_size + 1):
        a = hit.article
        con.print(Text.assemble((f"{i:>3}. ", "dim"), (a.title or "(untitled)", "bold")))
        con.print(Text(f"     {a.site or '?'} · {(a.published or '')[:10]} · {a.id}", style="dim"))
        snip = Text("     " + hit.snippet)
        for s, e in hit.highlights:
            snip.stylize("bold yellow", s + 5, e + 5)
        con.print(snip)
        if hit.also or hit.story_size > 1:
            sites = ", ".join(dict.fromkeys(x.site or "?" for x in hit.also))
            more = f"+{len(hit.also)} more matching" + (f" ({sites})" if sites else "") if hit.also else ""
            con.print(Text(f"     story {hit.story_id}: {hit.story_size} articles {more}", style="cyan"))
    if not results.hits:
        con.print("no match")


# --- explore -----------------------------------------------------------------------


@app.command()
def entities(
    key: Annotated[str | None, typer.Argument(help="One entity key: its history, outlets and related entities.")] = None,
    db: DbOption = None,
    top: Annotated[int, typer.Option("--top", "-n", help="How many.", min=1)] = 20,
    date_from: Annotated[str | None, typer.Option("--from", help="Period start (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Period end (YYYY-MM-DD).")] = None,
    source: Annotated[str | None, typer.Option("--source", "-s", help="Only this outlet.")] = None,
    type: Annotated[str | None, typer.Option("--type", "-t", help="PERS, LOC, ORG or MISC.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Who and what is in the news: entities by number of articles, for a period and outlet."""
    from marsad.text.names import ENTITY_TYPES

    if type is not None and type.upper() not in ENTITY_TYPES:
        raise InputError(f"--type must be one of {', '.join(ENTITY_TYPES)}, got {type!r}")
    type = type.upper() if type is not None else None
    with _open(db) as store:
        if key:
            detail = store.entity(key)
            if detail is None:
                raise InputError(f"no entity with key {key!r} in the archive (see `marsad entities`)")
            if as_json:
                _print_json(detail.to_dict())
                return
            con = _console()
            con.print(f"[bold]{detail.name}[/] ({detail.type}) · {detail.articles:,} articles, {detail.mentions:,} mentions")
            if detail.aliases:
                con.print("also counted, shorter forms of the name: " + "  ".join(f"{a.name} ({a.articles})" for a in detail.aliases))
            con.print("by day:    " + "  ".join(f"{d} {n}" for d, n in detail.by_day))
            con.print("by outlet: " + "  ".join(f"{s} {n}" for s, n in detail.by_source))
            con.print("related:   " + "  ".join(f"{e.name} ({e.articles})" for e in detail.related))
            for a in detail.recent:
                con.print(f"  {a.id}  {(a.published or '')[:10]}  {a.site or '?'}  {a.title or ''}")
            return
        rows = store.entities(top=top, date_from=date_from, date_to=date_to, source=source, type=type)
    if as_json:
        _print_json([r.to_dict() for r in rows])
        return
    from rich.table import Table

    table = Table(title="entities")
    for col in ("#", "name", "type", "articles", "mentions", "key"):
        table.add_column(col, justify="right" if col in ("#", "articles", "mentions") else "left")
    for i, r in enumerate(rows, 1):
        table.add_row(str(i), r.name, r.type, f"{r.articles:,}", f"{r.mentions:,}", r.key)
    _console().print(table)


@app.command()
def stories(
    story_id: Annotated[int | None, typer.Argument(help="One story: its articles in time order.")] = None,
    db: DbOption = None,
    top: Annotated[int, typer.Option("--top", "-n", help="How many.", min=1)] = 20,
    date_from: Annotated[str | None, typer.Option("--from", help="Period start (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Period end (YYYY-MM-DD).")] = None,
    source: Annotated[str | None, typer.Option("--source", "-s", help="Stories this outlet carried.")] = None,
    min_size: Annotated[int, typer.Option("--min-size", help="Smallest story shown.", min=1)] = 2,
    as_json: JsonOption = False,
) -> None:
    """The largest stories: the same event across outlets, with their time span."""
    with _open(db) as store:
        if story_id is not None:
            detail = store.story(story_id)
            if detail is None:
                raise InputError(f"no story {story_id} in the archive (see `marsad stories`)")
            if as_json:
                _print_json(detail.to_dict())
                return
            con = _console()
            con.print(f"[bold]story {detail.id}[/]: {detail.title or ''}")
            con.print(f"{detail.size} articles, {detail.reprints} reprints, {detail.first} → {detail.last}")
            con.print("outlets: " + ", ".join(detail.sources))
            for a in detail.articles:
                near = f" ≈{a.near_duplicate_of}" if a.near_duplicate_of else ""
                con.print(f"  {a.id}  {(a.published or '')[:16]}  {a.site or '?':<13} {a.title or ''}{near}")
            if detail.entities:
                con.print("entities: " + ", ".join(f"{e.name} ({e.articles})" for e in detail.entities))
            return
        rows = store.stories(top=top, date_from=date_from, date_to=date_to, source=source, min_size=min_size)
    if as_json:
        _print_json([r.to_dict() for r in rows])
        return
    from rich.table import Table

    table = Table(title="stories")
    for col in ("story", "articles", "outlets", "first", "last", "title"):
        table.add_column(col, justify="right" if col in ("story", "articles") else "left")
    for r in rows:
        table.add_row(
            str(r.id), str(r.size), ", ".join(r.sources[:5]) + ("…" if len(r.sources) > 5 else ""),
            (r.first or "")[:10], (r.last or "")[:10], r.title or "",
        )
    _console().print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a prefix of at least 6 characters).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One stored article with every analysis layer, its reprints, near-duplicates and story."""
    with _open(db) as store:
        article = store.get_article(article_id)
        if article is None:
            raise InputError(f"no article {article_id!r} in the archive (ids are shown by `marsad search`)")
        summary = store.get_summary(article_id)
        reprints = store.reprints(article_id)
        near = store.near_duplicates(article_id)
    assert summary is not None
    if as_json:
        _print_json(
            {
                "id": summary.id,
                "story_id": summary.story_id,
                "near_duplicate_of": summary.near_duplicate_of,
                "reprints": reprints,
                "near_duplicates": [n.to_dict() for n in near],
                "article": article.to_dict(),
            }
        )
        return
    from marsad.cli.render import render_article

    con = _console()
    render_article(article, con)
    con.print(f"[dim]id {summary.id} · story {summary.story_id} · {article.source.url or ''}[/]")
    for r in reprints:
        con.print(f"[cyan]reprinted by[/] {r['site'] or '?'} {r['url'] or ''}")
    for n in near:
        con.print(f"[cyan]near-duplicate[/] {n.id} {n.site or '?'} {n.title or ''}")


__all__ = ["StoreError", "entities", "ingest", "search", "show", "stories"]
