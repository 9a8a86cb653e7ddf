"""Columns from Graphviz: `dot` ranks the flow graph (breaking cycles, ordering each rank to reduce
crossings); we keep only each node's column and its order within the column."""

from __future__ import annotations

import json

from ...model import Process
from .. import graphviz


def dot_quote(s: str) -> str:
    """A DOT id or attribute value in double quotes (Graphviz reads \\ and \" escapes)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ranks(process: Process) -> dict[str, tuple[int, float]]:
    """step id -> (column, order within the column, top first), from `dot` with rankdir=LR."""
    ids = [s.id for s in process.steps]
    known = set(ids)
    lines = ["digraph G {", "rankdir=LR;", 'node [shape=box fixedsize=true width=1.5 height=0.8 label=""];']
    lines += [f"{dot_quote(i)};" for i in ids]
    lines += [f"{dot_quote(f.source)} -> {dot_quote(f.target)};" for f in process.flows if f.target in known]
    lines.append("}")
    out = graphviz.run("dot", "json", "\n".join(lines).encode("utf-8"))
    pos = {o["name"]: tuple(map(float, o["pos"].split(","))) for o in json.loads(out).get("objects", [])
           if "pos" in o}
    column = {x: c for c, x in enumerate(sorted({round(x) for x, _ in pos.values()}))}
    return {i: (column[round(pos[i][0])], -pos[i][1]) for i in ids}
