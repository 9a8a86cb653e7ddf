"""The handbook in Swedish (language act 423/2003): every piece of interface text is Swedish, and the
Finnish handbook is what it was."""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Mapping
from pathlib import Path

import pytest

from generator import i18n
from generator.analysis.diff import Change, FieldChange
from generator.analysis.drift import Drift
from generator.compile import compile_model
from generator.diagnostics import Diagnostic, Severity
from generator.model import Model, Text
from generator.render import rhythm, vocabulary, wheel
from generator.render.context import SiteContext
from generator.render.handbook import render_handbook
from generator.render.markdown import esc
from generator.render.pages import changes, deviations, indicators, networks, process, recording, statement
from generator.render.pages.networks import Network
from generator.render.vocabulary import duration_words
from generator.site import pdf
from generator.site.config import markdown_extensions

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
CRITERIA = REPO / "tests" / "fixtures" / "criteria"
RECORDING = REPO / "tests" / "fixtures" / "recording"


def model_texts(model: Model) -> set[str]:
    """Every string the model holds (names, descriptions, ids, in every language)."""
    found: set[str] = set()
    seen: set[int] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            found.update(line.strip() for line in value.splitlines() if line.strip())
        elif isinstance(value, Text):
            for lang in ("fi", "sv", "en"):
                walk(getattr(value, lang))
        elif id(value) in seen:
            return
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            seen.add(id(value))
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, Mapping):
            seen.add(id(value))
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, list | tuple | set | frozenset):
            seen.add(id(value))
            for v in value:
                walk(v)

    walk(model)
    return found


def interface_only(page: str, texts: set[str]) -> str:
    """The page without diagrams, link targets and model text: what is left is interface text."""
    page = re.sub(r"<figure\b.*?</figure>", " ", page, flags=re.S)
    page = re.sub(r"\]\([^)]*\)", "] ", page)
    page = re.sub(r'href="[^"]*"', " ", page)
    # Model text still in Finnish is marked as such (a summary quotes a description's first sentence).
    page = re.sub(r'<span lang="fi">.*?</span>', " ", page)
    for text in sorted({esc(t) for t in texts} | texts, key=len, reverse=True):
        page = re.sub(rf"(?<!\w){re.escape(text)}(?!\w)", "\x00", page)
    return page


def fragments(key: str) -> list[str]:
    """The literal pieces of a key (a template's text between its placeholders) worth looking for."""
    pieces = [literal.strip() for literal, *_ in string.Formatter().parse(key)]
    return [p for p in pieces if len(p) > 3]


def finnish_left(page: str) -> list[str]:
    left = []
    for _, key in i18n.catalogue("sv"):
        if len(key) <= 3:
            continue
        for piece in fragments(key):
            before = r"(?<!\w)" if piece[0].isalnum() else ""
            after = r"(?!\w)" if piece[-1].isalnum() else ""
            if re.search(before + re.escape(piece) + after, page):
                left.append(piece)
    return left


@pytest.fixture(scope="module")
def mini_model() -> Model:
    return compile_model(MINI).model


@pytest.fixture(scope="module")
def sv_files(mini_model: Model) -> dict[str, str]:
    files = render_handbook(mini_model, SiteContext(lang="sv")).files
    return {path: text for path, text in files.items() if path.endswith(".md")}


def test_no_finnish_interface_text_in_swedish_pages(mini_model: Model, sv_files: dict[str, str]):
    texts = model_texts(mini_model)
    assert sv_files
    for path, page in sv_files.items():
        assert finnish_left(interface_only(page, texts)) == [], path


@pytest.mark.parametrize("region", ["ita-lapin-verkosto", "tampereen-seutu"])
def test_no_finnish_interface_text_in_swedish_regional_pages(region: str):
    """Regional handbooks add badges, 'Lokal ändring' notes and the deviations page."""
    model = compile_model(REPO, region).model
    texts = model_texts(model)
    files = render_handbook(model, SiteContext(lang="sv")).files
    for path, page in files.items():
        if path.endswith(".md"):
            assert finnish_left(interface_only(page, texts)) == [], path


# Words the same in both handbooks: English RACI terms, product names and file formats.
SHARED = {"Accountable", "Consulted", "Informed", "Responsible", "RACI", "BPMN", "bpmn", "Camunda", "Excel", "XLSX",
          "Outlook", "iCalendar", "WCAG",
          "alla"}  # Finnish 'below' (alla olevassa) and Swedish 'all' (alla roller): one spelling, two words


def words(page: str, texts: set[str]) -> set[str]:
    text = interface_only(page, texts)
    # markup, attribute lists, front matter, admonition kinds
    text = re.sub(r"\A---\n.*?\n---\n", " ", text, flags=re.S)  # front matter: title and page options
    text = re.sub(r"<[^>]*>|\{:[^}]*\}|^title:|^!!! \w+", " ", text, flags=re.M)
    return set(re.findall(r"[^\W\d_]{4,}", text))


@pytest.mark.parametrize("region", [None, "ita-lapin-verkosto", "tampereen-seutu"])
def test_no_interface_word_is_left_untranslated(region: str | None):
    """Catches Finnish text that was never wrapped in tr() (and so has no entry to look for): apart from
    model text, a Finnish and a Swedish page share no words but names."""
    model = compile_model(REPO, region).model if region else compile_model(MINI).model
    texts = model_texts(model)
    fi = render_handbook(model, SiteContext()).files
    sv = render_handbook(model, SiteContext(lang="sv")).files
    for path in [p for p in fi if p.endswith(".md")]:
        assert words(fi[path], texts) & words(sv[path], texts) - SHARED == set(), path


def test_the_check_sees_finnish_interface_text(mini_model: Model):
    """The oracle above is not blind: the Finnish pages fail it."""
    texts = model_texts(mini_model)
    step = process.step_page(mini_model, mini_model.processes[0], mini_model.processes[0].step("suunnitelma"),
                           SiteContext())
    assert {"Kuka tekee mitä", "Määräaika", "Seuraavaksi"} <= set(finnish_left(interface_only(step, texts)))


def test_swedish_step_page_says_who_does_what_by_when(sv_files: dict[str, str]):
    page = sv_files["prosessit/prosessi/suunnitelma.md"]
    assert "## Vem gör vad" in page
    assert "## Tidsfrist" in page and "**Inom 3 månaders tid** från steget [Bedömning](arviointi.md)." in page
    assert "Ansvarig för resultatet (A) och Utför (R)" in page
    assert "Uppgift i processen [Kundprocess](index.md); bana: Myndighet." in page
    assert "## Härnäst" in page
    role = sv_files["roolit/asiantuntija.md"]
    assert "## Mina uppgifter" in role and "**När:** inom 3 månaders tid" in role
    calendar = sv_files["vuosikello.md"]
    assert "### Januari" in calendar and "§ Lagstadgad" in calendar


def test_swedish_raci_csv_headers(mini_model: Model):
    csv_text = render_handbook(mini_model, SiteContext(lang="sv")).files["downloads/raci-prosessi.csv"]
    assert csv_text[1:].split("\r\n")[0] == "steg_id;steg;Expert;Chef"


@pytest.mark.parametrize(("iso", "words"), [
    ("P3M", "3 månader"), ("P1M", "1 månad"), ("P1Y", "1 år"), ("P2Y", "2 år"), ("P1W", "1 vecka"),
    ("P2W", "2 veckor"), ("P1D", "1 dag"), ("P14D", "14 dagar"), ("PT1H", "1 timme"), ("PT36H", "36 timmar"),
    ("P1Y6M", "1 år 6 månader"), ("R/P1M", "R/P1M"),
])
def test_durations_in_swedish(iso: str, words: str):
    assert duration_words(iso, "sv") == words


def test_finnish_pages_are_unchanged(mini_model: Model):
    files = render_handbook(mini_model, SiteContext()).files
    step = files["prosessit/prosessi/suunnitelma.md"]
    assert "## Kuka tekee mitä" in step
    assert "**3 kuukauden kuluessa** vaiheesta [Arviointi](arviointi.md)." in step
    assert "Vastuussa lopputuloksesta (A) ja Tekee (R)" in step
    assert "Tehtävä prosessissa [Asiakasprosessi](index.md); kaista: Virasto." in step
    assert "## Minun tehtäväni" in files["roolit/asiantuntija.md"]
    assert "### Tammikuu" in files["vuosikello.md"]
    assert duration_words("P3M") == "3 kuukautta"


class Asked(dict):
    """The Swedish catalogue, remembering every (context, text) the renderers ask it for."""

    def __init__(self, table: dict) -> None:
        super().__init__(table)
        self.asked: set[tuple[str | None, str]] = set()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)


@pytest.fixture(scope="module")
def asked_in_swedish() -> set[tuple[str | None, str]]:
    """Every interface text asked for while rendering each model's Swedish handbook (with a revision,
    and a region without deviations, so that every kind of page and note is rendered)."""
    table, saved = Asked(i18n.catalogue("sv")), i18n.catalogue
    i18n.catalogue = lambda lang: table if lang == "sv" else saved(lang)
    try:
        ctx = SiteContext(lang="sv", revision="abc123")
        for root, region in [(MINI, None), (REPO, None), (REPO, "ita-lapin-verkosto"), (REPO, "tampereen-seutu"),
                             (CRITERIA, None), (CRITERIA, "alue"),  # a region that agrees a criterion differently
                             (RECORDING, "alue")]:  # local records and indicators
            model = compile_model(root, region).model
            render_handbook(model, ctx, drift=[Drift(Diagnostic("region.yaml", 1, 1, "DRIFT002", Severity.WARNING,
                                                             "", ""), "2024.1")])
            if model.region is not None:
                deviations.deviations_page(dataclasses.replace(model, deviations=()), ctx)
            # the statement's other states: every setting missing, full and no conformance
            a = model.project.accessibility
            variants = () if a is None else (dataclasses.replace(a, status="full", gaps=()),
                                             dataclasses.replace(a, status="none"))
            for variant in (None, *variants):
                project = dataclasses.replace(model.project, accessibility=variant)
                statement.statement_page(dataclasses.replace(model, project=project), ctx)
        # The comparison of networks (--all), with every section filled and then every one empty.
        nets = [Network(r, m.region, m) for r in ("ita-lapin-verkosto", "tampereen-seutu")
                if (m := compile_model(REPO, r).model) is not None and m.region is not None]
        nets.append(Network("rikki", nets[0].region, None, "virhe", "file:///rikki.git"))
        national = compile_model(REPO).model
        networks.comparison_page(national, nets, ctx)
        networks.comparison_page(national, [], ctx)
        deviations.drift_line(Drift(Diagnostic("region.yaml", 1, 1, "DRIFT003", Severity.WARNING, "", ""),
                                    "2025.1", "2025.2"), "sv")
        every_change = [Change(c, "x", op, (FieldChange("name", "a", "b"),), "p", "N")
                        for c in changes.KIND for op in ("added", "removed", "changed")]
        every_change += [
            Change("steps", "x", "moved", (FieldChange("after", "", "A"),), "p", "N"),
            Change("steps", "y", "moved", (FieldChange("after", "A", ""),), "p", "N"),
            Change("raci", "x", "changed", (FieldChange("rooli", "R", "A", "Rooli"),), "p", "N"),
            Change("flows", "a->b", "added", (FieldChange("label", "", "Kyllä"),), "p", "A → B"),
            Change("flows", "a->b", "removed", (FieldChange("label", "Kyllä", ""),), "p", "A → B"),
            Change("flows", "a->b", "changed", (FieldChange("label", "Kyllä", "Ei"),), "p", "A → B"),
            Change("steps", "x", "changed", (FieldChange("statutory", "false", "true"), FieldChange("inputs", "a", "b"),
                                              FieldChange("note", "", "uusi"), FieldChange("lane", "a", "")), "p", "N"),
        ]
        changes.changes_page(every_change, "1", "2", lang="sv")
        changes.changes_page([], "1", "2", lang="sv")
        changes.changes_page([], None, "2", lang="sv")
        for iso in ("P1D", "P2D", "P1Y2M3WT4H"):  # deadlines in every unit
            vocabulary.duration_words(iso, "sv")
        markdown_extensions(None, "sv")  # the heading permalinks' title
        for text in pdf.INTERFACE:  # the PDF's cover and contents
            i18n.tr(text, "sv")
    finally:
        i18n.catalogue = saved
    return table.asked


# Asked for but the same in both languages: a column sign; 'next' is a field without a name yet.
UNTRANSLATED = {"#", "next", "RACI"}


def test_every_text_asked_in_swedish_has_an_entry(asked_in_swedish: set):
    missing = {text for key in asked_in_swedish - set(i18n.catalogue("sv")) for context, text in [key]
               if context is None}  # other contexts are optional overrides of CLDR (duration units)
    assert sorted(missing - UNTRANSLATED) == []


def test_every_swedish_entry_is_used(asked_in_swedish: set):
    # Field names are only asked for when a model has such a change: the vocabulary tables are what the
    # renderers translate them from.
    tables = [vocabulary.LETTERS, vocabulary.LETTER_HELP, vocabulary.STEP_TYPES, vocabulary.FIELD, vocabulary.LANGS,
              deviations.OPS, deviations.SECTIONS, vocabulary.STATUS_WORDS, vocabulary.VERSION_WORDS]
    tables += [rhythm.WORDS, wheel.WORDS, {f"{k}{i}": v for k, two in rhythm.FREQS.items() for i, v in enumerate(two)}]
    tables += [recording.TYPE_WORDS, indicators.FREQUENCY_WORDS, indicators.MEASURE_WORDS]
    used = asked_in_swedish | {(None, v) for t in tables for v in t.values()}
    used |= {(c, v) for v in i18n.GENITIVE.values() for c in ("genitive, one", "genitive, other")}  # every unit
    used |= {(None, "käännös voi olla vanhentunut")}  # only with a stale translation: tests/test_translate.py
    assert sorted(set(i18n.catalogue("sv")) - used, key=str) == []


def test_swedish_templates_keep_their_placeholders():
    def names(text: str) -> list[str]:
        return sorted(name for _, name, *_ in string.Formatter().parse(text) if name is not None)

    catalogue = i18n.catalogue("sv")
    assert len(catalogue) > 150
    for (_, key), value in catalogue.items():
        assert names(key) == names(value), key
        assert value.strip() and value != key, key


def test_finnish_fallback_text_is_marked_for_screen_readers():
    # WCAG 2.1 3.1.2: a Finnish passage on a Swedish page carries lang="fi".
    from generator.model import Text
    from generator.render.markdown import block, esc

    assert esc(Text("Arviointi", "Bedömning"), "sv") == "Bedömning"
    # ... and a visible notice in the page's language, outside the Finnish.
    notice = ' <span class="typ-untranslated">(inte översatt ännu)</span>'
    assert esc(Text("Arviointi"), "sv") == '<span lang="fi">Arviointi</span>' + notice
    assert esc(Text("Arviointi"), "fi") == "Arviointi"
    assert block(Text("Yksi.\n\nKaksi."), "sv") == (
        '<span lang="fi">Yksi.</span>\n\n<span lang="fi">Kaksi.</span>' + notice)
    stale = Text("Arviointi", "Bedömning", stale=("sv",))
    assert esc(stale, "sv") == 'Bedömning <span class="typ-stale">(översättningen kan vara föråldrad)</span>'
