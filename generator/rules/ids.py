"""Ids must be unique within their collection."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Element, Model
from .registry import Finding, rule


def duplicate_ids(kind: str, items: Iterable[Element],
                  hint: str = "Give each item its own id; ids are what pages, diagrams and overlays refer to.",
                  ) -> Iterable[Finding]:
    """A finding at each id that an earlier item of `items` already has, naming where that one is."""
    seen: dict[str, Element] = {}
    for item in items:
        if item.id in seen:
            first = seen[item.id].origin
            yield Finding(item.at("id"), f"duplicate {kind} id '{item.id}' (first at {first.file}:{first.line})", hint)
        else:
            seen[item.id] = item


@rule("ID001", "unique-ids")
def unique_ids(model: Model) -> Iterable[Finding]:
    """Every process, step (within its process), organisation, role, duty and term has a unique id,
    and a process has at most one RACI row per step."""
    yield from duplicate_ids("process", model.processes)
    for p in model.processes:
        yield from duplicate_ids("step", p.steps)
        yield from duplicate_ids("RACI row for step", (r for r in model.raci if r.process == p.id))
    yield from duplicate_ids("organisation", model.organisations)
    yield from duplicate_ids("role", model.roles)
    yield from duplicate_ids("duty", model.duties)
    yield from duplicate_ids("term", model.terms)
