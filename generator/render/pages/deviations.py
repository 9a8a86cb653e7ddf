"""A regional handbook's deviations page: every local change with its reason, file, line and links."""

from __future__ import annotations

from ...analysis.diff import Change
from ...analysis.drift import Drift
from ...i18n import tr
from ...model import Model
from ..context import SiteContext
from ..markdown import admonition, attr, esc, link, table
from ..paths import deviation_anchor, html_url, local_target, national_target, rel
from ..vocabulary import field_label, field_name
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


def deviations_page(model: Model, ctx: SiteContext, drift: list[Drift] | None = None) -> str:
    lang, here = ctx.lang, "poikkeamat.md"
    region = model.region
    out = [f"# {tr('Paikalliset poikkeamat', lang)}", "",
           tr("Tämä käsikirja (**{region}**) poikkeaa kansallisesta mallista (versio {version}) alla luetelluin "
              "tavoin. Kunkin muutoksen kohdalla on perustelu, tiedosto ja rivi, jolla muutos on tehty, sekä linkit "
              "paikalliseen ja kansalliseen versioon.", lang).format(
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
            source = f'<br><small>{esc(d.origin.file)}:{d.origin.line}</small>'
            anchor = f'<span id="{attr(deviation_anchor(d.collection, d.id, d.process))}"></span>'
            rows.append([f"**{name}**{anchor}<br>{' · '.join(links)}", what + source, esc(d.reason, lang) or "–"])
        out += [table([tr(h, lang) for h in ("Kohde", "Muutos", "Perustelu")], rows), ""]
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

