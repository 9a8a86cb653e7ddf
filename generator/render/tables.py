"""Spreadsheet downloads: the RACI matrix as CSV."""

from __future__ import annotations

import csv
import io

from ..i18n import tr
from ..model import Model, Process


def _cell(value: str) -> str:
    """A spreadsheet would run text starting with = + - @ as a formula: make it plain text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def raci_csv(model: Model, proc: Process, lang: str = "fi") -> str:
    """The matrix for Excel as Finnish offices have it: semicolons, and a BOM so it reads UTF-8."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([tr("vaihe_id", lang), tr("vaihe", lang), *(_cell(r.name.get(lang)) for r in model.roles)])
    for s in proc.steps:
        row = model.raci_row(proc.id, s.id)
        if row is not None:
            w.writerow([s.id, _cell(s.name.get(lang)), *(row.cells.get(r.id, "") for r in model.roles)])
    return "\ufeff" + buf.getvalue()
