"""How much of the article text on a built handbook's pages is Finnish, by the pages' own lang marks.

    python3 tests/finnish_share.py site/sv        # per page, worst first, and the total

Counts the characters (white space left out) of the text inside each page's <article>, and of that
the part inside an element with lang="fi" (the renderers mark every Finnish fallback so). Scripts,
styles, diagrams and the "not translated yet" notices themselves are left out.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Counter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, lang, article)
        self.total = self.finnish = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        lang = a.get("lang", self.stack[-1][1] if self.stack else None)
        article = tag == "article" or (bool(self.stack) and self.stack[-1][2])
        notice = a.get("class") in ("typ-untranslated", "typ-stale")  # the notice is not the text itself
        skip = notice or tag in ("script", "style", "svg") or (self.stack and self.stack[-1][0] == "#skip")
        self.stack.append(("#skip" if skip else tag, lang, article))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] in (tag, "#skip"):
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self.stack or not self.stack[-1][2] or self.stack[-1][0] == "#skip":
            return
        n = sum(1 for c in data if not c.isspace())
        self.total += n
        if self.stack[-1][1] == "fi":
            self.finnish += n


def share(path: Path) -> tuple[int, int]:
    """(Finnish characters, all characters) of the article text of one HTML page."""
    c = _Counter()
    c.feed(path.read_text(encoding="utf-8"))
    return c.finnish, c.total


def measure(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): share(p) for p in sorted(folder.rglob("*.html"))
            if p.name != "404.html"}


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "site/sv")
    pages = measure(folder)
    fi = sum(f for f, _ in pages.values())
    total = sum(t for _, t in pages.values())
    for name, (f, t) in sorted(pages.items(), key=lambda kv: -kv[1][0] / max(kv[1][1], 1))[:15]:
        print(f"{100 * f / max(t, 1):5.1f}%  {f:>6}/{t:<6} {name}")
    print(f"total: {100 * fi / max(total, 1):.2f}% Finnish ({fi} of {total} characters, {len(pages)} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
