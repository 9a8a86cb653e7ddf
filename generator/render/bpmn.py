"""A process as BPMN 2.0 XML with complete diagram interchange (DI), from the shared layout.

Tools like bpmn-js (Camunda Modeler) cannot open BPMN without DI, so every pool, lane, flow node,
boundary event and sequence flow gets its shape or edge at the coordinates layout() computed, the
same ones the swimlane SVG uses. Ids derive from model ids (`Step_<id>`, `Flow_<src>_<tgt>`,
`Lane_<org>`, `Timer_<id>`), so exports of the same model are byte-identical and diff well.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import Model, Process, Step
from .layout import CLOCK, NAME_SIZE, POOL_HEADER, Box, Layout, Node, deadline_note, layout, text_width, xml_safe

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}

ELEMENT = {"start": "startEvent", "task": "userTask", "decision": "exclusiveGateway", "end": "endEvent"}


def _b(tag: str) -> str:
    return f"{{{BPMN}}}{tag}"


def ncname(prefix: str, model_id: str) -> str:
    """`Step_` + the model id with anything outside [A-Za-z0-9_] (hyphens included) as underscores."""
    return f"{prefix}_{re.sub(r'[^A-Za-z0-9_]', '_', model_id)}"


def _text(parent: etree._Element, tag: str, text: str | None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, **attrs)
    if text is not None:
        el.text = xml_safe(text)
    return el


def _flow_ids(process: Process, nodes: set[str]) -> list[str]:
    """One id per drawable flow, in flow order; a repeated id (two flows alike) gets _2, _3..."""
    ids: list[str] = []
    for f in process.flows:
        if f.target in nodes:
            base = fid = ncname("Flow", f"{f.source}_{f.target}")
            k = 1
            while fid in ids:
                k += 1
                fid = f"{base}_{k}"
            ids.append(fid)
    return ids


def _semantic(process: Process, lay: Layout, lang: str, flow_ids: list[str]) -> etree._Element:
    proc = etree.Element(_b("process"), id=ncname("Process", process.id), name=xml_safe(process.name.get(lang)),
                         isExecutable="false")
    if process.description:
        _text(proc, _b("documentation"), process.description.get(lang))
    lane_set = etree.SubElement(proc, _b("laneSet"), id=ncname("LaneSet", process.id))
    timers = [n for n in lay.nodes if n.timer is not None]
    for lane in lay.lanes:
        el = etree.SubElement(lane_set, _b("lane"), id=ncname("Lane", lane.id), name=xml_safe(lane.label))
        if lane.name != lane.label:
            _text(el, _b("documentation"), lane.name)
        for n in lay.nodes:
            if n.lane == lane.id:
                _text(el, _b("flowNodeRef"), ncname("Step", n.id))
        for n in timers:
            if n.lane == lane.id:
                _text(el, _b("flowNodeRef"), ncname("Timer", n.id))

    drawn = [f for f in process.flows if f.target in {n.id for n in lay.nodes}]
    for n in lay.nodes:
        step = process.step(n.id)
        el = etree.SubElement(proc, _b(ELEMENT[n.kind]), id=ncname("Step", n.id), name=xml_safe(step.name.get(lang)))
        if step.description:
            _text(el, _b("documentation"), step.description.get(lang))
        for f, fid in zip(drawn, flow_ids, strict=True):
            if f.target == n.id:
                _text(el, _b("incoming"), fid)
        for f, fid in zip(drawn, flow_ids, strict=True):
            if f.source == n.id:
                _text(el, _b("outgoing"), fid)
    for n in timers:
        _timer(proc, process.step(n.id), n, process, lang)
    for f, fid in zip(drawn, flow_ids, strict=True):
        el = etree.SubElement(proc, _b("sequenceFlow"), id=fid, sourceRef=ncname("Step", f.source),
                              targetRef=ncname("Step", f.target))
        if f.label:
            el.set("name", xml_safe(f.label.get(lang)))
            if process.step(f.source).type == "decision":
                # The answer as a natural-language condition: tExpression is BPMN's non-executable kind.
                _text(el, _b("conditionExpression"), f.label.get(lang), **{f"{{{XSI}}}type": "bpmn:tExpression"})
    return proc


def _timer(proc: etree._Element, step: Step, node: Node, process: Process, lang: str) -> None:
    """A deadline: a non-interrupting timer on the task's border. A repeating one is a cycle (R/P3M)."""
    dl = step.deadline
    el = etree.SubElement(proc, _b("boundaryEvent"), id=ncname("Timer", step.id), name=xml_safe(node.timer_text),
                          attachedToRef=ncname("Step", step.id), cancelActivity="false")
    note = (deadline_note(step, process, lang) or "").removeprefix(f"{CLOCK} ")
    if dl.text:
        note += f"\n{dl.text.get(lang)}"
    _text(el, _b("documentation"), note)
    definition = etree.SubElement(el, _b("timerEventDefinition"), id=ncname("TimerDefinition", step.id))
    tag, value = ("timeCycle", f"R/{dl.within}") if dl.repeat else ("timeDuration", dl.within)
    _text(definition, _b(tag), value, **{f"{{{XSI}}}type": "bpmn:tFormalExpression"})


def _bounds(parent: etree._Element, box: Box) -> None:
    etree.SubElement(parent, f"{{{DC}}}Bounds", x=str(box.x), y=str(box.y), width=str(box.width),
                     height=str(box.height))


def _shape(plane: etree._Element, element_id: str, box: Box, label: Box | None = None, **attrs: str) -> None:
    shape = etree.SubElement(plane, f"{{{BPMNDI}}}BPMNShape", id=f"{element_id}_di", bpmnElement=element_id,
                             **attrs)
    _bounds(shape, box)
    if label is not None:
        _bounds(etree.SubElement(shape, f"{{{BPMNDI}}}BPMNLabel"), label)


def _inner_label(n: Node) -> Box:
    """A decision's name sits inside its diamond, as in the swimlane SVG."""
    w = max(text_width(s, NAME_SIZE) for s in n.lines) + 8
    h = len(n.lines) * 16 + 4
    return Box(n.cx - w // 2, n.cy - h // 2, w, h)


def _diagram(process: Process, lay: Layout, flow_ids: list[str]) -> etree._Element:
    diagram = etree.Element(f"{{{BPMNDI}}}BPMNDiagram", id=ncname("Diagram", process.id))
    plane = etree.SubElement(diagram, f"{{{BPMNDI}}}BPMNPlane", id=ncname("Plane", process.id),
                             bpmnElement=ncname("Collaboration", process.id))
    pool = Box(lay.lanes[0].x - POOL_HEADER, 0, lay.width, lay.height)
    _shape(plane, ncname("Participant", process.id), pool, isHorizontal="true")
    for lane in lay.lanes:
        _shape(plane, ncname("Lane", lane.id), lane, isHorizontal="true")
    for n in lay.nodes:
        label = n.label if n.kind in ("start", "end") else _inner_label(n) if n.kind == "decision" else None
        _shape(plane, ncname("Step", n.id), n, label)
    for n in lay.nodes:
        if n.timer is not None:
            _shape(plane, ncname("Timer", n.id), n.timer, n.timer_label)
    for e, fid in zip(lay.edges, flow_ids, strict=True):
        edge = etree.SubElement(plane, f"{{{BPMNDI}}}BPMNEdge", id=f"{fid}_di", bpmnElement=fid)
        for x, y in e.waypoints:
            etree.SubElement(edge, f"{{{DI}}}waypoint", x=str(x), y=str(y))
        if e.label_box is not None:
            _bounds(etree.SubElement(edge, f"{{{BPMNDI}}}BPMNLabel"), e.label_box)
    return diagram


def render_bpmn(process: Process, model: Model, lang: str = "fi", lay: Layout | None = None) -> bytes:
    """BPMN 2.0 XML (UTF-8, with declaration): a collaboration with one pool, one lane per organisation.

    lay: the layout, when the caller computed it already (the swimlane SVG uses the same one)."""
    lay = lay or layout(process, model, lang)
    flow_ids = _flow_ids(process, {n.id for n in lay.nodes})
    root = etree.Element(_b("definitions"), nsmap=NSMAP, id=ncname("Definitions", process.id),
                         targetNamespace=f"urn:typ:{model.project.id}", exporter="typ")
    collab = etree.SubElement(root, _b("collaboration"), id=ncname("Collaboration", process.id))
    etree.SubElement(collab, _b("participant"), id=ncname("Participant", process.id),
                     name=xml_safe(process.name.get(lang)), processRef=ncname("Process", process.id))
    root.append(_semantic(process, lay, lang, flow_ids))
    root.append(_diagram(process, lay, flow_ids))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
