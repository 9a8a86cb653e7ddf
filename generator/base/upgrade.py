"""`typ upgrade-base REF`: what changed nationally between the pin and REF, which local changes it
touches, whether the region still applies, and then the pin moved in region.yaml (written whole)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..analysis.diff import diff_models, format_text
from ..analysis.drift import drift_diagnostics, touching
from ..compile import compile_model
from ..diagnostics import Diagnostic, has_errors
from ..load.files import read_bytes
from .fetch import tree_at
from .pin import national_model, pinned_text, upgrade_target
from .workspace import REGION_FILE, Workspace, read_region


class UpgradeRefused(Exception):
    def __init__(self, message: str, report: str, diagnostics: list[Diagnostic]) -> None:
        super().__init__(message)
        self.report, self.diagnostics = report, diagnostics


@dataclass
class Plan:
    report: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    done: str = ""


def upgrade(ws: Workspace, ref: str, write: bool = True, force: bool = False) -> Plan:
    assert ws.fetched is not None and ws.repository is not None
    fetched = ws.fetched
    commit = upgrade_target(fetched, ref)
    old = national_model(ws.root, fetched.spec.shown)
    tree = tree_at(fetched, commit)
    new = national_model(tree, f"{fetched.spec.source}@{ref}")
    changes = diff_models(old, new)
    head = (f"National changes from {old.project.version} (pinned, {fetched.commit[:12]}) to "
            f"{new.project.version} ({ref}, {commit[:12]}):")
    report = head + "\n" + (format_text(changes) if changes else "  (none)")
    before = compile_model(ws.root, ws.region, repository=ws.repository)
    after = compile_model(tree, ws.region, repository=ws.repository)
    diags = list(after.diagnostics)
    if before.ok and before.model is not None:
        hint = f"Review the local change against {new.project.version}"
        diags += drift_diagnostics(touching(before.model, changes, old.project.version, new.project.version, hint))
    diags = sorted(set(diags))
    if has_errors(after.diagnostics) and not force:
        raise UpgradeRefused(f"the region has errors on the national base {ref}; region.yaml was not changed "
                             "(fix the overlay first, or use --force)", report, diags)
    if not write:
        return Plan(report, diags, f"Dry run: the pin stays at {fetched.commit[:12]}; region.yaml not changed.")
    meta = ws.repository / REGION_FILE
    region, problems = read_region(ws.repository)
    if region is None:
        raise UpgradeRefused("region.yaml cannot be read", report, problems)
    text = read_bytes(meta, 1 << 20).decode("utf-8")
    updated = pinned_text(text, region, ref, commit, new.project.version)
    tmp = meta.with_name(f".{meta.name}.tmp")
    tmp.write_text(updated, "utf-8", newline="")
    os.replace(tmp, meta)  # never a half-written region.yaml
    return Plan(report, diags, f"Moved the pin to {ref} ({commit[:12]}); based_on is now {new.project.version}. "
                               "Commit region.yaml.")
