"""Hand-written Markdown pages (pages/, regions/<id>/pages/): found and read inside the model only,
and checked the way model text is, so that `typ validate` reports what `typ build` would refuse.

Refused with file:line:column: control characters (no page can show them), bidirectional overrides
(they make text read differently from what it is: "Trojan source"), pages over 1 MiB and YAML front
matter (MkDocs would put it unescaped into the page head). Zero-width characters are warned about.
Script and event handlers are not refused here: the site stage sanitises the rendered HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from . import files as safefiles

MAX_PAGE_BYTES = 1 << 20
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Bidirectional embeddings, overrides, isolates and marks: refused.
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Zero-width and invisible operators: warned about (the soft hyphen U+00AD is fine: Finnish uses it).
INVISIBLE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff]")
FRONT_MATTER = re.compile(r"-{3}[ \t]*\r?\n")


@dataclass
class Pages:
    """docs path -> text, docs path -> source file (relative to the model root), and the problems."""

    texts: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def update(self, other: Pages) -> None:
        self.texts.update(other.texts)
        self.sources.update(other.sources)
        self.diagnostics += other.diagnostics


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def text_problems(text: str, file: str) -> list[Diagnostic]:
    """Located problems in one page's text."""
    out = []
    if m := CONTROL.search(text):
        out.append(Diagnostic(file, *_line_col(text, m.start()), "SITE005", Severity.ERROR,
                              f"the page contains the control character U+{ord(m.group()):04X}",
                              "Remove it; it is often an invisible paste from another program."))
    if m := BIDI.search(text):
        out.append(Diagnostic(file, *_line_col(text, m.start()), "SITE006", Severity.ERROR,
                              f"the page contains the bidirectional control character U+{ord(m.group()):04X}, "
                              "which makes text display differently from what it says",
                              "Remove it (Finnish and Swedish text never needs it)."))
    if m := INVISIBLE.search(text):
        out.append(Diagnostic(file, *_line_col(text, m.start()), "SITE007", Severity.WARNING,
                              f"the page contains the invisible character U+{ord(m.group()):04X}",
                              "Remove it unless you know why it is there."))
    if FRONT_MATTER.match(text):
        out.append(Diagnostic(file, 1, 1, "SITE008", Severity.ERROR, "the page starts with YAML front matter "
                              "(---), which the handbook does not read",
                              "Remove the --- block; the page's title is its first '# heading'."))
    return out


def read_page(root: Path, path: Path) -> tuple[str | None, list[Diagnostic]]:
    source = safefiles.shown(path, root)
    try:
        raw = safefiles.read_bytes(path, MAX_PAGE_BYTES)
    except safefiles.Refused as r:
        return None, [Diagnostic(source, 1, 1, r.code, Severity.ERROR, r.message, r.hint)]
    except OSError as exc:
        return None, [Diagnostic(source, 1, 1, "IO001", Severity.ERROR, f"cannot read the page: {exc.strerror}",
                                 "Check that the file is readable.")]
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", "replace")
        line, col = _line_col(before, len(before))
        return None, [Diagnostic(source, line, col, "SITE003", Severity.ERROR, "the page is not valid UTF-8",
                                 "Save the file as UTF-8.")]
    problems = text_problems(text, source)
    if any(d.severity is Severity.ERROR for d in problems):
        return None, problems
    return text, problems


def load_pages(root: Path, folder: Path, prefix: str = "", skip_dirs: tuple[Path, ...] = ()) -> Pages:
    """Every *.md under `folder` (not under `skip_dirs`), keyed by `prefix` + its path in the folder."""
    out = Pages()
    found = safefiles.find(root, folder, (".md",), skip_dirs)
    out.diagnostics += found.diagnostics
    for p in found.files:
        text, problems = read_page(root, p)
        out.diagnostics += problems
        if text is not None:
            docs_path = prefix + p.relative_to(folder).as_posix()
            out.texts[docs_path] = text
            out.sources[docs_path] = safefiles.shown(p, root)
    return out
