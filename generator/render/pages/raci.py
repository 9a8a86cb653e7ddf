"""The RACI page: every responsibility of every process on one page."""

from __future__ import annotations

from ...i18n import tr
from ...model import Model
from ..context import SiteContext
from ..markdown import esc, link, table
from ..paths import raci_csv_path, raci_xlsx_path, rel, role_path, step_path
from ..vocabulary import LETTER_HELP
from .common import JOINT_LABEL, joint_words


def raci_page(model: Model, ctx: SiteContext) -> str:
    lang, here = ctx.lang, "raci.md"
    out = [f"# {tr('RACI-matriisi', lang)}", "",
           tr("Kuka tekee, kuka vastaa, ketä kuullaan ja kenelle tiedotetaan kussakin prosessin tehtävässä.", lang),
           "", f"## {tr('Merkinnät', lang)}", ""]
    out += [f"- **{k}** = {tr(v, lang)}" for k, v in LETTER_HELP.items()]
    out += [f"- **RA** = {tr('tekee ja vastaa itse.', lang)}", ""]
    out += [tr("Tehtävästä vastaa yleensä yksi rooli. Kun laki tekee tehtävästä osapuolten yhteisen tai "
               "säätää, että kukin vastaa omista palveluistaan, vastaajia on useampi; se kerrotaan vaiheen "
               "kohdalla sanoin.", lang), ""]
    for proc in model.processes:
        roles = [r for r in model.roles if any(r.id in row.cells for row in model.raci if row.process == proc.id)]
        out += [f"## {esc(proc.name, lang)}", "",
                f"[{tr('Lataa CSV-tiedostona (Excel)', lang)}]({raci_csv_path(proc)}){{: download }} · "
                f"[{tr('Lataa Excel-työkirjana (muokattava, XLSX)', lang)}]({raci_xlsx_path(proc)}){{: download }}", ""]
        header = [tr("Vaihe", lang)] + [link(esc(r.name, lang), rel(here, role_path(r))) for r in roles]
        rows = []
        for s in proc.steps:
            row = model.raci_row(proc.id, s.id)
            if row is None:
                continue
            cells = []
            for r in roles:
                v = row.cells.get(r.id, "")
                cells.append(f"**{v}**" + ("\\*" if v and row.at(r.id).local else "") if v else "")
            joint = f" ({tr(JOINT_LABEL[row.joint.kind], lang).lower()})" if row.joint else ""
            rows.append([link(esc(s.name, lang), rel(here, step_path(proc, s))) + joint] + cells)
        out += [table(header, rows), ""]
        if model.region:
            out += ["\\* = " + tr("paikallisesti asetettu vastuu.", lang), ""]
        out += [f"### {tr('Vaiheittain', lang)}", ""]
        for s in proc.steps:
            row = model.raci_row(proc.id, s.id)
            if row is None:
                continue
            parts = []
            for letter in ("A", "R", "C", "I"):
                names = [esc(model.role(r).name, lang) for r in row.roles_with(letter) if model.role(r)]
                if names:
                    parts.append(f"{letter}: {', '.join(names)}")
            out.append(f"- {link(esc(s.name, lang), rel(here, step_path(proc, s)))} – {'; '.join(parts)}")
            if row.joint is not None:
                out.append(f"    - {joint_words(model, row, lang)}")
        out.append("")
    return "\n".join(out) + "\n"
