"""The accessibility statement has the facts act 306/2019 9 § asks for (warnings: the handbook still
builds, and its statement says in words what is missing)."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Severity
from ..model import Model
from .registry import Finding, rule

_FIELDS = {
    "assessed": "assessed: '2026-12-01'  # the date of the last assessment",
    "status": "status: partial  # full, partial or none (WCAG 2.1 AA)",
    "feedback": "feedback: {name: ..., email: ...}  # where accessibility feedback goes",
    "supervisor": "supervisor: {name: ..., url: ..., legal_basis: [{act: '306/2019', section: '12'}]}",
}


@rule("A11Y001", "statement-settings", Severity.WARNING)
def statement_settings(model: Model) -> Iterable[Finding]:
    """typ.yaml `accessibility` gives what the accessibility statement must say (act 306/2019 9 §):
    date of assessment, conformance status, feedback email and supervisory authority."""
    if model.region is not None:
        return  # the national model reports its own settings once
    a = model.project.accessibility
    if a is None:
        yield Finding(model.project.origin, "typ.yaml has no 'accessibility' settings: the accessibility "
                      "statement cannot say its status, date, feedback address or supervisor",
                      "Add accessibility: {" + ", ".join(_FIELDS) + "} to typ.yaml.")
        return
    missing = {"assessed": not a.assessed, "status": not a.status,
               "feedback": a.feedback is None or not a.feedback.email, "supervisor": a.supervisor is None}
    for name, absent in missing.items():
        if absent:
            yield Finding(a.origin, f"accessibility.{name} is not set: the statement can only say it is not given yet",
                          f"Add {_FIELDS[name]}.")


@rule("A11Y002", "region-feedback", Severity.WARNING)
def region_feedback(model: Model) -> Iterable[Finding]:
    """A regional handbook names its own accessibility feedback contact (region.yaml
    `accessibility_feedback` with an email), not only the national one."""
    r = model.region
    if r is not None and (r.feedback is None or not r.feedback.email):
        yield Finding(r.origin, f"region '{r.id}' has no accessibility_feedback email: its statement falls back "
                      "to the national feedback address", "Add accessibility_feedback: {name: ..., email: ...} "
                      "to region.yaml.")


@rule("A11Y003", "supervisor-unverified", Severity.WARNING)
def supervisor_unverified(model: Model) -> Iterable[Finding]:
    """What the model marks for review about the supervisory authority (accessibility.supervisor.review)
    is reported until someone verifies it and removes the mark."""
    a = model.project.accessibility
    if model.region is None and a is not None and a.supervisor is not None and a.supervisor.review:
        yield Finding(a.origin, f"supervisory authority marked for review: {a.supervisor.review.fi}",
                      "Verify it against the current act 306/2019 and the authority's site, then remove 'review'.")
