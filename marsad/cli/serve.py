"""``marsad serve``: the web app and REST API over an archive."""

from __future__ import annotations

from pathlib import Path

import typer

from marsad.cli import app
from marsad.errors import MarsadError


@app.command("serve")
def serve(
    db: Path = typer.Option(None, "--db", help="archive file (default: $MARSAD_DB or ./marsad.db)"),
    host: str = typer.Option("127.0.0.1", "--host", help="address to bind; only this machine by default"),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port"),
    workers: int = typer.Option(
        1, "--workers", min=1, max=64,
        help="server processes (one is plenty for a newsroom; under heavy load use one per CPU core: "
        "each process keeps its own cache of pages)",
    ),
) -> None:
    """Serve the archive in a browser (search, articles, entities, stories, analyse) and as a JSON API."""
    try:
        import uvicorn
    except ImportError:
        raise MarsadError("the web app needs uvicorn: pip install 'marsad'") from None
    from marsad.store import default_db_path

    db_path = str(db) if db is not None else default_db_path()
    if "://" not in db_path and not Path(db_path).exists():
        typer.echo(f"note: no archive at {db_path} yet; load one with `marsad ingest PATH --db {db_path}`", err=True)
    else:
        _check_archive(db_path)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: other machines can reach this server", err=True)
    display_host = f"[{host}]" if ":" in host else host
    typer.echo(f"marsad: serving {db_path} at http://{display_host}:{port}/  (Ctrl+C to stop)")
    import os

    os.environ["MARSAD_SERVE_DB"] = db_path
    uvicorn.run(
        "marsad.serve.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )


def _check_archive(db_path: str) -> None:
    """Say at start-up when the server cannot read the archive (pages would only show the error)."""
    from marsad.errors import StoreError
    from marsad.store import open_store

    from marsad.serve.fragments import kind
    from marsad.serve.i18n import DEFAULT_LANGUAGE

    try:
        with open_store(db_path, readonly=True, create=False) as store:
            total = store.stats().articles
            missing = total - len(store.fragment_ids(kind(DEFAULT_LANGUAGE)))
    except StoreError as exc:
        typer.echo(f"warning: {exc}", err=True)
        if "schema upgrade" in str(exc):
            typer.echo(f"  `marsad prerender --db {db_path}` upgrades it (and stores its article pages)", err=True)
        return
    if missing > 0:
        # e.g. after an upgrade that changed the renderer: pages render live, at about twice
        # the server CPU (docs/benchmarks.md, web section)
        typer.echo(
            f"note: {missing:,} of {total:,} articles have no stored page rendering for this marsad; "
            f"`marsad prerender --db {db_path}` makes their pages faster",
            err=True,
        )


@app.command("prerender", help=(
    "Render every stored article's own part of its web page once and keep it in the archive.\n\n"
    "`marsad serve` then reads it instead of rendering the article on each fresh view (the page is the same either "
    "way); rerun after `marsad ingest` or a marsad upgrade: articles without a current rendering are rendered live "
    "meanwhile."
))
def prerender(
    db: Path = typer.Option(None, "--db", help="archive file (default: $MARSAD_DB or ./marsad.db)"),
    lang: list[str] = typer.Option(
        ["ar"], "--lang", help="interface language(s) to render article pages for (ar, en); repeat for several"
    ),
    force: bool = typer.Option(False, "--force", help="render again articles that already have a current rendering"),
) -> None:
    """``marsad prerender``: see the command's help above."""
    from marsad.serve.fragments import template_env
    from marsad.serve.fragments import prerender as run
    from marsad.store import default_db_path, open_store

    db_path = str(db) if db is not None else default_db_path()
    if "://" not in db_path and not Path(db_path).exists():
        raise MarsadError(f"no archive at {db_path}: load one with `marsad ingest PATH --db {db_path}`")
    with open_store(db_path, create=False) as store:
        counts = run(store, template_env(), lang, force=force)
    typer.echo(
        f"{db_path}: rendered {counts['rendered']} article page parts, {counts['kept']} already current, "
        f"{counts['pruned']} of older versions removed"
    )
