"""The accessibility statement is generated from typ.yaml `accessibility` (act 306/2019 9 §): every
language, every region with its own contact; what is missing is said in plain words to be not given yet,
and a review note never reaches the page."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import MINI, REPO

from generator.compile import compile_model
from generator.render.context import SiteContext
from generator.render.handbook import render_handbook
from generator.render.pages.statement import statement_page


@pytest.fixture(scope="module")
def mini_model():
    return compile_model(MINI).model


def test_statement_says_status_gaps_date_feedback_and_supervisor(mini_model):
    page = statement_page(mini_model, SiteContext())
    assert page.startswith("# Saavutettavuusseloste")
    assert "täyttää WCAG 2.1 -ohjeiden AA-tason vaatimukset osittain" in page
    assert "Kaavio." in page and "Vaihtoehto:" in page  # the gap, its reason and alternative
    assert "arvioitu 1.12.2026" in page
    assert 'href="mailto:palaute@example.fi"' in page
    assert 'href="https://example.fi/kantelu"' in page and "306/2019 12 §" in page
    assert "Tarkistettava" not in page  # nothing is missing or unverified in the mini model


def test_statement_in_swedish(mini_model):
    page = statement_page(mini_model, SiteContext(lang="sv"))
    assert page.startswith("# Tillgänglighetsutlåtande")
    assert "uppfyller delvis kraven på nivå AA i WCAG 2.1" in page
    assert "Tillsynsverket" in page and "tillgänglighetsklagan" in page


def test_missing_settings_are_shown_as_missing_not_invented(mini_model):
    project = dataclasses.replace(mini_model.project, accessibility=None)
    page = statement_page(dataclasses.replace(mini_model, project=project), SiteContext())
    for sentence in ("Saavutettavuuden tilaa ei ole vielä arvioitu.", "Tunnettuja puutteita ei ole vielä kirjattu",
                     "arvioinnin päivämäärää ei ole vielä julkaistu", "sähköpostiosoitetta ei ole vielä julkaistu",
                     "Valvontaviranomaista ei ole vielä nimetty"):
        assert sentence in page
    assert "!!!" not in page and "typ.yaml" not in page  # no to-do box, no file names for the reader
    assert "mailto:" not in page and "täyttää" not in page.split("## Saavutettavuuden tila")[1].split("##")[0]


@pytest.mark.parametrize("region,email", [("tampereen-seutu", "typ.tampereenseutu@example.fi"),
                                          ("ita-lapin-verkosto", "typ.italappi@example.fi")])
def test_each_region_names_its_own_feedback_contact(region, email):
    model = compile_model(REPO, region).model
    files = render_handbook(model, SiteContext()).files
    page = files["saavutettavuus.md"]
    assert f"mailto:{email}" in page and model.region.name.fi in page
    assert "Liikenne- ja viestintävirasto Traficom" in page
    # the supervisor's name is verified (606/2024 in its basis); the unverified complaint address is a review
    # note, which the page never shows (typ report review lists it)
    assert "606/2024" in page and "Tarkistettava" not in page and "Kanteluosoitetta" not in page


def test_national_statement_has_no_invented_feedback_address():
    model = compile_model(REPO).model
    page = render_handbook(model, SiteContext()).files["saavutettavuus.md"]
    assert "mailto:" not in page and "Palautteen sähköpostiosoitetta ei ole vielä julkaistu." in page
    sv = render_handbook(model, SiteContext(lang="sv")).files["saavutettavuus.md"]
    assert "E-postadressen för respons har ännu inte publicerats." in sv
    assert "Transport- och kommunikationsverket" in sv


def test_the_supervisors_review_note_is_in_the_review_report():
    from generator.analysis.review import build_report

    report = build_report(compile_model(REPO).model)
    (note,) = [n for n in report.notes if n.kind == "accessibility"]
    assert note.file == "typ.yaml" and "Kanteluosoitetta" in note.note
    assert any(d.kind == "accessibility" for e in report.entries if e.act == "306/2019" for d in e.dependents)
