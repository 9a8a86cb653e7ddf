"""Escaping and small building blocks for Markdown pages.

Model text must appear literally, whatever it contains: each character that Markdown (with the
extensions a handbook uses) or HTML reads as syntax is written as an HTML numeric entity, which
neither interprets, and which browsers (and Material's search) decode back to the character.
Characters that are syntax only where a block or a link destination starts ('-', '+', '=', ':',
'(', ')', a numbered list's '1.') are escaped only there: escaping every full stop and hyphen cost
the Markdown build an inline match each (a seventh of its time) and made the source unreadable.
"""

from __future__ import annotations

import html
import re

from ..i18n import tr
from ..model import Text

# Syntax anywhere in a line: emphasis, code, links and images, raw HTML and entities, escapes,
# table cells, attribute lists, heading marks, quoted titles (admonitions), and '~' '^' for safety.
_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]<>&!|{}#\"~^"})
# Syntax only at the start of the text: list, rule and setext marks, a link destination after a ']'
# just before it, and a number then '.' (an ordered list).
_LEADING = str.maketrans({c: f"&#{ord(c)};" for c in "-+=:()."})
_NUMBERED = re.compile(r"^(\d+)\.(?=\s|$)")


def _escape(line: str) -> str:
    out = line.translate(_TABLE)
    if out[:1].isdigit():
        return _NUMBERED.sub(r"\1&#46;", out, count=1)
    return out[:1].translate(_LEADING) + out[1:]


def _fallback(value: str | Text, lang: str) -> bool:
    """Text shown in Finnish on a page in another language (no translation in the model yet)."""
    return isinstance(value, Text) and lang != "fi" and not value.has(lang)


def _in_finnish(html_text: str) -> str:
    # WCAG 3.1.2 (language of parts): a screen reader must read Finnish text as Finnish.
    return f'<span lang="fi">{html_text}</span>'


def _marker(value: str | Text, lang: str) -> str:
    """The visible notice after a text not (or no longer surely) translated into the page's language."""
    if _fallback(value, lang):
        return f' <span class="typ-untranslated">({tr("ei vielä käännetty", lang)})</span>'
    if isinstance(value, Text) and lang in value.stale:
        return f' <span class="typ-stale">({tr("käännös voi olla vanhentunut", lang)})</span>'
    return ""


def in_finnish(value: str) -> str:
    """Finnish quoted as such on a page in another language (a diff's old name): marked for screen
    readers, without the 'not translated yet' notice, since it is not a translation that is missing."""
    return _in_finnish(esc(value))


def esc(value: str | Text | None, lang: str = "fi") -> str:
    """Escape inline text (one line): safe in paragraphs, headings, lists and table cells."""
    if value is None:
        return ""
    s = value.get(lang) if isinstance(value, Text) else str(value)
    out = "<br>".join(_escape(line) for line in s.strip().splitlines())
    return (_in_finnish(out) if _fallback(value, lang) else out) + _marker(value, lang)


def block(value: str | Text | None, lang: str = "fi") -> str:
    """Escape multi-paragraph text: blank lines separate paragraphs, single newlines are kept."""
    if value is None:
        return ""
    s = value.get(lang) if isinstance(value, Text) else str(value)
    paragraphs = [esc(p) for p in s.strip().split("\n\n") if p.strip()]
    if _fallback(value, lang):
        paragraphs = [_in_finnish(p) for p in paragraphs]
    if paragraphs:
        paragraphs[-1] += _marker(value, lang)
    return "\n\n".join(paragraphs)


def attr(value: str) -> str:
    """Escape text for an HTML attribute or a title in the MkDocs config (the theme does not)."""
    return html.escape(value, quote=True)


def link(label: str, target: str) -> str:
    """A Markdown link; `label` must already be escaped, `target` is one of our own paths."""
    return f"[{label}]({target})"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (esc turns '|' into an entity)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def admonition(kind: str, title: str, body: str) -> str:
    """A Material admonition box; title and body must already be escaped."""
    inner = "\n".join("    " + line if line else "" for line in body.splitlines())
    return f'!!! {kind} "{title}"\n\n{inner}\n'
