"""Search as staff use it: words typed into Material's search box in Chromium, in Finnish and Swedish."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import chromium, screenshot, serve
from search_cases import CASES, hit, top_results

from generator.site.search import TEXT_FIELD, TITLE_FIELD, Analyzer, plain

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(all_handbooks) -> Path:
    return all_handbooks


@pytest.fixture(scope="module")
def url(site):
    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def pages(url):
    """One browser tab per handbook, kept open across the queries typed into it."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
        tabs: dict[str, object] = {}

        def tab(folder: str):
            if folder not in tabs:
                page = context.new_page()
                page.goto(f"{url}/{folder}index.html")
                page.locator("html[data-typ-search=ready]").wait_for(state="attached", timeout=15000)
                tabs[folder] = page
            return tabs[folder]

        yield tab
        context.close()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.site or 'fi/'}{c.query}" for c in CASES])
def test_typed_query_finds_the_page_among_the_first_three(case, pages, url):
    page = pages(case.site)
    results = top_results(page, case.query)
    if not hit(case, results, page.url, url):
        screenshot(page, f"search-miss-{case.query}.png")
        pytest.fail(f"{case.query!r} ({case.kind}): expected one of {case.expect} visible among the first three, "
                    f"got {[(r['title'], r['visible']) for r in results]}")


def test_result_snippet_shows_the_purpose_not_boilerplate(pages):
    for folder, query, title, boiler in (
            ("", "suunnitelmasta", "Monialaisen työllistymissuunnitelman laatiminen",
             ("Tehtävä prosessissa", "Lakisääteinen", "Kansallisesti lukittu")),
            ("sv/", "sysselsättningsplanen", "Upprättande av en sektorsövergripande sysselsättningsplan",
             ("Uppgift i processen", "Lagstadgad", "Nationellt låst"))):
        page = pages(folder)
        top_results(page, query)
        item = page.locator("li.md-search-result__item", has_text=title).first
        item.wait_for(state="visible")
        snippet = item.locator("article").first.inner_text()
        assert not any(b in snippet for b in boiler), snippet
        assert len(snippet.split()) > 12, snippet  # the purpose paragraph, with the typed word marked
        assert item.locator("article mark").first.is_visible()
        screenshot(page, f"search-snippet-{folder.strip('/') or 'fi'}.png")


def test_browser_stems_typed_words_as_the_index_does(site, pages):
    """Every word of each handbook, typed, must reach its page: the stem the browser sends is a
    prefix of the word itself or of one of the stems typ put into the index for it."""
    for folder, lang in (("", "fi"), ("sv/", "sv")):
        page = pages(folder)
        data = json.loads((site / folder / "search" / "search_index.json").read_text("utf-8"))
        an = Analyzer(lang, data["config"]["separator"])
        words = sorted({w for d in data["docs"] for w in an.words(plain(d["title"]) + " " + plain(d["text"]))
                        if len(w) >= 3 and not any(c.isdigit() for c in w)})
        sent = page.evaluate("words => words.map(w => window.typSearchRewrite(w))", words)
        keys = {w: an.variants(w) for w in words}
        # The first term is the stem; a Finnish word may add its strong consonant grade after it.
        bad = [(w, s) for w, s in zip(words, sent, strict=True)
               if not (w.startswith(s.split(" ")[0]) or any(k.startswith(s.split(" ")[0]) for k in keys[w]))]
        assert len(words) > 500
        assert bad == [], f"{lang}: {len(bad)} words the browser stems differently, e.g. {bad[:10]}"
        assert TITLE_FIELD in data["config"]["fields"] and TEXT_FIELD in data["config"]["fields"]
