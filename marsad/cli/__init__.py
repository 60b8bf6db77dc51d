"""The ``marsad`` command line: one Typer app, one module per command group."""

from __future__ import annotations

import importlib
import sys

import typer

app = typer.Typer(
    name="marsad",
    help="marsad (مرصد): Arabic news to clean, structured, searchable knowledge — offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# `marsad eval …` and `marsad train …`: each capability adds its own command to these.
eval_app = typer.Typer(help="Measure marsad's analysers on a labelled file.", no_args_is_help=True)
train_app = typer.Typer(
    help="Rebuild a shipped model from the data in ../shared (needs the dev extra).", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

# Each module registers its commands on `app`, `eval_app` or `train_app` when imported.
COMMAND_MODULES = [
    "marsad.cli.analyze",
    "marsad.cli.ner",
    "marsad.cli.quotes",
    "marsad.cli.times",
    "marsad.cli.topics",
    "marsad.cli.archive",
    "marsad.cli.serve",
]


def _load_commands() -> None:
    for module in COMMAND_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:  # a missing dependency inside an existing module is a real error
                raise


def main() -> None:
    """Entry point: no traceback ever reaches a user for a MarsadError."""
    from marsad.errors import MarsadError

    _load_commands()
    try:
        code = app(standalone_mode=False)
    except MarsadError as exc:
        typer.echo(f"marsad: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("marsad: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:
        # Usage errors come from the click that Typer uses (recent Typer vendors its own copy),
        # so they are recognised by behaviour, not by class.
        if type(exc).__name__ == "Exit":
            sys.exit(getattr(exc, "exit_code", 0))
        if type(exc).__name__ == "Abort":
            sys.exit(1)
        if callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(exc.exit_code)
        typer.echo(f"marsad: internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        sys.exit(70)
    # Without standalone mode Typer returns, not raises, the exit code of a command it stopped:
    # 130 for Ctrl-C inside a command (which used to end silently with status 0)
    if code == 130:
        typer.echo("marsad: interrupted", err=True)
        sys.exit(130)
