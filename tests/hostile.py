"""Helpers for the hostile-input corpus (tests/test_hostile_*.py): a writable copy of the real model and
the `typ` command run as a user runs it (a subprocess), with the promises every run must keep."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
# The model's own folders as typ.yaml lists them, so that a new kind of model file is copied too.
_PROJECT = yaml.safe_load((REPO / "typ.yaml").read_text("utf-8"))
MODEL_PARTS = ("typ.yaml", "mkdocs.yml", *_PROJECT["sources"], _PROJECT.get("regions", "regions"),
               _PROJECT.get("pages", "pages"), "translations")
# What a diagnostic line looks like: file:line:column: severity CODE message
LOCATED = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning) (?P<code>[A-Z]+\d*) ",
                     re.M)


def model_copy(dest: Path) -> Path:
    """The repository's model (national, both regions, pages, mkdocs.yml) copied to `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in MODEL_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.is_file():
            shutil.copy2(src, dest / part)
    # the repository has no hand-written pages (its statement is generated); hostile pages go here
    (dest / "pages").mkdir(exist_ok=True)
    return dest


def typ(*args: str | Path, cwd: Path | None = None, timeout: float = 120,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `typ ARGS`; never a traceback, never exit 3 (a bug), never a hang."""
    result = subprocess.run([sys.executable, "-m", "generator.cli", *map(str, args)], cwd=cwd or REPO,
                            capture_output=True, timeout=timeout, env={**os.environ, **(env or {})})
    both = result.stdout + result.stderr
    assert b"Traceback" not in both, both.decode("utf-8", "replace")
    assert result.returncode != 3, both.decode("utf-8", "replace")
    return result


def text(result: subprocess.CompletedProcess) -> str:
    return (result.stdout + result.stderr).decode("utf-8", "replace")


def refused(result: subprocess.CompletedProcess, file: str, code: str | None = None,
            line: int | None = None) -> re.Match:
    """The run failed with a located error in `file` (a path ending), optionally of `code` and at `line`."""
    out = text(result)
    assert result.returncode in (1, 2), out
    for m in LOCATED.finditer(out):
        if m["sev"] == "error" and m["file"].replace(os.sep, "/").endswith(file) \
                and (code is None or m["code"] == code) and (line is None or int(m["line"]) == line):
            return m
    raise AssertionError(f"no located error {code or ''} in {file}{'' if line is None else f':{line}'}:\n{out}")


def warned(result: subprocess.CompletedProcess, file: str, code: str | None = None) -> re.Match:
    out = text(result)
    for m in LOCATED.finditer(out):
        if m["file"].replace(os.sep, "/").endswith(file) and (code is None or m["code"] == code):
            return m
    raise AssertionError(f"no diagnostic {code or ''} in {file}:\n{out}")


def site_text(site: Path) -> str:
    """Every text file of a built site, concatenated (HTML, search index, SVG, ICS, CSV)."""
    return "\n".join(p.read_text("utf-8", "replace") for p in sorted(site.rglob("*"))
                     if p.is_file() and p.suffix in (".html", ".json", ".svg", ".ics", ".csv", ".bpmn", ".xml"))


# A git repository in a test: commits without the machine's identity; one exact edit of a file.
def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           *args], check=True, capture_output=True, text=True).stdout.strip()


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), "utf-8")
