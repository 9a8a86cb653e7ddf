"""`typ new-region`: a starting overlay with every operation shown, commented out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from .load.sources import PROJECT_FILE

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


def new_region(root: Path, region_id: str, name: str | None = None) -> Path:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", region_id):
        raise ValueError(f"'{region_id}' is not a valid id: use lowercase a-z, digits and hyphens")
    project_file = root / PROJECT_FILE
    if not project_file.is_file():
        raise ValueError(f"no {PROJECT_FILE} in {root}: run this in the model's root folder or pass --path")
    try:
        project = yaml.safe_load(project_file.read_text("utf-8")) or {}
    except yaml.YAMLError:
        raise ValueError(f"{PROJECT_FILE} is not valid YAML; run typ validate first") from None
    folder = root / project.get("regions", "regions") / region_id
    if folder.exists():
        raise ValueError(f"{folder} exists already")
    # Example ids from the national model make the commented examples copy-paste ready.
    first = {"step": "vaihe", "lane": "organisaatio", "role": "rooli", "org": "organisaatio", "process": None}
    for path in sorted((root / "processes").glob("*.y*ml")):
        proc = yaml.safe_load(path.read_text("utf-8")) or {}
        tasks = [s for s in proc.get("steps", []) if s.get("type") == "task"]
        if tasks:
            first.update(step=tasks[0]["id"], lane=tasks[0]["lane"], process=proc.get("id"))
            break
    for path in sorted((root / "roles").glob("*.y*ml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        if data.get("roles"):
            first.update(role=data["roles"][0]["id"], org=data["roles"][0]["organisation"])
            break
    folder.mkdir(parents=True)
    (folder / "pages").mkdir()
    # A JSON string is a valid YAML double-quoted scalar: backslashes, quotes and tabs survive as written.
    (folder / "region.yaml").write_text(
        REGION.format(id=region_id, name=json.dumps(name or region_id, ensure_ascii=False),
                      version=project.get("version", "")), "utf-8")
    process_line = f"process: {first['process']}" if first["process"] else "# process: <id>"
    (folder / "10-overlay.yaml").write_text(OVERLAY.format(process_line=process_line, **first), "utf-8")
    return folder
