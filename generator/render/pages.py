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
MONTHS = ics.month_names("fi")
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


def duration_words(iso: str) -> str:
    """P3M -> '3 kuukautta'. Falls back to the ISO text for anything unusual."""
    parts = re.findall(r"(\d+)([YMWDH])", iso.replace("T", ""))
    if not parts or not re.fullmatch(r"P(\d+[YMWD])*(T(\d+H)?)?", iso):
        return iso
    return " ".join(f"{n} {UNITS[u][0] if n == '1' else UNITS[u][1]}" for n, u in parts)


def law_links(model: Model, refs: tuple[LegalRef, ...]) -> str:
    out = []
    for ref in refs:
        label = esc(ref.label())
        if ref.title:
            label += f" ({esc(ref.title)})"
        url = model.law_link(ref)
        item = f'<a href="{attr(url)}">{label}</a>' if url else label
        if ref.note:
            item += f": {esc(ref.note)}"
        out.append(item)
    return "; ".join(out)


def badges(item: Element, model: Model) -> str:
    """Status badges in words (never colour alone): statutory, locked, local, locally changed."""
    out = []
    if getattr(item, "statutory", False):
        out.append('<span class="typ-badge typ-statutory">§ Lakisääteinen</span>')
    elif isinstance(item, Step | Duty):
        out.append('<span class="typ-badge typ-practice">Suositeltu käytäntö</span>')
    if getattr(item, "locked", False):
        out.append('<span class="typ-badge typ-locked">Kansallisesti lukittu</span>')
    region = esc(model.region.name) if model.region else ""
    if item.local:
        out.append(f'<span class="typ-badge typ-local">Paikallinen: {region}</span>')
    elif item.changed_fields:
        out.append(f'<span class="typ-badge typ-local">Paikallisesti muutettu: {region}</span>')
    return " ".join(out)


def _contacts_md(contacts, lang: str) -> str:
    rows = [[esc(c.name), esc(c.title, lang), esc(c.phone), esc(c.email), esc(c.note, lang)] for c in contacts]
    return table(["Nimi", "Tehtävä", "Puhelin", "Sähköposti", "Lisätietoja"], rows)


def _services_md(services, lang: str) -> str:
    lines = []
    for s in services:
        name = f'<a href="{attr(s.url)}">{esc(s.name, lang)}</a>' if s.url else esc(s.name, lang)
        lines.append(f"- **{name}**" + (f": {esc(s.description, lang)}" if s.description else ""))
    return "\n".join(lines)


def _local_section(item, lang: str) -> list[str]:
    out = []
    if getattr(item, "contacts", ()):
        out += ["## Yhteystiedot", _contacts_md(item.contacts, lang)]
    if getattr(item, "services", ()):
        out += ["## Palvelut", _services_md(item.services, lang)]
    return out


def _changed_note(item: Element) -> str:
    if item.local or not item.changed_fields:
        return ""
    from .changes import field_label  # the same Finnish field names as "Mitä muuttui"

    where = "; ".join(f"{esc(field_label(f))} ({esc(item.at(f).file)}, rivi {item.at(f).line})"
                      for f in item.changed_fields)
    return admonition("info", "Paikallinen muutos",
                      f"Tämän alueen käsikirjassa on muutettu kansallisesta mallista: {where}.")


# ---------------------------------------------------------------- pages


def front_page(model: Model, ctx: SiteContext) -> str:
    p, lang = model.project, ctx.lang
    title = esc(model.region.name, lang) if model.region else esc(p.name, lang)
    out = [f"# {title}", ""]
    if model.region:
        r = model.region
        out += [f"Tämä on paikallinen käsikirja: **{esc(r.name, lang)}**. Se perustuu kansalliseen "
                f"malliin ({esc(p.name, lang)}, versio {esc(p.version)}); paikalliset lisäykset ja muutokset on "
                "merkitty jokaisella sivulla merkinnällä *Paikallinen*, ja kaikki poikkeamat on koottu sivulle "
                f"{link('Paikalliset poikkeamat', 'poikkeamat.md')}.", ""]
        if r.description:
            out += [block(r.description, lang), ""]
        if r.area:
            out += [f"**Alue:** {esc(r.area, lang)}", ""]
        if r.municipalities:
            out += [f"**Kunnat:** {esc(', '.join(r.municipalities))}", ""]
        if r.contacts:
            out += ["## Yhteystiedot", _contacts_md(r.contacts, lang), ""]
    if p.description:
        out += [block(p.description, lang), ""]
    out += ["## Näin käytät käsikirjaa", ""]
    for proc in model.processes:
        out.append(f"- **{link(esc(proc.name, lang), process_path(proc))}**: prosessikaavio ja vaiheet "
                   "järjestyksessä; jokaisella vaiheella on oma sivunsa (kuka tekee, mihin mennessä, mitä "
                   "kirjataan).")
    out += [
        f"- **{link('Roolit', 'roolit/index.md')}**: valitse oma roolisi, niin näet kaikki tehtäväsi "
        "(*Minun tehtäväni*) ja vuosikellon tehtäväsi.",
        f"- **{link('RACI-matriisi', 'raci.md')}**: kaikki vastuut yhdellä sivulla, myös CSV-tiedostona.",
        f"- **{link('Vuosikello', 'vuosikello.md')}**: lakisääteiset ja sovitut tehtävät kuukausittain, "
        "myös kalenteritilauksena.",
        f"- **{link('Sanasto', 'sanasto.md')}**: käsikirjan termit.",
        "- Haku (yläreunassa) löytää vaiheet, roolit ja termit suomenkielisillä hakusanoilla.",
        "",
        "Merkinnät: **§ Lakisääteinen** = laki edellyttää (lakiviite linkkinä säädöstekstiin); "
        "**Suositeltu käytäntö** = yhteisesti sovittu tai havainnollistava käytäntö, jota alue voi soveltaa.",
        "",
        "## Tietoa tästä versiosta",
        "",
        f"- Mallin versio: **{esc(p.version)}**",
    ]
    if ctx.revision:
        out.append(f"- Lähdeversio (git): {esc(ctx.revision)}")
    if model.region:
        out.append(f"- Paikallinen malli kirjoitettu kansallista versiota {esc(model.region.based_on)} vasten")
    return "\n".join(out) + "\n"


def process_page(model: Model, proc: Process, ctx: SiteContext, svg: str, bpmn_file: str | None,
                 svg_file: str | None = None) -> str:
    lang, here = ctx.lang, process_path(proc)
    out = [f"# {esc(proc.name, lang)}", ""]
    if proc.description:
        out += [block(proc.description, lang), ""]
    if proc.legal_basis:
        out += [f"**Lakiperuste:** {law_links(model, proc.legal_basis)}", ""]
    out += ["## Prosessikaavio", "",
            "Kaavio näyttää vaiheet organisaatioittain (kaistat). Vaiheen nimeä napsauttamalla avautuu sen "
            "sivu. Sama sisältö on tekstinä kaavion alla.", "",
            f'<figure class="typ-diagram typ-swimlane" markdown="0" data-search-exclude>{svg}</figure>', ""]
    if svg_file:
        out += [f"[Avaa kaavio täysikokoisena]({rel(here, svg_file)}) (SVG, tulostettavissa)", ""]
    if model.region and any(s.local for s in proc.steps):
        out += ["Paikalliset vaiheet on merkitty kaavioon katkoviivalla ja tekstillä *(paikallinen)*.", ""]
    if bpmn_file:
        out += [f"[Lataa BPMN 2.0 -tiedosto]({rel(here, bpmn_file)}){{: download }} (avautuu esim. "
                "Camunda Modelerissa ja bpmn.io:ssa)", ""]
    out += ["## Vaiheet järjestyksessä", ""]
    rows = []
    for i, s in enumerate(proc.steps, 1):
        org = model.organisation(s.lane)
        nexts = ", ".join(
            (f"{esc(f.label, lang)}: " if f.label else "") + _step_link(proc, f.target, here, lang)
            for f in s.flows) or "–"
        dl = esc(duration_words(s.deadline.within)) if s.deadline else ""
        name = link(esc(s.name, lang), rel(here, step_path(proc, s)))
        if s.local:
            name += " *(paikallinen)*"
        rows.append([str(i), name, STEP_TYPES.get(s.type, s.type), esc(org.name if org else s.lane, lang), dl, nexts])
    out.append(table(["#", "Vaihe", "Tyyppi", "Kaista", "Määräaika", "Seuraavaksi"], rows))
    return "\n".join(out) + "\n"


def _step_link(proc: Process, step_id: str, here: str, lang: str) -> str:
    s = proc.step(step_id)
    if s is None:
        return esc(step_id)
    return link(esc(s.name, lang), rel(here, step_path(proc, s)))


def step_page(model: Model, proc: Process, step: Step, ctx: SiteContext) -> str:
    lang, here = ctx.lang, step_path(proc, step)
    out = [f"# {esc(step.name, lang)}", "", badges(step, model) if step.type == "task" else "", ""]
    org = model.organisation(step.lane)
    out += [f"{STEP_TYPES.get(step.type, step.type)} prosessissa "
            f"{link(esc(proc.name, lang), rel(here, process_path(proc)))}; kaista: "
            f"{esc(org.name if org else step.lane, lang)}.", ""]
    changed = _changed_note(step)
    if changed:
        out += [changed, ""]
    if step.description:
        out += ["## Tarkoitus", "", block(step.description, lang), ""]
    if step.note:
        out += [admonition("note", "Huomio", block(step.note, lang)), ""]
    row = model.raci_row(proc.id, step.id)
    if row is not None:
        out += ["## Kuka tekee mitä", ""]
        rows = []
        # One row per role, the accountable first: RA reads "Vastuussa lopputuloksesta ja tekee".
        order = {"A": 0, "R": 1, "C": 2, "I": 3}
        for role_id, value in sorted(row.cells.items(), key=lambda c: min(order[x] for x in c[1])):
            role = model.role(role_id)
            if role is None:
                continue
            o = model.organisation(role.organisation)
            what = " ja ".join(LETTERS[x] for x in sorted(value, key=order.get))
            local = " *(paikallinen)*" if row.at(role_id).local and not step.local else ""
            rows.append([link(esc(role.name, lang), rel(here, role_path(role))), esc(o.name if o else "", lang),
                         what + local])
        out += [table(["Rooli", "Organisaatio", "Vastuu"], rows), ""]
    if step.deadline:
        d = step.deadline
        src = proc.step(d.from_step)
        src_name = _step_link(proc, d.from_step, here, lang) if src else esc(d.from_step)
        words = f"**{esc(duration_words(d.within))}** vaiheesta {src_name}"
        if d.repeat:
            words = f"Vähintään **{esc(duration_words(d.within))}** välein, laskettuna vaiheesta {src_name}"
        out += ["## Määräaika", "", words + f" ({esc(d.within)}).", ""]
        if d.text:
            out += [block(d.text, lang), ""]
    if step.legal_basis:
        out += ["## Lakiperuste", "", law_links(model, step.legal_basis), ""]
    if step.records:
        out += ["## Kirjaaminen", ""]
        for r in step.records:
            where = f" – järjestelmä: {esc(r.system, lang)}" if r.system else ""
            out.append(f"- **{esc(r.what, lang)}**{where}")
            for v in r.values:
                desc = f": {esc(v.description, lang)}" if v.description else ""
                if v.avoid:  # struck through and said in words: never colour or strike-through alone
                    out.append(f"    - <del>{esc(v.name, lang)}</del> (**ei käytetä**){desc}")
                else:
                    out.append(f"    - {esc(v.name, lang)}{desc}")
        out.append("")
    for title, items in (("Tarvitaan ennen vaihetta", step.inputs), ("Vaiheen tuotokset", step.outputs)):
        if items:
            out += [f"## {title}", ""] + [f"- {esc(t, lang)}" for t in items] + [""]
    for c in step.checklists:
        out += [f"## {esc(c.title, lang)}", ""] + [f"- {esc(t, lang)}" for t in c.items] + [""]
    out += _local_section(step, lang)
    out += ["", "## Seuraavaksi", ""]
    if step.flows:
        for f in step.flows:
            label = f"**{esc(f.label, lang)}** → " if f.label else ""
            out.append(f"- {label}{_step_link(proc, f.target, here, lang)}")
    else:
        out.append("Prosessi päättyy tähän.")
    preds = proc.predecessors(step.id)
    if preds:
        out += ["", "**Edellinen vaihe:** " + ", ".join(_step_link(proc, p.id, here, lang) for p in preds)]
    return "\n".join(out) + "\n"


def _cell(value: str) -> str:
    """A spreadsheet would run text starting with = + - @ as a formula: make it plain text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def raci_csv(model: Model, proc: Process, lang: str = "fi") -> str:
    """The matrix for Excel as Finnish offices have it: semicolons, and a BOM so it reads UTF-8."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(["vaihe_id", "vaihe", *(_cell(r.name.get(lang)) for r in model.roles)])
    for s in proc.steps:
        row = model.raci_row(proc.id, s.id)
        if row is not None:
            w.writerow([s.id, _cell(s.name.get(lang)), *(row.cells.get(r.id, "") for r in model.roles)])
    return "\ufeff" + buf.getvalue()


def raci_page(model: Model, ctx: SiteContext) -> str:
    lang, here = ctx.lang, "raci.md"
    out = ["# RACI-matriisi", "",
           "Kuka tekee, kuka vastaa, ketä kuullaan ja kenelle tiedotetaan kussakin prosessin tehtävässä.", "",
           "## Merkinnät", ""]
    out += [f"- **{k}** = {v}" for k, v in LETTER_HELP.items()] + ["- **RA** = tekee ja vastaa itse.", ""]
    for proc in model.processes:
        roles = [r for r in model.roles if any(r.id in row.cells for row in model.raci if row.process == proc.id)]
        out += [f"## {esc(proc.name, lang)}", "",
                f"[Lataa CSV-tiedostona (Excel)](downloads/raci-{proc.id}.csv){{: download }}", ""]
        header = ["Vaihe"] + [link(esc(r.name, lang), rel(here, role_path(r))) for r in roles]
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
            out += ["\\* = paikallisesti asetettu vastuu.", ""]
        out += ["### Vaiheittain", ""]
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
        name = esc(d.name, lang) + (" *(paikallinen)*" if d.local else "")
        rows.append([name, who, rhythm_words(d, lang), "§ Lakisääteinen" if d.statutory else "Käytäntö",
                     law_links(model, d.legal_basis)])
    return rows


def calendar_page(model: Model, ctx: SiteContext, wheel_svg: str, printable: dict[int, str] | None = None) -> str:
    """`printable`: year -> docs path of a wheel showing only that year's duties, for printing."""
    lang, here = ctx.lang, "vuosikello.md"
    out = ["# Vuosikello", "",
           "Lakisääteiset ja sovitut tehtävät vuoden kierrossa. Kalenterin voi tilata omaan "
           "kalenteriohjelmaan (esim. Outlook): [koko käsikirjan kalenteri (iCalendar)](downloads/vuosikello.ics)"
           "{: download }; roolikohtaiset kalenterit löytyvät roolien sivuilta.", "",
           f'<figure class="typ-diagram typ-wheel" markdown="0" data-search-exclude>{wheel_svg}</figure>', ""]
    if printable:
        out += ["Tulostettava vuosikello (vain kyseisen vuoden tehtävät, esim. johtoryhmän vuoden ensimmäiseen "
                "kokoukseen): " + ", ".join(f"[{year}]({rel(here, path)})" for year, path in sorted(printable.items())),
                ""]
    out += ["## Kuukausittain", ""]
    for m in range(1, 13):
        # The same months the wheel above shows (RRULEs expanded, not guessed).
        duties = [d for d in model.duties if m in wheel.duty_months(d.rhythm)[0]]
        if duties:
            out += [f"### {MONTHS[m - 1].capitalize()}", ""]
            out += [table(["Tehtävä", "Vastuussa", "Rytmi", "Peruste", "Lakiviite"],
                          _duty_rows(model, duties, here, lang)), ""]
    out += ["## Kaikki tehtävät", ""]
    for d in model.duties:
        out += [f"### {esc(d.name, lang)}", "", badges(d, model), ""]
        if d.description:
            out += [block(d.description, lang), ""]
        role = model.role(d.responsible)
        out.append(f"- **Vastuussa:** {link(esc(role.name, lang), rel(here, role_path(role))) if role else ''}")
        parts = [model.role(p) for p in d.participants if model.role(p)]
        if parts:
            out.append("- **Osallistujat:** " + ", ".join(link(esc(p.name, lang), rel(here, role_path(p)))
                                                        for p in parts))
        out.append(f"- **Rytmi:** {rhythm_words(d, lang)}")
        if d.legal_basis:
            out.append(f"- **Lakiperuste:** {law_links(model, d.legal_basis)}")
        if d.note:
            out.append(f"- **Huomio:** {esc(d.note, lang)}")
        out.append("")
    return "\n".join(out) + "\n"


def roles_index(model: Model, ctx: SiteContext) -> str:
    lang, here = ctx.lang, "roolit/index.md"
    out = ["# Roolit", "", "Valitse roolisi: sen sivulla ovat kaikki tehtäväsi prosessissa ja vuosikellossa.", ""]
    for o in model.organisations:
        roles = [r for r in model.roles if r.organisation == o.id]
        if not roles:
            continue
        out += [f"## {esc(o.name, lang)}", ""]
        if o.description:
            out += [block(o.description, lang), ""]
        for r in roles:
            local = " *(paikallinen)*" if r.local else ""
            desc = f": {esc(r.description, lang)}" if r.description else ""
            out.append(f"- {link(esc(r.name, lang), rel(here, role_path(r)))}{local}{desc}")
        out.append("")
    return "\n".join(out) + "\n"


def role_page(model: Model, role: Role, ctx: SiteContext, wheel_svg: str | None) -> str:
    lang, here = ctx.lang, role_path(role)
    org = model.organisation(role.organisation)
    out = [f"# {esc(role.name, lang)}", "", badges(role, model), "",
           f"Organisaatio: **{esc(org.name if org else role.organisation, lang)}**", ""]
    changed = _changed_note(role)
    if changed:
        out += [changed, ""]
    if role.description:
        out += [block(role.description, lang), ""]
    if role.legal_basis:
        out += [f"**Lakiperuste:** {law_links(model, role.legal_basis)}", ""]
    if role.note:
        out += [admonition("note", "Huomio", block(role.note, lang)), ""]
    out += ["## Minun tehtäväni", ""]
    any_task = False
    for proc in model.processes:
        for letter in ("A", "R", "C", "I"):
            items = []
            for s in proc.steps:
                row = model.raci_row(proc.id, s.id)
                if row is not None and letter in row.cells.get(role.id, ""):
                    dl = f" – määräaika {esc(duration_words(s.deadline.within))}" if s.deadline else ""
                    items.append(f"- {link(esc(s.name, lang), rel(here, step_path(proc, s)))}{dl}")
            if items:
                any_task = True
                out += [f"### {LETTERS[letter]} – {esc(proc.name, lang)}", ""] + items + [""]
    if not any_task:
        out += ["Roolilla ei ole tehtäviä prosessin vaiheissa.", ""]
    duties = [d for d in model.duties if d.responsible == role.id or role.id in d.participants]
    out += ["## Vuosikellon tehtävät", ""]
    if duties:
        out += [f"[Tilaa roolin kalenteri (iCalendar)](../downloads/roolit/{role.id}.ics){{: download }}", ""]
        if wheel_svg:
            out += [f'<figure class="typ-diagram typ-wheel" markdown="0" data-search-exclude>{wheel_svg}</figure>', ""]
        out += [table(["Tehtävä", "Vastuussa", "Rytmi", "Peruste", "Lakiviite"],
                      _duty_rows(model, duties, here, lang)), ""]
    else:
        out += ["Roolilla ei ole vuosikellon tehtäviä.", ""]
    out += _local_section(role, lang)
    return "\n".join(out) + "\n"


def glossary_page(model: Model, ctx: SiteContext) -> str:
    lang = ctx.lang
    out = ["# Sanasto", ""]
    for t in sorted(model.terms, key=lambda t: t.term.get(lang).casefold()):
        other = f" (sv. {esc(t.term.sv)})" if t.term.sv and lang != "sv" else ""
        out += [f"## {esc(t.term, lang)} {{#{t.id}}}", "", f"{block(t.definition, lang)}{other}", ""]
        if t.legal_basis:
            out += [f"Lakiperuste: {law_links(model, t.legal_basis)}", ""]
        see = [model_term for model_term in model.terms if model_term.id in t.see]
        if see:
            out += ["Katso myös: " + ", ".join(f"[{esc(s.term, lang)}](#{s.id})" for s in see), ""]
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
    from .changes import field_label  # the same Finnish field names as the "Mitä muuttui" page

    lang, here = ctx.lang, "poikkeamat.md"
    region = model.region
    out = ["# Paikalliset poikkeamat", "",
           f"Tämä käsikirja (**{esc(region.name, lang) if region else ''}**) poikkeaa kansallisesta mallista "
           f"(versio {esc(model.project.version)}) alla luetelluin tavoin. Kunkin muutoksen kohdalla on "
           "perustelu, tiedosto ja rivi, jolla muutos on tehty, sekä linkit paikalliseen ja kansalliseen "
           "versioon.", ""]
    if drift:
        out += [admonition("warning", "Kansallinen malli on muuttunut",
                           "\n".join(f"- {line}" for line in drift)), ""]
    if not model.deviations:
        out += ["Ei poikkeamia: alue käyttää kansallista mallia sellaisenaan.", ""]
        return "\n".join(out) + "\n"
    added = {d.id for d in model.deviations if d.op == "add"}  # they have no national version
    for collection in ("steps", "raci", "roles", "organisations", "duties", "terms"):
        devs = [d for d in model.deviations if d.collection == collection]
        if not devs:
            continue
        out += [f"## {_SECTION_FI[collection]}", ""]
        rows = []
        for d in devs:
            local = local_target(model, d.collection, d.id) if d.op != "remove" else None
            national = (national_target(model, d.collection, d.id, d.process)
                        if d.op != "add" and d.id not in added and ctx.national_base is not None else None)
            name = _element_name(model, d.collection, d.id, lang)
            links = []
            if local:
                links.append(link("paikallinen", rel(here, local)))
            if national:
                links.append(f'<a href="{attr(ctx.national_base + html_url(national))}">kansallinen</a>')
            what = _OP_FI.get(d.op, d.op)
            if d.fields:
                labels = [esc(model.role(f).name, lang) if d.collection == "raci" and model.role(f) else
                          esc(field_label(f)) for f in d.fields]
                what += ": " + ", ".join(labels)
            source = f'<br><small>{esc(d.origin.file)}:{d.origin.line}</small>'
            rows.append([f"**{name}**<br>{' · '.join(links)}", what + source, esc(d.reason, lang) or "–"])
        out += [table(["Kohde", "Muutos", "Perustelu"], rows), ""]
    counts = {op: sum(d.op == op for d in model.deviations) for op in _OP_FI}
    out += ["Yhteensä: " + ", ".join(f"{_OP_FI[k].lower()} {v}" for k, v in counts.items() if v) + "."]
    return "\n".join(out) + "\n"


def nav_title(value: str | Text, lang: str = "fi") -> str:
    """Titles in mkdocs.yml are not escaped by the theme: escape them ourselves."""
    return attr(value.get(lang) if isinstance(value, Text) else value)
