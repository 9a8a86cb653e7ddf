"""Records, code lists and indicators (#21): a rule fixture per check with exact positions, the recording
guide, the per-role checklists and the indicator catalogue as a pure function of the model, a region's local
records and indicators shown as local, and the statistics template read back as Excel and csv read it.

tests/fixtures/recording is a small model: four steps whose records say their type, whether they are
mandatory, the system and field, who records them and when; a code list; three indicators reviewed by a
statistics duty; and a region that adds a local step with a record and a local indicator.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from conftest import TESTS
from rule_cases import run_case

from generator.compile import compile_model
from generator.render.context import SiteContext
from generator.render.handbook import render_handbook
from generator.render.pages import indicators, recording
from generator.render.stats_template import stats_csv, stats_xlsx
from generator.render.tables import records_csv

FIXTURE = TESTS / "fixtures" / "recording"
P, RACI, CAL, IND = "processes/prosessi.yaml", "roles/raci.yaml", "calendar/kalenteri.yaml", "indicators/luvut.yaml"
E, W = "error", "warning"
PAATTYMISSYY = ("      - {id: paattymissyy, what: {fi: Päättymisen syy, sv: Orsak}, type: code, codelist: syyt, "
                "mandatory: true, proposed: true, roles: [asiantuntija]}\n")

# (case id, edits, expected [(file, line, column, code, severity)], text the first message contains).
# Columns are 1-based and point at the value that is wrong (a list item at the item).
CASES = [
    # line 24 '        roles: [asiantuntia]': at the item (column 17)
    ("REC001", [(P, "        roles: [asiantuntija]\n        when:", "        roles: [asiantuntia]\n        when:")],
     [(P, 24, 17, "REC001", E)], "unknown role 'asiantuntia'"),
    # line 47: a code record without its code list: at 'code' (column 74)
    ("REC002-no-codelist", [(P, "type: code, codelist: syyt, ", "type: code, ")],
     [(P, 47, 74, "REC002", E)], "is of type code but names no code list"),
    # line 48: a date record that names a code list: at 'date' (column 79)
    ("REC002-not-code", [(P, "type: date, roles: [asiantuntija]}",
                          "type: date, codelist: syyt, roles: [asiantuntija]}")],
     [(P, 48, 79, "REC002", E)], "names code list 'syyt' but is of type date"),
    # line 38 (legal_basis) removed: line 37 '        mandatory: true' (column 20)
    ("REC003", [(P, '        legal_basis: [{act: "381/2023", section: "4", subsection: "3"}]\n', "")],
     [(P, 37, 20, "REC003", E)], "record 'suunnitelman-paiva' of step 'suunnitelma' is mandatory but names no"),
    # line 26 '      - {id: alkamispaiva, ...}': the second alkamispaiva, at its id (column 14)
    ("REC004", [(P, "{id: arvio,", "{id: alkamispaiva,")],
     [(P, 26, 14, "REC004", E)], "duplicate record id 'alkamispaiva' (first at processes/prosessi.yaml:17)"),
    # RACI line 11: asiantuntija only C at paattaminen: both its records (lines 47, 48) at the role
    ("REC005", [(RACI, "{asiantuntija: RA, johtaja: C}", "{asiantuntija: C, johtaja: RA}")],
     [(P, 47, 137, "REC005", W), (P, 48, 93, "REC005", W)], "'asiantuntija' records at step 'paattaminen' but is"),
    # line 26: a record without a type, at the record (column 9)
    ("REC006", [(P, "type: text, roles: [asiantuntija]}", "roles: [asiantuntija]}")],
     [(P, 26, 9, "REC006", W)], "a record of step 'arviointi' does not say its type"),
    # line 26: the record's what only in Finnish (column 27)
    ("LANG003", [(P, "what: {fi: Arvion tulos, sv: Resultat}", "what: Arvion tulos")],
     [(P, 26, 27, "LANG003", W)], "a record of step 'arviointi' has no 'what' in 'sv'"),
    # processes line 47: the record's code list unknown, at the code list id (column 90)
    ("CODE001", [(P, "codelist: syyt, mandatory", "codelist: syy, mandatory")],
     [(P, 47, 90, "CODE001", E)], "unknown code list 'syy'"),
    # indicators line 10 '      count: suunnitelman-paiv': at the id (column 14)
    ("IND001", [(IND, "      count: suunnitelman-paiva\n", "      count: suunnitelman-paiv\n")],
     [(IND, 10, 14, "IND001", E)], "indicator 'suunnitelma-3kk' counts record 'suunnitelman-paiv', which no"),
    # line 11: the interval starts at a text record (column 24)
    ("IND002-interval", [(IND, "{from: alkamispaiva, to: suunnitelman-paiva", "{from: arvio, to: suunnitelman-paiva")],
     [(IND, 11, 24, "IND002", E)], "record 'arvio' (step 'arviointi') is of type text, not date"),
    # line 11: 'at_most: 3kk' is no ISO 8601 duration (column 71)
    ("IND002-duration", [(IND, "at_most: P3M}", "at_most: 3kk}")],
     [(IND, 11, 71, "IND002", E)], "'3kk' is not an ISO 8601 duration"),
    # line 18 '    by: paattymispaiva': a distribution by a date record (column 9)
    ("IND002-by", [(IND, "    by: paattymissyy\n", "    by: paattymispaiva\n")],
     [(IND, 18, 9, "IND002", E)], "record 'paattymispaiva' (step 'paattaminen') is of type date, not code"),
    # line 25: a value its code list does not have, at the value (column 79)
    ("IND002-value", [(IND, "values: [muu-palvelu]", "values: [muu-palvel]")],
     [(IND, 25, 79, "IND002", E)], "unknown value of code list 'syyt' 'muu-palvel'"),
    # calendar line 14 removed: line 13 '    statistics: true' (column 17); no duty reviews any indicator now
    ("IND003-none", [(CAL, "    indicators: [suunnitelma-3kk, syyt, palvelua]\n", "")],
     [(CAL, 13, 17, "IND003", E), (IND, 5, 9, "IND004", W), (IND, 14, 9, "IND004", W), (IND, 21, 9, "IND004", W)],
     "duty 'tilastot' reviews statistics but names no indicators"),
    # calendar line 14: an unknown indicator, at the item (column 41)
    ("IND003-unknown", [(CAL, "[suunnitelma-3kk, syyt, palvelua]", "[suunnitelma-3kk, syyt, palvelu]")],
     [(CAL, 14, 41, "IND003", E), (IND, 21, 9, "IND004", W)], "unknown indicator 'palvelu'"),
    # calendar line 14 without palvelua: no duty reviews it, at its id (line 21, column 9)
    ("IND004", [(CAL, "[suunnitelma-3kk, syyt, palvelua]", "[suunnitelma-3kk, syyt]")],
     [(IND, 21, 9, "IND004", W)], "no duty in the calendar reviews indicator 'palvelua'"),
    # line 21 '  - id: syyt' (palvelua renamed): a second syyt; the duty's 'palvelua' (column 41) is now unknown
    ("IND005", [(IND, "  - id: palvelua\n", "  - id: syyt\n")],
     [(CAL, 14, 41, "IND003", E), (IND, 21, 9, "IND005", E)], "duplicate indicator id 'syyt'"),
    # calendar line 12: statistics reviewed once a year; the two quarterly indicators (lines 13, 20) at
    # 'quarterly' (column 16); the yearly one is fine
    ("IND006", [(CAL, "rhythm: {months: [2, 5, 8, 11], day: 15}", "rhythm: {months: [2], day: 15}")],
     [(IND, 13, 16, "IND006", W), (IND, 20, 16, "IND006", W)],
     "indicator 'suunnitelma-3kk' is compiled quarterly (4 times a year), but 'tilastot' review it in 1 month(s)"),
    # line 19 'type: datum' is not one of the types: the schema says so at the value
    ("SCHEMA-type", [(P, "        type: date\n        mandatory: true\n        legal_basis: [{act: \"381/2023\", "
                         "section: \"4\", subsection: \"1\"}]", "        type: datum\n        mandatory: true\n        "
                         "legal_basis: [{act: \"381/2023\", section: \"4\", subsection: \"1\"}]")],
     [(P, 19, 15, "SCHEMA", E)], "datum"),
]


def test_fixture_is_clean():
    assert compile_model(FIXTURE).diagnostics == []
    assert compile_model(FIXTURE, "alue").diagnostics == []


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule_reports_exact_position(tmp_path: Path, case):
    run_case(FIXTURE, tmp_path / "model", case)


# ---------------------------------------------------------------- the pages, from the national model


@pytest.fixture(scope="module")
def national():
    result = compile_model(TESTS.parent)
    assert result.ok, result.diagnostics
    return result.model


@pytest.fixture(scope="module")
def regional():
    result = compile_model(FIXTURE, "alue")
    assert result.ok, result.diagnostics
    return result.model


def _records(model):
    return [(p, s, r) for p in model.processes for s in p.steps for r in s.records]


def test_every_national_record_says_what_where_who_and_when(national):
    recs = _records(national)
    assert len(recs) >= 25
    for _, s, r in recs:
        assert r.id and r.type and r.roles and r.system and r.system_field and r.when, (s.id, r.what.fi)
        assert r.what.has("sv") and r.system.has("sv") and r.when.has("sv"), (s.id, r.id)
        assert not r.mandatory or r.legal_basis or r.proposed, r.id  # mandatory: by law, or said to be proposed
    # the statutory dates are mandatory by law, never a proposal
    by_id = {r.id: r for _, _, r in recs}
    for rid, section in (("alkamispaiva", "4"), ("suunnitelman-paiva", "4"), ("tarkistuspaiva", "6"),
                         ("paattymispaiva", "8")):
        r = by_id[rid]
        assert r.type == "date" and r.mandatory and not r.proposed and section in {x.section for x in r.legal_basis}
    assert by_id["paattymissyy"].codelist == "paattymissyyt" and by_id["ohjaava-osapuoli"].codelist == "osapuolet"


def test_guide_groups_by_system_and_role_mandatory_first(national):
    page = recording.recording_page(national, SiteContext())
    assert page.startswith("# Kirjaamisohje")
    for _, _, r in _records(national):
        assert page.count(f'id="r-{r.id}"') == 1, r.id  # every record once, with an anchor indicators link to
    systems = page.split("## Järjestelmittäin")[1].split("## Roolin mukaan")[0].split("\n### ")[1:]
    assert [s.split("\n")[0] for s in systems] == [
        "Ohjaavan osapuolen oma asiakastietojärjestelmä", "TYP-asiakastietojärjestelmä (KEHA-keskus)",
        "Kunkin osapuolen oma asiakastietojärjestelmä"]
    for section in systems:  # within a system: mandatory by law, then proposed, then the rest
        rows = [line for line in section.split("\n") if line.startswith("| <span id=")]
        ranks = [0 if "typ-statutory" in row else 1 if "typ-practice" in row else 2 for row in rows]
        assert ranks == sorted(ranks) and rows, section[:80]
    roles = page.split("## Roolin mukaan")[1].split("## Koodistot")[0]
    assert "### Työvoima-asiantuntija" in roles and "### Lääkäri" in roles
    codes = page.split("## Koodistot")[1]
    for cid in ("osapuolet", "selvittamistavat", "paattymissyyt"):
        assert f"{{ #c-{cid} }}" in codes
    assert "Koodisto on havainnollistava" in codes and "<del>Monialaisen tuen tarve päättyy</del>" in codes
    assert "(havainnollistava)" in page  # field names are not yet the system's own
    assert "review" not in page and "Laki ei säädä" not in page  # steering-group notes never reach staff


def test_checklist_has_exactly_the_roles_records_in_process_order(national):
    for role in recording.recording_roles(national):
        page = recording.checklist_page(national, role, SiteContext())
        mine = [r.id for _, _, r in _records(national) if role.id in r.roles]
        links = [line.split("#r-")[1].split(")")[0] for line in page.split("\n") if "index.md#r-" in line]
        assert links == mine, role.id
        assert page.count("☐") == len(mine)
    laakari = recording.checklist_page(national, national.role("laakari"), SiteContext())
    assert "Tilatut ja saadut lausunnot" in laakari and "alkamispäivä" not in laakari.lower()


def test_indicators_are_derived_from_records_and_reviewed_by_duties(national):
    page = indicators.indicators_page(national, SiteContext())
    for ind in national.indicators:
        assert f"{{ #i-{ind.id} }}" in page
        section = page.split(f"{{ #i-{ind.id} }}")[1].split("\n## ")[0]
        for ref, _ in ind.record_refs():
            assert f"kirjaamisohje/index.md#r-{ref}" in section, (ind.id, ref)
        assert "Tilastokatsaus" in section  # the quarterly duty reviews every indicator
    plan = page.split("{ #i-suunnitelma-3kk }")[1].split("\n## ")[0]
    assert "on enintään 3 kuukautta" in plan and "381/2023 4 § 3 mom." in plan
    assert "tilastokatsaus.xlsx" in page and "tilastokatsaus.csv" in page
    duties = [d for d in national.duties if d.statistics]
    assert {d.id for d in duties} == {"tilastokatsaus", "toimeenpanon-seuranta"} and all(d.indicators for d in duties)


def test_swedish_pages(national):
    ctx = SiteContext(lang="sv")
    guide = recording.recording_page(national, ctx)
    assert guide.startswith("# Dokumentationsanvisning") and "## Enligt system" in guide
    assert "Kundrelationens startdatum" in guide and "Obligatorisk" in guide and 'lang="fi"' not in guide
    ind = indicators.indicators_page(national, ctx)
    assert ind.startswith("# Nyckeltal") and "Plan inom tre månader" in ind and "Täljare" in ind
    assert "högst 3 månader" in ind
    # Finnish only where the words are the study's own (quotes, marked lang="fi")
    finnish = [line for line in ind.split("\n") if 'lang="fi"' in line]
    assert finnish and all(line.count('<span lang="fi">') == 1 and "Källa" in line for line in finnish)


def test_region_records_and_indicators_are_shown_as_local(regional):
    guide = recording.recording_page(regional, SiteContext())
    row = next(line for line in guide.split("\n") if 'id="r-haastattelupaiva"' in line)
    assert "Paikallinen" in row
    assert all("Paikallinen" not in line for line in guide.split("\n") if 'id="r-alkamispaiva"' in line)
    page = indicators.indicators_page(regional, SiteContext())
    local = page.split("{ #i-haastattelu-2vk }")[1]
    assert "Paikallinen: Esimerkkialue" in local.split("\n## ")[0]
    assert "Paikallinen" not in page.split("{ #i-syyt }")[1].split("\n## ")[0]
    site = render_handbook(regional, SiteContext(), draw=lambda *a: ("<svg/>", "<bpmn/>"))
    assert "kirjaamisohje/index.md" in site.files and "tunnusluvut.md" in site.files
    assert "kirjaamisohje/asiantuntija.md" in site.files


# ---------------------------------------------------------------- the statistics template and the records CSV


def test_statistics_csv_parses_as_excel_reads_it(national):
    text = stats_csv(national, "fi")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:5] == ["tunnus", "tunnusluku", "arvo", "laskentatapa", "tiheys"]
    assert rows[0][5:8] == ["Q1 osoittaja", "Q1 nimittäjä", "Q1 tulos"] and len(rows[0]) == 17
    reasons = [v for v in national.codelist("paattymissyyt").values if not v.avoid]
    assert [r[2] for r in rows if r[0] == "paattymissyyt"] == [v.name.fi for v in reasons]
    assert "Monialaisen tuen tarve päättyy" not in text  # the avoided reason gets no row
    assert {r[0] for r in rows[1:]} == {i.id for i in national.indicators}
    plan = next(r for r in rows if r[0] == "suunnitelma-3kk")
    assert "Suunnitelman päivämäärä" in plan[3] and "enintään 3 kuukautta" in plan[3]
    assert plan[4] == "Neljännesvuosittain"


def test_statistics_workbook_computes_results(national, tmp_path: Path):
    data = stats_xlsx(national, "sv")
    assert data == stats_xlsx(national, "sv")  # deterministic
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "Statistikgenomgång"
    head = [c.value for c in ws[1]]
    assert head[:3] == ["id", "nyckeltal", "värde"] and head[7] == "Q1 resultat"
    by_id = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    plan = by_id["suunnitelma-3kk"]
    assert plan[1].value == "Plan inom tre månader"
    assert plan[7].value == '=IF(AND(ISNUMBER(F{0}),ISNUMBER(G{0}),G{0}>0),F{0}/G{0},"")'.format(plan[0].row)
    assert plan[7].number_format == "0.0 %"
    count = by_id["uudet-asiakkaat"]
    assert count[7].value == f'=IF(ISNUMBER(F{count[0].row}),F{count[0].row},"")'


def test_records_csv(national):
    rows = list(csv.reader(io.StringIO(records_csv(national, "fi")[1:]), delimiter=";"))
    assert rows[0][:4] == ["prosessi", "vaihe", "kirjaus_id", "mitä kirjataan"]
    assert len(rows) - 1 == len(_records(national))
    start = next(r for r in rows if r[2] == "alkamispaiva")
    assert start[4] == "kyllä" and start[5] == "date" and "Työvoima-asiantuntija" in start[9]
    assert next(r for r in rows if r[2] == "paattymissyy")[4] == "ehdotus"
