"""Records say what they are: known roles and code lists, a type that fits, unique ids, and a mandatory
record names its legal basis or says that it is a proposal."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Severity
from ..model import Model, Process, Record, Step
from .ids import duplicate_ids
from .registry import Finding, rule, unknown


def _records(model: Model) -> Iterable[tuple[Process, Step, Record]]:
    for p in model.processes:
        for s in p.steps:
            for r in s.records:
                yield p, s, r


@rule("REC001", "known-record-roles")
def known_record_roles(model: Model) -> Iterable[Finding]:
    """A record's `roles` name roles that exist."""
    roles = {r.id for r in model.roles}
    for _, _, r in _records(model):
        for i, role in enumerate(r.roles):
            if role not in roles:
                yield unknown("role", role, roles, r.at(f"roles.{i}"))


@rule("REC002", "record-type")
def record_type(model: Model) -> Iterable[Finding]:
    """A record of type code names its code list, and a record that names a code list is of type code."""
    for _, s, r in _records(model):
        if r.type == "code" and not r.codelist:
            yield Finding(r.at("type"), f"a record of step '{s.id}' is of type code but names no code list",
                          "Add 'codelist: <id>' (a file in codelists/), or choose another type: date, text, number.")
        elif r.codelist and r.type not in (None, "code"):
            yield Finding(r.at("type"), f"a record of step '{s.id}' names code list '{r.codelist}' but is of type "
                          f"{r.type}", "Write 'type: code', or remove 'codelist:'.")


@rule("REC003", "mandatory-backed")
def mandatory_backed(model: Model) -> Iterable[Finding]:
    """A mandatory record names the law that requires it, or says `proposed: true`: staff are never told
    that something is required when nobody has agreed it."""
    for _, s, r in _records(model):
        if r.mandatory and not r.legal_basis and not r.proposed:
            yield Finding(r.at("mandatory"), f"record '{r.id or r.what.fi[:40]}' of step '{s.id}' is mandatory "
                          "but names no legal basis",
                          "Add legal_basis: [{act: '381/2023', section: '12', subsection: '2'}], or 'proposed: true' "
                          "while the steering group has not agreed it.")


@rule("REC004", "unique-record-ids")
def unique_record_ids(model: Model) -> Iterable[Finding]:
    """Record ids are unique in the model: indicators and the recording guide refer to them."""
    yield from duplicate_ids("record", (r for _, _, r in _records(model) if r.id), "Give each record its own id.")


@rule("REC005", "recorder-responsible", Severity.WARNING)
def recorder_responsible(model: Model) -> Iterable[Finding]:
    """Who records at a step is responsible (R) or accountable (A) for it in the RACI matrix."""
    for p, s, r in _records(model):
        row = model.raci_row(p.id, s.id)
        known = {x.id for x in model.roles}
        if row is None or not row.roles_with("R") or not row.roles_with("A") or set(row.cells) - known:
            continue  # no row, or one that RACI001, RACI002 or REF001 already reports
        for i, role in enumerate(r.roles):
            if role in known and not any(c in row.cells.get(role, "") for c in "RA"):
                yield Finding(r.at(f"roles.{i}"), f"'{role}' records at step '{s.id}' but is not R or A for it in "
                              "the RACI matrix", f"Give '{role}' R on the step's RACI row, or name a role that is.")


@rule("REC006", "record-described", Severity.WARNING)
def record_described(model: Model) -> Iterable[Finding]:
    """Every record says its type and who records it, so the recording guide and the checklists can list it."""
    for _, s, r in _records(model):
        missing = [k for k, v in (("type", r.type), ("roles", r.roles)) if not v]
        if missing:
            yield Finding(r.origin, f"a record of step '{s.id}' does not say its {' or '.join(missing)}",
                          "Add " + ", ".join(f"'{k}:'" for k in missing) + " (type: date, code, text or number; "
                          "roles: the role ids that record it).")
