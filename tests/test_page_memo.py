"""A page shared by several handbooks of one build is rendered once (generator/site/memo.py), and the
reuse never changes what a handbook gets: its HTML, its broken links and its missing anchors."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from generator.site.build import mkdocs_build
from generator.site.memo import PageMemo

PAGES = {
    "index.md": "# Etusivu\n\nKatso [vaihe](vaihe.md#kenelle) ja [rooli](roolit/ohjaaja.md).\n",
    "vaihe.md": "# Vaihe\n\n## Kenelle\n\nTyöttömälle.\n\n[Takaisin](index.md)\n",
    "roolit/ohjaaja.md": "# Ohjaaja\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
}


def handbook(folder: Path, pages: dict[str, str], material: bool = False) -> Path:
    """A docs tree and its MkDocs config (strict, anchors checked as warnings; with `material`, the
    theme and its search as the handbooks have them); returns the config."""
    for rel, text in pages.items():
        (folder / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / rel).write_text(text, "utf-8")
    config = {"site_name": "Käsikirja", "docs_dir": str(folder / "docs"), "site_dir": str(folder / "site"),
              "use_directory_urls": False, "strict": True, "theme": {"name": "mkdocs"}, "plugins": [],
              "validation": {"anchors": "warn"}, "markdown_extensions": ["toc", "tables", "attr_list"]}
    if material:
        config.update(theme={"name": "material", "language": "fi"}, plugins=[{"search": {"lang": "fi"}}])
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    return folder / "mkdocs.yml"


def html(folder: Path) -> dict[str, str]:
    site = folder / "site"
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in sorted(site.rglob("*.html"))}


def test_a_second_handbook_reuses_the_shared_pages_and_gets_the_same_html(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # the theme prints the build's date
    memo = PageMemo()
    assert mkdocs_build(handbook(tmp_path / "first", PAGES), memo) == []
    second = {**PAGES, "oma.md": "# Oma vaihe\n\n[Etusivulle](index.md)\n"}
    assert mkdocs_build(handbook(tmp_path / "second", second), memo) == []
    assert memo.hits == 3  # the three pages the handbooks share
    assert mkdocs_build(handbook(tmp_path / "alone", second)) == []  # no memo: rendered from scratch
    assert html(tmp_path / "second") == html(tmp_path / "alone")


def test_the_search_index_of_a_handbook_that_reused_pages_is_the_one_built_alone(tmp_path: Path):
    memo = PageMemo()
    assert mkdocs_build(handbook(tmp_path / "first", PAGES, material=True), memo) == []
    # Its own front page title and a new page: the index must hold them, and the shared pages' sections.
    second = {**PAGES, "index.md": "Ei otsikkoa.\n\n## Alku\n\nTeksti.\n",
              "oma.md": "# Oma vaihe\n\nPaikallinen [palvelu](index.md).\n"}
    assert mkdocs_build(handbook(tmp_path / "second", second, material=True), memo) == []
    assert mkdocs_build(handbook(tmp_path / "alone", second, material=True)) == []
    index = "site/search/search_index.json"
    ours, alone = (json.loads((tmp_path / n / index).read_text("utf-8")) for n in ("second", "alone"))
    assert ours == alone
    assert {"Oma vaihe", "Vaihe", "Kenelle"} <= {d["title"] for d in ours["docs"]}


def test_a_section_without_a_heading_takes_each_handbooks_own_page_title(tmp_path: Path):
    memo = PageMemo()  # the same HTML under three titles: the index names each section by its own page
    for name in ("Ensimmäinen", "Toinen", "Kolmas"):
        page = {**PAGES, "ohje.md": f"---\ntitle: {name}\n---\nOhjeen teksti ilman otsikkoa.\n"}
        assert mkdocs_build(handbook(tmp_path / name, page, material=True), memo) == []
        docs = json.loads((tmp_path / name / "site/search/search_index.json").read_text("utf-8"))["docs"]
        assert [d["title"] for d in docs if d["location"] == "ohje.html"] == [name]


def test_a_link_whose_target_is_missing_in_the_second_handbook_is_still_reported(tmp_path: Path):
    memo = PageMemo()
    assert mkdocs_build(handbook(tmp_path / "first", PAGES), memo) == []
    without = {k: v for k, v in PAGES.items() if k != "roolit/ohjaaja.md"}
    messages = mkdocs_build(handbook(tmp_path / "second", without), memo)
    assert any("'roolit/ohjaaja.md'" in m and "not found" in m for m in messages), messages


def test_an_anchor_missing_in_the_second_handbook_is_still_reported(tmp_path: Path):
    memo = PageMemo()
    assert mkdocs_build(handbook(tmp_path / "first", PAGES), memo) == []
    renamed = {**PAGES, "vaihe.md": PAGES["vaihe.md"].replace("## Kenelle", "## Kenen kanssa")}
    messages = mkdocs_build(handbook(tmp_path / "second", renamed), memo)
    assert memo.hits >= 1  # index.md itself is reused: the check of its anchor link must survive that
    assert any("does not contain an anchor '#kenelle'" in m for m in messages), messages


def test_a_page_that_warned_is_rendered_again_and_warns_again(tmp_path: Path):
    memo = PageMemo()
    broken = {**PAGES, "index.md": PAGES["index.md"] + "\n[Puuttuu](puuttuu.md)\n"}
    for name in ("first", "second"):
        messages = mkdocs_build(handbook(tmp_path / name, broken), memo)
        assert any("'puuttuu.md'" in m for m in messages), (name, messages)
