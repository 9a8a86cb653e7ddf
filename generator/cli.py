"""The `typ` command. Thin on purpose: parse arguments, call one function, print, set the exit status.

Exit status: 0 fine, 1 the model has errors, 2 usage or I/O problem, 3 internal error (a bug).
"""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
import traceback
from enum import StrEnum
from pathlib import Path

import typer

from .compile import Result, check_each, compile_model
from .diagnostics import REPORTERS, Diagnostic, has_errors
from .load.sources import load_project, region_ids

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


GRAPHVIZ = ("dot", "neato")


def os_problem(exc: OSError, out: Path) -> str:
    """An operating-system failure in words that name its real cause and the path involved."""
    from .site.output import Busy

    if isinstance(exc, Busy):
        return str(exc)
    if isinstance(exc, FileNotFoundError) and exc.filename in GRAPHVIZ:
        return (f"Graphviz is not installed: the '{exc.filename}' command was not found "
                "(apt-get install graphviz, or bash .ci/install)")
    where = f" ({exc.filename})" if exc.filename else ""
    return f"building into {out} failed: {exc.strerror or exc}{where}"


def report(diags: list[Diagnostic], fmt: Format = Format.text) -> None:
    out = REPORTERS[fmt.value](diags)
    if out:
        typer.echo(out, err=fmt is Format.text and has_errors(diags))


def exit_status(diags: list[Diagnostic]) -> int:
    if any(d.code == "INTERNAL" for d in diags):
        return EXIT_INTERNAL
    if any(d.code in ("IO001", "TOOL001", "USAGE001") for d in diags):
        return EXIT_USAGE
    return EXIT_ERRORS if has_errors(diags) else EXIT_OK


def one_scope(region: str | None, all_: bool) -> None:
    if region and all_:
        typer.echo("error: give either --region ID or --all, not both", err=True)
        raise typer.Exit(EXIT_USAGE)


def workspace(path: Path, region: str | None, update: bool = False):
    """The national model at `path`, or the region repository there with its base fetched (see
    base/workspace.py). A base that cannot be used exits 2, naming it."""
    from .base.workspace import open_workspace
    from .errors import BaseError

    try:
        ws, diags = open_workspace(path, region, update)
    except BaseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    if ws is None:
        diags = for_user(diags, path)
        report(diags)
        raise typer.Exit(exit_status(diags) or EXIT_ERRORS)
    if ws.fetched is not None and ws.fetched.note:
        typer.echo(f"note: {ws.fetched.note}", err=True)
    return ws


def repository_options(ws) -> dict:
    """What build() needs for a region repository: its folder and drift against its pin."""
    from functools import partial

    from .base.pin import pin_drift

    return {} if ws.repository is None else {"repository": ws.repository, "drift_for": partial(pin_drift, ws)}


def no_all_in_repository(ws, all_: bool) -> None:
    if all_ and ws.repository is not None:
        typer.echo("error: --all needs the national model; this is a region repository", err=True)
        raise typer.Exit(EXIT_USAGE)


def targets(path: Path, region: str | None, all_: bool) -> list[str | None]:
    """The national model (None) and/or the regions a command should cover."""
    one_scope(region, all_)
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
    require: list[str] = typer.Option([], "--require-translations", metavar="LANG",
                                      help="Fail unless every text has a current translation into LANG (for CI)."),
) -> None:
    """Check the model against its schemas and rules; print every problem with file:line:column."""
    from .analysis.drift import check_drift, drift_diagnostics
    from .base.pin import pin_drift
    from .site.mkdocs_yml import read as read_mkdocs_yml
    from .translate.workflow import missing_diagnostics

    one_scope(region, all_)
    ws = workspace(path, region, update=True)
    no_all_in_repository(ws, all_)
    scope = [ws.region] if ws.repository is not None else targets(path, region, all_)

    def check(target: str | None, result: Result) -> tuple[list[Diagnostic], str | None]:
        """One handbook's diagnostics, or a usage error (a required language the project does not have)."""
        diags = list(result.diagnostics)
        for lang in require:
            if lang in result.translations:
                diags += missing_diagnostics(result.translations[lang], lang)
            elif result.model is not None and target is None:
                return diags, f"error: the handbook is not built in '{lang}' (typ.yaml languages)"
        if target is None and result.raw is not None:
            diags += read_mkdocs_yml(path.resolve())[1]
        if target is not None and result.ok:
            config = result.raw.project.get("rules") if result.raw is not None else None
            found = (pin_drift(ws, result.model, config) if ws.repository is not None
                     else check_drift(path, result.model, config))
            diags += drift_diagnostics(found)
        return diags, None

    diags: list[Diagnostic] = []
    for found, usage in check_each(ws.root, scope, check, ws.repository):
        if usage is not None:
            typer.echo(usage, err=True)
            raise typer.Exit(EXIT_USAGE)
        diags += found
    diags = ws.for_user(sorted(set(diags)), path)
    report(diags, fmt)
    raise typer.Exit(exit_status(diags))


@app.command()
def build(
    path: Path = PathArg,
    out: Path = typer.Option(Path("site"), "--out", "-o", help="Output folder (replaced only on success)."),
    region: str | None = RegionOpt,
    all_: bool = typer.Option(False, "--all", help="The national handbook and every region's (under alueet/)."),
    cache: bool = typer.Option(True, "--cache/--no-cache",
                               help="Reuse what an earlier build into the same --out made (.OUT.cache beside it)."),
    only: list[str] = typer.Option(
        [], "--only", metavar="ID",
        help="With --all: build only this network's handbooks of the --all site ('national': the national "
             "one; repeatable). One CI job per network, their outputs merged, gives the --all site."),
) -> None:
    """Compile the model and build the handbook website with MkDocs + Material."""
    from .site.build import build as build_site  # imported here: MkDocs and the renderers are not needed to validate

    one_scope(region, all_)
    if only and not all_:
        typer.echo("error: --only picks handbooks of the --all site; give --all too", err=True)
        raise typer.Exit(EXIT_USAGE)
    ws = workspace(path, region)
    no_all_in_repository(ws, all_)
    try:
        diags = ws.for_user(build_site(ws.root, out, ws.region, all_, cache=cache, only=tuple(only),
                                       **repository_options(ws)), path)
    except OSError as exc:
        typer.echo(f"error: {os_problem(exc, out)}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    report(diags)
    status = exit_status(diags)
    if status == EXIT_OK:
        what = "all handbooks" if all_ else "the handbook"
        if only:
            what = "the handbooks of " + ", ".join(dict.fromkeys(only))
        typer.echo(f"Built {what} into {out}/")
    raise typer.Exit(status)


@app.command()
def serve(
    path: Path = PathArg,
    region: str | None = RegionOpt,
    port: int = typer.Option(8000, help="Port on 127.0.0.1."),
) -> None:
    """Live preview: rebuild when a model file changes; show validation errors instead of a stale page."""
    from .site.serve import serve as run

    ws = workspace(path, region)
    raise typer.Exit(run(ws.root, ws.region, port, **repository_options(ws)))


export_app = typer.Typer(help="Export the model for other tools.", no_args_is_help=True)
app.add_typer(export_app, name="export")


def _compiled(path: Path, region: str | None):
    ws = workspace(path, region)
    result = compile_model(ws.root, ws.region, repository=ws.repository)
    if not result.ok:
        diags = ws.for_user(result.diagnostics, path)
        report(diags)
        raise typer.Exit(exit_status(diags) or EXIT_ERRORS)
    return result.model


def _emit(data: str | bytes, output: Path | None) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        sys.stdout.buffer.write(raw)
        return
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        tmp.write_bytes(raw)
        tmp.replace(output)  # atomic: never a half-written file
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        typer.echo(f"error: cannot write {output}: {exc.strerror}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"Wrote {output}", err=True)


@export_app.command("bpmn")
def export_bpmn(
    path: Path = PathArg,
    process: str | None = typer.Option(None, "--process", "-p", help="Process id (default: the only one)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default: standard output)."),
    region: str | None = RegionOpt,
) -> None:
    """Write a process as BPMN 2.0 XML with diagram layout (opens in Camunda Modeler, bpmn.io)."""
    from .render.bpmn import render_bpmn

    model = _compiled(path, region)
    ids = [p.id for p in model.processes]
    if process is None and len(ids) != 1:
        typer.echo(f"error: the model has several processes; choose one with --process ({', '.join(ids)})", err=True)
        raise typer.Exit(EXIT_USAGE)
    proc = model.process(process or ids[0])
    if proc is None:
        typer.echo(f"error: no process '{process}'; known: {', '.join(ids)}", err=True)
        raise typer.Exit(EXIT_USAGE)
    _emit(render_bpmn(proc, model), output)


@export_app.command("ics")
def export_ics(
    path: Path = PathArg,
    role: str | None = typer.Option(None, "--role", help="Only this role's duties."),
    year: int | None = typer.Option(None, "--year", min=1900, max=9999,
                                    help="First year of the calendar (default: the model version's)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default: standard output)."),
    region: str | None = RegionOpt,
) -> None:
    """Write the duties calendar as an iCalendar (RFC 5545) feed."""
    from .render.ics import render_ics

    model = _compiled(path, region)
    if role is not None and model.role(role) is None:
        typer.echo(f"error: no role '{role}'; known: {', '.join(r.id for r in model.roles)}", err=True)
        raise typer.Exit(EXIT_USAGE)
    _emit(render_ics(model, role=role, year=year), output)


@export_app.command("xlsx")
def export_xlsx(
    path: Path = PathArg,
    output: Path = typer.Option(Path("raci.xlsx"), "-o", "--output", help="Workbook to write."),
    region: str | None = RegionOpt,
    process: str | None = typer.Option(None, "--process", "-p", help="Only this process (default: all)."),
    lang: str = typer.Option("fi", "--lang", help="Language of the labels and names: fi or sv."),
) -> None:
    """Write the RACI matrix as an Excel workbook to edit and bring back with `typ import xlsx`."""
    from .exchange.xlsx_import import revision
    from .render.xlsx import LANGUAGES, render_xlsx

    if lang not in LANGUAGES:
        typer.echo(f"error: no workbook labels in '{lang}'; use {' or '.join(LANGUAGES)}", err=True)
        raise typer.Exit(EXIT_USAGE)
    model = _compiled(path, region)
    procs = list(model.processes)
    if process is not None:
        procs = [p for p in procs if p.id == process]
        if not procs:
            typer.echo(f"error: no process '{process}'; known: {', '.join(p.id for p in model.processes)}",
                       err=True)
            raise typer.Exit(EXIT_USAGE)
    _emit(render_xlsx(model, procs, lang, revision(path)), output)


import_app = typer.Typer(help="Bring edits made in other tools back into the model.", no_args_is_help=True)
app.add_typer(import_app, name="import")


@import_app.command("xlsx")
def import_xlsx(
    file: Path = typer.Argument(..., help="A workbook written by `typ export xlsx`, edited in Excel."),
    path: Path = typer.Option(Path("."), "--path", help="The model's root folder."),
    region: str | None = RegionOpt,
    force: bool = typer.Option(False, "--force", help="Apply the changed cells even if the RACI changed since "
                               "the export."),
) -> None:
    """Write the RACI cells changed in the workbook back into the model's YAML, then validate."""
    from .analysis.diff import format_text
    from .exchange.xlsx_import import ImportRefused, plan_import, write_files
    from .exchange.xlsx_read import BadWorkbook

    try:
        plan, model, current = plan_import(path, file, region, force)
    except BadWorkbook as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except ImportRefused as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_ERRORS) from None
    if model is None:
        diags = for_user(current, path)
        report(diags)
        status = exit_status(diags) or EXIT_ERRORS
        if status == EXIT_ERRORS:
            typer.echo("error: the model has errors; fix them before importing", err=True)
        raise typer.Exit(status)
    for note in plan.notes:
        typer.echo(f"note: {note}", err=True)
    if plan.errors:
        for e in plan.errors:
            typer.echo(f"error: {file.name} {e}", err=True)
        typer.echo(f"{len(plan.errors)} error(s); nothing was written", err=True)
        raise typer.Exit(EXIT_ERRORS)
    if not plan.edits:
        typer.echo("No changes: the workbook has the same letters as the model.")
        raise typer.Exit(EXIT_OK)
    typer.echo(format_text(plan.changes))
    diags = for_user(plan.diagnostics, path)
    report(diags)
    if has_errors(diags):
        typer.echo("The edited model has errors (above); nothing was written.", err=True)
        raise typer.Exit(EXIT_ERRORS)
    try:
        write_files(path, plan.files)
    except OSError as exc:
        typer.echo(f"error: cannot write the model: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    for rel in sorted(plan.files):
        typer.echo(f"Wrote {os.path.relpath(path / rel)}", err=True)


@export_app.command("pdf")
def export_pdf(
    path: Path = PathArg,
    output: Path = typer.Option(..., "-o", "--output", help="PDF file to write."),
    region: str | None = RegionOpt,
    lang: str | None = typer.Option(None, "--lang", help="Language of the national handbook (default: the first)."),
) -> None:
    """Write the whole handbook as one tagged, printable PDF (cover, contents, process, steps, RACI,
    roles, year wheel), printed by headless Chromium."""
    from .errors import ToolMissing
    from .site.pdf import export_pdf as run

    try:
        diags = for_user(run(path, output, region, lang), path)
    except ToolMissing as exc:
        typer.echo(f"error: {exc}\n    hint: {exc.hint}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except OSError as exc:
        typer.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    report(diags)
    status = exit_status(diags)
    if status == EXIT_OK:
        typer.echo(f"Wrote {output}", err=True)
    raise typer.Exit(status)


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
def diff(
    old: str = typer.Argument(..., help="Old version: a folder or a git revision (tag, commit)."),
    new: str | None = typer.Argument(None, help="New version (default: the model folder as it is now)."),
    path: Path = typer.Option(Path("."), "--path", help="The model's root folder (its git repository)."),
    region: str | None = RegionOpt,
    fmt: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="Output format."),
) -> None:
    """Show what changed between two versions of the model: steps, flows, RACI, roles, duties, terms."""
    from .analysis.diff import diff_models, format_json, format_text
    from .analysis.versions import load_version
    from .errors import VersionError
    from .render.pages.changes import changes_markdown

    reporters = {"text": format_text, "json": format_json, "markdown": changes_markdown}

    try:
        changes = diff_models(load_version(path, old, region), load_version(path, new or str(path), region))
    except VersionError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(reporters[fmt.value](changes))


report_app = typer.Typer(help="Reports for the steering group (not part of the handbook).", no_args_is_help=True)
app.add_typer(report_app, name="report")


@report_app.command("review")
def report_review(
    path: Path = PathArg,
    region: str | None = RegionOpt,
    fmt: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default: standard output)."),
) -> None:
    """List every legal reference, what depends on it and its verification state, and every open review: note."""
    from .analysis.review import FORMATS, build_report

    out = FORMATS[fmt.value](build_report(_compiled(path, region)))
    _emit(out if out.endswith("\n") else out + "\n", output)


@app.command()
def publish(
    path: Path = PathArg,
    version: str = typer.Option(..., "--version", help="Published version name, e.g. 2025.1."),
    alias: str | None = typer.Option(None, "--alias", help="Alias moved to this version, e.g. latest."),
    region: str | None = RegionOpt,
    all_: bool = typer.Option(False, "--all", help="The national handbook and every region's."),
    branch: str = typer.Option("gh-pages", "--branch", help="The git branch mike publishes to."),
) -> None:
    """Build the handbook and commit it as a version to the gh-pages branch with mike (no push)."""
    from .site.publish import publish as run

    one_scope(region, all_)
    diags = for_user(run(path, version, alias, region, all_, branch), path)
    report(diags)
    status = exit_status(diags)
    if status == EXIT_OK:
        typer.echo(f"Published {version} to branch {branch}; push it with: git push origin {branch}")
    raise typer.Exit(status)


@app.command("new-region")
def new_region(
    region_id: str = typer.Argument(..., help="The network's id: lowercase a-z, digits and hyphens."),
    path: Path = typer.Option(Path("."), "--path", help="The model's root folder."),
    name: str | None = typer.Option(None, "--name", help="The network's name (default: the id)."),
    out: Path | None = typer.Option(None, "--out", help="Make a region repository of its own in this folder "
                                    "(with --base) instead of regions/ID/ in the national model."),
    base: str | None = typer.Option(None, "--base", help="SOURCE[@REF]: the national model's git URL (https, "
                                    "ssh, file) or folder, and the tag, branch or commit to pin."),
) -> None:
    """Scaffold regions/ID/ (or, with --out and --base, a region repository) with a commented overlay
    that validates as it stands."""
    from .errors import BaseError
    from .scaffold import new_region as scaffold
    from .scaffold import new_region_repository

    if (out is None) != (base is None):
        typer.echo("error: a region repository needs both --out DIR and --base SOURCE[@REF]", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        if out is not None and base is not None:
            folder, pinned = new_region_repository(out, region_id, base, name)
            typer.echo(f"Created the region repository {os.path.relpath(folder)}/ on the national base {pinned}.\n"
                       f"Next: cd {os.path.relpath(folder)} && typ validate && git add . && git commit")
            return
        folder = scaffold(path, region_id, name)
    except (ValueError, BaseError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"Created {os.path.relpath(folder)}/. Next: edit it, then run: typ validate --region {region_id}")


@app.command("upgrade-base")
def upgrade_base(
    ref: str = typer.Argument(..., help="The national tag, branch or commit to move the pin to."),
    path: Path = typer.Option(Path("."), "--path", help="The region repository's folder."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only show what changed; leave region.yaml as it is."),
    force: bool = typer.Option(False, "--force", help="Move the pin even if the region has errors on the new base."),
) -> None:
    """In a region repository: show what changed nationally between the pin and REF, which local changes
    it touches, then move the pin (base.ref, base.commit, based_on in region.yaml)."""
    from .base.upgrade import UpgradeRefused, upgrade
    from .errors import BaseError

    ws = workspace(path, None, update=True)
    if ws.repository is None:
        typer.echo("error: upgrade-base works in a region repository (region.yaml with base:); nationally, "
                   "edit based_on in regions/ID/region.yaml", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        plan = upgrade(ws, ref, write=not dry_run, force=force)
    except BaseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except UpgradeRefused as exc:
        typer.echo(exc.report)
        report(ws.for_user(exc.diagnostics, path))
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_ERRORS) from None
    typer.echo(plan.report)
    report(ws.for_user(plan.diagnostics, path))
    typer.echo(plan.done, err=True)


i18n_app = typer.Typer(help="Translate the model's texts: catalogues for translators, coverage.", no_args_is_help=True)
app.add_typer(i18n_app, name="i18n")
LangOpt = typer.Option("sv", "--lang", "-l", help="The language to translate into.")


def _translated(path: Path, region: str | None, lang: str):
    result = compile_model(path, region)
    if not result.ok:
        _compiled(path, region)  # reports the errors and exits
    if lang not in result.translations:
        typer.echo(f"error: '{lang}' is not one of the handbook's languages (typ.yaml languages)", err=True)
        raise typer.Exit(EXIT_USAGE)
    return result


def _catalogue_path(path: Path, region: str | None, lang: str, result) -> Path:
    from .translate import path_for

    folder = path / result.raw.project.get("regions", "regions") / region if region else None
    return path_for(path, lang, folder)


@i18n_app.command("extract")
def i18n_extract(
    path: Path = PathArg,
    region: str | None = RegionOpt,
    lang: str = LangOpt,
    output: Path | None = typer.Option(None, "-o", "--output",
                                       help="File to write (default: the handbook's catalogue, updated in place)."),
) -> None:
    """Write the handbook's texts with their current translations to a PO catalogue (msgctxt kind/id/field)."""
    from .translate.workflow import extract, handbook_states

    result = _translated(path, region, lang)
    states = handbook_states(result.translations[lang], region)
    target = output or _catalogue_path(path, region, lang, result)
    if output is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    _emit(extract(states, lang, result.model.project.name.fi), target)


@i18n_app.command("merge")
def i18n_merge(
    catalogue: Path = typer.Argument(..., help="A PO catalogue a translator returned."),
    path: Path = typer.Option(Path("."), "--model", "-m", help="The model's root folder."),
    region: str | None = RegionOpt,
    lang: str = LangOpt,
) -> None:
    """Bring a returned catalogue's translations into the handbook's catalogue (outdated ones stay fuzzy)."""
    from .translate.workflow import extract, handbook_states, merge

    result = _translated(path, region, lang)
    states = handbook_states(result.translations[lang], region)
    kept, rep = merge(path.resolve(), states, catalogue.resolve(), lang)
    if rep.diagnostics:
        report(for_user(rep.diagnostics, path))
    if has_errors(rep.diagnostics):
        raise typer.Exit(EXIT_ERRORS)
    target = _catalogue_path(path, region, lang, result)
    target.parent.mkdir(parents=True, exist_ok=True)
    _emit(extract(states, lang, result.model.project.name.fi, kept), target)
    typer.echo(f"{rep.taken} translation(s) merged, {rep.outdated} made from an earlier Finnish text kept "
               f"as fuzzy, {rep.unknown} unknown entr{'y' if rep.unknown == 1 else 'ies'} skipped", err=True)


@i18n_app.command("status")
def i18n_status(
    path: Path = PathArg,
    region: str | None = RegionOpt,
    all_: bool = typer.Option(False, "--all", help="The national handbook and every region's."),
) -> None:
    """Print translation coverage per handbook and language, and per kind of text."""
    from .translate.workflow import Coverage, by_kind, coverage

    def figures(target: str | None, result: Result) -> tuple[bool, dict[str, tuple[Coverage, dict[str, Coverage]]]]:
        return result.ok, {lang: (coverage(states), by_kind(states)) for lang, states in result.translations.items()}

    scope = targets(path, region, all_)
    for target, (ok, langs) in zip(scope, check_each(path, scope, figures), strict=True):
        if not ok:
            _compiled(path, target)
        name = target or "national"
        for lang, (c, kinds) in langs.items():
            typer.echo(f"{name} [{lang}]: {c.percent:.1f}% of {c.total} texts translated "
                       f"({c.translated} current, {c.stale} outdated, {c.missing} missing; "
                       f"{100 * c.chars_done / max(c.chars, 1):.1f}% of the Finnish characters)")
            for kind, k in kinds.items():
                typer.echo(f"  {kind:<14} {k.translated:>4}/{k.total:<4} {k.percent:5.1f}%"
                           + (f"  {k.stale} outdated" if k.stale else ""))
        if not langs:
            typer.echo(f"{name}: Finnish only")


def main(argv: list[str] | None = None) -> None:
    """Entry point: no Python traceback ever reaches the user."""
    from .errors import ToolError

    # SIGTERM (a CI timeout, a closed terminal) unwinds like Ctrl+C, so builds remove their temp folders.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # The click command itself, not typer's app(): typer's wrapper stamps its own attribute onto every
    # exception, which fails on frozen ones (jsonschema's NoSuchResource) and hides the real error.
    command = typer.main.get_command(app)
    try:
        # standalone_mode=False: click returns the exit code instead of raising SystemExit.
        code = command.main(args=argv, prog_name="typ", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit as exc:
        sys.exit(exc.code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("Aborted.", err=True)
        sys.exit(130)
    except ToolError as exc:  # Graphviz missing or failing (export); builds report it as TOOL001
        typer.echo(f"error: {exc}\n    hint: {exc.hint}", err=True)
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # noqa: BLE001
        # Usage errors come from click, which typer may bundle as its own copy: recognise them by
        # their interface rather than by one package's classes.
        if callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(EXIT_USAGE)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        typer.echo(f"internal error: {type(exc).__name__}: {exc} "
                   f"({Path(where.filename).name}:{where.lineno}). This is a bug in typ; please report it.",
                   err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
