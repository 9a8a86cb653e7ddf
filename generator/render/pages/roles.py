"""The roles index and one page per role ("Minun tehtäväni")."""

from __future__ import annotations

from ...i18n import tr
from ...model import Model, Process, Role, Step
from ..context import SiteContext
from ..markdown import admonition, attr, block, esc, link, table
from ..paths import RACI, html_url, rel, role_path, step_path
from ..vocabulary import LETTERS, deadline_phrase
from .calendar import wheel_legend
from .common import DUTY_HEADER, JOINT_LABEL, badges, changed_note, duty_rows, law_links, local_section
from .overview import first_sentence, step_number


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


def raci_url(role: Role) -> str:
    """The RACI page with this role's column highlighted (typ-views.js reads ?rooli=)."""
    return html_url(rel(role_path(role), RACI)) + f"?rooli={role.id}"


def _task(model: Model, proc: Process, s: Step, row, value: str, letter: str, here: str, lang: str) -> list[str]:
    """One checklist entry: the step, its place and the role's part; for work the role does or answers
    for, also what is done, by when and what is recorded where."""
    order = {"A": 0, "R": 1, "C": 2, "I": 3}
    part = f" {tr('ja', lang)} ".join(tr(LETTERS[x], lang) for x in sorted(value, key=order.get))
    joint = f" – {tr(JOINT_LABEL[row.joint.kind], lang).lower()}" if row.joint is not None and "A" in value else ""
    position = tr("vaihe {n}/{total}", lang).format(n=step_number(proc, s), total=len(proc.steps))
    out = [f"- **{link(esc(s.name, lang), rel(here, step_path(proc, s)))}** ({position}) – {part}{joint}"]
    if letter in ("C", "I"):
        if s.deadline:
            out[0] += f" – {esc(deadline_phrase(s.deadline.within, s.deadline.repeat, lang))}"
        return out
    if s.description:
        out.append(f"    - **{tr('Mitä', lang)}:** {esc(first_sentence(s.description), lang)}")
    if s.deadline:
        words = esc(deadline_phrase(s.deadline.within, s.deadline.repeat, lang))
        src = proc.step(s.deadline.from_step)
        frm = f" ({tr('vaiheesta', lang)} {esc(src.name, lang)})" if src else ""
        out.append(f"    - **{tr('Milloin', lang)}:** {words}{frm}")
    for r in s.records:
        where = f" – {tr('järjestelmä', lang)}: {esc(r.system, lang)}" if r.system else ""
        out.append(f"    - **{tr('Kirjaa', lang)}:** {esc(r.what, lang)}{where}")
    return out


def _why(model: Model, duty, role: Role, here: str, lang: str) -> str:
    """Why a calendar duty is on this role's list: it answers for it, or takes part (and who leads)."""
    if duty.responsible == role.id:
        why = tr("Vastaat tehtävästä.", lang)
    else:
        lead = model.role(duty.responsible)
        why = tr("Osallistut; vastuussa on {role}.", lang).format(role=esc(lead.name, lang) if lead else
                                                                  esc(duty.responsible))
    proc = model.process(duty.step.process) if duty.step else None
    step = proc.step(duty.step.step) if proc and duty.step else None
    if proc and step:
        why += " " + tr("Liittyy vaiheeseen {step}.", lang).format(
            step=link(esc(step.name, lang), rel(here, step_path(proc, step))))
    return why


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
    out += [tr("Perehdytyksen tarkistuslista: jokaisesta tehtävästä mitä tehdään, milloin ja mitä kirjataan. "
               "Vaiheen sivulla on kaikki yksityiskohdat.", lang), "",
            f'<a href="{attr(raci_url(role))}">{tr("Näytä roolin vastuut RACI-matriisissa", lang)}</a>', ""]
    any_task = False
    for proc in model.processes:
        for letter in ("A", "R", "C", "I"):
            items = []
            for s in proc.steps:
                row = model.raci_row(proc.id, s.id)
                value = row.cells.get(role.id, "") if row is not None else ""
                # A step the role both does and answers for is listed once, under A.
                if letter not in value or (letter == "R" and "A" in value):
                    continue
                items += _task(model, proc, s, row, value, letter, here, lang)
            if items:
                any_task = True
                # The entries repeat the step pages (what, when, what to record): out of the search
                # index, where the step pages answer for them.
                out += [f"### {tr(LETTERS[letter], lang)} – {esc(proc.name, lang)}", "",
                        '<div markdown data-search-exclude>', "", *items, "", "</div>", ""]
    if not any_task:
        out += [tr("Roolilla ei ole tehtäviä prosessin vaiheissa.", lang), ""]
    duties = [d for d in model.duties if d.responsible == role.id or role.id in d.participants]
    out += [f"## {tr('Vuosikellon tehtävät', lang)}", ""]
    if duties:
        out += [f"[{tr('Tilaa roolin kalenteri (iCalendar)', lang)}](../downloads/roolit/{role.id}.ics)"
                "{: download }", ""]
        if wheel_svg:
            out += [f'<figure class="typ-diagram typ-wheel" markdown="0" data-search-exclude>{wheel_svg}</figure>', ""]
            out += wheel_legend(model, here, lang, role.id)
        rows = duty_rows(model, duties, here, lang)
        for d, r in zip(duties, rows, strict=True):
            r.insert(1, _why(model, d, role, here, lang))
        header = [DUTY_HEADER[0], "Miksi tämä koskee sinua", *DUTY_HEADER[1:]]
        out += [table([tr(h, lang) for h in header], rows), ""]
    else:
        out += [tr("Roolilla ei ole vuosikellon tehtäviä.", lang), ""]
    out += local_section(role, lang)
    return "\n".join(out) + "\n"
