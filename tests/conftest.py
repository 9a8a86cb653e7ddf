"""Shared fixtures and helpers for the test suite."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
MINI = TESTS / "fixtures" / "mini"


# ---------------------------------------------------------------- validator: edited copies of the mini model


def copy_mini(dest: Path) -> Path:
    """A fresh copy of tests/fixtures/mini at `dest` (created)."""
    shutil.copytree(MINI, dest)
    return dest


def edit_file(root: Path, file: str, old: str, new: str) -> str:
    """Replace the one occurrence of `old` in root/file with `new`; returns the new text.

    Fails the test if `old` is not in the file exactly once, so a fixture edit can never silently
    miss (and leave a valid model that 'passes' for the wrong reason)."""
    path = root / file
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    text = text.replace(old, new)
    path.write_text(text, "utf-8")
    return text


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini model."""
    return copy_mini(tmp_path / "model")


@pytest.fixture
def edited_mini(tmp_path: Path) -> Callable[..., Path]:
    """edited_mini((file, old, new), ...) -> root of a mini copy with each text edit applied in turn."""

    made = []

    def make(*edits: tuple[str, str, str]) -> Path:
        made.append(None)  # each call gets its own copy: model, model-2, ...
        root = copy_mini(tmp_path / ("model" if len(made) == 1 else f"model-{len(made)}"))
        for file, old, new in edits:
            edit_file(root, file, old, new)
        return root

    return make


def where(diags) -> list[tuple[str, int, int, str]]:
    """(file, line, column, code) of each diagnostic, in order."""
    return [(d.file, d.line, d.column, d.code) for d in diags]


# ---------------------------------------------------------------- renderers: the compiled mini model


@pytest.fixture(scope="session")
def mini_model():
    """The mini fixture compiled once; models are frozen, so tests derive variants with dataclasses.replace."""
    from generator.pipeline import compile_model

    result = compile_model(MINI)
    assert result.ok, result.diagnostics
    return result.model
