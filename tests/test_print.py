"""Printing a page of the handbook (Chromium's print, A4), read back with pypdf: complete and datable."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from browser import chromium, serve

from generator.compile import compile_model
from generator.site.build import build
from generator.site.config import source_revision

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """page path -> (PdfReader, the address it was printed from), for a few kinds of page."""
    from pypdf import PdfReader

    out = tmp_path_factory.mktemp("print") / "site"
    assert not [d for d in build(REPO, out) if d.severity.value == "error"]
    pages = ["raci.html", "prosessit/asiakasprosessi/index.html", "vuosikello.html",
             "prosessit/asiakasprosessi/suunnitelma.html", "sv/raci.html"]
    done = {}
    with serve(out) as url, chromium() as browser:
        page = browser.new_page()
        for path in pages:
            page.goto(f"{url}/{path}", wait_until="load")
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            done[path] = (PdfReader(io.BytesIO(pdf)), f"{url}/{path}")
    return done


def text(reader) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_every_printed_page_has_the_running_footer(printed):
    revision = source_revision(REPO)
    for path, (reader, address) in printed.items():
        for n, page in enumerate(reader.pages, 1):
            # NFKC: pypdf reads the font's ligatures as such (a revision "ff9f…" comes out as "ﬀ9f…")
            words = " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
            assert "2025.1" in words and revision[:7] in words, (path, n)
            assert address in words.replace(" ", "") or address in words, (path, n, words[-300:])
            assert f"{n} / {len(reader.pages)}" in words, (path, n)
    assert "modellens version" in printed["sv/raci.html"][0].pages[0].extract_text()


def test_raci_prints_every_role_column(printed):
    model = compile_model(REPO).model
    # a long role name wraps inside its column: compare without the line breaks' spaces and hyphens
    words = "".join(text(printed["raci.html"][0]).replace("-", "").split())
    for role in model.roles:
        if any(role.id in row.cells for row in model.raci):
            assert role.name.fi.replace("-", "").split()[0] in words, role.id


def test_process_map_is_scaled_onto_one_landscape_page(printed):
    reader = printed["prosessit/asiakasprosessi/index.html"][0]
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)  # landscape
    words = " ".join(first.extract_text().split()).replace("- ", "").replace("-", "")
    proc = compile_model(REPO).model.processes[0]
    missing = [s.id for s in proc.steps if s.name.fi.split()[0].replace("-", "") not in words]
    assert not missing, missing  # every step of the map is on the first page


def test_step_page_prints_portrait_in_few_pages(printed):
    reader = printed["prosessit/asiakasprosessi/suunnitelma.html"][0]
    assert 1 <= len(reader.pages) <= 3
    assert all(float(p.mediabox.width) < float(p.mediabox.height) for p in reader.pages)
    assert "Kuka tekee mitä" in text(reader)


def test_year_wheel_prints_on_one_page_with_its_key_and_the_numbered_duties_follow(printed):
    reader = printed["vuosikello.html"][0]
    flat = ["".join(p.extract_text().split()) for p in reader.pages]
    # the wheel's months and its key (Merkit, Renkaat) together on a single page
    whole = [i for i, t in enumerate(flat) if all(w in t for w in ("TAMMIKUU", "JOULUKUU", "Merkit:", "Renkaat"))]
    assert len(whole) == 1, [t[:200] for t in flat]
    # the legend's numbered duties (HTML text since #14: readable on a phone) follow it, in number order
    from generator.render.wheel import place

    after = "".join(flat[whole[0]:]).replace("-", "")
    placed = place(compile_model(REPO).model).placed
    entries = [f"{p.number}.{''.join(p.duty.name.fi.split())}".replace("-", "") for p in placed]
    positions = [after.find(e) for e in entries]
    assert len(entries) > 10 and -1 not in positions, dict(zip(entries, positions, strict=True))
    assert positions == sorted(positions)
