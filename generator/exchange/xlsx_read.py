"""Read a workbook written by render/xlsx.py back into ids and letters, with every problem named by sheet!cell.

openpyxl reads it (XlsxWriter cannot read). It warns that it drops Excel's data-validation extension;
that is harmless here because the dropdowns are written anew on every export and the letters are checked
on import, so the warning is silenced.
"""

from __future__ import annotations

import json
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..render.xlsx import FIRST_COL, FIRST_ROW, FORMAT, LETTERS, META_SHEET

MAX_BYTES = 20 * 2**20  # an exported RACI is kilobytes; a huge file is not one (nor worth unzipping)


class BadWorkbook(Exception):
    """Not a workbook typ can read (not xlsx, missing sheets, not an export of typ): exit 2."""


@dataclass
class Sheet:
    name: str
    process: str
    cells: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (step, role) -> (letter, ref)
    step_refs: dict[str, str] = field(default_factory=dict)  # step id -> its cell, e.g. RACI!A5
    role_refs: dict[str, str] = field(default_factory=dict)


@dataclass
class Book:
    meta: dict[str, str]
    sheets: list[Sheet]
    base: dict[str, dict[str, dict[str, str]]]  # process -> step -> role -> letter, as exported
    errors: list[str] = field(default_factory=list)


def ref(sheet: str, row: int, col: int) -> str:
    """Excel's name of a cell (1-based row and column), with the sheet quoted the way Excel does."""
    letters, n = "", col
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    shown = sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"
    return f"{shown}!{letters}{row}"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_workbook(path: Path) -> Book:
    if not path.is_file():
        raise BadWorkbook(f"{path}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise BadWorkbook(f"{path} is larger than {MAX_BYTES // 2**20} MiB: not a RACI workbook of typ")
    try:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, data_only=True)
    except zipfile.BadZipFile:
        raise BadWorkbook(f"{path} is not an Excel workbook (.xlsx): it is not a zip archive; save it in "
                          "Excel as 'Excel Workbook (*.xlsx)'") from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file; none is a typ bug
        raise BadWorkbook(f"{path} cannot be read as an Excel workbook (.xlsx) ({type(exc).__name__}); save it "
                          "in Excel as 'Excel Workbook (*.xlsx)'") from None
    if META_SHEET not in wb.sheetnames:
        raise BadWorkbook(f"{path} has no sheet '{META_SHEET}': only a workbook written by "
                          "'typ export xlsx' can be imported (export one and edit that)")
    meta: dict[str, str] = {}
    for row in wb[META_SHEET].iter_rows(min_col=1, max_col=2, values_only=True):
        if row and row[0] is not None:
            meta[_text(row[0])] = "" if row[1] is None else str(row[1])
    if meta.get("format") != FORMAT:
        raise BadWorkbook(f"{path}: sheet '{META_SHEET}' is not from 'typ export xlsx' "
                          f"(format {meta.get('format')!r}, expected {FORMAT!r})")
    base: dict[str, dict[str, dict[str, str]]] = {}
    try:
        for key, value in meta.items():
            if key.startswith("cells/"):
                _, process, step = key.split("/", 2)
                base.setdefault(process, {})[step] = dict(json.loads(value))
    except (ValueError, TypeError) as exc:
        raise BadWorkbook(f"{path}: sheet '{META_SHEET}' is damaged ({exc}); export the workbook again") from None
    sheets, errors = [], []
    for key, name in meta.items():
        if not key.startswith("sheet/"):
            continue
        if name not in wb.sheetnames:
            raise BadWorkbook(f"{path} has no sheet '{name}' (the RACI of process '{key[6:]}'); "
                              "do not rename or delete the RACI sheets")
        sheet = Sheet(name, key[6:])
        errors += _read_sheet(wb[name], sheet)
        sheets.append(sheet)
    return Book(meta, sheets, base, errors)


def _read_sheet(ws, sheet: Sheet) -> list[str]:
    """Ids from row 1 and column A, letters from C3 on. Duplicates and bad letters are errors here;
    whether an id exists in the model is checked against the model later."""
    errors: list[str] = []
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    width = max((len(r) for r in grid), default=0)
    header = grid[0] if grid else []
    roles: dict[int, str] = {}
    for c in range(FIRST_COL, width):
        rid = _text(header[c]) if c < len(header) else ""
        where = ref(sheet.name, 1, c + 1)
        column_used = any(c < len(r) and _text(r[c]) for r in grid[FIRST_ROW:])
        if not rid:
            if column_used:
                errors.append(f"{where}: the column has letters but no role id in row 1")
            continue
        if rid in sheet.role_refs:
            errors.append(f"{where}: role '{rid}' appears twice (also {sheet.role_refs[rid]})")
            continue
        sheet.role_refs[rid] = where
        roles[c] = rid
    if not roles:
        errors.append(f"{ref(sheet.name, 1, FIRST_COL + 1)}: no role ids in row 1; keep the id row as exported")
    for r in range(FIRST_ROW, len(grid)):
        row = grid[r]
        sid = _text(row[0]) if row else ""
        letters = {c: _text(row[c]) if c < len(row) else "" for c in roles}
        where = ref(sheet.name, r + 1, 1)
        if not sid:
            if any(letters.values()):
                errors.append(f"{where}: the row has letters but no step id in column A")
            continue
        if sid in sheet.step_refs:
            errors.append(f"{where}: step '{sid}' appears twice (also {sheet.step_refs[sid]})")
            continue
        sheet.step_refs[sid] = where
        for c, rid in roles.items():
            value = letters[c].upper()
            cell = ref(sheet.name, r + 1, c + 1)
            if value not in ("", *LETTERS):
                errors.append(f"{cell}: '{letters[c]}' is not a RACI letter; use R, A, C, I, RA or leave it empty")
                continue
            sheet.cells[(sid, rid)] = (value, cell)
    return errors
