"""The BPMN 2.0 export: valid against the official XSD, parseable by a BPMN engine, complete DI."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
import SpiffWorkflow
import xmlschema
from conftest import AWKWARD
from lxml import etree
from SpiffWorkflow.bpmn.parser import BpmnParser

from generator.render.bpmn import render_bpmn

NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
}
SCHEMA_DIR = Path(SpiffWorkflow.__file__).parent / "bpmn" / "parser" / "schema"
FLOW_NODES = ("startEvent", "endEvent", "userTask", "exclusiveGateway", "boundaryEvent")


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMA_DIR / "BPMN20.xsd"))


@pytest.fixture(params=["mini", "larger", "awkward", "national"])
def model(request):
    return request.getfixturevalue(f"{request.param}_model")


@pytest.fixture
def xml(model) -> bytes:
    return render_bpmn(model.processes[0], model)


def tree(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


def bounds(el: etree._Element) -> tuple[float, float, float, float]:
    b = el.find("dc:Bounds", NS)
    return tuple(float(b.get(k)) for k in ("x", "y", "width", "height"))


def overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_valid_against_the_official_bpmn_xsd(xml, schema):
    errors = [str(e) for e in schema.iter_errors(xml.decode("utf-8"))]
    assert not errors, errors[:3]


def test_a_bpmn_engine_parses_it(xml, model):
    # SpiffWorkflow only builds executable processes; ours is documentation (isExecutable="false"),
    # so flip the flag for this structural check of gateways, flows and boundary events.
    parser = BpmnParser()
    parser.add_bpmn_str(xml.replace(b'isExecutable="false"', b'isExecutable="true"'))
    spec = parser.get_spec(f"Process_{model.processes[0].id}")
    for s in model.processes[0].steps:
        assert f"Step_{s.id.replace('-', '_')}" in spec.task_specs


def test_header_collaboration_and_process(xml, model):
    root = tree(xml)
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert root.get("exporter") == "typ" and root.get("targetNamespace")
    (participant,) = root.findall("bpmn:collaboration/bpmn:participant", NS)
    (process,) = root.findall("bpmn:process", NS)
    assert participant.get("processRef") == process.get("id") == f"Process_{model.processes[0].id}"


def test_ids_are_ncnames_and_unique(xml):
    ids = [el.get("id") for el in tree(xml).iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert all(i[0].isalpha() and "-" not in i for i in ids)


def test_every_step_is_exactly_one_element_with_its_name(xml, model):
    process = tree(xml).find("bpmn:process", NS)
    kinds = {"start": "startEvent", "task": "userTask", "decision": "exclusiveGateway", "end": "endEvent"}
    for s in model.processes[0].steps:
        found = process.findall(f"*[@id='Step_{s.id.replace('-', '_')}']")
        assert len(found) == 1
        assert etree.QName(found[0]).localname == kinds[s.type]
        assert found[0].get("name") == s.name.fi
        assert len([el for el in process if el.get("name") == s.name.fi]) == 1


def test_flows_with_refs_and_branch_names(xml, model):
    process = tree(xml).find("bpmn:process", NS)
    flows = process.findall("bpmn:sequenceFlow", NS)
    assert len(flows) == len(model.processes[0].flows)
    by_id = {el.get("id"): el for el in process.iter() if el.get("id")}
    for f, el in zip(model.processes[0].flows, flows, strict=True):
        src, tgt = by_id[el.get("sourceRef")], by_id[el.get("targetRef")]
        assert (src.get("id"), tgt.get("id")) == (f"Step_{f.source}".replace("-", "_"),
                                                  f"Step_{f.target}".replace("-", "_"))
        assert el.get("id") in [o.text for o in src.findall("bpmn:outgoing", NS)]
        assert el.get("id") in [i.text for i in tgt.findall("bpmn:incoming", NS)]
        assert el.get("name") == (f.label.fi if f.label else None)


def test_lanes_in_model_order_reference_every_node(xml, model):
    process = tree(xml).find("bpmn:process", NS)
    lanes = process.findall("bpmn:laneSet/bpmn:lane", NS)
    used = [o.id for o in model.organisations if any(s.lane == o.id for s in model.processes[0].steps)]
    assert [lane.get("id") for lane in lanes] == [f"Lane_{o}".replace("-", "_") for o in used]
    refs = [r.text for lane in lanes for r in lane.findall("bpmn:flowNodeRef", NS)]
    nodes = [el.get("id") for t in FLOW_NODES for el in process.findall(f"bpmn:{t}", NS)]
    assert sorted(refs) == sorted(nodes)


def test_di_is_complete_and_points_at_real_elements(xml):
    root = tree(xml)
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    plane = root.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    assert plane.get("bpmnElement") == root.find("bpmn:collaboration", NS).get("id")
    shapes = {s.get("bpmnElement") for s in plane.findall("bpmndi:BPMNShape", NS)}
    edges = {e.get("bpmnElement") for e in plane.findall("bpmndi:BPMNEdge", NS)}
    assert shapes | edges <= ids
    process = root.find("bpmn:process", NS)
    needs_shape = [el.get("id") for t in (*FLOW_NODES, "laneSet/bpmn:lane") for el in process.findall(f"bpmn:{t}", NS)]
    needs_shape.append(root.find("bpmn:collaboration/bpmn:participant", NS).get("id"))
    assert sorted(shapes) == sorted(needs_shape)
    assert sorted(edges) == sorted(f.get("id") for f in process.findall("bpmn:sequenceFlow", NS))
    for s in plane.findall("bpmndi:BPMNShape", NS):
        if s.get("bpmnElement").startswith(("Lane_", "Participant_")):
            assert s.get("isHorizontal") == "true"


def test_shapes_sit_in_their_lanes_and_do_not_overlap(xml):
    root = tree(xml)
    plane = root.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    box = {s.get("bpmnElement"): bounds(s) for s in plane.findall("bpmndi:BPMNShape", NS)}
    process = root.find("bpmn:process", NS)
    attached = {el.get("id"): el.get("attachedToRef") for el in process.findall("bpmn:boundaryEvent", NS)}
    pool = box[root.find("bpmn:collaboration/bpmn:participant", NS).get("id")]
    for lane in process.findall("bpmn:laneSet/bpmn:lane", NS):
        lx, ly, lw, lh = box[lane.get("id")]
        assert pool[0] <= lx and lx + lw <= pool[0] + pool[2] and pool[1] <= ly and ly + lh <= pool[1] + pool[3]
        for ref in lane.findall("bpmn:flowNodeRef", NS):
            x, y, w, h = box[ref.text]
            assert lx <= x and x + w <= lx + lw and ly <= y and y + h <= ly + lh, ref.text
    nodes = [i for i in box if i.startswith(("Step_", "Timer_"))]
    for a, b in combinations(nodes, 2):
        if attached.get(a) == b or attached.get(b) == a:
            continue
        assert not overlap(box[a], box[b]), (a, b)


def test_edges_are_orthogonal_and_touch_their_shapes(xml):
    root = tree(xml)
    plane = root.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    box = {s.get("bpmnElement"): bounds(s) for s in plane.findall("bpmndi:BPMNShape", NS)}
    flows = {f.get("id"): f for f in root.iterfind("bpmn:process/bpmn:sequenceFlow", NS)}
    for e in plane.findall("bpmndi:BPMNEdge", NS):
        pts = [(float(p.get("x")), float(p.get("y"))) for p in e.findall("di:waypoint", NS)]
        assert len(pts) >= 2
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in zip(pts, pts[1:], strict=False))
        for p, ref in ((pts[0], "sourceRef"), (pts[-1], "targetRef")):
            x, y, w, h = box[flows[e.get("bpmnElement")].get(ref)]
            assert x <= p[0] <= x + w and y <= p[1] <= y + h


def test_deadline_is_a_non_interrupting_timer(mini_model):
    process = tree(render_bpmn(mini_model.processes[0], mini_model)).find("bpmn:process", NS)
    (timer,) = process.findall("bpmn:boundaryEvent", NS)
    assert timer.get("attachedToRef") == "Step_suunnitelma" and timer.get("cancelActivity") == "false"
    assert timer.get("id") == "Timer_suunnitelma"
    assert timer.findtext("bpmn:timerEventDefinition/bpmn:timeDuration", namespaces=NS) == "P3M"
    assert "Arviointi" in timer.findtext("bpmn:documentation", namespaces=NS)


def test_repeating_deadline_is_a_timer_cycle(larger_model):
    process = tree(render_bpmn(larger_model.processes[0], larger_model)).find("bpmn:process", NS)
    timers = {t.get("attachedToRef"): t for t in process.findall("bpmn:boundaryEvent", NS)}
    assert sorted(timers) == ["Step_suunnitelma", "Step_tarkistus"]
    cycle = timers["Step_tarkistus"].findtext("bpmn:timerEventDefinition/bpmn:timeCycle", namespaces=NS)
    assert cycle == "R/P3M"


def test_documentation_carries_the_description(mini_model):
    task = tree(render_bpmn(mini_model.processes[0], mini_model)).find(".//bpmn:userTask[@id='Step_arviointi']", NS)
    assert task.findtext("bpmn:documentation", namespaces=NS) == "Arvioidaan tarve yhdessä."
    assert etree.QName(task[0]).localname == "documentation"  # the XSD wants it first


def test_awkward_text_round_trips(awkward_model):
    xml = render_bpmn(awkward_model.processes[0], awkward_model)
    root = tree(xml)
    assert b"<script>" not in xml
    task = root.find(".//bpmn:userTask[@id='Step_arviointi']", NS)
    assert task.get("name") == AWKWARD
    assert task.findtext("bpmn:documentation", namespaces=NS) == AWKWARD
    assert root.find("bpmn:process", NS).get("name") == AWKWARD
    assert root.find(".//bpmn:sequenceFlow[@id='Flow_paatos_suunnitelma']", NS).get("name") == 'Kyllä <b>"x"</b>'
    assert root.find(".//bpmn:lane[@id='Lane_yhteinen']", NS).get("name") == '<Yht & "x">'


def test_byte_identical_across_renders(model):
    p = model.processes[0]
    assert render_bpmn(p, model) == render_bpmn(p, model)


def test_swedish(mini_model):
    root = tree(render_bpmn(mini_model.processes[0], mini_model, lang="sv"))
    assert root.find(".//bpmn:userTask[@id='Step_arviointi']", NS).get("name") == "Bedömning"
    assert root.find(".//bpmn:participant", NS).get("name") == "Kundprocess"
