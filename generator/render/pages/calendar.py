"""The calendar page (vuosikello): the wheel with its legend as text, the duties month by month and
one by one."""

from __future__ import annotations

from ...i18n import month_names, tr
from ...model import Duty, Model
from ...model.calendar import duty_months
from ..context import SiteContext
from ..markdown import block, esc, link, table
from ..paths import CALENDAR, rel, role_path, step_path
from ..rhythm import role_label
from ..wheel import place
from .common import DUTY_HEADER, badges, duty_rows, law_links, rhythm_words

# A duty in this many months or more is listed once ("joka kuukausi"), not in every month's table.
MONTHLY = 10


def duty_anchor(duty: Duty) -> str:
    return f"duty-{duty.id}"


def wheel_links(here: str, model: Model, markdown: bool = False) -> dict[str, str]:
    """Duty id -> its description on the calendar page, from page `here` (a built .html URL for the
    SVG; a .md link, which MkDocs checks, for Markdown)."""
    target = rel(here, CALENDAR)
    base = "" if here == CALENDAR else target if markdown else target.removesuffix(".md") + ".html"
    return {d.id: f"{base}#{duty_anchor(d)}" for d in model.duties}


def wheel_legend(model: Model, here: str, lang: str, role: str | None = None) -> list[str]:
    """The wheel's key and its numbered duties as text (the wheel's own legend is too small on a
    phone); each number links to the duty's description."""
    w = place(model, role, lang)
    keys = [f"■ § {tr('Lakisääteinen', lang)}", f"○ {tr('Käytäntö, suositus', lang)}",
            f"⬚ {tr('katkoviiva: ei joka vuosi', lang)}"]
    # The legend repeats the duties listed below it (and on the calendar page): out of the search index.
    out = ['<div class="typ-wheel-legend" markdown data-search-exclude>', "",
           f"**{tr('Merkit', lang)}:** " + " · ".join(keys) + "  ",
           f"**{tr('Renkaat ulkoa sisään', lang)}:** " + ", ".join(esc(r.label) for r in w.rings), ""]
    if not w.placed:
        return [*out, "</div>", ""]
    links = wheel_links(here, model, markdown=True)
    for p in w.placed:
        bits = [esc(role_label(model, p.duty.responsible, lang)), rhythm_words(p.duty, lang)]
        if p.mark and p.mark.lower() not in rhythm_words(p.duty, lang).lower():
            bits.append(esc(p.mark))
        out.append(f"{p.number}. [{esc(p.duty.name, lang)}]({links[p.duty.id]}) – " + " · ".join(bits))
    return [*out, "", "</div>", ""]


def calendar_page(model: Model, ctx: SiteContext, wheel_svg: str, printable: dict[int, str] | None = None) -> str:
    """`printable`: year -> docs path of a wheel showing only that year's duties, for printing."""
    lang, here = ctx.lang, CALENDAR
    feed = f"[{tr('koko käsikirjan kalenteri (iCalendar)', lang)}](downloads/vuosikello.ics){{: download }}"
    out = [f"# {tr('Vuosikello', lang)}", "",
           tr("Lakisääteiset ja sovitut tehtävät vuoden kierrossa. Kalenterin voi tilata omaan kalenteriohjelmaan "
              "(esim. Outlook): {calendar}; roolikohtaiset kalenterit löytyvät roolien sivuilta.", lang)
           .format(calendar=feed), "",
           f'<figure class="typ-diagram typ-wheel" markdown="0" data-search-exclude>{wheel_svg}</figure>', ""]
    out += wheel_legend(model, here, lang)
    if printable:
        out += [tr("Tulostettava vuosikello (vain kyseisen vuoden tehtävät, esim. johtoryhmän vuoden ensimmäiseen "
                   "kokoukseen): ", lang)
                + ", ".join(f"[{year}]({rel(here, path)})" for year, path in sorted(printable.items())),
                ""]
    out += [f"## {tr('Kuukausittain', lang)}", ""]
    # The same months the wheel above shows (RRULEs expanded, not guessed).
    months_of = {d.id: duty_months(d.rhythm)[0] for d in model.duties}
    monthly = [d for d in model.duties if len(months_of[d.id]) >= MONTHLY]
    if monthly:
        out += [f"### {tr('Joka kuukausi', lang)}", "",
                '<div markdown data-search-exclude>', "",
                table([tr(h, lang) for h in DUTY_HEADER], duty_rows(model, monthly, here, lang)), "", "</div>", ""]
    months = month_names(lang)
    for m in range(1, 13):
        duties = [d for d in model.duties if m in months_of[d.id] and d not in monthly]
        if duties:
            # data-typ-month: typ-views.js marks the current month in the reader's browser (the
            # built page stays the same whenever it is built).
            out += [f'### {months[m - 1].capitalize()} {{: data-typ-month="{m}" }}', ""]
            # The month's table repeats duties described below: out of the search index.
            out += ['<div markdown data-search-exclude>', "",
                    table([tr(h, lang) for h in DUTY_HEADER], duty_rows(model, duties, here, lang)), "", "</div>", ""]
    out += [f"## {tr('Kaikki tehtävät', lang)}", ""]
    for d in model.duties:
        out += [f"### {esc(d.name, lang)} {{: #{duty_anchor(d)} }}", "", badges(d, model, lang), ""]
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
