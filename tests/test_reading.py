"""The built handbooks as text a worker reads (#14): no Markdown left in table cells, no ISO 8601
codes, deadlines in plain words, every step page with its summary and place in the process."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from generator.compile import compile_model
from generator.site.build import build

REPO = Path(__file__).resolve().parent.parent
# Markdown that a cell shows when a block ran into a table: a heading, a list item, a table row, an
# admonition, unrendered emphasis or a link.
MARKDOWN_START = re.compile(r"^(#{1,6}\s|[-*+]\s|\d+\.\s|\||!!!|\*\*|__|\[[^\]]*\]\()")
ISO = re.compile(r"(?<![\w/])(?:R\d*/)?P(?:\d+[YMWD])+(?:T\d+[HMS])*(?!\w)|(?<![\w/])PT\d+[HMS](?!\w)")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reading") / "site"
    diags = build(REPO, out, all_=True)
    assert [d for d in diags if d.severity.value == "error"] == []
    return out


@pytest.fixture(scope="module")
def model():
    return compile_model(REPO).model


def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        doc = lxml.html.fromstring(path.read_bytes())
        article = doc.find(".//article")
        if article is not None:
            yield path.relative_to(site).as_posix(), article


def visible_text(el) -> str:
    for bad in el.xpath(".//script|.//style"):
        bad.drop_tree()
    return " ".join(el.text_content().split())


def test_no_table_cell_starts_with_markdown_syntax(site):
    found = []
    for name, article in pages(site):
        for cell in article.iter("td", "th"):
            text = cell.text_content().strip()
            if MARKDOWN_START.match(text):
                found.append(f"{name}: {text[:60]!r}")
    assert found == []


def test_tampere_referral_step_shows_services_below_the_contacts_table(site):
    doc = lxml.html.fromstring((site / "alueet/tampereen-seutu/prosessit/asiakasprosessi/ohjaus.html").read_bytes())
    heading = doc.xpath("//article//h2[starts-with(normalize-space(.), 'Palvelut')]")
    assert heading, "the services heading is a heading of its own"
    assert not heading[0].xpath("ancestor::table")
    items = heading[0].xpath("following-sibling::ul[1]/li")
    assert items and "Sähköinen TYP-ohjauslomake" in items[0].text_content()


def test_no_iso_8601_code_in_any_page_text(site):
    found = []
    for name, article in pages(site):
        text = visible_text(article)
        found += [f"{name}: {m.group(0)}" for m in ISO.finditer(text)]
    assert found == []


def test_deadlines_read_in_plain_words(site, model):
    proc = model.process("asiakasprosessi")
    review = (site / "prosessit/asiakasprosessi/tarkistaminen.html").read_text("utf-8")
    text = " ".join(lxml.html.fromstring(review).find(".//article").text_content().split())
    assert "Vähintään 3 kuukauden välein, laskettuna vaiheesta" in text
    assert "kuukautta välein" not in text
    plan = visible_text(lxml.html.fromstring((site / "prosessit/asiakasprosessi/suunnitelma.html").read_bytes())
                        .find(".//article"))
    assert f"3 kuukauden kuluessa vaiheesta {proc.step('arviointi').name.fi}" in plan
    sv = visible_text(lxml.html.fromstring((site / "sv/prosessit/asiakasprosessi/tarkistaminen.html").read_bytes())
                      .find(".//article"))
    assert "Med högst 3 månaders mellanrum, räknat från steget" in sv
    role = visible_text(lxml.html.fromstring((site / "roolit/tyovoima-asiantuntija.html").read_bytes())
                        .find(".//article"))
    assert "vähintään 3 kuukauden välein" in role and "määräaika 3 kuukautta" not in role


def test_every_step_page_says_where_it_is_and_what_it_asks(site, model):
    for lang, prefix in (("fi", ""), ("sv", "sv/")):
        for proc in model.processes:
            for i, step in enumerate(proc.steps, 1):
                doc = lxml.html.fromstring((site / f"{prefix}prosessit/{proc.id}/{step.id}.html").read_bytes())
                nav = doc.xpath("//nav[contains(@class, 'typ-stepmap')]")[0]
                position = {"fi": f"Vaihe {i}/{len(proc.steps)}", "sv": f"Steg {i}/{len(proc.steps)}"}[lang]
                assert position in nav.text_content()
                assert nav.xpath("a[@aria-current='step']")[0].text_content() == str(i)
                assert len(nav.xpath("a")) == len(proc.steps)
                if step.type != "task":
                    continue
                box = doc.xpath("//article//div[contains(@class, 'admonition') and contains(@class, 'abstract')]")
                assert box, f"{prefix}{step.id}: no summary box"
                words = {"fi": ("Milloin", "Mitä kirjataan"), "sv": ("När", "Vad dokumenteras")}[lang]
                assert all(w in box[0].text_content() for w in words), step.id
