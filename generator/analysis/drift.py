"""Drift: which of a region's local changes touch elements the national model changed since.

A region's overlay is written against one national version (`based_on` in region.yaml). When the
national model has moved on, every local change to, or placed next to, a nationally changed
element is reported (DRIFT001) at the overlay line that makes it, so the region can review it and
then move `based_on` forward. The old national model is read from git: the last commit whose
typ.yaml still had version `based_on`. Drift never stops validation: anything that prevents the
check (no git, version not in history, an old model with errors) is one DRIFT002 warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..compile import compile_model
from ..diagnostics import Diagnostic, Severity
from ..errors import VersionError
from ..load.sources import PROJECT_FILE
from ..model import Deviation, Model
from ..rules import severity
from .diff import Change, diff_models, field_text
from .versions import load_version, national_revision

KIND = {"steps": "step", "roles": "role", "organisations": "organisation", "duties": "duty", "terms": "term",
        "raci": "RACI row of step"}


@dataclass(frozen=True, order=True)
class Drift:
    """One drift finding, as data: the diagnostic for the validator, and what the deviations page words.

    DRIFT001: `collection`/`item` is the national element (its Finnish `name`) that changed between
    `based_on` and `version` by `changes`. DRIFT002: only `based_on` is set (the check could not run)."""

    diagnostic: Diagnostic
    based_on: str
    version: str = ""
    collection: str = ""
    item: str = ""
    name: str = ""
    changes: tuple[Change, ...] = field(default=(), compare=False)


def _cannot(model: Model, why: str) -> list[Drift]:
    assert model.region is not None
    o = model.region.at("based_on")
    based_on = model.region.based_on
    return [Drift(Diagnostic(
        o.file, o.line, o.column, "DRIFT002", Severity.WARNING,
        f"national version {based_on} {why}, so drift cannot be checked",
        f"Set based_on to a national version committed to git (the current one is "
        f"'{model.project.version}') once you have reviewed the local changes."), based_on)]


def _touches(dev: Deviation, changes: list[Change]) -> dict[tuple[str, str], list[Change]]:
    """National changes to what one deviation overrides or builds on, grouped by element."""
    out: dict[tuple[str, str], list[Change]] = {}

    def add(collection: str, item: str, c: Change) -> None:
        out.setdefault((collection, item), []).append(c)

    own = () if dev.op == "add" else (dev.id,)  # an added element is not national
    for c in changes:
        if dev.collection == "raci":
            if c.collection == "raci" and c.id == dev.id:
                add("raci", c.id, c)
            elif c.collection == "steps" and c.id == dev.id and c.op == "removed":
                add("steps", c.id, c)
        elif dev.collection == "steps":
            if c.collection == "steps" and c.id in (*own, *dev.depends_on):
                add("steps", c.id, c)
            elif c.collection == "flows":
                source, target = c.id.split("->", 1)
                if source in own:
                    add("steps", source, c)
                for anchor in dev.depends_on:
                    if anchor in (source, target):
                        add("steps", anchor, c)
        elif c.collection == dev.collection and c.id in own:
            add(c.collection, c.id, c)
    return out


def _what(changes: list[Change]) -> str:
    """What changed, as plain English text for the diagnostic."""
    parts = []
    for c in changes:
        if c.collection == "flows":
            parts.append(f"flow {c.name} {c.op}")
        elif c.op != "changed":
            parts.append(c.op)
        else:
            parts += [field_text(f) for f in c.fields]
    return "; ".join(parts)


def _display(model: Model, collection: str, item: str, touching: list[Change]) -> str:
    """The element's Finnish name: from the change, else from the (regional) model."""
    named = next((c.name for c in touching if c.collection != "flows"), None)
    if named:
        return named
    step = next((s for p in model.processes for s in p.steps if s.id == item), None)
    return step.name.fi if step else item


def check_drift(root: Path, model: Model, config: Mapping[str, str] | None = None) -> list[Drift]:
    """DRIFT001 for each local change touching a nationally changed element; [] when up to date.

    `config`: typ.yaml's `rules:`, which may set DRIFT001/DRIFT002 to error, warning or off."""
    return _configured(_drifts(root, model), config)


def _configured(drifts: list[Drift], config: Mapping[str, str] | None) -> list[Drift]:
    out = []
    for d in drifts:
        level = severity(d.diagnostic.code, config)
        if level is not Severity.OFF:
            out.append(replace(d, diagnostic=replace(d.diagnostic, severity=level)))
    return out


def _drifts(root: Path, model: Model) -> list[Drift]:
    region = model.region
    if region is None or region.based_on == model.project.version:
        return []
    rev = national_revision(root, region.based_on)
    if rev is None:
        return _cannot(model, f"cannot be found (no commit of {PROJECT_FILE} has that version)")
    try:
        old = load_version(root, rev)
    except VersionError as exc:
        return _cannot(model, f"cannot be loaded ({exc})")
    current = compile_model(root, None)
    if not current.ok or current.model is None:
        return []  # the national model's own errors are reported by validation
    changes = diff_models(old, current.model)
    return touching(model, changes, region.based_on, model.project.version,
                    f"Review the local change; then set based_on: '{model.project.version}' in region.yaml")


def touching(model: Model, changes: list[Change], old_version: str, new_version: str, hint: str) -> list[Drift]:
    """DRIFT001 at each of the regional model's local changes that touches a national change between
    `old_version` and `new_version` (the based_on check here, and a region repository's pin)."""
    out = []
    for dev in model.deviations:
        for (collection, item), found in _touches(dev, changes).items():
            relation = ("this overlay changes it" if item == dev.id and dev.op != "add"
                        else "this overlay places a local step next to it")
            if dev.collection == "raci":
                relation = "this overlay sets responsibilities in it"
            name = _display(model, collection, item, found)
            o = dev.origin
            diag = Diagnostic(
                o.file, o.line, o.column, "DRIFT001", Severity.WARNING,
                f"national {KIND.get(collection, collection)} '{item}' ({relation}) changed between "
                f"{old_version} and {new_version}: {_what(found)}", hint)
            out.append(Drift(diag, old_version, new_version, collection, item, name, tuple(found)))
    return sorted(set(out))


def configured(drifts: list[Drift], config: Mapping[str, str] | None) -> list[Drift]:
    return _configured(drifts, config)


def drift_diagnostics(drifts: list[Drift]) -> list[Diagnostic]:
    return [d.diagnostic for d in drifts]

