"""The translator's workflow over catalogues: extract, merge back, and coverage per handbook and kind.

`extract` writes every text of a handbook (the national model, or what a region's overlay adds and
changes) with its current translation; a stale one is marked fuzzy, so PO editors show it for review.
`merge` takes a catalogue a translator sends back and keeps, per entry, a translation of the Finnish
text as it is now; entries made from an older Finnish text are kept fuzzy (stale), unknown keys are
reported. The store is the catalogue file itself (translations/<lang>.po): committed, diffable, and
what Poedit, Weblate or a CAT tool's PO filter open.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..model import LOCAL
from .apply import MISSING, STALE, TRANSLATED, State
from .catalogue import Catalogue, Entry, read, write


def handbook_states(states: list[State], region: str | None) -> list[State]:
    """The texts a handbook's own catalogue holds: the national model's, or a region's local ones."""
    if region is None:
        return [s for s in states if not s.unit.origin.local]
    return [s for s in states if s.unit.origin.local]


def extract(states: list[State], lang: str, project: str, incoming: Catalogue | None = None) -> bytes:
    """The catalogue for these texts: msgstr the translation shown now, or what `incoming` brings."""
    translations = {}
    for s in states:
        entry = incoming.by_key.get(s.unit.key) if incoming is not None else None
        if entry is not None and entry.text:
            changed = entry.source != s.unit.text.fi
            translations[s.unit.key] = (entry.text, entry.fuzzy or changed, entry.source if changed else None)
        elif s.value is not None:
            translations[s.unit.key] = (s.value, s.state == STALE, s.source)
    return write([s.unit for s in states], lang, translations, project)


@dataclass
class MergeReport:
    taken: int = 0
    outdated: int = 0
    unknown: int = 0
    diagnostics: list[Diagnostic] | None = None


def merge(root: Path, states: list[State], incoming_path: Path, lang: str) -> tuple[Catalogue, MergeReport]:
    """The entries of a returned catalogue that belong to these texts, and what happened to each."""
    incoming, diags = read(root, incoming_path) if incoming_path.is_relative_to(root) else read(
        incoming_path.parent, incoming_path)
    report = MergeReport(diagnostics=list(diags))
    keys = {s.unit.key: s for s in states}
    kept = Catalogue()
    for key, entry in incoming.by_key.items():
        s = keys.get(key)
        if s is None:
            report.unknown += 1
            report.diagnostics.append(Diagnostic(str(incoming_path), 1, 1, "I18N011", Severity.WARNING,
                                                 f"the entry {key} is no text of this handbook; it was not merged",
                                                 "The text was removed or its id renamed: translate it anew."))
            continue
        inline = getattr(s.unit.text, lang)
        if inline and entry.text != inline:
            o = s.unit.origin
            report.diagnostics.append(Diagnostic(o.file, o.line, o.column, "I18N012", Severity.WARNING,
                                                 f"{key} is translated in the YAML; the catalogue's text was not used",
                                                 f"Change the '{lang}:' text at this position instead."))
            continue
        if entry.fuzzy or entry.source != s.unit.text.fi:
            report.outdated += 1
            kept.add(key, Entry(entry.source, entry.text, True))
        else:
            report.taken += 1
            kept.add(key, entry)
    return kept, report


@dataclass(frozen=True)
class Coverage:
    translated: int
    stale: int
    missing: int
    chars: int  # Finnish characters in all
    chars_done: int  # ... of the texts translated and current

    @property
    def total(self) -> int:
        return self.translated + self.stale + self.missing

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def coverage(states: list[State]) -> Coverage:
    n = Counter(s.state for s in states)
    chars = sum(len(s.unit.text.fi) for s in states)
    done = sum(len(s.unit.text.fi) for s in states if s.state == TRANSLATED)
    return Coverage(n[TRANSLATED], n[STALE], n[MISSING], chars, done)


def by_kind(states: list[State]) -> dict[str, Coverage]:
    kinds = sorted({s.unit.kind for s in states})
    return {k: coverage([s for s in states if s.unit.kind == k]) for k in kinds}


def missing_diagnostics(states: list[State], lang: str) -> list[Diagnostic]:
    """For CI (`typ validate --require-translations LANG`): each text without a current translation."""
    out = []
    for s in states:
        if s.state == TRANSLATED:
            continue
        o = s.unit.origin
        what = "has no" if s.state == MISSING else "has only an outdated"
        out.append(Diagnostic(o.file, o.line, o.column, "I18N002", Severity.ERROR,
                              f"{s.unit.key} {what} {lang} translation",
                              f"Translate it in translations/{lang}.po (`typ i18n extract --lang {lang}` lists "
                              "every text), or give it inline as `{fi: ..., " + lang + ": ...}`."))
    return out


__all__ = ["LOCAL", "MISSING", "Coverage", "MergeReport", "by_kind", "coverage", "extract", "handbook_states",
           "merge", "missing_diagnostics"]
