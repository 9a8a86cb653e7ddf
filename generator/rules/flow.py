"""The process is a well-formed graph: one start, everything reachable, every path able to end."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Model, Origin, Process, Step
from .registry import Finding, rule


def _at(step: Step) -> Origin:
    """Where a flow problem of a step is best shown: at 'next:' when a region changed it (its
    overlay line), else at the step."""
    return step.at("next") if step.at("next").local else step.origin


def _reach(process: Process, roots: set[str], forward: bool = True) -> set[str]:
    edges: dict[str, set[str]] = {s.id: set() for s in process.steps}
    for f in process.flows:
        if f.source in edges and f.target in edges:
            a, b = (f.source, f.target) if forward else (f.target, f.source)
            edges[a].add(b)
    seen, todo = set(roots), list(roots)
    while todo:
        for nxt in edges[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


@rule("FLOW001", "one-start")
def one_start(model: Model) -> Iterable[Finding]:
    """Each process has exactly one start step."""
    for p in model.processes:
        starts = [s for s in p.steps if s.type == "start"]
        if not starts:
            yield Finding(p.origin, f"process '{p.id}' has no start step",
                          "Add a step with 'type: start' where the process begins.")
        for extra in starts[1:]:
            yield Finding(extra.at("type"), f"process '{p.id}' has a second start step '{extra.id}'",
                          f"Keep one start ('{starts[0].id}'); make this one a task or merge the two.")


@rule("FLOW002", "reachable")
def reachable(model: Model) -> Iterable[Finding]:
    """Every step can be reached from the start."""
    for p in model.processes:
        starts = {s.id for s in p.steps if s.type == "start"}
        if not starts:
            continue
        seen = _reach(p, starts)
        for s in p.steps:
            if s.id not in seen:
                yield Finding(s.origin, f"step '{s.id}' cannot be reached from the start",
                              "Add a flow to it ('next:') from an earlier step, or remove it.")


@rule("FLOW003", "reaches-end")
def reaches_end(model: Model) -> Iterable[Finding]:
    """From every step some path leads to an end step (no dead ends, no endless loops)."""
    for p in model.processes:
        ends = {s.id for s in p.steps if s.type == "end"}
        if not ends:
            yield Finding(p.origin, f"process '{p.id}' has no end step",
                          "Add a step with 'type: end' and flows to it.")
            continue
        can_end = _reach(p, ends, forward=False)
        for s in p.steps:
            if s.id not in can_end:
                hint = ("Add 'next:' with the step that follows." if not s.flows else
                        "Every loop needs a way out: add a flow towards an end step.")
                yield Finding(_at(s), f"step '{s.id}' has no path to an end step", hint)


@rule("FLOW004", "decision-branches")
def decision_branches(model: Model) -> Iterable[Finding]:
    """A decision has two or more outgoing flows, each with a label (the answer that leads there)."""
    for p in model.processes:
        for s in p.steps:
            if s.type != "decision":
                continue
            if len(s.flows) < 2:
                yield Finding(_at(s), f"decision '{s.id}' has {len(s.flows)} branch(es); it needs two or more",
                              "List each outcome under 'next:' as {to: <step>, label: <answer>}.")
            for f in s.flows:
                if f.label is None:
                    yield Finding(f.origin, f"branch of decision '{s.id}' to '{f.target}' has no label",
                                  "Write it as {to: " + f.target + ", label: <the answer, e.g. Kyllä>}.")


@rule("FLOW005", "only-decisions-branch")
def only_decisions_branch(model: Model) -> Iterable[Finding]:
    """End steps have no outgoing flows, and only decisions branch: a start or task has one next step
    (two would be a parallel split, which the handbook cannot show)."""
    for p in model.processes:
        for s in p.steps:
            if s.type == "end" and s.flows:
                yield Finding(s.at("next"), f"end step '{s.id}' has outgoing flows",
                              "Remove 'next:' from the end step, or make it a task.")
            elif s.type in ("start", "task") and len(s.flows) > 1:
                targets = ", ".join(f.target for f in s.flows)
                yield Finding(s.at("next"), f"{s.type} '{s.id}' has {len(s.flows)} next steps ({targets})",
                              "Give it one next step; to branch, add a decision step with labelled branches.")
