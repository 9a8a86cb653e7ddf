"""The national and regional handbooks as staff see them, in a real headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import screenshot, serve

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser


def h1(page) -> str:
    """The page heading as a reader sees it (without the ¶ permalink sign)."""
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


@pytest.fixture(scope="module")
def site(all_handbooks) -> Path:
    return all_handbooks  # built once for the session (conftest.py); read only


@pytest.fixture(scope="module")
def model(national_model):
    return national_model


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    yield context.new_page()
    context.close()


def test_front_page_leads_to_a_step_page(site, model, page):
    proc = model.processes[0]
    step = proc.step("arviointi")
    with serve(site) as url:
        page.goto(f"{url}/index.html")
        assert h1(page) == model.project.name.fi
        # Click 1: the process in the navigation; click 2: the step.
        page.locator(".md-sidebar--primary .md-nav__link", has_text=proc.name.fi).first.click()
        page.locator(".md-sidebar--primary a.md-nav__link", has_text=step.name.fi).first.click()
        page.wait_for_url("**/arviointi.html")
        assert h1(page) == step.name.fi
        body = page.locator("article").inner_text()
        assert "Kuka tekee mitä" in body and "Lakiperuste" in body and "Kirjaaminen" in body
        screenshot(page, "step-page.png")


def test_swimlane_is_visible_and_names_every_step(site, model, page):
    proc = model.processes[0]
    with serve(site) as url:
        page.goto(f"{url}/prosessit/{proc.id}/index.html")
        svg = page.locator("figure.typ-diagram svg").first
        svg.wait_for(state="visible")
        box = svg.bounding_box()
        # Fitted to the width (typ-views.js), the whole map is short and wide.
        assert box and box["width"] > 600 and box["height"] > 100
        text = " ".join(svg.text_content().split())
        for s in proc.steps:
            first_word = s.name.fi.split()[0]
            assert first_word in text, s.id
        # Each step in the diagram links to its page.
        page.locator(f"figure.typ-diagram svg a[href='{proc.steps[1].id}.html']").first.click()
        page.wait_for_url(f"**/{proc.steps[1].id}.html")
        screenshot(page, "after-diagram-click.png")
        page.goto(f"{url}/prosessit/{proc.id}/index.html")
        screenshot(page, "process-page.png")


def test_search_finds_inflected_forms_from_a_base_form(site, page):
    with serve(site) as url:
        page.goto(f"{url}/index.html")
        search = page.locator("input.md-search__input")
        search.click()
        # The base form 'suunnitelma' must find pages that only use inflected forms, e.g. the
        # heading 'Suunnitelman tarkistaminen' (genitive).
        search.press_sequentially("suunnitelma", delay=30)
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=15000)
        titles = page.locator(".md-search-result").inner_text()
        assert "Suunnitelman tarkistaminen" in titles
        assert page.locator(".md-search-result__meta").inner_text().split()[0].isdigit()
        screenshot(page, "search.png")


def test_role_page_shows_tasks_and_calendar_duties(site, model, page):
    role = model.role("typ-johtaja")
    duties = [d for d in model.duties if d.responsible == role.id]
    assert duties, "the national model gives the TYP-johtaja calendar duties"
    with serve(site) as url:
        page.goto(f"{url}/roolit/{role.id}.html")
        body = page.locator("article").inner_text()
        assert h1(page) == role.name.fi
        assert "Minun tehtäväni" in body and "Vuosikellon tehtävät" in body
        for d in duties:
            assert d.name.fi in body
        assert page.locator("figure.typ-wheel svg").first.is_visible()
        screenshot(page, "role-page.png")


def test_regional_handbook_marks_local_content(site, page):
    regions = sorted(p.name for p in (site / "alueet").iterdir())
    assert len(regions) >= 2
    with serve(site) as url:
        for region in regions:
            if (site / "alueet" / region / "fi").is_dir():
                region += "/fi"  # a bilingual network (pohjanmaa): its Finnish handbook
            page.goto(f"{url}/alueet/{region}/poikkeamat.html")
            rows = page.locator("article table tbody tr")
            assert rows.count() >= 3
            # Links to the national version of the same element resolve.
            national = page.locator("article table a", has_text="kansallinen").first
            href = national.get_attribute("href")
            assert href.startswith("../../")
            resp = page.request.get(f"{url}/alueet/{region}/{href}")
            assert resp.ok, href
        screenshot(page, "deviations.png")


def test_swedish_handbook_is_one_click_away(site, model, page):
    # National material must exist in Swedish too: the language switcher leads to it and back.
    with serve(site) as url:
        page.goto(f"{url}/index.html")
        page.locator(".md-header .md-select").first.hover()
        page.locator(".md-select__link", has_text="Svenska").first.click()
        page.wait_for_url("**/sv/index.html")
        assert h1(page) == model.project.name.sv
        assert page.locator("html").get_attribute("lang") == "sv"
        step = model.processes[0].step("arviointi")
        page.goto(f"{url}/sv/prosessit/{model.processes[0].id}/arviointi.html")
        assert h1(page) == step.name.sv
        screenshot(page, "swedish-step.png")
        page.locator(".md-header .md-select").first.hover()
        page.locator(".md-select__link", has_text="Suomi").first.click()
        # The switch keeps the page: the same step in Finnish (tests/test_reading_browser.py).
        page.wait_for_url(f"{url}/prosessit/{model.processes[0].id}/arviointi.html")


def test_bilingual_network_switches_between_its_languages(site, page):
    # regions/pohjanmaa lists [sv, fi]: the switch leads from the Swedish step to the same step in the Finnish
    # handbook and back (#14: the switch keeps the page).
    with serve(site) as url:
        page.goto(f"{url}/alueet/pohjanmaa/prosessit/asiakasprosessi/asiointikieli.html")
        assert page.locator("html").get_attribute("lang") == "sv"
        assert h1(page) == "Kundens språk utreds"
        assert page.get_by_text("TYP-koordinatorn frågar kunden", exact=False).first.is_visible()
        screenshot(page, "bilingual-network-step-sv.png")
        page.locator(".md-header .md-select").first.hover()
        page.locator(".md-select__link", has_text="Suomi").first.click()
        page.wait_for_url("**/alueet/pohjanmaa/fi/prosessit/asiakasprosessi/asiointikieli.html")
        assert page.locator("html").get_attribute("lang") == "fi"
        page.locator(".md-header .md-select").first.hover()
        page.locator(".md-select__link", has_text="Svenska").first.click()
        page.wait_for_url("**/alueet/pohjanmaa/prosessit/asiakasprosessi/asiointikieli.html")
        assert page.locator("html").get_attribute("lang") == "sv" and h1(page) == "Kundens språk utreds"


def test_raci_page_offers_the_excel_workbook_in_every_handbook(site, browser):
    """Beside the CSV, a visible link downloads the editable workbook, in the handbook's language."""
    import io
    import warnings

    import openpyxl

    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    handbooks = {"": ("fi", "Ohje"), "sv/": ("sv", "Anvisning"), "alueet/tampereen-seutu/": ("fi", "Ohje")}
    with serve(site) as url:
        for prefix, (lang, legend) in handbooks.items():
            page.goto(f"{url}/{prefix}raci.html")
            link = page.locator("article a[href$='.xlsx']").first
            link.scroll_into_view_if_needed()
            assert link.is_visible() and "XLSX" in link.inner_text()
            assert page.locator("article a[href$='.csv']").first.is_visible()
            with page.expect_download() as info:
                link.click()
            saved = Path(info.value.path())
            assert saved.read_bytes() == (site / prefix / "downloads" / "raci-asiakasprosessi.xlsx").read_bytes()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wb = openpyxl.load_workbook(io.BytesIO(saved.read_bytes()))
            meta = {r[0].value: r[1].value for r in wb["_meta"].iter_rows()}
            assert wb.sheetnames[:2] == ["RACI", legend] and meta["language"] == lang
            assert meta["region"] == ("tampereen-seutu" if "alueet" in prefix else "")
            if not prefix:
                screenshot(page, "raci-downloads.png")
    context.close()
