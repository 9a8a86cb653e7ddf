"""The `typ` command. Thin on purpose: parse arguments, call one function, print, set the exit status.

Exit status: 0 fine, 1 the model has errors, 2 usage or I/O problem, 3 internal error (a bug).
"""

from __future__ import annotations

import dataclasses
import os
import sys
import traceback
from enum import StrEnum
from pathlib import Path

import typer

from .diagnostics import REPORTERS, Diagnostic, has_errors
from .pipeline import compile_model
from .sources import load_project, region_ids

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Process and responsibility as code: validate the TYP model and build its handbooks.")


@app.callback()
def _root() -> None:
    """Process and responsibility as code: validate the TYP model and build its handbooks."""


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


PathArg = typer.Argument(Path("."), help="The model's root folder (where typ.yaml is).")
RegionOpt = typer.Option(None, "--region", "-r", help="A regional network's id (folder under regions/).")


def for_user(diags: list[Diagnostic], root: Path) -> list[Diagnostic]:
    """The model names files relative to its root; users need them relative to where they stand."""
    out = []
    for d in diags:
        shown = os.path.relpath(root / d.file) if not d.file.startswith("<") else d.file
        out.append(dataclasses.replace(d, file=shown))
    return out


def report(diags: list[Diagnostic], fmt: Format = Format.text) -> None:
    out = REPORTERS[fmt.value](diags)
    if out:
        typer.echo(out, err=fmt is Format.text and has_errors(diags))


def exit_status(diags: list[Diagnostic]) -> int:
    if any(d.code == "INTERNAL" for d in diags):
        return EXIT_INTERNAL
    if any(d.code == "IO001" for d in diags):
        return EXIT_USAGE
    return EXIT_ERRORS if has_errors(diags) else EXIT_OK


def targets(path: Path, region: str | None, all_: bool) -> list[str | None]:
    """The national model (None) and/or the regions a command should cover."""
    if not all_:
        return [region]
    project, _ = load_project(path)
    return [None, *(region_ids(path, project) if project is not None else [])]


@app.command()
def validate(
    path: Path = PathArg,
    region: str | None = RegionOpt,
    all_: bool = typer.Option(False, "--all", help="Validate the national model and every region."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
) -> None:
    """Check the model against its schemas and rules; print every problem with file:line:column."""
    diags: list[Diagnostic] = []
    for target in targets(path, region, all_):
        diags += compile_model(path, target).diagnostics
    diags = for_user(sorted(set(diags)), path)
    report(diags, fmt)
    raise typer.Exit(exit_status(diags))


def main() -> None:
    """Entry point: no Python traceback ever reaches the user."""
    try:
        # standalone_mode=False: click returns the exit code instead of raising SystemExit.
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit as exc:
        sys.exit(exc.code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("Aborted.", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001
        import click

        if isinstance(exc, click.exceptions.UsageError):
            exc.show()
            sys.exit(EXIT_USAGE)
        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(EXIT_USAGE)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        typer.echo(f"internal error: {type(exc).__name__}: {exc} "
                   f"({Path(where.filename).name}:{where.lineno}). This is a bug in typ; please report it.",
                   err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
