"""The front page: what the handbook is and how to use it."""

from __future__ import annotations

from ...i18n import tr
from ...model import Model
from ..context import SiteContext
from ..markdown import block, esc, link
from ..paths import process_path
from .common import contacts_md


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
            out += [f"## {tr('Yhteystiedot', lang)}", contacts_md(r.contacts, lang), ""]
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
