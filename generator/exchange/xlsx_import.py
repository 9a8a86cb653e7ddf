"""`typ import xlsx`: the cells a user changed in an exported workbook, written back into the model.

The steps: read the workbook (xlsx_read), refuse it if the RACI changed since the export (its hash),
find the cells that differ from the letters as exported, edit only those lines of the YAML (raci_write),
then compile the edited model in a temporary copy: its semantic diff is what the user sees, and its
errors keep every file unwritten.
"""

from __future__ import annotations

import dataclasses
import difflib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.diff import Change, diff_models
from ..compile import compile_model
from ..diagnostics import Diagnostic, has_errors
from ..gitrepo import git_out
from ..load.sources import DEFAULT_SOURCES, PROJECT_FILE, load_national, region_ids
from ..model import Model
from ..overlay.merge import load_region
from ..render.xlsx import content_hash, matrix
from . import raci_write
from .raci_write import CellEdit
from .xlsx_read import Book, read_workbook
from .yaml_edit import EditError


class ImportRefused(Exception):
    """The workbook does not fit the model as it is now (stale, other region); str() says what to do."""


@dataclass
class Plan:
    edits: list[CellEdit] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # sheet!cell problems: nothing is written
    files: dict[str, str] = field(default_factory=dict)  # model-relative path -> new text
    changes: list[Change] = field(default_factory=list)  # the semantic diff of the edited model
    diagnostics: list[Diagnostic] = field(default_factory=list)  # of the edited model
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not has_errors(self.diagnostics)


def revision(root: Path) -> str:
    """The model's git revision as the handbook names it (`git describe --always --dirty`), '' outside git."""
    return (git_out(root, "describe", "--always", "--dirty", "--abbrev=12") or "").strip()


def _did_you_mean(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _edits(book: Book, model: Model, plan: Plan) -> None:
    role_ids = [r.id for r in model.roles]
    for sheet in book.sheets:
        proc = model.process(sheet.process)
        steps = [s.id for s in proc.steps]
        for rid, where in sheet.role_refs.items():
            if rid not in role_ids:
                plan.errors.append(f"{where}: unknown role '{rid}'{_did_you_mean(rid, role_ids)}")
        for sid, where in sheet.step_refs.items():
            if sid not in steps:
                plan.errors.append(f"{where}: unknown step '{sid}' in process '{proc.id}'{_did_you_mean(sid, steps)}")
        base = book.base.get(proc.id, {})
        for (sid, rid), (letter, where) in sheet.cells.items():
            if sid not in steps or rid not in role_ids or letter == base.get(sid, {}).get(rid, ""):
                continue  # unchanged since the export (or already reported)
            row = model.raci_row(proc.id, sid)
            if letter != (row.cells.get(rid, "") if row else ""):
                plan.edits.append(CellEdit(proc.id, sid, rid, letter, where))


def _copy_model(root: Path, dest: Path, region: str | None, project, regions: list[str]) -> None:
    """The files the compiler reads, for checking the edited model without touching the real one."""
    shutil.copy2(root / PROJECT_FILE, dest / PROJECT_FILE)
    for folder in project.get("sources", DEFAULT_SOURCES):
        if (root / folder).is_dir():
            shutil.copytree(root / folder, dest / folder)
    folder = project.get("regions", "regions")
    for r in [region] if region is not None else regions:
        shutil.copytree(root / folder / r, dest / folder / r)


def plan_import(root: Path, xlsx: Path, region: str | None, force: bool = False) -> tuple[Plan, Model | None,
                                                                                         list[Diagnostic]]:
    """What importing `xlsx` would change. Raises BadWorkbook (exit 2) and ImportRefused.
    Returns the plan, and the current model with its diagnostics (None if it does not compile)."""
    book = read_workbook(xlsx)
    exported_for = book.meta.get("region") or None
    if exported_for != region:
        if exported_for:
            raise ImportRefused(f"{xlsx} was exported for region '{exported_for}': "
                                f"import it with --region {exported_for}")
        raise ImportRefused(f"{xlsx} was exported from the national model: import it without --region")
    current = compile_model(root, region)
    if not current.ok:
        return Plan(), None, current.diagnostics
    model = current.model
    plan = Plan(errors=list(book.errors))
    missing = [s.process for s in book.sheets if model.process(s.process) is None]
    stale = bool(missing) or content_hash(
        [matrix(model, model.process(s.process)) for s in book.sheets], region) != book.meta.get("content_hash")
    if stale and not force:
        exported = book.meta.get("revision") or "unknown"
        now = revision(root) or "no git revision"
        gone = f" (process {', '.join(missing)} no longer exists)" if missing else ""
        raise ImportRefused(
            f"{xlsx} was exported from revision {exported} (model version {book.meta.get('model_version')}), "
            f"and the RACI has changed since{gone}; the model is now at {now}. Export again and redo your edits, "
            "or import with --force to apply only the cells you changed over the current model.")
    if missing:
        raise ImportRefused(f"{xlsx}: process {', '.join(missing)} is not in the model; it cannot be imported")
    if stale:
        plan.notes.append(f"--force: the RACI changed since the export (revision {book.meta.get('revision')}); "
                          "only the cells changed in the workbook are applied")
    _edits(book, model, plan)
    if plan.errors or not plan.edits:
        return plan, model, current.diagnostics
    try:
        _write_plan(root, region, current.raw, model, plan)
    except EditError as exc:
        plan.errors.append(str(exc))
        return plan, model, current.diagnostics
    project = current.raw.project
    # A national edit can break a region's overlay (a `null` for a cell that is gone): check them too,
    # and count only the problems the edit brings.
    regions = region_ids(root, project) if region is None else []
    with tempfile.TemporaryDirectory(prefix="typ-import-") as tmp:
        _copy_model(root, Path(tmp), region, project, regions)
        for rel, text in plan.files.items():
            (Path(tmp) / rel).write_bytes(text.encode("utf-8"))
        edited = compile_model(Path(tmp), region)
        plan.diagnostics = list(edited.diagnostics)
        for other in regions:
            known = {(d.file, d.code, d.message) for d in compile_model(root, other).diagnostics}
            plan.diagnostics += [dataclasses.replace(d, message=f"in region '{other}': {d.message}")
                                 for d in compile_model(Path(tmp), other).diagnostics
                                 if (d.file, d.code, d.message) not in known]
    if edited.model is not None:
        plan.changes = diff_models(model, edited.model)
    return plan, model, current.diagnostics


def _write_plan(root: Path, region: str | None, raw, model: Model, plan: Plan) -> None:
    order = {p.id: [s.id for s in p.steps] for p in model.processes}
    if region is None:
        plan.files = raci_write.national(root, raw, order, plan.edits)
        return
    national_raw, _ = load_national(root)
    sources = load_region(root, raw.project.get("regions", "regions"), region)
    national_cells = {(p, r["step"]): dict(r["roles"]) for p, r in national_raw.raci}
    plan.files, new_overrides = raci_write.regional(root, sources.overlays, national_cells,
                                                    [p.id for p in model.processes], plan.edits)
    for rel in new_overrides:
        plan.notes.append(f"{rel}: new overrides have no 'reason:' yet; add one, it is shown on the "
                          "deviations page")


def write_files(root: Path, files: dict[str, str]) -> None:
    """Each file replaced atomically (a temporary file renamed over it)."""
    for rel, text in sorted(files.items()):
        path = root / rel
        tmp = path.with_name(f".{path.name}.typ-import.tmp")
        try:
            tmp.write_bytes(text.encode("utf-8"))
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)
