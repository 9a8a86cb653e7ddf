"""A region repository's pin against the national base's newer versions: drift, and moving the pin.

The newest national release is the base's highest tag in version order (its default branch's tip
when it has no tags). When it is not the pinned commit or an ancestor of it, the region hears of
it (DRIFT003 at region.yaml's `base:`) and every local change touching an element that changed
between the two is a DRIFT001 at its overlay line, the same finding as for regions/<id>/.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..analysis.diff import Change, diff_models
from ..analysis.drift import Drift, configured, touching
from ..compile import compile_model
from ..diagnostics import Diagnostic, Severity
from ..errors import BaseError
from ..load.yaml import YDict
from ..model import Model
from .fetch import Fetched, is_ancestor, newest, resolve, tree_at
from .source import check_ref
from .workspace import REGION_FILE, Workspace, read_region


def national_model(tree: Path, shown: str) -> Model:
    result = compile_model(tree, None)
    if not result.ok or result.model is None:
        first = next((d for d in result.diagnostics if d.severity is Severity.ERROR), None)
        where = f": {first.file}:{first.line}: {first.message}" if first else ""
        raise BaseError(f"the national base at {shown} has errors{where}")
    return result.model


@dataclass(frozen=True)
class Newer:
    name: str  # tag or HEAD
    commit: str
    version: str
    changes: tuple[Change, ...]


def newer_version(fetched: Fetched) -> Newer | None:
    """The newest national release when it is ahead of the pin, with what changed since the pin."""
    latest = newest(fetched.mirror)
    if latest is None or latest[1] == fetched.commit or is_ancestor(fetched.mirror, latest[1], fetched.commit):
        return None
    name, commit = latest
    old = national_model(fetched.tree, fetched.spec.shown)
    new = national_model(tree_at(fetched, commit), f"{fetched.spec.source}@{name}")
    return Newer(name, commit, new.project.version, tuple(diff_models(old, new)))


def pin_drift(ws: Workspace, model: Model, config: Mapping[str, str] | None = None) -> list[Drift]:
    """DRIFT003 (a newer national version) and DRIFT001 for the local changes it touches; [] when the
    pin is the newest. Never raises: a base that cannot be compared is one DRIFT002."""
    assert ws.fetched is not None and ws.repository is not None and model.region is not None
    o = model.region.at("based_on")
    pinned = model.project.version
    try:
        newer = newer_version(ws.fetched)
    except BaseError as exc:
        return configured([Drift(Diagnostic(o.file, o.line, o.column, "DRIFT002", Severity.WARNING,
                                            f"newer national versions cannot be compared: {exc}",
                                            "Check the national base; the pinned version still builds."),
                                 pinned)], config)
    if newer is None:
        return []
    hint = f"Review the local change; then run: typ upgrade-base {newer.name}"
    region, _ = read_region(ws.repository)
    line, col = region.key_pos.get("base", region.pos) if region is not None else (o.line, o.column)
    found = [Drift(Diagnostic(REGION_FILE, line, col, "DRIFT003", Severity.WARNING,
                              f"the national base has a newer version {newer.version} ({newer.name}) than the "
                              f"pinned {pinned} ({ws.fetched.commit[:12]}): {len(newer.changes)} national "
                              "change(s)", f"See them with: typ upgrade-base {newer.name} --dry-run"),
                   pinned, newer.version)]
    found += touching(model, list(newer.changes), pinned, newer.version, hint)
    return configured(found, config)


def _quoted(value: str) -> str:
    return yaml.safe_dump(value, default_style='"', width=10_000).strip().removesuffix("...").strip()


def pinned_text(text: str, region: YDict, ref: str, commit: str, version: str) -> str:
    """region.yaml with `base.ref`, `base.commit` and `based_on` set, by line edits at the loader's
    positions: comments, order and every other line stay as they are."""
    lines = text.split("\n")
    base = region["base"]
    edits: dict[int, tuple[int, str]] = {}  # line index -> (column index of the value, new value)

    def value_at(mapping: YDict, key: str, new: str) -> bool:
        if key not in mapping:
            return False
        line, col = mapping.val_pos[key]
        edits[line - 1] = (col - 1, _quoted(new))
        return True

    value_at(region, "based_on", version)
    missing = [k for k, v in (("ref", ref), ("commit", commit)) if not value_at(base, k, v)]
    for n, (col, new) in edits.items():
        old = lines[n]
        rest = old[col:]
        if rest[:1] in ("'", '"'):
            end = rest.find(rest[0], 1) + 1 or len(rest)
        else:
            comment = re.search(r"\s+#", rest)
            end = comment.start() if comment else len(rest.rstrip())
        lines[n] = old[:col] + new + rest[end:]  # the comment after the value, spacing and all, stays
    if missing:
        line, col = base.pos  # block mapping: add the keys under its first key's indentation
        if base.key_pos:
            first = min(base.key_pos.values())
            indent = " " * (first[1] - 1)
            if first[0] == region.key_pos["base"][0]:
                raise BaseError("region.yaml writes 'base:' on one line; write it as a block to upgrade it")
            at = max(v[0] for v in base.val_pos.values())
            lines[at:at] = [f"{indent}{k}: {_quoted(v)}" for k, v in (("ref", ref), ("commit", commit)) if k in missing]
    return "\n".join(lines)


def upgrade_target(fetched: Fetched, ref: str) -> str:
    check_ref(ref)
    commit = resolve(fetched.mirror, ref)
    if commit is None:
        raise BaseError(f"the national base {fetched.spec.source} has no tag, branch or commit '{ref}'")
    return commit


__all__ = ["Newer", "newer_version", "pin_drift", "pinned_text", "upgrade_target"]
