"""Semantic diff: one test per kind of change, on pairs of mini models (the second one edited)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.analysis.diff import Change, FieldChange, diff_models, format_json, format_text
from generator.analysis.versions import load_version
from generator.compile import compile_model
from generator.errors import VersionError
from generator.render.pages.changes import changes_markdown, changes_page

MINI = Path(__file__).parent / "fixtures" / "mini"
PROC, RACI, ROLES, CAL, TERMS = ("processes/prosessi.yaml", "roles/raci.yaml", "roles/roolit.yaml",
                                 "calendar/kalenteri.yaml", "glossary/termit.yaml")


def model_of(root: Path):
    result = compile_model(root)
    assert result.ok, result.diagnostics
    return result.model


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), "utf-8")


def changes(tmp_path: Path, *edits: tuple[str, str, str], reverse: bool = False) -> list[Change]:
    """Diff of the mini model against a copy with `edits` applied (or back, with reverse)."""
    new = tmp_path / "new"
    shutil.copytree(MINI, new)
    for e in edits:
        edit(new, *e)
    old, edited = model_of(MINI), model_of(new)
    return diff_models(edited, old) if reverse else diff_models(old, edited)


ADD_STEP = ((PROC, "    next: [loppu]\n", "    next: [lisa]\n"
                   "  - {id: lisa, type: task, name: Lisävaihe, lane: virasto, next: [loppu]}\n"),
            (RACI, "  - step: suunnitelma\n", "  - step: lisa\n    roles: {asiantuntija: RA}\n  - step: suunnitelma\n"))


def summary(cs: list[Change]) -> list[tuple[str, str, str]]:
    return [(c.collection, c.id, c.op) for c in cs]


def test_identical_models_have_no_changes(tmp_path):
    assert changes(tmp_path) == []


def test_step_added(tmp_path):
    cs = changes(tmp_path, *ADD_STEP)
    assert summary(cs) == [("steps", "lisa", "added"), ("flows", "suunnitelma->lisa", "added"),
                           ("flows", "lisa->loppu", "added"), ("flows", "suunnitelma->loppu", "removed"),
                           ("raci", "lisa", "added")]
    assert cs[0].process == "prosessi" and cs[0].name == "Lisävaihe"
    assert cs[-1].fields == (FieldChange("asiantuntija", "", "RA", "Asiantuntija"),)


def test_step_removed_leaves_out_its_flows_and_raci(tmp_path):
    cs = changes(tmp_path, *ADD_STEP, reverse=True)
    assert summary(cs) == [("steps", "lisa", "removed"), ("flows", "suunnitelma->loppu", "added")]
    assert cs[0].name == "Lisävaihe"


def test_renamed_step_is_one_change_of_its_name(tmp_path):
    cs = changes(tmp_path, (PROC, "name: {fi: Suunnitelma, sv: Plan}", "name: {fi: Suunnitelman laatiminen, sv: Plan}"))
    assert cs == [Change("steps", "suunnitelma", "changed", (FieldChange("name", "Suunnitelma",
                                                                           "Suunnitelman laatiminen"),),
                         "prosessi", "Suunnitelman laatiminen")]


def test_swedish_name_change_is_its_own_field(tmp_path):
    cs = changes(tmp_path, (PROC, "sv: Plan}", "sv: Planering}"))
    assert [(f.field, f.old, f.new) for c in cs for f in c.fields] == [("name.sv", "Plan", "Planering")]


def test_deadline_and_legal_basis_changed(tmp_path):
    cs = changes(tmp_path, (PROC, "within: P3M", "within: P2M"),
                 (PROC, 'legal_basis: [{act: "381/2023", section: "4"}]',
                  'legal_basis: [{act: "381/2023", section: "5"}]'))
    fields = {c.id: [(f.field, f.old, f.new) for f in c.fields] for c in cs}
    assert fields == {"suunnitelma": [("deadline.within", "P3M", "P2M")],
                      "arviointi": [("legal_basis", "381/2023 4 §", "381/2023 5 §")]}


def test_lane_is_compared_by_id_and_shown_by_name(tmp_path):
    cs = changes(tmp_path, (PROC, "    lane: virasto\n", "    lane: yhteinen\n"))
    assert [(f.field, f.old, f.new) for c in cs for f in c.fields] == [("lane", "Virasto", "Yhteinen")]


def test_renamed_organisation_does_not_change_steps_in_its_lane(tmp_path):
    cs = changes(tmp_path, (ROLES, "{id: virasto, name: {fi: Virasto,", "{id: virasto, name: {fi: Viranomainen,"))
    assert summary(cs) == [("organisations", "virasto", "changed")]


def test_moved_step_with_rewired_flows(tmp_path):
    # arviointi moves from after 'alku' to after 'suunnitelma'; flows are rewired to match.
    arv = ("  - id: arviointi\n    type: task\n    name: {fi: Arviointi, sv: Bedömning}\n    lane: yhteinen\n"
           "    description: Arvioidaan tarve yhdessä.\n    statutory: true\n    locked: true\n"
           '    legal_basis: [{act: "381/2023", section: "4"}]\n'
           "    records: [{what: {fi: Arvion tulos, sv: Bedömningens resultat}, system: Asiakastietojärjestelmä, "
           "type: text, roles: [asiantuntija]}]\n    next: [paatos]\n")
    cs = changes(tmp_path, (PROC, arv, ""),
                 (PROC, "    next: [arviointi]\n", "    next: [paatos]\n"),
                 (PROC, "    next: [loppu]\n  - id: loppu", "    next: [arviointi]\n"
                  + arv.replace("next: [paatos]", "next: [loppu]") + "  - id: loppu"))
    assert summary(cs) == [
        ("steps", "arviointi", "moved"),
        ("flows", "alku->paatos", "added"), ("flows", "suunnitelma->arviointi", "added"),
        ("flows", "arviointi->loppu", "added"),
        ("flows", "alku->arviointi", "removed"), ("flows", "arviointi->paatos", "removed"),
        ("flows", "suunnitelma->loppu", "removed"),
    ]
    assert cs[0].fields == (FieldChange("after", "Tarve havaittu", "Suunnitelma"),)


def test_inserting_a_step_moves_nothing_and_rewiring_alone_is_flows_only(tmp_path):
    cs = changes(tmp_path, (PROC, "    next: [loppu]\n  - id: loppu", "    next: [paatos]\n  - id: loppu"))
    assert summary(cs) == [("flows", "suunnitelma->paatos", "added"), ("flows", "suunnitelma->loppu", "removed")]
    inserted = changes(tmp_path / "b", (PROC, "    next: [paatos]\n", "    next: [x]\n  - {id: x, type: task, "
                                        "name: X, lane: virasto, next: [paatos]}\n"),
                       (RACI, "  - step: suunnitelma\n", "  - step: x\n    roles: {asiantuntija: RA}\n"
                                                          "  - step: suunnitelma\n"))
    assert ("steps", "x", "added") in summary(inserted)
    assert not [c for c in inserted if c.op == "moved"]


def test_flow_label_changed(tmp_path):
    cs = changes(tmp_path, (PROC, "label: Kyllä", "label: Tarvitaan"))
    assert summary(cs) == [("flows", "paatos->suunnitelma", "changed")]
    assert cs[0].fields == (FieldChange("label", "Kyllä", "Tarvitaan"),)
    assert cs[0].name == "Tarvitaanko suunnitelma? → Suunnitelma"


def test_raci_cell_changed(tmp_path):
    cs = changes(tmp_path, (RACI, "{asiantuntija: R, johtaja: A}", "{asiantuntija: RA, johtaja: I}"))
    assert summary(cs) == [("raci", "arviointi", "changed")]
    assert cs[0].fields == (FieldChange("asiantuntija", "R", "RA", "Asiantuntija"),
                            FieldChange("johtaja", "A", "I", "Johtaja"))


def test_roles_added_removed_changed(tmp_path):
    cs = changes(tmp_path,
                 (ROLES, "  - {id: johtaja, name: {fi: Johtaja, sv: Chef}, organisation: yhteinen}\n",
                  "  - {id: johtaja, name: {fi: Johtaja, sv: Chef}, organisation: virasto}\n"
                  "  - {id: uusi, name: {fi: Uusi rooli, sv: Ny roll}, organisation: virasto}\n"))
    assert summary(cs) == [("roles", "johtaja", "changed"), ("roles", "uusi", "added")]
    assert cs[0].fields == (FieldChange("organisation", "Yhteinen", "Virasto"),)
    gone = changes(tmp_path / "b", (ROLES, "  - {id: johtaja,", "  - {id: uusi, name: Uusi, organisation: virasto}\n"
                                                               "  - {id: johtaja,"), reverse=True)
    assert summary(gone) == [("roles", "uusi", "removed")] and gone[0].name == "Uusi"


def test_duty_rhythm_and_responsible_changed(tmp_path):
    cs = changes(tmp_path, (CAL, "rhythm: {months: [2, 5, 8, 11], day: 15}", "rhythm: {months: [3, 9], day: 15}"),
                 (CAL, "responsible: asiantuntija", "responsible: johtaja"))
    assert summary(cs) == [("duties", "tilastot", "changed")]
    assert cs[0].fields == (FieldChange("responsible", "Asiantuntija", "Johtaja"),
                            FieldChange("rhythm.months", "2, 5, 8, 11", "3, 9"))


def test_term_added_and_version_bumped(tmp_path):
    cs = changes(tmp_path, (TERMS, "  - {id: suunnitelma,", "  - {id: tyo, term: Työ, definition: Työ.}\n"
                                                            "  - {id: suunnitelma,"),
                 ("typ.yaml", 'version: "2025.1"', 'version: "2025.2"'))
    assert summary(cs) == [("terms", "tyo", "added"), ("project", "mini", "changed")]
    assert cs[1].fields == (FieldChange("version", "2025.1", "2025.2"),)


def test_order_is_deterministic(tmp_path):
    edits = ((PROC, "within: P3M", "within: P2M"), (CAL, "day: 15", "day: 16"), (RACI, "johtaja: I", "johtaja: C"),
             ("typ.yaml", 'version: "2025.1"', 'version: "2025.2"'))
    cs = changes(tmp_path, *edits)
    assert [c.collection for c in cs] == ["steps", "raci", "duties", "project"]
    assert cs == changes(tmp_path / "again", *edits)


# ---------------------------------------------------------------- formatters


def test_formats(tmp_path):
    cs = changes(tmp_path, (PROC, "within: P3M", "within: P2M"), (RACI, "johtaja: I", "johtaja: C"))
    data = json.loads(format_json(cs))
    assert data[0]["collection"] == "steps" and data[0]["fields"][0] == {
        "field": "deadline.within", "old": "P3M", "new": "P2M", "label": ""}
    assert "deadline.within: P3M -> P2M" in format_text(cs)
    md = changes_markdown(cs)
    assert "## Prosessi" in md and "## Vastuut (RACI)" in md
    assert "Vaihe **[Suunnitelma](prosessit/prosessi/suunnitelma.md)**: määräaika muuttui: 3 kuukautta → " \
           "2 kuukautta" in md
    assert "Johtaja: I → C" in md


def test_markdown_escapes_model_text_and_links_only_existing_pages(tmp_path):
    cs = changes(tmp_path, (PROC, "name: {fi: Suunnitelma, sv: Plan}", "name: {fi: '<script>x</script>', sv: Plan}"),
                 (ROLES, "  - {id: johtaja, name: {fi: Johtaja, sv: Chef}, organisation: yhteinen}\n",
                  "  - {id: johtaja, name: {fi: Johtaja, sv: Chef}, organisation: yhteinen}\n"
                  "  - {id: uusi, name: {fi: '**[x](javascript:1)**', sv: Ny}, organisation: virasto}\n"))
    md = changes_markdown(cs)
    assert "<script>" not in md and "&#60;script&#62;" in md
    assert "](javascript:" not in md and "[Uusi rooli" not in md  # its brackets are entities: no link
    assert "(roolit/uusi.md)" in md
    term = "  - {id: suunnitelma, term: Suunnitelma, definition: Yhteinen suunnitelma.}\n"
    removed = changes(tmp_path / "b", (TERMS, term, ""), (TERMS, "see: [suunnitelma]", "see: []"))
    assert "Termi **Suunnitelma** poistettiin." in changes_markdown(removed)


def test_changes_page():
    assert changes_page([], None, "2025.1").startswith("# Mitä muuttui\n")
    assert "ensimmäinen julkaistu versio" in changes_page([], None, "2025.1")
    page = changes_page([Change("terms", "t", "added", (), None, "Termi")], "2025.1", "2025.2")
    assert "**2025.1**" in page and "**2025.2**" in page and "Uusi termi **[Termi](sanasto.md)**." in page
    assert "ei muuttunut" in changes_page([], "2025.1", "2025.2")


# ---------------------------------------------------------------- loading versions


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           *args], check=True, capture_output=True, text=True).stdout.strip()


def test_load_version_from_a_folder_and_from_git(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "model")  # the model in a subfolder of the repository
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    first = git(repo, "rev-parse", "HEAD")
    edit(repo / "model", PROC, "within: P3M", "within: P2M")
    git(repo, "commit", "-q", "-am", "second")
    root = repo / "model"
    old = load_version(root, first)
    assert old.process("prosessi").step("suunnitelma").deadline.within == "P3M"
    assert load_version(root, "HEAD~1") == old
    assert load_version(root, str(root)).process("prosessi").step("suunnitelma").deadline.within == "P2M"
    assert summary(diff_models(old, load_version(root, "HEAD"))) == [("steps", "suunnitelma", "changed")]


def test_load_version_errors(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    git(repo, "init", "-q", "-b", "main")
    with pytest.raises(VersionError, match="neither a folder nor a git revision"):
        load_version(repo, "no-such-rev")
    edit(repo, PROC, "lane: virasto\n    deadline", "lane: nowhere\n    deadline")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "broken")
    with pytest.raises(VersionError, match="has errors"):
        load_version(repo, "HEAD")
