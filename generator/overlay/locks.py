"""A region cannot route around a nationally locked (statutory) step (LOCK001).

`change` refuses a new `next` on a locked step, but `add` with `after:` rewires the step before it, and
a local decision placed there can jump to the end: every locked step stays reachable, so no flow rule
notices that the statutory steps became optional. So: whatever the national process reaches from its
start only through a locked step, the regional process must also reach only through it.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..model import Flow, Origin, Process


def _reach(process: Process, avoid: str) -> dict[str, Flow | None]:
    """Steps reachable from the start without passing `avoid`, each with the flow that first reached it."""
    steps = {s.id: s for s in process.steps}
    parent: dict[str, Flow | None] = {s.id: None for s in process.steps if s.type == "start"}
    todo = list(parent)
    while todo:
        for f in steps[todo.pop(0)].flows:
            if f.target != avoid and f.target in steps and f.target not in parent:
                parent[f.target] = f
                todo.append(f.target)
    return parent


def bypasses(national: tuple[Process, ...], regional: tuple[Process, ...]) -> list[Diagnostic]:
    """One LOCK001 per local element that opens a way around locked steps, naming all of them."""
    found: dict[Origin, tuple[list[str], str]] = {}
    by_id = {p.id: p for p in national}
    for p in regional:
        before = by_id.get(p.id)
        if before is None:
            continue
        steps = {s.id: s for s in p.steps}
        for locked in (s for s in before.steps if s.locked and s.id in steps):
            was = _reach(before, locked.id)
            now = _reach(p, locked.id)
            national_end = any(s.type == "end" for s in before.steps if s.id in was)
            # National steps now reachable around the lock, and local ends when no national end was.
            skipped = [s for s in p.steps if s.id in now and s.id not in was
                       and (not s.local or (s.type == "end" and not national_end))]
            if not skipped:
                continue
            path, here = [], skipped[0].id
            while now[here] is not None:
                path.append(now[here])
                here = now[here].source
            path.reverse()
            # The local element nearest the skipped step is what opened the way.
            local = [steps[f.target].origin for f in path if steps[f.target].local]
            at = local[-1] if local else next((f.origin for f in reversed(path) if f.origin.local),
                                              skipped[0].origin)
            via = " -> ".join([path[0].source, *(f.target for f in path)]) if path else skipped[0].id
            found.setdefault(at, ([], via))[0].append(locked.id)
    out = []
    for at, (locked_ids, via) in found.items():
        names = ", ".join(f"'{x}'" for x in locked_ids)
        out.append(Diagnostic(at.file, at.line, at.column, "LOCK001", Severity.ERROR,
                              f"the locked step{'s' if len(locked_ids) > 1 else ''} {names} can be skipped: {via}",
                              "Locked steps are statutory; a local step or flow must not lead past them (let the "
                              "local step lead back into the national flow)."))
    return out
