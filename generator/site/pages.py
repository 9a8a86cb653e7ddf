"""Hand-written Markdown pages (pages/ and a region's pages): read as UTF-8, and MkDocs' complaints
about them pointed at their source line (SITE001, SITE003)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Severity


@dataclass
class HandPages:
    """Hand-written Markdown pages: docs path -> text, and docs path -> source file (for errors)."""

    texts: dict[str, str]
    sources: dict[str, str]
    diagnostics: list[Diagnostic]


def hand_pages(root: Path, files: list[Path], prefix: str, base: Path) -> HandPages:
    out = HandPages({}, {}, [])
    for p in files:
        docs_path = prefix + p.relative_to(base).as_posix()
        source = p.relative_to(root).as_posix()
        try:
            out.texts[docs_path] = p.read_bytes().decode("utf-8")
            out.sources[docs_path] = source
        except UnicodeDecodeError as exc:
            raw = p.read_bytes()[: exc.start]
            out.diagnostics.append(Diagnostic(
                source, raw.count(b"\n") + 1, exc.start - (raw.rfind(b"\n") + 1) + 1, "SITE003", Severity.ERROR,
                "the page is not valid UTF-8", "Save the file as UTF-8."))
    return out


def site_diagnostic(message: str, name: str, pages: HandPages) -> Diagnostic:
    """Point a MkDocs complaint about a hand-written page at that page's source line."""
    m = re.search(r"Doc file '([^']+)' contains a link '([^']+)'", message)
    if m and m.group(1) in pages.sources:
        lines = pages.texts[m.group(1)].splitlines()
        line = next((i for i, text in enumerate(lines, 1) if m.group(2) in text), 1)
        col = lines[line - 1].find(m.group(2)) + 1 if lines else 1
        return Diagnostic(pages.sources[m.group(1)], line, max(col, 1), "SITE001", Severity.ERROR,
                          f"broken link '{m.group(2)}'", "Link to an existing page (paths as in the built site's "
                          "docs: e.g. raci.md, roolit/index.md).")
    return Diagnostic("mkdocs.yml", 1, 1, "SITE001", Severity.ERROR, f"MkDocs ({name}): {message}",
                      "Fix the page or setting MkDocs names; hand-written pages live in pages/.")

