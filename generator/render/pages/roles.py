"""The roles index and one page per role ("Minun tehtäväni")."""

from __future__ import annotations

from ...i18n import tr
from ...model import Model, Role
from ..context import SiteContext
from ..markdown import admonition, block, esc, link, table
from ..paths import rel, role_path, step_path
from ..vocabulary import LETTERS, deadline_phrase
from .common import DUTY_HEADER, JOINT_LABEL, badges, changed_note, duty_rows, law_links, local_section


def roles_index(model: Model, ctx: SiteContext) -> str:
    lang, here = ctx.lang, "roolit/index.md"
    out = [f"# {tr('Roolit', lang)}", "",
           tr("Valitse roolisi: sen sivulla ovat kaikki tehtäväsi prosessissa ja vuosikellossa.", lang), ""]
    for o in model.organisations:
        roles = [r for r in model.roles if r.organisation == o.id]
        if not roles:
            continue
        out += [f"## {esc(o.name, lang)}", ""]
        if o.description:
            out += [block(o.description, lang), ""]
        for r in roles:
            local = f" *{tr('(paikallinen)', lang)}*" if r.local else ""
            desc = f": {esc(r.description, lang)}" if r.description else ""
            out.append(f"- {link(esc(r.name, lang), rel(here, role_path(r)))}{local}{desc}")
        out.append("")
    return "\n".join(out) + "\n"


def role_page(model: Model, role: Role, ctx: SiteContext, wheel_svg: str | None) -> str:
    lang, here = ctx.lang, role_path(role)
    org = model.organisation(role.organisation)
    out = [f"# {esc(role.name, lang)}", "", badges(role, model, lang), "",
           f"{tr('Organisaatio', lang)}: **{esc(org.name if org else role.organisation, lang)}**", ""]
    changed = changed_note(role, lang)
    if changed:
        out += [changed, ""]
    if role.description:
        out += [block(role.description, lang), ""]
    if role.legal_basis:
        out += [f"**{tr('Lakiperuste', lang)}:** {law_links(model, role.legal_basis, lang)}", ""]
    if role.note:
        out += [admonition("note", tr("Huomio", lang), block(role.note, lang)), ""]
    out += [f"## {tr('Minun tehtäväni', lang)}", ""]
    any_task = False
    for proc in model.processes:
        for letter in ("A", "R", "C", "I"):
            items = []
            for s in proc.steps:
                row = model.raci_row(proc.id, s.id)
                if row is not None and letter in row.cells.get(role.id, ""):
                    dl = (f" – {esc(deadline_phrase(s.deadline.within, s.deadline.repeat, lang))}"
                          if s.deadline else "")
                    joint = (f" – {tr(JOINT_LABEL[row.joint.kind], lang).lower()}"
                             if row.joint is not None and "A" in row.cells.get(role.id, "") else "")
                    items.append(f"- {link(esc(s.name, lang), rel(here, step_path(proc, s)))}{dl}{joint}")
            if items:
                any_task = True
                out += [f"### {tr(LETTERS[letter], lang)} – {esc(proc.name, lang)}", ""] + items + [""]
    if not any_task:
        out += [tr("Roolilla ei ole tehtäviä prosessin vaiheissa.", lang), ""]
    duties = [d for d in model.duties if d.responsible == role.id or role.id in d.participants]
    out += [f"## {tr('Vuosikellon tehtävät', lang)}", ""]
    if duties:
        out += [f"[{tr('Tilaa roolin kalenteri (iCalendar)', lang)}](../downloads/roolit/{role.id}.ics)"
                "{: download }", ""]
        if wheel_svg:
            out += [f'<figure class="typ-diagram typ-wheel" markdown="0" data-search-exclude>{wheel_svg}</figure>', ""]
        out += [table([tr(h, lang) for h in DUTY_HEADER], duty_rows(model, duties, here, lang)), ""]
    else:
        out += [tr("Roolilla ei ole vuosikellon tehtäviä.", lang), ""]
    out += local_section(role, lang)
    return "\n".join(out) + "\n"
