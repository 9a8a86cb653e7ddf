"""Calendar semantics shared by the feed, the year wheel and the calendar page: which duties a role
has, which months a rhythm falls in, and the RRULE's parts. No wording here (see render/rhythm.py)."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from itertools import islice, takewhile

from dateutil.rrule import rrulestr

from .types import Duty, Model, Rhythm

YEARS_AHEAD = 12  # how far an RRULE is expanded to find its months and whether it skips years


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

def duty_months(rhythm: Rhythm, year: int | None = None) -> tuple[tuple[int, ...], bool, int | None]:
    """(months the duty falls in, whether it falls every year, the next year it falls in when not in `year`)."""
    if rhythm.months:
        return tuple(sorted(rhythm.months)), True, None
    if not (rhythm.rrule and rhythm.start):
        return (), True, None  # rule CAL001 reports it
    return _rule_months(rhythm.rrule, rhythm.start, year)


@cache  # every page, wheel and feed of every handbook asks again for the same few rules
def _rule_months(rrule: str, begin: str, year: int | None) -> tuple[tuple[int, ...], bool, int | None]:
    start = datetime.strptime(begin, "%Y-%m-%d")
    rule = rrulestr(rrule, dtstart=start)
    horizon = datetime(start.year + YEARS_AHEAD, 1, 1)
    window = list(takewhile(lambda d: d < horizon, islice(rule, 5000)))  # lazy: a DAILY rule stays cheap
    every = {d.year for d in window} >= set(range(start.year, start.year + YEARS_AHEAD))
    if year is None:
        return tuple(sorted({d.month for d in window})), every, None
    in_year = tuple(sorted({d.month for d in rule.between(datetime(year, 1, 1), datetime(year, 12, 31), inc=True)}))
    after = None if in_year else rule.after(datetime(year + 1, 1, 1), inc=True)
    return in_year, every, (after.year if after else None)
