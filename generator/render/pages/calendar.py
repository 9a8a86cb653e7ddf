"""The calendar page (vuosikello): the wheel, the duties month by month and one by one."""

from __future__ import annotations

from ...i18n import month_names, tr
from ...model import Model
from ...model.calendar import duty_months
from ..context import SiteContext
from ..markdown import block, esc, link, table
from ..paths import rel, role_path, step_path
from .common import DUTY_HEADER, badges, duty_rows, law_links, rhythm_words


def calendar_page(model: Model, ctx: SiteContext, wheel_svg: str, printable: dict[int, str] | None = None) -> str:
    """`printable`: year -> docs path of a wheel showing only that year's duties, for printing."""
    lang, here = ctx.lang, "vuosikello.md"
    feed = f"[{tr('koko käsikirjan kalenteri (iCalendar)', lang)}](downloads/vuosikello.ics){{: download }}"
    out = [f"# {tr('Vuosikello', lang)}", "",
           tr("Lakisääteiset ja sovitut tehtävät vuoden kierrossa. Kalenterin voi tilata omaan kalenteriohjelmaan "
              "(esim. Outlook): {calendar}; roolikohtaiset kalenterit löytyvät roolien sivuilta.", lang)
           .format(calendar=feed), "",
           f'<figure class="typ-diagram typ-wheel" markdown="0" data-search-exclude>{wheel_svg}</figure>', ""]
    if printable:
        out += [tr("Tulostettava vuosikello (vain kyseisen vuoden tehtävät, esim. johtoryhmän vuoden ensimmäiseen "
                   "kokoukseen): ", lang)
                + ", ".join(f"[{year}]({rel(here, path)})" for year, path in sorted(printable.items())),
                ""]
    out += [f"## {tr('Kuukausittain', lang)}", ""]
    months = month_names(lang)
    for m in range(1, 13):
        # The same months the wheel above shows (RRULEs expanded, not guessed).
        duties = [d for d in model.duties if m in duty_months(d.rhythm)[0]]
        if duties:
            out += [f"### {months[m - 1].capitalize()}", ""]
            # The month's table repeats duties described below: out of the search index.
            out += ['<div markdown data-search-exclude>', "",
                    table([tr(h, lang) for h in DUTY_HEADER], duty_rows(model, duties, here, lang)), "", "</div>", ""]
    out += [f"## {tr('Kaikki tehtävät', lang)}", ""]
    for d in model.duties:
        out += [f"### {esc(d.name, lang)}", "", badges(d, model, lang), ""]
        if d.description:
            out += [block(d.description, lang), ""]
        role = model.role(d.responsible)
        who = link(esc(role.name, lang), rel(here, role_path(role))) if role else ""
        out.append(f"- **{tr('Vastuussa', lang)}:** {who}")
        parts = [model.role(p) for p in d.participants if model.role(p)]
        if parts:
            out.append(f"- **{tr('Osallistujat', lang)}:** "
                       + ", ".join(link(esc(p.name, lang), rel(here, role_path(p))) for p in parts))
        out.append(f"- **{tr('Rytmi', lang)}:** {rhythm_words(d, lang)}")
        proc = model.process(d.step.process) if d.step else None
        step = proc.step(d.step.step) if proc and d.step else None
        if proc and step:
            out.append(f"- **{tr('Prosessin vaihe', lang)}:** {esc(proc.name, lang)}: "
                       + link(esc(step.name, lang), rel(here, step_path(proc, step))))
        if d.legal_basis:
            out.append(f"- **{tr('Lakiperuste', lang)}:** {law_links(model, d.legal_basis, lang)}")
        if d.note:
            out.append(f"- **{tr('Huomio', lang)}:** {esc(d.note, lang)}")
        out.append("")
    return "\n".join(out) + "\n"
