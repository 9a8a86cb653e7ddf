"""The RACI matrix as an Excel workbook that `typ import xlsx` can read back (a pure function: model -> bytes).

Layout of a RACI sheet (what the importer relies on; see exchange/xlsx_import.py):
  row 1: role ids from column C on (frozen), row 2: role names; column A: step ids from row 3 on (frozen),
  column B: step names; the letters are in C3 onwards, restricted to R, A, C, I, RA by a dropdown.
A hidden `_meta` sheet records the model version, source revision, region, language, a hash of the
exported matrix and the exported letters themselves, so an import applies only what the user changed.

XlsxWriter writes the bytes: with fixed document properties the same model gives the same file.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import xlsxwriter

from ..i18n import tr
from ..model import Model, Process

FORMAT = "typ-raci-xlsx/1"
META_SHEET = "_meta"
LETTERS = ("R", "A", "C", "I", "RA")
FIRST_ROW, FIRST_COL = 2, 2  # 0-based: the letters start at C3
# A fixed creation time (not the clock): the workbook must be byte-identical for the same model.
FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})

# The workbook's words: Finnish msgids of the interface catalogue (generator/i18n), so each has one
# Swedish translation, the handbook's own (C is "konsulteras", as on the RACI page).
_LABELS: dict[str, str | tuple[str, ...]] = {
    "role_ids": "Roolin tunnus →", "step_ids": "Vaiheen tunnus ↓", "corner": "Vaihe \\ rooli",
    "legend": "Ohje", "roles": "Roolit", "raci": "RACI",
    "title": "RACI-matriisi: {model}",
    "intro": "Kuka tekee, kuka vastaa, ketä kuullaan ja kenelle tiedotetaan kussakin prosessin tehtävässä.",
    "letters": "Merkinnät", "letter": "Kirjain", "meaning": "Merkitys",
    "R": "Responsible: tekee työn.",
    "A": "Accountable: vastaa siitä, että työ tehdään; yksi rooli tehtävää kohden.",
    "C": "Consulted: häntä kuullaan ennen päätöstä.",
    "I": "Informed: hänelle kerrotaan lopputulos.",
    "RA": "tekee ja vastaa itse.",
    "empty": "(tyhjä) ei tehtävää tässä vaiheessa.",
    "howto": "Näin muokkaat",
    "howto_lines": (
        "Valitse kirjain solun pudotusvalikosta tai poista se; muuta vain kirjaimia.",
        "Älä muuta tunnuksia (sarake A ja rivi 1) äläkä piilotettua _meta-välilehteä: tuonti tunnistaa "
        "vaiheet ja roolit niistä.",
        "Jokaisessa tehtävässä on yksi A (tai RA) ja vähintään yksi R (tai RA).",
        "Palauta tiedosto mallin ylläpitäjälle. Hän tuo muutokset malliin komennolla: "
        "typ import xlsx TIEDOSTO{region}",
    ),
    "about": "Tiedoston tiedot", "version": "Mallin versio", "revision": "Lähdeversio (git)",
    "region": "Alue", "national": "kansallinen malli", "process": "Prosessi",
    "role_id": "Roolin tunnus", "role": "Rooli", "org_id": "Organisaation tunnus", "org": "Organisaatio",
    "statutory": "Lakisääteinen", "local": "Paikallinen", "yes": "kyllä", "no": "ei",
    "dv_title": "RACI", "dv_input": "R, A, C, I, RA tai tyhjä",
    "dv_error": "Kirjain on R, A, C, I tai RA; jätä solu tyhjäksi, jos roolilla ei ole tehtävää.",
}
LANGUAGES = ("fi", "sv")


def labels(lang: str) -> dict[str, str | tuple[str, ...]]:
    """The workbook's words in `lang`, from the interface catalogue."""
    return {k: tuple(tr(x, lang) for x in v) if isinstance(v, tuple) else tr(v, lang) for k, v in _LABELS.items()}


@dataclass(frozen=True)
class Matrix:
    """What one RACI sheet shows: the rows, the columns and the letters (step id -> role id -> letter)."""

    process: Process
    steps: tuple[str, ...]
    roles: tuple[str, ...]
    cells: dict[str, dict[str, str]]


def matrix(model: Model, proc: Process) -> Matrix:
    """Rows are the tasks and any other step that has a row; columns are all roles, in model order."""
    steps = tuple(s.id for s in proc.steps if s.type == "task" or model.raci_row(proc.id, s.id) is not None)
    cells = {}
    for sid in steps:
        row = model.raci_row(proc.id, sid)
        cells[sid] = dict(row.cells) if row is not None else {}
    return Matrix(proc, steps, tuple(r.id for r in model.roles), cells)


def content_hash(matrices: Sequence[Matrix], region: str | None) -> str:
    """A fingerprint of the exported letters: an import compares it with the model as it is now."""
    data = {"region": region or "", "processes": {m.process.id: {s: dict(sorted(m.cells[s].items()))
                                                                  for s in m.steps} for m in matrices}}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def sheet_names(model: Model, processes: Sequence[Process], lang: str) -> list[str]:
    """'RACI' for a single process; otherwise the process names (Excel: at most 31 characters, unique)."""
    if len(processes) == 1:
        return [labels(lang)["raci"]]
    names: list[str] = []
    for p in processes:
        base = p.name.get(lang).translate(_BAD_SHEET_CHARS).strip("' ")[:31] or p.id[:31]
        name, n = base, 2
        while name.lower() in {x.lower() for x in names} or name.lower() in _reserved(lang):
            name, n = f"{base[:28]} {n}", n + 1
        names.append(name)
    return names


def _reserved(lang: str) -> set[str]:
    return {labels(lang)["legend"].lower(), labels(lang)["roles"].lower(), META_SHEET}


def render_xlsx(model: Model, processes: Sequence[Process] | None = None, lang: str = "fi",
                revision: str = "") -> bytes:
    """The workbook: one RACI sheet per process, a legend, the roles and the hidden _meta sheet."""
    lang = lang if lang in LANGUAGES else "fi"
    t = labels(lang)
    processes = list(model.processes if processes is None else processes)
    matrices = [matrix(model, p) for p in processes]
    names = sheet_names(model, processes, lang)
    region = model.region.id if model.region else None
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": t["title"].format(model=model.project.name.get(lang)), "author": "typ",
                       "created": FIXED_TIME, "comments": FORMAT})
    f = _formats(wb)
    for m, name in zip(matrices, names, strict=True):
        _raci_sheet(wb, f, model, m, name, lang)
    _legend_sheet(wb, f, model, lang, revision)
    _roles_sheet(wb, f, model, lang)
    meta = wb.add_worksheet(META_SHEET)
    rows: list[tuple[str, str]] = [
        ("format", FORMAT), ("model", model.project.id), ("model_version", model.project.version),
        ("revision", revision), ("region", region or ""), ("language", lang),
        ("content_hash", content_hash(matrices, region))]
    rows += [(f"sheet/{m.process.id}", name) for m, name in zip(matrices, names, strict=True)]
    # The letters as exported, one step a row: the import applies only cells that differ from these.
    rows += [(f"cells/{m.process.id}/{s}", json.dumps(dict(sorted(m.cells[s].items())), ensure_ascii=False))
             for m in matrices for s in m.steps]
    for i, (k, v) in enumerate(rows):
        meta.write_string(i, 0, k)
        meta.write_string(i, 1, v)
    meta.hide()
    wb.close()
    return buf.getvalue()


def _formats(wb: xlsxwriter.Workbook) -> dict:
    grey = "#5f6368"
    return {
        "id": wb.add_format({"font_color": grey, "font_size": 9, "bg_color": "#f1f3f4", "border": 1}),
        "name": wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#e8eaed",
                               "border": 1}),
        "step": wb.add_format({"text_wrap": True, "valign": "vcenter", "border": 1}),
        "cell": wb.add_format({"align": "center", "valign": "vcenter", "border": 1, "bold": True}),
        "corner": wb.add_format({"italic": True, "font_color": grey, "bg_color": "#f1f3f4", "border": 1}),
        "accountable": wb.add_format({"bg_color": "#fde7c8"}),
        "responsible": wb.add_format({"bg_color": "#d9ead3"}),
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "heading": wb.add_format({"bold": True, "font_size": 11, "bottom": 1}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "bold": wb.add_format({"bold": True, "valign": "top"}),
    }


def _raci_sheet(wb, f, model: Model, m: Matrix, name: str, lang: str) -> None:
    t = labels(lang)
    ws = wb.add_worksheet(name)
    ws.write_string(0, 0, "", f["corner"])
    ws.write_string(0, 1, t["role_ids"], f["corner"])
    ws.write_string(1, 0, t["step_ids"], f["corner"])
    ws.write_string(1, 1, t["corner"], f["corner"])
    for j, rid in enumerate(m.roles):
        role = model.role(rid)
        ws.write_string(0, FIRST_COL + j, rid, f["id"])
        ws.write_string(1, FIRST_COL + j, role.name.get(lang) if role else rid, f["name"])
    steps = {s.id: s for s in m.process.steps}
    for i, sid in enumerate(m.steps):
        r = FIRST_ROW + i
        ws.write_string(r, 0, sid, f["id"])
        ws.write_string(r, 1, steps[sid].name.get(lang), f["step"])
        for j, rid in enumerate(m.roles):
            ws.write_string(r, FIRST_COL + j, m.cells[sid].get(rid, ""), f["cell"])
    last_row, last_col = FIRST_ROW + max(len(m.steps), 1) - 1, FIRST_COL + max(len(m.roles), 1) - 1
    ws.data_validation(FIRST_ROW, FIRST_COL, last_row, last_col, {
        "validate": "list", "source": list(LETTERS), "ignore_blank": True,
        "input_title": t["dv_title"], "input_message": t["dv_input"],
        "error_title": t["dv_title"], "error_message": t["dv_error"], "error_type": "stop"})
    for criteria, fmt in ((("A", "RA"), "accountable"), (("R",), "responsible")):
        for value in criteria:
            ws.conditional_format(FIRST_ROW, FIRST_COL, last_row, last_col, {
                "type": "cell", "criteria": "==", "value": f'"{value}"', "format": f[fmt]})
    ws.freeze_panes(FIRST_ROW, FIRST_COL)
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 42)
    ws.set_column(FIRST_COL, last_col, 14)
    ws.set_row(1, 48)


def _legend_sheet(wb, f, model: Model, lang: str, revision: str) -> None:
    t = labels(lang)
    ws = wb.add_worksheet(t["legend"])
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 90)
    ws.write_string(0, 0, t["title"].format(model=model.project.name.get(lang)), f["title"])
    ws.write_string(1, 0, t["intro"])
    r = 3
    ws.write_string(r, 0, t["letters"], f["heading"])
    r += 1
    ws.write_string(r, 0, t["letter"], f["bold"])
    ws.write_string(r, 1, t["meaning"], f["bold"])
    for letter in LETTERS:
        r += 1
        ws.write_string(r, 0, letter, f["bold"])
        ws.write_string(r, 1, t[letter], f["wrap"])
    r += 1
    ws.write_string(r, 1, t["empty"], f["wrap"])
    r += 2
    ws.write_string(r, 0, t["howto"], f["heading"])
    region = f" --region {model.region.id}" if model.region else ""
    for i, line in enumerate(t["howto_lines"], start=1):
        r += 1
        ws.write_string(r, 0, f"{i}.", f["bold"])
        ws.write_string(r, 1, line.format(region=region), f["wrap"])
    r += 2
    ws.write_string(r, 0, t["about"], f["heading"])
    about = [(t["version"], model.project.version), (t["revision"], revision or "-"),
             (t["region"], model.region.name.get(lang) if model.region else t["national"])]
    for k, v in about:
        r += 1
        ws.write_string(r, 0, k, f["bold"])
        ws.write_string(r, 1, v, f["wrap"])


def _roles_sheet(wb, f, model: Model, lang: str) -> None:
    t = labels(lang)
    ws = wb.add_worksheet(t["roles"])
    head = [t["role_id"], t["role"], t["org_id"], t["org"], t["statutory"], t["local"]]
    for j, h in enumerate(head):
        ws.write_string(0, j, h, f["name"])
    for i, role in enumerate(model.roles, start=1):
        org = model.organisation(role.organisation)
        values = [role.id, role.name.get(lang), role.organisation, org.name.get(lang) if org else "",
                  t["yes"] if role.statutory else t["no"], t["yes"] if role.local else t["no"]]
        for j, v in enumerate(values):
            ws.write_string(i, j, v, f["id"] if j in (0, 2) else f["wrap"])
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(model.roles), len(head) - 1)
    for j, width in enumerate((22, 34, 22, 30, 14, 12)):
        ws.set_column(j, j, width)
