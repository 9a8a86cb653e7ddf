"""The quarterly statistics review template, generated from the indicators: CSV and an Excel workbook
(XlsxWriter) with one row per indicator (a distribution: one row per code value) and, per quarter, the
numerator, the denominator and the result, which the workbook computes."""

from __future__ import annotations

import csv
import io

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from ..i18n import tr
from ..model import Indicator, Model
from .pages.indicators import frequency_words, measure_words, population_words, record_name
from .tables import _cell
from .xlsx import FIXED_TIME

QUARTERS = (1, 2, 3, 4)


def _plain(model: Model):
    return lambda record_id, lang: record_name(model, record_id, lang)


def rows(model: Model, lang: str) -> list[tuple[Indicator, str, str]]:
    """(indicator, code value name or '', how it is computed in words), one per row of the template."""
    name = _plain(model)
    out = []
    for ind in model.indicators:
        how = measure_words(ind, name, lang)
        if ind.numerator:
            how += ". " + tr("Osoittaja", lang) + ": " + population_words(model, ind.numerator, name, lang)
        if ind.denominator:
            how += ". " + tr("Nimittäjä", lang) + ": " + population_words(model, ind.denominator, name, lang)
        if ind.measure == "distribution" and ind.by:
            found = model.record(ind.by)
            cl = model.codelist(found[2].codelist) if found and found[2].codelist else None
            values = [v for v in cl.values if not v.avoid] if cl else []
            out += [(ind, v.name.get(lang), how) for v in values] or [(ind, "", how)]
        else:
            out.append((ind, "", how))
    return out


def header(lang: str) -> list[str]:
    cols = [tr(h, lang) for h in ("tunnus", "tunnusluku", "arvo", "laskentatapa", "tiheys")]
    for q in QUARTERS:
        cols += [f"Q{q} {tr(h, lang)}" for h in ("osoittaja", "nimittäjä", "tulos")]
    return cols


def stats_csv(model: Model, lang: str = "fi") -> str:
    """Semicolons and a BOM, as Finnish offices open CSV; the results are left for the reviewer."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(header(lang))
    for ind, value, how in rows(model, lang):
        w.writerow([ind.id, _cell(ind.name.get(lang)), _cell(value), _cell(how), frequency_words(ind, lang)]
                   + [""] * (3 * len(QUARTERS)))
    return "\ufeff" + buf.getvalue()


def stats_xlsx(model: Model, lang: str = "fi") -> bytes:
    """The same table as a workbook: the result cells are formulas (a share as a percentage)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"title": tr("Tilastokatsaus", lang), "created": FIXED_TIME})
    bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    pct = wb.add_format({"num_format": "0.0 %", "valign": "top"})
    num = wb.add_format({"num_format": "0", "valign": "top"})
    ws = wb.add_worksheet(tr("Tilastokatsaus", lang)[:31])
    cols = header(lang)
    ws.write_row(0, 0, cols, bold)
    ws.freeze_panes(1, 3)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 2, 30)
    ws.set_column(3, 3, 60)
    ws.set_column(4, 4, 16)
    ws.set_column(5, 4 + 3 * len(QUARTERS), 12)
    for i, (ind, value, how) in enumerate(rows(model, lang), start=1):
        ws.write_string(i, 0, ind.id, wrap)
        ws.write_string(i, 1, ind.name.get(lang), wrap)
        ws.write_string(i, 2, value, wrap)
        ws.write_string(i, 3, how, wrap)
        ws.write_string(i, 4, frequency_words(ind, lang), wrap)
        for q in range(len(QUARTERS)):
            c = 5 + 3 * q
            n = xl_rowcol_to_cell(i, c)
            d = xl_rowcol_to_cell(i, c + 1)
            if ind.measure in ("share", "distribution"):
                ws.write_formula(i, c + 2, f'=IF(AND(ISNUMBER({n}),ISNUMBER({d}),{d}>0),{n}/{d},"")', pct, "")
            else:  # a count, or a median in days: the result is the figure itself
                ws.write_formula(i, c + 2, f'=IF(ISNUMBER({n}),{n},"")', num, "")
    wb.close()
    return buf.getvalue()
