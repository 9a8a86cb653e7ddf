"""iCalendar (RFC 5545) feed of the duties calendar: one all-day, recurring VEVENT per duty.

Written by hand rather than with the icalendar package so that the output is byte-for-byte
deterministic (no clock, fixed property order) and its folding/escaping is visible here. Which duties
and months come from model/calendar.py, their wording from render/rhythm.py (shared with the wheel).
"""

from __future__ import annotations

from datetime import date, timedelta

from ..model import Duty, Model
from ..model.calendar import duties_for, start_year
from .rhythm import kind_label, rhythm_text, role_label, words

LINE_OCTETS = 75  # RFC 5545 3.1, excluding the CRLF


# ---------------------------------------------------------------- RFC 5545 text


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash first, then ; , and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never splitting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line
    pieces: list[bytes] = []
    start, limit = 0, LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before the character it belongs to
            end -= 1
        pieces.append(data[start:end])
        start, limit = end, LINE_OCTETS - 1  # a continuation line starts with one space, which counts
    pieces.append(data[start:])
    return "\r\n ".join(p.decode("utf-8") for p in pieces)


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


# ---------------------------------------------------------------- the feed


def _schedule(duty: Duty, year: int) -> tuple[date, str]:
    """(DTSTART, RRULE value) of a duty; months rhythms start in `year`, rrule ones on their own start."""
    r = duty.rhythm
    if r.months and not r.rrule:
        months = sorted(r.months)
        rule = f"FREQ=YEARLY;BYMONTH={','.join(map(str, months))};BYMONTHDAY={r.day}"
        return date(year, months[0], r.day), rule
    if r.rrule and r.start and not r.months:
        rule = r.rrule.strip()
        rule = rule[len("RRULE:"):] if rule.upper().startswith("RRULE:") else rule
        return date.fromisoformat(r.start), rule  # as written: the model's RRULE is the source of truth
    raise ValueError(f"duty '{duty.id}' needs either months or rrule + start in its rhythm (rule CAL001)")


def _description(model: Model, duty: Duty, lang: str) -> str:
    w = words(lang)
    lines = [duty.description.get(lang).strip()] if duty.description else []
    lines.append(f"{w['responsible']}: {role_label(model, duty.responsible, lang)}")
    if duty.participants:
        lines.append(f"{w['participants']}: " + ", ".join(role_label(model, p, lang) for p in duty.participants))
    lines.append(f"{w['rhythm']}: {rhythm_text(duty.rhythm, lang)}")
    if duty.legal_basis:
        lines.append(f"{w['legal']}: " + ", ".join(ref.label(lang) for ref in duty.legal_basis))
    if duty.note:
        lines.append(f"{w['note']} {duty.note.get(lang).strip()}")
    lines.append(kind_label(duty, lang))
    return "\n".join(lines)


def uid(model: Model, duty: Duty) -> str:
    """Stable across builds; the region suffix keeps a regional feed's events apart from the national ones."""
    scope = model.project.id + (f".{model.region.id}" if model.region else "")
    return f"{duty.id}@{scope}"


def calendar_name(model: Model, role: str | None = None, lang: str = "fi") -> str:
    parts = [model.project.name.get(lang)]
    if model.region:
        parts.append(model.region.name.get(lang))
    if role is not None:
        found = model.role(role)
        parts.append(found.name.get(lang) if found else role)
    return " – ".join(parts)


def _event(model: Model, duty: Duty, year: int, stamp: str, lang: str) -> list[str]:
    start, rule = _schedule(duty, year)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(model, duty)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(start)}",
        f"DTEND;VALUE=DATE:{_date(start + timedelta(days=1))}",
        f"RRULE:{rule}",
        f"SUMMARY:{escape_text(duty.name.get(lang))}",
        f"DESCRIPTION:{escape_text(_description(model, duty, lang))}",
        f"CATEGORIES:{escape_text(kind_label(duty, lang))}",
    ]
    link = model.law_link(duty.legal_basis[0], lang) if duty.legal_basis else None
    if link:
        lines.append(f"URL:{link}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def render_ics(model: Model, role: str | None = None, year: int | None = None, lang: str = "fi") -> str:
    """The duties calendar as an iCalendar feed (CRLF lines, folded at 75 octets).

    Only the duties of `role` (responsible or participant) when given. `year` sets where yearly
    (months) rhythms start; it defaults to the project version's year. DTSTAMP is derived from that
    year, never from the clock, so two builds of the same model are byte-identical.
    """
    duties = duties_for(model, role)
    first = start_year(model, year)
    stamp = f"{first:04d}0101T000000Z"
    name = escape_text(calendar_name(model, role, lang))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//typ//{model.project.id}//FI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{name}",
        f"NAME:{name}",
    ]
    for duty in duties:
        lines += _event(model, duty, first, stamp, lang)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
