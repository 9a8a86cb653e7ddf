"""The shared process layout: lanes in model order, nodes inside their lanes, clean orthogonal edges."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from itertools import combinations

import pytest
from conftest import REPO

from generator.model import Flow, Organisation, Text
from generator.render.layout import Box, Layout, layout


@pytest.fixture(scope="module")
def skipping_model(mini_model):
    """The mini model plus a flow from the start straight to the end, past the steps on its lane."""
    steps = tuple(replace(s, flows=(*s.flows, Flow("alku", "loppu"))) if s.id == "alku" else s
                  for s in mini_model.processes[0].steps)
    return replace(mini_model, processes=(replace(mini_model.processes[0], steps=steps),))


@pytest.fixture(params=["mini", "larger", "national", "skipping"])
def model(request):
    return request.getfixturevalue(f"{request.param}_model")


@pytest.fixture
def lay(model) -> Layout:
    return layout(model.processes[0], model)


def shrunk(b: Box) -> Box:
    return Box(b.x + 1, b.y + 1, b.width - 2, b.height - 2)


def crosses(box: Box, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether the axis-parallel segment a-b touches the box (borders included)."""
    (x0, x1), (y0, y1) = sorted((a[0], b[0])), sorted((a[1], b[1]))
    return x0 <= box.right and box.x <= x1 and y0 <= box.bottom and box.y <= y1


def on_border(box: Box, p: tuple[int, int]) -> bool:
    x, y = p
    inside_x, inside_y = box.x <= x <= box.right, box.y <= y <= box.bottom
    return (x in (box.x, box.right) and inside_y) or (y in (box.y, box.bottom) and inside_x)


def test_lanes_follow_model_order_and_stack_without_gaps(lay, model):
    expected = [o.id for o in model.organisations if any(s.lane == o.id for s in model.processes[0].steps)]
    assert [lane.id for lane in lay.lanes] == expected
    assert lay.lanes[0].y == 0 and lay.lanes[-1].bottom == lay.height
    for upper, lower in zip(lay.lanes, lay.lanes[1:], strict=False):
        assert upper.bottom == lower.y
        assert (upper.x, upper.width) == (lower.x, lower.width)
        assert not upper.overlaps(lower)


def test_lane_order_is_the_models_not_alphabetical_nor_graphviz(mini_model):
    reordered = replace(mini_model, organisations=tuple(reversed(mini_model.organisations)))
    assert [lane.id for lane in layout(reordered.processes[0], reordered).lanes] == ["yhteinen", "virasto"]
    assert [lane.id for lane in layout(mini_model.processes[0], mini_model).lanes] == ["virasto", "yhteinen"]


def test_only_organisations_with_steps_get_a_lane(mini_model):
    extra = replace(mini_model, organisations=(Organisation("tyhja", name=Text("Tyhjä")), *mini_model.organisations))
    assert "tyhja" not in [lane.id for lane in layout(extra.processes[0], extra).lanes]


def test_lane_label_is_short_name_else_name(larger_model):
    lanes = {lane.id: lane for lane in layout(larger_model.processes[0], larger_model).lanes}
    assert (lanes["kela"].label, lanes["kela"].name) == ("Kela", "Kansaneläkelaitos")
    assert lanes["asiakas"].label == "Asiakas"


def test_every_node_and_its_labels_sit_inside_its_lane(lay, model):
    lanes = {lane.id: lane for lane in lay.lanes}
    assert [n.id for n in lay.nodes] == [s.id for s in model.processes[0].steps]
    for n in lay.nodes:
        lane = lanes[model.processes[0].step(n.id).lane]
        for b in (n, *n.extras):
            assert lane.x <= b.x and b.right <= lane.right, n.id
            assert lane.y <= b.y and b.bottom <= lane.bottom, n.id


def test_no_two_shapes_overlap(lay):
    shapes = []  # (owner, kind, box)
    for n in lay.nodes:
        shapes += [(n.id, "node", n), (n.id, "timer", n.timer), (n.id, "text", n.timer_label), (n.id, "text", n.label)]
    shapes += [(f"{e.source}->{e.target}", "text", e.label_box) for e in lay.edges]
    shapes = [s for s in shapes if s[2] is not None]
    for (oa, ka, a), (ob, kb, b) in combinations(shapes, 2):
        if oa == ob and {ka, kb} == {"node", "timer"}:
            continue  # a timer sits on its own task's border
        assert not a.overlaps(b), f"{oa} {ka} {a} overlaps {ob} {kb} {b}"


def test_edges_are_orthogonal_and_run_border_to_border(lay):
    assert lay.edges
    for e in lay.edges:
        pts = e.waypoints
        assert len(pts) >= 2
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            assert x0 == x1 or y0 == y1, f"{e.source}->{e.target} has a diagonal segment"
            assert (x0, y0) != (x1, y1)
        assert on_border(lay.node(e.source), pts[0]), e
        assert on_border(lay.node(e.target), pts[-1]), e


def test_edges_avoid_every_shape_but_their_own_ends(lay):
    for e in lay.edges:
        for n in lay.nodes:
            own = n.id in (e.source, e.target)
            for b in [] if own else [n, *n.extras]:
                for a, c in zip(e.waypoints, e.waypoints[1:], strict=False):
                    assert not crosses(shrunk(b), a, c), f"{e.source}->{e.target} crosses {n.id}"


def test_branch_labels_are_placed_and_branches_leave_by_different_sides(lay, model):
    for e in lay.edges:
        assert (e.label is None) == (e.label_box is None)
    for s in model.processes[0].steps:
        if s.type == "decision":
            firsts = [e.waypoints[0] for e in lay.edges if e.source == s.id]
            assert len(set(firsts)) == len(firsts), f"branches of {s.id} share a side"


def test_deadline_gets_a_timer_on_its_tasks_lower_border(mini_model):
    n = layout(mini_model.processes[0], mini_model).node("suunnitelma")
    assert n.timer is not None and n.timer.cy == n.bottom and n.x < n.timer.cx < n.right
    assert n.timer_text == "3 kk"
    assert "◷ 3 kk alkaen: Arviointi" in n.notes


def test_layout_is_deterministic(model):
    p = model.processes[0]
    assert layout(p, model) == layout(p, model)
    assert repr(layout(p, model)) == repr(layout(p, model))


def test_layout_does_not_depend_on_the_hash_seed(larger_model):
    """Set iteration order changes with PYTHONHASHSEED; the layout must not."""
    code = ("from generator.compile import compile_model; from generator.render.layout import layout; "
            "m = compile_model(__import__('pathlib').Path('tests/fixtures/bpmn')).model; "
            "print(repr(layout(m.processes[0], m)))")
    runs = {subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert runs == {repr(layout(larger_model.processes[0], larger_model)) + "\n"}
