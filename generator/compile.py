"""The compiler front end: load -> schema -> overlay -> model -> rules, in that fixed order.

Each stage returns its result plus diagnostics; the pipeline stops before building the model when
a stage found errors, because later stages would only report their echoes.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from . import rules
from .diagnostics import Diagnostic, Severity, has_errors
from .load.pages import Pages
from .load.sources import RawModel, load_national
from .load.yaml import YDict
from .model import Model
from .model.build import build_model, build_process
from .overlay import locks
from .overlay import merge as overlay
from .parallel import fork_map
from .schema.check import check_item
from .translate import State, translate_all

T = TypeVar("T")

ITEM_SCHEMAS = {
    "organisations": "roles.schema.json#/$defs/organisation",
    "roles": "roles.schema.json#/$defs/role",
    "duties": "calendar.schema.json#/$defs/duty",
    "terms": "glossary.schema.json#/$defs/term",
    "criteria": "criteria.schema.json#/$defs/criterion",
    "cases": "cases.schema.json#/$defs/case",
    "codelists": "codelist.schema.json#/$defs/codelistFields",
    "indicators": "indicators.schema.json#/$defs/indicator",
}


@dataclass
class Result:
    model: Model | None
    diagnostics: list[Diagnostic]
    raw: RawModel | None = None
    region_pages: Pages = field(default_factory=Pages)
    translations: dict[str, list[State]] = field(default_factory=dict)  # language -> each text's state

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
    for name in ITEM_SCHEMAS:
        for item in getattr(raw, name):
            if _touched(item):
                out += check_item(item, ITEM_SCHEMAS[name])
    return out


_BUILT: list[tuple[RawModel, tuple]] = []  # the last national model's processes, built once for all regions


def _national_processes(raw: RawModel) -> tuple:
    """The national processes as written, for the lock check: the same for every region that overlays
    this national model (--all overlays one thirty times), so built once. Kept for the last one only."""
    if not _BUILT or _BUILT[0][0] is not raw:
        _BUILT[:] = [(raw, tuple(build_process(p) for p in raw.processes))]
    return _BUILT[0][1]


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


LAW_URL_FIELDS = ("year", "number", "section")
SAFE_URL = re.compile(r"https?://[^\s\"'<>\\^`{|}\x00-\x1f\x7f-\x9f]+")


def law_url_problem(template: object) -> str | None:
    """Why a `law_url` template is not a plain http(s) link with {year}, {number}, {section}, or None.

    The template becomes the href of every legal-basis link and the URL of calendar events: no other
    scheme (javascript:), no white space or line breaks (extra iCalendar properties), no format specs,
    conversions or attribute access ({year:>30000000}, {0.__class__})."""
    if not isinstance(template, str):
        return "law_url must be text"
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError as exc:
        return f"the template cannot be read ({exc})"
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in LAW_URL_FIELDS or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            return f"{shown} is not one of the placeholders {{year}}, {{number}}, {{section}}"
    for section in ("4", ""):  # a reference without a section links to the act: the part before '#'
        t = template if section else template.split("#", 1)[0]
        url = t.format(year="2023", number="381", section=section)
        if not SAFE_URL.fullmatch(url):
            return (f"the link '{url}' is not a plain http(s) address (no spaces, quotes, line breaks or other "
                    "schemes)")
    return None


def _law_url_problem(project: YDict) -> list[Diagnostic]:
    """The legal-basis link template: one for every language, or one per language ({fi: ..., sv: ...})."""
    value = project.get("law_url")
    if value is None:
        return []
    node, templates = (value, dict(value)) if isinstance(value, YDict) else (project, {"law_url": value})
    for key, template in templates.items():
        problem = law_url_problem(template)
        if problem is not None:
            line, col = node.val_pos.get(key, node.pos)
            where = "law_url" if node is project else f"law_url.{key}"
            return [Diagnostic(project.file, line, col, "CONFIG002", Severity.ERROR, f"{where}: {problem}",
                               "Use an https address with only the placeholders {year}, {number} and {section}, "
                               "e.g. https://www.finlex.fi/fi/lainsaadanto/{year}/{number}#sec_{section}")]
    return []


def compile_model(root: Path, region: str | None = None,
                  national: tuple[RawModel | None, list[Diagnostic]] | None = None,
                  repository: Path | None = None) -> Result:
    """national: load_national(root), when the caller loaded it already (building or validating every
    region overlays one national model; the overlay leaves it untouched). `repository`: the region's
    own repository (region.yaml at its top) instead of regions/<region>/ in `root`."""
    raw, diags = national if national is not None else load_national(root)
    diags = list(diags)
    if raw is not None:
        diags += _unknown_rule_codes(raw.project) + _law_url_problem(raw.project)
    if raw is None or has_errors(diags):
        return Result(None, sorted(diags), raw)
    config = dict(raw.project.get("rules") or {})
    region_doc, deviations, pages = None, (), Pages()
    if region is not None:
        sources = overlay.load_region(root, raw.project.get("regions", "regions"), region, repository)
        diags += sources.diagnostics
        if has_errors(diags):
            return Result(None, sorted(diags), raw)
        local_fields = set(raw.project.get("local_fields") or ())
        merged, devs, overlay_diags = overlay.apply(raw, sources, local_fields)
        diags += overlay_diags
        diags += _recheck(merged)
        if has_errors(diags):
            return Result(None, sorted(diags), raw)
        national = _national_processes(raw)
        raw, region_doc, deviations, pages = merged, sources.region, tuple(devs), sources.pages
    model = build_model(raw, region_doc, deviations)
    if region is not None:
        diags += locks.bypasses(national, model.processes)
    # After the lock check, which compares the overlaid model with the national one as written.
    region_folder = root / raw.project.get("regions", "regions") / region if region is not None else None
    langs = model.region.languages if model.region is not None else model.project.languages
    model, states, more = translate_all(root, model, langs, region_folder)
    diags += more
    diags += rules.run(model, config)
    return Result(model, sorted(set(diags)), raw, pages, states)


def check_each(root: Path, regions: list[str | None], check: Callable[[str | None, Result], T],
               repository: Path | None = None) -> list[T]:
    """check(region, its compiled model) for each of the national model (None) and the given regions, in
    their order. The national files are read and checked once for all of them; the regions compile in
    parallel (parallel.fork_map), so `check` returns what pickles (diagnostics, figures), not the Result."""
    national = load_national(root)
    return fork_map(lambda i: check(regions[i], compile_model(root, regions[i], national, repository)), len(regions))
