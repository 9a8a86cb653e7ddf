"""Find the model's files, load each, check it against its kind's schema, and group by kind.

Failures are data: a broken file is reported and skipped, and the others are still checked, so one
bad file never hides the problems of the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..schema.check import KINDS, check
from .yaml import Document, YDict, YList, load_file

PROJECT_FILE = "typ.yaml"
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


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_project(root: Path) -> tuple[YDict | None, list[Diagnostic]]:
    path = root / PROJECT_FILE
    if not path.is_file():
        return None, [Diagnostic(PROJECT_FILE, 1, 1, "IO001", Severity.ERROR,
                                 f"no {PROJECT_FILE} in {root}",
                                 "Run the command in the model's root folder or pass that folder as PATH.")]
    doc = load_checked(path, root, ("project",))
    return doc.data, doc.diagnostics


def load_national(root: Path) -> tuple[RawModel | None, list[Diagnostic]]:
    project, diags = load_project(root)
    if project is None:
        return None, diags
    raw = RawModel(project)
    for folder in project.get("sources", DEFAULT_SOURCES):
        for path in yaml_files(root / folder):
            doc = load_checked(path, root, ("process", "roles", "raci", "calendar", "glossary", "criteria", "cases",
                                            "codelist"))
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
    raw.networks = load_networks(root, project)
    return raw, diags


def load_networks(root: Path, project: YDict) -> list[YDict]:
    """Every network's region.yaml, for pages that list all networks' contacts. A broken one is left out
    here and reported when that region is validated or built."""
    out = []
    for rid in region_ids(root, project):
        doc = load_checked(root / project.get("regions", "regions") / rid / "region.yaml", root, ("region",))
        if doc.data is not None:
            out.append(doc.data)
    return out


def region_ids(root: Path, project: YDict) -> list[str]:
    folder = root / project.get("regions", "regions")
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "region.yaml").is_file())
