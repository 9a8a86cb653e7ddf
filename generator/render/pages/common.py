"""Pieces several page families share: legal links, badges, contacts, local notes, duty tables."""

from __future__ import annotations

import re

from ...i18n import pgettext, tr
from ...model import Duty, Element, LegalRef, Model, Process, RaciRow, Step, Text
from ..markdown import admonition, attr, esc, link, table
from ..paths import rel, role_path, step_path
from ..rhythm import rhythm_text
from ..vocabulary import field_name


def law_links(model: Model, refs: tuple[LegalRef, ...], lang: str = "fi") -> str:
    out = []
    for ref in refs:
        label = esc(ref.label(lang))
        if ref.title:
            label += f" ({esc(ref.title, lang)})"
        url = model.law_link(ref, lang)
        item = f'<a href="{attr(url)}">{label}</a>' if url else label
        if ref.note:
            item += f": {esc(ref.note, lang)}"
        out.append(item)
    # A note's own full stop would read "yhdessä.; 381/2023 6 §": the list's semicolon ends it.
    return "; ".join([re.sub(r"(?:\.|&#46;)(</span>)?$", r"\1", item) for item in out[:-1]] + out[-1:])


JOINT_LABEL = {"joint": "Yhteinen vastuu", "own": "Kukin vastaa omastaan"}
_JOINT_SENTENCE = {"joint": "{names} vastaavat tehtävästä yhdessä",
                   "own": "{names} vastaavat kukin oman organisaationsa osuudesta"}


def joint_words(model: Model, row: RaciRow, lang: str = "fi", links: bool = True) -> str:
    """A joint RACI responsibility in words: 'Yhteinen vastuu: A, B ja C vastaavat tehtävästä yhdessä (4 §)'."""
    if row.joint is None:
        return ""
    names = [esc(model.role(r).name, lang) for r in row.roles_with("A") if model.role(r)]
    joined = ", ".join(names[:-1]) + f" {tr('ja', lang)} " + names[-1] if len(names) > 1 else "".join(names)
    sentence = tr(_JOINT_SENTENCE[row.joint.kind], lang).format(names=joined)
    basis = law_links(model, row.joint.legal_basis, lang) if links else ", ".join(
        esc(r.label(lang)) for r in row.joint.legal_basis)
    return f"**{tr(JOINT_LABEL[row.joint.kind], lang)}:** {sentence} ({basis})."


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
    return " ".join(out) + SEARCH_EXCLUDE if out else ""


# On the line after a paragraph (attr_list): Material's search leaves it out of the index, so
# result snippets show what a page is for, not its badges or where it sits.
SEARCH_EXCLUDE = "\n{: data-search-exclude }"


def contacts_md(contacts, lang: str) -> str:
    rows = [[esc(c.name), esc(c.title, lang), esc(c.phone), esc(c.email), esc(c.note, lang)] for c in contacts]
    header = [tr("Nimi", lang), pgettext("contact", "Tehtävä", lang), tr("Puhelin", lang), tr("Sähköposti", lang),
              tr("Lisätietoja", lang)]
    return table(header, rows)


def services_md(services, lang: str) -> str:
    lines = []
    for s in services:
        name = f'<a href="{attr(s.url)}">{esc(s.name, lang)}</a>' if s.url else esc(s.name, lang)
        lines.append(f"- **{name}**" + (f": {esc(s.description, lang)}" if s.description else ""))
    return "\n".join(lines)


def local_section(item, lang: str) -> list[str]:
    """The local contacts table and services list, each a block of its own: a table runs on to the
    next non-blank line, so without the blank lines a following heading became a table row."""
    out = []
    if getattr(item, "contacts", ()):
        out += [f"## {tr('Yhteystiedot', lang)}", "", contacts_md(item.contacts, lang), ""]
    if getattr(item, "services", ()):
        out += [f"## {tr('Palvelut', lang)}", "", services_md(item.services, lang), ""]
    return out



def changed_note(item: Element, lang: str = "fi") -> str:
    if item.local or not item.changed_fields:
        return ""
    where = "; ".join(tr("{field} ({file}, rivi {line})", lang).format(
        field=esc(field_name(f, lang)), file=esc(item.at(f).file), line=item.at(f).line)
        for f in item.changed_fields)
    return admonition("info", tr("Paikallinen muutos", lang),
                      tr("Tämän alueen käsikirjassa on muutettu kansallisesta mallista: {where}.", lang)
                      .format(where=where))



def step_link(proc: Process, step_id: str, here: str, lang: str) -> str:
    s = proc.step(step_id)
    if s is None:
        return esc(step_id)
    return link(esc(s.name, lang), rel(here, step_path(proc, s)))



def rhythm_words(duty: Duty, lang: str = "fi") -> str:
    return esc(rhythm_text(duty.rhythm, lang))


def duty_rows(model: Model, duties: list[Duty], here: str, lang: str) -> list[list[str]]:
    rows = []
    for d in duties:
        role = model.role(d.responsible)
        who = link(esc(role.name, lang), rel(here, role_path(role))) if role else esc(d.responsible)
        name = esc(d.name, lang) + (f" *{tr('(paikallinen)', lang)}*" if d.local else "")
        basis = f"§ {tr('Lakisääteinen', lang)}" if d.statutory else tr("Käytäntö", lang)
        rows.append([name, who, rhythm_words(d, lang), basis, law_links(model, d.legal_basis, lang)])
    return rows


DUTY_HEADER = ("Tehtävä", "Vastuussa", "Rytmi", "Peruste", "Lakiviite")



def nav_title(value: str | Text, lang: str = "fi") -> str:
    """Titles in mkdocs.yml are not escaped by the theme: escape them ourselves."""
    return attr(value.get(lang) if isinstance(value, Text) else value)
