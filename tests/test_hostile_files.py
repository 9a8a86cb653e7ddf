"""Hostile corpus, files: the model root is a boundary. Nothing is read through a symlink that leaves it,
no FIFO or device is read, odd file names are printed safely, and paths in typ.yaml stay inside.
Black-box: every case runs the real `typ` command on a copy of the real model."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import model_copy, refused, site_text, text, typ, warned

SECRET = "OUTSIDE-SECRET-7f3a"
REGION = "tampereen-seutu"


@pytest.fixture
def model(tmp_path: Path) -> Path:
    return model_copy(tmp_path / "model")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    (folder / "sub").mkdir(parents=True)
    (folder / "secret.md").write_text(f"# Secret\n\n{SECRET}\n", "utf-8")
    (folder / "sub" / "notes.md").write_text(f"# Notes\n\n{SECRET}\n", "utf-8")
    (folder / "g.yaml").write_text("kind: glossary\nschema_version: 1\nterms:\n  - id: leaked\n"
                                   f"    term: {{fi: {SECRET}, sv: {SECRET}}}\n"
                                   "    definition: {fi: x, sv: x}\n", "utf-8")
    return folder


# Where a network can commit a file, and what the link points at.
PLACES = ["pages/x.md", f"regions/{REGION}/pages/x.md", "glossary/x.yaml", f"regions/{REGION}/50-x.yaml",
          "roles/x.yml", "pages/sv/x.md"]


@pytest.mark.parametrize("place", PLACES)
def test_symlink_leaving_the_model_is_refused_by_validate(model: Path, outside: Path, place: str):
    target = outside / ("g.yaml" if place.endswith((".yaml", ".yml")) else "secret.md")
    link = model / place
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    out = typ("validate", "--all", model)
    m = refused(out, place)
    assert "outside" in m.string[m.end():].split("\n")[0]
    assert SECRET not in text(out)


@pytest.mark.parametrize("target", ["/etc/hostname", "/proc/self/environ", "../../../../../../etc/os-release"])
@pytest.mark.parametrize("place", ["pages/leak.md", f"regions/{REGION}/pages/leak.md"])
def test_symlinked_page_is_never_published(model: Path, tmp_path: Path, target: str, place: str):
    (model / place).symlink_to(target)
    refused(typ("validate", "--all", model), place)
    out = typ("build", "--all", model, "--out", tmp_path / "site", env={"TYP_CANARY": SECRET})
    refused(out, place)
    assert not (tmp_path / "site").exists()


def test_symlinked_pages_folder_leaving_the_model_is_refused(model: Path, outside: Path, tmp_path: Path):
    pages = model / "regions" / REGION / "pages"
    for p in pages.rglob("*"):
        if p.is_file():
            p.unlink()
    for p in sorted(pages.rglob("*"), reverse=True):
        p.rmdir()
    pages.rmdir()
    pages.symlink_to(outside, target_is_directory=True)
    refused(typ("validate", "--region", REGION, model), f"regions/{REGION}/pages")
    out = typ("build", "--all", model, "--out", tmp_path / "site")
    refused(out, f"regions/{REGION}/pages")
    assert not (tmp_path / "site").exists()


def test_symlinked_subfolder_inside_pages_is_refused(model: Path, outside: Path, tmp_path: Path):
    (model / "pages" / "more").symlink_to(outside / "sub", target_is_directory=True)
    refused(typ("validate", model), "pages/more")


def test_symlink_inside_the_model_is_fine(model: Path, tmp_path: Path):
    """Links that stay in the model are a normal way to share a page."""
    (model / "pages" / "ohje.md").write_text("# Ohje\n\nYhteinen sivu.\n", "utf-8")
    (model / "pages" / "kopio.md").symlink_to("ohje.md")
    out = typ("build", model, "--out", tmp_path / "site")
    assert out.returncode == 0, text(out)
    assert (tmp_path / "site" / "kopio.html").is_file()


@pytest.mark.parametrize("place", ["pages/fifo.md", f"regions/{REGION}/pages/fifo.md", "glossary/fifo.yaml"])
def test_fifo_is_reported_not_read(model: Path, tmp_path: Path, place: str):
    os.mkfifo(model / place)
    refused(typ("validate", "--all", model, timeout=30), place)
    out = typ("build", "--all", model, "--out", tmp_path / "site", timeout=60)
    refused(out, place)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_device_link_is_reported_not_read(model: Path, tmp_path: Path, device: str):
    (model / "pages" / "dev.md").symlink_to(device)
    (model / "glossary" / "dev.yaml").symlink_to(device)
    out = typ("build", model, "--out", tmp_path / "site", timeout=60)
    refused(out, "pages/dev.md")
    refused(out, "glossary/dev.yaml")


def test_model_files_themselves_may_not_leave_the_model(model: Path, tmp_path: Path):
    real = tmp_path / "typ.yaml"
    (model / "typ.yaml").rename(real)
    (model / "typ.yaml").symlink_to(real)
    refused(typ("validate", model), "typ.yaml")
    mk = tmp_path / "mkdocs.yml"
    (model / "mkdocs.yml").rename(mk)
    (model / "mkdocs.yml").symlink_to(mk)
    (model / "typ.yaml").unlink()
    real.rename(model / "typ.yaml")
    refused(typ("build", model, "--out", tmp_path / "site"), "mkdocs.yml")


@pytest.mark.parametrize(("key", "value"), [
    ("sources", "[processes, roles, calendar, glossary, /]"),
    ("sources", "[processes, roles, calendar, ../outside]"),
    ("pages", "OUTSIDE"),
    ("pages", "../outside"),
    ("regions", "/etc"),
])
def test_paths_in_typ_yaml_must_stay_inside(model: Path, outside: Path, tmp_path: Path, key: str, value: str):
    value = value.replace("OUTSIDE", str(outside))
    project = model / "typ.yaml"
    lines = [ln for ln in project.read_text("utf-8").splitlines() if not ln.startswith(f"{key}:")]
    project.write_text("\n".join([*lines, f"{key}: {value}", ""]), "utf-8")
    line = len(lines) + 1
    out = typ("validate", "--all", model, timeout=30)
    refused(out, "typ.yaml", "CONFIG003", line)
    assert SECRET not in text(out)
    build = typ("build", "--all", model, "--out", tmp_path / "site", timeout=60)
    refused(build, "typ.yaml", "CONFIG003", line)


@pytest.mark.parametrize("region", ["../../../outside", "/etc", "..", "a/../../b", "../" * 5 + "etc"])
def test_region_option_is_an_id_not_a_path(model: Path, outside: Path, region: str):
    (outside / "region.yaml").write_text("kind: region\nschema_version: 1\nid: [broken\n", "utf-8")
    out = typ("validate", "--region", region, model)
    assert out.returncode == 2, text(out)
    assert "broken" not in text(out) and "new-region" not in text(out)


@pytest.mark.parametrize(("old", "new"), [
    (f"regions/{REGION}/region.yaml", f"regions/{REGION}/region.yml"),
    (f"regions/{REGION}/region.yaml", f"regions/{REGION}/Region.YAML"),
    ("regions/ita-lapin-verkosto/10-prosessi.yaml", "regions/ita-lapin-verkosto/10-prosessi.YAML"),
    ("glossary/termit.yaml", "glossary/termit.Yml"),
])
def test_region_yml_and_upper_case_suffixes_are_not_silently_ignored(model: Path, old: str, new: str):
    (model / old).rename(model / new)
    refused(typ("validate", "--all", model), new)


def test_region_folder_without_metadata_is_a_warning(model: Path):
    (model / "regions" / "keskeneräinen").mkdir()
    (model / "regions" / "keskeneräinen" / "10-x.yaml").write_text("kind: overlay\n", "utf-8")
    warned(typ("validate", "--all", model), "regions/keskeneräinen")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_committed_outside_symlink_never_crashes_diff_drift_or_build(model: Path, tmp_path: Path):
    _git(model, "init", "-q")
    _git(model, "add", "-A")
    _git(model, "commit", "-qm", "init")
    (model / "glossary" / "etc").symlink_to("../../../../../../../etc", target_is_directory=True)
    (model / "pages" / "abs.md").symlink_to("/etc/hostname")
    _git(model, "add", "-A")
    _git(model, "commit", "-qm", "links")
    diff = typ("diff", "HEAD~1", "HEAD", cwd=model)
    assert diff.returncode in (0, 1), text(diff)
    project = model / "typ.yaml"
    project.write_text(project.read_text("utf-8").replace('version: "2025.1"', 'version: "2025.2"'), "utf-8")
    _git(model, "commit", "-qam", "bump")
    drift = typ("validate", "--region", REGION, model)
    refused(drift, "glossary/etc")
    build = typ("build", "--all", model, "--out", tmp_path / "site")
    refused(build, "pages/abs.md")


# ---------------------------------------------------------------- file names reach the terminal safely

ESCAPES = st.lists(st.sampled_from(["\n", "\r", "\x1b", "[", "2", "K", "\x07", "\x9b", "\u202e", "a", " ",
                                    "0 error(s)", "\x08"]), min_size=1, max_size=8).map("".join)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=ESCAPES)
def test_file_names_never_forge_report_lines_or_escape_sequences(tmp_path_factory, name: str):
    model = model_copy(tmp_path_factory.mktemp("names") / "model")
    (model / "glossary" / f"x{name}.yaml").write_text("kind: glossary\nschema_version: 1\nterms: 5\n", "utf-8")
    for fmt in ("text", "github", "json"):
        out = typ("validate", "--format", fmt, model)
        shown = text(out)
        assert out.returncode == 1, shown
        for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\r", "\x08"):
            assert bad not in shown, (fmt, shown)
        if fmt == "text":
            assert shown.count("error(s),") == 1 and shown.rstrip().splitlines()[-1].startswith("1 error(s)")
            # every line is a diagnostic, a hint or the summary
            for ln in shown.rstrip().splitlines():
                assert re.match(r"\S.*glossary/x.*\.yaml:3:8: error SCHEMA |    hint: |1 error\(s\)", ln), shown


def test_build_site_holds_nothing_from_outside(model: Path, outside: Path, tmp_path: Path):
    """A clean model still builds, and the scan that the leak tests rely on finds nothing."""
    out = typ("build", "--all", model, "--out", tmp_path / "site")
    assert out.returncode == 0, text(out)
    assert SECRET not in site_text(tmp_path / "site")
