"""ISO 8601 durations (P3M, P2W, P1Y6M, PT36H): the one parser the rule, the model and every renderer use.

Kept by hand rather than isodate: isodate folds weeks into days and returns a timedelta when there are
no years or months, so "P2W" could no longer read "2 weeks". The grammar is ISO 8601's designator
order (years, months, weeks, days, then T hours, minutes, seconds), with at least one number.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass

_GRAMMAR = re.compile(r"P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
                      r"(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")
UNITS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")


@dataclass(frozen=True)
class Duration:
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0

    def parts(self) -> list[tuple[str, int]]:
        """The non-zero parts in ISO order: P1Y6M -> [('years', 1), ('months', 6)]."""
        return [(unit, n) for unit, n in zip(UNITS, astuple(self), strict=True) if n]


def parse(iso: str) -> Duration | None:
    """The duration an ISO 8601 text means, or None if it is not one."""
    m = _GRAMMAR.fullmatch(iso)
    if m is None:
        return None
    return Duration(*(int(g) if g else 0 for g in m.groups()))
