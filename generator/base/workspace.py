"""What a command works on: a national model folder, or a region repository and its pinned base.

A region repository is a folder with region.yaml (and the overlay files, pages/) at its top and no
typ.yaml. Its region.yaml names the national base:

    base:
      source: https://git.example.fi/typ/kansallinen.git   # or ssh, file://, a folder
      ref: "2025.1"                                         # the tag, branch or commit a person chose
      commit: 0123...                                       # what `ref` resolved to: what is built

Two file boundaries then apply: the base's tree in the cache for national files, the repository's
folder for the region's own files; neither may be left through a link.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..errors import BaseError
from ..load import files as safefiles
from ..load.sources import PROJECT_FILE, load_checked
from ..load.yaml import YDict
from .fetch import Fetched, fetch
from .source import BaseSpec

REGION_FILE = "region.yaml"


@dataclass(frozen=True)
class Workspace:
    root: Path  # the national model's root: a checkout, or the base's tree in the cache
    region: str | None
    repository: Path | None = None  # a region repository: its folder (its own file boundary)
    fetched: Fetched | None = None

    def for_user(self, diags: list[Diagnostic], path: Path) -> list[Diagnostic]:
        """File names as the user can open them: relative to where they stand; national files of a
        fetched base by their path in the cache."""
        out = []
        for d in diags:
            if d.file.startswith("<") or os.path.isabs(d.file):
                out.append(d)
                continue
            if self.repository is None:
                shown = os.path.relpath(path / d.file)
            elif (self.repository / d.file).exists() or not (self.root / d.file).exists():
                shown = os.path.relpath(self.repository / d.file)
            else:
                shown = str(self.root / d.file)
            out.append(dataclasses.replace(d, file=shown))
        return out


def is_repository(path: Path) -> bool:
    return not (path / PROJECT_FILE).exists() and (path / REGION_FILE).is_file()


def read_region(path: Path) -> tuple[YDict | None, list[Diagnostic]]:
    """The repository's region.yaml, checked against its schema and inside the folder's boundary."""
    meta = path / REGION_FILE
    refused = safefiles.problem(path, meta)
    if refused is not None:
        return None, [Diagnostic(REGION_FILE, 1, 1, refused.code, Severity.ERROR, refused.message, refused.hint)]
    doc = load_checked(meta, path, ("region",))
    data = doc.data
    if data is not None and "base" not in data:
        line, col = data.pos
        return None, [*doc.diagnostics, Diagnostic(
            REGION_FILE, line, col, "IO001", Severity.ERROR,
            "this folder is a region without a national base (no typ.yaml here, no 'base:' in region.yaml)",
            "Add base: {source: URL-or-folder, ref: TAG} to region.yaml, or run the command in the national "
            "model's folder with --region.")]
    return data, doc.diagnostics


def spec_of(region: YDict) -> BaseSpec:
    base = region["base"]
    return BaseSpec(str(base["source"]), str(base["ref"]) if base.get("ref") is not None else None,
                    str(base["commit"]) if base.get("commit") is not None else None)


def open_workspace(path: Path, region: str | None, update: bool = False,
                   relative_to: Path | None = None) -> tuple[Workspace | None, list[Diagnostic]]:
    """The workspace at `path`. In a region repository the base is fetched (if the cache lacks its pin;
    `update`: always, to learn of newer versions). Raises BaseError when the base cannot be used.
    `relative_to`: where a local base's relative path starts (default: `path`; an old version
    extracted elsewhere names its base relative to the repository it came from)."""
    if not is_repository(path):
        return Workspace(path, region), []
    data, diags = read_region(path)
    if data is None:
        return None, diags
    rid = str(data["id"])
    if region is not None and region != rid:
        line, col = data.val_pos.get("id", data.pos)
        return None, [Diagnostic(REGION_FILE, line, col, "IO001", Severity.ERROR,
                                 f"this region repository is '{rid}', not '{region}'",
                                 "Leave out --region in a region repository.")]
    fetched = fetch(spec_of(data), relative_to or path.resolve(), update)
    return Workspace(fetched.tree, rid, path.resolve(), fetched), diags


__all__ = ["BaseError", "Workspace", "is_repository", "open_workspace", "read_region", "spec_of"]
