"""Region repositories of their own: a network's folder pins the national model in a bare git repository
(file:// URLs, no network), and every command works there with the base fetched into the cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from hostile import edit, git

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
PROC = "processes/prosessi.yaml"

OVERLAY = """\
kind: overlay
schema_version: 1
process: prosessi
steps:
  change:
    - id: suunnitelma
      note: Paikallisesti suunnitelma tehdään kahdessa tapaamisessa.
      reason: Sovittu verkoston johtoryhmässä.
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "TYP_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO)}


def typ(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True,
                            text=True, timeout=300, env=env)
    assert "Traceback" not in result.stderr + result.stdout
    return result


@pytest.fixture
def national(tmp_path: Path) -> Path:
    """A bare repository holding the mini model: tag 2025.1, then tag 2025.2 (suunnitelma renamed)."""
    work = tmp_path / "national"
    shutil.copytree(FIXTURES / "mini", work)
    git(work, "init", "-q", "-b", "main")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "2025.1")
    git(work, "tag", "2025.1")
    edit(work, PROC, "{fi: Suunnitelma, sv: Plan}", "{fi: Suunnitelman laatiminen, sv: Plan}")
    edit(work, "typ.yaml", 'version: "2025.1"', 'version: "2025.2"')
    git(work, "commit", "-q", "-am", "2025.2")
    git(work, "tag", "2025.2")
    bare = tmp_path / "national.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    return bare


def scaffold(tmp_path: Path, national: Path, env: dict[str, str], ref: str = "2025.1") -> Path:
    out = typ("new-region", "oma-verkosto", "--out", "oma", "--base", f"{national.as_uri()}@{ref}",
              "--name", "Oma verkosto", cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    repo = tmp_path / "oma"
    (repo / "20-suunnitelma.yaml").write_text(OVERLAY, "utf-8")
    return repo


def test_a_region_repository_validates_builds_and_exports_on_its_pinned_base(tmp_path, national, env):
    repo = scaffold(tmp_path, national, env)
    meta = (repo / "region.yaml").read_text("utf-8")
    commit = git(national, "rev-parse", "2025.1^{commit}")
    assert f"commit: {commit}" in meta and 'ref: "2025.1"' in meta and 'based_on: "2025.1"' in meta
    assert (repo / ".git").is_dir() and (repo / "schemas" / "overlay.schema.json").is_file()
    assert not (repo / "typ.yaml").exists()  # no national checkout beside or inside it
    # The CI files a network copies in are not overlays.
    (repo / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(REPO / "examples/ci/github-actions.yml", repo / ".github/workflows/typ.yml")
    shutil.copy(REPO / "examples/ci/gitlab-ci.yml", repo / ".gitlab-ci.yml")

    out = typ("validate", cwd=repo, env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    # The pin is 2025.1 while 2025.2 exists: told where, and which local change it touches.
    assert "DRIFT003" in out.stdout and "2025.2" in out.stdout
    assert "20-suunnitelma.yaml:6:" in out.stdout and "DRIFT001" in out.stdout

    out = typ("build", cwd=repo, env=env)
    assert out.returncode == 0, out.stderr
    page = (repo / "site" / "prosessit" / "prosessi" / "suunnitelma.html").read_text("utf-8")
    assert "kahdessa tapaamisessa" in page
    assert "Suunnitelman laatiminen" not in page  # the pin decides: 2025.1's name, not the newer one
    deviations = (repo / "site" / "poikkeamat.html").read_text("utf-8")
    assert "Sovittu verkoston johtoryhmässä" in deviations

    assert typ("export", "ics", "-o", "k.ics", cwd=repo, env=env).returncode == 0
    assert (repo / "k.ics").read_text("utf-8").startswith("BEGIN:VCALENDAR")
    assert typ("export", "bpmn", "-o", "p.bpmn", cwd=repo, env=env).returncode == 0

    # Offline after the first fetch: the base gone, everything still works from the cache.
    shutil.rmtree(national)
    out = typ("validate", cwd=repo, env=env)
    assert out.returncode == 0 and "could not be refreshed" in out.stderr
    shutil.rmtree(repo / "site")
    assert typ("build", cwd=repo, env=env).returncode == 0
    assert (repo / "site" / "poikkeamat.html").is_file()


def test_errors_in_the_region_repository_name_its_own_files(tmp_path, national, env):
    repo = scaffold(tmp_path, national, env)
    edit(repo, "20-suunnitelma.yaml", "id: suunnitelma", "id: suunitelma")
    out = typ("validate", cwd=repo, env=env)
    assert out.returncode == 1
    assert "20-suunnitelma.yaml:6:" in out.stderr and "suunnitelma" in out.stderr


def test_the_pin_decides_even_when_the_branch_moves(tmp_path, national, env):
    out = typ("new-region", "oma", "--out", "oma", "--base", f"{national.as_uri()}@main", cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    repo = tmp_path / "oma"
    pinned = git(national, "rev-parse", "main")
    assert f"commit: {pinned}" in (repo / "region.yaml").read_text("utf-8")
    work = tmp_path / "w"
    subprocess.run(["git", "clone", "-q", str(national), str(work)], check=True)
    edit(work, PROC, "{fi: Suunnitelman laatiminen, sv: Plan}", "{fi: Kolmas nimi, sv: Plan}")
    git(work, "commit", "-q", "-am", "later")
    git(work, "push", "-q", "origin", "main")
    assert typ("validate", cwd=repo, env=env).returncode == 0  # fetches, learns of the new commit
    assert typ("build", cwd=repo, env=env).returncode == 0
    page = (repo / "site" / "prosessit" / "prosessi" / "suunnitelma.html").read_text("utf-8")
    assert "Suunnitelman laatiminen" in page and "Kolmas nimi" not in page


@pytest.mark.parametrize("base, says", [
    ("{missing}", "cannot fetch the national base"),
    ("{bare}@2031.7", "has no tag, branch or commit '2031.7'"),
    ("{empty}", "is not a typ model"),
    ("-uxploit", "starts with '-'"),
    ("{bare}@--output=/tmp/x", "leading '-'"),
    ("ext::sh", "transport"),
    ("http://example.org/typ.git", "not an https, ssh or file URL"),
])
def test_a_base_that_cannot_be_used_is_exit_2_naming_it(tmp_path, national, env, base, says):
    empty = tmp_path / "empty.git"
    subprocess.run(["git", "init", "-q", "--bare", str(empty)], check=True)
    work = tmp_path / "e"
    subprocess.run(["git", "clone", "-q", str(empty), str(work)], check=True, capture_output=True)
    (work / "README").write_text("not a model\n", "utf-8")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "x")
    git(work, "push", "-q", "origin", "HEAD")
    shown = base.format(missing=(tmp_path / "nowhere.git").as_uri(), bare=national.as_uri(), empty=empty.as_uri())
    out = typ("new-region", "oma", "--out", "oma", "--base", shown, cwd=tmp_path, env=env)
    assert out.returncode == 2, out.stderr
    assert says in out.stderr
    assert (shown.rpartition("@")[0] or shown) in out.stderr  # the message names the base
    assert not (tmp_path / "oma").exists()


def test_a_base_that_disappears_before_the_first_fetch_is_exit_2(tmp_path, national, env):
    repo = scaffold(tmp_path, national, env)
    shutil.rmtree(tmp_path / "cache")
    shutil.rmtree(national)
    for command in (["validate"], ["build"], ["export", "ics"]):
        out = typ(*command, cwd=repo, env=env)
        assert out.returncode == 2 and "cannot fetch the national base" in out.stderr
        assert national.as_uri() in out.stderr


def test_upgrade_base_shows_the_diff_then_moves_the_pin(tmp_path, national, env):
    repo = scaffold(tmp_path, national, env)
    before = (repo / "region.yaml").read_text("utf-8")
    out = typ("upgrade-base", "2025.2", "--dry-run", cwd=repo, env=env)
    assert out.returncode == 0, out.stderr
    assert "Suunnitelma -> Suunnitelman laatiminen" in out.stdout and "DRIFT001" in out.stdout
    assert (repo / "region.yaml").read_text("utf-8") == before
    out = typ("upgrade-base", "2025.2", cwd=repo, env=env)
    assert out.returncode == 0, out.stderr
    after = (repo / "region.yaml").read_text("utf-8")
    new_commit = git(national, "rev-parse", "2025.2^{commit}")
    assert f'commit: "{new_commit}"   # what is built' in after
    assert 'ref: "2025.2"' in after and 'based_on: "2025.2"   # the national' in after
    # Only the three values changed: every other line (comments included) is as it was.
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 3
    out = typ("validate", cwd=repo, env=env)
    assert out.returncode == 0 and "DRIFT" not in out.stdout
    assert "Suunnitelman laatiminen" in typ("export", "bpmn", cwd=repo, env=env).stdout


def test_upgrade_base_refuses_a_base_the_region_no_longer_applies_to(tmp_path, national, env):
    repo = scaffold(tmp_path, national, env)
    edit(repo, "20-suunnitelma.yaml", "      note: Paikallisesti",
         "      name: Paikallinen suunnitelma\n      note: Paikallisesti")
    assert typ("validate", cwd=repo, env=env).returncode == 0
    work = tmp_path / "w"
    subprocess.run(["git", "clone", "-q", str(national), str(work)], check=True)
    edit(work, "typ.yaml", 'version: "2025.2"', 'version: "2025.3"')
    edit(work, PROC, "    lane: virasto\n", '    lane: virasto\n    statutory: true\n    locked: true\n'
         '    legal_basis: [{act: "381/2023", section: "5"}]\n')  # now the region may not rename it
    git(work, "commit", "-q", "-am", "2025.3")
    git(work, "tag", "2025.3")
    git(work, "push", "-q", "origin", "main", "2025.3")
    before = (repo / "region.yaml").read_text("utf-8")
    out = typ("upgrade-base", "2025.3", cwd=repo, env=env)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "OVL002" in out.stderr and "20-suunnitelma.yaml:7:" in out.stderr and "not changed" in out.stderr
    assert "locked" in out.stdout  # the semantic diff was shown first
    assert (repo / "region.yaml").read_text("utf-8") == before
    out = typ("upgrade-base", "no-such-tag", cwd=repo, env=env)
    assert out.returncode == 2 and "no-such-tag" in out.stderr
    out = typ("upgrade-base", "2025.3", "--force", cwd=repo, env=env)
    assert out.returncode == 0 and 'based_on: "2025.3"' in (repo / "region.yaml").read_text("utf-8")


def test_typ_diff_compares_two_commits_of_a_region_repository(tmp_path, national, env):
    repo = scaffold(tmp_path, national, env)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    edit(repo, "20-suunnitelma.yaml", "kahdessa tapaamisessa", "kolmessa tapaamisessa")
    out = typ("diff", "HEAD", "--format", "markdown", cwd=repo, env=env)
    assert out.returncode == 0, out.stderr
    assert "kahdessa tapaamisessa" in out.stdout and "kolmessa tapaamisessa" in out.stdout


def test_a_local_folder_base_is_recorded_relative_to_the_repository(tmp_path, national, env):
    out = typ("new-region", "oma", "--out", "verkostot/oma", "--base", "national.git@2025.1", cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    repo = tmp_path / "verkostot" / "oma"
    assert 'source: "../../national.git"' in (repo / "region.yaml").read_text("utf-8")
    assert typ("validate", cwd=repo, env=env).returncode == 0


def test_links_out_of_the_region_repository_are_refused(tmp_path, national, env):
    repo = scaffold(tmp_path, national, env)
    tree = next((tmp_path / "cache" / "bases").glob("*/trees/*"))
    (repo / "30-link.yaml").symlink_to(tree / PROC)
    out = typ("validate", cwd=repo, env=env)
    assert out.returncode == 1 and "FILE001" in out.stderr and "30-link.yaml" in out.stderr


def test_serve_previews_a_region_repository(tmp_path, national, env, monkeypatch):
    from generator.base.workspace import open_workspace
    from generator.cli import repository_options
    from generator.site.serve import serve

    repo = scaffold(tmp_path, national, env)
    monkeypatch.setenv("TYP_CACHE_DIR", env["TYP_CACHE_DIR"])
    ws, _ = open_workspace(repo, None)
    assert ws is not None
    ready, stop, pages = threading.Event(), threading.Event(), {}

    def on_ready(url: str) -> None:
        pages["html"] = urllib.request.urlopen(url + "poikkeamat.html", timeout=30).read().decode()
        ready.set()
        stop.set()

    serve(ws.root, ws.region, 0, max_seconds=120, on_ready=on_ready, stop=stop, **repository_options(ws))
    assert ready.is_set() and "Sovittu verkoston johtoryhmässä" in pages["html"]
