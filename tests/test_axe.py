"""WCAG 2.1 A/AA with axe-core on EVERY page `typ build --all` writes (every language, every region).

Black box: the site is built by the `typ` command, served over HTTP and every *.html page is opened in
one Chromium page (reused), axe is injected once per page and run with the WCAG 2.0/2.1 A and AA tags.
Any serious or critical violation fails, listed by rule, page and element. The light scheme is what
the site shows; the dark (slate) scheme is checked on one page of each kind, since typ.css overrides
Material's palette for both."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from browser import ARTIFACTS, chromium, missing, screenshot, serve
from search_cases import top_results

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BAD = {"serious", "critical"}
pytestmark = pytest.mark.browser

RUN = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    id: v.id, impact: v.impact,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                              summary: (n.failureSummary || '').slice(0, 300)}))}));
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("axe") / "site"
    # the `typ` command of the tree under test (cwd first on sys.path), whatever the venv's entry point
    cmd = [sys.executable, "-c", "from generator.cli import main; main()",
           "build", str(REPO), "--all", "--out", str(out)]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def pages(site: Path) -> list[str]:
    # use_directory_urls is off: pages are *.html, not only index.html (a find -name index.html misses 9/10)
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def axe_script() -> str:
    if not AXE.exists():
        missing("axe-core is not installed (bash .ci/install runs npm install in tests/js)")
    return AXE.read_text("utf-8")


def in_scheme(page, scheme: str | None) -> None:
    # No transition half-way when axe measures colours: a scheme switched, or search results fading in
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    if scheme:
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)


def audit(site: Path, paths: list[str], scheme: str | None = None, width: int = 1280) -> dict[str, list[dict]]:
    script = axe_script()
    found: dict[str, list[dict]] = {}
    with serve(site) as url, chromium() as browser:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        # Material's search worker and fonts are not needed for the audit; skip loading them for speed.
        page.route("**/search/search_index.json", lambda route: route.abort())
        for path in paths:
            page.goto(f"{url}/{path}", wait_until="load")
            in_scheme(page, scheme)
            page.add_script_tag(content=script)
            violations = page.evaluate(RUN, TAGS)
            if violations:
                found[path] = violations
        context.close()
    return found


def report(found: dict[str, list[dict]], name: str) -> str:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_text(json.dumps(found, indent=1, ensure_ascii=False), "utf-8")
    by_rule = Counter()
    lines = []
    for path, violations in found.items():
        for v in violations:
            by_rule[v["id"]] += len(v["nodes"])
            for n in v["nodes"][:3]:
                lines.append(f"{path}: {v['id']} ({v['impact']}) {n['target']}: {n['html']}")
    head = ", ".join(f"{rule} {count}" for rule, count in by_rule.most_common())
    return f"{sum(by_rule.values())} serious/critical nodes on {len(found)} pages ({head})\n" + "\n".join(lines[:60])


def test_every_page_has_no_serious_or_critical_violation(site):
    paths = pages(site)
    # fi + sv national handbook and every region: a build that lost a handbook must not pass quietly
    assert any(p.startswith("sv/") for p in paths) and any(p.startswith("alueet/") for p in paths)
    assert len(paths) > 100, paths
    found = audit(site, paths)
    if found:
        pytest.fail(report(found, "axe-light.json"), pytrace=False)


def test_dark_scheme_has_no_serious_or_critical_violation(site):
    # one page of each kind: front, process (swimlane), step, RACI, roles, wheel, glossary, statement
    kinds = ["index.html", "raci.html", "vuosikello.html", "sanasto.html", "roolit/index.html",
             "asiakkuus/index.html", "asiakkuus/rajatapaukset.html", "saavutettavuus.html"]
    paths = [p for p in pages(site) if p in kinds or p.startswith("prosessit/")][:8]
    paths += [p for p in pages(site) if p.startswith("sv/") and p[3:] in kinds]
    found = audit(site, paths, scheme="slate")
    if found:
        pytest.fail(report(found, "axe-dark.json"), pytrace=False)


PHONE_WIDE = ["index.html", "asiakkuus/index.html", "asiakkuus/tyopaja.html", "kirjaamisohje/index.html",
              "sv/kirjaamisohje/index.html", "alueet/tampereen-seutu/prosessit/asiakasprosessi/ohjaus.html",
              "alueet/tampereen-seutu/roolit/typ-johtaja.html"]


def test_wide_tables_on_a_phone_can_be_scrolled_from_the_keyboard(site):
    """At 390 px these pages have tables wider than the screen with no link inside to reach them by: each
    scrolling box is then a named region in the tab order (axe scrollable-region-focusable), and the
    arrow keys scroll it; at desktop width a table that fits is no extra tab stop."""
    found = audit(site, PHONE_WIDE, width=390)
    if found:
        pytest.fail(report(found, "axe-phone.json"), pytrace=False)
    with serve(site) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{url}/kirjaamisohje/index.html", wait_until="load")
        regions = page.locator(".md-typeset__scrollwrap[data-typ-scroll]")
        on_phone = regions.count()
        assert on_phone >= 2
        wrap = regions.first
        assert wrap.get_attribute("role") == "region" and wrap.get_attribute("aria-label")
        wrap.focus()
        wrap.scroll_into_view_if_needed()
        assert wrap.evaluate("el => el === document.activeElement") and wrap.is_visible()
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        # the keyboard scrolls the table (smoothly: wait for it rather than read it at once)
        page.wait_for_function("el => el.scrollLeft > 0", arg=wrap.element_handle(), timeout=5000)
        screenshot(page, "phone-wide-table-focused.png")
        page.set_viewport_size({"width": 1400, "height": 900})
        page.wait_for_function(f"document.querySelectorAll('[data-typ-scroll]').length < {on_phone}")


@pytest.mark.parametrize("scheme", [None, "slate"])
def test_search_with_results_open_has_no_serious_or_critical_violation(site, scheme):
    """The search dialog as staff see it: a query typed, results listed (the page audits above do not
    open it), Finnish and Swedish; typ-search.js rewrites the query, so its results are audited too."""
    script = axe_script()
    found: dict[str, list[dict]] = {}
    with serve(site) as url, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        for folder, query in (("", "suunnitelma"), ("sv/", "plan"), ("alueet/tampereen-seutu/", "asiakas")):
            page.goto(f"{url}/{folder}index.html", wait_until="load")
            page.locator("html[data-typ-search=ready]").wait_for(state="attached", timeout=15000)
            in_scheme(page, scheme)
            results = top_results(page, query)
            assert results and page.locator(".md-search-result__item").first.is_visible(), (folder, query)
            page.add_script_tag(content=script)
            violations = page.evaluate(RUN, TAGS)
            if violations:
                found[f"{folder}index.html?q={query}"] = violations
        screenshot(page, f"axe-search-{scheme or 'light'}.png")
        context.close()
    if found:
        pytest.fail(report(found, f"axe-search-{scheme or 'light'}.json"), pytrace=False)


# Material and Python-Markdown strings that stay English unless configured (theme language, toc title,
# extra.generator); a Finnish or Swedish page must not carry them (WCAG 3.1.2).
ENGLISH = ["Permanent link", "Made with", "Material for MkDocs", "Skip to content", "Back to top",
           "Type to start searching", "Copy to clipboard"]


def test_no_english_theme_strings(site):
    found = {(path, s) for path in pages(site) for s in ENGLISH if s in (site / path).read_text("utf-8")}
    assert not found, sorted(found)[:20]
