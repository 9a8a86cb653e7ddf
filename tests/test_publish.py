"""Publishing versions with mike into a temporary git repository holding the mini model."""

from __future__ import annotations

import inspect
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.diagnostics import has_errors
from generator.site import build as site_build
from generator.site.publish import changes_since_previous, previous_version, publish, published_versions

TESTS = Path(__file__).parent
PROC = "processes/prosessi.yaml"


def git(root: Path, *args: str, check: bool = True) -> str:
    out = subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                          *args], check=check, capture_output=True, text=True)
    return out.stdout.strip()


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), "utf-8")


def versions_json(root: Path) -> dict[str, set[str]]:
    return {v["version"]: set(v["aliases"]) for v in json.loads(git(root, "show", "gh-pages:versions.json"))}


def on_branch(root: Path) -> set[str]:
    return set(git(root, "ls-tree", "--name-only", "gh-pages").split())


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(TESTS / "fixtures" / "mini", root)
    shutil.copy(TESTS.parent / "mkdocs.yml", root / "mkdocs.yml")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "2025.1")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test")  # mike commits as the committer
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "test@example.org")
    return root


def test_previous_version_is_the_newest_older_one():
    assert previous_version([], "2025.1") is None
    assert previous_version(["2025.1"], "2025.2") == "2025.1"
    assert previous_version(["2025.2", "2025.1"], "2025.2") == "2025.1"
    assert previous_version(["2025.10", "2025.9", "2025.2"], "2025.10") == "2025.9"
    assert previous_version(["2025.2"], "2025.1") is None


def test_publish_two_versions_with_a_moving_alias(repo):
    diags = publish(repo, "2025.1", "latest")
    assert not has_errors(diags), diags
    assert versions_json(repo) == {"2025.1": {"latest"}}
    assert {"2025.1", "latest", "index.html", "versions.json"} <= on_branch(repo)
    assert "latest/" in git(repo, "show", "gh-pages:index.html")  # the root redirects to the alias
    source = json.loads(git(repo, "show", "gh-pages:2025.1/typ-source.json"))
    assert source["version"] == "2025.1" and source["revision"] == git(repo, "rev-parse", "HEAD")

    edit(repo, PROC, "{fi: Suunnitelma, sv: Plan}", "{fi: Suunnitelman laatiminen, sv: Plan}")
    edit(repo, "typ.yaml", 'version: "2025.1"', 'version: "2025.2"')
    git(repo, "commit", "-q", "-am", "2025.2")
    previous, changes = changes_since_previous(repo, "2025.2")
    assert previous == "2025.1"
    assert [(c.collection, c.id, c.op) for c in changes] == [("steps", "suunnitelma", "changed"),
                                                             ("project", "mini", "changed")]
    assert changes[0].fields[0].new == "Suunnitelman laatiminen"

    diags = publish(repo, "2025.2", "latest")
    assert not has_errors(diags), diags
    assert not [d for d in diags if d.code.startswith("PUB")], diags
    assert versions_json(repo) == {"2025.1": set(), "2025.2": {"latest"}}
    assert published_versions(repo) == ["2025.2", "2025.1"]
    assert {"2025.1", "2025.2", "latest"} <= on_branch(repo)
    assert "2025.2/index.html" in git(repo, "show", "gh-pages:latest/index.html")  # a redirect page
    if "pages_for" in inspect.signature(site_build.build).parameters:  # once site.build takes extra pages
        page = git(repo, "show", "gh-pages:2025.2/muutokset.html")
        assert 'href="prosessit/prosessi/suunnitelma.html">Suunnitelman laatiminen</a>' in page
        assert "nimi muuttui: Suunnitelma → Suunnitelman laatiminen" in page and "2025.1" in page
        # The Swedish handbook's page is in Swedish, its nav entry too (B2).
        sv = git(repo, "show", "gh-pages:2025.2/sv/muutokset.html")
        assert "<h1 id=\"vad-har-andrats\">Vad har ändrats" in sv and "Mitä muuttui" not in sv
        assert "namn ändrades: Suunnitelma → Suunnitelman laatiminen" in sv
        assert 'href="prosessit/prosessi/suunnitelma.html"><span lang="fi">Suunnitelman laatiminen</span></a>' in sv
        assert "Ändringar totalt: 2." in sv and "Muutoksia" not in sv

    # Publishing an old version again replaces only it: 2025.2 and its alias stay.
    assert [d.code for d in publish(repo, "2025.1")] == ["PUB001"]  # the model says 2025.2 now
    assert versions_json(repo) == {"2025.1": set(), "2025.2": {"latest"}}
    assert git(repo, "cat-file", "-t", "gh-pages:2025.2/index.html") == "blob"
    assert "2025.2/index.html" in git(repo, "show", "gh-pages:latest/index.html")
    republished = json.loads(git(repo, "show", "gh-pages:2025.1/typ-source.json"))
    assert republished["revision"] == git(repo, "rev-parse", "HEAD")  # 2025.1 was replaced


def test_version_differing_from_the_model_is_a_warning(repo):
    diags = publish(repo, "2030.1")
    assert [d.code for d in diags] == ["PUB001"] and diags[0].file == "typ.yaml" and diags[0].line == 6
    assert versions_json(repo) == {"2030.1": set()}
    assert "2030.1/" in git(repo, "show", "gh-pages:index.html")


def test_uncommitted_model_is_a_warning(repo):
    edit(repo, PROC, "within: P3M", "within: P2M")
    assert "PUB002" in [d.code for d in publish(repo, "2025.1")]


def test_publish_outside_git_is_an_error(tmp_path):
    root = tmp_path / "plain"
    shutil.copytree(TESTS / "fixtures" / "mini", root)
    assert [d.code for d in publish(root, "2025.1")] == ["PUB003"]


def test_alias_equal_to_the_version_is_an_error(repo):
    assert [d.code for d in publish(repo, "2025.1", "2025.1")] == ["IO001"]  # a usage error: exit 2
    assert git(repo, "rev-parse", "--verify", "--quiet", "gh-pages", check=False) == ""


def test_all_handbooks_and_regional_changes(repo):
    shutil.copytree(TESTS / "fixtures" / "diff" / "region", repo / "regions" / "testi")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "region")
    assert not has_errors(publish(repo, "2025.1", "latest", all_=True))
    assert git(repo, "cat-file", "-t", "gh-pages:2025.1/alueet/testi/poikkeamat.html") == "blob"

    edit(repo, "regions/testi/overlay.yaml", "kahdessa tapaamisessa", "kolmessa tapaamisessa")
    edit(repo, "typ.yaml", 'version: "2025.1"', 'version: "2025.2"')
    shutil.copytree(TESTS / "fixtures" / "diff" / "region", repo / "regions" / "uusi")
    edit(repo, "regions/uusi/region.yaml", "id: testi", "id: uusi")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "2025.2")
    previous, changes = changes_since_previous(repo, "2025.2", region="testi")
    assert previous == "2025.1"
    assert [(c.id, [f.field for f in c.fields]) for c in changes] == [("suunnitelma", ["note"]), ("mini", ["version"])]
    assert [c.collection for c in changes_since_previous(repo, "2025.2")[1]] == ["project"]  # national: no change
    assert changes_since_previous(repo, "2025.2", region="uusi") == (None, [])  # first publication of a region
