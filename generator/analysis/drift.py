"""Drift: which of a region's local changes touch elements the national model changed since.

A region's overlay is written against one national version (`based_on` in region.yaml). When the
national model has moved on, every local change to, or placed next to, a nationally changed
element is reported (DRIFT001) at the overlay line that makes it, so the region can review it and
then move `based_on` forward. The old national model is read from git: the last commit whose
typ.yaml still had version `based_on`. Drift never stops validation: anything that prevents the
check (no git, version not in history, an old model with errors) is one DRIFT002 warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..compile import compile_model
from ..diagnostics import Diagnostic, Severity
from ..errors import VersionError
from ..load.sources import PROJECT_FILE
from ..model import Deviation, Model
from ..render.markdown import esc
from ..render.vocabulary import field_label
from .diff import Change, diff_models, field_text
from .versions import load_version, national_revision

KIND = {"steps": "step", "roles": "role", "organisations": "organisation", "duties": "duty", "terms": "term",
        "raci": "RACI row of step"}
KIND_FI = {"steps": "vaihe", "roles": "rooli", "organisations": "organisaatio", "duties": "vuosikellon tehtävä",
           "terms": "termi", "raci": "vaiheen RACI-rivi"}


@dataclass(frozen=True, order=True)
class Drift:
    """One drift finding: the diagnostic for the validator, the Finnish line for the deviations page."""

    diagnostic: Diagnostic
    line: str  # escaped Markdown


def _cannot(model: Model, why: str) -> list[Drift]:
    assert model.region is not None
    o = model.region.at("based_on")
    based_on = model.region.based_on
    return [Drift(Diagnostic(
        o.file, o.line, o.column, "DRIFT002", Severity.WARNING,
        f"national version {based_on} {why}, so drift cannot be checked",
        f"Set based_on to a national version committed to git (the current one is "
        f"'{model.project.version}') once you have reviewed the local changes."),
        f"Kansallista versiota {esc(based_on)}, jota vasten paikalliset muutokset on kirjoitettu, ei löytynyt, "
        "joten kansallisia muutoksia ei voitu verrata paikallisiin.")]


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


OPS_FI = {"added": "lisätty", "removed": "poistettu", "moved": "siirretty toiseen kohtaan", "changed": "muutettu"}


def _what(changes: list[Change], fi: bool) -> str:
    """What changed, as plain text (English for the diagnostic, Finnish for the page)."""
    parts = []
    for c in changes:
        if c.collection == "flows":
            parts.append(f"siirtymä {c.name} {OPS_FI[c.op]}" if fi else f"flow {c.name} {c.op}")
        elif c.op != "changed":
            parts.append(OPS_FI[c.op] if fi else c.op)
        elif fi:
            parts += [f"{field_label(f.field) if not f.label else f.label}: {f.old or '–'} → {f.new or '–'}"
                      for f in c.fields]
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


def check_drift(root: Path, model: Model) -> list[Drift]:
    """DRIFT001 for each local change touching a nationally changed element; [] when up to date."""
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
    new_version = model.project.version
    out = []
    for dev in model.deviations:
        for (collection, item), touching in _touches(dev, changes).items():
            relation = ("this overlay changes it" if item == dev.id and dev.op != "add"
                        else "this overlay places a local step next to it")
            if dev.collection == "raci":
                relation = "this overlay sets responsibilities in it"
            name = _display(model, collection, item, touching)
            o = dev.origin
            diag = Diagnostic(
                o.file, o.line, o.column, "DRIFT001", Severity.WARNING,
                f"national {KIND.get(collection, collection)} '{item}' ({relation}) changed between "
                f"{region.based_on} and {new_version}: {_what(touching, fi=False)}",
                f"Review the local change; then set based_on: '{new_version}' in region.yaml")
            out.append(Drift(diag, (
                f"{esc(o.file)}, rivi {o.line}: kansallinen {KIND_FI.get(collection, collection)} "
                f"**{esc(name)}** on muuttunut versiosta {esc(region.based_on)} versioon {esc(new_version)} "
                f"({esc(_what(touching, fi=True))}). Tarkista paikallinen muutos.")))
    return sorted(set(out))


def drift_diagnostics(drifts: list[Drift]) -> list[Diagnostic]:
    return [d.diagnostic for d in drifts]


def drift_lines(drifts: list[Drift]) -> list[str]:
    """Finnish lines (escaped Markdown) for the deviations page."""
    return [d.line for d in drifts]
