"""One layout of a process, shared by the swimlane SVG and the BPMN export, so the two never disagree.

Lanes are horizontal bands (one per organisation that has steps, in the model's organisation order);
the process flows left to right. Graphviz `dot` ranks the flow graph; we turn its ranks into columns,
place each node inside its lane's band, route every edge orthogonally on a sparse grid around the
shapes and put branch labels beside their flows. The stages live in render/diagram/, one job each;
this module is their entry point and the names the renderers use.
"""

from __future__ import annotations

from ..model import Model, Process
from .diagram.geometry import Box, Edge, Lane, Layout, Node, Point
from .diagram.labels import Buckets, label_box
from .diagram.place import EVENT, POOL_HEADER, TIMER_INSET, flow_label, place
from .diagram.ranks import dot_quote
from .diagram.route import MARGIN, route_all
from .diagram.text import (
    CLOCK,
    LABEL_SIZE,
    NAME_SIZE,
    NOTE_SIZE,
    deadline_note,
    duration,
    step_notes,
    text_width,
    words,
    wrap,
    xml_safe,
)

__all__ = [
    "CLOCK", "EVENT", "LABEL_SIZE", "MARGIN", "NAME_SIZE", "NOTE_SIZE", "POOL_HEADER", "TIMER_INSET",
    "Box", "Edge", "Lane", "Layout", "Node", "Point",
    "deadline_note", "dot_quote", "duration", "layout", "step_notes", "text_width", "words", "wrap", "xml_safe",
]


def layout(process: Process, model: Model, lang: str = "fi") -> Layout:
    lanes, nodes, width, header = place(process, model, lang)
    height = sum(lane.height for lane in lanes)
    area = Box(POOL_HEADER + header, 0, width - POOL_HEADER - header, height)
    routes = route_all(process, nodes, area)
    taken, lines = Buckets(), Buckets()
    for n in nodes.values():
        for b in (n, *n.extras):
            taken.add(b.x, b.right, b)
    for k, (_, points) in enumerate(routes):
        for a, b in zip(points, points[1:], strict=False):
            lines.add(min(a[0], b[0]), max(a[0], b[0]), (k, a, b))
    edges = []
    for k, (f, points) in enumerate(routes):
        text = flow_label(f, lang)
        box = None
        if text:
            box = label_box(text, points, taken, lines, k)
            taken.add(box.x, box.right, box)
        edges.append(Edge(f.source, f.target, text, points, box))
    return Layout(process.id, tuple(lanes), tuple(nodes[s.id] for s in process.steps), tuple(edges), width, height,
                  header)
