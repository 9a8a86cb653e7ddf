"""The search index typ writes after MkDocs: stems, compound parts, synonyms, clean snippets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.site.search import (
    TEXT_FIELD,
    TITLE_FIELD,
    Analyzer,
    compound_parts,
    enrich,
    lead_with_first_section,
    plain,
    synonym_groups,
)


def index(*docs: tuple[str, str, str], sep: str = r"[\s\-,:;!?=\[\]()\"'/–§]+|\.(?!\d)") -> dict:
    return {"config": {"lang": ["fi"], "separator": sep, "pipeline": ["stopWordFilter"],
                       "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
            "docs": [{"location": loc, "title": title, "text": text} for loc, title, text in docs]}


def test_finnish_variants_cover_the_other_inflection_stem():
    fi = Analyzer("fi")
    assert fi.stem("kirjaamisesta") in fi.variants("kirjaaminen")  # -minen / -mise-
    assert fi.stem("kirjaaminen") in fi.variants("kirjaamisesta")
    assert fi.stem("ohjauksesta") in fi.variants("ohjaus")  # -us / -ukse-
    assert fi.stem("asiakkuuden") in fi.variants("asiakkuus")  # -uus / -uude-
    assert fi.stem("381/2023") == "381/2023" and fi.stem("11") == "11"  # codes stay as typed


def test_compound_parts_come_from_the_handbooks_own_words():
    fi = Analyzer("fi")
    known = {fi.stem("suunnitelma"), fi.stem("tarve")}
    assert fi.stem("suunnitelman") in compound_parts("työllistymissuunnitelman", known, fi)
    assert compound_parts("työllistymissuunnitelman", set(), fi) == []
    sv = Analyzer("sv")
    assert sv.stem("plan") in compound_parts("sysselsättningsplanen", {sv.stem("plan")}, sv)


def test_enrich_adds_stems_parts_and_title_synonyms():
    data = index(("a.html", "Monialaisen työllistymissuunnitelman laatiminen", "<p>Laaditaan.</p>"),
                 ("b.html", "Suunnitelman tarkistaminen", "<p>Suunnitelma tarkistetaan.</p>"),
                 ("c.html", "Vuosikello", "<p>Työvoimaviranomainen vastaa.</p>"),
                 ("d.html", "Työvoimaviranomainen", "<p>Kunta tai työllisyysalue.</p>"))
    out = enrich(data, "fi", synonym_groups([("Työvoimaviranomainen", ["TE-toimisto"])]))
    docs = {d["location"]: d for d in out["docs"]}
    fi = Analyzer("fi")
    assert fi.stem("suunnitelma") in docs["a.html"][TITLE_FIELD].split()  # compound part, title level
    assert fi.stem("vuosikello") in docs["c.html"][TITLE_FIELD].split()  # stem that is no prefix
    assert {"te", "toimisto"} <= set(docs["d.html"][TITLE_FIELD].split())  # the term is the title
    assert "toimisto" not in docs["c.html"].get(TEXT_FIELD, "")  # ... not every page mentioning it
    assert out["config"]["fields"][TITLE_FIELD] == {"boost": 1000.0}
    assert out["config"]["fields"][TEXT_FIELD] == {"boost": 1.0}
    assert [d["text"] for d in out["docs"]] == [d["text"] for d in data["docs"]]  # snippets untouched
    assert enrich(data, "fi") == enrich(json.loads(json.dumps(data)), "fi")  # deterministic


def test_a_page_without_text_leads_with_its_first_section():
    docs = lead_with_first_section([
        {"location": "s.html", "title": "Vaihe", "text": ""},
        {"location": "s.html#tarkoitus", "title": "Tarkoitus", "text": "<p>Miksi vaihe tehdään.</p>"},
        {"location": "s.html#muuta", "title": "Muuta", "text": "<p>Muuta.</p>"},
        {"location": "t.html", "title": "Toinen", "text": "<p>Oma teksti.</p>"}])
    assert [(d["location"], plain(d["text"]).strip()) for d in docs] == [
        ("s.html", "Miksi vaihe tehdään."), ("s.html#muuta", "Muuta."), ("t.html", "Oma teksti.")]


@pytest.fixture(scope="module")
def site(all_handbooks) -> Path:
    return all_handbooks


def test_each_handbook_has_its_own_language_index(site: Path):
    fi = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    sv = json.loads((site / "sv" / "search" / "search_index.json").read_text("utf-8"))
    region = json.loads((site / "alueet" / "tampereen-seutu" / "search" / "search_index.json").read_text("utf-8"))
    assert fi["config"]["lang"] == ["fi"] and sv["config"]["lang"] == ["sv"] and region["config"]["lang"] == ["fi"]
    titles = {d["title"] for d in sv["docs"]}
    assert "Upprättande av en sektorsövergripande sysselsättningsplan" in titles
    assert "Monialaisen työllistymissuunnitelman laatiminen" not in titles
    # The separator from mkdocs.yml reached the Swedish build too (it replaces the search plugin's options).
    assert sv["config"]["separator"] == fi["config"]["separator"] != r"[\s\-]+"
    plan = next(d for d in sv["docs"] if d["location"] == "prosessit/asiakasprosessi/suunnitelma.html")
    assert Analyzer("sv").stem("plan") in plan[TITLE_FIELD].split()


def test_snippets_show_purpose_not_badges_or_place(site: Path):
    for folder, boiler in (("", ("Lakisääteinen", "Kansallisesti lukittu", "prosessissa", "Seuraavaksi")),
                           ("sv/", ("Lagstadgad", "Nationellt låst", "i processen", "Härnäst"))):
        docs = json.loads((site / folder / "search" / "search_index.json").read_text("utf-8"))["docs"]
        steps = [d for d in docs if d["location"].startswith("prosessit/asiakasprosessi/")
                 and "#" not in d["location"] and not d["location"].endswith("index.html")]
        assert len(steps) >= 10
        for d in steps:
            text = plain(d["text"])
            assert not any(b in text for b in boiler), (d["location"], text[:120])
        plan = next(d for d in steps if d["location"].endswith("/suunnitelma.html"))
        assert len(plain(plan["text"]).split()) > 15  # the purpose, not an empty snippet
    # The month tables of the calendar repeat the duties below them: left out.
    cal = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    assert all(not plain(d["text"]).strip() for d in cal if d["location"] == "vuosikello.html#toukokuu")
