"""Duties and deadlines use valid rhythms and durations."""

from __future__ import annotations

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


def rrule_problem(rule_text: str, start: str | None) -> str | None:
    if start is None:
        return "an rrule needs a 'start' date (YYYY-MM-DD)"
    try:
        dtstart = datetime.strptime(start, "%Y-%m-%d")
    except ValueError:
        return f"start '{start}' is not a valid date"
    if rule_text.strip().upper().startswith("RRULE:"):
        return f"'{rule_text}': write the rule without the 'RRULE:' prefix"
    parts = {k.strip().upper(): v.strip() for k, _, v in (p.partition("=") for p in rule_text.split(";"))}
    if "FREQ" not in parts:
        return f"'{rule_text}' has no FREQ"
    try:
        rule = rrulestr(rule_text, dtstart=dtstart)
    except (ValueError, TypeError) as exc:
        return f"'{rule_text}' is not a valid RRULE ({exc})"
    # dateutil accepts values RFC 5545 forbids (INTERVAL=0, COUNT=-1, BYMONTH=13); calendars choke on them.
    for key in ("INTERVAL", "COUNT"):
        if key in parts and not (parts[key].isdigit() and int(parts[key]) >= 1):
            return f"'{rule_text}': {key} must be a whole number of at least 1"
    if "BYMONTH" in parts and not all(m.strip().isdigit() and 1 <= int(m) <= 12 for m in parts["BYMONTH"].split(",")):
        return f"'{rule_text}': BYMONTH takes months 1-12"
    if rule.after(dtstart, inc=True) is None:
        return f"'{rule_text}' gives no dates from {start} on (an UNTIL before the start?)"
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
                yield Finding(d.at("rhythm"), f"duty '{d.id}': {problem}",
                              "See RFC 5545 RRULE, e.g. rrule: FREQ=YEARLY;INTERVAL=2, start: '2025-03-01'.")
