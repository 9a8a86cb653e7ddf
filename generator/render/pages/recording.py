"""The recording guide ("Kirjaamisohje"): every record of every process, grouped by system and by role,
mandatory first, with the code lists; and a printable recording checklist per role."""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n import tr
from ...model import LegalRef, Model, Process, Record, Role, Step
from ..context import SiteContext
from ..markdown import admonition, attr, esc, link, table
from ..paths import (
    INDICATORS,
    RECORDING,
    RECORDS_CSV,
    recording_checklist,
    rel,
    role_path,
    step_path,
)
from .common import SEARCH_EXCLUDE
from .criteria import codelist_section

TYPE_WORDS = {"date": "Päivämäärä", "code": "Koodi", "text": "Vapaa teksti", "number": "Luku"}


@dataclass(frozen=True)
class Entry:
    """One record with the step and process that make it (a record belongs to exactly one step)."""

    process: Process
    step: Step
    record: Record
    order: int  # reading order across the model

    @property
    def rank(self) -> int:
        """Mandatory by law first, then mandatory as proposed, then the rest."""
        r = self.record
        return 0 if r.mandatory and not r.proposed else 1 if r.mandatory else 2


def entries(model: Model) -> list[Entry]:
    out, n = [], 0
    for p in model.processes:
        for s in p.steps:
            for r in s.records:
                out.append(Entry(p, s, r, n))
                n += 1
    return out


def record_anchor(entry: Entry) -> str:
    return f"r-{entry.record.id}" if entry.record.id else f"r-{entry.step.id}-{entry.order}"


def system_key(r: Record) -> str:
    return r.system.fi if r.system else ""


def mandatory_words(r: Record, lang: str) -> str:
    if r.mandatory and r.proposed:
        return (f'<span class="typ-badge typ-practice">{tr("Pakollinen", lang)}</span> '
                f'*{tr("ehdotus, ei vielä sovittu", lang)}*')
    if r.mandatory:
        return f'<span class="typ-badge typ-statutory">{tr("Pakollinen", lang)}</span>'
    return tr("Tarvittaessa", lang)


def type_words(model: Model, r: Record, here: str, lang: str) -> str:
    word = tr(TYPE_WORDS[r.type], lang) if r.type in TYPE_WORDS else "–"
    cl = model.codelist(r.codelist) if r.codelist else None
    if cl is not None:
        return f"{word}: {link(esc(cl.name, lang), f'#c-{cl.id}')}"
    return word


def field_words(r: Record, lang: str) -> str:
    if r.system_field is None:
        return "–"
    name = esc(r.system_field, lang)
    return name if r.field_mapped else f"{name} *({tr('havainnollistava', lang)})*"


def role_links(model: Model, r: Record, here: str, lang: str) -> str:
    out = []
    for rid in r.roles:
        role = model.role(rid)
        out.append(link(esc(role.name, lang), rel(here, role_path(role))) if role else esc(rid))
    return ", ".join(out) or "–"


def law_labels(model: Model, refs: tuple[LegalRef, ...], lang: str) -> str:
    """Legal references as short links (the notes are on the step pages)."""
    out = []
    for ref in refs:
        url = model.law_link(ref, lang)
        out.append(f'<a href="{attr(url)}">{esc(ref.label(lang))}</a>' if url else esc(ref.label(lang)))
    return ", ".join(out) or "–"


def what_cell(model: Model, e: Entry, lang: str, anchor: bool = True) -> str:
    r = e.record
    local = f' <span class="typ-badge typ-local">{tr("Paikallinen", lang)}</span>' if r.origin.local else ""
    mark = f'<span id="{attr(record_anchor(e))}"></span>' if anchor else ""
    return f"{mark}**{esc(r.what, lang)}**{local}"


def step_cell(e: Entry, here: str, lang: str) -> str:
    return link(esc(e.step.name, lang), rel(here, step_path(e.process, e.step)))


def _sorted(items: list[Entry]) -> list[Entry]:
    return sorted(items, key=lambda e: (e.rank, e.order))


def recording_page(model: Model, ctx: SiteContext) -> str:
    lang, here = ctx.lang, RECORDING
    all_entries = entries(model)
    intro = tr("Tällä sivulla on jokainen prosessien kirjaus: mitä kirjataan, mihin järjestelmään ja kenttään, "
               "kuka kirjaa ja milloin. Pakolliset kirjaukset ovat ensin.", lang)
    if model.indicators:  # the catalogue exists only when the model has indicators
        intro += " " + tr("Tunnusluvut lasketaan näistä kirjauksista ({indicators}).", lang).format(
            indicators=link(tr("Tunnusluvut", lang), rel(here, INDICATORS)))
    out = [f"# {tr('Kirjaamisohje', lang)}", "", intro, ""]
    if any(e.record.system_field and not e.record.field_mapped for e in all_entries):
        out += [admonition("warning", tr("Huomio", lang), tr(
            "Kenttien nimet, joiden perässä on merkintä (havainnollistava), on kirjoitettu ennen kuin niitä on "
            "tarkistettu järjestelmästä. Kirjaa tieto järjestelmän kenttään, joka vastaa kuvausta.", lang)), ""]
    out += [tr("Kun kirjaajia on useita, verkosto sopii, kuka heistä kirjaa. Pakollinen kirjaus, jonka "
               "perässä on merkintä ehdotus, ei vielä sovittu, odottaa ohjausryhmän päätöstä.", lang), "",
            tr("Lataa kaikki kirjaukset taulukkona: {csv}.", lang).format(
                csv=f'<a href="{attr(rel(here, RECORDS_CSV))}" download>{tr("kirjaukset (CSV)", lang)}</a>'),
            SEARCH_EXCLUDE.strip(), ""]
    roles = recording_roles(model)
    if roles:
        out += [f"**{tr('Tulostettavat tarkistuslistat', lang)}:** " + ", ".join(
            link(esc(role.name, lang), rel(here, recording_checklist(role))) for role in roles), ""]

    out += [f"## {tr('Järjestelmittäin', lang)}", ""]
    systems: dict[str, list[Entry]] = {}
    for e in all_entries:
        systems.setdefault(system_key(e.record), []).append(e)
    # Four columns, each holding two facts, so the table fits a laptop screen without sideways scrolling.
    header = [tr(h, lang) for h in ("Mitä kirjataan ja missä vaiheessa", "Pakollisuus ja peruste",
                                    "Tyyppi ja kenttä", "Kuka kirjaa ja milloin")]
    for items in systems.values():
        sample = items[0].record.system
        out += [f"### {esc(sample, lang) if sample else tr('Järjestelmää ei ole nimetty', lang)}", ""]
        rows = []
        for e in _sorted(items):
            r = e.record
            basis = law_labels(model, r.legal_basis, lang) if r.legal_basis else ""
            rows.append([f"{what_cell(model, e, lang)}<br>{tr('Vaihe', lang)}: {step_cell(e, here, lang)}",
                         mandatory_words(r, lang) + (f"<br>{basis}" if basis else ""),
                         f"{type_words(model, r, here, lang)}<br>{tr('Kenttä', lang)}: {field_words(r, lang)}",
                         f"{role_links(model, r, here, lang)}<br>{esc(r.when, lang) or '–'}"])
        out += [table(header, rows), ""]

    # The same rows again by role, and the code lists (also on their own page): left out of search, so that
    # a search finds each record once (here, by system) and the guide does not outweigh shorter pages.
    out += [f"## {tr('Roolin mukaan', lang)} {{: data-search-exclude }}", ""]
    header = [tr(h, lang) for h in ("Mitä kirjataan", "Pakollisuus", "Järjestelmä", "Vaihe")]
    for role in roles:
        mine = [e for e in all_entries if role.id in e.record.roles]
        out += [f"### {esc(role.name, lang)} {{: data-search-exclude }}", "",
                link(tr("Tulostettava tarkistuslista", lang), rel(here, recording_checklist(role))), ""]
        rows = [[what_cell(model, e, lang, anchor=False), mandatory_words(e.record, lang),
                 esc(e.record.system, lang) or "–", step_cell(e, here, lang)] for e in _sorted(mine)]
        out += [table(header, rows), ""]

    used = dict.fromkeys(e.record.codelist for e in all_entries if e.record.codelist)
    lists = [cl for cid in used if (cl := model.codelist(cid))]
    if lists:
        out += [f"## {tr('Koodistot', lang)}", ""]
        for cl in lists:
            out += codelist_section(cl, lang, "###")
            users = [e for e in all_entries if e.record.codelist == cl.id]
            out += [tr("Käytetään vaiheissa: {steps}.", lang).format(
                steps=", ".join(step_cell(e, here, lang) for e in users)), ""]
    return "\n".join(out) + "\n"


def recording_roles(model: Model) -> list[Role]:
    """Roles that record something, in the roles' order."""
    used = {rid for e in entries(model) for rid in e.record.roles}
    return [r for r in model.roles if r.id in used]


def checklist_page(model: Model, role: Role, ctx: SiteContext) -> str:
    """What one role records, in the order the client meets the steps: a page to print and tick."""
    lang, here = ctx.lang, recording_checklist(role)
    mine = [e for e in entries(model) if role.id in e.record.roles]
    # Left out of search: each checklist repeats the guide's rows, and four copies of them would push the
    # guide and the step pages out of the first results for "kirjaaminen".
    out = ["---", "search:", "  exclude: true", "---", "",
           f"# {tr('Kirjaamisen tarkistuslista', lang)}: {esc(role.name, lang)}", "",
           tr("Kaikki, mitä rooli {role} kirjaa, siinä järjestyksessä kuin asiakas etenee. Tulosta sivu ja "
              "rastita kirjaukset. Ohje kokonaisuudessaan: {guide}.", lang).format(
               role=link(esc(role.name, lang), rel(here, role_path(role))),
               guide=link(tr("Kirjaamisohje", lang), rel(here, RECORDING))), ""]
    header = [tr(h, lang) for h in ("Tehty", "Mitä kirjataan ja missä vaiheessa", "Pakollisuus",
                                    "Missä ja milloin")]
    for proc in model.processes:
        items = [e for e in mine if e.process.id == proc.id]
        if not items:
            continue
        out += [f"## {esc(proc.name, lang)}", ""]
        rows = []
        for e in items:
            r = e.record
            what = f"**[{esc(r.what, lang)}]({rel(here, RECORDING)}#{record_anchor(e)})**"
            if r.origin.local:
                what += f' <span class="typ-badge typ-local">{tr("Paikallinen", lang)}</span>'
            where = esc(r.system, lang) or "–"
            if r.system_field:
                where += f"<br>{tr('Kenttä', lang)}: {field_words(r, lang)}"
            rows.append(['<span class="typ-tick" aria-hidden="true">☐</span>',
                         f"{what}<br>{tr('Vaihe', lang)}: {step_cell(e, here, lang)}",
                         mandatory_words(r, lang), f"{where}<br>{esc(r.when, lang) or '–'}"])
        out += [table(header, rows), ""]
    return "\n".join(out) + "\n"
