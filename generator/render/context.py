"""What a renderer is given about the handbook it renders into, and what a handbook consists of."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SiteContext:
    lang: str = "fi"
    revision: str = ""
    # From a regional handbook's root to the national handbook's root (they are built side by side);
    # None when a region is built alone and there is no national handbook to link to.
    national_base: str | None = "../../"


@dataclass
class SiteFiles:
    files: dict[str, str | bytes] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)  # hand-written pages left out: a generated page has the name
