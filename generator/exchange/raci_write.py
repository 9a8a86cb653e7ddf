"""Turn RACI cell edits into new texts of the model's YAML files, touching only the edited cells.

Nationally a cell lives in the RACI file's `rows:`; for a region it lives in the overlay's `raci: set:`,
and the edit keeps the overlay minimal: a cell set back to the national letter loses its override line
(and an override left with no cells is removed with its reason), a national cell emptied becomes `null`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..load.sources import RawModel
from ..load.yaml import YDict, YList
from .yaml_edit import EditError, TextFile, item_span, set_entry


@dataclass(frozen=True)
class CellEdit:
    process: str
    step: str
    role: str
    new: str  # '' = no letter
    ref: str  # where in the workbook, e.g. RACI!F7


class Files:
    """The model's files being edited, read once (as text, so positions match the loader's)."""

    def __init__(self, root: Path) -> None:
        self.root, self.open = root, {}

    def __getitem__(self, rel: str) -> TextFile:
        if rel not in self.open:
            self.open[rel] = TextFile(rel, (self.root / rel).read_bytes().decode("utf-8"))
        return self.open[rel]

    def changed(self) -> dict[str, str]:
        out = {}
        for rel, f in self.open.items():
            new = f.result()
            if new != f.text:
                out[rel] = new
        return out


def _rows_text(dash: int, roles_key: int, cell: int, step: str, cells: Iterable[tuple[str, str]]) -> list[str]:
    out = [" " * (dash - 1) + f"- step: {step}", " " * (roles_key - 1) + "roles:"]
    return out + [" " * (cell - 1) + f"{role}: {letter}" for role, letter in cells]


def _style(row: YDict) -> tuple[int, int]:
    """(column of `roles:`, column of its entries) in an existing row or override."""
    cells, (line, col) = row["roles"], row.key_pos["roles"]
    first = next(iter(cells), None)
    block = first is not None and cells.key_pos[first][0] != line  # not `roles: {a: R}`
    return col, cells.key_pos[first][1] if block else col + 2


def national(root: Path, raw: RawModel, steps_order: dict[str, list[str]], edits: list[CellEdit]) -> dict[str, str]:
    """New texts of the national RACI files."""
    files = Files(root)
    rows = {(p, r["step"]): r for p, r in raw.raci}
    new_rows: dict[tuple[str, str], list[tuple[str, str]]] = {}
    left: dict[tuple[str, str], set[str]] = {}
    for e in edits:
        row = rows.get((e.process, e.step))
        if row is None:
            if e.new:
                new_rows.setdefault((e.process, e.step), []).append((e.role, e.new))
            continue
        set_entry(files[row.file], row, "roles", e.role, e.new or None)
        roles = left.setdefault((e.process, e.step), set(row["roles"]))
        (roles.add if e.new else roles.discard)(e.role)
        if not roles:
            raise EditError(f"{e.ref}: step '{e.step}' would have no roles left; remove its row from "
                            f"{row.file} by hand if that is meant")
    for (process, step), cells in new_rows.items():
        mine = [r for p, r in raw.raci if p == process]
        if not mine:
            raise EditError(f"step '{step}': process '{process}' has no RACI file to add the row to")
        order = steps_order[process]
        before = [r for r in mine if r["step"] in order and order.index(r["step"]) < order.index(step)]
        anchor = before[-1] if before else mine[0]
        f = files[anchor.file]
        first, last, dash = item_span(f, anchor.pos)
        roles_key, cell = _style(anchor)
        text = _rows_text(dash, roles_key, cell, step, cells)
        if before:
            f.insert_after(last, ["", *text])
        else:
            f.insert_after(first - 1, [*text, ""])
    return files.changed()


def _overlay_process(doc: YDict, processes: list[str]) -> str | None:
    return doc.get("process") or (processes[0] if len(processes) == 1 else None)


def regional(root: Path, overlays: list[YDict], national_cells: dict[tuple[str, str], dict[str, str]],
             processes: list[str], edits: list[CellEdit]) -> tuple[dict[str, str], list[str]]:
    """New texts of the region's overlay files, and the files that got new overrides (they need a reason)."""
    files = Files(root)
    ops: dict[tuple[str, str], list[YDict]] = {}  # (process, step) -> its overrides in the order applied
    for doc in overlays:
        p = _overlay_process(doc, processes)
        for op in (doc.get("raci") or {}).get("set") or ():
            ops.setdefault((p, op["step"]), []).append(op)
    removed_entries: dict[int, set[str]] = {}  # id(op) -> roles whose lines are deleted
    grown: set[int] = set()  # id(op) of overrides that get a new line
    new_ops: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for e in edits:
        mine = ops.get((e.process, e.step), [])
        setters = [op for op in mine if e.role in op["roles"]]
        if setters:
            last = setters[-1]
            prior = setters[-2]["roles"][e.role] if len(setters) > 1 else \
                national_cells.get((e.process, e.step), {}).get(e.role)
            if e.new == (prior or ""):
                set_entry(files[last.file], last, "roles", e.role, None)  # no longer a deviation
                removed_entries.setdefault(id(last), set()).add(e.role)
            else:
                set_entry(files[last.file], last, "roles", e.role, e.new or "null")
        elif mine:
            set_entry(files[mine[-1].file], mine[-1], "roles", e.role, e.new or "null")
            grown.add(id(mine[-1]))
        else:
            new_ops.setdefault((e.process, e.step), []).append((e.role, e.new or "null"))
    for op_list in ops.values():
        for op in op_list:
            gone = removed_entries.get(id(op), set())
            if gone and set(op["roles"]) <= gone and id(op) not in grown:
                # Nothing left to override: drop the whole item (its reason explained the deviation).
                f = files[op.file]
                first, last, _ = item_span(f, op.pos)
                f.delete_item(first, last)
    touched = []
    for (process, step), cells in new_ops.items():
        docs = [d for d in overlays if _overlay_process(d, processes) == process]
        if not docs:
            raise EditError(f"the region has no overlay file for process '{process}'; create one with "
                            f"'kind: overlay' and 'process: {process}' first")
        with_raci = [d for d in docs if (d.get("raci") or {}).get("set")]
        if with_raci:
            doc = with_raci[-1]
            items: YList = doc["raci"]["set"]
            f = files[doc.file]
            _, last, dash = item_span(f, items.item_pos[-1])
            roles_key, cell = _style(items[-1])
            f.insert_after(last, ["", *_rows_text(dash, roles_key, cell, step, cells)])
        else:
            doc = docs[-1]
            if "raci" in doc:
                raise EditError(f"{doc.file}:{doc.key_pos['raci'][0]}: 'raci:' has no 'set:' list to add to")
            f = files[doc.file]
            f.insert_after(len(f.lines), ["", "raci:", "  set:", *_rows_text(5, 7, 9, step, cells)])
        touched.append(doc.file)
    return files.changed(), sorted(set(touched))
