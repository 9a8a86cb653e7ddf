"""The handbook as a worker sees it at 1400x900 (#14), in Debian's Chromium over HTTP: the whole
process on the first screen, a step page that answers "what, by when, what to record" above the
fold, a language switch that keeps the page. Screenshots go to tests/artifacts/reading-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import ARTIFACTS, serve

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser
W, H = 1400, 900


@pytest.fixture(scope="module")
def site(all_handbooks) -> Path:
    return all_handbooks  # built once for the session (conftest.py); read only


@pytest.fixture(scope="module")
def model(national_model):
    return national_model


@pytest.fixture(scope="module")
def served(site):
    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": W, "height": H}, locale="fi-FI")
    yield context.new_page()
    context.close()


def shot(page, name: str, full: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"reading-{name}.png"), full_page=full)


def in_view(box: dict | None, width: int = W, height: int = H) -> bool:
    return bool(box) and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width \
        and box["y"] + box["height"] <= height and box["width"] > 0


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("prefix", ["", "sv/"])
def test_process_map_shows_every_step_on_the_first_screen(served, model, page, prefix):
    for proc in model.processes:
        page.goto(f"{served}/{prefix}prosessit/{proc.id}/index.html")
        fig = page.locator("figure.typ-swimlane")
        fig.locator(".typ-map-canvas").wait_for(state="visible")
        assert no_sideways_scroll(page)
        assert in_view(fig.locator(".typ-map-canvas").bounding_box()), proc.id
        for i, step in enumerate(proc.steps, 1):
            badge = page.locator(f"[id='{proc.id}-step-{step.id}-no']")
            box = badge.bounding_box()
            assert in_view(box), f"{proc.id}: step {i} ({step.id}) is not on the first screen: {box}"
            assert box["width"] >= 16, "the number stays readable when the map is fitted"
            assert badge.locator("text").text_content() == str(i), "the map numbers steps as the table does"
        # Lane names stay in view, in readable type, whatever the zoom.
        lanes = page.locator(".typ-map-lane")
        assert lanes.count() >= 2
        for k in range(lanes.count()):
            lane = lanes.nth(k)
            assert in_view(lane.bounding_box()) and lane.inner_text().strip()
            assert float(lane.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 11
        # The numbered tasks above the map read on their own.
        phases = page.locator("ol.typ-phases li")
        assert phases.count() == sum(s.type == "task" for s in proc.steps)
        assert in_view(phases.first.bounding_box())
        if proc.id == "asiakasprosessi":
            shot(page, f"{prefix.strip('/') or 'fi'}-process")


def test_process_map_zooms_pans_and_fits_again(served, model, page):
    proc = model.process("asiakasprosessi")
    page.goto(f"{served}/prosessit/{proc.id}/index.html")
    fig = page.locator("figure.typ-swimlane")
    canvas = fig.locator(".typ-map-canvas")
    canvas.wait_for(state="visible")
    first = page.locator(f"[id='{proc.id}-step-{proc.steps[0].id}-no']")
    last = page.locator(f"[id='{proc.id}-step-{proc.steps[-1].id}-no']")
    name_size = lambda: page.evaluate(  # noqa: E731 - the on-screen height of a step name's text
        f"document.querySelector(\"[id='{proc.id}-step-arviointi'] text\").getBoundingClientRect().height")
    fitted = name_size()
    for _ in range(3):
        fig.locator("button.typ-map-in").click()
    assert float(fig.get_attribute("data-zoom")) > 3
    assert name_size() > 3 * fitted, "zooming in makes the step names readable"
    assert name_size() >= 10
    visible = [s.id for s in proc.steps
               if in_view(page.locator(f"[id='{proc.id}-step-{s.id}-no']").bounding_box(), height=10_000)]
    assert 0 < len(visible) < len(proc.steps) and no_sideways_scroll(page), "zoomed in, the map shows a part"
    shot(page, "process-zoomed")
    box = canvas.bounding_box()
    probe = page.locator(f"[id='{proc.id}-step-{visible[-1]}-no']")
    x0 = probe.bounding_box()["x"]
    page.mouse.move(box["x"] + box["width"] - 20, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 320, box["y"] + 40, steps=8)
    page.mouse.up()
    assert probe.bounding_box()["x"] < x0 - 200, "dragging pans the map"
    assert page.locator(".typ-map-lane").first.is_visible(), "lane names stay beside the map while panning"
    assert page.url.endswith("/index.html"), "a drag over a step does not open it"
    fig.locator("button.typ-map-fit").click()
    assert fig.get_attribute("data-zoom") == "1.00"
    assert in_view(first.bounding_box()) and in_view(last.bounding_box())
    # A step in the map opens its page.
    page.locator(f"[id='{proc.id}-step-suunnitelma-no']").click()
    page.wait_for_url("**/suunnitelma.html")


@pytest.mark.parametrize(("prefix", "words"), [("", ("Vaihe 15/20", "Milloin", "Mitä kirjataan", "Kuka tekee")),
                                               ("sv/", ("Steg 15/20", "När", "Vad som dokumenteras", "Vem gör"))])
def test_step_page_answers_what_by_when_and_what_to_record_above_the_fold(served, model, page, prefix, words):
    proc = model.process("asiakasprosessi")
    assert proc.steps[14].id == "tarkistaminen" and len(proc.steps) == 20
    page.goto(f"{served}/{prefix}prosessit/{proc.id}/tarkistaminen.html")
    box = page.locator("article .admonition.abstract").first
    assert in_view(box.bounding_box()), "the summary is on the first screen"
    text = box.inner_text()
    assert all(w in text for w in words[1:])
    assert ("Vähintään 3 kuukauden välein" if not prefix else "Med högst 3 månaders mellanrum") in text
    pos = page.locator("nav.typ-stepmap")
    assert in_view(pos.bounding_box()) and words[0] in pos.inner_text()
    current = pos.locator("a[aria-current='step']")
    assert current.inner_text() == "15" and in_view(current.bounding_box())
    shot(page, f"{prefix.strip('/') or 'fi'}-step")
    pos.locator("a", has_text="16").first.click()
    page.wait_for_url(f"**/{proc.steps[15].id}.html")


@pytest.mark.parametrize(("start", "lang", "target"), [
    ("prosessit/asiakasprosessi/tarkistaminen.html", "Svenska", "sv/prosessit/asiakasprosessi/tarkistaminen.html"),
    ("sv/roolit/sosiaalityontekija.html", "Suomi", "roolit/sosiaalityontekija.html"),
    ("sv/raci.html", "Suomi", "raci.html"),
])
def test_language_switch_keeps_the_page(served, page, start, lang, target):
    page.goto(f"{served}/{start}")
    before = page.locator("article h1").first.inner_text()
    page.locator(".md-header .md-select").first.hover()
    page.locator(".md-select__link", has_text=lang).first.click()
    page.wait_for_url(f"{served}/{target}")
    assert page.locator("html").get_attribute("lang") == ("sv" if lang == "Svenska" else "fi")
    assert page.locator("article h1").first.inner_text() != before or "raci" in target


@pytest.mark.parametrize("prefix", ["", "sv/"])
def test_raci_shows_every_role_column_with_sticky_headers(served, model, page, prefix):
    page.goto(f"{served}/{prefix}raci.html")
    assert no_sideways_scroll(page)
    for proc in model.processes:
        wrap = page.locator(f".typ-raci-wrap:has(table[data-process='{proc.id}'])")
        wrap.scroll_into_view_if_needed()
        assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth"), f"{proc.id}: the matrix scrolls sideways"
        heads = wrap.locator("thead th[data-role]")
        roles = {r for row in model.raci if row.process == proc.id for r in row.cells}
        assert heads.count() == len(roles)
        for k in range(heads.count()):
            head = heads.nth(k)
            assert in_view(head.bounding_box()), f"{proc.id}: column {k} is off screen"
            full = head.locator("abbr").get_attribute("title")
            role = model.role(head.get_attribute("data-role"))
            assert full.startswith(role.name.get(prefix.strip("/") or "fi")), "the full name on hover"
        # Scrolled down inside the matrix, the header row and the step column stay in view.
        if wrap.evaluate("w => w.scrollHeight > w.clientHeight + 100"):
            wrap.evaluate("w => { w.scrollIntoView({block: 'start'}); window.scrollBy(0, -70);"
                          " w.scrollTop = w.scrollHeight }")
            top = wrap.bounding_box()["y"]
            assert abs(heads.first.bounding_box()["y"] - top) < 3, "the header row is sticky"
            last = wrap.locator("tbody th[scope='row']").last
            assert in_view(last.bounding_box())
            if proc.id == "asiakasprosessi":
                shot(page, f"{prefix.strip('/') or 'fi'}-raci-scrolled")


def test_role_page_is_an_induction_checklist_and_leads_to_its_raci_column(served, model, page):
    role = model.role("sosiaalityontekija")
    page.goto(f"{served}/roolit/{role.id}.html")
    first = page.locator("article h3 + div > ul > li").first
    first.scroll_into_view_if_needed()
    text = first.inner_text()
    assert "vaihe " in text and "Mitä:" in text and "Kirjaa:" in text, text
    review = page.locator("article li", has_text="Suunnitelman tarkistaminen").filter(has_text="Milloin:").first
    assert "Milloin: vähintään 3 kuukauden välein" in review.inner_text()
    why = page.locator("article table td", has_text="Osallistut; vastuussa on").first
    why.scroll_into_view_if_needed()
    assert why.is_visible()
    shot(page, "role", full=True)
    page.locator("article a", has_text="Näytä roolin vastuut RACI-matriisissa").click()
    page.wait_for_url(f"**/raci.html?rooli={role.id}")
    table = page.locator("table[data-process='asiakasprosessi']")
    head = table.locator(f"thead th[data-role='{role.id}']")
    head.scroll_into_view_if_needed()
    assert "typ-hl" in head.get_attribute("class") and in_view(head.bounding_box())
    assert page.locator(".typ-raci-filter select").first.input_value() == role.id
    dimmed = table.locator("tbody tr.typ-dim").count()
    steps = sum(1 for r in model.raci if r.process == "asiakasprosessi" and role.id not in r.cells)
    assert dimmed == steps
    page.locator(".typ-raci-filter input[type=checkbox]").first.check()
    assert table.locator("tbody tr:visible").count() == table.locator("tbody tr").count() - steps
    shot(page, "raci-role")


def test_year_wheel_marks_this_month_and_its_legend_reads_on_a_phone(served, model, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fi-FI")
    page = context.new_page()
    page.clock.set_fixed_time("2027-03-15T10:00:00")
    page.goto(f"{served}/vuosikello.html")
    month = page.locator("article h3[data-typ-month='3']")
    assert "typ-this-month" in month.get_attribute("class")
    assert page.locator("h3.typ-this-month").count() == 1
    assert "typ-this-month" in page.locator("figure.typ-wheel path[data-month='3']").get_attribute("class")
    items = page.locator(".typ-wheel-legend li")
    assert items.count() == len(model.duties)
    items.first.scroll_into_view_if_needed()
    assert items.first.is_visible()
    assert float(items.first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 13
    assert no_sideways_scroll(page)
    shot(page, "wheel-legend-mobile")
    # A number in the wheel opens its duty.
    marker = page.locator("figure.typ-wheel a").first
    target = marker.get_attribute("href")
    marker.scroll_into_view_if_needed()
    marker.click()
    page.wait_for_url(f"**/vuosikello.html{target}")
    assert in_view(page.locator(target).bounding_box(), width=390, height=844)
    context.close()


def test_deviation_source_line_is_folded_away_until_asked(served, page):
    page.goto(f"{served}/alueet/tampereen-seutu/poikkeamat.html")
    assert no_sideways_scroll(page)
    table = page.locator("article table").first
    for head in ("Kansallinen malli", "Tämä alue", "Perustelu"):
        assert in_view(table.locator("th", has_text=head).bounding_box()), head
    source = table.locator("details.typ-source").first
    code = source.locator("code")
    assert not code.is_visible()
    source.locator("summary").click()
    assert code.is_visible() and ".yaml:" in code.inner_text()
    shot(page, "deviations")
