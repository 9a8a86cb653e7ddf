"""One diagnostic shape for every stage, and the reporters that print them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True, order=True)
class Diagnostic:
    # Field order makes sorting follow the file, then the position in it.
    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""



def has_errors(diags: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diags)


def _one_line(s: str) -> str:
    """Invisible and line-breaking characters (a user's value can hold them) written as escapes, so that
    each diagnostic stays one line and the user can see what is there."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in s)


def format_text(diags: list[Diagnostic]) -> str:
    lines = []
    for d in diags:
        lines.append(f"{d.file}:{d.line}:{d.column}: {d.severity.value} {d.code} {_one_line(d.message)}")
        if d.hint:
            lines.append(f"    hint: {_one_line(d.hint)}")
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warnings = sum(d.severity is Severity.WARNING for d in diags)
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def format_json(diags: list[Diagnostic]) -> str:
    return json.dumps(
        [{**asdict(d), "severity": d.severity.value} for d in diags], ensure_ascii=False, indent=2
    )


def format_github(diags: list[Diagnostic]) -> str:
    # GitHub Actions workflow commands: the diagnostics show up as annotations on the pull request.
    def esc(s: str) -> str:
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(s: str) -> str:  # property values also escape the separators ',' and ':'
        return esc(s).replace(":", "%3A").replace(",", "%2C")

    out = []
    for d in diags:
        level = "error" if d.severity is Severity.ERROR else "warning"
        msg = d.message + (f" (hint: {d.hint})" if d.hint else "")
        out.append(f"::{level} file={prop(d.file)},line={d.line},col={d.column},title={d.code}::{esc(msg)}")
    return "\n".join(out)


REPORTERS = {"text": format_text, "json": format_json, "github": format_github}
