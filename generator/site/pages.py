"""Hand-written Markdown pages (pages/ and a region's pages) at the site stage: names reserved for
generated pages, and MkDocs' complaints about them pointed at their source line (SITE001)."""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..load.pages import Pages
from . import mkdocs_yml

HandPages = Pages  # read (inside the model only) and checked by the load stage: load/pages.py
# Hand-written pages with these names would replace the theme's error page, MkDocs' own files, or (under
# alueet/) be wiped by the regional handbook built into the same folder: reported (SITE004), left out.
RESERVED_PAGES = ("404.md", "search/", "assets/", "downloads/", "sitemap", "alueet/")


def site_diagnostic(message: str, name: str, pages: HandPages, root: Path) -> Diagnostic:
    """Point a MkDocs complaint about a hand-written page at that page's source line."""
    m = re.search(r"Doc file '([^']+)' contains a link '([^']+)'", message)
    if m and m.group(1) in pages.sources:
        lines = pages.texts[m.group(1)].splitlines()
        line = next((i for i, text in enumerate(lines, 1) if m.group(2) in text), 1)
        col = lines[line - 1].find(m.group(2)) + 1 if lines else 1
        return Diagnostic(pages.sources[m.group(1)], line, max(col, 1), "SITE001", Severity.ERROR,
                          f"broken link '{m.group(2)}'", "Link to an existing page (paths as in the built site's "
                          "docs: e.g. raci.md, roolit/index.md).")
    m = re.search(r"Config value '([^']+)'", message)  # a setting: point at it in the model's mkdocs.yml
    line, col = mkdocs_yml.key_position(root, m.group(1)) if m else (1, 1)
    return Diagnostic("mkdocs.yml", line, col, "SITE001", Severity.ERROR, f"MkDocs ({name}): {message}",
                      "Fix the page or setting MkDocs names; hand-written pages live in pages/.")

