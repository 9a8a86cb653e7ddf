"""One printable, tagged PDF of a handbook: cover, contents, processes with their steps, RACI, roles and
the year wheel, in that order.

The handbook is built as usual (so the PDF shows exactly the pages staff see, with the same print
CSS), the built pages' articles are joined into one HTML document with links rewritten to point inside
it, and headless Chromium prints it with tags (PDF structure tree) and an outline. Chromium, not
WeasyPrint: it is already what the browser tests use, and WeasyPrint would need Pango from Debian and
render the same CSS differently from what staff print from their browser.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import shutil
import tempfile
import time
from pathlib import Path

from lxml import etree
from lxml import html as lhtml

from ..compile import compile_model
from ..diagnostics import Diagnostic, has_errors
from ..errors import ToolMissing
from ..i18n import tr
from ..model import Model
from ..render import paths
from .build import build
from .config import source_epoch, source_revision

INTERFACE = ("Sisällys", "mallin versio", "lähde")  # the interface text the PDF adds (tr)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

CSS = """
/* not the whole book landscape: the same selectors as typ.css's print rules, so these win by coming later */
body:has(figure.typ-swimlane), body:has(.md-typeset table:not([class]) thead th:nth-child(8)) { page: auto; }
.typ-pdf-part { break-before: page; }
.typ-pdf-part:has(figure.typ-swimlane), .typ-pdf-part:has(table thead th:nth-child(8)) { page: typ-wide; }
.typ-pdf-cover { padding-top: 60mm; }
.typ-pdf-cover h1 { font-size: 2.4em; font-weight: 600; color: #1a2b3c; }
.typ-pdf-contents ul { list-style: none; padding: 0; margin: 0; }
.typ-pdf-contents li { margin: 0.15em 0; }
.typ-pdf-contents .typ-pdf-l2 { margin-left: 1.5em; font-size: 0.92em; }
@page { @bottom-center { content: ""; } }
"""


# Chromium stamps the print time into the document information; the same length keeps the xref offsets
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[+\-Z]\d\d'\d\d'\)")


def stamp(pdf: bytes, epoch: int) -> bytes:
    """The PDF dated by the model's commit (as the site's sitemaps are), not the clock: same input, same
    bytes."""
    when = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode()
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + when + b"+00'00')", pdf)


def chromium_path() -> str:
    """TYP_CHROMIUM, else Debian's chromium. Raises ToolMissing with what to install."""
    path = os.environ.get("TYP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file() or not os.access(path, os.X_OK):
        raise ToolMissing(f"typ export pdf needs Chromium to print, and {path} is not an executable",
                          "install the Debian package 'chromium' (apt-get install chromium), or set TYP_CHROMIUM "
                          "to its path")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise ToolMissing("typ export pdf drives Chromium with the Python package 'playwright', which is not "
                          "installed", "pip install 'typ-handbook[pdf]' (no browser download is needed)") from None
    return path


def parts(model: Model) -> list[tuple[str, int]]:
    """(docs path, heading level in the contents) of each page, in reading order."""
    out: list[tuple[str, int]] = []
    for proc in model.processes:
        out.append((paths.process_path(proc), 1))
        out += [(paths.step_path(proc, s), 2) for s in proc.steps]
    out.append((paths.RACI, 1))
    out.append((paths.ROLES, 1))
    out += [(paths.role_path(r), 2) for r in model.roles]
    out.append((paths.CALENDAR, 1))
    return out


def _slug(docs_path: str) -> str:
    return "p-" + re.sub(r"[^A-Za-z0-9]+", "-", docs_path.removesuffix(".md")).strip("-")


def _article(page: Path) -> etree._Element:
    doc = lhtml.fromstring(page.read_bytes().decode("utf-8"))
    found = doc.xpath('//article[contains(@class, "md-content__inner")]')
    if not found:
        raise ValueError(f"{page} has no article")
    art = found[0]
    for junk in art.xpath('.//a[contains(@class, "headerlink")] | .//*[contains(@class, "md-content__button")]'):
        junk.drop_tree()
    return art


def _rewrite(art: etree._Element, here: str, slugs: dict[str, str]) -> None:
    """Ids made unique per part; links to included pages point inside the PDF; links to what the PDF
    does not contain (downloads, other pages) become plain text; web and mail links stay."""
    own = _slug(here)
    for el in art.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("id"):
            el.set("id", f"{own}--{el.get('id')}")
        for name in ("aria-labelledby", "aria-describedby"):
            if el.get(name):
                el.set(name, " ".join(f"{own}--{t}" for t in el.get(name).split()))
        for name in ("href", XLINK_HREF):
            value = el.get(name)
            if value and value.startswith("#"):
                el.set(name, f"#{own}--{value[1:]}")
    for a in list(art.iter("a", f"{SVG_NS}a")):
        href = a.get("href") or ""
        if href.startswith(("#", "http://", "https://", "mailto:")):
            continue
        target, _, frag = href.partition("#")
        docs = posixpath.normpath(posixpath.join(posixpath.dirname(here), target)).removesuffix(".html") + ".md"
        if docs in slugs:
            a.set("href", f"#{slugs[docs]}" + (f"--{frag}" if frag else ""))
            a.attrib.pop("target", None)
            a.attrib.pop("download", None)
        elif a.tag == "a":
            a.drop_tag()  # HTML: keep the text
        else:
            a.attrib.pop("href", None)


def document(site: Path, model: Model, lang: str, revision: str) -> str:
    """The whole handbook as one HTML document, using the built site's stylesheets."""
    order = parts(model)
    slugs = {p: _slug(p) for p, _ in order}
    name = (model.region.name if model.region else model.project.name).get(lang)
    sheets = "".join(f'<link rel="stylesheet" href="{html.escape(s.relative_to(site).as_posix())}">'
                     for s in sorted((site / "assets" / "stylesheets").glob("*.min.css")))
    head = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(name)}</title>'
            f'{sheets}<link rel="stylesheet" href="assets/typ.css"><style>{CSS}</style></head>'
            '<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo" '
            'data-md-color-accent="indigo"><main class="md-content"><div class="md-typeset">')
    meta = f"{tr('mallin versio', lang)} {model.project.version}" + (
        f" · {tr('lähde', lang)} {revision}" if revision else "")
    cover = [f'<section class="typ-pdf-cover"><h1>{html.escape(name)}</h1>']
    if model.region:
        cover.append(f"<p>{html.escape(model.project.name.get(lang))}</p>")
    cover.append(f"<p>{html.escape(meta)}</p></section>")
    contents = [f'<section class="typ-pdf-part typ-pdf-contents"><h1>{html.escape(tr("Sisällys", lang))}</h1><ul>']
    body: list[str] = []
    for path, level in order:
        art = _article(site / (path.removesuffix(".md") + ".html"))
        h1 = art.find(".//h1")
        title = " ".join((h1.text_content() if h1 is not None else path).split())
        contents.append(f'<li class="typ-pdf-l{level}"><a href="#{slugs[path]}">{html.escape(title)}</a></li>')
        _rewrite(art, path, slugs)
        inner = "".join(etree.tostring(child, encoding="unicode", method="html") for child in art)
        body.append(f'<section class="typ-pdf-part" id="{slugs[path]}">{inner}</section>')
    contents.append("</ul></section>")
    return head + "".join(cover) + "".join(contents) + "".join(body) + "</div></main></body></html>"


def export_pdf(root: Path, output: Path, region: str | None = None, lang: str | None = None) -> list[Diagnostic]:
    """Build the handbook, print it to `output` (atomically). Returns the build's diagnostics; raises
    ToolMissing when Chromium or Playwright is not there (checked first: no build wasted)."""
    chromium = chromium_path()
    from playwright.sync_api import sync_playwright

    result = compile_model(root, region)
    if not result.ok:
        return result.diagnostics
    model = result.model
    langs = model.project.languages if region is None else (model.project.languages[0],)
    lang = lang or langs[0]
    if lang not in langs:
        raise ValueError(f"the handbook is built in {', '.join(langs)}, not '{lang}'")
    with tempfile.TemporaryDirectory(prefix=".typ-pdf-", dir=output.resolve().parent) as tmp:
        diags = build(root, Path(tmp) / "site", region)
        if has_errors(diags):
            return diags
        site = Path(tmp) / "site" / ("" if lang == langs[0] else lang)
        doc = site / "typ-handbook-print.html"
        doc.write_text(document(site, model, lang, source_revision(root)), "utf-8")
        partial = Path(tmp) / "handbook.pdf"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(doc.as_uri(), wait_until="load")
                pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True, tagged=True,
                               outline=True)
            finally:
                browser.close()
        epoch = os.environ.get("SOURCE_DATE_EPOCH") or source_epoch(root)
        partial.write_bytes(stamp(pdf, int(epoch) if epoch.isdigit() else 0))
        partial.replace(output)
    return diags
