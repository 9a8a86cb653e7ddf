"""The bundled example networks: they validate, and their deviation pages list exactly their changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.compile import compile_model
from generator.load.sources import load_project, region_ids
from generator.render.context import SiteContext
from generator.render.pages.deviations import deviations_page

REPO = Path(__file__).resolve().parent.parent
REGIONS = region_ids(REPO, load_project(REPO)[0])


def overlay_operations(region: str) -> list[tuple[str, str, str]]:
    """(collection, id, op) read straight from the overlay files: an oracle independent of the engine."""
    ops = []
    for path in sorted((REPO / "regions" / region).glob("*.yaml")):
        doc = yaml.safe_load(path.read_text("utf-8"))
        if doc.get("kind") != "overlay":
            continue
        for collection in ("organisations", "roles", "steps", "duties", "terms"):
            section = doc.get(collection) or {}
            for op in ("remove", "change", "add"):
                for item in section.get(op) or []:
                    ops.append((collection, item if isinstance(item, str) else item["id"], op))
        for row in (doc.get("raci") or {}).get("set") or []:
            ops.append(("raci", row["step"], "set"))
    return ops


def test_there_are_three_example_networks():
    # two Finnish ones and a bilingual one (pohjanmaa, Swedish first): see the README
    assert REGIONS == ["ita-lapin-verkosto", "pohjanmaa", "tampereen-seutu"]


@pytest.mark.parametrize("region", REGIONS)
def test_region_validates_cleanly(region):
    result = compile_model(REPO, region)
    assert result.ok and result.diagnostics == []
    assert result.model.region.id == region


@pytest.mark.parametrize("region", REGIONS)
def test_deviations_are_exactly_the_overlay_operations(region):
    model = compile_model(REPO, region).model
    expected = overlay_operations(region)
    assert sorted((d.collection, d.id, d.op) for d in model.deviations) == sorted(expected)
    page = deviations_page(model, SiteContext())
    rows = [line for line in page.splitlines() if line.startswith("| **")]
    assert len(rows) == len(expected)
    # Every changed national element links to its national version; local additions do not.
    added = {i for _, i, op in expected if op == "add"}
    national_links = len(re.findall(r">kansallinen</a>", page))
    assert national_links == sum(1 for _, i, op in expected if op != "add" and i not in added)


@pytest.mark.parametrize("region", REGIONS)
def test_every_local_element_knows_its_overlay_line(region):
    model = compile_model(REPO, region).model
    local_steps = [s for p in model.processes for s in p.steps if s.local]
    local_roles = [r for r in model.roles if r.local]
    for element in [*local_steps, *local_roles]:
        assert element.origin.file.startswith(f"regions/{region}/"), element.id
        line = (REPO / element.origin.file).read_text("utf-8").splitlines()[element.origin.line - 1]
        assert element.id in line, (element.id, line)


def test_region_built_alone_does_not_link_to_a_missing_national_handbook(tmp_path):
    from generator.site.build import build

    out = tmp_path / "site"
    assert [d for d in build(REPO, out, region="tampereen-seutu") if d.severity.value == "error"] == []
    page = (out / "poikkeamat.html").read_text("utf-8")
    assert ">paikallinen</a>" in page and ">kansallinen</a>" not in page
