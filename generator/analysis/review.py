"""The steering group's review list: every legal reference in the model, what depends on it, and what
is still to be verified. Data and plain formats only (text, JSON, Markdown); never part of the handbook.

`review:` notes (on any item, on a single legal reference, or on a joint RACI responsibility) are the
model's place for facts that could not be verified. They reach people only through this report.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from ..model import LegalRef, Model, Origin, Text

STATES = {"to-verify": "tarkistettavaa", "act-only": "vain säädös, ei pykälää", "cited": "pykälä nimetty"}


@dataclass(frozen=True)
class Dependent:
    kind: str  # process, step, record, role, duty, term, raci, indicator
    id: str  # step ids as process/step
    name: str
    citation: str  # the reference as cited by this item, e.g. '381/2023 4 § 1 mom.'
    statutory: bool
    file: str
    line: int
    review: str | None = None  # a note on this very reference


@dataclass(frozen=True)
class Entry:
    act: str
    section: str | None
    state: str
    dependents: tuple[Dependent, ...]

    @property
    def label(self) -> str:
        return LegalRef(self.act, self.section).label() if self.section else self.act


@dataclass(frozen=True)
class Note:
    kind: str
    id: str
    name: str
    file: str
    line: int
    note: str


@dataclass(frozen=True)
class Report:
    entries: tuple[Entry, ...]
    notes: tuple[Note, ...]

    @property
    def open_count(self) -> int:
        return sum(1 for e in self.entries if e.state == "to-verify") + len(self.notes)


def _name(item: Any) -> str:
    text = getattr(item, "name", None) or getattr(item, "term", None) or getattr(item, "what", None)
    return text.get("fi") if isinstance(text, Text) else item.id


def _items(model: Model) -> list[tuple[str, str, Any]]:
    """(kind, shown id, element) for everything that can carry legal references or review notes."""
    out: list[tuple[str, str, Any]] = []
    for p in model.processes:
        out.append(("process", p.id, p))
        out += [("step", f"{p.id}/{s.id}", s) for s in p.steps]
        out += [("record", f"{p.id}/{s.id}/{r.id or i}", r) for s in p.steps for i, r in enumerate(s.records)]
    out += [("organisation", o.id, o) for o in model.organisations]
    out += [("role", r.id, r) for r in model.roles]
    out += [("duty", d.id, d) for d in model.duties]
    out += [("term", t.id, t) for t in model.terms]
    out += [("raci", f"{r.process}/{r.id}", r) for r in model.raci]
    out += [("indicator", i.id, i) for i in model.indicators]
    return out


def _refs(item: Any) -> tuple[LegalRef, ...]:
    joint = getattr(item, "joint", None)
    return joint.legal_basis if joint is not None else getattr(item, "legal_basis", ())


def _sort_key(act: str, section: str | None) -> tuple[int, int, int, str]:
    number, year = act.split("/")
    m = re.match(r"(\d+)(.*)", section or "")
    return (int(year), int(number), int(m.group(1)) if m else -1, m.group(2) if m else "")


def build_report(model: Model) -> Report:
    groups: dict[tuple[str, str | None], list[Dependent]] = {}
    notes: list[Note] = []
    for kind, shown, item in _items(model):
        origin: Origin = item.origin
        name = _name(item) if kind != "raci" else f"RACI: {_step_name(model, item)}"
        if item.review is not None:
            notes.append(Note(kind, shown, name, origin.file, origin.line, item.review.get("fi")))
        for ref in _refs(item):
            groups.setdefault((ref.act, ref.section), []).append(Dependent(
                kind, shown, name, ref.label(), bool(getattr(item, "statutory", False)), origin.file, origin.line,
                ref.review.get("fi") if ref.review else None))
    a = model.project.accessibility
    if a is not None and a.supervisor is not None:  # the statement's supervisor: Supervisor has no origin
        sup, name = a.supervisor, a.supervisor.name.get("fi")
        if sup.review is not None:
            notes.append(Note("accessibility", "supervisor", name, a.origin.file, a.origin.line, sup.review.get("fi")))
        for ref in sup.legal_basis:
            groups.setdefault((ref.act, ref.section), []).append(Dependent(
                "accessibility", "supervisor", name, ref.label(), True, a.origin.file, a.origin.line,
                ref.review.get("fi") if ref.review else None))
    entries = []
    for (act, section), deps in sorted(groups.items(), key=lambda kv: _sort_key(*kv[0])):
        state = ("to-verify" if any(d.review for d in deps) else "act-only" if section is None else "cited")
        entries.append(Entry(act, section, state, tuple(deps)))
    return Report(tuple(entries), tuple(notes))


def _step_name(model: Model, row: Any) -> str:
    proc = model.process(row.process)
    step = proc.step(row.id) if proc else None
    return step.name.get("fi") if step else row.id


# ---------------------------------------------------------------- formats


def format_text(report: Report) -> str:
    out = [f"{len(report.entries)} legal reference(s), {report.open_count} open question(s) for the steering group", ""]
    for e in report.entries:
        out.append(f"{e.label}  [{e.state}]")
        for d in e.dependents:
            out.append(f"    {d.kind} {d.id} ({d.citation}){' statutory' if d.statutory else ''}  {d.file}:{d.line}")
            if d.review:
                out.append(f"        to verify: {d.review}")
    if report.notes:
        out += ["", "Open questions on items:"]
        for n in report.notes:
            out += [f"    {n.kind} {n.id}  {n.file}:{n.line}", f"        {n.note}"]
    return "\n".join(out)


def format_json(report: Report) -> str:
    data = {"summary": {"references": len(report.entries), "open": report.open_count,
                        "by_state": {s: sum(1 for e in report.entries if e.state == s) for s in STATES}},
            "references": [{"act": e.act, "section": e.section, "state": e.state,
                            "dependents": [asdict(d) for d in e.dependents]} for e in report.entries],
            "notes": [asdict(n) for n in report.notes]}
    return json.dumps(data, ensure_ascii=False, indent=2)


def _md(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def format_markdown(report: Report) -> str:
    """For the steering group's meeting papers (Finnish, like the model)."""
    out = ["# Lakiviitteet ja niiden tarkistustila", "",
           f"Mallissa on {len(report.entries)} säädös- tai pykäläviitettä ja {report.open_count} avointa "
           "tarkistettavaa asiaa. Lista on ohjausryhmälle; se ei kuulu käsikirjaan.", "",
           "| Säädös ja pykälä | Tila | Mistä riippuu | Tarkistettavaa |", "|---|---|---|---|"]
    for e in report.entries:
        deps = "<br>".join(_md(f"{d.kind} `{d.id}` ({d.citation}){', lakisääteinen' if d.statutory else ''}")
                           for d in e.dependents)
        todo = "<br>".join(_md(f"`{d.id}`: {d.review}") for d in e.dependents if d.review)
        out.append(f"| {e.label} | {STATES[e.state]} | {deps} | {todo} |")
    if report.notes:
        out += ["", "## Avoimet kysymykset kohteittain", "", "| Kohde | Tiedosto | Tarkistettavaa |", "|---|---|---|"]
        out += [f"| {n.kind} `{n.id}` ({_md(n.name)}) | {n.file}:{n.line} | {_md(n.note)} |" for n in report.notes]
    return "\n".join(out) + "\n"


FORMATS = {"text": format_text, "json": format_json, "markdown": format_markdown}
