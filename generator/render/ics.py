"""iCalendar (RFC 5545) feed of the duties calendar: one all-day, recurring VEVENT per duty.

Written by hand rather than with the icalendar package so that the output is byte-for-byte
deterministic (no clock, fixed property order) and its folding/escaping is visible here. The
duty-selection and rhythm-wording helpers are shared with the year wheel (wheel.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from ..model import Duty, Model, Rhythm

MONTHS: dict[str, tuple[str, ...]] = {
    "fi": ("tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu", "elokuu",
           "syyskuu", "lokakuu", "marraskuu", "joulukuu"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}

WORDS: dict[str, dict[str, str]] = {
    "fi": {"statutory": "Lakisääteinen", "practice": "Käytäntö", "legal": "Lakiperuste", "responsible": "Vastuussa",
           "participants": "Osallistujat", "rhythm": "Rytmi", "yearly": "vuosittain", "day": "{d}. päivä",
           "from": "alkaen {start}", "note": "Huom."},
    "sv": {"statutory": "Lagstadgad", "practice": "Praxis", "legal": "Rättslig grund", "responsible": "Ansvarig",
           "participants": "Deltagare", "rhythm": "Rytm", "yearly": "årligen", "day": "den {d}",
           "from": "från {start}", "note": "Obs."},
    "en": {"statutory": "Statutory", "practice": "Practice", "legal": "Legal basis", "responsible": "Responsible",
           "participants": "Participants", "rhythm": "Rhythm", "yearly": "yearly", "day": "day {d}",
           "from": "from {start}", "note": "Note"},
}

# RRULE FREQ -> (every period, every n-th period)
FREQS: dict[str, dict[str, tuple[str, str]]] = {
    "fi": {"YEARLY": ("vuosittain", "joka {n}. vuosi"), "MONTHLY": ("kuukausittain", "joka {n}. kuukausi"),
           "WEEKLY": ("viikoittain", "joka {n}. viikko"), "DAILY": ("päivittäin", "joka {n}. päivä")},
    "sv": {"YEARLY": ("årligen", "vart {n}:e år"), "MONTHLY": ("månatligen", "var {n}:e månad"),
           "WEEKLY": ("varje vecka", "var {n}:e vecka"), "DAILY": ("dagligen", "var {n}:e dag")},
    "en": {"YEARLY": ("yearly", "every {n} years"), "MONTHLY": ("monthly", "every {n} months"),
           "WEEKLY": ("weekly", "every {n} weeks"), "DAILY": ("daily", "every {n} days")},
}

LINE_OCTETS = 75  # RFC 5545 3.1, excluding the CRLF


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["fi"])


def month_names(lang: str) -> tuple[str, ...]:
    return MONTHS.get(lang, MONTHS["fi"])


# ---------------------------------------------------------------- shared with the year wheel


def duties_for(model: Model, role: str | None = None) -> tuple[Duty, ...]:
    """The duties a role is responsible for or takes part in (all duties when role is None)."""
    if role is None:
        return model.duties
    if model.role(role) is None:
        raise ValueError(f"unknown role '{role}'")
    return tuple(d for d in model.duties if d.responsible == role or role in d.participants)


def start_year(model: Model, year: int | None = None) -> int:
    """The year the feed starts in: the given one, else the project version's year ("2025.1")."""
    if year is not None:
        return year
    head = model.project.version.split(".")[0]
    if not (head.isdigit() and len(head) == 4):
        raise ValueError(f"project version '{model.project.version}' does not start with a year; pass a year")
    return int(head)


def rule_parts(rule: str) -> dict[str, str]:
    """An RRULE value as {NAME: value}, upper-cased: 'FREQ=YEARLY;INTERVAL=2' -> {'FREQ': 'YEARLY', ...}."""
    rule = rule.strip()
    rule = rule[len("RRULE:"):] if rule.upper().startswith("RRULE:") else rule
    return {k.strip().upper(): v.strip().upper() for k, _, v in (p.partition("=") for p in rule.split(";")) if v}


def cadence(rhythm: Rhythm, lang: str = "fi") -> str | None:
    """'joka 2. vuosi' for an RRULE that skips periods (INTERVAL > 1), else None."""
    if not rhythm.rrule:
        return None
    parts = rule_parts(rhythm.rrule)
    n = parts.get("INTERVAL", "1")
    freq = FREQS.get(lang, FREQS["fi"]).get(parts.get("FREQ", ""))
    if not n.isdigit() or int(n) <= 1 or freq is None:
        return None
    return freq[1].format(n=int(n))


def _day_month_year(iso: str, lang: str) -> str:
    d = date.fromisoformat(iso)
    return iso if lang == "en" else f"{d.day}.{d.month}.{d.year}"


def rhythm_text(rhythm: Rhythm, lang: str = "fi") -> str:
    """The rhythm in words: the model's own text when given, else generated from months or the RRULE."""
    if rhythm.text:
        return rhythm.text.get(lang)
    w = words(lang)
    names = month_names(lang)
    if rhythm.months:
        listed = ", ".join(names[m - 1] for m in sorted(rhythm.months))
        day = f" ({w['day'].format(d=rhythm.day)})" if rhythm.day != 1 else ""
        return f"{w['yearly']}: {listed}{day}"
    parts = rule_parts(rhythm.rrule or "")
    freq = FREQS.get(lang, FREQS["fi"]).get(parts.get("FREQ", ""))
    if freq is None or not rhythm.start:
        return rhythm.rrule or ""
    head = cadence(rhythm, lang) or freq[0]
    months = [int(m) for m in parts.get("BYMONTH", "").split(",") if m.isdigit() and 1 <= int(m) <= 12]
    if not months and parts["FREQ"] == "YEARLY":
        months = [date.fromisoformat(rhythm.start).month]
    listed = f": {', '.join(names[m - 1] for m in months)}" if months else ""
    return f"{head}{listed} ({w['from'].format(start=_day_month_year(rhythm.start, lang))})"


def kind_label(duty: Duty, lang: str = "fi") -> str:
    return words(lang)["statutory" if duty.statutory else "practice"]


def role_label(model: Model, role_id: str, lang: str = "fi") -> str:
    """'Role (Organisation)', falling back to the bare id for dangling references (rules report those)."""
    role = model.role(role_id)
    if role is None:
        return role_id
    org = model.organisation(role.organisation)
    if org is None:
        return role.name.get(lang)
    return f"{role.name.get(lang)} ({(org.short or org.name).get(lang)})"


# ---------------------------------------------------------------- RFC 5545 text


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash first, then ; , and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never splitting a UTF-8 character."""
    pieces: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1  # a continuation line starts with one space, which counts
        current += ch
        size += n
    pieces.append(current)
    return "\r\n".join(pieces)


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
        lines.append(f"{w['legal']}: " + ", ".join(ref.label() for ref in duty.legal_basis))
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
    link = model.law_link(duty.legal_basis[0]) if duty.legal_basis else None
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
