"""The built handbooks as text a worker reads (#14): no Markdown left in table cells, no ISO 8601
codes, deadlines in plain words, every step page with its summary and place in the process."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from generator.compile import compile_model
from generator.site.build import build

REPO = Path(__file__).resolve().parent.parent
# Markdown that a cell shows when a block ran into a table: a heading, a list item, a table row, an
# admonition, unrendered emphasis or a link.
MARKDOWN_START = re.compile(r"^(#{1,6}\s|[-*+]\s|\||!!!|\*\*|__|\[[^\]]*\]\()")
ISO = re.compile(r"(?<![\w/])(?:R\d*/)?P(?:\d+[YMWD])+(?:T\d+[HMS])*(?!\w)|(?<![\w/])PT\d+[HMS](?!\w)")


SITE_URL = "https://typ.example.test/kasikirja/"
SKIP = ("site", "tests", "bench", "generator", "__pycache__", "node_modules", ".venv", ".git", ".ci")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Every handbook of a copy of the model whose mkdocs.yml gives the site's address."""
    base = tmp_path_factory.mktemp("reading")
    model = base / "model"
    shutil.copytree(REPO, model, ignore=shutil.ignore_patterns(*SKIP), symlinks=True)
    config = model / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"site_url: {SITE_URL}\n", "utf-8")
    out = base / "site"
    diags = build(model, out, all_=True)
    assert [d for d in diags if d.severity.value == "error"] == []
    return out


@pytest.fixture(scope="module")
def model():
    return compile_model(REPO).model


def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        doc = lxml.html.fromstring(path.read_bytes())
        article = doc.find(".//article")
        if article is not None:
            yield path.relative_to(site).as_posix(), article


def visible_text(el) -> str:
    for bad in el.xpath(".//script|.//style"):
        bad.drop_tree()
    return " ".join(el.text_content().split())


def test_no_table_cell_starts_with_markdown_syntax(site):
    found = []
    for name, article in pages(site):
        for cell in article.iter("td", "th"):
            text = cell.text_content().strip()
            if MARKDOWN_START.match(text):
                found.append(f"{name}: {text[:60]!r}")
    assert found == []


def test_tampere_referral_step_shows_services_below_the_contacts_table(site):
    doc = lxml.html.fromstring((site / "alueet/tampereen-seutu/prosessit/asiakasprosessi/ohjaus.html").read_bytes())
    heading = doc.xpath("//article//h2[starts-with(normalize-space(.), 'Palvelut')]")
    assert heading, "the services heading is a heading of its own"
    assert not heading[0].xpath("ancestor::table")
    items = heading[0].xpath("following-sibling::ul[1]/li")
    assert items and "Sähköinen TYP-ohjauslomake" in items[0].text_content()


def test_no_iso_8601_code_in_any_page_text(site):
    found = []
    for name, article in pages(site):
        text = visible_text(article)
        found += [f"{name}: {m.group(0)}" for m in ISO.finditer(text)]
    assert found == []


def test_deadlines_read_in_plain_words(site, model):
    proc = model.process("asiakasprosessi")
    review = (site / "prosessit/asiakasprosessi/tarkistaminen.html").read_text("utf-8")
    text = " ".join(lxml.html.fromstring(review).find(".//article").text_content().split())
    assert "Vähintään 3 kuukauden välein, laskettuna vaiheesta" in text
    assert "kuukautta välein" not in text
    plan = visible_text(lxml.html.fromstring((site / "prosessit/asiakasprosessi/suunnitelma.html").read_bytes())
                        .find(".//article"))
    assert f"3 kuukauden kuluessa vaiheesta {proc.step('arviointi').name.fi}" in plan
    sv = visible_text(lxml.html.fromstring((site / "sv/prosessit/asiakasprosessi/tarkistaminen.html").read_bytes())
                      .find(".//article"))
    assert "Med högst 3 månaders mellanrum, räknat från steget" in sv
    role = visible_text(lxml.html.fromstring((site / "roolit/tyovoima-asiantuntija.html").read_bytes())
                        .find(".//article"))
    assert "vähintään 3 kuukauden välein" in role and "määräaika 3 kuukautta" not in role


def test_every_step_page_says_where_it_is_and_what_it_asks(site, model):
    for lang, prefix in (("fi", ""), ("sv", "sv/")):
        for proc in model.processes:
            for i, step in enumerate(proc.steps, 1):
                doc = lxml.html.fromstring((site / f"{prefix}prosessit/{proc.id}/{step.id}.html").read_bytes())
                nav = doc.xpath("//nav[contains(@class, 'typ-stepmap')]")[0]
                position = {"fi": f"Vaihe {i}/{len(proc.steps)}", "sv": f"Steg {i}/{len(proc.steps)}"}[lang]
                assert position in nav.text_content()
                assert nav.xpath("a[@aria-current='step']")[0].text_content() == str(i)
                assert len(nav.xpath("a")) == len(proc.steps)
                if step.type != "task":
                    continue
                box = doc.xpath("//article//div[contains(@class, 'admonition') and contains(@class, 'abstract')]")
                assert box, f"{prefix}{step.id}: no summary box"
                words = {"fi": ("Milloin", "Mitä kirjataan"), "sv": ("När", "Vad som dokumenteras")}[lang]
                assert all(w in box[0].text_content() for w in words), step.id


def review_texts(model) -> set[str]:
    """Every internal review note in the model (elements and legal references)."""
    import dataclasses

    from generator.model import Text

    found, seen = set(), set()

    def walk(value):
        if id(value) in seen:
            return
        seen.add(id(value))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            note = getattr(value, "review", None)
            if isinstance(note, Text):
                found.update(t for t in (note.fi, note.sv) if t)
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
    walk(model)
    return found


def test_internal_review_notes_are_never_shown(site, model):
    notes = review_texts(model)
    assert len(notes) >= 3, "the national model has review notes for the steering group"
    pieces = {" ".join(n.split())[:60] for n in notes}
    for name, article in pages(site):
        text = visible_text(article)
        assert not [p for p in pieces if p in text], name  # the accessibility statement too
        assert not re.search(r"\w{4,}\.;", text), f"{name}: a note's full stop left before ';'"


def test_year_wheel_page_lists_a_monthly_duty_once_and_links_each_number(site, model):
    html = (site / "vuosikello.html").read_text("utf-8")
    doc = lxml.html.fromstring(html)
    monthly = [d for d in model.duties if d.id == "asiakasneuvottelut" or "asiakasneuvottelut" in d.id]
    assert monthly, [d.id for d in model.duties]
    name = monthly[0].name.fi
    months = doc.xpath("//article//h3[@data-typ-month]")
    assert [int(h.get("data-typ-month")) for h in months] == sorted(int(h.get("data-typ-month")) for h in months)
    every = doc.xpath("//article//h3[starts-with(normalize-space(.), 'Joka kuukausi')]")
    assert every and name in every[0].xpath("following-sibling::div[1]")[0].text_content()
    in_months = [h for h in months if name in h.xpath("following-sibling::div[1]")[0].text_content()]
    assert in_months == [], "a monthly duty is shown once, not in every month's table"
    # The legend is text, numbered as in the wheel; each number and name links to its duty.
    legend = doc.xpath("//article//div[contains(@class, 'typ-wheel-legend')]//li")
    assert len(legend) == len(model.duties)
    for li in legend:
        target = li.xpath(".//a/@href")[0]
        assert target.startswith("#duty-") and doc.xpath(f"//*[@id='{target[1:]}']"), target
    wheel_links = doc.xpath("//figure[contains(@class,'typ-wheel')]//*[local-name()='a']/@href")
    assert wheel_links and all(h.startswith("#duty-") for h in wheel_links)
    # No month is marked in the built page: the reader's browser marks today's month.
    assert "typ-this-month" not in html


def test_raci_matrix_marks_joint_responsibility_where_the_model_says_so(site, model):
    doc = lxml.html.fromstring((site / "raci.html").read_bytes())
    for proc in model.processes:
        table = doc.xpath(f"//table[@data-process='{proc.id}']")[0]
        for row in [r for r in model.raci if r.process == proc.id]:
            step = proc.step(row.id)
            number = next(i for i, s in enumerate(proc.steps, 1) if s.id == row.id)
            tr = [t for t in table.xpath(".//tbody/tr")
                  if t.xpath("th")[0].text_content().startswith(f"{number}. ")][0]
            joint = tr.xpath(".//span[contains(@class,'typ-joint')]")
            assert bool(joint) == (row.joint is not None), step.id
            for role_id, value in row.cells.items():
                cell = tr.xpath(f"td[@data-role='{role_id}']")[0].text_content()
                assert cell.startswith(value), (step.id, role_id)
                assert ("⚭" in cell) == (row.joint is not None and "A" in value), (step.id, role_id)


def test_deviations_show_national_and_local_values_side_by_side(site, model):
    local = compile_model(REPO, "tampereen-seutu").model
    dev = next(d for d in local.deviations if d.op == "change" and d.fields == ("description",))
    step = model.process("asiakasprosessi").step(dev.id)
    doc = lxml.html.fromstring((site / "alueet/tampereen-seutu/poikkeamat.html").read_bytes())
    head = [th.text_content().strip() for th in doc.xpath("//article//table[1]//th")]
    assert head[:5] == ["Kohde", "Muutos", "Kansallinen malli", "Tämä alue", "Perustelu"]
    row = [tr for tr in doc.xpath("//article//table//tr") if step.name.fi in tr.text_content()][0]
    cells = [" ".join(td.text_content().split()) for td in row.xpath("td")]
    national, here = " ".join(step.description.fi.split())[:60], dev.values[0][2].split()[0]
    assert national in cells[2] and national not in cells[3]
    assert here in cells[3]
    # file:line is for maintainers: inside a folded detail, not in the table's text.
    detail = row.xpath(".//details[contains(@class,'typ-source')]")[0]
    assert f"{dev.origin.file}:{dev.origin.line}" in detail.text_content()
    raci = next(d for d in local.deviations if d.collection == "raci" and d.values)
    assert all(len(v) == 3 for v in raci.values)


@pytest.mark.parametrize("prefix", ["", "sv/", "alueet/tampereen-seutu/", "alueet/ita-lapin-verkosto/"])
def test_every_handbook_has_its_own_sitemap_and_404_page(site, prefix):
    """With site_url set, each language and region lists its own pages and its 404 page (served for any
    missing address) loads its own styles and links its own front page."""
    own = SITE_URL + prefix
    urls = re.findall(r"<loc>([^<]+)</loc>", (site / prefix / "sitemap.xml").read_text("utf-8"))
    assert urls and all(u.startswith(own) for u in urls), urls[:3]
    assert own + "raci.html" in urls
    if prefix == "":  # the national Finnish sitemap lists only its own pages, not sv/ or the regions'
        assert not [u for u in urls if u.startswith((SITE_URL + "sv/", SITE_URL + "alueet/"))]
    for u in urls[:20]:
        assert (site / prefix / u.removeprefix(own)).is_file(), u
    doc = lxml.html.fromstring((site / prefix / "404.html").read_bytes())
    css = [h for h in doc.xpath("//link[@rel='stylesheet']/@href") if "typ" in h]
    assert css and all(h.startswith("/kasikirja/" + prefix) for h in css), css
    home = doc.xpath("//a[contains(@class,'md-header__button') and contains(@class,'md-logo')]/@href")
    assert home == ["/kasikirja/" + prefix + "index.html"], home


def test_a_long_process_shows_the_steps_around_the_current_one(mini_model):
    """Past 50 steps the row shows the first, the last and five either side of the current step (every
    step on every page would grow the build with n squared); a gap mark stands for the rest."""
    import dataclasses

    from generator.render.pages.overview import step_map

    proc = mini_model.processes[0]
    steps = tuple(dataclasses.replace(proc.steps[1], id=f"s{i}") for i in range(1, 201))
    long = dataclasses.replace(proc, steps=steps)
    nav = lxml.html.fromstring(step_map(long, steps[99], "prosessit/prosessi/s100.md", "fi"))
    assert [a.text_content() for a in nav.xpath("a")] == ["1", *map(str, range(95, 106)), "200"]
    assert nav.xpath("a[@aria-current='step']")[0].text_content() == "100"
    assert len(nav.xpath("span[@aria-hidden='true']")) == 2 and "Vaihe 100/200" in nav.text_content()
    first = lxml.html.fromstring(step_map(long, steps[0], "prosessit/prosessi/s1.md", "fi"))
    assert [a.text_content() for a in first.xpath("a")] == [*map(str, range(1, 7)), "200"]
