"""The swimlane SVG: well-formed, accessible, linked, escaped, deterministic."""

from __future__ import annotations

import pytest
from conftest import AWKWARD
from lxml import etree

from generator.render.swimlane import render_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode("utf-8"))


def node(root: etree._Element, process_id: str, step_id: str) -> etree._Element:
    (g,) = root.iterfind(f".//{SVG}g[@id='{process_id}-step-{step_id}']")
    return g


def words(el: etree._Element) -> str:
    """The visible text of an element, lines joined by single spaces."""
    return " ".join(" ".join(t.itertext()) for t in el.iter(f"{SVG}text"))


def normal(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def mini_svg(mini_model) -> str:
    p = mini_model.processes[0]
    return render_svg(p, mini_model, links={s.id: f"../vaiheet/{s.id}/?a=1&b=2" for s in p.steps})


def test_well_formed_svg_with_accessible_name_and_description(mini_svg, mini_model):
    root = parse(mini_svg)
    # with links inside, a named group (role="img" would hide the links: axe nested-interactive)
    assert root.tag == f"{SVG}svg" and root.get("role") == "group"
    title, desc = root[0], root[1]
    assert title.tag == f"{SVG}title" and title.text == "Asiakasprosessi"
    assert desc.tag == f"{SVG}desc"
    assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
    # The description lists the steps in order, with their lanes and the decision's answers.
    names = [s.name.fi for s in mini_model.processes[0].steps]
    positions = [desc.text.index(n) for n in names]
    assert positions == sorted(positions)
    assert "Kyllä → Suunnitelma" in desc.text and "(Virasto)" in desc.text


def test_title_can_be_given(mini_model):
    root = parse(render_svg(mini_model.processes[0], mini_model, title="Oma otsikko"))
    assert root[0].text == "Oma otsikko"


def test_every_step_is_drawn_with_its_name_link_and_tooltip(mini_svg, mini_model):
    root = parse(mini_svg)
    for i, s in enumerate(mini_model.processes[0].steps, 1):
        g = node(root, "prosessi", s.id)
        assert s.name.fi in words(g)  # an event's label outside its circle is part of the same link
        (a,) = g.iter(f"{SVG}a")
        assert a.get("href") == f"../vaiheet/{s.id}/?a=1&b=2"
        # its accessible name is the visible name and number badge; the §/deadline notes are hidden from it
        named = " ".join(" ".join(t.itertext()) for t in a.iter(f"{SVG}text") if t.get("aria-hidden") != "true")
        assert " ".join(named.split()) == f"{s.name.fi} {i}"
        assert g.find(f"{SVG}title").text.startswith(s.name.fi)
    # one tab stop per step: no second link on a separate label
    hrefs = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert len(hrefs) == len(set(hrefs)) == len(mini_model.processes[0].steps)


def test_without_links_an_image_with_separate_event_labels(mini_model):
    root = parse(render_svg(mini_model.processes[0], mini_model))
    assert root.get("role") == "img" and not list(root.iter(f"{SVG}a"))
    start = mini_model.processes[0].steps[0]
    assert start.name.fi in words(node(root, "prosessi", f"{start.id}-label"))


def test_shapes_say_what_the_step_is(mini_svg):
    root = parse(mini_svg)
    assert node(root, "prosessi", "alku").find(f".//{SVG}ellipse") is not None
    assert node(root, "prosessi", "loppu").find(f".//{SVG}ellipse").get("stroke-width") == "4"
    assert len(node(root, "prosessi", "paatos").find(f".//{SVG}polygon").get("points").split()) == 5  # diamond
    assert node(root, "prosessi", "arviointi").find(f".//{SVG}path") is not None  # rounded box


def test_markers_statutory_deadline_and_branch_labels(mini_svg):
    root = parse(mini_svg)
    assert "§ lakisääteinen" in words(node(root, "prosessi", "arviointi"))
    assert "◷ 3 kk alkaen: Arviointi" in words(node(root, "prosessi", "suunnitelma"))
    edges = " ".join(words(g) for g in root.iter(f"{SVG}g") if g.get("class") == "edge")
    assert "Kyllä" in edges and "Ei" in edges


def test_lanes_are_labelled_with_short_names(larger_model):
    root = parse(render_svg(larger_model.processes[0], larger_model))
    heads = [words(g) for g in root.iter(f"{SVG}g") if "-lanehead-" in g.get("id", "")]
    assert [h.split(" ")[0] for h in heads] == ["Asiakas", "Työvoima", "Hyvinvointialue", "Kela", "TYP-verkosto"]


def test_awkward_text_stays_literal_text(awkward_model):
    svg = render_svg(awkward_model.processes[0], awkward_model, links={"arviointi": 'x" onclick="alert(1)'})
    root = parse(svg)
    assert not [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname == "script"]
    assert all(not k.startswith("on") for el in root.iter() for k in el.attrib)
    g = node(root, "prosessi", "arviointi")
    assert words(g).startswith(normal(AWKWARD))  # wrapped onto lines, but every character kept
    assert g.find(f"{SVG}title").text.startswith(AWKWARD)
    assert g.find(f".//{SVG}a").get("href") == 'x" onclick="alert(1)'
    assert root[0].text == AWKWARD
    assert 'Kyllä <b>"x"</b>' in " ".join(words(e) for e in root.iter(f"{SVG}g") if e.get("class") == "edge")
    assert any(words(e).startswith('<Yht & "x">') for e in root.iter(f"{SVG}g"))


def test_local_step_is_marked_by_text_and_dashed_bold_border(awkward_model, mini_model):
    g = node(parse(render_svg(awkward_model.processes[0], awkward_model)), "prosessi", "suunnitelma")
    assert "(paikallinen)" in words(g)
    outline = g.find(f".//{SVG}path")
    assert outline.get("stroke-dasharray") and float(outline.get("stroke-width")) >= 2
    national = node(parse(render_svg(mini_model.processes[0], mini_model)), "prosessi", "suunnitelma")
    assert "(paikallinen)" not in words(national)
    assert national.find(f".//{SVG}path").get("stroke-dasharray") is None


def test_swedish(mini_model):
    root = parse(render_svg(mini_model.processes[0], mini_model, lang="sv"))
    assert root[0].text == "Kundprocess"
    assert "Bedömning" in words(node(root, "prosessi", "arviointi"))
    assert "§ lagstadgad" in words(node(root, "prosessi", "arviointi"))


def test_byte_identical_across_renders(mini_model, larger_model):
    for m in (mini_model, larger_model):
        assert render_svg(m.processes[0], m) == render_svg(m.processes[0], m)
    assert "graphviz" not in render_svg(mini_model.processes[0], mini_model).lower()


def test_national_model_renders(national_model):
    for p in national_model.processes:
        root = parse(render_svg(p, national_model))
        text = " ".join(words(g) for g in root.iter(f"{SVG}g"))
        for s in p.steps:
            assert normal(s.name.fi) in text
