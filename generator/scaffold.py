"""`typ new-region`: a starting overlay with every operation shown, commented out."""

from __future__ import annotations

from pathlib import Path

import yaml

from .diagnostics import Diagnostic, Severity, has_errors
from .load.sources import ID, load_national
from .load.yaml import BIDI, CONTROL
from .rules.names import RESERVED

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


def new_region(root: Path, region_id: str, name: str | None = None) -> Path:
    if not ID.fullmatch(region_id) or "--" in region_id or region_id.endswith("-"):
        raise ValueError(f"'{region_id}' is not a valid id: use lowercase a-z, digits and hyphens")
    if RESERVED.fullmatch(region_id):
        raise ValueError(f"'{region_id}' is reserved (a generated page, or a file name Windows refuses)")
    display = region_id if name is None else name
    if not display.strip() or CONTROL.search(display) or BIDI.search(display) or len(display) > 300:
        raise ValueError("--name must be visible text of at most 300 characters, without control characters")
    # The model is read the way every command reads it: inside its root only, errors with their position.
    raw, diags = load_national(root)
    if raw is None or has_errors(diags):
        raise ValueError(_located(diags) if has_errors(diags) else f"cannot read the model in {root}")
    project = raw.project
    folder = root / project.get("regions", "regions") / region_id
    if folder.exists():
        raise ValueError(f"{folder} exists already")
    # Example ids from the national model make the commented examples copy-paste ready.
    first = {"step": "vaihe", "lane": "organisaatio", "role": "rooli", "org": "organisaatio", "process": None}
    for proc in raw.processes:
        tasks = [s for s in proc.get("steps", []) if s.get("type") == "task"]
        if tasks:
            first.update(step=tasks[0]["id"], lane=tasks[0]["lane"], process=proc.get("id"))
            break
    if raw.roles:
        first.update(role=raw.roles[0]["id"], org=raw.roles[0]["organisation"])
    folder.mkdir(parents=True)
    (folder / "pages").mkdir()
    # safe_dump quotes and escapes whatever the name holds (a trailing backslash, a typed \n, quotes).
    quoted = yaml.safe_dump(display, allow_unicode=True, default_style='"', width=10_000).strip()
    quoted = quoted.removesuffix("...").strip()
    (folder / "region.yaml").write_text(
        REGION.format(id=region_id, name=quoted, version=project.get("version", "")), "utf-8")
    process_line = f"process: {first['process']}" if first["process"] else "# process: <id>"
    (folder / "10-overlay.yaml").write_text(OVERLAY.format(process_line=process_line, **first), "utf-8")
    return folder
