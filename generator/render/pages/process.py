"""A process page (diagram and steps in order) and one page per step."""

from __future__ import annotations

from ...i18n import tr
from ...model import Model, Process, Step
from ..context import SiteContext
from ..markdown import admonition, attr, block, esc, link, table
from ..paths import CALENDAR, RECORDING, process_path, rel, role_path, step_path
from ..vocabulary import LETTERS, deadline_phrase, step_type
from . import criteria, overview
from .common import (
    SEARCH_EXCLUDE,
    badges,
    changed_note,
    joint_words,
    law_links,
    local_section,
    rhythm_words,
    step_link,
)


def process_page(model: Model, proc: Process, ctx: SiteContext, svg: str, bpmn_file: str | None,
                 svg_file: str | None = None) -> str:
    lang, here = ctx.lang, process_path(proc)
    # The whole process on the first screen: no table of contents beside it (the map gets the width),
    # the numbered tasks, then the map fitted to the width (assets/typ-views.js adds zoom and pan).
    out = ["---", "hide:", "  - toc", "---", "", f"# {esc(proc.name, lang)}", ""]
    out += overview.phase_strip(proc, here, lang)
    labels = {"fit": tr("Sovita leveyteen", lang), "in": tr("Suurenna", lang), "out": tr("Pienennä", lang),
              "help": tr("Vedä kaaviota siirtääksesi sitä; numerot ovat vaiheiden numerot.", lang)}
    data = " ".join(f'data-label-{k}="{attr(v)}"' for k, v in labels.items())
    out += [f'<figure class="typ-diagram typ-swimlane" markdown="0" data-search-exclude {data}>{svg}</figure>', ""]
    out += [tr("Kaavio näyttää vaiheet organisaatioittain (kaistat); numerot ovat samat kuin alla olevassa "
               "taulukossa. Vaihetta napsauttamalla avautuu sen sivu. Sama sisältö on tekstinä kaavion alla.", lang),
            ""]
    if svg_file:
        out += [f"[{tr('Avaa kaavio täysikokoisena', lang)}]({rel(here, svg_file)}) "
                + tr("(SVG, tulostettavissa)", lang), ""]
    if model.region and any(s.local for s in proc.steps):
        out += [tr("Paikalliset vaiheet on merkitty kaavioon katkoviivalla ja tekstillä *(paikallinen)*.", lang), ""]
    if bpmn_file:
        out += [f"[{tr('Lataa BPMN 2.0 -tiedosto', lang)}]({rel(here, bpmn_file)}){{: download }} "
                + tr("(avautuu esim. Camunda Modelerissa ja bpmn.io:ssa)", lang), ""]
    if proc.description:
        out += [f"## {tr('Kuvaus', lang)}", "", block(proc.description, lang), ""]
    if proc.legal_basis:
        out += [f"**{tr('Lakiperuste', lang)}:** {law_links(model, proc.legal_basis, lang)}", ""]
    out += [f"## {tr('Vaiheet järjestyksessä', lang)}", ""]
    rows = []
    for i, s in enumerate(proc.steps, 1):
        org = model.organisation(s.lane)
        nexts = ", ".join(
            (f"{esc(f.label, lang)}: " if f.label else "") + step_link(proc, f.target, here, lang)
            for f in s.flows) or "–"
        dl = esc(deadline_phrase(s.deadline.within, s.deadline.repeat, lang)) if s.deadline else ""
        name = link(esc(s.name, lang), rel(here, step_path(proc, s)))
        if s.local:
            name += f" *{tr('(paikallinen)', lang)}*"
        rows.append([str(i), name, step_type(s.type, lang), esc(org.name if org else s.lane, lang), dl, nexts])
    header = ["#", "Vaihe", "Tyyppi", "Kaista", "Määräaika", "Seuraavaksi"]
    out.append(table([tr(h, lang) for h in header], rows))
    return "\n".join(out) + "\n"


def step_page(model: Model, proc: Process, step: Step, ctx: SiteContext) -> str:
    lang, here = ctx.lang, step_path(proc, step)
    out = [f"# {esc(step.name, lang)}", "", badges(step, model, lang) if step.type == "task" else "", "",
           overview.step_map(proc, step, here, lang), ""]
    out += overview.step_summary(model, proc, step, here, lang)
    org = model.organisation(step.lane)
    out += [tr("{type} prosessissa {process}; kaista: {lane}.", lang).format(
        type=step_type(step.type, lang), process=link(esc(proc.name, lang), rel(here, process_path(proc))),
        lane=esc(org.name if org else step.lane, lang)) + SEARCH_EXCLUDE, ""]
    changed = changed_note(step, lang)
    if changed:
        out += [changed, ""]
    if step.description:
        out += [f"## {tr('Tarkoitus', lang)}", "", block(step.description, lang), ""]
    if step.note:
        out += [admonition("note", tr("Huomio", lang), block(step.note, lang)), ""]
    row = model.raci_row(proc.id, step.id)
    if row is not None:
        out += [f"## {tr('Kuka tekee mitä', lang)}", ""]
        rows = []
        # One row per role, the accountable first: RA reads "Vastuussa lopputuloksesta ja tekee".
        order = {"A": 0, "R": 1, "C": 2, "I": 3}
        for role_id, value in sorted(row.cells.items(), key=lambda c: min(order[x] for x in c[1])):
            role = model.role(role_id)
            if role is None:
                continue
            o = model.organisation(role.organisation)
            what = f" {tr('ja', lang)} ".join(tr(LETTERS[x], lang) for x in sorted(value, key=order.get))
            local = f" *{tr('(paikallinen)', lang)}*" if row.at(role_id).local and not step.local else ""
            rows.append([link(esc(role.name, lang), rel(here, role_path(role))), esc(o.name if o else "", lang),
                         what + local])
        out += [table([tr(h, lang) for h in ("Rooli", "Organisaatio", "Vastuu")], rows), ""]
        if row.joint is not None:
            out += [joint_words(model, row, lang), ""]
    duties = [d for d in model.duties if d.step and (d.step.process, d.step.step) == (proc.id, step.id)]
    if duties:
        out += [f"## {tr('Vuosikellossa', lang)}", ""]
        out += [f"- {link(esc(d.name, lang), rel(here, CALENDAR))} – {rhythm_words(d, lang)}" for d in duties]
        out.append("")
    if step.deadline:
        d = step.deadline
        src = proc.step(d.from_step)
        src_name = step_link(proc, d.from_step, here, lang) if src else esc(d.from_step)
        phrase = esc(deadline_phrase(d.within, d.repeat, lang))
        words = tr("{deadline}, laskettuna vaiheesta {step}" if d.repeat else "{deadline} vaiheesta {step}", lang)
        words = words.format(deadline=f"**{phrase[:1].upper() + phrase[1:]}**", step=src_name)
        out += [f"## {tr('Määräaika', lang)}", "", words + ".", ""]
        if d.text:
            out += [block(d.text, lang), ""]
    if step.legal_basis:
        out += [f"## {tr('Lakiperuste', lang)}", "", law_links(model, step.legal_basis, lang), ""]
    if step.records:
        guide = f"[{tr('Kirjaamisohje', lang)}]({rel(here, RECORDING)})"
        out += [f"## {tr('Kirjaaminen', lang)}", "",
                tr("Kuka kirjaa, mihin kenttään ja milloin: {guide}.", lang).format(guide=guide), ""]
        for r in step.records:
            where = f" – {tr('järjestelmä', lang)}: {esc(r.system, lang)}" if r.system else ""
            must = f" ({tr('pakollinen', lang)})" if r.mandatory and not r.proposed else ""
            out.append(f"- **{esc(r.what, lang)}**{must}{where}")
            for v in r.values:
                desc = f": {esc(v.description, lang)}" if v.description else ""
                if v.avoid:  # struck through and said in words: never colour or strike-through alone
                    out.append(f"    - <del>{esc(v.name, lang)}</del> (**{tr('ei käytetä', lang)}**){desc}")
                else:
                    out.append(f"    - {esc(v.name, lang)}{desc}")
        out.append("")
    for title, items in (("Tarvitaan ennen vaihetta", step.inputs), ("Vaiheen tuotokset", step.outputs)):
        if items:
            out += [f"## {tr(title, lang)}", ""] + [f"- {esc(t, lang)}" for t in items] + [""]
    for c in step.checklists:
        out += [f"## {esc(c.title, lang)}", ""] + [f"- {esc(t, lang)}" for t in c.items] + [""]
    for list_id in step.criteria:  # generated from the criteria: one source for every step that uses them
        out += criteria.criteria_checklist(model, list_id, here, lang)
    if step.network_contacts:
        out += criteria.network_contacts(model, lang)
    out += local_section(step, lang)
    out += ["", f"## {tr('Seuraavaksi', lang)} {{: data-search-exclude }}", ""]  # links only, no content
    if step.flows:
        for f in step.flows:
            label = f"**{esc(f.label, lang)}** → " if f.label else ""
            out.append(f"- {label}{step_link(proc, f.target, here, lang)}")
    else:
        out.append(tr("Prosessi päättyy tähän.", lang))
    preds = proc.predecessors(step.id)
    if preds:
        out += ["", f"**{tr('Edellinen vaihe', lang)}:** "
                + ", ".join(step_link(proc, p.id, here, lang) for p in preds)]
    return "\n".join(out) + "\n"
