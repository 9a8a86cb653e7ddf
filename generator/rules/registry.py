"""The rule registry: a rule family module decorates its checks with `@rule(code, name, severity)`."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..diagnostics import Severity
from ..model import Model, Origin


@dataclass(frozen=True)
class Finding:
    origin: Origin
    message: str
    hint: str


def unknown(kind: str, ref: str, known: Iterable[str], origin: Origin) -> Finding:
    """A reference to a `kind` id that does not exist, with 'did you mean' (or the known ids)."""
    known = sorted(set(known))
    close = difflib.get_close_matches(ref, known, n=1)
    hint = f"Did you mean '{close[0]}'?" if close else f"Known {kind} ids: {', '.join(known[:15]) or 'none'}."
    return Finding(origin, f"unknown {kind} '{ref}'", hint)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Callable[[Model], Iterable[Finding]]

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity = Severity.ERROR):
    def register(fn: Callable[[Model], Iterable[Finding]]):
        RULES[code] = Rule(code, name, severity, fn)
        return fn
    return register
