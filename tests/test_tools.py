"""External programs and internal errors as a user meets them: Graphviz missing, failing or hanging
is a clear message with exit status 2; a bug is reported with its original exception."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, REPO

from generator.errors import ToolError, ToolMissing
from generator.render import graphviz


def typ(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=300, env=env)


@pytest.fixture
def path_without_graphviz(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH has git but no Graphviz."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(shutil.which("git"), bin_dir / "git")
    assert shutil.which("dot", path=str(bin_dir)) is None
    return {**os.environ, "PATH": str(bin_dir)}


def test_build_without_graphviz_says_how_to_install_it(tmp_path: Path, path_without_graphviz: dict[str, str]):
    out = tmp_path / "site"
    result = typ("build", str(MINI), "--out", str(out), env=path_without_graphviz)
    assert result.returncode == 2, result.stderr
    assert "Graphviz is not installed: apt-get install graphviz" in result.stderr
    assert "cannot write" not in result.stderr and "internal error" not in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()  # nothing half-written
    assert not list(tmp_path.glob(".site.build-*"))


def test_export_without_graphviz_says_how_to_install_it(path_without_graphviz: dict[str, str]):
    result = typ("export", "bpmn", str(MINI), env=path_without_graphviz)
    assert result.returncode == 2, result.stderr
    assert "Graphviz is not installed: apt-get install graphviz" in result.stderr
    assert result.stdout == "" and "internal error" not in result.stderr


def test_runner_reports_missing_failing_and_hanging_graphviz(monkeypatch: pytest.MonkeyPatch):
    assert graphviz.run("dot", "json", b"digraph { a -> b }").startswith(b"{")
    with pytest.raises(ToolError, match=r"Graphviz \(dot\) failed with exit status 1: .*syntax error"):
        graphviz.run("dot", "json", b"digraph { a -> ")
    big = "digraph {" + " ".join(f"n{i} -> n{(i * 7919) % 3000};" for i in range(3000)) + "}"
    with pytest.raises(ToolError, match="did not finish within"):
        graphviz.run("dot", "svg", big.encode(), timeout=0.05)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ToolMissing, match="apt-get install graphviz"):
        graphviz.run("dot", "json", b"digraph { a }")


def test_an_internal_error_names_the_original_exception():
    # A frozen exception (like jsonschema's NoSuchResource) must not turn into typer's FrozenInstanceError.
    code = """
import sys
from referencing.exceptions import NoSuchResource
import generator.cli as cli

def broken(*args, **kwargs):  # what a wheel without its schemas raised
    raise NoSuchResource(ref="project.schema.json")

cli.compile_model = cli.check_each = broken  # validate compiles through check_each
sys.argv = ["typ", "validate", sys.argv[1]]
cli.main()
"""
    result = subprocess.run([sys.executable, "-c", code, str(MINI)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert "internal error: NoSuchResource: 'project.schema.json'" in result.stderr
    assert "FrozenInstanceError" not in result.stderr and "Traceback" not in result.stderr
