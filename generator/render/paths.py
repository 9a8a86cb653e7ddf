"""The handbook's URL scheme: where each page and download lives, as docs paths (relative to the
handbook's docs root), and links between them."""

from __future__ import annotations

import posixpath
from functools import cache

from ..model import Model, Process, Role, Step

FRONT = "index.md"
RACI = "raci.md"
ROLES = "roolit/index.md"
CALENDAR = "vuosikello.md"
GLOSSARY = "sanasto.md"
DEVIATIONS = "poikkeamat.md"
NETWORKS = "verkostot.md"  # the national handbook's comparison of networks (built with --all)
REGIONS_URL = "alueet"  # regional handbooks beside the national one: alueet/<id>/
CHANGES = "muutokset.md"
STATEMENT = "saavutettavuus.md"
CALENDAR_FEED = "downloads/vuosikello.ics"
CRITERIA_PAGE = "asiakkuus/index.md"
CASES_PAGE = "asiakkuus/rajatapaukset.md"
WORKSHOP_PAGE = "asiakkuus/tyopaja.md"
SURVEY_CSV = "downloads/validointikysely.csv"
RECORDING = "kirjaamisohje/index.md"
RECORDS_CSV = "downloads/kirjaukset.csv"
INDICATORS = "tunnusluvut.md"
STATS_CSV = "downloads/tilastokatsaus.csv"
STATS_XLSX = "downloads/tilastokatsaus.xlsx"


def step_path(process: Process, step: Step) -> str:
    return f"prosessit/{process.id}/{step.id}.md"


def process_path(process: Process) -> str:
    return f"prosessit/{process.id}/index.md"


def process_file(process: Process, ext: str) -> str:
    """A process's diagram download: ext 'svg' or 'bpmn'."""
    return f"prosessit/{process.id}/{process.id}.{ext}"


def role_path(role: Role) -> str:
    return f"roolit/{role.id}.md"


def recording_checklist(role: Role) -> str:
    """A role's printable recording checklist."""
    return f"kirjaamisohje/{role.id}.md"


def role_feed(role_id: str) -> str:
    return f"downloads/roolit/{role_id}.ics"


def raci_csv_path(process: Process) -> str:
    return f"downloads/raci-{process.id}.csv"


def raci_xlsx_path(process: Process) -> str:
    return f"downloads/raci-{process.id}.xlsx"


def printable_wheel(year: int) -> str:
    return f"downloads/vuosikello-{year}.svg"


def deviation_anchor(collection: str, item_id: str, process: str | None = None) -> str:
    """The id of a deviation's row on a regional deviations page (the comparison page links to it)."""
    return "-".join(["p", collection, *([process] if process else []), item_id])


@cache  # pure, and asked for the same pairs on every page of every handbook
def rel(from_page: str, to: str) -> str:
    """Relative link between two docs paths (MkDocs resolves .md links relative to the page)."""
    return posixpath.relpath(to, posixpath.dirname(from_page) or ".")


def html_url(md_path: str) -> str:
    """The built URL of a page (use_directory_urls is off, so links work from file:// too)."""
    return md_path[:-3] + ".html"


def national_target(model: Model, collection: str, item_id: str, process: str | None = None) -> str | None:
    """The national page of an element, as a docs path (None for purely local ones)."""
    if collection in ("steps", "raci"):
        proc = model.process(process) if process else next(
            (p for p in model.processes if p.step(item_id)), model.processes[0] if model.processes else None)
        return step_path(proc, Step(id=item_id)) if proc else None
    return {"roles": f"roolit/{item_id}.md", "duties": CALENDAR, "terms": GLOSSARY,
            "organisations": ROLES, "criteria": CRITERIA_PAGE, "cases": CASES_PAGE,
            "codelists": CRITERIA_PAGE, "indicators": INDICATORS}.get(collection)


def local_target(model: Model, collection: str, item_id: str) -> str | None:
    if collection in ("steps", "raci"):
        for proc in model.processes:
            if proc.step(item_id):
                return step_path(proc, proc.step(item_id))
        return None
    if collection == "roles":
        return f"roolit/{item_id}.md" if model.role(item_id) else None
    return national_target(model, collection, item_id)


def change_target(collection: str, item_id: str, process: str | None) -> str:
    """The docs path of a changed element's page ("Mitä muuttui"); '' when it has no page."""
    if collection in ("steps", "raci"):
        return f"prosessit/{process}/{item_id}.md"
    if collection == "flows":
        return f"prosessit/{process}/{item_id.split('->')[0]}.md"
    return {"processes": f"prosessit/{item_id}/index.md", "roles": f"roolit/{item_id}.md",
            "organisations": ROLES, "duties": CALENDAR, "terms": GLOSSARY}.get(collection, "")
