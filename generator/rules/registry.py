"""The rule registry: a rule family module decorates its checks with `@rule(code, name, severity)`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..diagnostics import Severity
from ..model import Model, Origin


@dataclass(frozen=True)
class Finding:
    origin: Origin
    message: str
    hint: str


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
