"""The duties calendar in words: month names, rhythms, cadences, kinds and role labels, in fi/sv/en.

Shared by the iCalendar feed, the year wheel and the calendar page, so they word a rhythm alike.
"""

from __future__ import annotations

from datetime import date

from ..i18n import month_names, tr
from ..model import Duty, Model, Rhythm
from ..model.calendar import rule_parts

# Finnish msgids; their translations are in the i18n catalogues.
WORDS = {"statutory": "Lakisääteinen", "practice": "Käytäntö", "legal": "Lakiperuste", "responsible": "Vastuussa",
         "participants": "Osallistujat", "rhythm": "Rytmi", "yearly": "vuosittain", "day": "{d}. päivä",
         "from": "alkaen {start}", "note": "Huom."}
# RRULE FREQ -> (every period, every n-th period)
FREQS = {"YEARLY": ("vuosittain", "joka {n}. vuosi"), "MONTHLY": ("kuukausittain", "joka {n}. kuukausi"),
         "WEEKLY": ("viikoittain", "joka {n}. viikko"), "DAILY": ("päivittäin", "joka {n}. päivä")}


def words(lang: str) -> dict[str, str]:
    return {k: tr(v, lang) for k, v in WORDS.items()}


def _freq(parts: dict[str, str], lang: str) -> tuple[str, str] | None:
    found = FREQS.get(parts.get("FREQ", ""))
    return (tr(found[0], lang), tr(found[1], lang)) if found else None


def cadence(rhythm: Rhythm, lang: str = "fi") -> str | None:
    """'joka 2. vuosi' for an RRULE that skips periods (INTERVAL > 1), else None."""
    if not rhythm.rrule:
        return None
    parts = rule_parts(rhythm.rrule)
    n = parts.get("INTERVAL", "1")
    freq = _freq(parts, lang)
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
    freq = _freq(parts, lang)
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
