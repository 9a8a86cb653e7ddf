"""The "Mitä muuttui" page: the changes between two versions, in words a TYP worker understands.

Pure functions of a list of `generator.analysis.diff.Change`. Every piece of model text goes through `esc`;
links point at pages of the new version, and only at pages that exist in it (never at removed items).
"""

from __future__ import annotations

from ...analysis.diff import Change, FieldChange
from ..markdown import esc, link
from ..paths import CHANGES, change_target, rel
from ..vocabulary import MONTHS, PLURAL, STEP_TYPES, duration_words, field_label

SECTIONS = (
    ("Yleistä", ("project",)),
    ("Prosessi", ("processes", "steps", "flows")),
    ("Vastuut (RACI)", ("raci",)),
    ("Roolit", ("roles", "organisations")),
    ("Vuosikello", ("duties",)),
    ("Sanasto", ("terms",)),
)
KIND = {"processes": "prosessi", "steps": "vaihe", "roles": "rooli", "organisations": "organisaatio",
        "duties": "tehtävä", "terms": "termi", "project": "käsikirja", "flows": "siirtymä"}
LONG = 200  # longer values (descriptions) are cut: the page of the element has the full text


def value_words(name: str, value: str) -> str:
    """A field's value as a worker reads it (escaped)."""
    base = name.split(".sv")[0].split(".en")[0]
    if value in ("true", "false") and base in ("statutory", "locked", "deadline.repeat"):
        return "kyllä" if value == "true" else "ei"
    if base == "deadline.within":
        value = duration_words(value)
    elif base == "rhythm.months":
        value = ", ".join(MONTHS[int(m) - 1] if m.strip().isdigit() and 1 <= int(m) <= 12 else m
                          for m in value.split(","))
    elif base == "type":
        value = STEP_TYPES.get(value, value)
    if len(value) > LONG:
        value = value[:LONG].rstrip() + " …"
    return esc(value)


def field_words(f: FieldChange) -> str:
    label = esc(f.label) if f.label else field_label(f.field)
    old, new = value_words(f.field, f.old), value_words(f.field, f.new)
    if not f.old:
        return f"{label} lisättiin: {new}"
    if not f.new:
        return f"{label} poistettiin (oli: {old})"
    verb = "muuttuivat" if f.field in PLURAL else "muuttui"
    return f"{label} {verb}: {old} → {new}"


def target(c: Change) -> str | None:
    """The docs path of the changed element's page in the new version (None: no page to link)."""
    if c.op == "removed":
        return None
    return change_target(c.collection, c.id, c.process) or None


def _where(step_name: str) -> str:
    return f"vaiheen **{esc(step_name)}** jälkeen" if step_name else "ensimmäisenä"


def _raci_words(f: FieldChange) -> str:
    return f"{esc(f.label or f.field)}: {esc(f.old) or '–'} → {esc(f.new) or '–'}"


def change_item(c: Change, here: str) -> str:
    """One list item (possibly with sub-items) describing one change."""
    path = target(c)
    name = esc(c.name)
    shown = f"**{link(name, rel(here, path))}**" if path else f"**{name}**"
    kind = KIND.get(c.collection, c.collection)
    if c.collection == "raci":
        return f"- Vaihe {shown}: " + "; ".join(_raci_words(f) for f in c.fields)
    if c.collection == "flows":
        cond = next((f for f in c.fields if f.field == "label"), None)
        if c.op == "added":
            return f"- Uusi siirtymä {shown}" + (f" (ehto: {esc(cond.new)})" if cond else "")
        if c.op == "removed":
            return f"- Siirtymä {shown} poistettiin" + (f" (ehto oli: {esc(cond.old)})" if cond else "")
    if c.op == "added":
        return f"- Uusi {kind} {shown}."
    if c.op == "removed":
        return f"- {kind.capitalize()} {shown} poistettiin."
    if c.op == "moved":
        f = c.fields[0]
        return f"- Vaihe {shown} siirtyi toiseen kohtaan: ennen {_where(f.old)}, nyt {_where(f.new)}."
    words = [field_words(f) for f in c.fields]
    if c.collection == "project":
        return "\n".join(f"- {w[0].upper()}{w[1:]}" for w in words)
    if len(words) == 1:
        return f"- {kind.capitalize()} {shown}: {words[0]}"
    return f"- {kind.capitalize()} {shown}:\n" + "\n".join(f"    - {w}" for w in words)


def changes_markdown(changes: list[Change], here: str = CHANGES) -> str:
    """The changes as Markdown sections (## Prosessi, ## Vastuut (RACI), ...); empty sections left out."""
    out: list[str] = []
    for title, collections in SECTIONS:
        items = [change_item(c, here) for c in changes if c.collection in collections]
        if not items:
            continue
        out += [f"## {title}", ""]
        if collections == ("raci",):
            out += ["R = tekee, A = vastaa lopputuloksesta, C = kuullaan, I = tiedotetaan, – = ei roolia.", ""]
        out += [*items, ""]
    return "\n".join(out)


def changes_page(changes: list[Change], old_version: str | None, new_version: str,
                 here: str = CHANGES) -> str:
    """The whole page `muutokset.md`."""
    new = esc(new_version)
    out = ["# Mitä muuttui", ""]
    if old_version is None:
        out += [f"Tämä on käsikirjan ensimmäinen julkaistu versio (**{new}**): aiempaa versiota, johon "
                "verrata, ei ole.", ""]
        return "\n".join(out)
    out += [f"Tällä sivulla on kaikki, mikä käsikirjassa muuttui edellisestä julkaistusta versiosta "
            f"**{esc(old_version)}** tähän versioon **{new}**: vaiheet, vastuut, roolit, vuosikellon tehtävät "
            "ja sanasto. Muuttuneiden kohtien nimet ovat linkkejä niiden sivuille.", ""]
    if not changes:
        out += ["Sisältö ei muuttunut edellisestä versiosta.", ""]
        return "\n".join(out)
    out += [f"Muutoksia yhteensä: {len(changes)}.", "", changes_markdown(changes, here)]
    return "\n".join(out).rstrip("\n") + "\n"
