"""`typ build --all --only ID`: one network's share of the --all site, for a deployment that builds each
network in a CI job of its own and merges the outputs (README, "When one machine is not enough")."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from tests.hostile import model_copy, text, typ

REPO = Path(__file__).resolve().parent.parent


def tree(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_jobs_outputs_merged_are_the_all_site_byte_for_byte(all_handbooks: Path, tmp_path: Path):
    regions = sorted(p.name for p in (REPO / "regions").iterdir() if (p / "region.yaml").is_file())
    jobs = [["national", regions[0]], regions[1:]]  # repeatable: a job may build several networks
    merged = tmp_path / "merged"
    for n, names in enumerate(jobs):
        part = tmp_path / f"part-{n}"
        result = typ("build", REPO, "--all", *(a for name in names for a in ("--only", name)), "--out", part)
        assert result.returncode == 0, text(result)
        built = {p.split("/")[1] if p.startswith("alueet/") else "national" for p in tree(part)
                 if p != ".typ-handbook"}  # the marker of a typ output, in every part
        assert built == set(names)  # each job holds only its own networks' handbooks
        shutil.copytree(part, merged, dirs_exist_ok=True)
    ours, theirs = tree(merged), tree(all_handbooks)
    assert sorted(ours) == sorted(theirs)
    differ = [p for p in ours if not filecmp.cmp(ours[p], theirs[p], shallow=False)]
    assert differ == []
    # The national job still lists every network in its comparison (networks.html), not only its own.
    comparison = (merged / "verkostot.html").read_text("utf-8")
    assert all(f"alueet/{r}/" in comparison for r in regions)


def test_a_name_that_is_no_network_is_a_usage_error_listing_the_networks(tmp_path: Path):
    result = typ("build", REPO, "--all", "--only", "pohjanmaa-typo", "--out", tmp_path / "site")
    assert result.returncode == 2
    assert "--only pohjanmaa-typo: this model has no such network" in text(result)
    assert "national, " in text(result) and "pohjanmaa" in text(result).split("hint:")[1]
    assert not (tmp_path / "site").exists()


def test_only_without_all_is_a_usage_error(tmp_path: Path):
    result = typ("build", REPO, "--only", "national", "--out", tmp_path / "site")
    assert result.returncode == 2 and "give --all too" in text(result)


def test_the_national_part_fails_as_all_does_when_a_network_does_not_compile(tmp_path: Path):
    model = model_copy(tmp_path / "model")
    overlay = model / "regions" / "pohjanmaa" / "41-broken.yaml"
    overlay.write_text("kind: overlay\nschema_version: 1\nprocess: asiakasprosessi\nsteps:\n  change:\n"
                       "    - id: no-such-step\n      name: {fi: X}\n      reason: x\n", "utf-8")
    # Its comparison would silently lack the network; the error is the network's, with its file.
    national = typ("build", model, "--all", "--only", "national", "--out", tmp_path / "part")
    assert national.returncode == 1 and "regions/pohjanmaa/41-broken.yaml" in text(national)
    assert "no-such-step" in text(national) and not (tmp_path / "part").exists()
    # Another network's job does not compile Pohjanmaa at all.
    other = typ("build", model, "--all", "--only", "tampereen-seutu", "--out", tmp_path / "other")
    assert other.returncode == 0, text(other)
    assert (tmp_path / "other" / "alueet" / "tampereen-seutu" / "index.html").is_file()


def test_no_region_may_be_called_national(tmp_path: Path):
    model = model_copy(tmp_path / "model")
    folder = model / "regions" / "national"
    (model / "regions" / "pohjanmaa").rename(folder)
    meta = folder / "region.yaml"
    meta.write_text(meta.read_text("utf-8").replace("id: pohjanmaa", "id: national"), "utf-8")
    line = next(i for i, t in enumerate(meta.read_text("utf-8").splitlines(), 1) if t == "id: national")
    result = typ("validate", model, "--region", "national")
    assert result.returncode == 1
    assert f"regions/national/region.yaml:{line}:5" in text(result)
    assert "the region id 'national' is reserved" in text(result)
    refused = typ("new-region", "national", "--path", model)
    assert refused.returncode == 2 and "reserved" in text(refused)
