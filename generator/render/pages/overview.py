"""Where a step sits and what it asks, at a glance: the numbered step map, the phase strip of a process
page and the summary box at the top of a step page. Numbers are the steps' order in the model, the
same numbers the swimlane diagram and the "Vaiheet järjestyksessä" table show."""

from __future__ import annotations

import re

from ...i18n import tr
from ...model import Model, Process, Step, Text
from ..markdown import attr, esc
from ..paths import html_url, rel, role_path, step_path
from ..vocabulary import deadline_phrase, step_type
from .common import step_link

_SENTENCE = re.compile(r"^(.{40,}?[.!?])(?=\s+[A-ZÅÄÖ0-9])", re.S)


def step_number(proc: Process, step: Step) -> int:
    return next(i for i, s in enumerate(proc.steps, 1) if s.id == step.id)


def _plain(value: str | Text, lang: str) -> str:
    """Text for an HTML attribute (titles): esc()'s entities are attribute-safe too, but a Text that
    falls back to Finnish must not get esc()'s lang span inside an attribute."""
    return esc(value.get(lang) if isinstance(value, Text) else value)


# A longer process shows the first and last step and those around the current one: a row of every step
# on every step page grows the build with n squared (1000 steps: a million links, near 1 GiB of memory).
MAP_STEPS = 50
MAP_AROUND = 5


def step_map(proc: Process, step: Step, here: str, lang: str) -> str:
    """'Vaihe 5/20' and a row of numbered links, the current one marked (raw HTML: one line)."""
    n, total = step_number(proc, step), len(proc.steps)
    shown = range(1, total + 1) if total <= MAP_STEPS else sorted(
        {1, total, *range(max(1, n - MAP_AROUND), min(total, n + MAP_AROUND) + 1)})
    items, last = [], 0
    for i in shown:
        s = proc.steps[i - 1]
        if i > last + 1:
            items.append('<span class="typ-stepmap-gap" aria-hidden="true">…</span>')
        last = i
        kind = f"typ-stepmap-{s.type}" if s.type in ("start", "end", "decision") else "typ-stepmap-task"
        current = ' aria-current="step"' if s.id == step.id else ""
        label = f"{i}. {_plain(s.name, lang)} ({_plain(step_type(s.type, lang), lang)})"
        items.append(f'<a class="typ-stepmap-dot {kind}" href="{attr(html_url(rel(here, step_path(proc, s))))}"'
                     f' title="{label}" aria-label="{label}"{current}>{i}</a>')
    position = tr("Vaihe {n}/{total}", lang).format(n=n, total=total)
    return (f'<nav class="typ-stepmap" aria-label="{attr(tr("Vaiheet", lang))}" data-search-exclude>'
            f'<span class="typ-stepmap-pos">{position}</span> ' + "".join(items) + "</nav>")


def first_sentence(value: Text) -> Text:
    """The first sentence of each language's text (the whole text when it is one sentence)."""
    def cut(s: str | None) -> str | None:
        if not s:
            return s
        first = s.strip().split("\n\n")[0]
        m = _SENTENCE.match(first)
        return " ".join((m.group(1) if m else first).split())
    return Text(fi=cut(value.fi) or "", sv=cut(value.sv), en=cut(value.en))


def step_summary(model: Model, proc: Process, step: Step, here: str, lang: str) -> list[str]:
    """'Lyhyesti': what to do, who, by when in words, what to record and where (a definition list
    in a box: the first thing on the page, above the fold)."""
    rows: list[tuple[str, str]] = []
    if step.description:
        rows.append((tr("Mitä tehdään", lang), esc(first_sentence(step.description), lang)))
    row = model.raci_row(proc.id, step.id)
    if row is not None:
        for letter, label in (("R", "Kuka tekee"), ("A", "Kuka vastaa")):
            names = [f"[{esc(model.role(r).name, lang)}]({rel(here, role_path(model.role(r)))})"
                     for r in row.roles_with(letter) if model.role(r)]
            if names:
                rows.append((tr(label, lang), ", ".join(names)))
    if step.deadline:
        d = step.deadline
        src = step_link(proc, d.from_step, here, lang) if proc.step(d.from_step) else esc(d.from_step)
        when = tr("{deadline}, laskettuna vaiheesta {step}" if d.repeat else "{deadline} vaiheesta {step}", lang)
        text = when.format(deadline=esc(deadline_phrase(d.within, d.repeat, lang)), step=src)
        rows.append((tr("Milloin", lang), text[:1].upper() + text[1:]))
    elif step.type == "task":
        rows.append((tr("Milloin", lang), tr("Ei lakisääteistä määräaikaa; edellisen vaiheen jälkeen.", lang)))
    if step.records:
        recs = []
        for r in step.records:
            where = f" ({tr('järjestelmä', lang)}: {esc(r.system, lang)})" if r.system else ""
            recs.append(f"{esc(r.what, lang)}{where}")
        rows.append((tr("Mitä kirjataan", lang), "<br>".join(recs)))
    elif step.type == "task":
        rows.append((tr("Mitä kirjataan", lang), tr("Tässä vaiheessa ei ole erikseen kirjattavaa.", lang)))
    if not rows:
        return []
    body = "\n".join(f"    **{k}:** {v}  " for k, v in rows)
    # The box repeats the page's own sections: out of the search index, so it does not outweigh them.
    return ['<div markdown data-search-exclude>', "", f'!!! abstract "{tr("Lyhyesti", lang)}"', "", body.rstrip(),
            "", "</div>", ""]


def phase_strip(proc: Process, here: str, lang: str) -> list[str]:
    """The tasks of a process in order, numbered as in the diagram, with their deadlines: a compact
    overview that reads on any screen, above the wide diagram."""
    items = []
    for i, s in enumerate(proc.steps, 1):
        if s.type != "task":
            continue
        dl = ""
        if s.deadline:
            words = esc(deadline_phrase(s.deadline.within, s.deadline.repeat, lang))
            dl = f' <span class="typ-phase-dl">{words}</span>'
        items.append(f'<li><a href="{attr(html_url(rel(here, step_path(proc, s))))}">'
                     f'<span class="typ-phase-no">{i}</span> {esc(s.name, lang)}</a>{dl}</li>')
    if not items:
        return []
    return [f'<ol class="typ-phases" aria-label="{attr(tr("Tehtävät järjestyksessä", lang))}" '
            f'data-search-exclude markdown="0">' + "".join(items) + "</ol>", ""]
