"""The handbook's pages as pure functions of the model: Markdown text and download files.

`render_site(model, ctx)` returns every generated file (path -> str or bytes) and the navigation.
Nothing here touches the disk; the site stage writes and builds.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
from dataclasses import dataclass, field

from ..model import Duty, Element, LegalRef, Model, Process, Role, Step, Text
from . import ics, wheel
from .markdown import admonition, attr, block, esc, link, table
from .ui import tr

LETTERS = {
    "A": "Vastuussa lopputuloksesta (A)",
    "R": "Tekee (R)",
    "C": "Kuullaan (C)",
    "I": "Tiedotetaan (I)",
}
LETTER_HELP = {
    "R": "Responsible: tekee työn.",
    "A": "Accountable: vastaa siitä, että työ tehdään; yksi rooli tehtävää kohden.",
    "C": "Consulted: häntä kuullaan ennen päätöstä.",
    "I": "Informed: hänelle kerrotaan lopputulos.",
}
STEP_TYPES = {"start": "Alku", "task": "Tehtävä", "decision": "Päätöskohta", "end": "Loppu"}
MONTHS = ics.month_names("fi")  # Finnish, for changes.py; pages use ics.month_names(lang)
UNITS = {"Y": ("vuosi", "vuotta"), "M": ("kuukausi", "kuukautta"), "W": ("viikko", "viikkoa"),
         "D": ("päivä", "päivää"), "H": ("tunti", "tuntia")}


@dataclass(frozen=True)
class SiteContext:
    lang: str = "fi"
    revision: str = ""
    # From a regional handbook's root to the national handbook's root (they are built side by side);
    # None when a region is built alone and there is no national handbook to link to.
    national_base: str | None = "../../"


@dataclass
class SiteFiles:
    files: dict[str, str | bytes] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)  # hand-written pages left out: a generated page has the name


# ---------------------------------------------------------------- paths and small helpers


def step_path(process: Process, step: Step) -> str:
    return f"prosessit/{process.id}/{step.id}.md"


def process_path(process: Process) -> str:
    return f"prosessit/{process.id}/index.md"


def role_path(role: Role) -> str:
    return f"roolit/{role.id}.md"


def rel(from_page: str, to: str) -> str:
    """Relative link between two docs paths (MkDocs resolves .md links relative to the page)."""
    return posixpath.relpath(to, posixpath.dirname(from_page) or ".")


def html_url(md_path: str) -> str:
    """The built URL of a page (use_directory_urls is off, so links work from file:// too)."""
    return md_path[:-3] + ".html"


def duration_words(iso: str, lang: str = "fi") -> str:
    """P3M -> '3 kuukautta' ('3 månader' in Swedish). Falls back to the ISO text for anything unusual."""
    parts = re.findall(r"(\d+)([YMWDH])", iso.replace("T", ""))
    if not parts or not re.fullmatch(r"P(\d+[YMWD])*(T(\d+H)?)?", iso):
        return iso
    return " ".join(f"{n} {tr(UNITS[u][0] if n == '1' else UNITS[u][1], lang)}" for n, u in parts)


def step_type(value: str, lang: str = "fi") -> str:
    """A step's type in words (an unknown type as it is)."""
    return tr(STEP_TYPES[value], lang) if value in STEP_TYPES else value


def law_links(model: Model, refs: tuple[LegalRef, ...], lang: str = "fi") -> str:
    out = []
    for ref in refs:
        label = esc(ref.label())
        if ref.title:
            label += f" ({esc(ref.title, lang)})"
        url = model.law_link(ref)
        item = f'<a href="{attr(url)}">{label}</a>' if url else label
        if ref.note:
            item += f": {esc(ref.note, lang)}"
        out.append(item)
    return "; ".join(out)


def badges(item: Element, model: Model, lang: str = "fi") -> str:
    """Status badges in words (never colour alone): statutory, locked, local, locally changed."""
    out = []
    if getattr(item, "statutory", False):
        out.append(f'<span class="typ-badge typ-statutory">§ {tr("Lakisääteinen", lang)}</span>')
    elif isinstance(item, Step | Duty):
        out.append(f'<span class="typ-badge typ-practice">{tr("Suositeltu käytäntö", lang)}</span>')
    if getattr(item, "locked", False):
        out.append(f'<span class="typ-badge typ-locked">{tr("Kansallisesti lukittu", lang)}</span>')
    region = esc(model.region.name, lang) if model.region else ""
    if item.local or item.changed_fields:
        text = "Paikallinen: {region}" if item.local else "Paikallisesti muutettu: {region}"
        out.append(f'<span class="typ-badge typ-local">{tr(text, lang).format(region=region)}</span>')
    return " ".join(out)


def _contacts_md(contacts, lang: str) -> str:
    rows = [[esc(c.name), esc(c.title, lang), esc(c.phone), esc(c.email), esc(c.note, lang)] for c in contacts]
    header = ["Nimi", "Tehtävä", "Puhelin", "Sähköposti", "Lisätietoja"]
    return table([tr(h, lang) for h in header], rows)


def _services_md(services, lang: str) -> str:
    lines = []
    for s in services:
        name = f'<a href="{attr(s.url)}">{esc(s.name, lang)}</a>' if s.url else esc(s.name, lang)
        lines.append(f"- **{name}**" + (f": {esc(s.description, lang)}" if s.description else ""))
    return "\n".join(lines)


def _local_section(item, lang: str) -> list[str]:
    out = []
    if getattr(item, "contacts", ()):
        out += [f"## {tr('Yhteystiedot', lang)}", _contacts_md(item.contacts, lang)]
    if getattr(item, "services", ()):
        out += [f"## {tr('Palvelut', lang)}", _services_md(item.services, lang)]
    return out


def field_name(name: str, lang: str = "fi") -> str:
    """A model field in words: the Finnish names of the "Mitä muuttui" page, translated (not escaped)."""
    from .changes import FIELD, LANGS, field_label

    if lang == "fi":
        return field_label(name)
    base, _, in_lang = name.rpartition(".") if name.endswith((".sv", ".en")) else (name, "", "")
    return tr(FIELD.get(base, base), lang) + (f" {tr(LANGS[in_lang], lang)}" if in_lang else "")


def _changed_note(item: Element, lang: str = "fi") -> str:
    if item.local or not item.changed_fields:
        return ""
    where = "; ".join(tr("{field} ({file}, rivi {line})", lang).format(
        field=esc(field_name(f, lang)), file=esc(item.at(f).file), line=item.at(f).line)
        for f in item.changed_fields)
    return admonition("info", tr("Paikallinen muutos", lang),
                      tr("Tämän alueen käsikirjassa on muutettu kansallisesta mallista: {where}.", lang)
                      .format(where=where))


# ---------------------------------------------------------------- pages


def front_page(model: Model, ctx: SiteContext) -> str:
    p, lang = model.project, ctx.lang
    title = esc(model.region.name, lang) if model.region else esc(p.name, lang)
    out = [f"# {title}", ""]
    if model.region:
        r = model.region
        out += [tr("Tämä on paikallinen käsikirja: **{region}**. Se perustuu kansalliseen malliin ({project}, versio "
                   "{version}); paikalliset lisäykset ja muutokset on merkitty jokaisella sivulla merkinnällä "
                   "*Paikallinen*, ja kaikki poikkeamat on koottu sivulle {deviations}.", lang).format(
                    region=esc(r.name, lang), project=esc(p.name, lang), version=esc(p.version),
                    deviations=link(tr("Paikalliset poikkeamat", lang), "poikkeamat.md")), ""]
        if r.description:
            out += [block(r.description, lang), ""]
        if r.area:
            out += [f"**{tr('Alue', lang)}:** {esc(r.area, lang)}", ""]
        if r.municipalities:
            out += [f"**{tr('Kunnat', lang)}:** {esc(', '.join(r.municipalities))}", ""]
        if r.contacts:
            out += [f"## {tr('Yhteystiedot', lang)}", _contacts_md(r.contacts, lang), ""]
    if p.description:
        out += [block(p.description, lang), ""]
    out += [f"## {tr('Näin käytät käsikirjaa', lang)}", ""]
    for proc in model.processes:
        out.append(f"- **{link(esc(proc.name, lang), process_path(proc))}**: "
                   + tr("prosessikaavio ja vaiheet järjestyksessä; jokaisella vaiheella on oma sivunsa (kuka tekee, "
                        "mihin mennessä, mitä kirjataan).", lang))
    out += [
        f"- **{link(tr('Roolit', lang), 'roolit/index.md')}**: "
        + tr("valitse oma roolisi, niin näet kaikki tehtäväsi (*Minun tehtäväni*) ja vuosikellon tehtäväsi.", lang),
        f"- **{link(tr('RACI-matriisi', lang), 'raci.md')}**: "
        + tr("kaikki vastuut yhdellä sivulla, myös CSV-tiedostona.", lang),
        f"- **{link(tr('Vuosikello', lang), 'vuosikello.md')}**: "
        + tr("lakisääteiset ja sovitut tehtävät kuukausittain, myös kalenteritilauksena.", lang),
        f"- **{link(tr('Sanasto', lang), 'sanasto.md')}**: " + tr("käsikirjan termit.", lang),
        "- " + tr("Haku (yläreunassa) löytää vaiheet, roolit ja termit suomenkielisillä hakusanoilla.", lang),
        "",
        tr("Merkinnät: **§ Lakisääteinen** = laki edellyttää (lakiviite linkkinä säädöstekstiin); "
           "**Suositeltu käytäntö** = yhteisesti sovittu tai havainnollistava käytäntö, jota alue voi soveltaa.", lang),
        "",
        f"## {tr('Tietoa tästä versiosta', lang)}",
        "",
        f"- {tr('Mallin versio', lang)}: **{esc(p.version)}**",
    ]
    if ctx.revision:
        out.append(f"- {tr('Lähdeversio (git)', lang)}: {esc(ctx.revision)}")
    if model.region:
        out.append("- " + tr("Paikallinen malli kirjoitettu kansallista versiota {version} vasten", lang)
                   .format(version=esc(model.region.based_on)))
    return "\n".join(out) + "\n"


def process_page(model: Model, proc: Process, ctx: SiteContext, svg: str, bpmn_file: str | None,
                 svg_file: str | None = None) -> str:
    lang, here = ctx.lang, process_path(proc)
    out = [f"# {esc(proc.name, lang)}", ""]
    if proc.description:
        out += [block(proc.description, lang), ""]
    if proc.legal_basis:
        out += [f"**{tr('Lakiperuste', lang)}:** {law_links(model, proc.legal_basis, lang)}", ""]
    out += [f"## {tr('Prosessikaavio', lang)}", "",
            tr("Kaavio näyttää vaiheet organisaatioittain (kaistat). Vaiheen nimeä napsauttamalla avautuu sen "
               "sivu. Sama sisältö on tekstinä kaavion alla.", lang), "",
            f'<figure class="typ-diagram typ-swimlane" markdown="0" data-search-exclude>{svg}</figure>', ""]
    if svg_file:
        out += [f"[{tr('Avaa kaavio täysikokoisena', lang)}]({rel(here, svg_file)}) "
                + tr("(SVG, tulostettavissa)", lang), ""]
    if model.region and any(s.local for s in proc.steps):
        out += [tr("Paikalliset vaiheet on merkitty kaavioon katkoviivalla ja tekstillä *(paikallinen)*.", lang), ""]
    if bpmn_file:
        out += [f"[{tr('Lataa BPMN 2.0 -tiedosto', lang)}]({rel(here, bpmn_file)}){{: download }} "
                + tr("(avautuu esim. Camunda Modelerissa ja bpmn.io:ssa)", lang), ""]
    out += [f"## {tr('Vaiheet järjestyksessä', lang)}", ""]
    rows = []
    for i, s in enumerate(proc.steps, 1):
        org = model.organisation(s.lane)
        nexts = ", ".join(
            (f"{esc(f.label, lang)}: " if f.label else "") + _step_link(proc, f.target, here, lang)
            for f in s.flows) or "–"
        dl = esc(duration_words(s.deadline.within, lang)) if s.deadline else ""
        name = link(esc(s.name, lang), rel(here, step_path(proc, s)))
        if s.local:
            name += f" *{tr('(paikallinen)', lang)}*"
        rows.append([str(i), name, step_type(s.type, lang), esc(org.name if org else s.lane, lang), dl, nexts])
    header = ["#", "Vaihe", "Tyyppi", "Kaista", "Määräaika", "Seuraavaksi"]
    out.append(table([tr(h, lang) for h in header], rows))
    return "\n".join(out) + "\n"


def _step_link(proc: Process, step_id: str, here: str, lang: str) -> str:
    s = proc.step(step_id)
    if s is None:
        return esc(step_id)
    return link(esc(s.name, lang), rel(here, step_path(proc, s)))


def step_page(model: Model, proc: Process, step: Step, ctx: SiteContext) -> str:
    lang, here = ctx.lang, step_path(proc, step)
    out = [f"# {esc(step.name, lang)}", "", badges(step, model, lang) if step.type == "task" else "", ""]
    org = model.organisation(step.lane)
    out += [tr("{type} prosessissa {process}; kaista: {lane}.", lang).format(
        type=step_type(step.type, lang), process=link(esc(proc.name, lang), rel(here, process_path(proc))),
        lane=esc(org.name if org else step.lane, lang)), ""]
    changed = _changed_note(step, lang)
    if changed:
        out += [changed, ""]
    if step.description:
        out += [f"## {tr('Tarkoitus', lang)}", "", block(step.description, lang), ""]
    if step.note:
        out += [admonition("note", tr("Huomio", lang), block(step.note, lang)), ""]
    row = model.raci_row(proc.id, step.id)
    if row is not None:
        out += [f"## {tr('Kuka tekee mitä', lang)}", ""]
        rows = []
        # One row per role, the accountable first: RA reads "Vastuussa lopputuloksesta ja tekee".
        order = {"A": 0, "R": 1, "C": 2, "I": 3}
        for role_id, value in sorted(row.cells.items(), key=lambda c: min(order[x] for x in c[1])):
            role = model.role(role_id)
            if role is None:
                continue
            o = model.organisation(role.organisation)
            what = f" {tr('ja', lang)} ".join(tr(LETTERS[x], lang) for x in sorted(value, key=order.get))
            local = f" *{tr('(paikallinen)', lang)}*" if row.at(role_id).local and not step.local else ""
            rows.append([link(esc(role.name, lang), rel(here, role_path(role))), esc(o.name if o else "", lang),
                         what + local])
        out += [table([tr(h, lang) for h in ("Rooli", "Organisaatio", "Vastuu")], rows), ""]
    if step.deadline:
        d = step.deadline
        src = proc.step(d.from_step)
        src_name = _step_link(proc, d.from_step, here, lang) if src else esc(d.from_step)
        duration = esc(duration_words(d.within, lang))
        if d.repeat:
            words = tr("Vähintään **{duration}** välein, laskettuna vaiheesta {step}", lang)
        else:
            words = tr("**{duration}** vaiheesta {step}", lang)
        words = words.format(duration=duration, step=src_name)
        out += [f"## {tr('Määräaika', lang)}", "", words + f" ({esc(d.within)}).", ""]
        if d.text:
            out += [block(d.text, lang), ""]
    if step.legal_basis:
        out += [f"## {tr('Lakiperuste', lang)}", "", law_links(model, step.legal_basis, lang), ""]
    if step.records:
        out += [f"## {tr('Kirjaaminen', lang)}", ""]
        for r in step.records:
            where = f" – {tr('järjestelmä', lang)}: {esc(r.system, lang)}" if r.system else ""
            out.append(f"- **{esc(r.what, lang)}**{where}")
            for v in r.values:
                desc = f": {esc(v.description, lang)}" if v.description else ""
                if v.avoid:  # struck through and said in words: never colour or strike-through alone
                    out.append(f"    - <del>{esc(v.name, lang)}</del> (**{tr('ei käytetä', lang)}**){desc}")
                else:
                    out.append(f"    - {esc(v.name, lang)}{desc}")
        out.append("")
    for title, items in (("Tarvitaan ennen vaihetta", step.inputs), ("Vaiheen tuotokset", step.outputs)):
        if items:
            out += [f"## {tr(title, lang)}", ""] + [f"- {esc(t, lang)}" for t in items] + [""]
    for c in step.checklists:
        out += [f"## {esc(c.title, lang)}", ""] + [f"- {esc(t, lang)}" for t in c.items] + [""]
    out += _local_section(step, lang)
    out += ["", f"## {tr('Seuraavaksi', lang)}", ""]
    if step.flows:
        for f in step.flows:
            label = f"**{esc(f.label, lang)}** → " if f.label else ""
            out.append(f"- {label}{_step_link(proc, f.target, here, lang)}")
    else:
        out.append(tr("Prosessi päättyy tähän.", lang))
    preds = proc.predecessors(step.id)
    if preds:
        out += ["", f"**{tr('Edellinen vaihe', lang)}:** "
                + ", ".join(_step_link(proc, p.id, here, lang) for p in preds)]
    return "\n".join(out) + "\n"


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


def raci_page(model: Model, ctx: SiteContext) -> str:
    lang, here = ctx.lang, "raci.md"
    out = [f"# {tr('RACI-matriisi', lang)}", "",
           tr("Kuka tekee, kuka vastaa, ketä kuullaan ja kenelle tiedotetaan kussakin prosessin tehtävässä.", lang),
           "", f"## {tr('Merkinnät', lang)}", ""]
    out += [f"- **{k}** = {tr(v, lang)}" for k, v in LETTER_HELP.items()]
    out += [f"- **RA** = {tr('tekee ja vastaa itse.', lang)}", ""]
    for proc in model.processes:
        roles = [r for r in model.roles if any(r.id in row.cells for row in model.raci if row.process == proc.id)]
        out += [f"## {esc(proc.name, lang)}", "",
                f"[{tr('Lataa CSV-tiedostona (Excel)', lang)}](downloads/raci-{proc.id}.csv){{: download }}", ""]
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
            rows.append([link(esc(s.name, lang), rel(here, step_path(proc, s)))] + cells)
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
        out.append("")
    return "\n".join(out) + "\n"


def rhythm_words(duty: Duty, lang: str = "fi") -> str:
    return esc(ics.rhythm_text(duty.rhythm, lang))


def _duty_rows(model: Model, duties: list[Duty], here: str, lang: str) -> list[list[str]]:
    rows = []
    for d in duties:
        role = model.role(d.responsible)
        who = link(esc(role.name, lang), rel(here, role_path(role))) if role else esc(d.responsible)
        name = esc(d.name, lang) + (f" *{tr('(paikallinen)', lang)}*" if d.local else "")
        basis = f"§ {tr('Lakisääteinen', lang)}" if d.statutory else tr("Käytäntö", lang)
        rows.append([name, who, rhythm_words(d, lang), basis, law_links(model, d.legal_basis, lang)])
    return rows


_DUTY_HEADER = ("Tehtävä", "Vastuussa", "Rytmi", "Peruste", "Lakiviite")


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
    months = ics.month_names(lang)
    for m in range(1, 13):
        # The same months the wheel above shows (RRULEs expanded, not guessed).
        duties = [d for d in model.duties if m in wheel.duty_months(d.rhythm)[0]]
        if duties:
            out += [f"### {months[m - 1].capitalize()}", ""]
            out += [table([tr(h, lang) for h in _DUTY_HEADER], _duty_rows(model, duties, here, lang)), ""]
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
        if d.legal_basis:
            out.append(f"- **{tr('Lakiperuste', lang)}:** {law_links(model, d.legal_basis, lang)}")
        if d.note:
            out.append(f"- **{tr('Huomio', lang)}:** {esc(d.note, lang)}")
        out.append("")
    return "\n".join(out) + "\n"


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
    changed = _changed_note(role, lang)
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
                    dl = (f" – {tr('määräaika', lang)} {esc(duration_words(s.deadline.within, lang))}"
                          if s.deadline else "")
                    items.append(f"- {link(esc(s.name, lang), rel(here, step_path(proc, s)))}{dl}")
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
        out += [table([tr(h, lang) for h in _DUTY_HEADER], _duty_rows(model, duties, here, lang)), ""]
    else:
        out += [tr("Roolilla ei ole vuosikellon tehtäviä.", lang), ""]
    out += _local_section(role, lang)
    return "\n".join(out) + "\n"


def glossary_page(model: Model, ctx: SiteContext) -> str:
    lang = ctx.lang
    out = [f"# {tr('Sanasto', lang)}", ""]
    for t in sorted(model.terms, key=lambda t: t.term.get(lang).casefold()):
        other = f" (sv. {esc(t.term.sv)})" if t.term.sv and lang != "sv" else ""
        out += [f"## {esc(t.term, lang)} {{#{t.id}}}", "", f"{block(t.definition, lang)}{other}", ""]
        if t.legal_basis:
            out += [f"{tr('Lakiperuste', lang)}: {law_links(model, t.legal_basis, lang)}", ""]
        see = [model_term for model_term in model.terms if model_term.id in t.see]
        if see:
            out += [f"{tr('Katso myös', lang)}: " + ", ".join(f"[{esc(s.term, lang)}](#{s.id})" for s in see), ""]
    return "\n".join(out) + "\n"


_OP_FI = {"add": "Lisätty", "change": "Muutettu", "remove": "Poistettu", "set": "Vastuut asetettu"}
_SECTION_FI = {"steps": "Prosessin vaiheet", "raci": "Vastuut (RACI)", "roles": "Roolit",
               "organisations": "Organisaatiot", "duties": "Vuosikello", "terms": "Sanasto"}


def national_target(model: Model, collection: str, item_id: str, process: str | None = None) -> str | None:
    """The national page of an element, as a docs path (None for purely local ones)."""
    if collection in ("steps", "raci"):
        proc = model.process(process) if process else next(
            (p for p in model.processes if p.step(item_id)), model.processes[0] if model.processes else None)
        return step_path(proc, Step(id=item_id)) if proc else None
    return {"roles": f"roolit/{item_id}.md", "duties": "vuosikello.md", "terms": "sanasto.md",
            "organisations": "roolit/index.md"}.get(collection)


def local_target(model: Model, collection: str, item_id: str) -> str | None:
    if collection in ("steps", "raci"):
        for proc in model.processes:
            if proc.step(item_id):
                return step_path(proc, proc.step(item_id))
        return None
    if collection == "roles":
        return f"roolit/{item_id}.md" if model.role(item_id) else None
    return national_target(model, collection, item_id)


def _element_name(model: Model, collection: str, item_id: str, lang: str) -> str:
    """The element's name as a reader knows it (removed elements only have their id left)."""
    if collection in ("steps", "raci"):
        step = next((s for p in model.processes if (s := p.step(item_id))), None)
        return esc(step.name, lang) if step else esc(item_id)
    found = {"roles": model.role(item_id), "organisations": model.organisation(item_id),
             "duties": next((d for d in model.duties if d.id == item_id), None),
             "terms": next((t for t in model.terms if t.id == item_id), None)}.get(collection)
    if found is None:
        return esc(item_id)
    return esc(found.term if collection == "terms" else found.name, lang)


def deviations_page(model: Model, ctx: SiteContext, drift: list[str] | None = None) -> str:
    lang, here = ctx.lang, "poikkeamat.md"
    region = model.region
    out = [f"# {tr('Paikalliset poikkeamat', lang)}", "",
           tr("Tämä käsikirja (**{region}**) poikkeaa kansallisesta mallista (versio {version}) alla luetelluin "
              "tavoin. Kunkin muutoksen kohdalla on perustelu, tiedosto ja rivi, jolla muutos on tehty, sekä linkit "
              "paikalliseen ja kansalliseen versioon.", lang).format(
               region=esc(region.name, lang) if region else "", version=esc(model.project.version)), ""]
    if drift:
        out += [admonition("warning", tr("Kansallinen malli on muuttunut", lang),
                           "\n".join(f"- {line}" for line in drift)), ""]
    if not model.deviations:
        out += [tr("Ei poikkeamia: alue käyttää kansallista mallia sellaisenaan.", lang), ""]
        return "\n".join(out) + "\n"
    added = {d.id for d in model.deviations if d.op == "add"}  # they have no national version
    for collection in ("steps", "raci", "roles", "organisations", "duties", "terms"):
        devs = [d for d in model.deviations if d.collection == collection]
        if not devs:
            continue
        out += [f"## {tr(_SECTION_FI[collection], lang)}", ""]
        rows = []
        for d in devs:
            local = local_target(model, d.collection, d.id) if d.op != "remove" else None
            national = (national_target(model, d.collection, d.id, d.process)
                        if d.op != "add" and d.id not in added and ctx.national_base is not None else None)
            name = _element_name(model, d.collection, d.id, lang)
            links = []
            if local:
                links.append(link(tr("paikallinen", lang), rel(here, local)))
            if national:
                links.append(f'<a href="{attr(ctx.national_base + html_url(national))}">'
                             f'{tr("kansallinen", lang)}</a>')
            what = tr(_OP_FI[d.op], lang) if d.op in _OP_FI else d.op
            if d.fields:
                labels = [esc(model.role(f).name, lang) if d.collection == "raci" and model.role(f) else
                          esc(field_name(f, lang)) for f in d.fields]
                what += ": " + ", ".join(labels)
            source = f'<br><small>{esc(d.origin.file)}:{d.origin.line}</small>'
            rows.append([f"**{name}**<br>{' · '.join(links)}", what + source, esc(d.reason, lang) or "–"])
        out += [table([tr(h, lang) for h in ("Kohde", "Muutos", "Perustelu")], rows), ""]
    counts = {op: sum(d.op == op for d in model.deviations) for op in _OP_FI}
    out += [tr("Yhteensä: {counts}.", lang).format(
        counts=", ".join(f"{tr(_OP_FI[k], lang).lower()} {v}" for k, v in counts.items() if v))]
    return "\n".join(out) + "\n"


def nav_title(value: str | Text, lang: str = "fi") -> str:
    """Titles in mkdocs.yml are not escaped by the theme: escape them ourselves."""
    return attr(value.get(lang) if isinstance(value, Text) else value)
