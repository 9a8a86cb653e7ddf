"""The swimlane diagram of a process as SVG, drawn by Graphviz from the shared layout.

`neato -n2` draws every node at the position layout() gave it and every edge along the given
orthogonal waypoints, so this picture and the BPMN export are one layout. Graphviz sees model text
only inside HTML-like labels (entity-escaped, backslashes doubled); links, tooltips, ids and the
accessible title and description are added afterwards with lxml, so no model text meets DOT's
quoting, record syntax or Graphviz's URL handling.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import Model, Process, Step
from . import graphviz
from .layout import (
    CLOCK,
    LABEL_SIZE,
    NAME_SIZE,
    NOTE_SIZE,
    Box,
    Layout,
    Node,
    dot_quote,
    layout,
    step_notes,
    wrap,
    xml_safe,
)

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "Arial, Helvetica, 'DejaVu Sans', sans-serif"
INK, NOTE_INK, LINE = "#1a2b3c", "#3b4652", "#1f3a5f"
LANE_FILL = ("#f5f7fa", "#ffffff")
# lane borders carry meaning (who does what): 3:1 against white, the lane fill and the header (WCAG 1.4.11)
HEADER_FILL, LANE_LINE = "#e3e9f1", "#748094"
LOCAL_FILL = "#fff7e0"
ARROW = 9  # arrowhead length at arrowsize 0.9
NUMBER = 18  # diameter of a step's number badge

DESC = {"fi": "Vaiheet järjestyksessä", "sv": "Stegen i ordning", "en": "Steps in order"}


def _esc(text: str) -> str:
    """Text for an HTML-like label. Graphviz still expands escString sequences (\\N, \\G) there, so
    backslashes are doubled as well."""
    text = xml_safe(text).replace("\\", "\\\\")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _row(text: str, size: int, color: str = INK, bold: bool = False) -> str:
    body = f"<B>{_esc(text)}</B>" if bold else _esc(text)
    return f'<TR><TD><FONT POINT-SIZE="{size}" COLOR="{color}">{body}</FONT></TD></TR>'


def _html(lines: tuple[str, ...], notes: tuple[str, ...] = (), bold: bool = False, size: int = NAME_SIZE,
          color: str = INK) -> str:
    """An HTML-like label: one table row per line, so lines of two sizes keep even spacing."""
    rows = [_row(s, size, color, bold=bold) for s in lines] + [_row(s, NOTE_SIZE, NOTE_INK) for s in notes]
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">' + "".join(rows) + "</TABLE>>"


def _attrs(**kw: object) -> str:
    out = []
    for k, v in kw.items():
        v = str(v)
        out.append(f"{k}={v}" if v.startswith("<") else f"{k}={dot_quote(v)}")
    return "[" + " ".join(out) + "]"


class _Dot:
    """Collects DOT statements in graphviz points (y up) and each node's centre x for re-centring text."""

    def __init__(self, height: int):
        self.height = height
        self.lines: list[str] = []
        self.centres: dict[str, int] = {}

    def node(self, gid: str, box: Box, **kw: object) -> None:
        self.centres[gid] = box.cx
        self.lines.append(f"{dot_quote(gid)} " + _attrs(
            id=gid, pos=f"{box.cx},{self.height - box.cy}!", width=box.width / 72, height=box.height / 72, **kw))

    def edge(self, gid: str, src: str, tgt: str, points: tuple[tuple[int, int], ...], **kw: object) -> None:
        pts = [(x, self.height - y) for x, y in points]
        (x1, y1), (x2, y2) = pts[-2], pts[-1]
        # The spline stops one arrowhead short of the border; the arrowhead fills the rest.
        sx = (x1 > x2) - (x1 < x2)
        sy = (y1 > y2) - (y1 < y2)
        end = (x2 + sx * ARROW, y2 + sy * ARROW)
        ctrl = [pts[0]]
        for a, b in zip(pts[:-1], [*pts[1:-1], end], strict=True):
            ctrl += [a, b, b]
        spline = f"e,{x2},{y2} " + " ".join(f"{x},{y}" for x, y in ctrl)
        self.lines.append(f"{dot_quote(src)} -> {dot_quote(tgt)} " + _attrs(id=gid, pos=spline, **kw))


def _slug(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", s)


def _node_style(n: Node, step: Step) -> dict[str, object]:
    dashed = ",dashed" if step.local else ""
    fill = LOCAL_FILL if step.local else "#ffffff"
    width = 2.4 if step.local else 1.4
    if n.kind == "task":
        return {"shape": "box", "style": f"rounded,filled{dashed}", "fillcolor": fill, "penwidth": width}
    if n.kind == "decision":
        return {"shape": "diamond", "style": f"filled{dashed}", "fillcolor": fill, "penwidth": width}
    # A BPMN-style end event has a thick border, a start event a thin one.
    return {"shape": "circle", "style": f"filled{dashed}", "fillcolor": fill,
            "penwidth": 4 if n.kind == "end" else max(width, 1.6)}


def _dot(lay: Layout, process: Process, prefix: str) -> tuple[str, dict[str, int]]:
    d = _Dot(lay.height)
    d.lines += [
        "digraph G {",
        "graph " + _attrs(id=f"{prefix}graph", outputorder="nodesfirst", bgcolor="white", pad="0.06"),
        "node " + _attrs(fixedsize="true", label="", fontname="Arial", fontcolor=INK, color=LINE),
        "edge " + _attrs(color=LINE, penwidth="1.3", arrowsize="0.9", fontname="Arial", fontcolor=INK),
    ]
    # Invisible corner pins stop Graphviz from shifting the drawing, so x in the SVG is layout x.
    d.lines.append('"pin0" [shape=point style=invis width=0 height=0 pos="0,0!"]')
    d.lines.append(f'"pin1" [shape=point style=invis width=0 height=0 pos="{lay.width},{lay.height}!"]')
    for k, lane in enumerate(lay.lanes):
        d.node(f"{prefix}lane-{_slug(lane.id)}", lane, shape="box", style="filled",
               fillcolor=LANE_FILL[k % 2], color=LANE_LINE, penwidth=1)
        label = wrap(lane.label, lay.header - 20, NAME_SIZE)
        full = wrap(lane.name, lay.header - 20, NOTE_SIZE) if lane.name != lane.label else ()
        if (len(label) + len(full)) * 16 > lane.height - 16:  # the full name only where it fits
            full = ()
        d.node(f"{prefix}lanehead-{_slug(lane.id)}", Box(lane.x, lane.y, lay.header, lane.height), shape="box",
               style="filled", fillcolor=HEADER_FILL, color=LANE_LINE, penwidth=1,
               label=_html(label, full, bold=True))
    number = {s.id: i for i, s in enumerate(process.steps, 1)}
    for n in lay.nodes:
        step = process.step(n.id)
        gid = f"{prefix}step-{_slug(n.id)}"
        if n.label is None:
            d.node(gid, n, label=_html(n.lines, n.notes), **_node_style(n, step))
        else:
            d.node(gid, n, **_node_style(n, step))
            d.node(f"{gid}-label", n.label, shape="plaintext", label=_html(n.lines, n.notes))
        if n.timer is not None and n.timer_label is not None:
            d.node(f"{gid}-timer", n.timer, shape="doublecircle", style="filled", fillcolor="#ffffff",
                   penwidth=1.2, label=_html((CLOCK,), size=15))
            d.node(f"{gid}-timer-label", n.timer_label, shape="plaintext", label=_html((), (n.timer_text,)))
        # The step's number, as the step table and the step pages count: a badge on the node's
        # top-left corner (the page's viewer keeps it readable when the map is fitted to the screen).
        d.node(f"{gid}-no", Box(n.x - 6, n.y - 6, NUMBER, NUMBER), shape="circle", style="filled",
               fillcolor=LINE, color="#ffffff", penwidth=1, **{"class": "typ-stepno"},
               label=_html((str(number.get(n.id, "")),), bold=True, size=10, color="#ffffff"))
    for k, e in enumerate(lay.edges):
        kw = {}
        if e.label and e.label_box:
            kw = {"label": _html((" ".join(e.label.split()),), size=LABEL_SIZE),
                  "lp": f"{e.label_box.cx},{lay.height - e.label_box.cy}"}
        d.edge(f"{prefix}flow-{k}-{_slug(e.source)}-{_slug(e.target)}", f"{prefix}step-{_slug(e.source)}",
               f"{prefix}step-{_slug(e.target)}", e.waypoints, **kw)
    d.lines.append("}")
    return "\n".join(d.lines), d.centres


def _tooltip(step: Step, process: Process, lang: str) -> str:
    parts = [step.name.get(lang)]
    parts += list(step_notes(step, process, lang))
    if step.deadline and step.deadline.text:
        parts.append(step.deadline.text.get(lang))
    parts += [ref.label() for ref in step.legal_basis]
    if step.description:
        parts.append(step.description.get(lang))
    return xml_safe("\n".join(parts))


def _desc(lay: Layout, process: Process, lang: str) -> str:
    lanes = {lane.id: lane.label for lane in lay.lanes}
    items = []
    for i, s in enumerate(process.steps, 1):
        text = f"{i}. {s.name.get(lang)} ({lanes.get(s.lane, s.lane)})"
        branches = [f"{f.label.get(lang)} → {t.name.get(lang)}" for f in s.flows if f.label
                    and (t := process.step(f.target))]
        if branches:
            text += ": " + ", ".join(branches)
        items.append(text)
    return xml_safe(f"{DESC.get(lang, DESC['fi'])}: " + "; ".join(items) + ".")


def _finish(svg: str, centres: dict[str, int], prefix: str, title: str, desc: str,
            links: dict[str, str], tooltips: dict[str, str]) -> str:
    root = etree.fromstring(svg.encode("utf-8"), etree.XMLParser(remove_comments=True, resolve_entities=False,
                                                                  no_network=True))
    q = f"{{{SVG_NS}}}"
    for el in list(root.iter(f"{q}title")):  # Graphviz titles hold internal node names; ours follow
        el.getparent().remove(el)
    anchors: dict[str, etree._Element] = {}
    for g in list(root.iter(f"{q}g")):
        gid = g.get("id", "")
        if gid in centres:
            for t in g.iter(f"{q}text"):  # centre on the node, whatever the viewer's font width
                t.set("text-anchor", "middle")
                t.set("x", str(centres[gid]))
        step_id = gid.removesuffix("-label").removesuffix("-no")
        if gid.endswith("-no"):
            # The number badge goes whole (the viewer scales it) into its step's link, painted last so it
            # stays on top: the link reads "Ohjaus 2", with the number the step table shows.
            if step_id in anchors:
                g.getparent().remove(g)
                anchors[step_id].append(g)
        elif step_id in anchors:
            # An event's label sits outside its circle in a group of its own: join it to the circle's
            # link, so each step is one tab stop with one name (not a nameless circle plus its text).
            anchors[step_id].extend(list(g))
            g.getparent().remove(g)
        elif step_id in tooltips:
            tip = etree.Element(f"{q}title")
            tip.text = tooltips[step_id]
            kids = list(g)
            g.insert(0, tip)
            if step_id in links:
                # The link is named by its visible name (WCAG 2.5.3); the label's notes (§, deadline)
                # stay visual and in the tooltip, and the page's step table says them in words.
                a = etree.SubElement(g, f"{q}a", href=links[step_id], target="_top")
                a.extend(kids)
                for t in a.iter(f"{q}text"):
                    if t.get("font-size") == f"{NOTE_SIZE:.2f}":
                        t.set("aria-hidden", "true")
                anchors[step_id] = a
    for t in root.iter(f"{q}text"):
        t.set("font-family", FONT)
    for el in root.iter():  # the removed comments leave their blank lines behind
        if el.tail and not el.tail.strip():
            el.tail = "\n"
    t_el = etree.Element(f"{q}title", id=f"{prefix}title")
    t_el.text = xml_safe(title)
    d_el = etree.Element(f"{q}desc", id=f"{prefix}desc")
    d_el.text = desc
    root.insert(0, d_el)
    root.insert(0, t_el)
    # A map with links is a group, not an image: role="img" would hide its links from assistive
    # technology (and axe's nested-interactive); the group is named by the title, described by the desc.
    root.set("role", "group" if anchors else "img")
    root.set("aria-labelledby", f"{prefix}title")
    root.set("aria-describedby", f"{prefix}desc")
    return etree.tostring(root, encoding="unicode") + "\n"


def render_svg(process: Process, model: Model, lang: str = "fi", links: dict[str, str] | None = None,
               title: str | None = None, lay: Layout | None = None) -> str:
    """The process as a swimlane SVG (text, no XML declaration: ready to inline in a page or save).

    links: step id -> URL for that step's node. Ids in the SVG start with the process id, so several
    diagrams can share one page. lay: the layout, when the caller computed it already."""
    lay = lay or layout(process, model, lang)
    prefix = f"{_slug(process.id)}-"
    dot, centres = _dot(lay, process, prefix)
    svg = graphviz.run("neato", "svg", dot.encode("utf-8"), neato_no_op=2)
    gid = {s.id: f"{prefix}step-{_slug(s.id)}" for s in process.steps}
    tooltips = {gid[s.id]: _tooltip(s, process, lang) for s in process.steps}
    link_map = {gid[k]: v for k, v in (links or {}).items() if k in gid}
    title = title or process.name.get(lang)
    return _finish(svg.decode("utf-8"), centres, prefix, title, _desc(lay, process, lang),
                   link_map, tooltips)
