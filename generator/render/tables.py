"""Spreadsheet downloads: the RACI matrix and the client-story survey template as CSV."""

from __future__ import annotations

import csv
import io

from ..i18n import tr
from ..model import Model, Process
from .vocabulary import VERSION_WORDS


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


def survey_csv(model: Model, lang: str = "fi") -> str:
    """The validation survey as a question table (one row a question), for Excel and form tools:
    semicolons and a BOM as Finnish offices open CSV, choices separated by ';' inside their cell."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([tr(h, lang) for h in ("kysymys_id", "kysymys", "tyyppi", "vaihtoehdot", "pakollinen")])
    w.writerow(["tausta", tr("Organisaatiosi ja roolisi", lang), tr("teksti", lang), "", tr("ei", lang)])
    for case in sorted(model.cases, key=lambda c: (c.story or 0, c.id)):
        title = tr("Tarina {n}", lang).format(n=case.story) if case.story else case.id
        version = tr(VERSION_WORDS[case.version], lang).lower()
        question = tr("{title}: {person}, {age} v, {version}. Oletko samaa mieltä?", lang).format(
            title=title, person=case.person, age=case.age or "", version=version)
        factors = " / ".join(f.text.get(lang) for f in case.factors)
        w.writerow([f"{case.id}", _cell(f"{question} ({factors})"), tr("valinta", lang),
                    tr("Samaa mieltä;Osittain samaa mieltä;Eri mieltä;En osaa sanoa", lang), tr("kyllä", lang)])
        w.writerow([f"{case.id}-perustelu", _cell(tr("Perustele tai kerro, mikä tekijä ratkaisee ({title})",
                                                   lang).format(title=title)), tr("teksti", lang), "", tr("ei", lang)])
    return "\ufeff" + buf.getvalue()


def records_csv(model: Model, lang: str = "fi") -> str:
    """Every record of the model (the recording guide as a table), mandatory first within each process."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([tr(h, lang) for h in ("prosessi", "vaihe", "kirjaus_id", "mitä kirjataan", "pakollinen", "tyyppi",
                                      "koodisto", "järjestelmä", "kenttä", "kuka kirjaa", "milloin", "paikallinen")])
    for p in model.processes:
        recs = [(s, r) for s in p.steps for r in s.records]
        for s, r in sorted(recs, key=lambda sr: 0 if sr[1].mandatory else 1):
            mandatory = (tr("ehdotus", lang) if r.proposed else tr("kyllä", lang)) if r.mandatory else tr("ei", lang)
            roles = ", ".join(model.role(x).name.get(lang) if model.role(x) else x for x in r.roles)
            w.writerow([p.id, _cell(s.name.get(lang)), r.id or "", _cell(r.what.get(lang)), mandatory, r.type or "",
                        r.codelist or "", _cell(r.system.get(lang)) if r.system else "",
                        _cell(r.system_field.get(lang)) if r.system_field else "", _cell(roles),
                        _cell(r.when.get(lang)) if r.when else "", tr("kyllä", lang) if r.origin.local else ""])
    return "\ufeff" + buf.getvalue()
