"""Region repositories the national model lists in typ.yaml (`region_repositories:`), fetched into the
cache for the national build with --all: each one's newest state on its ref, read inside its own tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BaseError
from ..load.yaml import YDict, YList
from .fetch import fetch
from .source import BaseSpec
from .workspace import REGION_FILE, read_region


@dataclass(frozen=True)
class External:
    source: str  # as typ.yaml shows it (SOURCE@REF)
    tree: Path | None = None  # the repository's files at the fetched commit
    region: YDict | None = None  # its region.yaml
    problem: str = ""  # why it cannot be used (tree or region then None)

    @property
    def id(self) -> str | None:
        return str(self.region["id"]) if self.region is not None else None


def external_regions(root: Path, project: YDict) -> list[External]:
    """Every listed region repository, fetched (or refreshed: the national build shows each network's
    current state; offline, the cached one). One that cannot be used is kept with its problem."""
    items = project.get("region_repositories") or YList()
    out = []
    for item in items:
        spec = BaseSpec(str(item["source"]), str(item["ref"]) if item.get("ref") is not None else None)
        try:
            fetched = fetch(spec, root, update=True, expect=REGION_FILE)
        except BaseError as exc:
            out.append(External(spec.shown, problem=str(exc)))
            continue
        region, diags = read_region(fetched.tree)
        if region is None:
            first = next((d for d in diags if d.severity.value == "error"), None)
            out.append(External(spec.shown, problem=f"{first.file}:{first.line}: {first.message}" if first
                                else f"no usable {REGION_FILE}"))
            continue
        out.append(External(spec.shown, fetched.tree, region))
    return out
