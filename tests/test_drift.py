"""Drift: a region's overlay written against 2025.1, the national model now at 2025.2 (in git)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import edit, git

from generator.analysis.drift import check_drift, drift_diagnostics
from generator.analysis.versions import national_revision
from generator.compile import compile_model
from generator.diagnostics import Severity
from generator.render.context import SiteContext
from generator.render.pages.deviations import deviations_page

FIXTURES = Path(__file__).parent / "fixtures"
OV, REGION = "regions/testi/overlay.yaml", "regions/testi/region.yaml"
PROC, CAL = "processes/prosessi.yaml", "calendar/kalenteri.yaml"


def line_of(root: Path, file: str, text: str) -> tuple[int, int]:
    """(line, column) of the first line containing `text`: what the user's editor shows."""
    for n, line in enumerate((root / file).read_text("utf-8").splitlines(), 1):
        if text in line:
            return n, line.index(text) + 1
    raise AssertionError(f"{text!r} not in {file}")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """mini + region 'testi' (based on 2025.1) committed; then the nation moves to 2025.2."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(FIXTURES / "diff" / "region", root / "regions" / "testi")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "2025.1 and region")
    edit(root, PROC, "{fi: Suunnitelma, sv: Plan}", "{fi: Suunnitelman laatiminen, sv: Plan}")  # changed by region
    edit(root, PROC, "description: Arvioidaan tarve yhdessä.", "description: Arvioidaan tarve.")  # region adds after
    edit(root, CAL, "rhythm: {months: [2, 5, 8, 11], day: 15}", "rhythm: {months: [3], day: 15}")  # untouched
    edit(root, "typ.yaml", 'version: "2025.1"', 'version: "2025.2"')
    git(root, "commit", "-q", "-am", "2025.2")
    return root


def regional(root: Path):
    result = compile_model(root, "testi")
    assert result.ok, result.diagnostics
    return result.model


def test_drift_warns_at_the_overlay_lines_of_exactly_the_touched_elements(repo):
    drifts = check_drift(repo, regional(repo))
    diags = drift_diagnostics(drifts)
    assert [(d.file, d.line, d.column, d.code, d.severity) for d in diags] == [
        (OV, *line_of(repo, OV, "id: suunnitelma"), "DRIFT001", Severity.WARNING),
        (OV, *line_of(repo, OV, "id: aloituspalaveri"), "DRIFT001", Severity.WARNING),
    ]
    changed, anchored = diags
    assert "'suunnitelma'" in changed.message and "2025.1" in changed.message and "2025.2" in changed.message
    assert "Suunnitelman laatiminen" in changed.message
    assert "'arviointi'" in anchored.message and "description" in anchored.message
    assert all(d.hint == "Review the local change; then set based_on: '2025.2' in region.yaml" for d in diags)
    page = deviations_page(regional(repo), SiteContext(), drifts)
    lines = [line for line in page.splitlines() if "Tarkista paikallinen muutos" in line]
    assert len(lines) == 2 and "kansallinen vaihe **Suunnitelman laatiminen** on muuttunut" in lines[0]
    assert "nimi: Suunnitelma → Suunnitelman laatiminen" in lines[0]  # escaped Markdown


def test_the_old_model_is_the_last_commit_before_the_bump(repo):
    # A later commit at 2025.1 would have been "the newest commit with that version" only if it touched typ.yaml.
    first = git(repo, "rev-parse", "HEAD~1")
    assert national_revision(repo, "2025.1") == first
    assert national_revision(repo, "2025.2") == git(repo, "rev-parse", "HEAD")
    assert national_revision(repo, "1999.1") is None


def test_region_on_the_current_version_has_no_drift(repo):
    edit(repo, REGION, 'based_on: "2025.1"', 'based_on: "2025.2"')
    assert check_drift(repo, regional(repo)) == []


def test_unknown_based_on_is_one_warning_at_based_on(repo):
    edit(repo, REGION, 'based_on: "2025.1"', 'based_on: "2024.9"')
    drifts = check_drift(repo, regional(repo))
    diags = drift_diagnostics(drifts)
    assert [(d.file, d.line, d.column, d.code, d.severity) for d in diags] == [
        (REGION, *line_of(repo, REGION, '"2024.9"'), "DRIFT002", Severity.WARNING)]
    assert "2024.9" in diags[0].message
    assert "Kansallista versiota 2024.9" in deviations_page(regional(repo), SiteContext(), drifts)


def test_no_git_is_a_warning_not_a_crash(tmp_path):
    root = tmp_path / "plain"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(FIXTURES / "diff" / "region", root / "regions" / "testi")
    edit(root, "typ.yaml", 'version: "2025.1"', 'version: "2025.2"')
    assert [d.diagnostic.code for d in check_drift(root, regional(root))] == ["DRIFT002"]


def test_national_model_has_no_drift(repo):
    result = compile_model(repo)
    assert result.ok and check_drift(repo, result.model) == []


def test_raci_row_the_region_sets_drifts_when_the_nation_changes_it(repo):
    edit(repo, "roles/raci.yaml", "{asiantuntija: R, johtaja: A}", "{asiantuntija: RA, johtaja: I}")
    git(repo, "commit", "-q", "-am", "2025.2: RACI")
    drifts = check_drift(repo, regional(repo))
    diags = drift_diagnostics(drifts)
    raci_line = line_of(repo, OV, "step: arviointi")
    assert [(d.line, d.column) for d in diags if "RACI" in d.message] == [raci_line]
    (d,) = [d for d in diags if "RACI" in d.message]
    assert "johtaja (Johtaja): A -> I" in d.message and len(diags) == 3


@pytest.mark.parametrize(("setting", "expected"), [("off", []), ("error", [Severity.ERROR, Severity.ERROR]),
                                                   ("warning", [Severity.WARNING, Severity.WARNING])])
def test_typ_yaml_sets_the_severity_of_drift(repo, setting: str, expected: list[Severity]):
    with (repo / "typ.yaml").open("a", encoding="utf-8") as f:
        f.write(f"rules: {{DRIFT001: {setting}, DRIFT002: off}}\n")
    result = compile_model(repo, "testi")
    assert result.ok, result.diagnostics  # no CONFIG001: the drift codes are known rule codes
    drifts = check_drift(repo, result.model, result.raw.project["rules"])
    assert [d.severity for d in drift_diagnostics(drifts)] == expected
    cli = subprocess.run([sys.executable, "-m", "generator.cli", "validate", str(repo), "--region", "testi"],
                         capture_output=True, text=True, timeout=120)
    assert cli.returncode == (1 if setting == "error" else 0), cli.stderr
    assert ("DRIFT001" in cli.stdout + cli.stderr) == (setting != "off")
