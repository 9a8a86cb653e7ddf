"""A new user's install: the built wheel, in a fresh virtual environment, validates and builds a copy of
the model in a folder outside the checkout, and gives the same handbook as the editable install."""

from __future__ import annotations

import filecmp
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from hostile import MODEL_PARTS  # the model's folders as typ.yaml lists them

from generator.diagnostics import has_errors
from generator.site.build import build


def run(*args: str | Path, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing may lead back to the checkout
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                            env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def copy(parts: tuple[str, ...], dest: Path) -> Path:
    dest.mkdir()
    for name in parts:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.is_file():  # an optional folder typ.yaml names may be absent (pages/: the statement is generated)
            shutil.copy2(src, dest / name)
    return dest


def different(a: Path, b: Path) -> list[str]:
    """Files that differ between two folder trees, or exist in only one."""
    cmp = filecmp.dircmp(a, b)
    out = [str(a / n) for n in cmp.left_only + cmp.right_only + cmp.funny_files]
    out += [str(a / n) for n in filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)[1]]
    for sub in cmp.common_dirs:
        out += different(a / sub, b / sub)
    return out


@pytest.mark.slow
def test_the_wheel_installs_and_builds_the_model_anywhere(tmp_path: Path):
    # Build from a copy of the sources, so the checkout gets no build/ folder and nothing is read from it.
    src = copy(("generator", "pyproject.toml", "README.md"), tmp_path / "src")
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "dist", src, cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("typ_handbook-*.whl"))

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--system-site-packages", venv, cwd=tmp_path)
    if sys.prefix != sys.base_prefix:
        # This interpreter is itself a virtual environment: let the new one see its dependencies too.
        # A path in a .pth file is added without running that folder's own .pth files, so the
        # editable install of the checkout stays invisible.
        pth = next(venv.glob("lib/python3*/site-packages")) / "dependencies.pth"
        pth.write_text("\n".join(site.getsitepackages()) + "\n", "utf-8")
    python, typ = venv / "bin" / "python", venv / "bin" / "typ"
    run(python, "-m", "pip", "install", "-q", "--no-deps", wheel, cwd=tmp_path)

    model = copy(MODEL_PARTS, tmp_path / "model")
    where = run(python, "-c", "import generator; print(generator.__file__)", cwd=model).stdout
    assert where.startswith(str(venv)), where
    checked = run(typ, "validate", cwd=model)
    assert "0 error(s)" in checked.stdout + checked.stderr
    run(typ, "build", "--out", tmp_path / "site", cwd=model)
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "prosessit").is_dir()

    # The same handbook as the editable install builds from the same folder.
    assert not has_errors(build(model, tmp_path / "site-editable"))
    assert different(tmp_path / "site", tmp_path / "site-editable") == []
