"""The handbook site: pages as a reader sees them, atomic output, determinism, escaping."""

from __future__ import annotations

import hashlib
from pathlib import Path

import lxml.html
import pytest

from generator.compile import compile_model
from generator.render.context import SiteContext
from generator.render.handbook import render_handbook
from generator.render.vocabulary import duration_words
from generator.site.build import build

EVIL = '</title><script>alert(1)</script> "lainaus" *tähti* [linkki](http://x) {a|b} \\ # otsikko'


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_step_page_tells_who_does_what_by_when(mini: Path):
    model = compile_model(mini).model
    files = render_handbook(model, SiteContext()).files
    page = files["prosessit/prosessi/suunnitelma.md"]
    assert "## Kuka tekee mitä" in page
    assert "Asiantuntija" in page and "Vastuussa lopputuloksesta (A)" in page
    assert "**3 kuukauden kuluessa** vaiheesta" in page
    step = files["prosessit/prosessi/arviointi.md"]
    assert 'href="https://www.finlex.fi/fi/lainsaadanto/2023/381#sec_4"' in step
    assert "Arvion tulos" in step and "Asiakastietojärjestelmä" in step
    assert "§ Lakisääteinen" in step


def test_role_page_lists_tasks_and_duties(mini: Path):
    model = compile_model(mini).model
    page = render_handbook(model, SiteContext()).files["roolit/johtaja.md"]
    assert "## Minun tehtäväni" in page
    assert "arviointi.md" in page  # A on arviointi
    assert "Tavoitteiden asettaminen" in page and "johtaja.ics" in page


def test_raci_csv_matches_the_matrix(mini: Path):
    model = compile_model(mini).model
    csv_text = render_handbook(model, SiteContext()).files["downloads/raci-prosessi.csv"]
    # Finnish Excel: a BOM so it reads UTF-8, semicolons between columns, roles by name.
    assert csv_text.startswith("\ufeff")
    assert csv_text[1:].split("\r\n") == [
        "vaihe_id;vaihe;Asiantuntija;Johtaja",
        "arviointi;Arviointi;R;A",
        "suunnitelma;Suunnitelma;RA;I",
        "",
    ]


def test_raci_csv_cannot_smuggle_a_formula(mini: Path):
    proc = mini / "processes" / "prosessi.yaml"
    proc.write_text(proc.read_text("utf-8").replace("{fi: Suunnitelma, sv: Plan}",
                                                    "{fi: '=HYPERLINK(\"http://x\")', sv: Plan}"), "utf-8")
    csv_text = render_handbook(compile_model(mini).model, SiteContext()).files["downloads/raci-prosessi.csv"]
    assert 'suunnitelma;"\'=HYPERLINK(' in csv_text  # quoted by csv, led by an apostrophe


@pytest.mark.parametrize(("iso", "words"), [("P3M", "3 kuukautta"), ("P1Y", "1 vuosi"), ("P2W", "2 viikkoa"),
                                            ("P10D", "10 päivää"), ("P1Y6M", "1 vuosi 6 kuukautta")])
def test_durations_in_words(iso: str, words: str):
    assert duration_words(iso) == words


def test_build_writes_a_material_site(mini: Path, tmp_path: Path):
    out = tmp_path / "site"
    assert build(mini, out) == []
    html = (out / "prosessit" / "prosessi" / "arviointi.html").read_text("utf-8")
    assert "Arviointi" in html and "md-header" in html  # Material's layout
    assert (out / "search" / "search_index.json").is_file()
    assert (out / "prosessit" / "prosessi" / "prosessi.bpmn").is_file()
    assert (out / "downloads" / "vuosikello.ics").read_text("utf-8").startswith("BEGIN:VCALENDAR")
    # Printable wheels for the version's year and the two after, linked from the calendar page.
    calendar = (out / "vuosikello.html").read_text("utf-8")
    for year in (2025, 2026, 2027):
        assert f'href="downloads/vuosikello-{year}.svg"' in calendar
        assert f">{year}<" in (out / "downloads" / f"vuosikello-{year}.svg").read_text("utf-8")
    index = (out / "prosessit" / "prosessi" / "index.html").read_text("utf-8")
    assert "<svg" in index and 'href="arviointi.html"' in index  # swimlane inline, steps linked


def test_two_builds_are_byte_identical(mini: Path, tmp_path: Path):
    assert build(mini, tmp_path / "a") == []
    assert build(mini, tmp_path / "b") == []
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_failed_build_leaves_previous_site_untouched(mini: Path, tmp_path: Path):
    out = tmp_path / "site"
    assert build(mini, out) == []
    before = tree(out)
    raci = mini / "roles" / "raci.yaml"
    raci.write_text(raci.read_text("utf-8").replace("johtaja: A", "johtaja: C"), "utf-8")
    diags = build(mini, out)
    assert [d.code for d in diags] == ["RACI001"]
    assert tree(out) == before
    # no temp folder left; the lock file stays (removing it would race a waiting build), and so does the
    # build cache beside the output (on purpose)
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site") and p.name != ".site.cache"]
    assert left == [".site.lock"]


def test_broken_link_in_hand_written_page_fails_strict_build(mini: Path, tmp_path: Path):
    out = tmp_path / "site"
    (mini / "pages").mkdir()
    (mini / "pages" / "ohje.md").write_text("# Ohje\n\n[rikki](ei-ole.md)\n", "utf-8")
    diags = build(mini, out)
    assert [(d.code, d.file, d.line, d.column) for d in diags] == [("SITE001", "pages/ohje.md", 3, 9)]
    assert "ei-ole.md" in diags[0].message
    assert not out.exists()


def test_model_text_is_escaped_everywhere(mini: Path, tmp_path: Path):
    proc = mini / "processes" / "prosessi.yaml"
    text = proc.read_text("utf-8")
    quoted = "'" + EVIL.replace("'", "''") + "'"  # a YAML single-quoted scalar
    text = text.replace("name: {fi: Suunnitelma, sv: Plan}", f"name: {{fi: {quoted}, sv: Plan}}")
    text = text.replace("description: Arvioidaan tarve yhdessä.", f"description: {quoted}")
    proc.write_text(text, "utf-8")
    out = tmp_path / "site"
    assert build(mini, out) == []
    for page in ["prosessit/prosessi/suunnitelma.html", "prosessit/prosessi/arviointi.html",
                 "prosessit/prosessi/index.html", "raci.html", "roolit/asiantuntija.html"]:
        html = (out / page).read_text("utf-8")
        assert "<script>alert(1)" not in html, page
        assert "<a href=\"http://x\"" not in html, page
    # A reader sees exactly the text the model holds, in the page body and in the navigation.
    for page in ["prosessit/prosessi/arviointi.html", "prosessit/prosessi/suunnitelma.html"]:
        doc = lxml.html.fromstring((out / page).read_text("utf-8"))
        assert EVIL in doc.text_content(), page
        assert not doc.xpath("//script[contains(., 'alert(1)')]")


def test_output_that_is_not_a_site_is_never_replaced(mini: Path, tmp_path: Path):
    # --out . (or any folder holding the model) would otherwise delete the model itself.
    for out in (mini, mini.parent):
        (diag,) = build(mini, out)
        assert diag.code == "IO001" and "model" in diag.message
    assert (mini / "typ.yaml").is_file()
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", "utf-8")
    (diag,) = build(mini, precious)
    assert diag.code == "IO001" and (precious / "notes.txt").read_text("utf-8") == "keep me"
    (tmp_path / "file").write_text("x", "utf-8")
    assert [d.code for d in build(mini, tmp_path / "file")] == ["IO001"]
    # A folder an earlier build made is replaced, and an interrupted build's leftovers are cleaned up.
    out = tmp_path / "site"
    assert build(mini, out) == []
    # Only folders typ marked as its own are removed: a '.site.build-notes' of the user's stays.
    (tmp_path / ".site.build-stale").mkdir()
    (tmp_path / ".site.build-stale" / ".typ-build").write_text("", "utf-8")
    (tmp_path / ".site.build-notes").mkdir()
    assert build(mini, out) == [] and not (tmp_path / ".site.build-stale").exists()
    assert (tmp_path / ".site.build-notes").is_dir()


def test_base_config_is_read_the_way_mkdocs_reads_it(mini: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TYP_TEST_PALETTE", "teal")
    (mini / "mkdocs.yml").write_text(
        "theme:\n  name: material\n  language: fi\n  palette:\n    primary: !ENV TYP_TEST_PALETTE\n", "utf-8")
    assert build(mini, tmp_path / "site") == []
    assert 'data-md-color-primary="teal"' in (tmp_path / "site" / "index.html").read_text("utf-8")
    (mini / "mkdocs.yml").write_text("theme: [unclosed\n", "utf-8")
    (diag,) = build(mini, tmp_path / "site2")
    assert (diag.code, diag.file, diag.line) == ("SITE002", "mkdocs.yml", 2)


def test_hand_written_pages_problems_are_reported(mini: Path, tmp_path: Path):
    (mini / "pages").mkdir()
    (mini / "pages" / "raci.md").write_text("# Oma RACI\n", "utf-8")
    diags = build(mini, tmp_path / "site")
    assert [(d.code, d.severity.value, d.file) for d in diags] == [("SITE004", "warning", "pages/raci.md")]
    (mini / "pages" / "huono.md").write_bytes(b"# Otsikko\n\nrivi \xe4\n")
    diags = build(mini, tmp_path / "site2")
    assert [(d.code, d.file, d.line, d.column) for d in diags] == [("SITE003", "pages/huono.md", 3, 6)]


def test_plain_build_has_no_version_selector(mini: Path, tmp_path: Path):
    # Only a mike-published site has versions.json; elsewhere the selector would only fetch a 404.
    assert build(mini, tmp_path / "site") == []
    assert '"version":null' in (tmp_path / "site" / "index.html").read_text("utf-8").replace(" ", "")


def test_calendar_months_match_the_wheel(mini: Path):
    cal = mini / "calendar" / "kalenteri.yaml"
    cal.write_text(cal.read_text("utf-8").replace('FREQ=YEARLY;INTERVAL=2;BYMONTH=3", start: "2025-03-01"',
                                                  'FREQ=MONTHLY;INTERVAL=4", start: "2025-02-01"'), "utf-8")
    model = compile_model(mini).model
    page = render_handbook(model, SiteContext()).files["vuosikello.md"]
    monthly = page.split("## Kuukausittain", 1)[1].split("## Kaikki tehtävät", 1)[0]
    # a month heading carries its number for the wheel's links: "Helmikuu {: data-typ-month="2" }"
    sections = {s.split("\n", 1)[0].split(" {:")[0]: s for s in monthly.split("### ")[1:]}
    with_report = sorted(title for title, body in sections.items() if "Raportti" in body)
    assert with_report == ["Helmikuu", "Kesäkuu", "Lokakuu"]


def test_national_handbook_is_built_in_every_project_language(mini: Path, tmp_path: Path):
    out = tmp_path / "site"
    assert build(mini, out) == []
    sv = (out / "sv" / "prosessit" / "prosessi" / "suunnitelma.html").read_text("utf-8")
    assert '<html lang="sv"' in sv and ">Plan<" in sv and "Startsida" in sv
    # The switcher links each language's front page to the other's.
    assert '<a href="../index.html" hreflang="fi"' in (out / "sv" / "index.html").read_text("utf-8")
    assert '<a href="sv/index.html" hreflang="sv"' in (out / "index.html").read_text("utf-8")
