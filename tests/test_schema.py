"""Schema errors (code SCHEMA): each at the position a user needs, with a message and hint that say what to do."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from generator.compile import compile_model
from generator.load.yaml import parse_text
from generator.schema.check import KINDS, SCHEMA_DIR, check_item

P, RACI, TERMS, CAL, TYP = ("processes/prosessi.yaml", "roles/raci.yaml", "glossary/termit.yaml",
                            "calendar/kalenteri.yaml", "typ.yaml")


def only_error(root):
    """The one diagnostic compiling the model gives: a schema error must not drag echoes along."""
    diags = compile_model(root).diagnostics
    assert len(diags) == 1, diags
    (d,) = diags
    assert d.code == "SCHEMA" and d.severity.value == "error"
    return d


def at(d) -> tuple[str, int, int]:
    return d.file, d.line, d.column


# ---------------------------------------------------------------- required fields: at the mapping that lacks one


def test_missing_required_field_in_a_step(edited_mini):
    d = only_error(edited_mini((P, "    lane: virasto\n", "")))
    assert at(d) == (P, 29, 5)  # '  - id: suunnitelma'
    assert d.message == "steps/3: required field 'lane' is missing"
    assert "Add 'lane:'" in d.hint


def test_missing_required_field_at_top_level(edited_mini):
    d = only_error(edited_mini((TYP, 'version: "2025.1"\n', "")))
    assert at(d) == (TYP, 2, 1)  # the mapping starts after the comment line
    assert d.message == "(top level): required field 'version' is missing"


# ---------------------------------------------------------------- unknown fields: at the key, with a spelling hint


def test_unknown_field_in_a_step(edited_mini):
    d = only_error(edited_mini((P, "    lane: virasto\n", "    lane: virasto\n    lanes: kela\n")))
    assert at(d) == (P, 33, 5)  # '    lanes: kela'
    assert d.message == "steps/3: unknown field 'lanes'"
    assert d.hint.startswith("Did you mean 'lane'?")


def test_unknown_field_at_top_level(edited_mini):
    d = only_error(edited_mini((TYP, 'version: "2025.1"\n', 'version: "2025.1"\nversoin: "2025.2"\n')))
    assert at(d) == (TYP, 7, 1)
    assert d.message == "(top level): unknown field 'versoin'"
    assert d.hint.startswith("Did you mean 'version'?")


def test_unknown_field_in_a_flow_mapping(edited_mini):
    # line 6 '  - {id: suunnitelma, ..., sea: [arviointi]}': at the key 'sea'
    d = only_error(edited_mini((TERMS, "definition: Yhteinen suunnitelma.}",
                                "definition: Yhteinen suunnitelma., sea: [arviointi]}")))
    assert at(d) == (TERMS, 6, 77)
    assert d.hint.startswith("Did you mean 'see'?")


def test_unknown_field_whose_name_contains_a_known_one(edited_mini):
    # 'names' contains 'name': the position is still that of 'names' (line 35), not of 'name' (line 31)
    d = only_error(edited_mini((P, "    next: [loppu]\n", "    next: [loppu]\n    names: X\n")))
    assert at(d) == (P, 35, 5)
    assert d.message == "steps/3: unknown field 'names'"


def test_unknown_language_in_a_text(edited_mini):
    # line 31 '    name: {fi: Suunnitelma, se: Plan}': at 'se', not "does not match any of the allowed forms"
    d = only_error(edited_mini((P, "{fi: Suunnitelma, sv: Plan}", "{fi: Suunnitelma, se: Plan}")))
    assert at(d) == (P, 31, 29)
    assert d.message == "steps/3/name: unknown field 'se'"
    assert "en, fi, sv" in d.hint


def test_two_unknown_fields_two_diagnostics(edited_mini):
    root = edited_mini((P, "    lane: virasto\n", "    lane: virasto\n    lanes: kela\n    owner: x\n"))
    diags = compile_model(root).diagnostics
    assert [(d.line, d.column, d.message) for d in diags] == [
        (33, 5, "steps/3: unknown field 'lanes'"), (34, 5, "steps/3: unknown field 'owner'")]


# ---------------------------------------------------------------- wrong values


def test_version_as_a_number_asks_for_quotes(edited_mini):
    d = only_error(edited_mini((TYP, 'version: "2025.1"', "version: 2025.1")))
    assert at(d) == (TYP, 6, 10)
    assert d.message == "version: expected string, got float 2025.1"
    assert "quotes" in d.hint


def test_bad_id_pattern(edited_mini):
    d = only_error(edited_mini((P, "  - id: arviointi\n", "  - id: Arviointi Ä\n")))
    assert at(d) == (P, 12, 9)
    assert d.message == "steps/1/id: 'Arviointi Ä' is not a valid id"
    assert "lowercase" in d.hint


def test_wrong_raci_letter(edited_mini):
    # line 7 '    roles: {asiantuntija: X, johtaja: A}': at the X
    d = only_error(edited_mini((RACI, "{asiantuntija: R, johtaja: A}", "{asiantuntija: X, johtaja: A}")))
    assert at(d) == (RACI, 7, 27)
    assert d.message == "rows/0/roles/asiantuntija: 'X' is not one of R, A, C, I, RA"


def test_bad_role_id_in_raci_is_shown_at_the_key(edited_mini):
    d = only_error(edited_mini((RACI, "{asiantuntija: R, johtaja: A}", "{Asiantuntija: R, johtaja: A}")))
    assert at(d) == (RACI, 7, 13)
    assert "'Asiantuntija' is not a valid id" in d.message


def test_wrong_step_type(edited_mini):
    d = only_error(edited_mini((P, "    type: decision\n", "    type: choice\n")))
    assert at(d) == (P, 23, 11)
    assert d.message == "steps/2/type: 'choice' is not one of start, task, decision, end"


def test_month_out_of_range(edited_mini):
    d = only_error(edited_mini((CAL, "months: [1]", "months: [13]")))
    assert at(d) == (CAL, 8, 23)
    assert d.message == "duties/0/rhythm/months/0: 13 is greater than the maximum of 12"


def test_boolean_written_as_text(edited_mini):
    d = only_error(edited_mini((P, "    statutory: true\n", "    statutory: yes\n")))
    assert at(d) == (P, 17, 16)
    assert d.hint == "Write true or false."


def test_empty_name(edited_mini):
    d = only_error(edited_mini((P, "{fi: Suunnitelma, sv: Plan}", "''")))
    assert at(d) == (P, 31, 11)
    assert d.message == "steps/3/name: '' should be non-empty"


def test_flow_with_a_bad_id(edited_mini):
    d = only_error(edited_mini((P, "next: [loppu]", "next: [Loppu]")))
    assert at(d) == (P, 34, 12)
    assert d.message == "steps/3/next/0: 'Loppu' is not a valid id"


def test_flow_with_a_misspelt_label(edited_mini):
    d = only_error(edited_mini((P, "{to: loppu, label: Ei}", "{to: loppu, lable: Ei}")))
    assert at(d) == (P, 28, 21)
    assert d.hint.startswith("Did you mean 'label'?")


def test_every_broken_file_is_reported(edited_mini):
    root = edited_mini((P, "    lane: virasto\n", ""), (RACI, "{asiantuntija: R, johtaja: A}", "{asiantuntija: X}"),
                       (TERMS, "see: [suunnitelma]", "see: suunnitelma"))
    assert [(d.file, d.line, d.code) for d in compile_model(root).diagnostics] == [
        (TERMS, 5, "SCHEMA"), (P, 29, "SCHEMA"), (RACI, 7, "SCHEMA")]


# ---------------------------------------------------------------- items a region adds are checked the same way


def test_check_item_reports_unknown_field_and_pattern():
    step = parse_text("id: uusi\ntype: task\nname: Uusi\nlane: Virasto\nlanes: x\n", "regions/a/overlay.yaml")
    diags = check_item(step, "process.schema.json#/$defs/step")
    assert [(d.file, d.line, d.column, d.message) for d in diags] == [
        ("regions/a/overlay.yaml", 4, 7, "lane: 'Virasto' is not a valid id"),
        ("regions/a/overlay.yaml", 5, 1, "'uusi': unknown field 'lanes'"),
    ]


# ---------------------------------------------------------------- the schemas themselves


@pytest.mark.parametrize("path", sorted(SCHEMA_DIR.glob("*.schema.json")), ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path):
    Draft202012Validator.check_schema(json.loads(path.read_text("utf-8")))


def test_every_kind_has_a_schema():
    assert {k for k in KINDS if (SCHEMA_DIR / f"{k}.schema.json").is_file()} == set(KINDS)
