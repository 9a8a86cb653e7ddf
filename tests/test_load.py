"""The YAML loader: positions for every value, and hostile or broken input as diagnostics with positions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.compile import compile_model
from generator.diagnostics import Severity
from generator.load.yaml import MAX_FILE_BYTES, YDict, YList, load_file, locate


def load(tmp_path: Path, content: str | bytes, name: str = "malli.yaml"):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return load_file(path, name)


def problem(tmp_path: Path, content: str | bytes) -> tuple[int, int, str]:
    """(line, column, code) of the one diagnostic loading `content` gives; the document is refused."""
    doc = load(tmp_path, content)
    assert doc.data is None
    (d,) = doc.diagnostics
    assert d.file == "malli.yaml"
    assert d.severity is Severity.ERROR
    assert d.message and d.hint
    return d.line, d.column, d.code


# ---------------------------------------------------------------- positions of good input


def test_positions_of_keys_values_and_items(tmp_path):
    doc = load(tmp_path, "kind: process\nsteps:\n  - id: alku\n    next: [a, b]\n  - {id: loppu}\n")
    assert doc.diagnostics == []
    data = doc.data
    assert isinstance(data, YDict) and data.file == "malli.yaml" and data.pos == (1, 1)
    assert data.key_pos["steps"] == (2, 1)
    steps = data["steps"]
    assert isinstance(steps, YList) and steps.item_pos == [(3, 5), (5, 5)]
    assert steps[0].key_pos["next"] == (4, 5) and steps[0].val_pos["next"] == (4, 11)
    assert steps[0]["next"].item_pos == [(4, 12), (4, 15)]
    assert steps[1].val_pos["id"] == (5, 10)
    assert locate(data, ["steps", 0, "next", 1]) == ("malli.yaml", 4, 15)
    assert locate(data, ["steps", 1, "missing"]) == ("malli.yaml", 5, 5)  # deepest known position


def test_byte_order_mark_is_accepted(tmp_path):
    doc = load(tmp_path, "\ufeffkind: process\nid: a\n")
    assert doc.diagnostics == [] and doc.data["kind"] == "process"


def test_only_true_and_false_are_booleans(tmp_path):
    """YAML 1.1 read yes/no/on/off as booleans: `rules: {X: off}` or a Norwegian 'no' became false."""
    doc = load(tmp_path, "kind: x\na: off\nb: yes\nc: no\nd: true\ne: False\nf: 2025-13-45\ng: 1.5\n")
    assert doc.diagnostics == []
    assert dict(doc.data) == {"kind": "x", "a": "off", "b": "yes", "c": "no", "d": True, "e": False,
                              "f": "2025-13-45", "g": 1.5}


def test_dates_stay_as_written(tmp_path):
    doc = load(tmp_path, "kind: x\nstart: 2025-03-01\n")
    assert doc.data["start"] == "2025-03-01"


# ---------------------------------------------------------------- YAML001 syntax and unreadable values


@pytest.mark.parametrize(("content", "expected"), [
    ("kind: process\nname: [a, b\nid: x\n", (3, 3)),  # the unclosed list meets 'id:'
    ("kind: process\nname: a: b\n", (2, 8)),  # ': ' inside an unquoted value
    ("kind: process\nname: 'open\n", (3, 1)),  # unterminated quote: found at the end of the file
    ("kind: process\n---\nkind: roles\n", (2, 1)),  # two documents in one file
    ("kind: process\nname: \x07bell\n", (2, 7)),  # control character
    ("kind: process\nid: a\nname: T\u00e4ss\u00e4 \x00\n", (3, 13)),  # NUL after non-ASCII text
    ("kind: process\nversion: !!python/object:os.system x\n", (2, 10)),  # unknown tag
    ("kind: process\nversion: !custom x\n", (2, 10)),
    ("kind: process\nversion: !!int abc\n", (2, 10)),
    ("kind: process\nversion: " + "1" * 5000 + "\n", (2, 10)),  # too many digits to convert
    ("kind: process\nversion: 0x" + "f" * 3000 + "\n", (2, 10)),  # converts, but could not be printed
], ids=["unclosed-list", "colon-in-value", "unclosed-quote", "two-documents", "control-char", "nul",
        "python-tag", "custom-tag", "int-tag", "long-int", "huge-hex"])
def test_syntax_errors_and_unreadable_values(tmp_path, content, expected):
    assert problem(tmp_path, content) == (*expected, "YAML001")


def test_syntax_error_message_says_what_is_wrong(tmp_path):
    (d,) = load(tmp_path, "kind: process\nname: a: b\n").diagnostics
    assert d.message == ("YAML syntax error: a ':' where YAML did not expect one; put text containing ': ' "
                         "in quotes (mapping values are not allowed here)")
    assert "space after the colon" in d.hint


# ---------------------------------------------------------------- YAML002 duplicate keys


@pytest.mark.parametrize(("content", "expected"), [
    ("kind: process\nid: a\nname: x\nid: b\n", (4, 1)),
    ("kind: process\nsteps:\n  - id: a\n    name: x\n    id: b\n", (5, 5)),
    ("kind: process\nname: {fi: a, sv: b, fi: c}\n", (2, 22)),
])
def test_duplicate_key_at_the_second_key(tmp_path, content, expected):
    assert problem(tmp_path, content) == (*expected, "YAML002")


def test_duplicate_key_message_names_the_first(tmp_path):
    (d,) = load(tmp_path, "kind: process\nsteps:\n  - id: a\n    name: x\n    id: b\n").diagnostics
    assert d.message == "duplicate key 'id' (first defined on line 3)"


def test_duplicate_key_in_the_model(edited_mini):
    root = edited_mini(("processes/prosessi.yaml", "    lane: virasto\n", "    lane: virasto\n    lane: kela\n"))
    (d,) = compile_model(root).diagnostics
    assert (d.file, d.line, d.column, d.code) == ("processes/prosessi.yaml", 33, 5, "YAML002")


# ---------------------------------------------------------------- YAML003 tabs


@pytest.mark.parametrize(("content", "expected"), [
    ("kind: process\nsteps:\n\t- id: a\n", (3, 1)),
    ("kind: process\nsteps:\n  \t- id: a\n", (3, 3)),
    ("kind: process\r\nsteps:\r\n  - id: a\r\n \tname: x\r\n", (4, 2)),  # Windows line ends
])
def test_tab_in_indentation(tmp_path, content, expected):
    assert problem(tmp_path, content) == (*expected, "YAML003")


def test_tab_inside_a_value_is_fine(tmp_path):
    assert load(tmp_path, "kind: process\nname: 'a\tb'\n").diagnostics == []


# ---------------------------------------------------------------- YAML004 encoding


@pytest.mark.parametrize(("content", "expected"), [
    ("kind: process\nname: Tässä\n".encode("latin-1"), (2, 8)),  # a Latin-1 file: the first ä
    (b"kind: process\nname: T\xc3\xa4ss\xc3\xa4 \xff\n", (2, 13)),  # columns count characters, not bytes
    (b"\xef\xbb\xbfkind: \xfe\n", (1, 7)),  # after a byte order mark
    (b"kind: process\r\nid: a\r\nname: \x80\r\n", (3, 7)),
])
def test_not_utf8(tmp_path, content, expected):
    assert problem(tmp_path, content) == (*expected, "YAML004")


def test_not_utf8_message_names_the_byte(tmp_path):
    (d,) = load(tmp_path, "kind: process\nname: Tässä\n".encode("latin-1")).diagnostics
    assert d.message == "the file is not valid UTF-8 (byte 0xe4)"
    assert "UTF-8" in d.hint


# ---------------------------------------------------------------- YAML005 size


def test_file_over_one_mib(tmp_path):
    content = "kind: process\n# " + "x" * MAX_FILE_BYTES + "\n"
    assert problem(tmp_path, content) == (1, 1, "YAML005")


def test_file_of_exactly_one_mib_is_read(tmp_path):
    head = "kind: process\n# "
    content = head + "x" * (MAX_FILE_BYTES - len(head) - 1) + "\n"
    assert len(content.encode()) == MAX_FILE_BYTES
    assert load(tmp_path, content).diagnostics == []


# ---------------------------------------------------------------- YAML006 aliases and nesting


def billion_laughs(levels: int, width: int) -> str:
    lines = ["kind: process", "a0: &a0 [lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("levels", "width"), [(9, 9), (10, 10)])
def test_alias_bomb_refused_within_one_second(tmp_path, levels, width):
    content = billion_laughs(levels, width)  # width ** (levels - 1) values once expanded
    start = time.perf_counter()
    doc = load(tmp_path, content)
    elapsed = time.perf_counter() - start
    assert [d.code for d in doc.diagnostics] == ["YAML006"]
    assert "anchors" in doc.diagnostics[0].message
    assert elapsed < 1.0


def test_a_few_aliases_are_fine(tmp_path):
    doc = load(tmp_path, "kind: process\na: &x [1, 2]\nb: *x\n")
    assert doc.diagnostics == [] and doc.data["b"] == [1, 2]


@pytest.mark.parametrize("content", ["kind: process\nx: &a [*a]\n", "kind: process\nx: &a {y: *a}\n"])
def test_recursive_alias(tmp_path, content):
    assert problem(tmp_path, content) == (2, 4, "YAML006")


@pytest.mark.parametrize(("content", "expected"), [
    # Level 201 is refused: the root is level 1.
    ("[" * 100_000 + "]" * 100_000, (1, 201)),  # the 201st '['
    ("kind: x\nv: " + "[" * 1000 + "]" * 1000, (2, 203)),  # the 200th '[' (the root mapping is level 1)
    ("kind: x\nv: " + "{a: " * 1000 + "1" + "}" * 1000, (2, 797)),  # the key 'a' in the 199th '{'
    ("kind: x\nv:\n" + "".join("  " * i + "- \n" for i in range(1000)), (202, 399)),  # the 200th '-'
], ids=["flow-lists", "flow-lists-in-mapping", "flow-mappings", "block-lists"])
def test_deep_nesting_refused_without_crash(tmp_path, content, expected):
    start = time.perf_counter()
    assert problem(tmp_path, content) == (*expected, "YAML006")
    assert time.perf_counter() - start < 2.0


# ---------------------------------------------------------------- YAML007 shape


@pytest.mark.parametrize("content", ["", "# only a comment\n", "- kind: process\n", "kind\n", "~\n"])
def test_top_level_must_be_a_mapping(tmp_path, content):
    assert problem(tmp_path, content) == (1, 1, "YAML007")


@pytest.mark.parametrize(("content", "expected"), [
    ("kind: x\nbase: &b {a: 1}\nother: {<<: *b}\n", (3, 9)),  # merge key
    ("kind: x\n? [a, b]\n: c\n", (2, 3)),  # a list as a key
])
def test_keys_must_be_plain(tmp_path, content, expected):
    assert problem(tmp_path, content) == (*expected, "YAML007")


# ---------------------------------------------------------------- through the pipeline: KIND, IO001, many files


def test_missing_kind(edited_mini):
    (d,) = compile_model(edited_mini(("roles/raci.yaml", "kind: raci\n", ""))).diagnostics
    assert (d.file, d.line, d.column, d.code) == ("roles/raci.yaml", 1, 1, "KIND")
    assert d.message == "the file has no 'kind'"


@pytest.mark.parametrize("kind", ["racy", "project", "overlay"])
def test_unknown_or_misplaced_kind(edited_mini, kind):
    (d,) = compile_model(edited_mini(("roles/raci.yaml", "kind: raci\n", f"kind: {kind}\n"))).diagnostics
    assert (d.file, d.line, d.column, d.code) == ("roles/raci.yaml", 2, 7, "KIND")
    assert d.message == f"unknown or misplaced kind '{kind}'"
    assert "process, roles, raci, calendar, glossary" in d.hint


def test_unreadable_file(tmp_path):
    doc = load_file(tmp_path / "puuttuu.yaml", "puuttuu.yaml")
    assert [(d.line, d.column, d.code) for d in doc.diagnostics] == [(1, 1, "IO001")]


def test_every_broken_file_is_reported(edited_mini):
    """A file that cannot be loaded does not hide the problems of the next one."""
    root = edited_mini(
        ("roles/raci.yaml", "process: prosessi\n", "process: prosessi\nprocess: toinen\n"),
        ("glossary/termit.yaml", "terms:\n", "terms:\n\t- {id: x}\n"),
        ("calendar/kalenteri.yaml", "kind: calendar\n", "- kind: calendar\n"),
    )
    root.joinpath("processes/extra.yaml").write_bytes(b"kind: process\nname: \xe4\n")
    root.joinpath("processes/list.yaml").write_text("- kind: process\n")
    assert [(d.file, d.line, d.column, d.code) for d in compile_model(root).diagnostics] == [
        ("calendar/kalenteri.yaml", 3, 1, "YAML001"),  # 'schema_version:' after the list item
        ("glossary/termit.yaml", 5, 1, "YAML003"),
        ("processes/extra.yaml", 2, 7, "YAML004"),
        ("processes/list.yaml", 1, 1, "YAML007"),
        ("roles/raci.yaml", 5, 1, "YAML002"),
    ]


@pytest.mark.parametrize("escape", ["\\0", "\\x1b", "\\uFFFE", "\\x85\\x07"])
def test_control_characters_written_as_escapes_are_refused(tmp_path, escape):
    # YAML's reader lets these through as escapes; no page, diagram or calendar can carry them.
    path = tmp_path / "x.yaml"
    path.write_text(f'kind: glossary\nschema_version: 1\nname: "a{escape}b"\n', "utf-8")
    (d,) = load_file(path, "x.yaml").diagnostics
    assert (d.code, d.line, d.column) == ("YAML001", 3, 7) and "control character" in d.message
