"""The `typ` commands beyond validate, run as a user runs them (a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent


def typ(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True,
                            timeout=300)
    assert b"Traceback" not in result.stderr + result.stdout
    return result


def test_export_bpmn_to_stdout_and_file(tmp_path: Path):
    # The national model has several processes (client process, transfer, return, network management).
    several = typ("export", "bpmn")
    assert several.returncode == 2
    assert b"asiakasprosessi" in several.stderr and b"verkoston-johtaminen" in several.stderr
    out = typ("export", "bpmn", "--process", "asiakasprosessi")
    assert out.returncode == 0
    root = etree.fromstring(out.stdout)
    assert root.tag == "{http://www.omg.org/spec/BPMN/20100524/MODEL}definitions"
    target = tmp_path / "p.bpmn"
    assert typ("export", "bpmn", "--process", "asiakasprosessi", "-o", str(target)).returncode == 0
    assert target.read_bytes() == out.stdout


def test_export_bpmn_unknown_process_is_a_usage_error():
    out = typ("export", "bpmn", "--process", "ei-ole")
    assert out.returncode == 2 and b"asiakasprosessi" in out.stderr


def test_export_ics_per_role_and_region():
    whole = typ("export", "ics").stdout.decode()
    role = typ("export", "ics", "--role", "typ-johtaja").stdout.decode()
    region = typ("export", "ics", "--region", "tampereen-seutu", "--year", "2026").stdout.decode()
    assert whole.startswith("BEGIN:VCALENDAR\r\n") and whole.count("BEGIN:VEVENT") > role.count("BEGIN:VEVENT") > 0
    assert "verkostofoorumi@typ.tampereen-seutu" in region  # the region's local duty, with a regional UID
    assert "DTSTART;VALUE=DATE:2026" in region
    assert typ("export", "ics", "--role", "ei-ole").returncode == 2


def test_export_on_a_broken_model_reports_errors(mini: Path):
    raci = mini / "roles" / "raci.yaml"
    raci.write_text(raci.read_text("utf-8").replace("johtaja: A", "johtaja: C"), "utf-8")
    out = typ("export", "bpmn", str(mini))
    assert out.returncode == 1 and b"RACI001" in out.stderr and out.stdout == b""


def test_new_region_scaffold_validates(tmp_path: Path, mini: Path):
    out = typ("new-region", "uusi-alue", "--path", str(mini), "--name", 'Uusi "alue"')
    assert out.returncode == 0, out.stderr
    assert (mini / "regions" / "uusi-alue" / "region.yaml").is_file()
    assert typ("validate", str(mini), "--region", "uusi-alue").returncode == 0
    again = typ("new-region", "uusi-alue", "--path", str(mini))
    assert again.returncode == 2 and b"exists" in again.stderr
    assert typ("new-region", "Iso Alue", "--path", str(mini)).returncode == 2


@pytest.mark.parametrize("name", ["Itä\\xLappi", "C:\\alueet\\", "Tab\there", 'Lainaus "x" ja \'y\'',
                                  "# ei kommentti: {a: [b]}", "Yö ✓ 🙂"])
def test_new_region_keeps_any_name_as_written(mini: Path, name: str):
    from generator.compile import compile_model

    assert typ("new-region", "nimi", "--path", str(mini), "--name", name).returncode == 0
    result = compile_model(mini, "nimi")
    assert result.ok, result.diagnostics
    assert result.model.region.name.fi == name


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_diff_between_two_folders(mini: Path, tmp_path: Path, fmt: str):
    import shutil

    new = tmp_path / "new"
    shutil.copytree(mini, new)
    proc = new / "processes" / "prosessi.yaml"
    proc.write_text(proc.read_text("utf-8").replace("within: P3M", "within: P2M"), "utf-8")
    out = typ("diff", str(mini), str(new), "--format", fmt)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    if fmt == "json":
        (change,) = json.loads(text)
        assert change["id"] == "suunnitelma"
    elif fmt == "text":
        assert "deadline.within: P3M -> P2M" in text and "1 change(s)" in text
    else:
        assert "määräaika muuttui: 3 kuukautta → 2 kuukautta" in text


def test_build_refuses_a_broken_model_and_names_the_file(mini: Path, tmp_path: Path):
    proc = mini / "processes" / "prosessi.yaml"
    proc.write_text(proc.read_text("utf-8").replace("lane: virasto", "lane: virastoo"), "utf-8")
    out = typ("build", str(mini), "--out", str(tmp_path / "site"))
    assert out.returncode == 1
    assert b"prosessi.yaml:" in out.stderr and b"REF002" in out.stderr and b"Did you mean 'virasto'" in out.stderr
    assert not (tmp_path / "site").exists()
