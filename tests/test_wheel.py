"""The year wheel SVG: well-formed, accessible, shape-coded, filtered, escaped, deterministic, unclutterd."""

from __future__ import annotations

import dataclasses
import itertools
import math
import re

import pytest
from lxml import etree

from generator.model import Duty, Model, Rhythm, Role, Text
from generator.render.wheel import CX, CY, R_HOLE, R_MONTH, render_wheel_svg, wheel_table

NS = {"s": "http://www.w3.org/2000/svg"}
EVIL = '<script>alert(1)</script> & "q"'


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode("utf-8"))


def all_text(root: etree._Element) -> str:
    return " ".join(t for t in root.itertext())


def wheel_markers(root: etree._Element) -> list[etree._Element]:
    """Marker groups on the wheel itself (the legend repeats one per duty)."""
    return root.xpath("//s:g[@class='wheel']//s:g[@data-duty]", namespaces=NS)


def with_duties(model: Model, *duties: Duty) -> Model:
    return dataclasses.replace(model, duties=(*model.duties, *duties))


def duty(id: str, months: tuple[int, ...], responsible: str = "asiantuntija", **fields) -> Duty:
    return Duty(id=id, name=Text(fields.pop("name", id)), responsible=responsible, rhythm=Rhythm(months=months),
                **fields)


def test_well_formed_with_title_and_desc(mini_model):
    root = parse(render_wheel_svg(mini_model))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    title, desc = root.find("s:title", NS), root.find("s:desc", NS)
    assert title.text == "Vuosikello: Pieni käsikirja"
    assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
    # the drawing itself is hidden from assistive technology: the desc (and the page's tables) say it
    drawn = [el for el in root if el.tag.split("}")[1] not in ("title", "desc", "defs")]
    assert drawn and all(el.get("aria-hidden") == "true" for el in drawn)
    for d in mini_model.duties:  # the description says in words what the wheel shows
        assert d.name.fi in desc.text
    assert "Tammikuu: 1. Tavoitteiden asettaminen (Johtaja (Yhteinen), lakisääteinen" in desc.text
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_custom_title(mini_model):
    root = parse(render_wheel_svg(mini_model, title="Johtoryhmän vuosikello 2026"))
    assert root.find("s:title", NS).text == "Johtoryhmän vuosikello 2026"


def test_names_every_duty_months_and_rings(mini_model):
    text = all_text(parse(render_wheel_svg(mini_model)))
    for d in mini_model.duties:
        assert d.name.fi in text
    for month in ("TAMMIKUU", "KESÄKUU", "JOULUKUU"):
        assert month in text
    assert "VIRASTO" in text and "YHTEINEN" in text  # one ring per organisation with duties


def test_each_duty_sits_in_each_of_its_months(mini_model):
    placed = sorted((g.get("data-duty"), int(g.get("data-month"))) for g in wheel_markers(parse(
        render_wheel_svg(mini_model))))
    assert placed == [("raportti", 3), ("tavoitteet", 1), ("tilastot", 2), ("tilastot", 5), ("tilastot", 8),
                      ("tilastot", 11)]


def test_statutory_and_practice_use_different_shapes(mini_model):
    root = parse(render_wheel_svg(mini_model))
    for g in wheel_markers(root):
        (shape,) = g.xpath("s:*[contains(@class, 'marker')]", namespaces=NS)
        statutory = g.get("data-duty") == "tavoitteet"
        assert etree.QName(shape).localname == ("rect" if statutory else "circle")
        assert shape.get("class") == ("marker statutory" if statutory else "marker practice")


def test_not_every_year_is_marked(mini_model):
    root = parse(render_wheel_svg(mini_model))
    halos = {g.get("data-duty") for g in wheel_markers(root) if g.xpath("s:*[@class='halo']", namespaces=NS)}
    assert halos == {"raportti"}
    (tip,) = [g.find("s:title", NS).text for g in wheel_markers(root) if g.get("data-duty") == "raportti"]
    assert tip == "3. Raportti – maaliskuu (joka 2. vuosi)"
    # the model's own rhythm text may not say it: the legend then adds the cadence
    text = Rhythm(rrule="FREQ=YEARLY;INTERVAL=5", start="2025-01-01", text=Text("Toimikauden alussa"))
    model = with_duties(mini_model, dataclasses.replace(duty("kausi", ()), rhythm=text))
    assert "Toimikauden alussa (joka 5. vuosi)" in all_text(parse(render_wheel_svg(model)))


def test_year_drops_duties_that_skip_it(mini_model):
    root = parse(render_wheel_svg(mini_model, year=2026))
    assert "raportti" not in {g.get("data-duty") for g in wheel_markers(root)}
    assert "ei vuonna 2026, seuraavan kerran 2027" in all_text(root)
    assert "raportti" in {g.get("data-duty") for g in wheel_markers(parse(render_wheel_svg(mini_model, year=2027)))}


def test_role_filter_drops_other_roles_duties(mini_model):
    model = with_duties(mini_model, duty("yhteinen-tehtava", (6,), participants=("johtaja",), name="Yhteinen juttu"))
    root = parse(render_wheel_svg(model, role="johtaja"))
    assert {g.get("data-duty") for g in wheel_markers(root)} == {"tavoitteet", "raportti", "yhteinen-tehtava"}
    text = all_text(root)
    assert "Tilastojen katsaus" not in text
    assert "Rooli: Johtaja (Yhteinen)" in text
    assert {g.get("data-duty") for g in wheel_markers(parse(render_wheel_svg(model, role="asiantuntija")))} == {
        "tilastot", "yhteinen-tehtava"}
    with pytest.raises(ValueError, match="unknown role"):
        render_wheel_svg(model, role="nobody")


def test_model_text_is_escaped(mini_model):
    model = with_duties(mini_model, duty("paha", (4,), name=EVIL, statutory=True))
    model = dataclasses.replace(model, project=dataclasses.replace(model.project, name=Text(EVIL)))
    svg = render_wheel_svg(model)
    assert "<script" not in svg
    root = parse(svg)
    assert not root.xpath("//*[local-name()='script']")
    assert root.find("s:title", NS).text == f"Vuosikello: {EVIL}"
    assert EVIL in [t.text for t in root.xpath("//s:text[@class='duty-name']", namespaces=NS)]


def test_deterministic(mini_model):
    assert render_wheel_svg(mini_model, lang="sv") == render_wheel_svg(mini_model, lang="sv")
    assert "JANUARI" in render_wheel_svg(mini_model, lang="sv")


def test_table_has_the_wheels_content(mini_model):
    rows = wheel_table(mini_model)
    assert rows[0] == ("Tammikuu", "1", "Tavoitteiden asettaminen", "Johtaja (Yhteinen)", "Lakisääteinen",
                       "vuosittain: tammikuu")
    assert [(r.month, r.duty) for r in rows] == [
        ("Tammikuu", "Tavoitteiden asettaminen"), ("Helmikuu", "Tilastojen katsaus"), ("Maaliskuu", "Raportti"),
        ("Toukokuu", "Tilastojen katsaus"), ("Elokuu", "Tilastojen katsaus"), ("Marraskuu", "Tilastojen katsaus")]
    assert rows[2].rhythm == "joka 2. vuosi: maaliskuu (alkaen 1.3.2025)"
    assert [r.duty for r in wheel_table(mini_model, role="asiantuntija")] == ["Tilastojen katsaus"] * 4
    assert "Raportti" not in [r.duty for r in wheel_table(mini_model, year=2026)]


# ---------------------------------------------------------------- layout: markers never overlap


def _shape(el: etree._Element) -> tuple[str, float, float, float, float]:
    """(kind, centre x, centre y, half size or radius, rotation in radians)."""
    if etree.QName(el).localname == "circle":
        return "circle", float(el.get("cx")), float(el.get("cy")), float(el.get("r")), 0.0
    h = float(el.get("width")) / 2
    turn = re.match(r"rotate\(([-\d.]+)", el.get("transform") or "rotate(0")
    return "square", float(el.get("x")) + h, float(el.get("y")) + h, h, math.radians(float(turn.group(1)))


def _overlap(a: tuple, b: tuple) -> bool:
    """Exact test for circles and rotated squares (separating axes; circle against the square's frame)."""
    (ka, ax, ay, ah, at), (kb, bx, by, bh, bt) = a, b
    if ka == kb == "circle":
        return math.dist((ax, ay), (bx, by)) < ah + bh
    if ka == "circle":
        a, b = b, a
        (ka, ax, ay, ah, at), (kb, bx, by, bh, bt) = a, b
    if kb == "circle":  # b's centre in a's frame, clamped to the square
        dx, dy = bx - ax, by - ay
        u, v = dx * math.cos(at) + dy * math.sin(at), -dx * math.sin(at) + dy * math.cos(at)
        return math.dist((u, v), (max(-ah, min(ah, u)), max(-ah, min(ah, v)))) < bh

    def corners(x: float, y: float, h: float, t: float) -> list[tuple[float, float]]:
        return [(x + sx * h * math.cos(t) - sy * h * math.sin(t), y + sx * h * math.sin(t) + sy * h * math.cos(t))
                for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))]

    ca, cb = corners(ax, ay, ah, at), corners(bx, by, bh, bt)
    for t in (at, at + math.pi / 2, bt, bt + math.pi / 2):
        axis = (math.cos(t), math.sin(t))
        pa = [x * axis[0] + y * axis[1] for x, y in ca]
        pb = [x * axis[0] + y * axis[1] for x, y in cb]
        if max(pa) <= min(pb) or max(pb) <= min(pa):
            return False
    return True


def test_overlap_helper_can_tell():
    assert _overlap(("square", 0, 0, 10, 0), ("square", 15, 15, 10, 0))
    assert not _overlap(("square", 0, 0, 10, 0), ("square", 21, 0, 10, 0))
    assert _overlap(("square", 0, 0, 10, math.radians(45)), ("square", 22, 0, 10, 0))  # a corner pokes in
    assert not _overlap(("circle", 0, 0, 10, 0), ("square", 18, 18, 10, 0))  # bounding boxes would overlap
    assert _overlap(("circle", 0, 0, 10, 0), ("square", 12, 12, 10, 0))


def test_crowded_months_do_not_overlap(mini_model):
    model = dataclasses.replace(mini_model, roles=(*mini_model.roles, Role(
        id="muu", name=Text("Muu"), organisation="virasto")))
    crowd = [duty(f"v{i}", (1, 2, 7), statutory=i % 2 == 0) for i in range(9)]  # outer ring: 9 + tilastot in Feb
    crowd += [duty(f"y{i}", (1, 4), responsible="johtaja", statutory=i % 3 == 0) for i in range(7)]  # inner ring
    model = with_duties(model, *crowd)
    root = parse(render_wheel_svg(model))
    shapes = [_shape(el) for el in root.xpath("//s:g[@class='wheel']//*[contains(@class, 'marker')]",
                                               namespaces=NS)]
    assert len(shapes) == 9 * 3 + 4 + 7 * 2 + 2
    for a, b in itertools.combinations(shapes, 2):
        assert not _overlap(a, b), (a, b)
    for _, x, y, h, _ in shapes:  # inside the rings, clear of the hole and the month band
        r = math.dist((x, y), (CX, CY))
        assert r - h * math.sqrt(2) > R_HOLE and r + h * math.sqrt(2) < R_MONTH


# ---------------------------------------------------------------- in a real browser


@pytest.mark.browser
def test_renders_in_chromium(mini_model):
    from browser import ARTIFACTS, chromium

    model = with_duties(mini_model, duty("pitka", (4, 10), name="Hyvin pitkä tehtävän nimi, joka ei mahdu yhdelle "
                                         "riville legendassa vaan rivittyy siististi kahdelle tai useammalle riville",
                                         statutory=True), duty("paha", (6,), name=EVIL))
    svg = render_wheel_svg(model)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.set_content(f"<!doctype html><html><body style='margin:0'>{svg}</body></html>")
        box = page.locator("svg").bounding_box()
        assert box and box["width"] > 900 and box["height"] > 900
        # measured text boxes of the legend: nothing overlaps and nothing runs off the page
        boxes = page.evaluate("""() => [...document.querySelectorAll('g.legend text')]
            .filter(t => t.textContent)
            .map(t => { const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height, t.textContent]; })""")
        assert len(boxes) > 10
        for x0, _, x1, _, text in boxes:
            assert x0 > 0 and x1 < 1000 - 20, text
        for a, b in itertools.combinations(boxes, 2):
            apart = a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5
            assert apart, (a[4], b[4])
        assert page.evaluate("() => document.querySelectorAll('script').length") == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("svg").screenshot(path=str(ARTIFACTS / "wheel.png"))
        assert (ARTIFACTS / "wheel.png").stat().st_size > 10_000
