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


# Bidirectional controls are printable to Python but reorder what a terminal shows.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _one_line(s: str) -> str:
    """Invisible, line-breaking and terminal-control characters (a user's value or a file name can hold
    them) written as escapes, so that each diagnostic stays one line, no escape sequence reaches a
    terminal, and the user can see what is there."""
    return "".join(c if c.isprintable() and c not in _BIDI else c.encode("unicode_escape").decode("ascii")
                   for c in s)


def format_text(diags: list[Diagnostic]) -> str:
    lines = []
    for d in diags:
        lines.append(f"{_one_line(d.file)}:{d.line}:{d.column}: {d.severity.value} {d.code} {_one_line(d.message)}")
        if d.hint:
            lines.append(f"    hint: {_one_line(d.hint)}")
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warnings = sum(d.severity is Severity.WARNING for d in diags)
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def format_json(diags: list[Diagnostic]) -> str:
    text = json.dumps([{**asdict(d), "severity": d.severity.value} for d in diags], ensure_ascii=False, indent=2)
    # JSON escapes C0 controls itself; C1 controls (\x9b is a terminal's CSI) and bidi controls too.
    return "".join(c if c.isprintable() and c not in _BIDI or c == "\n" else f"\\u{ord(c):04x}" for c in text)


def format_github(diags: list[Diagnostic]) -> str:
    # GitHub Actions workflow commands: the diagnostics show up as annotations on the pull request.
    def esc(s: str) -> str:
        s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return _one_line(s)  # other controls as visible escapes: the log is shown in a terminal too

    def prop(s: str) -> str:  # property values also escape the separators ',' and ':'
        return esc(s).replace(":", "%3A").replace(",", "%2C")

    out = []
    for d in diags:
        level = "error" if d.severity is Severity.ERROR else "warning"
        msg = d.message + (f" (hint: {d.hint})" if d.hint else "")
        out.append(f"::{level} file={prop(d.file)},line={d.line},col={d.column},title={d.code}::{esc(msg)}")
    return "\n".join(out)


REPORTERS = {"text": format_text, "json": format_json, "github": format_github}
