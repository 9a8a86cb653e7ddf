"""The client stories: each person's two versions side by side ("Rajatapaukset"), a printable workshop
sheet, and the validation survey as a CSV template, so that a network can rerun the study with its staff."""

from __future__ import annotations

from ...i18n import tr
from ...model import Case, Model
from ..context import SiteContext
from ..markdown import admonition, attr, block, esc
from ..paths import CASES_PAGE, CRITERIA_PAGE, SURVEY_CSV, WORKSHOP_PAGE, rel
from ..vocabulary import VERSION_WORDS
from .criteria import WIDE, case_title, page_link


def _people(model: Model) -> list[tuple[str, list[Case]]]:
    """Each person's versions together, in the order their first story appears."""
    people: dict[tuple[str, int | None], list[Case]] = {}
    for case in model.cases:
        people.setdefault((case.person, case.age), []).append(case)
    return [(person, sorted(cases, key=lambda c: c.version != "belongs")) for (person, _), cases in people.items()]


def _factor_html(model: Model, case: Case, here: str, lang: str) -> str:
    items = []
    for f in case.factors:
        c = model.criterion(f.criterion) if f.criterion else None
        if c is not None:
            lst = model.criteria_list(c.list)
            link = page_link(here, CRITERIA_PAGE, esc(c.text, lang), f"k-{c.id}")
            where = f" ({esc(lst.name, lang)})" if lst else ""
            why = f"<small>{tr('Kriteeri', lang)}: {link}{where}</small>"
        else:
            why = f"<small>{tr('Ei vastaavaa kriteeriä', lang)}: {esc(f.no_criterion, lang)}</small>"
        items.append(f"<li><p>{esc(f.text, lang)}</p><p>{why}</p></li>")
    return "<ul>" + "".join(items) + "</ul>"


def _agreement(case: Case, lang: str) -> str:
    value = f"{case.agreement:g} %" if case.agreement is not None else tr("ei tiedossa", lang)
    return f"<p><small>{tr('Samaa mieltä', lang)}: {value}</small></p>"


def cases_page(model: Model, ctx: SiteContext) -> str:
    lang, here = ctx.lang, CASES_PAGE
    out = [WIDE + f"# {tr('Rajatapaukset', lang)}", ""]
    for cs in model.case_sets:
        body = block(cs.caveat, lang) + ("\n\n" + block(cs.agreement, lang) if cs.agreement else "")
        out += [admonition("warning", tr("Tarinat eivät aseta kriteerejä", lang), body), ""]
    out += [tr("Kriteerit ovat listoina sivulla {page}; tarinat näyttävät, miten ne näkyvät yksittäisen asiakkaan "
              "tilanteessa. Jokainen tekijä on linkitetty kriteeriin, jota se havainnollistaa.", lang).format(
        page=page_link(here, CRITERIA_PAGE, tr("Asiakkuuden alku ja loppu", lang))), ""]
    for person, cases in _people(model):
        first = cases[0]
        out += [f"## {tr('{person}, {age} v', lang).format(person=esc(person), age=first.age)}"
                if first.age else f"## {esc(person)}", ""]
        cols = []
        for case in cases:
            num = f"{tr('Tarina {n}', lang).format(n=case.story)} – " if case.story else ""
            cols.append(f'<section class="typ-case typ-case-{attr(case.version)}" id="t-{attr(case.id)}" '
                        f'aria-labelledby="h-{attr(case.id)}"><h3 id="h-{attr(case.id)}">{num}'
                        f'{tr(VERSION_WORDS[case.version], lang)}</h3>{_agreement(case, lang)}'
                        f'{_factor_html(model, case, here, lang)}</section>')
        out += ['<div class="typ-case-pair">' + "".join(cols) + "</div>", ""]
    return "\n".join(out) + "\n"


def workshop_page(model: Model, ctx: SiteContext) -> str:
    """A sheet to print: every story with its factors and empty columns for the group's answers."""
    lang, here = ctx.lang, WORKSHOP_PAGE
    out = [f"# {tr('Työpajapohja: asiakastarinat', lang)}", "", f"## {tr('Näin käytät pohjaa', lang)}", "", tr(
        "Selvityksessä tarinat yhteiskehitettiin työpajassa, ja laajempi joukko arvioi kyselyllä, oliko se samaa "
        "mieltä. Toistakaa sama omassa verkostossanne: tulostakaa tämä sivu, käykää tarinat läpi ryhmissä ja "
        "merkitkää, oletteko samaa mieltä kustakin tekijästä. Kyselypohjan (CSV) voi tuoda lomaketyökaluun tai "
        "taulukkoon, jolloin koko henkilöstö voi vastata samoihin kysymyksiin.", lang), "",
        f'<a href="{attr(rel(here, SURVEY_CSV))}" download>{tr("kyselypohja (CSV)", lang)}</a>', ""]
    for cs in model.case_sets:
        out += [admonition("warning", tr("Tarinat eivät aseta kriteerejä", lang), block(cs.caveat, lang)), ""]
    for case in sorted(model.cases, key=lambda c: (c.story or 0, c.id)):
        num = f"{tr('Tarina {n}', lang).format(n=case.story)}: " if case.story else ""
        out += ['<section class="typ-sheet" markdown="1">', "", f"## {num}{case_title(case, lang)}", ""]
        header = [tr(h, lang) for h in ("Tekijä", "Samaa mieltä?", "Kommentti")]
        out += ["| " + " | ".join(header) + " |", "|---|---|---|"]
        out += [f"| {esc(f.text, lang)} | {tr('kyllä / ei / en osaa sanoa', lang)} | |" for f in case.factors]
        out += ["", f"{tr('Puuttuuko jotain, mikä ratkaisee asiakkuuden?', lang)}", "",
                '<div class="typ-write-here"></div>', "", "</section>", ""]
    return "\n".join(out) + "\n"
