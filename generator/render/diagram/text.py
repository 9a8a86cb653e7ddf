"""Text in the diagram: wording of the markers, a width estimate, word wrap."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...model import Process, Step
from ...model.durations import parse as parse_duration

NAME_SIZE, NOTE_SIZE, LABEL_SIZE = 12, 10, 11
CLOCK = "◷"  # U+25F7: in DejaVu and the common system fonts, unlike the stopwatch emoji

WORDS = {
    "fi": {"local": "(paikallinen)", "changed": "(muutettu paikallisesti)", "statutory": "§ lakisääteinen",
           "from": "alkaen", "every": "vähintään {d} välein", "units": {"Y": "v", "M": "kk", "W": "vk", "D": "pv"}},
    "sv": {"local": "(lokal)", "changed": "(lokalt ändrad)", "statutory": "§ lagstadgad",
           "from": "från", "every": "minst var {d}", "units": {"Y": "år", "M": "mån", "W": "v", "D": "d"}},
    "en": {"local": "(local)", "changed": "(changed locally)", "statutory": "§ statutory",
           "from": "from", "every": "at least every {d}", "units": {"Y": "y", "M": "mo", "W": "wk", "D": "d"}},
}


def words(lang: str) -> dict:
    return WORDS.get(lang, WORDS["fi"])


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot carry (lxml and Graphviz would refuse them)."""
    return _NOT_XML.sub("", text)


def even(v: float) -> int:
    return int(-(-v // 2) * 2)


def text_width(text: str, size: int) -> int:
    """A generous estimate (DejaVu Sans is the widest usual fallback), so text fits its box everywhere."""
    em = sum(0.32 if c in "il.,:;'|!()[] " else 0.9 if c in "mwMW@" else 0.72 if c.isupper() else 0.62
             for c in text)
    return even(em * size)


def wrap(text: str, limit: int, size: int) -> tuple[str, ...]:
    """Greedy word wrap to `limit` points; newlines count as spaces; a longer word keeps its own line."""
    lines: list[str] = []
    for word in xml_safe(text).split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= limit:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def lines_size(lines: Iterable[str], notes: Iterable[str]) -> tuple[int, int]:
    lines, notes = tuple(lines), tuple(notes)
    width = max([text_width(s, NAME_SIZE) for s in lines] + [text_width(s, NOTE_SIZE) for s in notes])
    return width, len(lines) * 16 + len(notes) * 13


def duration(iso: str, lang: str = "fi") -> str:
    """'P3M' -> '3 kk'; anything with a time part or otherwise unusual stays ISO."""
    d = parse_duration(iso)
    if d is None or d.hours or d.minutes or d.seconds:
        return iso
    units = words(lang)["units"]  # years -> "Y", months -> "M", weeks -> "W", days -> "D"
    return " ".join(f"{n} {units[unit[0].upper()]}" for unit, n in d.parts())


def deadline_note(step: Step, process: Process, lang: str) -> str | None:
    dl = step.deadline
    if dl is None:
        return None
    w = words(lang)
    src = process.step(dl.from_step)
    src_name = src.name.get(lang) if src else dl.from_step
    d = duration(dl.within, lang)
    if dl.repeat:  # the first time counts from src; the rhythm is what people need to see
        return f"{CLOCK} {w['every'].format(d=d)}"
    return f"{CLOCK} {d} {w['from']}: {src_name}"


def step_notes(step: Step, process: Process, lang: str) -> tuple[str, ...]:
    w = words(lang)
    notes = [w["statutory"]] if step.statutory else []
    if (dl := deadline_note(step, process, lang)) is not None:
        notes.append(dl)
    if step.local:
        notes.append(w["local"])
    elif step.changed_fields:
        notes.append(w["changed"])
    return tuple(notes)
