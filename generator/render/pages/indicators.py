"""The indicator catalogue: each figure the management group reviews, how it is derived from what staff
record (with links to the records in the recording guide), how often, and which calendar duty reviews it."""

from __future__ import annotations

from collections.abc import Callable

from ...i18n import tr
from ...model import Indicator, Interval, Model, Population
from ..context import SiteContext
from ..markdown import attr, block, esc, link, table
from ..paths import CALENDAR, INDICATORS, RECORDING, STATS_CSV, STATS_XLSX, rel, role_path, step_path
from ..rhythm import rhythm_text
from ..vocabulary import duration_words
from .common import SEARCH_EXCLUDE, badges, law_links

FREQUENCY_WORDS = {"monthly": "Kuukausittain", "quarterly": "Neljännesvuosittain", "yearly": "Vuosittain"}
MEASURE_WORDS = {"share": "Osuus (%) = osoittaja / nimittäjä", "count": "Lukumäärä",
                 "distribution": "Jakauma: nimittäjän asiakkaat koodin {by} arvojen mukaan (lukumäärä ja osuus)",
                 "median": "Mediaani päivinä: {interval}"}

# A record's name in a formula: (record id, language) -> text (a link on the page, plain in the template).
Namer = Callable[[str, str], str]


def record_name(model: Model, record_id: str, lang: str) -> str:
    """A record's short name: its field's name where it has one, else what is recorded (plain text)."""
    found = model.record(record_id)
    if found is None:
        return record_id
    r = found[2]
    return (r.system_field or r.what).get(lang)


def interval_words(iv: Interval, name: Namer, lang: str) -> str:
    return f"{name(iv.from_record, lang)} → {name(iv.to_record, lang)}"


def population_words(model: Model, pop: Population, name: Namer, lang: str) -> str:
    out = tr("Asiakkaat, joille on kirjattu {record} tarkastelujaksolla", lang).format(record=name(pop.count, lang))
    if pop.interval:
        out += " " + tr("ja joilla {interval} on enintään {duration}", lang).format(
            interval=interval_words(pop.interval, name, lang),
            duration=duration_words(pop.interval.at_most or "", lang))
    if pop.code_record:
        found = model.record(pop.code_record)
        cl = model.codelist(found[2].codelist) if found and found[2].codelist else None
        values = [(cl.value(v).name.get(lang) if cl and cl.value(v) else v) for v in pop.code_values]
        out += " " + tr("ja joiden {record} on jokin seuraavista: {values}", lang).format(
            record=name(pop.code_record, lang), values=", ".join(values))
    return out


def measure_words(ind: Indicator, name: Namer, lang: str) -> str:
    words = tr(MEASURE_WORDS[ind.measure], lang)
    return words.format(by=name(ind.by, lang) if ind.by else "",
                        interval=interval_words(ind.duration, name, lang) if ind.duration else "")


def frequency_words(ind: Indicator, lang: str) -> str:
    return tr(FREQUENCY_WORDS.get(ind.frequency, ind.frequency), lang)


def _linker(model: Model, here: str) -> Namer:
    def name(record_id: str, lang: str) -> str:
        found = model.record(record_id)
        label = esc(record_name(model, record_id, lang))
        if found is None or not found[2].id:
            return label
        return link(label, f"{rel(here, RECORDING)}#r-{record_id}")
    return name


def indicators_page(model: Model, ctx: SiteContext) -> str:
    lang, here = ctx.lang, INDICATORS
    name = _linker(model, here)
    out = [f"# {tr('Tunnusluvut', lang)}", "",
           tr("Jokainen tunnusluku lasketaan kirjauksista, jotka työntekijät tekevät prosessin vaiheissa "
              "({guide}). Näin johtoryhmä näkee, mistä kukin sen käsittelemä luku on johdettu, ja verkostojen "
              "luvut ovat vertailukelpoisia, kun kaikki kirjaavat samalla tavalla.", lang).format(
               guide=link(tr("Kirjaamisohje", lang), rel(here, RECORDING))) + SEARCH_EXCLUDE, "",
           tr("Tilastokatsauksen pohja, johon luvut kirjataan neljännesvuosittain: {xlsx} tai {csv}.", lang).format(
               xlsx=f'<a href="{attr(rel(here, STATS_XLSX))}" download>{tr("Excel-työkirja (XLSX)", lang)}</a>',
               csv=f'<a href="{attr(rel(here, STATS_CSV))}" download>CSV</a>'),
           SEARCH_EXCLUDE.strip(), ""]
    for ind in model.indicators:
        out += [f"## {esc(ind.name, lang)} {{ #i-{ind.id} }}", ""]
        badge = badges(ind, model, lang)
        if badge:
            out += [badge, ""]
        out += [block(ind.definition, lang), ""]
        rows = [[tr("Laskentatapa", lang), measure_words(ind, name, lang)]]
        if ind.numerator:
            rows.append([tr("Osoittaja", lang) if ind.measure == "share" else tr("Lasketaan", lang),
                         population_words(model, ind.numerator, name, lang)])
        if ind.denominator:
            rows.append([tr("Nimittäjä", lang) if ind.measure == "share" else tr("Asiakkaat", lang),
                         population_words(model, ind.denominator, name, lang)])
        rows.append([tr("Kirjataan", lang), recorded_where(model, ind, here, lang)])
        rows.append([tr("Tiheys", lang), frequency_words(ind, lang)])
        rows.append([tr("Käsitellään", lang), reviewed_in(model, ind, here, lang)])
        if ind.target:
            rows.append([tr("Tavoite", lang), esc(ind.target, lang)])
        if ind.legal_basis:
            rows.append([tr("Lakiperuste", lang), law_links(model, ind.legal_basis, lang)])
        if ind.source and ind.source.quote:
            doc = model.document(ind.source.document)
            rows.append([tr("Lähde", lang), (esc(doc.name, lang) if doc else esc(ind.source.document))
                         + f": ”{quote(ind.source.quote, lang)}”"])
        out += [table([tr("Tieto", lang), tr("Sisältö", lang)], rows), ""]
        if ind.note:
            out += [block(ind.note, lang), ""]
    return "\n".join(out) + "\n"


def quote(words: str, lang: str) -> str:
    """A source's exact words are in the source's language (Finnish): say so on other pages (WCAG 3.1.2)."""
    return esc(words) if lang == "fi" else f'<span lang="fi">{esc(words)}</span>'


def recorded_where(model: Model, ind: Indicator, here: str, lang: str) -> str:
    """The steps that make the records the indicator reads, and who records them there."""
    out = []
    for rid in dict.fromkeys(ref for ref, _ in ind.record_refs()):
        found = model.record(rid)
        if found is None:
            continue
        proc, step, rec = found
        who = ", ".join(link(esc(role.name, lang), rel(here, role_path(role)))
                        for role in (model.role(x) for x in rec.roles) if role)
        where = link(esc(step.name, lang), rel(here, step_path(proc, step)))
        out.append(f"{esc(record_name(model, rid, lang))}: {where}" + (f" ({who})" if who else ""))
    return "<br>".join(out) or "–"


def reviewed_in(model: Model, ind: Indicator, here: str, lang: str) -> str:
    out = []
    for d in model.duties:
        if ind.id in d.indicators:  # who is responsible is on the calendar page, one click away
            out.append(f"{link(esc(d.name, lang), rel(here, CALENDAR))} ({esc(rhythm_text(d.rhythm, lang))})")
    return "<br>".join(out) or "–"  # rule IND004 asks for a duty
