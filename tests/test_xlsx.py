"""The RACI in Excel and back (`typ export xlsx`, `typ import xlsx`), run as a user runs them.

Every test works on a copy of the repository's model in tmp_path; cells are edited with openpyxl the way a
user edits them in Excel, and the YAML is compared line by line afterwards."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import openpyxl
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
# The model's own folders as typ.yaml lists them (indicators/ from #21 ...), so a new kind is copied too.
_PROJECT = yaml.safe_load((REPO / "typ.yaml").read_text("utf-8"))
MODEL = ("typ.yaml", *_PROJECT["sources"], _PROJECT.get("regions", "regions"))
REGIONS = (None, "ita-lapin-verkosto", "tampereen-seutu")


def typ(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "generator.cli", *map(str, args)], cwd=cwd, capture_output=True,
                         timeout=120, text=True)
    assert "Traceback" not in out.stdout + out.stderr
    return out


@pytest.fixture
def model(tmp_path: Path) -> Path:
    root = tmp_path / "model"
    root.mkdir()
    for name in MODEL:
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and p.suffix != ".xlsx"}


def export(root: Path, *args: str, name: str = "raci.xlsx") -> Path:
    # The national model has several processes; these tests work on the client process's one-sheet workbook.
    if "--process" not in args and (root / "processes/asiakasprosessi.yaml").is_file():
        args = ("--process", "asiakasprosessi", *args)
    out = typ("export", "xlsx", "-o", name, *args, cwd=root)
    assert out.returncode == 0, out.stderr
    return root / name


def load(path: Path) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl: "Data Validation extension is not supported"
        return openpyxl.load_workbook(path)


def edit(path: Path, changes: dict[tuple[str, str], str | None], sheet: str = "RACI") -> dict[tuple[str, str], str]:
    """Set cells by (step id, role id) as a user would; returns the cell reference of each."""
    wb = load(path)
    ws = wb[sheet]
    cols = {c.value: c.column for c in ws[1] if c.value}
    rows = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    refs = {}
    for (step, role), value in changes.items():
        cell = ws.cell(rows[step], cols[role])
        cell.value = value
        refs[(step, role)] = f"{sheet}!{cell.coordinate}"
    wb.save(path)
    return refs


def changed_lines(before: dict[str, bytes], root: Path) -> dict[str, list[str]]:
    """File -> the -/+ lines of its unified diff (files that did not change are left out)."""
    out = {}
    for rel, old in before.items():
        new = (root / rel).read_bytes()
        if new != old:
            diff = difflib.unified_diff(old.decode().splitlines(), new.decode().splitlines(), lineterm="", n=0)
            out[rel] = [x for x in diff if x[:1] in "+-" and x[:3] not in ("+++", "---")]
    return out


# ---------------------------------------------------------------- export


def test_export_is_byte_identical_and_laid_out_for_editing(model: Path):
    first = export(model, name="a.xlsx").read_bytes()
    second = export(model, name="b.xlsx").read_bytes()
    assert first == second
    wb = load(model / "a.xlsx")
    assert wb.sheetnames == ["RACI", "Ohje", "Roolit", "_meta"]
    assert wb["_meta"].sheet_state == "hidden" and wb["RACI"].sheet_state == "visible"
    ws = wb["RACI"]
    assert ws.freeze_panes == "C3"  # ids in row 1 and column A stay in view
    assert (ws["A3"].value, ws["B3"].value) == ("ohjaus", "Ohjaus monialaiseen palvelutarpeen arviointiin")
    assert (ws["C1"].value, ws["C2"].value) == ("tyovoima-asiantuntija", "Työvoima-asiantuntija")
    [dv] = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"R,A,C,I,RA"'
    assert str(dv.sqref) == f"C3:{ws.cell(ws.max_row, ws.max_column).coordinate}"
    roles = wb["Roolit"]
    assert [c.value for c in roles[1]] == ["Roolin tunnus", "Rooli", "Organisaation tunnus", "Organisaatio",
                                           "Lakisääteinen", "Paikallinen"]
    legend = " ".join(str(c.value) for row in wb["Ohje"].iter_rows() for c in row if c.value)
    assert "Accountable" in legend and "typ import xlsx" in legend
    meta = {r[0].value: r[1].value for r in wb["_meta"].iter_rows()}
    assert meta["model_version"] == "2025.1" and meta["region"] == "" and len(meta["content_hash"]) == 64
    assert wb.properties.created.year == 2000  # fixed, not the clock


def test_export_region_and_swedish_labels(model: Path):
    wb = load(export(model, "--region", "tampereen-seutu", "--lang", "sv"))
    assert wb.sheetnames == ["RACI", "Anvisning", "Roller", "_meta"]
    ws = wb["RACI"]
    steps = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]
    assert "vastaanottopalaveri" in steps  # the region's own step
    names = {ws.cell(1, c).value: ws.cell(2, c).value for c in range(3, ws.max_column + 1)}
    assert names["kela-asiantuntija"] != "Kelan kuntoutuksen asiantuntija"  # the Swedish name
    assert "typ-tiimin-vastaava" in names
    meta = {r[0].value: r[1].value for r in wb["_meta"].iter_rows()}
    assert meta["region"] == "tampereen-seutu" and meta["language"] == "sv"


def test_export_one_process_and_unknown_process(model: Path):
    assert load(export(model, "--process", "asiakasprosessi")).sheetnames[0] == "RACI"
    out = typ("export", "xlsx", "--process", "ei-ole", cwd=model)
    assert out.returncode == 2 and "asiakasprosessi" in out.stderr


# ---------------------------------------------------------------- import: nothing changed


@pytest.mark.parametrize("region", REGIONS)
def test_importing_an_unchanged_export_changes_no_file(model: Path, region: str | None):
    scope = ("--region", region) if region else ()
    before = snapshot(model)
    book = export(model, *scope)
    out = typ("import", "xlsx", book, *scope, cwd=model)
    assert out.returncode == 0, out.stderr
    assert "No changes" in out.stdout
    assert snapshot(model) == before


# ---------------------------------------------------------------- import: edits


def test_national_edits_change_exactly_those_cells(model: Path):
    book = export(model)
    before = snapshot(model)
    edit(book, {("ohjaus", "asiakas"): "I",              # changed
                ("ohjaus", "laakari"): "C",              # added
                ("muu-palvelu", "asiakas"): None,        # emptied
                ("arviointi", "terveydenhoitaja"): "r"})  # lower case is the same letter R
    out = typ("import", "xlsx", book, cwd=model)
    assert out.returncode == 0, out.stderr
    assert "asiakas (Asiakas): C -> I" in out.stdout and "laakari (Lääkäri): - -> C" in out.stdout
    assert "asiakas (Asiakas): C -> -" in out.stdout and "terveydenhoitaja (Terveydenhoitaja): C -> R" in out.stdout
    assert changed_lines(before, model) == {"roles/raci.yaml": [
        "-      asiakas: C", "+      asiakas: I", "+      laakari: C",
        "-      asiakas: C",
        "-      terveydenhoitaja: C", "+      terveydenhoitaja: R"]}
    assert (model / "roles/raci.yaml").read_text().startswith("# yaml-language-server")  # comments kept
    # The model now says what the workbook says: exporting again and importing changes nothing.
    again = export(model, name="again.xlsx")
    after = snapshot(model)
    assert typ("import", "xlsx", again, cwd=model).returncode == 0
    assert snapshot(model) == after
    ws = load(again)["RACI"]
    cols = {c.value: c.column for c in ws[1]}
    assert ws.cell(3, cols["laakari"]).value == "C"


def test_region_edits_go_into_the_overlay_minimally(model: Path):
    book = export(model, "--region", "tampereen-seutu")
    before = snapshot(model)
    edit(book, {("arviointi", "terveydenhoitaja"): "C",  # back to the national letter: override goes
                ("toteutus", "tyohonvalmentaja"): "C",   # an override changed
                ("ohjaus", "asiakas"): None,             # a national cell removed locally
                ("kela-mukaan", "tyohonvalmentaja"): "C"})  # a new override
    out = typ("import", "xlsx", book, "--region", "tampereen-seutu", cwd=model)
    assert out.returncode == 0, out.stderr
    assert "reason" in out.stderr  # the new override needs a reason: say so
    lines = changed_lines(before, model)
    assert list(lines) == ["regions/tampereen-seutu/10-prosessi.yaml"]  # the national files are untouched
    assert lines["regions/tampereen-seutu/10-prosessi.yaml"] == [
        "+        asiakas: null",
        "-    - step: arviointi", "-      roles:", "-        terveydenhoitaja: R",
        "-      reason: Tiimin oma terveydenhoitaja osallistuu jokaiseen arviointiin, johon vastaanottopalaveri "
        "hänet kutsuu.", "-",
        "-        tyohonvalmentaja: R", "+        tyohonvalmentaja: C",
        "+", "+    - step: kela-mukaan", "+      roles:", "+        tyohonvalmentaja: C"]
    again = export(model, "--region", "tampereen-seutu", name="again.xlsx")
    after = snapshot(model)
    assert typ("import", "xlsx", again, "--region", "tampereen-seutu", cwd=model).returncode == 0
    assert snapshot(model) == after


def test_an_edit_that_breaks_a_rule_is_shown_and_nothing_written(model: Path):
    book = export(model)
    before = snapshot(model)
    edit(book, {("tarkistaminen", "typ-koordinaattori"): "A"})  # a second Accountable (ohjaus is joint now)
    out = typ("import", "xlsx", book, cwd=model)
    assert out.returncode == 1
    assert "typ-koordinaattori (TYP-koordinaattori): I -> A" in out.stdout  # the diff first
    assert "RACI001" in out.stderr and "nothing was written" in out.stderr
    assert snapshot(model) == before


# ---------------------------------------------------------------- import: refused


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def test_a_stale_export_is_refused_naming_its_revision_and_force_applies_only_its_edits(model: Path):
    _git(model, "init", "-q")
    _git(model, "-c", "user.name=t", "-c", "user.email=t@example.fi", "add", ".")
    _git(model, "-c", "user.name=t", "-c", "user.email=t@example.fi", "commit", "-qm", "model")
    head = _git(model, "describe", "--always", "--abbrev=12").strip()
    book = export(model)
    edit(book, {("ohjaus", "asiakas"): "I"})
    raci = model / "roles/raci.yaml"
    raci.write_text(raci.read_text().replace("      sosiaalityontekija: C\n      asiakas: C\n",
                                             "      sosiaalityontekija: I\n      asiakas: C\n", 1))
    colleague = raci.read_bytes()
    out = typ("import", "xlsx", book, cwd=model)
    assert out.returncode == 1 and head in out.stderr and "--force" in out.stderr
    assert raci.read_bytes() == colleague
    forced = typ("import", "xlsx", book, "--force", cwd=model)
    assert forced.returncode == 0, forced.stderr
    text = raci.read_text()
    assert "      sosiaalityontekija: I\n" in text  # the colleague's change is kept
    assert "1 change(s)" in forced.stdout and "asiakas (Asiakas): C -> I" in forced.stdout


def test_a_bad_letter_names_the_sheet_and_cell(model: Path):
    book = export(model)
    before = snapshot(model)
    refs = edit(book, {("kela-mukaan", "asiakas"): "X", ("toteutus", "laakari"): "RC"})
    out = typ("import", "xlsx", book, cwd=model)
    assert out.returncode == 1
    assert f"{refs['kela-mukaan', 'asiakas']}: 'X' is not a RACI letter; use R, A, C, I, RA or leave it empty" \
        in out.stderr
    assert f"{refs['toteutus', 'laakari']}: 'RC' is not a RACI letter" in out.stderr
    assert "nothing was written" in out.stderr
    assert snapshot(model) == before


def test_unknown_and_duplicated_ids_name_their_cells(model: Path):
    book = export(model)
    before = snapshot(model)
    wb = load(book)
    ws = wb["RACI"]
    ws["A4"] = "muu-palvleu"           # a misspelt step
    ws["D1"] = "sosiaalityontekia"     # a misspelt role
    ws["A6"] = ws["A5"].value          # the same step twice
    ws["E1"] = ws["C1"].value          # the same role twice
    wb.save(book)
    out = typ("import", "xlsx", book, cwd=model)
    assert out.returncode == 1, out.stderr
    assert "RACI!A4: unknown step 'muu-palvleu' in process 'asiakasprosessi' (did you mean 'muu-palvelu'?)" \
        in out.stderr
    assert "RACI!D1: unknown role 'sosiaalityontekia' (did you mean 'sosiaalityontekija'?)" in out.stderr
    assert f"RACI!A6: step '{ws['A5'].value}' appears twice (also RACI!A5)" in out.stderr
    assert "RACI!E1: role 'tyovoima-asiantuntija' appears twice (also RACI!C1)" in out.stderr
    assert snapshot(model) == before


def test_bad_files_are_usage_errors_without_a_traceback(model: Path, tmp_path: Path):
    text = tmp_path / "raci.xlsx"
    text.write_text("vaihe;rooli\n")
    out = typ("import", "xlsx", text, cwd=model)
    assert out.returncode == 2 and "not an Excel workbook" in out.stderr
    assert typ("import", "xlsx", tmp_path / "missing.xlsx", cwd=model).returncode == 2
    book = export(model)
    wb = load(book)
    del wb["_meta"]
    wb.save(tmp_path / "nometa.xlsx")
    out = typ("import", "xlsx", tmp_path / "nometa.xlsx", cwd=model)
    assert out.returncode == 2 and "no sheet '_meta'" in out.stderr
    wb = load(book)
    for cell in wb["RACI"][1]:
        cell.value = None  # the ids cleared: say so rather than import nothing
    wb.save(tmp_path / "noids.xlsx")
    out = typ("import", "xlsx", tmp_path / "noids.xlsx", cwd=model)
    assert out.returncode == 1 and "RACI!C1: no role ids in row 1" in out.stderr
    wb = load(book)
    wb["RACI"].title = "Vastuut"
    wb.save(tmp_path / "renamed.xlsx")
    out = typ("import", "xlsx", tmp_path / "renamed.xlsx", cwd=model)
    assert out.returncode == 2 and "no sheet 'RACI'" in out.stderr


def test_a_region_export_is_refused_nationally(model: Path):
    book = export(model, "--region", "ita-lapin-verkosto")
    out = typ("import", "xlsx", book, cwd=model)
    assert out.returncode == 1 and "--region ita-lapin-verkosto" in out.stderr


def test_a_national_edit_that_breaks_a_region_is_refused(model: Path):
    book = export(model)
    before = snapshot(model)
    # Nationally valid (one A), but Itä-Lappi's overlay makes its social instructor RA as well: two there.
    edit(book, {("saattaen-vaihtaen", "tyovoima-asiantuntija"): "R", ("saattaen-vaihtaen", "typ-koordinaattori"): "A"})
    out = typ("import", "xlsx", book, cwd=model)
    assert out.returncode == 1
    assert "RACI001 in region 'ita-lapin-verkosto'" in out.stderr and "nothing was written" in out.stderr
    assert snapshot(model) == before


def test_flow_style_rows_are_rewritten_on_their_line(tmp_path: Path):
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests/fixtures/mini", root)
    book = export(root)
    before = snapshot(root)
    edit(book, {("arviointi", "asiantuntija"): None, ("arviointi", "johtaja"): "RA",
                ("suunnitelma", "johtaja"): "C"})
    out = typ("import", "xlsx", book, cwd=root)
    assert out.returncode == 0, out.stderr
    assert changed_lines(before, root) == {"roles/raci.yaml": [
        "-    roles: {asiantuntija: R, johtaja: A}", "+    roles: {johtaja: RA}",
        "-    roles: {asiantuntija: RA, johtaja: I}", "+    roles: {asiantuntija: RA, johtaja: C}"]}


def test_two_processes_get_a_sheet_each_and_edits_go_to_their_own_rows(tmp_path: Path):
    root = tmp_path / "mini"
    shutil.copytree(REPO / "tests/fixtures/mini", root)
    second = (root / "processes/prosessi.yaml").read_text().replace("id: prosessi", "id: toinen").replace(
        "name: {fi: Asiakasprosessi, sv: Kundprocess}", "name: {fi: Toinen prosessi, sv: Annan process}")
    (root / "processes/toinen.yaml").write_text(second)
    raci = (root / "roles/raci.yaml").read_text()
    (root / "roles/raci-toinen.yaml").write_text(raci.replace("process: prosessi", "process: toinen"))
    book = export(root)
    wb = load(book)
    assert wb.sheetnames == ["Asiakasprosessi", "Toinen prosessi", "Ohje", "Roolit", "_meta"]
    before = snapshot(root)
    [ref] = edit(book, {("suunnitelma", "johtaja"): "C"}, sheet="Toinen prosessi").values()
    assert ref == "Toinen prosessi!D4"
    assert load(book)["_meta"].sheet_state == "hidden"  # the user's save keeps it hidden
    out = typ("import", "xlsx", book, cwd=root)
    assert out.returncode == 0, out.stderr
    assert "changed raci toinen/suunnitelma" in out.stdout and "prosessi/" not in out.stdout
    assert changed_lines(before, root) == {"roles/raci-toinen.yaml": [
        "-    roles: {asiantuntija: RA, johtaja: I}", "+    roles: {asiantuntija: RA, johtaja: C}"]}
    wb = load(book)
    wb["Toinen prosessi"]["D4"] = "Q"
    wb.save(book)
    out = typ("import", "xlsx", book, "--force", cwd=root)
    assert out.returncode == 1 and "'Toinen prosessi'!D4: 'Q' is not a RACI letter" in out.stderr


def test_a_broken_model_is_reported_before_anything_is_imported(model: Path):
    book = export(model)
    edit(book, {("ohjaus", "asiakas"): "I"})
    raci = model / "roles/raci.yaml"
    source = raci.read_text()
    line = source[:source.index("      asiakas: C\n")].count("\n") + 1
    raci.write_text(source.replace("      asiakas: C\n", "      asiakas: Q\n", 1))
    broken = raci.read_bytes()
    out = typ("import", "xlsx", book, cwd=model)
    assert out.returncode == 1
    assert f"roles/raci.yaml:{line}:16: error SCHEMA" in out.stderr and "fix them before importing" in out.stderr
    assert raci.read_bytes() == broken
