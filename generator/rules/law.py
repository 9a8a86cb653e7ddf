"""Legal facts carry their source; national material is translated."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Severity
from ..model import Model
from .registry import Finding, rule


@rule("LAW001", "statutory-has-basis")
def statutory_has_basis(model: Model) -> Iterable[Finding]:
    """An item marked statutory (step, role, duty) names its legal basis with a section (act and
    section, and the subsection where the rule sits), so that the steering group can check it when the
    law changes. A joint RACI responsibility names the section that makes it joint."""
    items = [s for p in model.processes for s in p.steps] + list(model.roles) + list(model.duties)
    for item in items:
        if not getattr(item, "statutory", False):
            continue
        if not item.legal_basis:
            yield Finding(item.at("statutory"), f"'{item.id}' is statutory but has no legal_basis",
                          "Add legal_basis: [{act: '381/2023', section: '4', subsection: '1'}], "
                          "or set statutory: false.")
        elif not any(ref.section for ref in item.legal_basis):
            acts = ", ".join(ref.act for ref in item.legal_basis)
            yield Finding(item.at("legal_basis"), f"'{item.id}' is statutory but its legal_basis ({acts}) "
                          "names no section", "Add the section (and subsection) that requires it: "
                          "{act: '381/2023', section: '9', subsection: '1'}. If no section can be found, "
                          "set statutory: false and say what to verify in a review: note.")
    for row in model.raci:
        if row.joint is not None and not any(ref.section for ref in row.joint.legal_basis):
            yield Finding(row.origin, f"RACI row '{row.id}' declares a joint responsibility without a section",
                          "Give joint: legal_basis the section that makes the duty joint, e.g. "
                          "{act: '381/2023', section: '4', subsection: '1'}.")


@rule("LANG001", "translated-names", Severity.WARNING)
def translated_names(model: Model) -> Iterable[Finding]:
    """Names of processes, steps, organisations, roles and duties exist in every language the
    project lists (the language act requires Swedish for national material)."""
    items = [*model.processes, *(s for p in model.processes for s in p.steps), *model.organisations,
             *model.roles, *model.duties]
    for lang in model.project.languages[1:]:
        for item in items:
            if item.local:
                continue  # regional material is in the region's own language
            if not item.name.has(lang):
                yield Finding(item.at("name"), f"'{item.id}' has no name in '{lang}'",
                              f"Write the name as {{fi: ..., {lang}: ...}}.")
