"""`typ validate` as a user runs it: the real command in a subprocess, its output and its exit status."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, REPO, TESTS

BROKEN = TESTS / "fixtures" / "broken"
LINE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) "
                  r"(?P<code>[A-Z]+[0-9]*) (?P<message>\S.*)$")
JSON_FIELDS = {"code", "severity", "file", "line", "column", "message", "hint"}


def typ(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "generator.cli", *map(str, args)], cwd=cwd,
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    assert "Traceback" not in result.stdout + result.stderr
    return result


def diagnostics(text: str) -> list[tuple[str, int, int, str, str]]:
    """(file, line, column, severity, code) of each diagnostic line, checking each is followed by its hint."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        m = LINE.match(line)
        if m:
            assert lines[i + 1].startswith("    hint: "), lines[i + 1]
            out.append((m["file"], int(m["line"]), int(m["col"]), m["severity"], m["code"]))
    return out


RULES_EXPECTED = [  # tests/fixtures/broken/README.md
    ("processes/prosessi.yaml", 31, 11, "warning", "LANG001"),
    ("processes/prosessi.yaml", 39, 11, "error", "FLOW005"),
    ("roles/raci.yaml", 7, 13, "error", "REF001"),
]


def prefixed(prefix: str, expected=RULES_EXPECTED):
    return [(os.path.join(prefix, f) if prefix else f, *rest) for f, *rest in expected]


# ---------------------------------------------------------------- exit 0


def test_valid_model_exits_zero():
    result = typ("validate", MINI)
    assert result.returncode == 0
    assert result.stdout.strip() == "0 error(s), 0 warning(s)"
    assert result.stderr == ""


def test_default_path_is_the_current_folder():
    result = typ("validate", cwd=MINI)
    assert result.returncode == 0


def test_typ_script_is_installed():
    result = subprocess.run(["typ", "validate", str(MINI)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# ---------------------------------------------------------------- exit 1: the text format


def test_errors_exit_one_with_file_line_column():
    result = typ("validate", "tests/fixtures/broken/rules")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert diagnostics(output) == prefixed("tests/fixtures/broken/rules")
    assert output.splitlines()[-1] == "2 error(s), 1 warning(s)"


def test_exact_text_of_one_diagnostic():
    result = typ("validate", ".", cwd=BROKEN / "rules")
    lines = (result.stdout + result.stderr).splitlines()
    i = lines.index("roles/raci.yaml:7:13: error REF001 unknown role 'asiantuntia'")
    assert lines[i + 1] == "    hint: Did you mean 'asiantuntija'?"


@pytest.mark.parametrize(("cwd", "arg", "files"), [
    (REPO, "tests/fixtures/broken/rules",
     ["tests/fixtures/broken/rules/processes/prosessi.yaml", "tests/fixtures/broken/rules/roles/raci.yaml"]),
    (BROKEN / "rules", ".", ["processes/prosessi.yaml", "roles/raci.yaml"]),
    (BROKEN / "rules" / "processes", "..", ["prosessi.yaml", "../roles/raci.yaml"]),
    (BROKEN, "rules", ["rules/processes/prosessi.yaml", "rules/roles/raci.yaml"]),
    (BROKEN / "files", "../rules", ["../rules/processes/prosessi.yaml", "../rules/roles/raci.yaml"]),
], ids=["repo", "model-root", "subfolder", "parent", "sibling"])
def test_paths_are_relative_to_the_current_folder(cwd, arg, files):
    result = typ("validate", arg, cwd=cwd)
    process, raci = files
    assert diagnostics(result.stdout + result.stderr) == [
        (process, 31, 11, "warning", "LANG001"),
        (process, 39, 11, "error", "FLOW005"),
        (raci, 7, 13, "error", "REF001"),
    ]


def test_absolute_path_argument_still_prints_relative_paths():
    result = typ("validate", BROKEN / "rules", cwd=BROKEN)
    assert diagnostics(result.stdout + result.stderr) == prefixed("rules")


def test_load_and_schema_errors_in_different_files_are_all_reported():
    result = typ("validate", ".", cwd=BROKEN / "files")
    assert result.returncode == 1
    assert diagnostics(result.stdout + result.stderr) == [
        ("processes/prosessi.yaml", 33, 5, "error", "SCHEMA"),
        ("roles/raci.yaml", 9, 5, "error", "YAML002"),
    ]


def test_warnings_only_exit_zero(tmp_path):
    root = shutil.copytree(MINI, tmp_path / "model")
    path = root / "processes" / "prosessi.yaml"
    path.write_text(path.read_text("utf-8").replace("{fi: Suunnitelma, sv: Plan}", "{fi: Suunnitelma}"), "utf-8")
    result = typ("validate", ".", cwd=root)
    assert result.returncode == 0
    assert diagnostics(result.stdout + result.stderr) == [("processes/prosessi.yaml", 31, 11, "warning", "LANG001")]


# ---------------------------------------------------------------- exit 2


def test_missing_folder_exits_two(tmp_path):
    result = typ("validate", tmp_path / "puuttuu", cwd=tmp_path)
    assert result.returncode == 2
    assert "typ.yaml" in result.stdout + result.stderr


def test_folder_without_typ_yaml_exits_two(tmp_path):
    (tmp_path / "processes").mkdir()
    result = typ("validate", ".", cwd=tmp_path)
    assert result.returncode == 2
    output = result.stdout + result.stderr
    assert re.search(r"^typ\.yaml:1:1: error IO001 no typ\.yaml in ", output, re.M), output


# typer may raise the exceptions of its own vendored click (typer._click): they must still be usage errors.
@pytest.mark.parametrize("args", [["validate", "--format", "xml", "."], ["validate", "--nope"], ["frobnicate"]],
                         ids=["bad-format", "unknown-option", "unknown-command"])
def test_usage_errors_exit_two(args):
    result = typ(*args, cwd=MINI)
    assert result.returncode == 2
    assert b"Error:" in result.stderr if isinstance(result.stderr, bytes) else "Error:" in result.stderr
    assert "internal error" not in str(result.stderr)


# ---------------------------------------------------------------- other formats


def test_json_format():
    result = typ("validate", "--format", "json", "tests/fixtures/broken/rules")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert all(set(item) == JSON_FIELDS for item in items)
    assert [(i["file"], i["line"], i["column"], i["severity"], i["code"]) for i in items] == \
        prefixed("tests/fixtures/broken/rules")
    ref = items[2]
    assert ref["message"] == "unknown role 'asiantuntia'" and ref["hint"] == "Did you mean 'asiantuntija'?"


def test_json_format_of_a_clean_model_is_an_empty_list():
    result = typ("validate", "-f", "json", MINI)
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_json_format_of_a_missing_model(tmp_path):
    result = typ("validate", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 2
    (item,) = json.loads(result.stdout)
    assert item["code"] == "IO001" and set(item) == JSON_FIELDS


def test_github_format():
    result = typ("validate", "--format", "github", ".", cwd=BROKEN / "rules")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "::error file=roles/raci.yaml,line=7,col=13,title=REF001::unknown role 'asiantuntia' " \
           "(hint: Did you mean 'asiantuntija'?)" in lines
    assert any(line.startswith("::warning file=processes/prosessi.yaml,line=31,col=11,title=LANG001::")
               for line in lines)


# ---------------------------------------------------------------- hostile input never shows a traceback


@pytest.mark.parametrize("content", [
    b"kind: process\nversion: !!python/object:os.system x\n",
    b"kind: process\nschema_version: 1\nid: p\nname: x\nsteps: 2025-13-45\n",
    b"[" * 50_000,
    b"kind: process\nname: \x00\n",
    b"\xff\xfe\x00k",
], ids=["python-tag", "bad-date", "deep", "nul", "utf16"])
def test_hostile_file_is_a_diagnostic(tmp_path, content):
    root = shutil.copytree(MINI, tmp_path / "model")
    (root / "processes" / "prosessi.yaml").write_bytes(content)
    result = typ("validate", ".", cwd=root)
    assert result.returncode == 1
    found = diagnostics(result.stdout + result.stderr)
    assert found and {f for f, *_ in found} == {"processes/prosessi.yaml"}


def test_github_format_escapes_the_file_property(tmp_path):
    shutil.copytree(BROKEN / "rules", tmp_path / "a,b:c")
    result = typ("validate", "--format", "github", "a,b:c", cwd=tmp_path)
    assert "::error file=a%2Cb%3Ac/roles/raci.yaml,line=7,col=13,title=REF001::" in result.stdout


def test_text_format_keeps_each_diagnostic_on_one_line(tmp_path):
    root = shutil.copytree(MINI, tmp_path / "model")
    path = root / "calendar" / "kalenteri.yaml"
    text = path.read_text("utf-8").replace('"FREQ=YEARLY;INTERVAL=2;BYMONTH=3"', '"FREQ=YEARLY\\nX=1"')
    path.write_text(text, "utf-8")
    result = typ("validate", ".", cwd=root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("calendar/kalenteri.yaml:18:21: error CAL001 duty 'raportti': 'FREQ=YEARLY\\nX=1' ")
    assert lines[1].startswith("    hint: ")
    assert lines[2] == "1 error(s), 0 warning(s)"
