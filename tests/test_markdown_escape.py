"""Model text in Markdown: whatever a model holds, a reader sees exactly that text and nothing else.

esc() writes only the characters Markdown or HTML would read as syntax as entities, some of them only
at the start of the text. These tests render text full of punctuation, in every place the pages put it,
with the handbook's own Markdown extensions, and compare what a reader gets with what the model holds.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

import lxml.html
import markdown
import pytest

from generator.render.markdown import admonition, block, esc, link, table
from generator.site.config import markdown_extensions, read_base_config

ROOT = Path(__file__).resolve().parent.parent

# Where pages put escaped text: (Markdown around it, the XPath of the element that must hold it).
PLACES = {
    "paragraph": ("{}", "//p"),
    "after a paragraph line": ("Teksti\n{}", "//p"),
    "list item": ("- {}", "//li"),
    "bold list item": ("- **{}** – x", "//li/strong"),
    "numbered list item": ("1. {}", "//ol/li"),
    "heading": ("## {}", "//h2"),
    "table cell": (table(["a", "b"], [["{}", "x"]]), "//td[1]"),
    "link label": (link("{}", "sivu.md"), "//a"),
    "after a link": (link("x", "sivu.md") + "{}", "//p"),
    "after a bracket": ("[x]{}", "//p"),
    "in raw HTML": ('<span class="x">{}</span>', "//span"),
    "admonition title": (admonition("note", "{}", "runko"), "//p[@class='admonition-title']"),
    "admonition body": (admonition("note", "otsikko", "{}"), "//div[@class='admonition note']/p[2]"),
}
EXPECTED_TEXT = {"after a paragraph line": "Teksti\n{}", "after a link": "x{}", "after a bracket": "[x]{}"}

# Characters that are syntax somewhere, weighted up so that random text hits the rules often.
ALPHABET = string.punctuation * 4 + "  aåä1290" + "§–€\u00a0"
CRAFTED = ["1. kohta", "2025.1", "- lista", "+ lista", "* lista", "---", "===", "# otsikko", "> lainaus",
           "(a) b", "(http://x)", ": määre", "!!! note", "![kuva](x.png)", "[TOC]", "{: .luokka }",
           "<script>alert(1)</script>", "&amp; &#45;", "`koodi`", "\\*", "a | b", "TE-toimisto (KEHA).",
           "*tähti*", "__alleviivaus__", "<http://x>", "a  ", "1) kohta", "10. kohta", "-1", "—"]


def _md() -> markdown.Markdown:
    listed = markdown_extensions(read_base_config(ROOT)[0].get("markdown_extensions"), "fi")
    names, configs = [], {}
    for item in listed:
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        names.append(name)
        configs[name] = options
    return markdown.Markdown(extensions=names, extension_configs=configs)


def _samples() -> list[str]:
    rng = random.Random(381)
    made = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))) for _ in range(400)]
    return [s for s in CRAFTED + made if s.strip()]


def _text(element) -> str:
    for anchor in element.xpath(".//a[@class='headerlink']"):
        anchor.drop_tree()  # the heading's permalink, which toc adds
    return element.text_content()


def _tags(html: str) -> list[str]:
    return [e.tag for e in lxml.html.fragment_fromstring(html, create_parent="div").iter()]


@pytest.mark.parametrize("place", PLACES)
def test_text_reads_as_itself_wherever_a_page_puts_it(place: str):
    md = _md()
    around, path = PLACES[place]
    expected = md.reset().convert(around.format("x"))
    for sample in _samples():
        html = md.reset().convert(around.format(esc(sample)))
        assert _tags(html) == _tags(expected), (place, sample, html)  # no element the text made
        (element,) = lxml.html.fragment_fromstring(html, create_parent="div").xpath("." + path)
        want = EXPECTED_TEXT.get(place, "{}").format(sample.strip())
        assert _text(element) == want, (place, sample, html)


def test_paragraphs_read_as_themselves():
    md = _md()
    for sample in _samples()[:120]:
        text = f"{sample}\n\n- {sample}\n\n1. {sample}"
        html = md.reset().convert(block(text))
        assert _tags(html) == ["div", "p", "p", "p"], (sample, html)
        paragraphs = [p.text_content() for p in lxml.html.fragment_fromstring(html, create_parent="div")]
        assert paragraphs == [sample.strip(), f"- {sample}".strip(), f"1. {sample}".strip()], (sample, html)


def test_only_syntax_is_written_as_entities():
    # Plain prose stays readable in the generated source (and cheap for Markdown to render).
    assert esc("TE-toimisto (KEHA): 3 kk, 2025.") == "TE-toimisto (KEHA): 3 kk, 2025."
    assert esc("1. vaihe") == "1&#46; vaihe" and esc("- lista") == "&#45; lista"
    assert esc("*a* <b>") == "&#42;a&#42; &#60;b&#62;"
