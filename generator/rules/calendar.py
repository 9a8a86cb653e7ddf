"""Duties and deadlines use valid rhythms and durations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from dateutil.rrule import rrulestr

from ..model import Model
from .registry import Finding, rule


@rule("TIME001", "valid-duration")
def valid_deadline(model: Model) -> Iterable[Finding]:
    """A deadline's 'within' is an ISO 8601 duration such as P3M, P2W or P10D."""
    for p in model.processes:
        for s in p.steps:
            if s.deadline and s.deadline.duration is None:
                yield Finding(s.at("deadline"), f"deadline of '{s.id}': '{s.deadline.within}' is not an ISO 8601 "
                              "duration", "Write e.g. P3M (3 months), P2W (2 weeks), P10D (10 days), P1Y.")


# RFC 5545 RRULE parts a duty may use. Duties fall on whole days (DTSTART;VALUE=DATE), so BYHOUR,
# BYMINUTE and BYSECOND are refused with the sub-daily frequencies: a year of FREQ=SECONDLY is
# 31 million dates, which no calendar page or year wheel can draw (the build would hang).
PARTS = {"FREQ", "UNTIL", "COUNT", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH",
         "BYSETPOS", "WKST"}
FREQS = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
VALUE = re.compile(r"[A-Z0-9,+-]{1,100}")
YEARS = (2000, 2199)  # what the year wheels and calendars can show (version years are the same range)
LOOKAHEAD_YEARS = 10  # a rule must give a date this soon after its start (bounded search, never a hang)
MAX_COUNT, MAX_INTERVAL = 1000, 100


def _first_date(parts: dict[str, str], dtstart: datetime) -> datetime | None:
    """The rule's first date, found in bounded time. dateutil checks UNTIL only on dates that match, so
    a rule that never matches (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) is iterated up to the year 9999,
    which takes many seconds. The Gregorian calendar repeats every 400 years (to the weekday), so the
    same rule is searched from the same date some 8000 years later, where 9999 is a few centuries off."""
    shift = (9999 - LOOKAHEAD_YEARS - dtstart.year) // 400 * 400
    shifted = dict(parts)
    if "UNTIL" in parts:
        year = int(parts["UNTIL"][:4]) + shift
        shifted["UNTIL"] = f"{year}{parts['UNTIL'][4:]}" if year <= 9999 else "99991231"
    text = ";".join(f"{k}={v}" for k, v in shifted.items())
    first = next(iter(rrulestr(text, dtstart=dtstart.replace(year=dtstart.year + shift))), None)
    return first.replace(year=first.year - shift) if first else None


def rrule_problem(rule_text: str, start: str | None) -> tuple[str, str] | None:
    """(field, problem) of a duty's rrule and start ('rrule' or 'start'), or None when both are fine."""
    if start is None:
        return "rrule", "an rrule needs a 'start' date (YYYY-MM-DD)"
    try:
        dtstart = datetime.strptime(start, "%Y-%m-%d")
    except ValueError:
        return "start", f"start '{start}' is not a valid date"
    if not YEARS[0] <= dtstart.year <= YEARS[1]:
        return "start", f"start '{start}' is outside the years {YEARS[0]}-{YEARS[1]}"
    if rule_text.strip().upper().startswith("RRULE:"):
        return "rrule", f"'{rule_text}': write the rule without the 'RRULE:' prefix"
    if any(c.isspace() or not c.isprintable() for c in rule_text):
        # dateutil splits the text at any white space and reads RDATE/EXDATE lines, which the calendar
        # file would then carry as properties of their own.
        return "rrule", f"'{rule_text}' contains spaces or line breaks; write it on one line, parts separated by ';'"
    if rule_text != rule_text.upper():
        return "rrule", f"'{rule_text}': write the rule in capitals, e.g. FREQ=YEARLY;BYMONTH=3"
    parts: dict[str, str] = {}
    for part in rule_text.split(";"):
        key, eq, value = part.partition("=")
        if not eq or key in parts or not VALUE.fullmatch(value):
            return "rrule", f"'{part}' is not of the form NAME=VALUE (each name once)"
        if key not in PARTS:
            extra = " (duties fall on whole days)" if key in ("BYHOUR", "BYMINUTE", "BYSECOND") else ""
            return "rrule", f"'{key}' is not allowed in a duty's rrule{extra}; use {', '.join(sorted(PARTS))}"
        parts[key] = value
    if "FREQ" not in parts:
        return "rrule", f"'{rule_text}' has no FREQ"
    if parts["FREQ"] in ("HOURLY", "MINUTELY", "SECONDLY"):
        return "rrule", f"FREQ={parts['FREQ']} is finer than a day (duties fall on whole days); use {', '.join(FREQS)}"
    if parts["FREQ"] not in FREQS:
        return "rrule", f"'{rule_text}' is not a valid RRULE: FREQ must be one of {', '.join(FREQS)}"
    # dateutil accepts values RFC 5545 forbids (INTERVAL=0, COUNT=-1, BYMONTH=13); calendars choke on them.
    for key, most in (("INTERVAL", MAX_INTERVAL), ("COUNT", MAX_COUNT)):
        if key in parts and not (parts[key].isdigit() and 1 <= int(parts[key]) <= most):
            return "rrule", f"'{rule_text}': {key} must be a whole number of at least 1 and at most {most}"
    if "BYMONTH" in parts and not all(m.isdigit() and 1 <= int(m) <= 12 for m in parts["BYMONTH"].split(",")):
        return "rrule", f"'{rule_text}': BYMONTH takes months 1-12"
    try:
        rrulestr(rule_text, dtstart=dtstart)
        first = _first_date(parts, dtstart)
    except (ValueError, TypeError, OverflowError) as exc:
        return "rrule", f"'{rule_text}' is not a valid RRULE ({exc})"
    if first is None or first > dtstart.replace(year=dtstart.year + LOOKAHEAD_YEARS):
        return "rrule", (f"'{rule_text}' gives no dates in the {LOOKAHEAD_YEARS} years from {start} "
                         "(an UNTIL before the start, or a day that does not exist?)")
    return None


@rule("CAL001", "valid-rhythm")
def valid_rhythm(model: Model) -> Iterable[Finding]:
    """A duty's rhythm is either months of the year or an RRULE with a start date, not both or neither."""
    for d in model.duties:
        r = d.rhythm
        if bool(r.months) == bool(r.rrule):
            yield Finding(d.at("rhythm"), f"duty '{d.id}' must give either 'months' or 'rrule' in its rhythm",
                          "Use months: [1, 6] for yearly duties, or rrule: FREQ=YEARLY;INTERVAL=2 with start.")
            continue
        if r.rrule:
            problem = rrule_problem(r.rrule, r.start)
            if problem:
                where, text = problem
                yield Finding(d.field_origins.get(f"rhythm.{where}") or d.at("rhythm"), f"duty '{d.id}': {text}",
                              "See RFC 5545 RRULE, e.g. rrule: FREQ=YEARLY;INTERVAL=2, start: '2025-03-01'.")
