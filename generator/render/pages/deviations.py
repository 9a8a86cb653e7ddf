"""A regional handbook's deviations page: every local change with its reason, file, line and links."""

from __future__ import annotations

from typing import Any

from ...analysis.diff import Change
from ...analysis.drift import Drift
from ...i18n import tr
from ...model import Model
from ..context import SiteContext
from ..markdown import admonition, attr, esc, link, table
from ..paths import deviation_anchor, html_url, local_target, national_target, rel
from ..vocabulary import deadline_phrase, field_label, field_name
from .criteria import case_title

OPS = {"add": "Lisätty", "change": "Muutettu", "remove": "Poistettu", "set": "Vastuut asetettu"}
SECTIONS = {"steps": "Prosessin vaiheet", "raci": "Vastuut (RACI)", "roles": "Roolit",
               "organisations": "Organisaatiot", "duties": "Vuosikello", "terms": "Sanasto",
               "criteria": "Asiakkuuden kriteerit", "cases": "Asiakastarinat", "codelists": "Koodistot",
            "indicators": "Tunnusluvut"}


def _element_name(model: Model, collection: str, item_id: str, lang: str) -> str:
    """The element's name as a reader knows it (removed elements only have their id left)."""
    if collection in ("steps", "raci"):
        step = next((s for p in model.processes if (s := p.step(item_id))), None)
        return esc(step.name, lang) if step else esc(item_id)
    found = {"roles": model.role(item_id), "organisations": model.organisation(item_id),
             "duties": next((d for d in model.duties if d.id == item_id), None),
             "terms": next((t for t in model.terms if t.id == item_id), None),
             "criteria": model.criterion(item_id), "codelists": model.codelist(item_id),
             "indicators": model.indicator(item_id),
             "cases": next((c for c in model.cases if c.id == item_id), None)}.get(collection)
    if found is None:
        return esc(item_id)
    if collection == "cases":
        return case_title(found, lang)
    label = {"terms": "term", "criteria": "text"}.get(collection, "name")
    return esc(getattr(found, label), lang)


LONG = 160  # characters of a value shown; the element's own page has the whole text


def value_words(value: Any, lang: str) -> str:
    """A field's value as a reader reads it (unescaped): texts in the page's language, deadlines in
    words, lists joined, nothing as '–'."""
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(value, bool):
        return tr("kyllä" if value else "ei", lang)
    if isinstance(value, dict):
        if "fi" in value and all(k in ("fi", "sv", "en") for k in value):
            return str(value.get(lang) or value["fi"])
        if "within" in value:
            return deadline_phrase(str(value["within"]), bool(value.get("repeat")), lang)
        return ", ".join(value_words(v, lang) for k, v in value.items() if k not in ("url", "id") and v)
    if isinstance(value, list):
        items = [value_words(v, lang) for v in value]
        return "; ".join([i.removesuffix(".") for i in items[:-1]] + items[-1:])  # no "text.; next"
    return str(value)


def _untranslated(value: Any, lang: str) -> bool:
    """Whether a raw overlay value reads in Finnish on a page in `lang` (a plain string is Finnish)."""
    if lang == "fi" or value is None or isinstance(value, bool):
        return False
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        if "fi" in value and all(k in ("fi", "sv", "en") for k in value):
            return not value.get(lang)
        if "within" in value:
            return False
        return any(_untranslated(v, lang) for k, v in value.items() if k not in ("url", "id"))
    if isinstance(value, list):
        return any(_untranslated(v, lang) for v in value)
    return False


def _value(value: Any, lang: str) -> str:
    shown = esc(_short(value_words(value, lang)))
    # WCAG 3.1.2: Finnish shown on a Swedish page is marked as Finnish for screen readers.
    return f'<span lang="fi">{shown}</span>' if _untranslated(value, lang) else shown


def _short(text: str) -> str:
    return text if len(text) <= LONG else text[:LONG].rsplit(" ", 1)[0] + " …"


def _side_by_side(model: Model, d, lang: str) -> tuple[str, str]:
    """The national and the local value of each changed field (a RACI cell: the role's letters)."""
    if not d.values:
        return "–", "–"
    nat, loc = [], []
    for name, old, new in d.values:
        if d.collection == "raci":
            role = model.role(name)
            label = esc(role.name, lang) if role else esc(name)
        else:
            label = esc(field_name(name, lang))
        nat.append(f"{label}: {_value(old, lang)}")
        loc.append(f"{label}: {_value(new, lang)}")
    return "<br>".join(nat), "<br>".join(loc)


def deviations_page(model: Model, ctx: SiteContext, drift: list[Drift] | None = None) -> str:
    lang, here = ctx.lang, "poikkeamat.md"
    region = model.region
    # Five columns, national and local side by side: the page gets the width of the table of contents.
    out = ["---", "hide:", "  - toc", "---", "", f"# {tr('Paikalliset poikkeamat', lang)}", "",
           tr("Tämä käsikirja (**{region}**) poikkeaa kansallisesta mallista (versio {version}) alla luetelluin "
              "tavoin. Kunkin muutoksen kohdalla on kansallinen ja paikallinen arvo rinnakkain, perustelu sekä "
              "linkit paikalliseen ja kansalliseen versioon; kohdasta Lähde näkee tiedoston ja rivin.", lang).format(
               region=esc(region.name, lang) if region else "", version=esc(model.project.version)), ""]
    if drift:
        out += [admonition("warning", tr("Kansallinen malli on muuttunut", lang),
                           "\n".join(f"- {drift_line(d, lang)}" for d in drift)), ""]
    if not model.deviations:
        out += [tr("Ei poikkeamia: alue käyttää kansallista mallia sellaisenaan.", lang), ""]
        return "\n".join(out) + "\n"
    added = {d.id for d in model.deviations if d.op == "add"}  # they have no national version
    for collection in SECTIONS:
        devs = [d for d in model.deviations if d.collection == collection]
        if not devs:
            continue
        out += [f"## {tr(SECTIONS[collection], lang)}", ""]
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
            what = tr(OPS[d.op], lang) if d.op in OPS else d.op
            if d.fields:
                labels = [esc(model.role(f).name, lang) if d.collection == "raci" and model.role(f) else
                          esc(field_name(f, lang)) for f in d.fields]
                what += ": " + ", ".join(labels)
            # Where the change is written helps a maintainer, not a reader: folded away.
            source = (f'<details class="typ-source"><summary>{tr("Lähde", lang)}</summary>'
                      f'<code>{esc(d.origin.file)}:{d.origin.line}</code></details>')
            national_value, local_value = _side_by_side(model, d, lang)
            anchor = f'<span id="{attr(deviation_anchor(d.collection, d.id, d.process))}"></span>'
            rows.append([f"**{name}**{anchor}<br>{' · '.join(links)}", what, national_value, local_value,
                         (esc(d.reason, lang) or "–") + source])
        header = ("Kohde", "Muutos", "Kansallinen malli", "Tämä alue", "Perustelu")
        out += [table([tr(h, lang) for h in header], rows), ""]
    counts = {op: sum(d.op == op for d in model.deviations) for op in OPS}
    out += [tr("Yhteensä: {counts}.", lang).format(
        counts=", ".join(f"{tr(OPS[k], lang).lower()} {v}" for k, v in counts.items() if v))]
    return "\n".join(out) + "\n"


# Drift findings in words (Finnish: they point a region's editors at their overlay lines).
DRIFT_KIND = {"steps": "vaihe", "roles": "rooli", "organisations": "organisaatio", "duties": "vuosikellon tehtävä",
              "terms": "termi", "raci": "vaiheen RACI-rivi"}
DRIFT_OPS = {"added": "lisätty", "removed": "poistettu", "moved": "siirretty toiseen kohtaan", "changed": "muutettu"}


def _drift_what(changes: tuple[Change, ...]) -> str:
    parts = []
    for c in changes:
        if c.collection == "flows":
            parts.append(f"siirtymä {c.name} {DRIFT_OPS[c.op]}")
        elif c.op != "changed":
            parts.append(DRIFT_OPS[c.op])
        else:
            parts += [f"{field_label(f.field) if not f.label else f.label}: {f.old or '–'} → {f.new or '–'}"
                      for f in c.fields]
    return "; ".join(parts)


def drift_line(d: Drift, lang: str = "fi") -> str:
    """One drift finding as a Markdown list item's text (escaped)."""
    if d.diagnostic.code == "DRIFT003":
        return tr("Kansallisesta mallista on uudempi versio {version} kuin tämän käsikirjan pohjana oleva "
                  "{based_on}. Muutokset näkyvät komennolla typ upgrade-base --dry-run.", lang).format(
            version=esc(d.version), based_on=esc(d.based_on))
    if d.diagnostic.code == "DRIFT002":
        return (f"Kansallista versiota {esc(d.based_on)}, jota vasten paikalliset muutokset on kirjoitettu, "
                "ei löytynyt, joten kansallisia muutoksia ei voitu verrata paikallisiin.")
    where = d.diagnostic
    return (f"{esc(where.file)}, rivi {where.line}: kansallinen {DRIFT_KIND.get(d.collection, d.collection)} "
            f"**{esc(d.name)}** on muuttunut versiosta {esc(d.based_on)} versioon {esc(d.version)} "
            f"({esc(_drift_what(d.changes))}). Tarkista paikallinen muutos.")

