"""The RACI page: every responsibility of every process on one page."""

from __future__ import annotations

from ...i18n import tr
from ...model import Model, Process, Role
from ..context import SiteContext
from ..markdown import attr, esc, link
from ..paths import html_url, raci_csv_path, raci_xlsx_path, rel, role_path, step_path
from ..vocabulary import LETTER_HELP
from .common import JOINT_LABEL, joint_words

HERE = "raci.md"


def short_name(role: Role, lang: str) -> str:
    """A column header: the role's name without its explanation in brackets."""
    name = role.name.get(lang)
    return name.split(" (")[0] if " (" in name else name


def _matrix(model: Model, proc: Process, roles: list[Role], lang: str) -> str:
    """The matrix as HTML: header cells name each role (abbr: the full name and organisation on hover),
    the step column and the header row stay in view when the matrix scrolls (typ-views.css), and
    typ-views.js highlights one role's column (?rooli=<id>, or the picker above the matrix)."""
    head = [f'<th scope="col">{esc(tr("Vaihe", lang))}</th>']
    for r in roles:
        org = model.organisation(r.organisation)
        full = r.name.get(lang) + (f" ({org.name.get(lang)})" if org else "")
        href = attr(html_url(rel(HERE, role_path(r))))
        head.append(f'<th scope="col" data-role="{attr(r.id)}"><a href="{href}"><abbr title="{esc(full)}">'
                    f'{esc(short_name(r, lang))}</abbr></a></th>')
    body = []
    for s in proc.steps:
        row = model.raci_row(proc.id, s.id)
        if row is None:
            continue
        joint = ""
        if row.joint is not None:
            joint = f'<span class="typ-joint">{esc(tr(JOINT_LABEL[row.joint.kind], lang))}</span>'
        number = next(i for i, x in enumerate(proc.steps, 1) if x.id == s.id)
        href = attr(html_url(rel(HERE, step_path(proc, s))))
        cells = [f'<th scope="row"><a href="{href}">{number}. {esc(s.name, lang)}</a>{joint}</th>']
        for r in roles:
            v = row.cells.get(r.id, "")
            local = "*" if v and row.at(r.id).local else ""
            cls = ' class="typ-a"' if "A" in v else ""
            title = ""
            if "A" in v and row.joint is not None:
                title = f' title="{esc(tr(JOINT_LABEL[row.joint.kind], lang))}"'
                v += "\u00a0⚭"
            cells.append(f'<td data-role="{attr(r.id)}"{cls}{title}>{esc(v)}{local}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    caption = esc(tr("RACI-matriisi: {process}", lang).format(process=proc.name.get(lang)))
    labels = " ".join(f'data-label-{k}="{esc(tr(v, lang))}"' for k, v in (
        ("pick", "Korosta rooli"), ("all", "Kaikki roolit"), ("only", "Näytä vain roolin vaiheet")))
    return (f'<div class="typ-raci-wrap" tabindex="0" role="region" aria-label="{caption}">'
            f'<table class="typ-raci" data-process="{attr(proc.id)}" {labels}><caption class="typ-sr-only">'
            f'{caption}</caption><thead><tr>{"".join(head)}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def raci_page(model: Model, ctx: SiteContext) -> str:
    lang, here = ctx.lang, HERE
    # The matrix needs the width: no navigation or table of contents beside it.
    out = ["---", "hide:", "  - navigation", "  - toc", "---", "",
           f"# {tr('RACI-matriisi', lang)}", "",
           tr("Kuka tekee, kuka vastaa, ketä kuullaan ja kenelle tiedotetaan kussakin prosessin tehtävässä.", lang),
           ""]
    keys = [f"**{k}** = {tr(v, lang)}" for k, v in LETTER_HELP.items()]
    keys += [f"**RA** = {tr('tekee ja vastaa itse.', lang)}",
             f"**⚭** = {tr('yhteinen vastuu tai kukin vastaa omastaan (laki säätää, ks. vaihe)', lang)}"]
    out += [" · ".join(keys), ""]
    for proc in model.processes:
        roles = [r for r in model.roles if any(r.id in row.cells for row in model.raci if row.process == proc.id)]
        out += [f"## {esc(proc.name, lang)}", "",
                f"[{tr('Lataa CSV-tiedostona (Excel)', lang)}]({raci_csv_path(proc)}){{: download }} · "
                f"[{tr('Lataa Excel-työkirjana (muokattava, XLSX)', lang)}]({raci_xlsx_path(proc)}){{: download }}", ""]
        out += [_matrix(model, proc, roles, lang), ""]
        if model.region:
            out += ["\\* = " + tr("paikallisesti asetettu vastuu.", lang), ""]
        out += [f"**{tr('Sarakkeiden roolit', lang)}:** " + "; ".join(
            link(esc(r.name, lang), rel(here, role_path(r)))
            + (f" ({esc(model.organisation(r.organisation).name, lang)})" if model.organisation(r.organisation) else "")
            for r in roles), ""]
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
