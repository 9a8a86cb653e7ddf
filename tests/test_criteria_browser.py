"""The criteria pages as a worker sees them at 1400x900 in headless Chromium: the four lists side by side,
each person's two stories side by side, a factor's link landing on its criterion."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import chromium, screenshot, serve

from generator.site.build import build

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser
VIEW = {"width": 1400, "height": 900}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("criteria") / "site"
    assert [d for d in build(REPO, out) if d.severity.value == "error"] == []
    return out


@pytest.fixture(scope="module")
def page(site):
    with serve(site) as url, chromium() as browser:
        p = browser.new_page(viewport=VIEW)
        p.base = url
        yield p


def in_view(box) -> bool:
    return box is not None and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= VIEW["width"] \
        and box["y"] + box["height"] <= VIEW["height"]


def test_four_lists_side_by_side(page):
    page.goto(f"{page.base}/asiakkuus/index.html")
    heads = page.locator(".typ-crit-col h2")
    assert heads.count() == 4
    boxes = [heads.nth(i).bounding_box() for i in range(4)]
    screenshot(page, "criteria-lists.png")
    assert all(in_view(b) for b in boxes), boxes  # all four headings in the first screen
    assert len({round(b["y"]) for b in boxes}) == 1 and [b["x"] for b in boxes] == sorted(b["x"] for b in boxes)
    assert heads.nth(0).inner_text().startswith("Asiakas tulisi ohjata TYP-palveluun")
    first = page.locator(".typ-crit-col").nth(1).locator("li").first
    assert first.is_visible() and "Asiakas hakee eläkettä." in first.inner_text()
    assert "Keskusteltavana – ei sovittu kansallisesti" in first.inner_text() and "Lähde" in first.inner_text()


def test_each_person_two_versions_side_by_side_and_factor_link_lands(page):
    page.goto(f"{page.base}/asiakkuus/rajatapaukset.html")
    pair = page.locator(".typ-case-pair").first
    pair.scroll_into_view_if_needed()
    sides = pair.locator(".typ-case")
    assert sides.count() == 2
    left, right = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert abs(left["y"] - right["y"]) < 2 and left["x"] + left["width"] <= right["x"]
    assert "Kuuluu palvelun piiriin" in sides.nth(0).inner_text()
    assert "Ei kuulu palvelun piiriin" in sides.nth(1).inner_text()
    screenshot(page, "criteria-stories.png")
    link = sides.nth(0).locator("a", has_text="monialaisen palvelun tarve").first
    link.click()
    page.wait_for_url("**/asiakkuus/index.html#k-monialainen-tarve")
    target = page.locator("#k-monialainen-tarve")
    box = target.bounding_box()
    assert target.is_visible() and 0 <= box["y"] < VIEW["height"]  # the browser scrolled to the criterion


def test_survey_template_downloads(page):
    page.goto(f"{page.base}/asiakkuus/tyopaja.html")
    link = page.locator("a[download]", has_text="kyselypohja (CSV)").first
    assert link.is_visible()
    with page.expect_download() as info:
        link.click()
    text = Path(info.value.path()).read_text("utf-8-sig")
    assert text.startswith("kysymys_id;kysymys;tyyppi;vaihtoehdot;pakollinen")
