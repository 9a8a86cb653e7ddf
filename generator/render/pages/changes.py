"""The "Mitä muuttui" page: the changes between two versions, in words a TYP worker understands.

Pure functions of a list of `generator.analysis.diff.Change`, in the handbook's language. Every piece
of model text goes through `esc`; links point at pages of the new version, and only at pages that
exist in it (never at removed items).
"""

from __future__ import annotations

from ...analysis.diff import Change, FieldChange
from ...i18n import month_names, tr
from ..markdown import esc, in_finnish, link
from ..paths import CHANGES, change_target, rel
from ..vocabulary import PLURAL, duration_words, field_name, step_type

SECTIONS = (
    ("Yleistä", ("project",)),
    ("Prosessi", ("processes", "steps", "flows")),
    ("Vastuut (RACI)", ("raci",)),
    ("Roolit", ("roles", "organisations")),
    ("Vuosikello", ("duties",)),
    ("Sanasto", ("terms",)),
)
# Per kind of element: (the kind capitalised, "new ..." and "... was removed"): whole phrases, so that a
# language with grammatical gender (Swedish 'nytt steg', 'ny roll') can translate each one.
KIND = {
    "processes": ("Prosessi", "Uusi prosessi {name}.", "Prosessi {name} poistettiin."),
    "steps": ("Vaihe", "Uusi vaihe {name}.", "Vaihe {name} poistettiin."),
    "roles": ("Rooli", "Uusi rooli {name}.", "Rooli {name} poistettiin."),
    "organisations": ("Organisaatio", "Uusi organisaatio {name}.", "Organisaatio {name} poistettiin."),
    "duties": ("Tehtävä", "Uusi tehtävä {name}.", "Tehtävä {name} poistettiin."),
    "terms": ("Termi", "Uusi termi {name}.", "Termi {name} poistettiin."),
    "project": ("Käsikirja", "Uusi käsikirja {name}.", "Käsikirja {name} poistettiin."),
}
FLOW = "Siirtymä"  # a flow's own phrases are in change_item
LONG = 200  # longer values (descriptions) are cut: the page of the element has the full text


def value_words(name: str, value: str, lang: str = "fi") -> str:
    """A field's value as a worker reads it (escaped)."""
    base = name.split(".sv")[0].split(".en")[0]
    if value in ("true", "false") and base in ("statutory", "locked", "deadline.repeat"):
        return tr("kyllä", lang) if value == "true" else tr("ei", lang)
    if base == "deadline.within":
        value = duration_words(value, lang)
    elif base == "rhythm.months":
        months = month_names(lang)
        value = ", ".join(months[int(m) - 1] if m.strip().isdigit() and 1 <= int(m) <= 12 else m
                          for m in value.split(","))
    elif base == "type":
        value = step_type(value, lang)
    if len(value) > LONG:
        value = value[:LONG].rstrip() + " …"
    return esc(value)


def field_words(f: FieldChange, lang: str = "fi") -> str:
    label = esc(f.label) if f.label else field_name(f.field, lang)
    old, new = value_words(f.field, f.old, lang), value_words(f.field, f.new, lang)
    if not f.old:
        return tr("{field} lisättiin: {new}", lang).format(field=label, new=new)
    if not f.new:
        return tr("{field} poistettiin (oli: {old})", lang).format(field=label, old=old)
    verb = "{field} muuttuivat: {old} → {new}" if f.field in PLURAL else "{field} muuttui: {old} → {new}"
    return tr(verb, lang).format(field=label, old=old, new=new)


def target(c: Change) -> str | None:
    """The docs path of the changed element's page in the new version (None: no page to link)."""
    if c.op == "removed":
        return None
    return change_target(c.collection, c.id, c.process) or None


def _where(step_name: str, lang: str) -> str:
    if not step_name:
        return tr("ensimmäisenä", lang)
    return tr("vaiheen {step} jälkeen", lang).format(step=f"**{esc(step_name)}**")


def _raci_words(f: FieldChange) -> str:
    return f"{esc(f.label or f.field)}: {esc(f.old) or '–'} → {esc(f.new) or '–'}"


def _name(value: str, lang: str) -> str:
    """An element's name as the diff gives it (the Finnish one), marked as Finnish on other pages."""
    return in_finnish(value) if lang != "fi" else esc(value)


def change_item(c: Change, here: str, lang: str = "fi") -> str:
    """One list item (possibly with sub-items) describing one change."""
    path = target(c)
    name = _name(c.name, lang)
    shown = f"**{link(name, rel(here, path))}**" if path else f"**{name}**"
    if c.collection == "raci":
        return "- " + tr("Vaihe {step}: {changes}", lang).format(
            step=shown, changes="; ".join(_raci_words(f) for f in c.fields))
    if c.collection == "flows":
        cond = next((f for f in c.fields if f.field == "label"), None)
        if c.op == "added":
            return "- " + tr("Uusi siirtymä {flow}", lang).format(flow=shown) + (
                " " + tr("(ehto: {condition})", lang).format(condition=esc(cond.new)) if cond else "")
        if c.op == "removed":
            return "- " + tr("Siirtymä {flow} poistettiin", lang).format(flow=shown) + (
                " " + tr("(ehto oli: {condition})", lang).format(condition=esc(cond.old)) if cond else "")
    kind, added, removed = KIND.get(c.collection, (FLOW, "", ""))
    kind = tr(kind, lang)
    if c.op == "added":
        return "- " + tr(added, lang).format(name=shown)
    if c.op == "removed":
        return "- " + tr(removed, lang).format(name=shown)
    if c.op == "moved":
        f = c.fields[0]
        return "- " + tr("Vaihe {step} siirtyi toiseen kohtaan: ennen {before}, nyt {now}.", lang).format(
            step=shown, before=_where(f.old, lang), now=_where(f.new, lang))
    words = [field_words(f, lang) for f in c.fields]
    if c.collection == "project":
        return "\n".join(f"- {w[0].upper()}{w[1:]}" for w in words)
    if len(words) == 1:
        return f"- {kind} {shown}: {words[0]}"
    return f"- {kind} {shown}:\n" + "\n".join(f"    - {w}" for w in words)


def changes_markdown(changes: list[Change], here: str = CHANGES, lang: str = "fi") -> str:
    """The changes as Markdown sections (## Prosessi, ## Vastuut (RACI), ...); empty sections left out."""
    out: list[str] = []
    for title, collections in SECTIONS:
        items = [change_item(c, here, lang) for c in changes if c.collection in collections]
        if not items:
            continue
        out += [f"## {tr(title, lang)}", ""]
        if collections == ("raci",):
            out += [tr("R = tekee, A = vastaa lopputuloksesta, C = kuullaan, I = tiedotetaan, – = ei roolia.",
                       lang), ""]
        out += [*items, ""]
    return "\n".join(out)


def changes_page(changes: list[Change], old_version: str | None, new_version: str,
                 here: str = CHANGES, lang: str = "fi") -> str:
    """The whole page `muutokset.md`, in the handbook's language."""
    new = esc(new_version)
    out = [f"# {tr('Mitä muuttui', lang)}", ""]
    if old_version is None:
        out += [tr("Tämä on käsikirjan ensimmäinen julkaistu versio (**{version}**): aiempaa versiota, johon "
                   "verrata, ei ole.", lang).format(version=new), ""]
        return "\n".join(out)
    out += [tr("Tällä sivulla on kaikki, mikä käsikirjassa muuttui edellisestä julkaistusta versiosta "
               "**{old}** tähän versioon **{new}**: vaiheet, vastuut, roolit, vuosikellon tehtävät "
               "ja sanasto. Muuttuneiden kohtien nimet ovat linkkejä niiden sivuille.", lang)
            .format(old=esc(old_version), new=new), ""]
    if not changes:
        out += [tr("Sisältö ei muuttunut edellisestä versiosta.", lang), ""]
        return "\n".join(out)
    out += [tr("Muutoksia yhteensä: {count}.", lang).format(count=len(changes)), "",
            changes_markdown(changes, here, lang)]
    return "\n".join(out).rstrip("\n") + "\n"
