"""The criteria page ("Asiakkuuden alku ja loppu": the lists side by side, each item with its source and
status), code lists as tables, and what step pages show from the criteria (generated checklists and every
network's contacts). Pure functions of the model; which lists exist is model data."""

from __future__ import annotations

from ...i18n import tr
from ...model import Case, CodeList, Criterion, Model
from ..context import SiteContext
from ..markdown import admonition, attr, block, esc
from ..paths import CASES_PAGE, CRITERIA_PAGE, SURVEY_CSV, WORKSHOP_PAGE, html_url, rel
from ..vocabulary import STATUS_WORDS, VERSION_WORDS
from .common import law_links

STATUS_CLASS = {"statutory": "typ-statutory", "agreed": "typ-agreed", "under-discussion": "typ-discussion",
                "agreed-differently": "typ-local"}
WIDE = "---\nhide: [navigation, toc]\n---\n\n"  # front matter: side-by-side columns need the page's full width


def _url(here: str, to: str, anchor: str = "") -> str:
    return attr(html_url(rel(here, to)) + (f"#{anchor}" if anchor else ""))


def page_link(here: str, to: str, label: str, anchor: str = "") -> str:
    return f'<a href="{_url(here, to, anchor)}">{label}</a>'


def _source_html(model: Model, c: Criterion, lang: str) -> str:
    parts = []
    if c.source:
        doc = model.document(c.source.document)
        name = esc(doc.name, lang) if doc else esc(c.source.document)
        # A quotation stays in the source's words, Finnish: marked so for screen readers on other pages.
        q_lang = ' lang="fi"' if lang != "fi" else ""
        quote = f": <q{q_lang}>{esc(c.source.quote)}</q>" if c.source.quote else ""
        parts.append(name + quote)
    if c.legal_basis:
        parts.append(law_links(model, c.legal_basis, lang))
    return f"<small>{tr('Lähde', lang)}: {'; '.join(parts)}</small>" if parts else ""


def _stories_of(model: Model, criterion_id: str) -> list[Case]:
    return [case for case in model.cases if any(f.criterion == criterion_id for f in case.factors)]


def _criterion_item(model: Model, ctx: SiteContext, c: Criterion, here: str) -> str:
    lang = ctx.lang
    bits = [f"<p>{esc(c.text, lang)}</p>", f"<p>{status_badge(c, lang)}</p>", _source_html(model, c, lang)]
    if c.note:
        bits.append(f"<p><small><strong>{tr('Huomio', lang)}:</strong> {esc(c.note, lang)}</small></p>")
    reasons = [v for cl in model.codelists for r in c.end_reasons if (v := cl.value(r))]
    if reasons:
        bits.append(f"<p><small>{tr('Päättymisen syy', lang)}: "
                    + ", ".join(esc(v.name, lang) for v in reasons) + "</small></p>")
    related = [r for r in (model.criterion(x) for x in c.related) if r]
    if related:
        bits.append(f"<p><small>{tr('Liittyy', lang)}: " + "; ".join(
            f'<a href="#k-{attr(r.id)}">{esc(r.text, lang)}</a>' for r in related) + "</small></p>")
    stories = _stories_of(model, c.id)
    if stories:
        bits.append(f"<p><small>{tr('Asiakastarinoissa', lang)}: " + ", ".join(
            page_link(here, CASES_PAGE, case_title(s, lang), f"t-{s.id}") for s in stories) + "</small></p>")
    if c.at("status").local or c.at("text").local:
        dev = next((d for d in model.deviations if d.collection == "criteria" and d.id == c.id), None)
        if dev and dev.reason:
            bits.append(f"<p><small><strong>{tr('Perustelu', lang)}:</strong> {esc(dev.reason, lang)}</small></p>")
        if ctx.national_base is not None and not c.local:
            up = "../" * here.count("/")  # national_base is from the handbook's root, this page is below it
            bits.append(f'<p><small><a href="{attr(up + ctx.national_base + html_url(CRITERIA_PAGE))}#k-{attr(c.id)}">'
                        f'{tr("Kansallinen muotoilu", lang)}</a></small></p>')
    return f'<li id="k-{attr(c.id)}">' + "".join(b for b in bits if b) + "</li>"


def criteria_page(model: Model, ctx: SiteContext) -> str:
    lang, here = ctx.lang, CRITERIA_PAGE
    out = [WIDE + f"# {tr('Asiakkuuden alku ja loppu', lang)}", "", tr(
        "Kriteerit neljänä listana: milloin asiakas ohjataan ja milloin ei, milloin hän pysyy asiakkaana ja "
        "milloin hänet ohjataan pois. Jokaisen kohdan lähde ja tila on merkitty; kohdat, joita ei ole sovittu "
        "kansallisesti, ovat keskusteltavana, eivätkä ne yksin ratkaise asiakkuutta. Ohjauksen ja arvioinnin "
        "tarkistuslistat muodostetaan näistä kriteereistä.", lang), "",
        tr("Asiakastarinat pareittain: {cases}. Työpajapohja ja kyselypohja oman verkoston validointiin: {sheet}, "
          "{csv}.", lang).format(cases=page_link(here, CASES_PAGE, tr("Rajatapaukset", lang)),
                                 sheet=page_link(here, WORKSHOP_PAGE, tr("Työpajapohja: asiakastarinat", lang)),
                                 csv=f'<a href="{attr(rel(here, SURVEY_CSV))}" download>'
                                     f'{tr("kyselypohja (CSV)", lang)}</a>'), ""]
    cols = []
    for lst in model.criteria_lists:
        items = [_criterion_item(model, ctx, c, here) for c in model.criteria if c.list == lst.id]
        cols.append(f'<section class="typ-crit-col" aria-labelledby="l-{attr(lst.id)}">'
                    f'<h2 id="l-{attr(lst.id)}">{esc(lst.name, lang)}</h2><ol>{"".join(items)}</ol></section>')
    out += ['<div class="typ-crit-grid">' + "".join(cols) + "</div>", ""]
    for cl in model.codelists:
        if any(r for c in model.criteria for r in c.end_reasons if cl.value(r)):
            out += codelist_section(cl, lang)
    return "\n".join(out) + "\n"


def codelist_section(cl: CodeList, lang: str, level: str = "##") -> list[str]:
    """A code list as a table of values and definitions; avoided values struck through and said in words."""
    out = [f'{level} {esc(cl.name, lang)} {{ #c-{cl.id} }}', ""]
    if cl.description:
        out += [block(cl.description, lang), ""]
    if cl.status == "illustrative":
        out += [admonition("warning", tr("Huomio", lang), tr(
            "Koodisto on havainnollistava: arvoja ei ole vielä kohdistettu asiakastietojärjestelmän koodeihin.",
            lang)), ""]
    if cl.system:
        out += [f"{tr('Järjestelmä', lang)}: {esc(cl.system, lang)}", ""]
    rows = []
    for v in cl.values:
        name = esc(v.name, lang)
        if v.avoid:
            name = f"<del>{name}</del> (**{tr('ei käytetä', lang)}**)"
        if v.proposed:
            name += f" (*{tr('ehdotus, ei sovittu', lang)}*)"
        rows.append([name, esc(v.definition, lang) or " ", esc(v.system_code) or "–"])
    header = [tr(h, lang) for h in ("Arvo", "Määritelmä", "Järjestelmän koodi")]
    out += ["| " + " | ".join(header) + " |", "|---|---|---|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out + [""]


def case_title(case: Case, lang: str) -> str:
    who = tr("{person}, {age} v", lang).format(person=esc(case.person), age=case.age) if case.age else esc(case.person)
    return f"{who}: {tr(VERSION_WORDS[case.version], lang).lower()}"


def status_badge(c: Criterion, lang: str) -> str:
    return (f'<span class="typ-badge {STATUS_CLASS.get(c.status, "typ-practice")}">'
            f'{tr(STATUS_WORDS.get(c.status, c.status), lang)}</span>')


# ---------------------------------------------------------------- pieces of step pages


def criteria_checklist(model: Model, list_id: str, here: str, lang: str) -> list[str]:
    """A step's checklist generated from one criteria list: each item with its status in words."""
    lst = model.criteria_list(list_id)
    if lst is None:
        return []
    out = [f"## {esc(lst.name, lang)}", "", tr("Tarkistuslista muodostetaan sivun {page} kriteereistä.", lang).format(
        page=f"[{tr('Asiakkuuden alku ja loppu', lang)}]({rel(here, CRITERIA_PAGE)}#l-{list_id})"), ""]
    for c in model.criteria:
        if c.list == list_id:
            out.append(f"- [{esc(c.text, lang)}]({rel(here, CRITERIA_PAGE)}#k-{c.id}) {status_badge(c, lang)}")
    return out + [""]


def network_contacts(model: Model, lang: str) -> list[str]:
    """Every regional network's contacts, from the region files: whom to call about a handover."""
    if not model.networks:
        return []
    out = [f"## {tr('Verkostojen yhteystiedot', lang)}", ""]
    header = [tr(h, lang) for h in ("Verkosto", "Yhteyshenkilö", "Puhelin", "Sähköposti")]
    out += ["| " + " | ".join(header) + " |", "|---|---|---|---|"]
    for net in model.networks:
        for i, c in enumerate(net.contacts or ()):
            who = esc(c.name) + (f"<br><small>{esc(c.title, lang)}</small>" if c.title else "")
            mail = f"[{esc(c.email)}](mailto:{c.email})" if c.email else ""
            out.append(f"| {esc(net.name, lang) if i == 0 else ' '} | {who} | {esc(c.phone)} | {mail} |")
    return out + [""]

