"""Hand-written pages are Markdown from trusted-but-careless authors, served on the national handbook's
origin. Their rendered HTML is sanitised with nh3 (the Ammonia sanitiser) after MkDocs has built them:
script, event handlers, styles, forms, frames and every URL that is not http(s), mailto or tel (or
relative) are removed; headings, links, tables, admonitions and images stay.

Only the page's own content is cleaned, not Material's layout around it (which has the theme's
scripts): the Markdown is wrapped in two HTML comments holding a nonce derived from the text, which
the text therefore cannot contain, and everything between the first opening and the last closing
comment in the built page is sanitised. Whatever the author writes (an unclosed comment, a stray
</article>) stays between them. The page title goes into front matter, escaped (Material prints
`page.title | striptags`, which would unescape a heading's entities into markup).
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

import nh3
import yaml

TAGS = set(nh3.ALLOWED_TAGS) - {"bdo", "area", "map"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href", "hreflang"},
    "img": {"alt", "height", "src", "width"},
    "ol": {"start"},
    "details": {"open"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "abbr": {"title"},
    "time": {"datetime"},
}
SCHEMES = {"http", "https", "mailto", "tel"}
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")


def _attribute(tag: str, name: str, value: str) -> str | None:
    # Ids starting '__' are Material's own (#__config holds its settings): a page must not shadow them.
    if name == "id" and not SAFE_ID.fullmatch(value):
        return None
    return value


def _markers(text: str) -> tuple[str, str]:
    nonce = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
    return f"<!-- typ-hand-page {nonce} -->", f"<!-- /typ-hand-page {nonce} -->"


def wrap(text: str) -> str:
    """The Markdown MkDocs gets for a hand-written page: an escaped title, then the marked text."""
    start, end = _markers(text)
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.M)
    head = ""
    if m:
        title = html.escape(html.unescape(re.sub(r"<[^>]*>", "", m.group(1))), quote=True)
        head = "---\n" + yaml.safe_dump({"title": title}, allow_unicode=True, width=10_000) + "---\n\n"
    return f"{head}{start}\n\n{text}\n\n{end}\n"


def clean(fragment: str) -> str:
    return nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel=None,
                     strip_comments=True, attribute_filter=_attribute)


def clean_page(page: Path, text: str) -> bool:
    """Sanitise the hand-written content of one built page in place; False if its markers are gone."""
    start, end = _markers(text)
    built = page.read_text("utf-8")
    i, j = built.find(start), built.rfind(end)
    if i < 0 or j < i:
        return False
    page.write_text(built[:i] + clean(built[i + len(start):j]) + built[j + len(end):], "utf-8", newline="")
    return True


def html_path(docs_path: str) -> str:
    return docs_path[:-3] + ".html" if docs_path.endswith(".md") else docs_path
