"""Every task has clear ownership: one Accountable, someone Responsible."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Severity
from ..model import Model
from .registry import Finding, rule


def _tasks(model: Model):
    for p in model.processes:
        for s in p.steps:
            if s.type == "task":
                yield p, s, model.raci_row(p.id, s.id)


@rule("RACI001", "one-accountable")
def one_accountable(model: Model) -> Iterable[Finding]:
    """Each task has exactly one Accountable role (A or RA), unless its row declares a joint
    responsibility with its legal basis (`joint:`); then two or more roles are Accountable."""
    for _, s, row in _tasks(model):
        if row is None:
            continue
        accountable = row.roles_with("A")
        if row.joint is not None:
            if len(accountable) < 2:
                found = ", ".join(accountable) or "none"
                yield Finding(row.origin, f"task '{s.id}' declares a joint responsibility but has "
                              f"{len(accountable)} Accountable role(s) ({found})",
                              "Mark each party that answers for the task with A (or RA), or remove joint:.")
            continue
        if len(accountable) != 1:
            found = ", ".join(accountable) or "none"
            yield Finding(row.origin, f"task '{s.id}' must have exactly one Accountable (A), found {found}",
                          "Mark exactly one role with A (or RA); others who do the work are R.")


@rule("RACI002", "has-responsible")
def has_responsible(model: Model) -> Iterable[Finding]:
    """Each task has at least one Responsible role (R or RA)."""
    for _, s, row in _tasks(model):
        if row is not None and not row.roles_with("R"):
            yield Finding(row.origin, f"task '{s.id}' has no Responsible (R) role",
                          "Mark the role(s) who do the work with R (or RA if it is also the Accountable).")


@rule("RACI003", "row-per-task")
def row_per_task(model: Model) -> Iterable[Finding]:
    """Each task has a row in the RACI matrix."""
    for p, s, row in _tasks(model):
        if row is None:
            yield Finding(s.origin, f"task '{s.id}' has no row in the RACI matrix of process '{p.id}'",
                          f"Add '- step: {s.id}' with its roles to the RACI file.")


@rule("RACI004", "row-for-task-only", Severity.WARNING)
def row_for_task_only(model: Model) -> Iterable[Finding]:
    """RACI rows belong to tasks; start, end and decision steps are not work anyone owns."""
    for p in model.processes:
        for row in model.raci:
            s = p.step(row.id) if row.process == p.id else None
            if s is not None and s.type != "task":
                yield Finding(row.origin, f"RACI row for '{s.id}', which is a {s.type}, not a task",
                              "Remove the row, or make the step a task.")
