"""The compiler front end: load -> schema -> overlay -> model -> rules, in that fixed order.

Each stage returns its result plus diagnostics; the pipeline stops before building the model when
a stage found errors, because later stages would only report their echoes.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from . import rules
from .diagnostics import Diagnostic, Severity, has_errors
from .load.sources import RawModel, load_national
from .load.yaml import YDict
from .model import Model
from .model.build import build_model
from .overlay import merge as overlay
from .schema.check import check_item

ITEM_SCHEMAS = {
    "organisations": "roles.schema.json#/$defs/organisation",
    "roles": "roles.schema.json#/$defs/role",
    "duties": "calendar.schema.json#/$defs/duty",
    "terms": "glossary.schema.json#/$defs/term",
}


@dataclass
class Result:
    model: Model | None
    diagnostics: list[Diagnostic]
    raw: RawModel | None = None
    region_pages: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.model is not None and not has_errors(self.diagnostics)


def _touched(d: YDict) -> bool:
    return d.layer == "local" or bool(d.val_layer)


def _recheck(raw: RawModel) -> list[Diagnostic]:
    """Elements a region added or changed must still satisfy the national schema."""
    out = []
    for p in raw.processes:
        for s in p["steps"]:
            if _touched(s):
                out += check_item(s, "process.schema.json#/$defs/step")
    for name in ("organisations", "roles", "duties", "terms"):
        for item in getattr(raw, name):
            if _touched(item):
                out += check_item(item, ITEM_SCHEMAS[name])
    return out


def _unknown_rule_codes(project: YDict) -> list[Diagnostic]:
    """A misspelt code under `rules:` would silently keep the default severity: say so."""
    config = project.get("rules") or YDict()
    out = []
    for code in config:
        if code not in rules.RULES:
            line, col = config.key_pos.get(code, config.pos)
            close = difflib.get_close_matches(code, sorted(rules.RULES), n=1)
            out.append(Diagnostic(config.file, line, col, "CONFIG001", Severity.ERROR, f"unknown rule code '{code}'",
                                  f"Did you mean '{close[0]}'?" if close else
                                  "See the rule reference in the README (python3 -m generator.rules)."))
    return out


def _law_url_problem(project: YDict) -> list[Diagnostic]:
    """The legal-basis link template (one, or one per language) may only use {year}, {number} and {section}."""
    value = project.get("law_url")
    if value is None:
        return []
    node, templates = (value, dict(value)) if isinstance(value, YDict) else (project, {"law_url": value})
    for key, template in templates.items():
        try:
            template.format(year="2023", number="381", section="4")
        except (KeyError, IndexError, ValueError) as exc:
            line, col = node.val_pos.get(key, node.pos)
            return [Diagnostic(project.file, line, col, "CONFIG002", Severity.ERROR,
                               f"law_url is not a valid link template ({type(exc).__name__}: {exc})",
                               "Use only the placeholders {year}, {number} and {section}, e.g. "
                               "https://www.finlex.fi/fi/lainsaadanto/{year}/{number}#sec_{section}")]
    return []


def compile_model(root: Path, region: str | None = None) -> Result:
    raw, diags = load_national(root)
    if raw is not None:
        diags += _unknown_rule_codes(raw.project) + _law_url_problem(raw.project)
    if raw is None or has_errors(diags):
        return Result(None, sorted(diags), raw)
    config = dict(raw.project.get("rules") or {})
    region_doc, deviations, pages = None, (), []
    if region is not None:
        sources = overlay.load_region(root, raw.project.get("regions", "regions"), region)
        diags += sources.diagnostics
        if has_errors(diags):
            return Result(None, sorted(diags), raw)
        local_fields = set(raw.project.get("local_fields") or ())
        merged, devs, overlay_diags = overlay.apply(raw, sources, local_fields)
        diags += overlay_diags
        diags += _recheck(merged)
        if has_errors(diags):
            return Result(None, sorted(diags), raw)
        raw, region_doc, deviations, pages = merged, sources.region, tuple(devs), sources.pages
    model = build_model(raw, region_doc, deviations)
    diags += rules.run(model, config)
    return Result(model, sorted(set(diags)), raw, pages)
