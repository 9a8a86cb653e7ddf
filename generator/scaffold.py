"""`typ new-region`: a starting overlay with every operation shown, commented out."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml

from .base.fetch import fetch
from .base.source import BaseSpec, check_source, split, stored_source
from .diagnostics import Diagnostic, Severity, has_errors
from .load.sources import ID, load_national
from .load.yaml import BIDI, CONTROL
from .rules.names import reserved_region
from .schema.check import schema_files

REGION = """\
# yaml-language-server: $schema=../../schemas/region.schema.json
# The regional network: who you are and which national version your overlay was written against.
kind: region
schema_version: 1
id: {id}
name: {name}
# area: Työllisyysalue ja hyvinvointialue
# municipalities: [Kunta 1, Kunta 2]
# description: Miten verkosto toimii.
based_on: "{version}"   # update after reviewing your overlay against a newer national model
# contacts:
#   - {{name: Etunimi Sukunimi, title: TYP-johtaja, email: etunimi.sukunimi@example.fi}}
"""

REPO_REGION = """\
# yaml-language-server: $schema=schemas/region.schema.json
# The regional network: who you are, and the national model this repository adapts (its base).
kind: region
schema_version: 1
id: {id}
name: {name}
# area: Työllisyysalue ja hyvinvointialue
# municipalities: [Kunta 1, Kunta 2]
# description: Miten verkosto toimii.
based_on: "{version}"   # the national version the overlay was written against; typ upgrade-base moves it
base:
  source: {source}
  ref: {ref}
  commit: {commit}   # what is built; move it with: typ upgrade-base TAG
# contacts:
#   - {{name: Etunimi Sukunimi, title: TYP-johtaja, email: etunimi.sukunimi@example.fi}}
"""

OVERLAY = """\
# yaml-language-server: $schema=../../schemas/overlay.schema.json
# Local changes to the national model, by id. Applied after the national model, files in name order.
# Every operation may carry a 'reason:', shown on the handbook's "Paikalliset poikkeamat" page.
# Items marked locked nationally (statutory) accept only contacts, services and note.
kind: overlay
schema_version: 1
{process_line}
# steps:
#   add:
#     - id: oma-vaihe            # a new local step ...
#       after: {step}            # ... placed after (or: before) a national step; it takes over its flows
#       type: task
#       name: Paikallinen vaihe
#       lane: {lane}
#       reason: Miksi tämä vaihe on meillä
#   change:
#     - id: {step}
#       contacts: [{{name: Etunimi Sukunimi, phone: "040 000 0000"}}]
#   remove:
#     - {{id: vaiheen-id, reason: Miksi}}
# raci:
#   set:
#     - step: oma-vaihe
#       roles: {{{role}: A}}      # R, A, C, I or RA; null removes a role from the row
# roles:
#   add:
#     - {{id: oma-rooli, name: Paikallinen rooli, organisation: {org}}}
# duties:
#   add:
#     - {{id: oma-tehtava, name: Paikallinen tehtävä, responsible: {role}, rhythm: {{months: [3, 9]}}}}
"""


def _located(diags: list[Diagnostic]) -> str:
    d = next(d for d in diags if d.severity is Severity.ERROR)
    return f"{d.file}:{d.line}:{d.column}: {d.message} (run typ validate)"


def _checked_name(region_id: str, name: str | None) -> str:
    if not ID.fullmatch(region_id) or "--" in region_id or region_id.endswith("-"):
        raise ValueError(f"'{region_id}' is not a valid id: use lowercase a-z, digits and hyphens")
    if reserved_region(region_id):
        raise ValueError(f"'{region_id}' is reserved (the national handbook's name, a generated page, "
                         "or a file name Windows refuses)")
    display = region_id if name is None else name
    if not display.strip() or CONTROL.search(display) or BIDI.search(display) or len(display) > 300:
        raise ValueError("--name must be visible text of at most 300 characters, without control characters")
    return display


def _national(root: Path):
    # The model is read the way every command reads it: inside its root only, errors with their position.
    raw, diags = load_national(root)
    if raw is None or has_errors(diags):
        raise ValueError(_located(diags) if has_errors(diags) else f"cannot read the model in {root}")
    return raw


def _quoted(text: str) -> str:
    # safe_dump quotes and escapes whatever the text holds (a trailing backslash, a typed \n, quotes).
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=10_000).strip().removesuffix("...").strip()


def new_region(root: Path, region_id: str, name: str | None = None) -> Path:
    display = _checked_name(region_id, name)
    raw = _national(root)
    project = raw.project
    folder = root / project.get("regions", "regions") / region_id
    if folder.exists():
        raise ValueError(f"{folder} exists already")
    folder.mkdir(parents=True)
    _write_region(folder, raw, region_id, REGION.format(id=region_id, name=_quoted(display),
                                                        version=project.get("version", "")), OVERLAY)
    return folder


def new_region_repository(out: Path, region_id: str, base: str, name: str | None = None) -> tuple[Path, str]:
    """A region repository in `out` (new or empty) whose region.yaml pins the national base `base`
    (SOURCE[@REF]): fetched here, so that a mistyped URL or ref is an error now and not in CI."""
    display = _checked_name(region_id, name)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ValueError(f"{out} exists and is not an empty folder")
    source, ref = split(base)
    check_source(source)
    fetched = fetch(BaseSpec(source, ref), Path.cwd())
    raw = _national(fetched.tree)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)  # mkdtemp's 0700 is not what a new folder gets
    try:
        stored = stored_source(source, out)
        region = REPO_REGION.format(id=region_id, name=_quoted(display), version=raw.project.get("version", ""),
                                    source=_quoted(stored), ref=_quoted(ref or fetched.commit),
                                    commit=fetched.commit)
        _write_region(tmp, raw, region_id, region, OVERLAY.replace("../../schemas/", "schemas/"))
        (tmp / "schemas").mkdir()
        for schema in schema_files():
            (tmp / "schemas" / schema.name).write_bytes(schema.read_bytes())
        (tmp / ".gitignore").write_text("/site/\n/.site.cache/\n/.site.lock\n", "utf-8")
        (tmp / "pages" / ".gitkeep").write_text("", "utf-8")
        if out.exists():
            out.rmdir()
        tmp.rename(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    subprocess.run(["git", "init", "-q", str(out)], capture_output=True, timeout=30, check=False)
    return out, f"{source}@{ref or fetched.commit[:12]}"


def _write_region(folder: Path, raw, region_id: str, region_text: str, overlay: str) -> None:
    # Example ids from the national model make the commented examples copy-paste ready.
    first = {"step": "vaihe", "lane": "organisaatio", "role": "rooli", "org": "organisaatio", "process": None}
    for proc in raw.processes:
        tasks = [s for s in proc.get("steps", []) if s.get("type") == "task"]
        if tasks:
            first.update(step=tasks[0]["id"], lane=tasks[0]["lane"], process=proc.get("id"))
            break
    if raw.roles:
        first.update(role=raw.roles[0]["id"], org=raw.roles[0]["organisation"])
    (folder / "pages").mkdir()
    (folder / "region.yaml").write_text(region_text, "utf-8")
    process_line = f"process: {first['process']}" if first["process"] else "# process: <id>"
    (folder / "10-overlay.yaml").write_text(overlay.format(process_line=process_line, **first), "utf-8")
