"""Ids must be unique within their collection."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Element, Model
from .registry import Finding, rule


def _dupes(kind: str, items: Iterable[Element]) -> Iterable[Finding]:
    seen: dict[str, Element] = {}
    for item in items:
        if item.id in seen:
            first = seen[item.id].origin
            yield Finding(item.at("id"), f"duplicate {kind} id '{item.id}' (first at {first.file}:{first.line})",
                          "Give each item its own id; ids are what pages, diagrams and overlays refer to.")
        else:
            seen[item.id] = item


@rule("ID001", "unique-ids")
def unique_ids(model: Model) -> Iterable[Finding]:
    """Every process, step (within its process), organisation, role, duty and term has a unique id,
    and a process has at most one RACI row per step."""
    yield from _dupes("process", model.processes)
    for p in model.processes:
        yield from _dupes("step", p.steps)
        yield from _dupes("RACI row for step", (r for r in model.raci if r.process == p.id))
    yield from _dupes("organisation", model.organisations)
    yield from _dupes("role", model.roles)
    yield from _dupes("duty", model.duties)
    yield from _dupes("term", model.terms)
