"""References between files resolve: roles, organisations, steps, processes, terms."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Model
from .registry import Finding, rule, unknown


@rule("REF001", "known-roles")
def known_roles(model: Model) -> Iterable[Finding]:
    """RACI cells and duties (responsible, participants) name roles that exist."""
    roles = {r.id for r in model.roles}
    for row in model.raci:
        for role in row.cells:
            if role not in roles:
                yield unknown("role", role, roles, row.at(role))
    for d in model.duties:
        if d.responsible not in roles:
            yield unknown("role", d.responsible, roles, d.at("responsible"))
        for p in d.participants:
            if p not in roles:
                yield unknown("role", p, roles, d.at("participants"))


@rule("REF002", "known-organisations")
def known_organisations(model: Model) -> Iterable[Finding]:
    """Roles belong to, and steps sit in the lane of, an organisation that exists."""
    orgs = {o.id for o in model.organisations}
    for r in model.roles:
        if r.organisation not in orgs:
            yield unknown("organisation", r.organisation, orgs, r.at("organisation"))
    for p in model.processes:
        for s in p.steps:
            if s.lane not in orgs:
                yield unknown("organisation (lane)", s.lane, orgs, s.at("lane"))


@rule("REF003", "known-steps")
def known_steps(model: Model) -> Iterable[Finding]:
    """Flows, deadlines and RACI rows name steps that exist in their process; a duty's `step` names a
    process and one of its steps."""
    for p in model.processes:
        ids = {s.id for s in p.steps}
        for f in p.flows:
            if f.target not in ids:
                yield unknown("step", f.target, ids, f.origin)
        for s in p.steps:
            if s.deadline and s.deadline.from_step not in ids:
                yield unknown("step (deadline 'from')", s.deadline.from_step, ids, s.at("deadline"))
        for row in model.raci:
            if row.process == p.id and row.id not in ids:
                yield Finding(row.origin, f"RACI row for step '{row.id}', which process '{p.id}' does not have",
                              "Remove the row or fix the step id.")


    processes = {p.id: p for p in model.processes}
    for d in model.duties:
        if d.step is None:
            continue
        proc = processes.get(d.step.process)
        if proc is None:
            yield unknown("process (duty step)", d.step.process, processes, d.at("step"))
        elif proc.step(d.step.step) is None:
            yield unknown(f"step of process '{proc.id}' (duty step)", d.step.step, {s.id for s in proc.steps},
                          d.at("step"))


@rule("REF004", "known-processes")
def known_processes(model: Model) -> Iterable[Finding]:
    """A RACI matrix names a process that exists."""
    ids = {p.id for p in model.processes}
    reported = set()
    for row in model.raci:
        if row.process not in ids and row.process not in reported:
            reported.add(row.process)
            yield unknown("process", row.process, ids, row.origin)


@rule("REF005", "known-terms")
def known_terms(model: Model) -> Iterable[Finding]:
    """Glossary cross-references ('see') name terms that exist."""
    ids = {t.id for t in model.terms}
    for t in model.terms:
        for ref in t.see:
            if ref not in ids:
                yield unknown("term", ref, ids, t.at("see"))
