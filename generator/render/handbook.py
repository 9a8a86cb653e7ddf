"""Everything one handbook consists of, as a pure function of the model: its pages, diagrams,
downloads and navigation. The site stage writes these files and runs MkDocs on them."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from importlib import resources

import yaml

from ..analysis.drift import Drift
from ..i18n import tr
from ..model import Model, Process
from ..model.calendar import start_year
from . import bpmn, ics, paths, stats_template, swimlane, tables, wheel, xlsx
from .context import SiteContext, SiteFiles
from .layout import layout
from .markdown import attr
from .pages import (
    calendar,
    cases,
    criteria,
    deviations,
    front,
    glossary,
    indicators,
    process,
    raci,
    recording,
    roles,
    statement,
)
from .pages.common import nav_title

# A longer process lists its steps on its overview page only, not in the sidebar: Material renders
# the whole navigation into every page, so a sidebar of n steps makes the build grow with n squared
# (400 steps: 160 000 nav items, 137 MB of HTML), and nobody scrolls a sidebar of hundreds of links.
NAV_STEPS = 50


def _scaled(svg: str, factor: float) -> str:
    """Shrink an SVG's displayed size (its pt width/height), keeping the viewBox: a wide process map
    stays readable on the page with less sideways scrolling."""
    def scale(m: re.Match) -> str:
        return f'{m.group(1)}="{float(m.group(2)) * factor:.0f}pt"'

    head, _, rest = svg.partition(">")
    return re.sub(r'\b(width|height)="([\d.]+)pt"', scale, head) + ">" + rest


def _strip_prolog(svg: str) -> str:
    """Inline SVG in HTML must not carry an XML declaration or DOCTYPE."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    return re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S).strip()


def with_title(markdown: str) -> str:
    """Give a generated page an HTML-escaped front-matter title.

    Without it Material puts `page.title | striptags` into <title>, and striptags *unescapes*
    entities: model text like `</title><script>` would become live markup. A meta title is printed
    as it is, so we escape it once, here."""
    meta: dict = {}
    front = re.match(r"---\n(.*?)\n---\n+", markdown, re.S)
    if front:  # a page's own front matter (e.g. hide: [toc]) is kept, with the title added
        meta = yaml.safe_load(front.group(1)) or {}
        markdown = markdown[front.end():]
    m = re.search(r"^# (.+)$", markdown, re.M)
    if m:
        # Our own markup in a heading (a lang span) is not part of the title; model text has no '<' left.
        meta["title"] = attr(html.unescape(re.sub(r"<[^>]+>", "", m.group(1))))
    if not meta:
        return markdown
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, width=10_000) + "---\n\n" + markdown


Diagrams = Callable[[Process, Model, str, dict[str, str]], tuple[str, str]]


def diagrams(proc: Process, model: Model, lang: str, links: dict[str, str]) -> tuple[str, str]:
    """A process's swimlane SVG and BPMN, from one layout so the two never disagree."""
    lay = layout(proc, model, lang)
    return swimlane.render_svg(proc, model, lang, links=links, lay=lay), bpmn.render_bpmn(proc, model, lang, lay)


def _css_string(text: str) -> str:
    """A CSS string literal: quotes, backslashes and line breaks of model text escaped."""
    return '"' + re.sub(r'[\\"\n\r]', lambda m: f"\\{ord(m.group()):x} ", text) + '"'


def print_footer(model: Model, ctx: SiteContext) -> str:
    """The running footer of every printed page: handbook, model version and source revision, so a
    printout can be dated (typ-print.js adds the page's address in the middle)."""
    lang = ctx.lang
    name = model.region.name.get(lang) if model.region else model.project.name.get(lang)
    parts = [name, f"{tr('mallin versio', lang)} {model.project.version}"]
    if ctx.revision:
        parts.append(f"{tr('lähde', lang)} {ctx.revision}")
    return ("\n/* generated: the running footer of this handbook's printouts */\n"
            f"@page {{ @bottom-left {{ content: {_css_string(' · '.join(parts))}; font: 7pt/1.2 sans-serif; "
            "color: #333; } @bottom-center { font: 7pt/1.2 sans-serif; color: #333; } }\n"
            f"@page typ-wide {{ @bottom-left {{ content: {_css_string(' · '.join(parts))}; }} }}\n")


def render_handbook(model: Model, ctx: SiteContext, extra_pages: dict[str, str] | None = None,
                    drift: list[Drift] | None = None, draw: Diagrams = diagrams) -> SiteFiles:
    """Every generated file of one handbook and its navigation (pure: no disk access, unless `draw`,
    which makes the diagrams, is the site stage's cached one)."""
    lang = ctx.lang
    site = SiteFiles()
    f = site.files
    f[paths.FRONT] = front.front_page(model, ctx)
    nav: list = [{tr("Etusivu", lang): paths.FRONT}]
    for proc in model.processes:
        here = paths.process_path(proc)
        links = {s.id: paths.html_url(paths.rel(here, paths.step_path(proc, s))) for s in proc.steps}
        bpmn_path, svg_path = paths.process_file(proc, "bpmn"), paths.process_file(proc, "svg")
        svg, f[bpmn_path] = draw(proc, model, lang, links)
        f[svg_path] = svg
        inline = _scaled(_strip_prolog(svg), 0.8)
        f[here] = process.process_page(model, proc, ctx, inline, bpmn_path, svg_path)
        children: list = [{tr("Yleiskuva", lang): here}]
        for s in proc.steps:
            f[paths.step_path(proc, s)] = process.step_page(model, proc, s, ctx)
            if len(proc.steps) > NAV_STEPS:
                continue
            children.append({nav_title(s.name, lang) + (" " + tr("(paikallinen)", lang) if s.local else ""):
                             paths.step_path(proc, s)})
        nav.append({nav_title(proc.name, lang): children})
        f[paths.raci_csv_path(proc)] = tables.raci_csv(model, proc, lang)
        f[paths.raci_xlsx_path(proc)] = xlsx.render_xlsx(model, [proc], lang, ctx.revision)
    f[paths.RACI] = raci.raci_page(model, ctx)
    nav.append({tr("RACI-matriisi", lang): paths.RACI})
    f[paths.ROLES] = roles.roles_index(model, ctx)
    role_nav: list = [{tr("Kaikki roolit", lang): paths.ROLES}]
    for role in model.roles:
        has_duties = any(d.responsible == role.id or role.id in d.participants for d in model.duties)
        role_wheel = _strip_prolog(wheel.render_wheel_svg(
            model, role=role.id, lang=lang, legend=False,
            links=calendar.wheel_links(paths.role_path(role), model))) if has_duties else None
        f[paths.role_path(role)] = roles.role_page(model, role, ctx, role_wheel)
        if has_duties:
            f[paths.role_feed(role.id)] = ics.render_ics(model, role=role.id, lang=lang)
        role_nav.append({nav_title(role.name, lang): paths.role_path(role)})
    nav.append({tr("Roolit – Minun tehtäväni", lang): role_nav})
    # Printable wheels for the model's year and the two after it (from the version, never the clock).
    first = start_year(model)
    printable = {y: paths.printable_wheel(y) for y in range(first, first + 3)}
    for y, path in printable.items():
        f[path] = wheel.render_wheel_svg(model, lang=lang, year=y)
    page_wheel = wheel.render_wheel_svg(model, lang=lang, legend=False,
                                        links=calendar.wheel_links(paths.CALENDAR, model))
    f[paths.CALENDAR] = calendar.calendar_page(model, ctx, _strip_prolog(page_wheel), printable)
    f[paths.CALENDAR_FEED] = ics.render_ics(model, lang=lang)
    nav.append({tr("Vuosikello", lang): paths.CALENDAR})
    if model.criteria:
        f[paths.CRITERIA_PAGE] = criteria.criteria_page(model, ctx)
        items: list = [{tr("Asiakkuuden alku ja loppu", lang): paths.CRITERIA_PAGE}]
        if model.cases:
            f[paths.CASES_PAGE] = cases.cases_page(model, ctx)
            f[paths.WORKSHOP_PAGE] = cases.workshop_page(model, ctx)
            f[paths.SURVEY_CSV] = tables.survey_csv(model, lang)
            items += [{tr("Rajatapaukset", lang): paths.CASES_PAGE},
                      {tr("Työpajapohja: asiakastarinat", lang): paths.WORKSHOP_PAGE}]
        nav.append({tr("Asiakkuuden alku ja loppu", lang): items})
    if any(s.records for p in model.processes for s in p.steps):
        f[paths.RECORDING] = recording.recording_page(model, ctx)
        f[paths.RECORDS_CSV] = tables.records_csv(model, lang)
        items = [{tr("Kirjaamisohje", lang): paths.RECORDING}]
        if model.indicators:
            f[paths.INDICATORS] = indicators.indicators_page(model, ctx)
            f[paths.STATS_CSV] = stats_template.stats_csv(model, lang)
            f[paths.STATS_XLSX] = stats_template.stats_xlsx(model, lang)
            items.append({tr("Tunnusluvut", lang): paths.INDICATORS})
        for role in recording.recording_roles(model):
            f[paths.recording_checklist(role)] = recording.checklist_page(model, role, ctx)
            items.append({tr("Tarkistuslista: {role}", lang).format(role=nav_title(role.name, lang)):
                          paths.recording_checklist(role)})
        nav.append({tr("Kirjaaminen", lang): items})
    f[paths.GLOSSARY] = glossary.glossary_page(model, ctx)
    nav.append({tr("Sanasto", lang): paths.GLOSSARY})
    if model.region is not None:
        f[paths.DEVIATIONS] = deviations.deviations_page(model, ctx, drift)
        nav.append({tr("Paikalliset poikkeamat", lang): paths.DEVIATIONS})
    f[paths.STATEMENT] = statement.statement_page(model, ctx)
    nav.append({tr("Saavutettavuusseloste", lang): paths.STATEMENT})
    for path, text in sorted((extra_pages or {}).items()):
        if path in f:
            site.clashes.append(path)
            continue
        f[path] = text
        m = re.search(r"^#\s+(.+)$", text, re.M)
        nav.append({attr(m.group(1).strip()) if m else path: path})
    for path in [p for p in f if p.endswith(".md") and p not in (extra_pages or {})]:
        f[path] = with_title(f[path])
    assets = resources.files("generator").joinpath("assets")
    f["assets/typ.css"] = assets.joinpath("typ.css").read_text("utf-8") + print_footer(model, ctx)
    for asset in ("typ-search.js", "typ-print.js", "typ-views.css", "typ-views.js"):
        f[f"assets/{asset}"] = assets.joinpath(asset).read_text("utf-8")
    site.nav = nav
    return site
