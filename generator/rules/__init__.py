"""Semantic rules: a registry of small checks, each with a stable code and a default severity.

Like yamllint, a rule only finds problems; the runner stamps the severity from the project's
configuration (typ.yaml `rules: {CODE: error|warning|off}`). A rule that crashes is reported as an
internal error instead of a traceback.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping

from ..diagnostics import Diagnostic, Severity
from ..model import Model

# Importing the families registers their rules.
from . import a11y, calendar, criteria, drift, flow, i18n, ids, indicators, law, names, raci, records, refs  # noqa: F401
from .registry import RULES, Finding, Rule, rule

__all__ = ["INTERNAL", "RULES", "Finding", "Rule", "rule", "run", "severity"]

INTERNAL = "INTERNAL"


def severity(code: str, config: Mapping[str, str] | None) -> Severity:
    """A rule's severity as typ.yaml sets it (`rules: {CODE: error|warning|off}`), else its default."""
    default = RULES[code].severity.value if code in RULES else Severity.ERROR.value
    return Severity((config or {}).get(code, default))


def run(model: Model, config: Mapping[str, str] | None = None) -> list[Diagnostic]:
    config = config or {}
    out: list[Diagnostic] = []
    for code, r in sorted(RULES.items()):
        level = severity(code, config)
        if level is Severity.OFF:
            continue
        try:
            for f in r.check(model):
                o = f.origin
                out.append(Diagnostic(o.file, o.line, o.column, code, level, f.message, f.hint))
        except Exception as exc:  # noqa: BLE001 - a broken rule must not hide the others
            where = traceback.extract_tb(exc.__traceback__)[-1]
            out.append(Diagnostic(model.project.origin.file, 1, 1, INTERNAL, Severity.ERROR,
                                  f"rule {code} failed: {type(exc).__name__}: {exc} "
                                  f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno})",
                                  "This is a bug in the tool, not in your model; please report it."))
    return out

