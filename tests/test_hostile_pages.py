"""Hostile corpus, hand-written pages: no script, event handler, javascript:/data: URL or raw control byte
from pages/*.md or regions/<id>/pages/*.md reaches the built site. The site is scanned with an HTML parser,
and loaded in Chromium with alert dialogs counted."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.browser import chromium, serve
from tests.hostile import REPO, model_copy, refused, text, typ, warned

REGION = "tampereen-seutu"
PAYLOADS = [
    "<script>alert('s1')</script>",
    "<img src=x onerror=\"alert('s2')\">",
    "[click](javascript:alert('s3'))",
    "![pic](x){: onerror=\"alert('s4')\" }",
    "Paragraph\n{: onclick=\"alert('s5')\" }",
    "<a href=\"JaVaScRiPt:alert('s6')\">x</a>",
    "<a href=\"&#106;avascript:alert('s7')\">x</a>",
    "<a href=\" \tjavascript:alert('s8')\">x</a>",
    "<svg><script>alert('s9')</script></svg>",
    "<svg onload=\"alert('s10')\"></svg>",
    "<iframe srcdoc=\"<script>alert('s11')</script>\"></iframe>",
    "<a href=\"data:text/html,<script>alert('s12')</script>\">x</a>",
    "[ref][r]\n\n[r]: javascript:alert('s13')",
    "<javascript:alert('s14')>",
    "</div></article><script>alert('s15')</script><article>",
    "<form action=\"javascript:alert('s16')\"><button>go</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('s17')\">",
    "<object data=\"javascript:alert('s18')\"></object>",
    "<embed src=\"data:text/html,alert('s19')\">",
    "<div markdown=\"1\" onmouseover=\"alert('s20')\">**x**</div>",
    "<details open ontoggle=\"alert('s21')\"><summary>x</summary></details>",
    "<base href=\"javascript:alert('s22')//\">",
    "<style>@import 'javascript:alert(\"s23\")';</style>",
    "<math><mtext><a href=\"javascript:alert('s24')\">x</a></mtext></math>",
    "<img src=\"x\" style=\"background:url(javascript:alert('s25'))\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('s26')>\"></noscript>",
]
URL_ATTRS = ("href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcdoc",
             "content")


def scan(site: Path) -> list[str]:
    """Every place in the built site where hand-page script could run."""
    bad = []
    for page in sorted(site.rglob("*.html")):
        tree = lxml.html.fromstring(page.read_bytes())
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for name, value in el.attrib.items():
                low = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if name.lower().startswith("on"):
                    bad.append(f"{page.name}: <{el.tag} {name}>")
                if name.lower().split(":")[-1] in {a.split(":")[-1] for a in URL_ATTRS} \
                        and low.startswith(("javascript:", "data:", "vbscript:")):
                    bad.append(f"{page.name}: <{el.tag} {name}={value[:40]}>")
                if name == "style" and "javascript:" in low:
                    bad.append(f"{page.name}: style")
            if el.tag in ("script", "style", "iframe", "object", "embed", "base", "meta", "form") \
                    and "alert(" in (el.text_content() + " ".join(el.attrib.values())):
                bad.append(f"{page.name}: <{el.tag}> {el.text_content()[:40]}")
    return bad


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    model = model_copy(tmp_path_factory.mktemp("xss") / "model")
    page = "# Hand page\n\n" + "\n\n".join(PAYLOADS) + "\n\nEnd of page.\n"
    (model / "pages" / "xss.md").write_text(page, "utf-8")
    (model / "regions" / REGION / "pages" / "xss.md").write_text(page, "utf-8")
    site = model.parent / "site"
    out = typ("build", "--all", model, "--out", site)
    assert out.returncode == 0, text(out)
    return site


def test_no_script_survives_in_any_built_page(hostile_site: Path):
    assert scan(hostile_site) == []


def test_the_page_text_itself_survives(hostile_site: Path):
    """Sanitising removes the dangerous parts, not the page: headings, text and safe links stay."""
    for page in (hostile_site / "xss.html", hostile_site / "alueet" / REGION / "paikalliset" / "xss.html"):
        html = page.read_text("utf-8")
        assert "Hand page" in html and "End of page." in html and "<strong>x</strong>" in html
        assert "md-header" in html and 'src="' in html  # Material's own layout and scripts are untouched


def test_clean_site_passes_the_same_scan(tmp_path: Path):
    """The scan can tell: the unmodified handbook has none of these (so an empty list means something)."""
    out = typ("build", REPO, "--out", tmp_path / "site")
    assert out.returncode == 0
    assert scan(tmp_path / "site") == []
    evil = tmp_path / "site" / "evil.html"
    evil.write_text("<html><body><img src=x onerror=alert(1)><a href=' javascript:x'>y</a></body></html>")
    assert len(scan(tmp_path / "site")) == 2


def test_no_dialog_opens_in_a_browser(hostile_site: Path):
    pages = ["xss.html", f"alueet/{REGION}/xss.html", f"alueet/{REGION}/paikalliset/xss.html"]
    dialogs: list[str] = []
    with serve(hostile_site) as base, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("load")
            for el in page.query_selector_all("article a, article img, article details, article div"):
                try:
                    el.hover(timeout=200)
                    el.click(timeout=200, no_wait_after=True)
                except Exception:  # noqa: BLE001 - elements may be hidden or detach; the dialog count is the test
                    pass
            page.goto(f"{base}/{path}")
            assert page.get_by_text("End of page.").is_visible()
    assert dialogs == []


@pytest.mark.parametrize(("content", "code_char"), [
    ("# x\n\nA\x00B\n", "U+0000"), ("# x\n\nA\x1b[31mC\n", "U+001B"), ("# x\n\nA\x07\n", "U+0007"),
    ("# x\n\nok\n\nA\x7fB\n", "U+007F"), ("# x\n\nA\x9bB\n", "U+009B"),
])
def test_control_bytes_in_a_page_are_refused_at_their_position(tmp_path: Path, content: str, code_char: str):
    model = model_copy(tmp_path / "model")
    (model / "regions" / REGION / "pages" / "ctl.md").write_text(content, "utf-8")
    lines = content.splitlines()
    line = next(i for i, ln in enumerate(lines, 1) if re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", ln))
    for out in (typ("validate", "--region", REGION, model), typ("build", "--all", model, "--out", tmp_path / "s")):
        m = refused(out, f"regions/{REGION}/pages/ctl.md", line=line)
        assert int(m["col"]) == 2 and code_char in text(out)
    assert not (tmp_path / "s").exists()


def test_bidi_override_in_a_page_is_refused(tmp_path: Path):
    model = model_copy(tmp_path / "model")
    (model / "pages" / "bidi.md").write_text("# x\n\nLataa \u202etxt.exe\u202c tästä\n", "utf-8")
    m = refused(typ("validate", model), "pages/bidi.md", line=3)
    assert m["col"] == "7"


def test_oversized_page_is_refused(tmp_path: Path):
    model = model_copy(tmp_path / "model")
    (model / "pages" / "big.md").write_text("# x\n\n" + ("sana " * 250_000), "utf-8")
    refused(typ("validate", model), "pages/big.md")


def test_page_named_like_a_generated_one_is_reported(tmp_path: Path):
    model = model_copy(tmp_path / "model")
    (model / "pages" / "404.md").write_text("# Not found\n", "utf-8")
    (model / "pages" / "alueet" / REGION).mkdir(parents=True)
    (model / "pages" / "alueet" / REGION / "index.md").write_text("# Wiped\n", "utf-8")
    out = typ("build", "--all", model, "--out", tmp_path / "site")
    warned(out, "pages/404.md")
    warned(out, f"pages/alueet/{REGION}/index.md")


# ---------------------------------------------------------------- property-based: any mix of fragments

FRAGMENTS = st.sampled_from(PAYLOADS + ["**bold**", "[ok](https://example.fi)", "<b>b</b>", "{: .x }", "<p>",
                                        "</p>", "<div markdown=\"1\">", "</div>", "&lt;", "`<script>`", "\"", "'",
                                        "<a href='https://example.fi' onclick='alert(9)'>", "</a>", "<!--", "-->"])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(FRAGMENTS, min_size=1, max_size=8), joiner=st.sampled_from(["\n\n", "\n", " ", ""]))
def test_any_mix_of_fragments_builds_without_script(tmp_path_factory, parts: list[str], joiner: str):
    root = tmp_path_factory.mktemp("mix")
    model = model_copy(root / "model")
    (model / "regions" / REGION / "pages" / "mix.md").write_text("# Mix\n\n" + joiner.join(parts) + "\n", "utf-8")
    out = typ("build", "--region", REGION, model, "--out", root / "site")
    if out.returncode == 0:
        assert scan(root / "site") == []
    else:
        refused(out, f"regions/{REGION}/pages/mix.md")
