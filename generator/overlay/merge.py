"""Apply one region's overlay to the national model: add, change and remove by id, never by position.

Fixed order: national first, then the region's overlay files in name order. A patch aimed at an id
that does not exist is an error; so is changing or removing a `locked` item (the error names its
legal basis). Every value a region sets remembers the overlay file and line it came from, and every
operation is recorded as a Deviation for the region's deviations page.
"""

from __future__ import annotations

import copy
import difflib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..load import files as safefiles
from ..load import pages as handpages
from ..load.sources import ID, RawModel, load_checked, rel, yaml_files
from ..load.yaml import YDict, YList, origin_of
from ..model import LOCAL, Deviation, Origin
from ..model.build import text
from ..schema.check import SCHEMA_DIR

# Overlay keys that steer an operation rather than set a field.
CONTROL = ("id", "after", "before", "reason")
COLLECTIONS = ("organisations", "roles", "steps", "duties", "terms", "criteria", "cases", "codelists",
               "indicators")


REGION_PAGES = "paikalliset/"  # where a region's hand-written pages go in its handbook


@dataclass
class RegionSources:
    region: YDict | None
    overlays: list[YDict] = field(default_factory=list)
    pages: handpages.Pages = field(default_factory=handpages.Pages)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_region(root: Path, regions_dir: str, region_id: str, repository: Path | None = None) -> RegionSources:
    """`repository`: the region is a repository of its own (region.yaml at its top), read inside that
    folder's boundary and named relative to it, instead of regions/<id>/ inside the national model."""
    if repository is not None:
        root = repository
    folder = root / regions_dir / region_id if repository is None else repository
    meta = folder / "region.yaml"
    if not ID.fullmatch(region_id):
        # Checked before any file is touched: `--region ../../etc` must not read what lies there.
        return RegionSources(None, diagnostics=[Diagnostic(
            regions_dir, 1, 1, "IO001", Severity.ERROR, f"'{region_id}' is not a region id",
            "Give the id of a folder under regions/ (lowercase a-z, digits and hyphens).")])
    refused = safefiles.problem(root, folder, want_dir=True) if folder.exists() or folder.is_symlink() else None
    refused = refused or (safefiles.problem(root, meta) if meta.exists() or meta.is_symlink() else None)
    if refused is not None:
        return RegionSources(None, diagnostics=[Diagnostic(
            rel(meta, root) if refused.code != "FILE001" or not folder.is_symlink() else rel(folder, root),
            1, 1, refused.code, Severity.ERROR, refused.message, refused.hint)])
    if not meta.is_file():
        return RegionSources(None, diagnostics=[Diagnostic(
            rel(meta, root), 1, 1, "IO001", Severity.ERROR, f"no region '{region_id}' ({rel(meta, root)} is missing)",
            f"Check the id, or create it with: typ new-region {region_id}")])
    out = RegionSources(None)
    doc = load_checked(meta, root, ("region",))
    out.diagnostics.extend(doc.diagnostics)
    out.region = doc.data
    if doc.data is not None and doc.data["id"] != region_id:
        line, col = doc.data.val_pos["id"]
        out.diagnostics.append(Diagnostic(doc.path, line, col, "OVL005", Severity.ERROR,
                                          f"region id '{doc.data['id']}' differs from its folder '{region_id}'",
                                          "Make the id equal to the folder name."))
    pages = folder / "pages"
    # A repository's own hidden files (.gitlab-ci.yml, .pre-commit-config.yaml, .github/) are not overlays.
    found = yaml_files(root, folder, skip=(pages, folder / "schemas"), skip_hidden=repository is not None)
    out.diagnostics += found.diagnostics
    for path in found.files:
        if path == meta:
            continue
        doc = load_checked(path, root, ("overlay",))
        out.diagnostics.extend(doc.diagnostics)
        if doc.data is not None:
            out.overlays.append(doc.data)
    out.pages = handpages.load_pages(root, pages, REGION_PAGES)
    out.diagnostics += out.pages.diagnostics
    return out


def _clone(d: YDict) -> YDict:
    """A shallow copy that keeps every position (the national element stays untouched)."""
    new = YDict(d)
    new.file, new.pos, new.layer = d.file, d.pos, d.layer
    new.key_pos, new.val_pos = dict(d.key_pos), dict(d.val_pos)
    new.val_file, new.val_layer = dict(d.val_file), dict(d.val_layer)
    return new


def _clone_list(items: YList) -> YList:
    """A copy of a list that keeps its file and every item's position."""
    new = YList(items)
    new.file, new.pos, new.item_pos = items.file, items.pos, list(items.item_pos)
    return new


def _insert(items: list[Any], index: int, item: YDict) -> None:
    """Insert into a list, keeping a YList's item positions aligned with its items."""
    if isinstance(items, YList) and len(items.item_pos) == len(items):
        items.item_pos.insert(index, item.pos)
    items.insert(index, item)


def _pop(items: list[Any], index: int) -> Any:
    if isinstance(items, YList) and len(items.item_pos) == len(items):
        items.item_pos.pop(index)
    return items.pop(index)


def _set(target: YDict, key: str, value: Any, src: YDict, src_key: str) -> None:
    """Set target[key] = value, recording that the value comes from src[src_key] (a local file)."""
    target[key] = value
    target.key_pos[key] = src.key_pos.get(src_key, src.pos)
    target.val_pos[key] = src.val_pos.get(src_key, src.pos)
    target.val_file[key] = src.file
    target.val_layer[key] = LOCAL


def _flow_target(f: Any) -> str:
    return f if isinstance(f, str) else f["to"]


def _flows_at(items: list[Any], src: YDict, key: str) -> YList:
    """A list of flows a region caused: each points at the overlay line that caused it."""
    out = YList(items)
    out.file = src.file
    out.pos = src.val_pos.get(key, src.pos)
    out.item_pos = [out.pos] * len(out)
    return out


@cache
def item_fields(collection: str) -> frozenset[str]:
    """Field names an item of a collection can have, read from its schema."""
    schema_file, fields = {"steps": ("process", "stepFields"), "roles": ("roles", "roleFields"),
                           "organisations": ("roles", "organisationFields"),
                           "duties": ("calendar", "dutyFields")}.get(collection, (None, None))
    if schema_file is None:
        return frozenset()
    data = json.loads((SCHEMA_DIR / f"{schema_file}.schema.json").read_text("utf-8"))
    return frozenset(data["$defs"][fields]["properties"])


def _plain(value: Any) -> Any:
    """YAML data without positions (YDict/YList to dict/list), for the deviations page."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Merger:
    def __init__(self, raw: RawModel, local_fields: set[str]) -> None:
        self.raw = raw
        self.local_fields = local_fields
        self.diags: list[Diagnostic] = []
        self.deviations: list[Deviation] = []
        self.current_process: str | None = None

    # -------------------------------------------------------------- helpers
    def error(self, node: Any, key: Any, code: str, message: str, hint: str) -> None:
        file, line, col = origin_of(node, key)
        self.diags.append(Diagnostic(file, line, col, code, Severity.ERROR, message, hint))

    def record(self, collection: str, item_id: str, op: str, node: YDict, fields: tuple[str, ...] = (),
               depends_on: tuple[str, ...] = (), values: tuple[tuple[str, Any, Any], ...] = ()) -> None:
        file, line, col = origin_of(node)
        process = self.current_process if collection in ("steps", "raci") else None
        self.deviations.append(Deviation(collection, item_id, op, fields, text(node.get("reason")),
                                         Origin(file, line, col, LOCAL), depends_on, process, values))

    def items(self, overlay: YDict, collection: str) -> list[YDict] | None:
        if collection != "steps":
            return getattr(self.raw, collection)
        process = self.process(overlay)
        return None if process is None else process["steps"]

    def process(self, overlay: YDict) -> YDict | None:
        procs = self.raw.processes
        pid = overlay.get("process")
        if pid is None:
            if len(procs) == 1:
                return procs[0]
            self.error(overlay, None, "OVL001", "the overlay does not say which process it changes",
                       "Add 'process: <id>' to the overlay.")
            return None
        found = next((p for p in procs if p["id"] == pid), None)
        if found is None:
            self.error(overlay, "process", "OVL001", f"no national process '{pid}'",
                       f"Use one of: {', '.join(p['id'] for p in procs)}.")
        return found

    def find(self, items: list[YDict], item_id: str) -> int | None:
        return next((i for i, d in enumerate(items) if d["id"] == item_id), None)

    def missing(self, node: YDict, collection: str, item_id: str, items: list[YDict], key: str = "id") -> None:
        ids = sorted(d["id"] for d in items)
        close = difflib.get_close_matches(item_id, ids, n=1)
        hint = (f"Did you mean '{close[0]}'?" if close else
                f"Check the spelling (or whether this overlay removed it); known ids: {', '.join(ids)}.")
        self.error(node, key, "OVL001", f"{collection}: no item with id '{item_id}' to patch", hint)

    def locked(self, node: YDict, key: str, collection: str, target: YDict, what: str) -> bool:
        if not target.get("locked") or key in self.local_fields:
            return False
        laws = ", ".join(
            f"{lb['act']}" + (f" {lb['section']} §" if lb.get("section") else "")
            for lb in target.get("legal_basis") or ()) or "no legal basis recorded"
        fields = item_fields(collection)
        allowed = ", ".join(sorted(f for f in self.local_fields if not fields or f in fields)) or "nothing"
        self.error(node, key, "OVL002",
                   f"{collection} '{target['id']}' is locked nationally ({laws}); a region cannot {what}",
                   f"Remove this change; on a locked item a region may only set: {allowed}. "
                   "Ask the national steering group if the law allows a local variant.")
        return True

    # -------------------------------------------------------------- operations
    def add(self, overlay: YDict, collection: str, op: YDict) -> None:
        items = self.items(overlay, collection)
        if items is None:
            return
        if self.find(items, op["id"]) is not None:
            self.error(op, "id", "OVL003", f"{collection}: '{op['id']}' exists already",
                       "Use 'change' to modify an existing item, or pick a new id for a local one.")
            return
        placement = [k for k in ("after", "before") if k in op]
        if placement and collection != "steps":
            self.error(op, placement[0], "OVL008", f"'{placement[0]}' places steps only; {collection} have no order "
                       "that matters", f"Remove '{placement[0]}:'.")
            return
        if len(placement) == 2:
            self.error(op, "before", "OVL008", "give either 'after' or 'before', not both",
                       "Keep the one that says where the step goes.")
            return
        new = _clone(op)
        new.layer = LOCAL
        for k in CONTROL[1:]:
            new.pop(k, None)
        index = len(items)
        if collection == "steps":
            index = self._wire(op, new, items)
            if index is None:
                return
        _insert(items, index, new)
        anchors = tuple(op[k] for k in ("after", "before") if k in op)
        self.record(collection, op["id"], "add", op, depends_on=anchors)

    def _wire(self, op: YDict, new: YDict, steps: list[YDict]) -> int | None:
        """Place a new step after/before an existing one, taking over or redirecting its flows."""
        if "after" in op:
            i = self.find(steps, op["after"])
            if i is None:
                self.missing(op, "steps", op["after"], steps, "after")
                return None
            if steps[i].get("type") in ("decision", "end"):
                why = ("its labelled branches would be lost" if steps[i]["type"] == "decision"
                       else "nothing comes after an end")
                self.error(op, "after", "OVL006", f"cannot place a step after {steps[i]['type']} '{op['after']}': "
                           f"{why}", "Use 'before: <id>' with the step that should follow the new one.")
                return None
            anchor = _clone(steps[i])
            if "next" not in new:
                new["next"] = _flows_at(list(anchor.get("next") or []), op, "after")
            _set(anchor, "next", _flows_at([new["id"]], op, "after"), op, "after")
            steps[i] = anchor
            return i + 1
        if "before" in op:
            i = self.find(steps, op["before"])
            if i is None:
                self.missing(op, "steps", op["before"], steps, "before")
                return None
            if steps[i].get("type") == "start":
                self.error(op, "before", "OVL006", f"cannot place a step before start '{op['before']}': "
                           "the process begins there", "Use 'after: <start id>' instead.")
                return None
            for j, s in enumerate(steps):
                flows = s.get("next") or []
                if any(_flow_target(f) == op["before"] for f in flows):
                    redirected = _flows_at([
                        new["id"] if f == op["before"] else
                        ({**f, "to": new["id"]} if not isinstance(f, str) and f["to"] == op["before"] else f)
                        for f in flows], op, "before")
                    clone = _clone(s)
                    _set(clone, "next", redirected, op, "before")
                    steps[j] = clone
            if "next" not in new:
                new["next"] = _flows_at([op["before"]], op, "before")
            return i
        return len(steps)

    def change(self, overlay: YDict, collection: str, op: YDict) -> None:
        items = self.items(overlay, collection)
        if items is None:
            return
        i = self.find(items, op["id"])
        if i is None:
            self.missing(op, collection, op["id"], items)
            return
        target = _clone(items[i])
        fields = tuple(k for k in op if k not in CONTROL)
        moving = [k for k in ("after", "before") if k in op]
        if moving:
            self.error(op, moving[0], "OVL008", f"a change cannot move '{op['id']}'",
                       f"To move a step, remove it and add it again with '{moving[0]}:' (and its RACI row).")
            return
        if not fields:
            self.error(op, "id", "OVL004", f"{collection}: the change of '{op['id']}' sets no field",
                       "Add the fields to replace (e.g. note:, contacts:), or remove this entry.")
            return
        if any(self.locked(op, k, collection, target, f"change its '{k}'") for k in fields):
            return
        values = tuple((k, _plain(items[i].get(k)), _plain(op[k])) for k in fields)
        for k in fields:
            _set(target, k, op[k], op, k)
        items[i] = target
        self.record(collection, op["id"], "change", op, fields, values=values)

    def remove(self, overlay: YDict, collection: str, op: Any, parent: YList, index: int) -> None:
        items = self.items(overlay, collection)
        if items is None:
            return
        node = op if isinstance(op, YDict) else YDict({"id": op})
        if not isinstance(op, YDict):
            node.file, node.pos = parent.file, parent.item_pos[index]
            node.val_pos["id"] = node.pos
        i = self.find(items, node["id"])
        if i is None:
            self.missing(node, collection, node["id"], items)
            return
        if self.locked(node, "id", collection, items[i], "remove it"):
            return
        if collection == "steps" and items[i].get("type") == "start":
            self.error(node, "id", "OVL006", f"cannot remove the start step '{node['id']}'",
                       "Every process begins at its start; change the start's name or note instead.")
            return
        gone = _pop(items, i)
        if collection == "steps":
            self._bypass(gone, items, node)
            pid = self.process(overlay)["id"]
            self.raw.raci[:] = [(p, r) for p, r in self.raw.raci if not (p == pid and r["step"] == gone["id"])]
        self.record(collection, node["id"], "remove", node)

    def _bypass(self, gone: YDict, steps: list[YDict], op: YDict) -> None:
        """Flows into a removed step pass on to its successors, so the process stays connected."""
        successors = [f for f in gone.get("next") or [] if _flow_target(f) != gone["id"]]
        for j, s in enumerate(steps):
            flows = s.get("next") or []
            if not any(_flow_target(f) == gone["id"] for f in flows):
                continue
            rewired = _flows_at([], op, "id")
            for f in flows:
                if _flow_target(f) != gone["id"]:
                    rewired.append(f)
                    continue
                for succ in successors:
                    target = _flow_target(succ)
                    rewired.append(target if isinstance(f, str) else {**f, "to": target})
            rewired.item_pos = [rewired.pos] * len(rewired)
            clone = _clone(s)
            _set(clone, "next", rewired, op, "id")
            steps[j] = clone

    def check_removed_roles(self) -> None:
        """A removed role must not be left in RACI rows or duties: say where, at the removal."""
        for d in self.deviations:
            if d.collection != "roles" or d.op != "remove":
                continue
            rows = [r["step"] for _, r in self.raw.raci if d.id in r["roles"]]
            duties = [x["id"] for x in self.raw.duties
                      if x.get("responsible") == d.id or d.id in (x.get("participants") or ())]
            if rows or duties:
                used = ", ".join([*(f"RACI row '{r}'" for r in rows), *(f"duty '{x}'" for x in duties)])
                self.diags.append(Diagnostic(
                    d.origin.file, d.origin.line, d.origin.column, "OVL007", Severity.ERROR,
                    f"role '{d.id}' is removed but still used: {used}",
                    f"Reassign first: under raci: set: give the rows another role and '{d.id}: null'; "
                    "change the duties' responsible/participants."))

    def raci(self, overlay: YDict, cell_ops: YDict) -> None:
        process = self.process(overlay)
        if process is None:
            return
        for op in cell_ops.get("set", ()):
            step_id = op["step"]
            if not any(s["id"] == step_id for s in process["steps"]):
                self.missing(op, "raci", step_id, process["steps"], "step")
                continue
            index = next((i for i, (p, r) in enumerate(self.raw.raci)
                          if p == process["id"] and r["step"] == step_id), None)
            if index is None:
                row = YDict({"step": step_id, "roles": YDict()})
                row.file, row.pos, row.layer = op.file, op.pos, LOCAL
                row.val_pos = {"step": op.val_pos["step"], "roles": op.val_pos["roles"]}
                row["roles"].file, row["roles"].pos = op.file, op.val_pos["roles"]
                self.raw.raci.append((process["id"], row))
            else:
                old = self.raw.raci[index][1]
                row = _clone(old)
                row["roles"] = _clone(old["roles"])
                self.raw.raci[index] = (process["id"], row)
            cells: YDict = row["roles"]
            roles_op: YDict = op["roles"]
            values = tuple((role, cells.get(role), letter) for role, letter in roles_op.items())
            for role, letter in roles_op.items():
                if letter is None:
                    if role not in cells:
                        self.error(roles_op, role, "OVL001",
                                   f"raci: step '{step_id}' has no cell for role '{role}' to remove",
                                   f"Roles in this row: {', '.join(cells) or 'none'}.")
                        continue
                    del cells[role]
                else:
                    _set(cells, role, letter, roles_op, role)
            self.record("raci", step_id, "set", op, tuple(roles_op), values=values)


def apply(raw: RawModel, region: RegionSources, local_fields: set[str]) -> tuple[RawModel, list[Deviation],
                                                                                list[Diagnostic]]:
    """Return the merged raw model (the national one is left untouched), deviations and diagnostics."""
    merged = copy.copy(raw)
    merged.processes = [_clone(p) for p in raw.processes]
    for p in merged.processes:
        p["steps"] = _clone_list(p["steps"])
    for name in ("organisations", "roles", "duties", "terms", "raci", "criteria", "cases", "codelists", "indicators"):
        setattr(merged, name, list(getattr(raw, name)))
    m = _Merger(merged, local_fields)
    for overlay in region.overlays:
        single = [p["id"] for p in merged.processes] if len(merged.processes) == 1 else [None]
        m.current_process = overlay.get("process") or single[0]
        # Removals first, then changes, then additions: an overlay reads as a set of intentions,
        # and a step added 'after' a step that is also changed sees the change.
        for collection in COLLECTIONS:
            ops = overlay.get(collection) or {}
            removals = ops.get("remove") or YList()
            for i, op in enumerate(removals):
                m.remove(overlay, collection, op, removals, i)
            for op in ops.get("change") or ():
                m.change(overlay, collection, op)
            for op in ops.get("add") or ():
                m.add(overlay, collection, op)
        if "raci" in overlay:
            m.raci(overlay, overlay["raci"])
    m.check_removed_roles()
    return merged, m.deviations, m.diags
