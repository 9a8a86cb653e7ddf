"""What staff type into the handbook's search box, and the page they need among the first three.

Shared by tests/test_browser_search.py (asserts) and bench/bench_search.py (measures). Each case:
(handbook folder, typed query, kind, acceptable pages). A page is a path in the handbook; '#anchor'
means any of the first three results shows a section with that anchor.
"""

from __future__ import annotations

from dataclasses import dataclass

STEP = "prosessit/asiakasprosessi/"
TAMPERE = "alueet/tampereen-seutu/"


@dataclass(frozen=True)
class Case:
    site: str  # "" national Finnish, "sv/" national Swedish, or a region's folder
    query: str
    kind: str  # inflected, compound, synonym, typo, base
    expect: tuple[str, ...]


def _c(site: str, query: str, kind: str, *expect: str) -> Case:
    return Case(site, query, kind, expect)


CASES: tuple[Case, ...] = (
    # Finnish: the forms reported in issue #15, then more of the same kind
    _c("", "suunnitelmasta", "inflected", STEP + "suunnitelma.html"),
    _c("", "suunnitelma", "compound", STEP + "suunnitelma.html"),
    _c("", "kirjaamisesta", "inflected", "#kirjaaminen"),
    _c("", "kelalle", "inflected", STEP + "kela-mukaan.html", STEP + "kelan-kuntoutustarve.html",
       "roolit/kela-asiantuntija.html"),
    _c("", "terveydenhoitajan", "inflected", "roolit/terveydenhoitaja.html"),
    _c("", "ohjauksesta", "inflected", STEP + "ohjaus.html", STEP + "muu-palvelu.html",
       STEP + "saattaen-vaihtaen.html"),
    _c("", "vuosikellosta", "inflected", "vuosikello.html"),
    _c("", "vuosikellon tehtävät", "inflected", "vuosikello.html"),
    _c("", "kirjaaminen", "base", "#kirjaaminen"),
    _c("", "päättymisestä", "inflected", STEP + "asiakkuus-paattyy.html"),
    _c("", "asiakkuuden päättyminen", "inflected", STEP + "asiakkuus-paattyy.html"),
    _c("", "päättämisestä", "inflected", STEP + "paattamisen-arviointi.html"),
    _c("", "arvioinnista", "inflected", STEP + "arviointi.html"),
    _c("", "palvelutarpeen arviointiin", "inflected", STEP + "arviointi.html", STEP + "ohjaus.html"),
    _c("", "tarkistamisesta", "inflected", STEP + "tarkistaminen.html"),
    _c("", "suunnitelman tarkistus", "inflected", STEP + "tarkistaminen.html"),
    _c("", "toteuttamisesta", "inflected", STEP + "toteutus.html"),
    _c("", "johtoryhmässä", "inflected", "roolit/johtoryhma.html"),
    _c("", "johtoryhmän puheenjohtajan", "inflected", "roolit/johtoryhman-puheenjohtaja.html"),
    _c("", "koordinaattorin", "compound", "roolit/typ-koordinaattori.html"),
    _c("", "lääkärille", "inflected", "roolit/laakari.html"),
    _c("", "sosiaaliohjaajan", "inflected", "roolit/sosiaaliohjaaja.html"),
    _c("", "sosiaalityöntekijän tehtävät", "inflected", "roolit/sosiaalityontekija.html"),
    _c("", "työvoima-asiantuntijalle", "inflected", "roolit/tyovoima-asiantuntija.html"),
    _c("", "kelan kuntoutuksesta", "inflected", STEP + "kelan-kuntoutustarve.html",
       "roolit/kela-asiantuntija.html"),
    _c("", "keha-keskuksen", "inflected", "roolit/keha-asiantuntija.html"),
    _c("", "yhdyspintajaostolle", "inflected", "roolit/tyonvk-yhdyspintajaosto.html"),
    _c("", "jatko-ohjauksesta", "inflected", STEP + "saattaen-vaihtaen.html"),
    _c("", "raci-matriisista", "inflected", "raci.html"),
    _c("", "saavutettavuudesta", "inflected", "saavutettavuus.html"),
    _c("", "määräajat", "inflected", "#maaraaika"),  # consonant gradation: määräaika / määräajat
    _c("", "uuden työntekijän perehdyttäminen", "inflected", "vuosikello.html"),
    _c("", "tarve", "compound", STEP + "tarve-jatkuu.html", STEP + "ohjaus-tunnistettu.html",
       STEP + "kelan-kuntoutustarve.html"),
    # Finnish synonyms from the glossary (glossary/termit.yaml, `synonyms:`)
    _c("", "kartoitusjakso", "synonym", STEP + "arviointi.html"),
    _c("", "TE-toimisto", "synonym", "sanasto.html", "roolit/tyovoima-asiantuntija.html"),
    _c("", "TE-toimistolle", "synonym", "sanasto.html", "roolit/tyovoima-asiantuntija.html"),
    _c("", "FPA", "synonym", STEP + "kela-mukaan.html", STEP + "kelan-kuntoutustarve.html",
       "roolit/kela-asiantuntija.html"),
    _c("", "monialainen tuki", "synonym", "sanasto.html", "index.html", STEP + "kuuluuko-typ.html"),
    # Typing errors
    _c("", "suunitelma", "typo", STEP + "suunnitelma.html", STEP + "tarkistaminen.html",
       STEP + "toteutus.html"),
    _c("", "terveydenhoitja", "typo", "roolit/terveydenhoitaja.html"),
    _c("", "sosiaalityöntekjä", "typo", "roolit/sosiaalityontekija.html"),
    _c("", "vuosikelo", "typo", "vuosikello.html"),
    # Swedish
    _c("sv/", "sysselsättningsplanen", "inflected", STEP + "suunnitelma.html"),
    _c("sv/", "sysselsättningsplan", "base", STEP + "suunnitelma.html"),
    _c("sv/", "socialarbetaren", "inflected", "roolit/sosiaalityontekija.html"),
    _c("sv/", "planen", "compound", STEP + "suunnitelma.html"),
    _c("sv/", "årshjulet", "inflected", "vuosikello.html"),
    _c("sv/", "hälsovårdaren", "inflected", "roolit/terveydenhoitaja.html"),
    _c("sv/", "läkarens", "inflected", "roolit/laakari.html"),
    _c("sv/", "kundrelationen upphör", "inflected", STEP + "asiakkuus-paattyy.html"),
    _c("sv/", "bedömningen av servicebehovet", "inflected", STEP + "arviointi.html"),
    _c("sv/", "ledningsgruppens", "inflected", "roolit/johtoryhma.html",
       "roolit/johtoryhman-puheenjohtaja.html", "roolit/johtoryhman-varapuheenjohtaja.html"),
    _c("sv/", "socialhandledaren", "inflected", "roolit/sosiaaliohjaaja.html"),
    _c("sv/", "översynen av planen", "inflected", STEP + "tarkistaminen.html"),
    _c("sv/", "arbetskraftsmyndigheten", "inflected", "roolit/tyovoima-asiantuntija.html", "sanasto.html"),
    _c("sv/", "dokumentationen", "inflected", "#dokumentation"),
    _c("sv/", "Kela", "synonym", STEP + "kela-mukaan.html", STEP + "kelan-kuntoutustarve.html",
       "roolit/kela-asiantuntija.html"),
    _c("sv/", "TE-byrån", "synonym", "sanasto.html", "roolit/tyovoima-asiantuntija.html"),
    _c("sv/", "socialarbetre", "typo", "roolit/sosiaalityontekija.html"),
    # A regional handbook (Finnish): local steps and roles
    _c(TAMPERE, "viikkopalaverissa", "inflected", STEP + "vastaanottopalaveri.html"),
    _c(TAMPERE, "työhönvalmentajan", "inflected", "roolit/tyohonvalmentaja.html"),
    _c(TAMPERE, "palaveri", "compound", STEP + "vastaanottopalaveri.html"),
)


_SNAPSHOT = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  const items = [...document.querySelectorAll("ol.md-search-result__list > li.md-search-result__item")];
  return {meta: meta ? meta.innerText : "", items: items.slice(0, 3).map(li => {
    const r = li.getBoundingClientRect();
    const links = [...li.querySelectorAll("a")].filter(a => a.offsetParent !== null)
      .map(a => a.getAttribute("href"));
    const h = li.querySelector("h1");
    return {href: links[0] || "", title: h ? h.innerText : "", links,
            visible: r.top >= 0 && r.top + 10 <= window.innerHeight};
  })};
}"""


_COUNT = """() => {
  // Count the queries Material sends its search worker and the results it gets back, so a test
  // knows when the results on screen belong to the last word typed.
  if (window.__typCount) return;
  const c = window.__typCount = {sent: 0, back: 0, workers: new Set()};
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (m) {
    if (m && m.type === 2) {
      c.sent++;
      if (!c.workers.has(this)) {
        c.workers.add(this);
        this.addEventListener("message", ev => { if (ev.data && ev.data.type === 3) c.back++; });
      }
    }
    return post.apply(this, arguments);
  };
}"""


def top_results(page, query: str, timeout: float = 10.0) -> list[dict]:
    """Type `query` into Material's search box; return the first three results as the reader sees
    them: {'href', 'title', 'links' (visible hrefs of the item), 'visible' (inside the viewport)}."""
    page.evaluate(_COUNT)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    # Playwright types letters a US keyboard lacks (ä, ö, å) without key events, and Material
    # reads the box on keyup: a Finnish keyboard sends one, so send one too.
    box.press("End")
    page.wait_for_function("() => { const c = window.__typCount; return c.sent > 0 && c.sent === c.back; }",
                           timeout=timeout * 1000)
    page.wait_for_timeout(50)  # one frame for Material to render the last result
    return page.evaluate(_SNAPSHOT)["items"]


def _path(href: str, base: str) -> str:
    """A result href (relative to the page searched from) as a path inside the handbook."""
    from urllib.parse import urljoin, urlsplit

    return urlsplit(urljoin(base, href)).path.lstrip("/")


def hit(case: Case, results: list[dict], page_url: str, site_root: str) -> bool:
    """Whether an acceptable page is among the results, visible."""
    root = site_root.rstrip("/") + "/" + case.site
    prefix = _path(root, root)
    for r in results:
        if not r["visible"]:
            continue
        pages = [_path(h, page_url) for h in r["links"]]
        for want in case.expect:
            if want.startswith("#"):
                if any(h.endswith(want) for h in r["links"]):
                    return True
            elif pages and pages[0].split("#")[0] == prefix + want:
                return True
    return False
