"""Incremental and shared builds: the build cache beside the output (generator/site/cache.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_mini, edit_file

from generator.scaffold import new_region
from generator.site.build import build, cache_folder


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def inodes(folder: Path) -> dict[str, int]:
    """Each built file's inode (the marker typ build writes into every output is new each time)."""
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*")
            if p.is_file() and p.name != ".typ-handbook"}


@pytest.fixture(scope="module")
def model_with_region(tmp_path_factory) -> Path:
    root = copy_mini(tmp_path_factory.mktemp("cache") / "model")
    new_region(root, "pohjoinen", "Pohjoinen verkosto")
    return root


def errors(diags) -> list:
    return [d for d in diags if d.severity.value == "error"]


def test_rebuild_with_nothing_changed_runs_no_mkdocs_and_keeps_every_file(model_with_region, tmp_path):
    out = tmp_path / "site"
    assert errors(build(model_with_region, out, all_=True)) == []
    manifests = {p.name: p.stat().st_mtime_ns for p in (cache_folder(out) / "sites").glob("*.json")}
    assert sorted(manifests) == ["national-fi.json", "national-sv.json", "pohjoinen.json"]
    before, ino = tree(out), inodes(out)
    assert errors(build(model_with_region, out, all_=True)) == []
    # Nothing was built again: no handbook's record was rewritten, and every file is the same file.
    assert {p.name: p.stat().st_mtime_ns for p in (cache_folder(out) / "sites").glob("*.json")} == manifests
    assert tree(out) == before and inodes(out) == ino


def test_one_changed_step_rebuilds_only_what_depends_on_it_and_equals_a_clean_build(model_with_region, tmp_path):
    root = tmp_path / "model"
    root.mkdir()
    for p in model_with_region.rglob("*"):
        if p.is_file():
            (root / p.relative_to(model_with_region)).parent.mkdir(parents=True, exist_ok=True)
            (root / p.relative_to(model_with_region)).write_bytes(p.read_bytes())
    out = tmp_path / "site"
    assert errors(build(root, out, all_=True)) == []
    sites = cache_folder(out) / "sites"
    stamps = {p.name: p.stat().st_mtime_ns for p in sites.glob("*.json")}
    national_page, comparison = inodes(out)["index.html"], inodes(out)["verkostot.html"]
    # A change in the region: the region's handbook depends on it, and of the national handbooks only the
    # comparison of networks, which lists every network's changes.
    overlay = root / "regions" / "pohjoinen" / "10-prosessi.yaml"
    overlay.write_text(
        "kind: overlay\nschema_version: 1\nprocess: prosessi\nsteps:\n  change:\n"
        "    - id: arviointi\n      note: Paikallinen huomautus arvioinnista.\n", "utf-8")
    assert errors(build(root, out, all_=True)) == []
    now = {p.name: p.stat().st_mtime_ns for p in sites.glob("*.json")}
    assert now["pohjoinen.json"] != stamps["pohjoinen.json"]
    assert inodes(out)["verkostot.html"] != comparison
    assert inodes(out)["index.html"] == national_page  # every other national page is the same file
    assert "Paikallinen huomautus arvioinnista" in "".join(
        p.read_text("utf-8") for p in (out / "alueet" / "pohjoinen").rglob("*.html"))
    # Then a national step: every handbook changes. Either way the result is a clean build's, byte for byte.
    edit_file(root, "processes/prosessi.yaml", "name: {fi: Arviointi, sv: Bedömning}",
              "name: {fi: Arviointi yhdessä, sv: Bedömning}")
    assert errors(build(root, out, all_=True)) == []
    clean = tmp_path / "clean"
    assert errors(build(root, clean, all_=True, cache=False)) == []
    assert tree(out) == tree(clean)
    assert not cache_folder(clean).exists()


def test_handbooks_share_one_copy_of_the_theme_assets(model_with_region, tmp_path):
    out = tmp_path / "site"
    assert errors(build(model_with_region, out, all_=True)) == []
    bundles = sorted((out / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert bundles
    national, sv, region = (folder / "assets" / "javascripts" / bundles[0].name
                            for folder in (out, out / "sv", out / "alueet" / "pohjoinen"))
    assert national.read_bytes() == region.read_bytes()
    assert national.stat().st_ino == sv.stat().st_ino == region.stat().st_ino
    assert national.stat().st_nlink >= 3


def test_without_the_cache_handbooks_still_share_their_assets_and_nothing_is_kept(model_with_region, tmp_path):
    out = tmp_path / "site"
    assert errors(build(model_with_region, out, all_=True, cache=False)) == []
    bundle = next((out / "assets" / "javascripts").glob("bundle.*.min.js"))
    region = out / "alueet" / "pohjoinen" / "assets" / "javascripts" / bundle.name
    assert bundle.stat().st_ino == region.stat().st_ino
    # only the site and the build lock (kept: removing it would race a waiting build)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]
