"""Hostile corpus, the model's structure: ids that would overwrite generated pages, be unsafe file names or
collide in derived SVG/BPMN ids are refused; a region cannot route around a locked statutory step;
`typ new-region` writes valid YAML whatever the name. Black-box through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import model_copy, refused, text, typ

REGION = "tampereen-seutu"
OVERLAY = f"regions/{REGION}/40-x.yaml"


@pytest.fixture
def model(tmp_path: Path) -> Path:
    return model_copy(tmp_path / "model")


def write_overlay(model: Path, body: str) -> Path:
    path = model / OVERLAY
    path.write_text("kind: overlay\nschema_version: 1\n" + body, "utf-8")
    return path


def add_step(step_id: str, after: str = "arviointi", extra: str = "") -> str:
    return (f"process: asiakasprosessi\nsteps:\n  add:\n    - id: {step_id}\n      after: {after}\n"
            f"      type: task\n      name: {{fi: Uusi, sv: Ny}}\n      lane: typ-verkosto\n{extra}"
            "      reason: x\n")


# ---------------------------------------------------------------- reserved and unsafe ids

RESERVED = ["index", "404", "con", "prn", "aux", "nul", "com1", "lpt9", "com0"]


@pytest.mark.parametrize("step_id", RESERVED)
def test_reserved_step_id_is_refused_at_the_overlay_line(model: Path, step_id: str):
    write_overlay(model, add_step(step_id))
    refused(typ("validate", "--region", REGION, model), OVERLAY, line=6)


@pytest.mark.parametrize("role_id", ["index", "con", "aux", "nul"])
def test_reserved_role_id_is_refused(model: Path, role_id: str):
    write_overlay(model, f"roles:\n  add:\n    - {{id: {role_id}, name: Indeksi, organisation: tyovoimaviranomainen, "
                         "reason: x}\n")
    refused(typ("validate", "--region", REGION, model), OVERLAY, line=5)


def test_national_step_named_index_is_refused(model: Path):
    proc = model / "processes" / "asiakasprosessi.yaml"
    proc.write_text(proc.read_text("utf-8").replace("toteutus", "index"), "utf-8")
    raci = model / "roles" / "raci.yaml"
    raci.write_text(raci.read_text("utf-8").replace("toteutus", "index"), "utf-8")
    for region in (model / "regions").iterdir():
        for f in region.glob("*.yaml"):
            f.write_text(f.read_text("utf-8").replace("toteutus", "index"), "utf-8")
    out = typ("validate", "--all", model)
    refused(out, "processes/asiakasprosessi.yaml")


@pytest.mark.parametrize("suffix", ["-label", "-timer", "-timer-label", "-di"])
def test_ids_whose_derived_diagram_ids_collide_are_refused(model: Path, suffix: str):
    write_overlay(model, add_step(f"arviointi{suffix}"))
    refused(typ("validate", "--region", REGION, model), OVERLAY, line=6)


def test_derived_ids_are_unique_in_the_built_diagrams(model: Path, tmp_path: Path):
    """Property the rule protects: every id in the SVG and BPMN the build writes is unique."""
    import collections

    from lxml import etree

    out = typ("build", "--all", model, "--out", tmp_path / "site")
    assert out.returncode == 0, text(out)
    for f in [*(tmp_path / "site").rglob("*.svg"), *(tmp_path / "site").rglob("*.bpmn")]:
        ids = [e.get("id") for e in etree.parse(str(f)).iter() if e.get("id")]
        assert [i for i, n in collections.Counter(ids).items() if n > 1] == [], f


# ---------------------------------------------------------------- locks cannot be routed around

def test_local_decision_cannot_skip_locked_steps(model: Path):
    write_overlay(model, """process: asiakasprosessi
steps:
  add:
    - id: oikotie
      after: arviointi
      type: decision
      name: {fi: "Ohitetaanko suunnitelma?", sv: "Hoppa över?"}
      lane: typ-verkosto
      next:
        - {to: kelan-kuntoutustarve, label: {fi: Ei, sv: Nej}}
        - {to: asiakkuus-paattyy, label: {fi: Kyllä, sv: Ja}}
      reason: bypass
""")
    out = typ("validate", "--region", REGION, model)
    m = refused(out, OVERLAY, "LOCK001")
    assert int(m["line"]) in (6, 11), text(out)


def test_local_task_jumping_past_locked_steps_is_refused_at_the_overlay(model: Path):
    write_overlay(model, add_step("hyppy", extra="      next: [asiakkuus-paattyy]\n"))
    out = typ("validate", "--region", REGION, model)
    refused(out, OVERLAY, "LOCK001")


def test_local_step_that_keeps_the_locked_path_is_fine(model: Path):
    write_overlay(model, add_step("valivaihe"))
    out = typ("validate", "--region", REGION, model)
    assert "LOCK001" not in text(out), text(out)


# ---------------------------------------------------------------- new-region writes valid YAML

@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=st.sampled_from(list("Oulu \\\"'\n:#{}[]&*!|>%@`-?,ä\t")), min_size=1, max_size=20))
def test_new_region_name_is_always_valid_yaml(tmp_path_factory, name: str):
    model = model_copy(tmp_path_factory.mktemp("newreg") / "model")
    out = typ("new-region", "uusi", "--path", model, "--name", name)
    if out.returncode == 0:
        v = typ("validate", "--region", "uusi", model)
        assert v.returncode == 0, text(v)
    else:
        assert out.returncode == 2 and "error" in text(out).lower()


def test_new_region_with_a_broken_process_file_is_a_located_error(model: Path):
    proc = model / "processes" / "asiakasprosessi.yaml"
    proc.write_text(proc.read_text("utf-8") + "steps: [\n", "utf-8")
    out = typ("new-region", "uusi4", "--path", model)
    assert out.returncode in (1, 2), text(out)
    assert "processes/asiakasprosessi.yaml:" in text(out)


def test_new_region_refuses_paths_and_odd_ids(model: Path):
    for bad in ("../../evil", "with space", "index", "con"):
        out = typ("new-region", bad, "--path", model)
        assert out.returncode == 2, (bad, text(out))
