"""The rule-fixture harness: a small model copied, edited as a case says, compiled, and its diagnostics
compared with the exact (file, line, column, code, severity) the case expects."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import edit_file

from generator.compile import Result, compile_model
from generator.diagnostics import Diagnostic

# (case id, edits [(file, old, new)], expected [(file, line, column, code, severity)], text of the first message)
Case = tuple[str, list[tuple[str, str, str]], list[tuple[str, int, int, str, str]], str]


def seen(result: Result) -> list[tuple[str, int, int, str, str]]:
    return [(d.file, d.line, d.column, d.code, d.severity.value) for d in result.diagnostics]


def run_case(fixture: Path, dest: Path, case: Case) -> Diagnostic:
    """Apply the case to a copy of `fixture` in `dest`; assert its diagnostics; return the first one of
    the case's code (the id up to its first '-') with its message checked."""
    name, edits, expected, message = case
    shutil.copytree(fixture, dest)
    for file, old, new in edits:
        edit_file(dest, file, old, new)
    result = compile_model(dest)
    assert seen(result) == expected
    first = next(d for d in result.diagnostics if d.code.startswith(name.split("-")[0]))
    assert message in first.message, first.message
    return first
