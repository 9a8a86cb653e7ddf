"""The recording guide, a role's checklist and the indicator catalogue as a worker and a TYP-johtaja see
them at 1400x900 in headless Chromium, served over HTTP from the real `typ build --all` output: the
tables fit the screen, an indicator's record link lands on the record's row, the checklist prints, and the
statistics template downloads as a workbook that opens."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from browser import chromium, screenshot, serve

pytestmark = pytest.mark.browser
VIEW = {"width": 1400, "height": 900}


@pytest.fixture(scope="module")
def page(all_handbooks: Path):
    with serve(all_handbooks) as url, chromium() as browser:
        p = browser.new_page(viewport=VIEW, accept_downloads=True)
        p.base = url
        yield p


def in_view(box) -> bool:
    return box is not None and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= VIEW["width"] \
        and box["y"] + box["height"] <= VIEW["height"]


def no_sideways_scroll(page) -> bool:
    return page.evaluate("() => [...document.querySelectorAll('.md-typeset__table table')]"
                         ".every(t => t.scrollWidth <= t.parentElement.clientWidth + 1)")


def test_guide_shows_a_mandatory_record_with_its_system_field_and_recorder(page):
    page.goto(f"{page.base}/kirjaamisohje/index.html")
    heading = page.locator("h1")
    assert heading.inner_text().startswith("Kirjaamisohje") and in_view(heading.bounding_box())
    page.goto(f"{page.base}/kirjaamisohje/index.html#typ-asiakastietojarjestelma-keha-keskus")
    page.wait_for_timeout(200)
    row = page.locator("tr", has=page.locator("#r-alkamispaiva"))
    assert row.count() == 1
    text = row.inner_text()
    for words in ("Asiakkuuden alkamispäivä", "Pakollinen", "381/2023 4 § 1 mom.", "Päivämäärä",
                  "Kenttä: Asiakkuuden alkamispäivä (havainnollistava)", "Työvoima-asiantuntija",
                  "Heti, kun arviointi aloitetaan", "Vaihe: Monialainen palvelutarpeen arviointi"):
        assert words in text, words
    row.scroll_into_view_if_needed()
    assert in_view(row.bounding_box()) and no_sideways_scroll(page)
    screenshot(page, "recording-guide.png")


def test_indicator_record_link_lands_on_the_record(page):
    page.goto(f"{page.base}/tunnusluvut.html#i-suunnitelma-3kk")
    section = page.locator("#i-suunnitelma-3kk")
    assert in_view(section.bounding_box()) and no_sideways_scroll(page)
    table = page.locator("#i-suunnitelma-3kk ~ .md-typeset__scrollwrap table").first
    assert "on enintään 3 kuukautta" in table.inner_text() and "Tilastokatsaus" in table.inner_text()
    screenshot(page, "indicators.png")
    table.locator("a[href*='#r-suunnitelman-paiva']").first.click()
    page.wait_for_url("**/kirjaamisohje/index.html#r-suunnitelman-paiva")
    page.wait_for_timeout(300)
    target = page.locator("tr", has=page.locator("#r-suunnitelman-paiva"))
    assert in_view(target.bounding_box()) and "Suunnitelman laatimispäivä" in target.inner_text()


def test_checklist_fits_and_prints(page):
    page.goto(f"{page.base}/kirjaamisohje/kela-asiantuntija.html")
    first = page.locator("table tbody tr").first
    assert in_view(first.bounding_box()) and no_sideways_scroll(page)
    assert "☐" in first.inner_text() and "Ohjauksen päivämäärä" in first.inner_text()
    screenshot(page, "recording-checklist.png")
    page.emulate_media(media="print")
    assert page.locator("table tbody tr").first.is_visible()
    assert not page.locator(".md-sidebar--primary").first.is_visible()  # the print view is the list only
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
    page.emulate_media(media="screen")


def test_swedish_guide_and_template_download(page, tmp_path: Path):
    page.goto(f"{page.base}/sv/tunnusluvut.html")
    assert page.locator("h1").inner_text().startswith("Nyckeltal")
    link = page.get_by_role("link", name="Excel-arbetsbok (XLSX)")
    assert link.is_visible()
    with page.expect_download() as dl:
        link.click()
    path = tmp_path / "t.xlsx"
    dl.value.save_as(path)
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "Statistikgenomgång" and ws["B2"].value == "Nya kunder"
