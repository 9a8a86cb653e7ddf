"""Ids become file names, page paths and diagram ids: they must be safe as all three."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Element, Model
from .registry import Finding, rule

# Generated pages an id would overwrite (a step `index` is the process overview's path, a role
# `index` the roles index; 404 is the theme's error page), and names Windows cannot check out
# (con.html, aux.ics) whatever their extension.
RESERVED = re.compile(r"index|404|con|prn|aux|nul|com[0-9]|lpt[0-9]")
NATIONAL = "national"  # the national handbook where networks are named (typ build --all --only): no region's id
# Diagrams derive ids from model ids: the swimlane's `<step>-label`, `-timer`, `-timer-label` nodes and
# BPMN's `<element>_di` shapes (hyphens become underscores). An id with such an ending would take
# over another element's node: the start's label vanishes, the BPMN has a duplicate xs:ID.
DERIVED = ("-label", "-timer", "-di")


def reserved_region(region_id: str) -> bool:
    """A region id that would overwrite a page, cannot be a file on Windows, or names the national handbook."""
    return bool(RESERVED.fullmatch(region_id)) or region_id == NATIONAL


def _elements(model: Model) -> Iterable[tuple[str, Element]]:
    for p in model.processes:
        yield "process", p
        for s in p.steps:
            yield "step", s
    for kind, items in (("organisation", model.organisations), ("role", model.roles), ("duty", model.duties),
                        ("term", model.terms)):
        for item in items:
            yield kind, item


@rule("ID002", "safe-ids")
def safe_ids(model: Model) -> Iterable[Finding]:
    """No id is the name of a generated page (index, 404) or a name Windows reserves (con, prn, aux,
    nul, com1-9, lpt1-9); no region is called 'national', the national handbook's name in --only."""
    for kind, item in _elements(model):
        if RESERVED.fullmatch(item.id):
            yield Finding(item.at("id"), f"the {kind} id '{item.id}' is reserved: it would overwrite a generated page "
                          "or cannot be a file name on Windows",
                          f"Choose another id, e.g. '{item.id}-{kind[:4]}' or a word that says what it is.")
    region = model.region
    if region is not None and reserved_region(region.id):
        yield Finding(region.at("id"), f"the region id '{region.id}' is reserved: it names the national handbook "
                      "(typ build --all --only national), a generated page or a name Windows refuses",
                      "Choose another id, e.g. the area's name, and rename the region's folder to match.")


@rule("ID003", "diagram-ids")
def diagram_ids(model: Model) -> Iterable[Finding]:
    """No step or organisation id ends in -label, -timer or -di: the diagrams derive ids with those
    endings, and such an id would collide with another element's."""
    for kind, item in _elements(model):
        if kind in ("step", "organisation") and item.id.endswith(DERIVED):
            end = next(e for e in DERIVED if item.id.endswith(e))
            yield Finding(item.at("id"), f"the {kind} id '{item.id}' ends in '{end}', which the diagrams use for "
                          "their own ids", f"Rename it without the ending '{end}'.")
