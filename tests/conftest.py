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


# ---------------------------------------------------------------- renderers: the compiled mini model


@pytest.fixture(scope="session")
def mini_model():
    """The mini fixture compiled once; models are frozen, so tests derive variants with dataclasses.replace."""
    from generator.compile import compile_model

    result = compile_model(MINI)
    assert result.ok, result.diagnostics
    return result.model


# ---------------------------------------------------------------- layout, swimlane, BPMN: more models

LARGER = TESTS / "fixtures" / "bpmn"
# Text that breaks naive renderers: markup, quotes, DOT record syntax and escapes, Markdown, a newline.
AWKWARD = '<script>alert(1)</script> "q" {a|b} \\\\ \\N *md* [x](y) &amp;\nrivi'


@pytest.fixture(scope="session")
def larger_model():
    """tests/fixtures/bpmn: national-sized (14 steps, 5 lanes, a loop, three decisions, two deadlines)."""
    from generator.compile import compile_model

    result = compile_model(LARGER)
    assert result.ok, result.diagnostics
    return result.model


@pytest.fixture(scope="session")
def awkward_model(mini_model):
    """The mini model with AWKWARD text in names, a branch label and a lane, and 'suunnitelma' made local."""
    from dataclasses import replace

    from generator.model import LOCAL, Origin, Text

    def step(s):
        if s.id == "arviointi":
            return replace(s, name=Text(AWKWARD), description=Text(AWKWARD))
        if s.id == "paatos":
            return replace(s, flows=tuple(replace(f, label=Text('Kyllä <b>"x"</b>')) if f.target == "suunnitelma"
                                          else f for f in s.flows))
        if s.id == "suunnitelma":
            return replace(s, origin=Origin("regions/x/steps.yaml", 1, 1, LOCAL))
        return s

    process = mini_model.processes[0]
    process = replace(process, name=Text(AWKWARD), steps=tuple(step(s) for s in process.steps))
    orgs = tuple(replace(o, short=Text('<Yht & "x">')) if o.id == "yhteinen" else o for o in mini_model.organisations)
    return replace(mini_model, processes=(process,), organisations=orgs)


@pytest.fixture(scope="session")
def national_model():
    """The real national model at the repository root."""
    from generator.compile import compile_model

    if not (REPO / "processes").is_dir():
        pytest.fail("the national model (processes/) is missing")
    result = compile_model(REPO)
    assert result.model is not None, result.diagnostics
    return result.model


@pytest.fixture(scope="session")
def all_handbooks(tmp_path_factory) -> Path:
    """The repository's national and regional handbooks, built once (`typ build --all`). Read only."""
    from generator.site.build import build

    out = tmp_path_factory.mktemp("all-handbooks") / "site"
    errors = [d for d in build(REPO, out, all_=True) if d.severity.value == "error"]
    assert errors == [], errors
    return out


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for a module's browser tests. Per module, not per session: Playwright's sync
    API runs one instance per thread, and other modules start their own with browser.chromium()."""
    from browser import chromium

    with chromium() as b:
        yield b
