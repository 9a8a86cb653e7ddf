"""Regional overlays: one test per operation and per error, on copies of the mini fixture."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from generator.compile import compile_model

MINI = Path(__file__).parent / "fixtures" / "mini"
REGION_YAML = """\
kind: region
schema_version: 1
id: testi
name: Testialue
based_on: "2025.1"
accessibility_feedback: {name: Testialue, email: palaute@example.fi}
"""


def make_region(tmp_path: Path, overlay: str, region_yaml: str = REGION_YAML) -> Path:
    root = tmp_path / "model"
    shutil.copytree(MINI, root)
    folder = root / "regions" / "testi"
    folder.mkdir(parents=True)
    (folder / "region.yaml").write_text(region_yaml, "utf-8")
    (folder / "overlay.yaml").write_text("kind: overlay\nschema_version: 1\n" + textwrap.dedent(overlay), "utf-8")
    return root


def compiled(tmp_path: Path, overlay: str):
    result = compile_model(make_region(tmp_path, overlay), "testi")
    return result


def codes(result) -> list[tuple[str, str, int, int]]:
    return [(d.code, d.file, d.line, d.column) for d in result.diagnostics]


def at(root: Path, line: int, token: str) -> tuple[int, int]:
    """(line, column) of `token` on a line of the overlay file: what the user's editor shows."""
    text = (root / OV).read_text("utf-8").splitlines()[line - 1]
    return line, text.index(token) + 1


OV = "regions/testi/overlay.yaml"


def test_add_step_after_takes_over_the_flows(tmp_path):
    r = compiled(tmp_path, """\
        steps:
          add:
            - id: aloituspalaveri
              after: arviointi
              type: task
              name: Paikallinen aloituspalaveri
              lane: yhteinen
              reason: Kaupungin oma käytäntö
        raci:
          set:
            - step: aloituspalaveri
              roles: {johtaja: A, asiantuntija: R}
        """)
    assert r.ok, r.diagnostics
    proc = r.model.processes[0]
    ids = [s.id for s in proc.steps]
    assert ids.index("aloituspalaveri") == ids.index("arviointi") + 1
    assert [f.target for f in proc.step("arviointi").flows] == ["aloituspalaveri"]
    assert [f.target for f in proc.step("aloituspalaveri").flows] == ["paatos"]
    new = proc.step("aloituspalaveri")
    assert new.local and new.origin.file == OV and new.origin.line == 5
    assert proc.step("arviointi").changed_fields == ("next",)
    ops = [(d.collection, d.id, d.op) for d in r.model.deviations]
    assert ops == [("steps", "aloituspalaveri", "add"), ("raci", "aloituspalaveri", "set")]
    assert r.model.deviations[0].reason.fi == "Kaupungin oma käytäntö"


def test_add_step_before_redirects_labelled_branches(tmp_path):
    r = compiled(tmp_path, """\
        steps:
          add:
            - id: esivalmistelu
              before: suunnitelma
              type: task
              name: Esivalmistelu
              lane: virasto
        raci:
          set:
            - step: esivalmistelu
              roles: {asiantuntija: RA}
        """)
    assert r.ok, r.diagnostics
    proc = r.model.processes[0]
    branches = {f.target: f.label.fi for f in proc.step("paatos").flows}
    assert branches == {"esivalmistelu": "Kyllä", "loppu": "Ei"}
    assert [f.target for f in proc.step("esivalmistelu").flows] == ["suunnitelma"]


def test_change_records_provenance_of_the_field(tmp_path):
    r = compiled(tmp_path, """\
        steps:
          change:
            - id: suunnitelma
              description: Paikallinen kuvaus.
        """)
    assert r.ok, r.diagnostics
    step = r.model.processes[0].step("suunnitelma")
    assert step.description.fi == "Paikallinen kuvaus."
    assert step.changed_fields == ("description",)
    o = step.at("description")
    assert (o.file, o.line, o.column, o.layer) == (OV, 6, 20, "local")
    # Untouched fields still point at the national file.
    assert step.at("name").file == "processes/prosessi.yaml" and not step.at("name").local


def test_change_of_locked_item_names_the_law(tmp_path):
    r = compiled(tmp_path, """\
        steps:
          change:
            - id: arviointi
              description: Ei näin.
        """)
    assert not r.ok
    (d,) = r.diagnostics
    assert (d.code, d.file, d.line, d.column) == ("OVL002", OV, 6, 20)
    assert "381/2023 4 §" in d.message and "locked" in d.message


def test_locked_item_still_takes_local_contacts(tmp_path):
    r = compiled(tmp_path, """\
        steps:
          change:
            - id: arviointi
              contacts: [{name: Maija Meikäläinen, phone: "040 123 4567"}]
        """)
    assert r.ok, r.diagnostics
    assert r.model.processes[0].step("arviointi").contacts[0].name == "Maija Meikäläinen"


def test_remove_step_bypasses_it_and_drops_its_raci_row(tmp_path):
    r = compiled(tmp_path, """\
        steps:
          remove:
            - {id: suunnitelma, reason: Tehdään arvioinnin yhteydessä}
        """)
    assert r.ok, r.diagnostics
    proc = r.model.processes[0]
    assert proc.step("suunnitelma") is None
    # The 'Kyllä' branch now passes on to the removed step's successor.
    assert [(f.target, f.label.fi) for f in proc.step("paatos").flows] == [("loppu", "Kyllä"), ("loppu", "Ei")]
    assert r.model.raci_row("prosessi", "suunnitelma") is None
    assert r.model.deviations[0].op == "remove"


def test_remove_locked_step_is_refused(tmp_path):
    r = compiled(tmp_path, """\
        steps:
          remove: [arviointi]
        """)
    assert [c[:2] for c in codes(r)] == [("OVL002", OV)]
    assert codes(r)[0][2:] == (4, 12)


@pytest.mark.parametrize(("overlay", "line", "token"), [
    ("steps:\n  change:\n    - id: arvioint\n      note: x\n", 5, "arvioint"),
    ("steps:\n  remove: [puuttuu]\n", 4, "puuttuu"),
    ("steps:\n  add:\n    - {id: x, after: puuttuu, type: task, name: X, lane: virasto}\n", 5, "puuttuu"),
    ("roles:\n  change:\n    - {id: ei-ole, note: x}\n", 5, "ei-ole"),
    ("duties:\n  remove: [ei-ole]\n", 4, "ei-ole"),
    ("raci:\n  set:\n    - {step: ei-ole, roles: {johtaja: A}}\n", 5, "ei-ole"),
    ("raci:\n  set:\n    - {step: arviointi, roles: {ei-solua: null}}\n", 5, "null"),
], ids=["change-step", "remove-step", "add-after", "change-role", "remove-duty", "raci-step", "raci-cell"])
def test_patch_aimed_at_a_missing_id_is_an_error(tmp_path, overlay, line, token):
    r = compiled(tmp_path, overlay)
    assert not r.ok
    assert codes(r)[0] == ("OVL001", OV, *at(tmp_path / "model", line, token))
    assert r.diagnostics[0].hint


def test_add_existing_id_is_an_error(tmp_path):
    r = compiled(tmp_path, "roles:\n  add:\n    - {id: johtaja, name: X, organisation: virasto}\n")
    assert codes(r) == [("OVL003", OV, *at(tmp_path / "model", 5, "johtaja"))]


def test_raci_set_changes_and_removes_cells(tmp_path):
    r = compiled(tmp_path, """\
        roles:
          add:
            - {id: koordinaattori, name: Koordinaattori, organisation: yhteinen}
        raci:
          set:
            - step: suunnitelma
              roles: {asiantuntija: R, koordinaattori: A, johtaja: null}
        """)
    assert r.ok, r.diagnostics
    row = r.model.raci_row("prosessi", "suunnitelma")
    assert dict(row.cells) == {"asiantuntija": "R", "koordinaattori": "A"}
    assert row.at("koordinaattori").local and row.at("koordinaattori").file == OV
    assert r.model.role("koordinaattori").local


def test_merged_model_must_pass_the_national_rules(tmp_path):
    r = compiled(tmp_path, """\
        raci:
          set:
            - step: arviointi
              roles: {johtaja: null}
        """)
    assert not r.ok
    assert [d.code for d in r.diagnostics] == ["RACI001"]


def test_added_step_is_checked_against_the_step_schema(tmp_path):
    r = compiled(tmp_path, "steps:\n  add:\n    - {id: uusi, after: arviointi, type: task, name: X}\n")
    assert not r.ok
    d = r.diagnostics[0]
    assert (d.code, d.file) == ("SCHEMA", OV) and "lane" in d.message


def test_malformed_overlay_reports_position(tmp_path):
    r = compiled(tmp_path, "steps:\n  chnage: []\n")
    assert codes(r) == [("SCHEMA", OV, 4, 3)]
    assert "chnage" in r.diagnostics[0].message


def test_region_id_must_match_folder(tmp_path):
    root = make_region(tmp_path, "", REGION_YAML.replace("id: testi", "id: toinen"))
    r = compile_model(root, "testi")
    assert [d.code for d in r.diagnostics] == ["OVL005"]


def test_unknown_region_is_reported(tmp_path):
    root = make_region(tmp_path, "")
    r = compile_model(root, "ei-ole")
    assert [d.code for d in r.diagnostics] == ["IO001"]
    assert "typ new-region ei-ole" in r.diagnostics[0].hint


def test_national_model_is_untouched_by_an_overlay(tmp_path):
    root = make_region(tmp_path, "steps:\n  change:\n    - {id: suunnitelma, note: paikallinen}\n")
    assert compile_model(root, "testi").model.processes[0].step("suunnitelma").note.fi == "paikallinen"
    assert compile_model(root).model.processes[0].step("suunnitelma").note is None


def test_step_cannot_be_placed_after_a_decision(tmp_path):
    r = compiled(tmp_path, "steps:\n  add:\n    - {id: x, after: paatos, type: task, name: X, lane: virasto}\n")
    assert codes(r) == [("OVL006", OV, *at(tmp_path / "model", 5, "paatos"))]
    assert "before:" in r.diagnostics[0].hint


def test_change_that_sets_nothing_is_an_error(tmp_path):
    r = compiled(tmp_path, "steps:\n  change:\n    - {id: suunnitelma, reason: unohtui}\n")
    assert codes(r) == [("OVL004", OV, *at(tmp_path / "model", 5, "suunnitelma"))]


def test_removed_role_still_in_use_is_reported_at_the_removal(tmp_path):
    r = compiled(tmp_path, "roles:\n  remove: [asiantuntija]\n")
    (d,) = r.diagnostics
    assert (d.code, d.file, d.line) == ("OVL007", OV, 4)
    assert "RACI row 'arviointi'" in d.message and "duty 'tilastot'" in d.message


def test_removed_role_reassigned_in_the_same_overlay_is_fine(tmp_path):
    r = compiled(tmp_path, """\
        roles:
          remove: [johtaja]
        raci:
          set:
            - {step: arviointi, roles: {johtaja: null, asiantuntija: RA}}
            - {step: suunnitelma, roles: {johtaja: null}}
        duties:
          change:
            - {id: tavoitteet, responsible: asiantuntija}
            - {id: raportti, responsible: asiantuntija}
        """)
    assert r.ok, r.diagnostics


def test_flows_a_region_rewired_point_at_the_overlay(tmp_path):
    # The new step leads nowhere valid: the error must name the overlay line, not the national file.
    r = compiled(tmp_path, """\
        steps:
          add:
            - {id: x, after: arviointi, type: task, name: X, lane: virasto, next: [ei-ole]}
        raci:
          set:
            - {step: x, roles: {johtaja: RA}}
        """)
    assert ("REF003", OV) in [(d.code, d.file) for d in r.diagnostics]


def test_misspelt_field_in_a_change_is_reported_in_the_overlay(tmp_path):
    r = compiled(tmp_path, "steps:\n  change:\n    - id: suunnitelma\n      descripton: x\n")
    (d,) = r.diagnostics
    assert (d.code, d.file, d.line, d.column) == ("SCHEMA", OV, 6, 7)
    assert "descripton" in d.message and "description" in d.hint


@pytest.mark.parametrize(("overlay", "code", "line", "token"), [
    ("steps:\n  remove: [alku]\n", "OVL006", 4, "alku"),
    ("steps:\n  add:\n    - {id: x, before: alku, type: task, name: X, lane: virasto}\n", "OVL006", 5, "alku"),
    ("steps:\n  add:\n    - {id: x, after: loppu, type: task, name: X, lane: virasto}\n", "OVL006", 5, "loppu"),
    ("steps:\n  add:\n    - {id: x, after: arviointi, before: loppu, type: task, name: X, lane: virasto}\n",
     "OVL008", 5, "loppu"),
    ("roles:\n  add:\n    - {id: x, after: johtaja, name: X, organisation: virasto}\n", "OVL008", 5, "johtaja"),
    ("steps:\n  change:\n    - {id: suunnitelma, after: alku}\n", "OVL008", 5, "alku"),
], ids=["remove-start", "before-start", "after-end", "after-and-before", "after-on-role", "change-moves"])
def test_structural_mistakes_are_refused_at_the_overlay_line(tmp_path, overlay, code, line, token):
    r = compiled(tmp_path, overlay)
    assert codes(r) == [(code, OV, *at(tmp_path / "model", line, token))]


def test_removing_a_decision_leaves_a_branch_without_labels(tmp_path):
    # The step before the decision would get both branches: only decisions may branch.
    r = compiled(tmp_path, "steps:\n  remove: [paatos]\n")
    (d,) = r.diagnostics
    assert (d.code, d.file) == ("FLOW005", OV) and "arviointi" in d.message


def test_missing_id_hint_suggests_the_closest_id(tmp_path):
    r = compiled(tmp_path, "steps:\n  change:\n    - {id: suunitelma, note: x}\n")
    assert r.diagnostics[0].hint == "Did you mean 'suunnitelma'?"


def test_removal_touches_only_its_own_process(tmp_path):
    root = make_region(tmp_path, "process: prosessi\nsteps:\n  remove: [suunnitelma]\n")
    other = (root / "processes" / "prosessi.yaml").read_text("utf-8").replace("id: prosessi", "id: toinen", 1)
    (root / "processes" / "toinen.yaml").write_text(other, "utf-8")
    raci = (root / "roles" / "raci.yaml").read_text("utf-8").replace("process: prosessi", "process: toinen")
    (root / "roles" / "raci-toinen.yaml").write_text(raci, "utf-8")
    r = compile_model(root, "testi")
    assert r.ok, r.diagnostics
    assert r.model.raci_row("toinen", "suunnitelma") is not None
    assert r.model.raci_row("prosessi", "suunnitelma") is None
    assert r.model.deviations[0].process == "prosessi"


def test_merged_steps_keep_every_position(tmp_path: Path):
    """Any stage that locates a step through the merged step list (not the step itself) still finds its
    own file and line, after local steps were inserted and national ones removed."""
    from generator.load.sources import load_national
    from generator.load.yaml import locate
    from generator.overlay.merge import apply, load_region

    root = make_region(tmp_path, """\
        steps:
          add:
            - {id: oma, after: alku, type: task, name: Oma vaihe, lane: yhteinen}
          remove:
            - {id: suunnitelma, reason: Ei tarvita.}
        """)
    raw, _ = load_national(root)
    merged, _, diags = apply(raw, load_region(root, "regions", "testi"), set())
    assert diags == []
    steps = merged.processes[0]["steps"]
    assert [s["id"] for s in steps] == ["alku", "oma", "arviointi", "paatos", "loppu"]
    for i, step in enumerate(steps):
        own = (step.val_file.get("name", step.file), *step.val_pos["name"])
        assert locate(merged.processes[0], ["steps", i, "name"]) == own
        assert locate(merged.processes[0], ["steps", i])[1:] == step.pos
    assert locate(merged.processes[0], ["steps", 1, "name"])[0] == "regions/testi/overlay.yaml"
    assert locate(raw.processes[0], ["steps", 3, "name"])[0] == "processes/prosessi.yaml"  # national untouched
