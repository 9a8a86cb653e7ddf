"""Find the model's files, load each, check it against its kind's schema, and group by kind.

Failures are data: a broken file is reported and skipped, and the others are still checked, so one
bad file never hides the problems of the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..schema.check import KINDS, check
from . import files as safefiles
from . import pages as handpages
from .yaml import Document, YDict, YList, load_file

PROJECT_FILE = "typ.yaml"
ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # the schema's id pattern: a region id is a folder name
DEFAULT_SOURCES = ("processes", "roles", "calendar", "glossary")


@dataclass
class RawModel:
    """Schema-valid documents, grouped into id-keyed collections the overlay stage can patch."""

    project: YDict
    processes: list[YDict] = field(default_factory=list)
    organisations: list[YDict] = field(default_factory=list)
    roles: list[YDict] = field(default_factory=list)
    raci: list[tuple[str, YDict]] = field(default_factory=list)  # (process id, row)
    duties: list[YDict] = field(default_factory=list)
    terms: list[YDict] = field(default_factory=list)
    documents: list[YDict] = field(default_factory=list)
    criteria_lists: list[YDict] = field(default_factory=list)
    criteria: list[YDict] = field(default_factory=list)
    cases: list[YDict] = field(default_factory=list)
    case_sets: list[YDict] = field(default_factory=list)  # a cases file itself: its caveat and source
    codelists: list[YDict] = field(default_factory=list)
    networks: list[YDict] = field(default_factory=list)  # every region's region.yaml (contacts for handovers)
    indicators: list[YDict] = field(default_factory=list)


def rel(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def load_checked(path: Path, root: Path, expect: tuple[str, ...] = KINDS) -> Document:
    """Load one file and check it against the schema its `kind` names."""
    doc = load_file(path, rel(path, root))
    if doc.data is None:
        return doc
    kind = doc.kind
    if kind not in expect:
        line, col = doc.data.val_pos.get("kind", (1, 1))
        doc.diagnostics.append(Diagnostic(
            doc.path, line, col, "KIND", Severity.ERROR,
            f"unknown or misplaced kind {kind!r}" if kind else "the file has no 'kind'",
            f"Start the file with 'kind:' and one of: {', '.join(expect)}."))
        doc.data = None
        return doc
    errors = check(doc.data, kind)
    doc.diagnostics.extend(errors)
    if errors:
        doc.data = None
    return doc


def yaml_files(root: Path, folder: Path, skip: tuple[Path, ...] = (), skip_hidden: bool = False) -> safefiles.Found:
    """The model files under `folder`, never through a link leaving the model (problems reported)."""
    return safefiles.find(root, folder, (".yaml", ".yml"), skip, skip_hidden)


def load_project(root: Path) -> tuple[YDict | None, list[Diagnostic]]:
    path = root / PROJECT_FILE
    if not root.is_dir() or not (path.exists() or path.is_symlink()):
        return None, [Diagnostic(PROJECT_FILE, 1, 1, "IO001", Severity.ERROR,
                                 f"no {PROJECT_FILE} in {root}" if root.is_dir() else f"{root} is not a folder",
                                 "Run the command in the model's root folder or pass that folder as PATH.")]
    refused = safefiles.problem(root, path)
    if refused is not None:
        return None, [Diagnostic(PROJECT_FILE, 1, 1, refused.code, Severity.ERROR, refused.message, refused.hint)]
    doc = load_checked(path, root, ("project",))
    if doc.data is not None:
        folder_problems = project_folder_problems(root, doc.data)
        if folder_problems:
            return None, doc.diagnostics + folder_problems
    return doc.data, doc.diagnostics


def project_folder_problems(root: Path, project: YDict) -> list[Diagnostic]:
    """`sources`, `pages` and `regions` in typ.yaml must name folders inside the model (CONFIG003)."""
    out = []

    def check(value: object, line: int, col: int) -> None:
        why = safefiles.config_folder(root, value) if isinstance(value, str) else "it must be a folder name"
        if why:
            out.append(Diagnostic(project.file, line, col, "CONFIG003", Severity.ERROR, why,
                                  "Name a folder inside the model, relative to typ.yaml (e.g. processes); typ "
                                  "reads nothing outside the model's folder."))

    for key in ("pages", "regions"):
        if key in project:
            check(project[key], *project.val_pos.get(key, project.pos))
    sources = project.get("sources")
    if isinstance(sources, YList):
        for i, value in enumerate(sources):
            check(value, *(sources.item_pos[i] if i < len(sources.item_pos) else sources.pos))
    return out


def national_pages(root: Path, project: YDict) -> list[Diagnostic]:
    """Problems of the hand-written pages (every language), so that validate reports them too."""
    return handpages.load_pages(root, root / project.get("pages", "pages")).diagnostics


def region_problems(root: Path, project: YDict) -> list[Diagnostic]:
    """Folders under regions/ that would silently not be regions: region.yml, REGION.YAML, no region.yaml,
    or a link leaving the model."""
    folder = root / project.get("regions", "regions")
    out = []
    if not folder.is_dir():
        return out
    for p in sorted(folder.iterdir()):
        name = safefiles.shown(p, root)
        if p.is_symlink() and not safefiles.inside(root, p):
            out.append(Diagnostic(name, 1, 1, "FILE001", Severity.ERROR,
                                  "the region folder is a symbolic link outside the model", safefiles.LINK_HINT))
            continue
        if not p.is_dir() or p.name.startswith(".") or (p / "region.yaml").is_file():
            continue
        meta = [c for c in sorted(p.iterdir()) if c.name.lower() in ("region.yaml", "region.yml")]
        if meta:
            out.append(Diagnostic(safefiles.shown(meta[0], root), 1, 1, "FILE003", Severity.ERROR,
                                  f"the region's metadata must be in region.yaml, not {meta[0].name}, or the "
                                  "region is left out", "Rename the file to region.yaml."))
        else:
            out.append(Diagnostic(name, 1, 1, "FILE005", Severity.WARNING,
                                  "this folder has no region.yaml, so it is not a region and is not read",
                                  f"Create the region with: typ new-region {p.name}" if ID.fullmatch(p.name)
                                  else "Remove the folder, or give it a region.yaml."))
    return out


def load_national(root: Path) -> tuple[RawModel | None, list[Diagnostic]]:
    project, diags = load_project(root)
    if project is None:
        return None, diags
    raw = RawModel(project)
    diags += national_pages(root, project) + region_problems(root, project)
    for folder in project.get("sources", DEFAULT_SOURCES):
        found = yaml_files(root, root / folder)
        diags += found.diagnostics
        for path in found.files:
            doc = load_checked(path, root, ("process", "roles", "raci", "calendar", "glossary", "criteria",
                                                "cases", "codelist", "indicators"))
            diags.extend(doc.diagnostics)
            d = doc.data
            if d is None:
                continue
            if d["kind"] == "process":
                raw.processes.append(d)
            elif d["kind"] == "roles":
                raw.organisations.extend(d.get("organisations", YList()))
                raw.roles.extend(d.get("roles", YList()))
            elif d["kind"] == "raci":
                raw.raci.extend((d["process"], row) for row in d["rows"])
            elif d["kind"] == "calendar":
                raw.duties.extend(d["duties"])
            elif d["kind"] == "glossary":
                raw.terms.extend(d["terms"])
            elif d["kind"] == "criteria":
                raw.documents.extend(d.get("documents", YList()))
                raw.criteria_lists.extend(d.get("lists", YList()))
                raw.criteria.extend(d.get("criteria", YList()))
            elif d["kind"] == "cases":
                raw.case_sets.append(d)
                raw.cases.extend(d["cases"])
            elif d["kind"] == "codelist":
                raw.codelists.append(d)
            elif d["kind"] == "indicators":
                raw.indicators.extend(d["indicators"])
    raw.networks = load_networks(root, project)
    return raw, diags


def load_networks(root: Path, project: YDict, only: list[str] | None = None) -> list[YDict]:
    """Every network's region.yaml (or those of the regions `only` names), for pages that list all
    networks' contacts. A broken one is left out here and reported when that region is validated or built."""
    out = []
    for rid in region_ids(root, project):
        if only is not None and rid not in only:
            continue
        doc = load_checked(root / project.get("regions", "regions") / rid / "region.yaml", root, ("region",))
        if doc.data is not None:
            out.append(doc.data)
    return out


def region_ids(root: Path, project: YDict) -> list[str]:
    folder = root / project.get("regions", "regions")
    if not folder.is_dir() or not safefiles.inside(root, folder):
        return []
    return sorted(p.name for p in folder.iterdir()
                  if ID.fullmatch(p.name) and safefiles.inside(root, p) and (p / "region.yaml").is_file())
