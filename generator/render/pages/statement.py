"""The accessibility statement (act 306/2019 9 §), generated from typ.yaml `accessibility` and, for a
regional handbook, the region's own feedback contact. What the model does not say is not guessed: the
page says in plain words that it is not given yet (A11Y001 tells the steering group what to add), and a
`review:` note is never shown (`typ report review` lists it), as everywhere in the handbook."""

from __future__ import annotations

from ...i18n import tr
from ...model import Contact, Model
from ..context import SiteContext
from ..markdown import attr, block, esc
from .common import law_links

STATUS = {
    "full": "{name} täyttää WCAG 2.1 -ohjeiden AA-tason vaatimukset.",
    "partial": "{name} täyttää WCAG 2.1 -ohjeiden AA-tason vaatimukset osittain.",
    "none": "{name} ei täytä WCAG 2.1 -ohjeiden AA-tason vaatimuksia.",
}


def _date(iso: str, lang: str) -> str:
    """2026-12-01 -> 1.12.2026 (the Finnish and Swedish official form)."""
    try:
        y, m, d = (int(x) for x in iso.split("-"))
    except ValueError:
        return esc(iso)
    return f"{d}.{m}.{y}"


def _missing(sentence: str, lang: str) -> list[str]:
    """A true sentence for the reader in place of a missing fact; no to-do box on a published page."""
    return [tr(sentence, lang), ""]


def _contact(c: Contact, lang: str) -> str:
    """The electronic contact 9 § asks for (a phone number is not feedback in writing)."""
    parts = [esc(c.name)]
    if c.title:
        parts.append(esc(c.title, lang))
    if c.email:
        parts.append(f'{tr("sähköposti", lang)} <a href="mailto:{attr(c.email)}">{esc(c.email)}</a>')
    return ", ".join(parts)


def statement_page(model: Model, ctx: SiteContext) -> str:
    lang = ctx.lang
    a = model.project.accessibility
    name = (model.region.name if model.region else model.project.name).get(lang)
    out = [f"# {tr('Saavutettavuusseloste', lang)}", "",
           tr("Tämä seloste koskee verkkopalvelua {name}. Digitaalisten palvelujen tarjoamisesta annettu laki "
              "(306/2019) edellyttää, että julkisen sektorin verkkopalvelut täyttävät WCAG 2.1 -ohjeiden "
              "AA-tason vaatimukset ja että niillä on saavutettavuusseloste.", lang).format(name=esc(name)), ""]

    out += [f"## {tr('Saavutettavuuden tila', lang)}", ""]
    if a is not None and a.status in STATUS:
        out += [tr(STATUS[a.status], lang).format(name=esc(name)), ""]
    else:
        out += _missing("Saavutettavuuden tilaa ei ole vielä arvioitu.", lang)

    out += [f"## {tr('Sisältö, joka ei ole saavutettavaa', lang)}", ""]
    if a is not None and a.gaps:
        for g in a.gaps:
            item = f"- **{esc(g.what, lang)}** {esc(g.reason, lang)}"
            if g.alternative:
                item += f" {tr('Vaihtoehto:', lang)} {esc(g.alternative, lang)}"
            out.append(item)
        out.append("")
    elif a is not None and a.status == "full":
        out += [tr("Tunnettuja puutteita ei ole.", lang), ""]
    else:
        out += _missing("Tunnettuja puutteita ei ole vielä kirjattu tähän selosteeseen.", lang)
    out += [tr("Jos tarvitset jonkin sisällön saavutettavassa muodossa, voit pyytää sitä alla olevasta "
               "osoitteesta (306/2019 10 §).", lang), ""]

    out += [f"## {tr('Selosteen laatiminen', lang)}", ""]
    if a is not None and a.assessed:
        out += [tr("Saavutettavuus on arvioitu {date}.", lang).format(date=_date(a.assessed, lang))
                + (" " + block(a.method, lang) if a.method else ""), ""]
        out += [tr("Käsikirjan versio {version}.", lang).format(version=esc(model.project.version)), ""]
    else:
        out += _missing("Saavutettavuuden arvioinnin päivämäärää ei ole vielä julkaistu.", lang)

    out += [f"## {tr('Palaute', lang)}", "",
            tr("Jos huomaat saavutettavuuspuutteen, kerro siitä meille. Vastaamme viimeistään kahden viikon "
               "kuluessa (306/2019 10 §).", lang), ""]
    feedback = (model.region.feedback if model.region else None) or (a.feedback if a else None)
    if feedback is not None and feedback.email:
        out += [f"{tr('Palaute', lang)}: {_contact(feedback, lang)}", ""]
    else:
        out += _missing("Palautteen sähköpostiosoitetta ei ole vielä julkaistu.", lang)

    out += [f"## {tr('Valvontaviranomainen', lang)}", "",
            tr("Jos et ole tyytyväinen vastaukseen tai et saa vastausta kahden viikon kuluessa, voit tehdä "
               "saavutettavuuskantelun valvontaviranomaiselle.", lang), ""]
    sup = a.supervisor if a else None
    if sup is not None:
        label = esc(sup.name, lang)
        line = f'<a href="{attr(sup.url)}">{label}</a>' if sup.url else label
        if sup.legal_basis:
            line += f" ({tr('peruste', lang)}: {law_links(model, sup.legal_basis, lang)})"
        out += [line, ""]
    else:
        out += _missing("Valvontaviranomaista ei ole vielä nimetty tässä selosteessa.", lang)
    return "\n".join(out) + "\n"
