"""Hostile corpus, building and publishing: a build never deletes what it did not create, never loses the
old site (a crash in the middle of the swap is recovered by the next build), two builds into one folder do
not sabotage each other, `typ publish` never writes onto the checked-out branch, and OS or MkDocs failures
are reported with their real cause and exit 2. Black-box through the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile import REPO, text, typ

MINI = REPO / "tests" / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "model"
    shutil.copytree(MINI, root)
    return root


def broken(model: Path) -> None:
    proc = model / "processes" / "prosessi.yaml"
    proc.write_text(proc.read_text("utf-8") + "\nextra_key_that_is_wrong: 1\n", "utf-8")


def test_unrelated_folders_beside_the_output_are_kept(mini: Path, tmp_path: Path):
    keep = [tmp_path / ".site.old-backup", tmp_path / ".site.build-notes", tmp_path / ".site.old-123"]
    for k in keep:
        k.mkdir()
        (k / "important.txt").write_text("keep me", "utf-8")
    out = typ("build", mini, "--out", tmp_path / "site")
    assert out.returncode == 0, text(out)
    for k in keep:
        assert (k / "important.txt").read_text("utf-8") == "keep me"


def _crashed_mid_swap(mini: Path, tmp_path: Path) -> tuple[Path, bytes]:
    """A first build, then the state a build killed between the swap's two renames leaves behind."""
    site = tmp_path / "site"
    assert typ("build", mini, "--out", site).returncode == 0
    index = (site / "index.html").read_bytes()
    # The killed build had renamed the site aside and not yet moved the new one in.
    site.rename(tmp_path / ".site.old-4242")
    new = tmp_path / ".site.build-x1y2z3"
    shutil.copytree(tmp_path / ".site.old-4242", new / "site")
    (new / ".typ-build").write_text("", "utf-8")
    return site, index


def test_crash_mid_swap_then_failing_build_keeps_the_old_site(mini: Path, tmp_path: Path):
    site, index = _crashed_mid_swap(mini, tmp_path)
    broken(mini)
    out = typ("build", mini, "--out", site)
    assert out.returncode == 1, text(out)
    assert (site / "index.html").read_bytes() == index
    # the lock file stays (see output.py), and so does the build cache (site/cache.py); nothing else
    assert sorted(p.name for p in tmp_path.glob(".site.*")) == [".site.cache", ".site.lock"]


def test_crash_mid_swap_then_good_build_replaces_and_cleans(mini: Path, tmp_path: Path):
    site, _ = _crashed_mid_swap(mini, tmp_path)
    out = typ("build", mini, "--out", site)
    assert out.returncode == 0, text(out)
    assert (site / "index.html").is_file()
    # the lock file stays (see output.py), and so does the build cache (site/cache.py); nothing else
    assert sorted(p.name for p in tmp_path.glob(".site.*")) == [".site.cache", ".site.lock"]


def test_sigterm_during_the_build_leaves_the_old_site(mini: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert typ("build", mini, "--out", site).returncode == 0
    index = (site / "index.html").read_bytes()
    for delay in (0.3, 0.8, 1.5):
        p = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", str(mini), "--out", str(site)],
                             cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        p.terminate()
        p.communicate(timeout=60)
        # whatever moment the signal came, a site is there (the old or the new one, both complete)
        assert (site / "index.html").read_bytes() == index or (tmp_path / "site").is_dir()
        out = typ("build", mini, "--out", site)
        assert out.returncode == 0 and (site / "index.html").read_bytes() == index


def test_two_builds_into_one_folder_do_not_sabotage_each_other(mini: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert typ("build", mini, "--out", site).returncode == 0
    first = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", str(mini), "--out", str(site)],
                             cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while not list(tmp_path.glob(".site.build-*")) and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.02)
    second = typ("build", mini, "--out", site)
    out1, err1 = first.communicate(timeout=120)
    assert first.returncode == 0, (out1 + err1).decode()
    assert second.returncode in (0, 2), text(second)
    if second.returncode == 2:
        assert "another" in text(second) and "mkdocs.yml:1:1" not in text(second)
    assert (site / "index.html").is_file()


def test_a_held_lock_makes_the_second_build_exit_2(mini: Path, tmp_path: Path):
    """The lock file beside the output (documented in the README) is what a build waits on."""
    import fcntl

    site = tmp_path / "site"
    lock = tmp_path / ".site.lock"
    with lock.open("w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        out = typ("build", mini, "--out", site, env={"TYP_LOCK_WAIT": "0"})
    assert out.returncode == 2, text(out)
    assert "another typ build" in text(out)
    assert not site.exists()


# ---------------------------------------------------------------- real causes, exit 2

def test_graphviz_missing_is_named(mini: Path, tmp_path: Path):
    empty = tmp_path / "bin"
    empty.mkdir()
    os.symlink(sys.executable, empty / "python3")
    git = shutil.which("git")
    if git:
        os.symlink(git, empty / "git")
    out = typ("build", mini, "--out", tmp_path / "site", env={"PATH": str(empty)})
    assert out.returncode == 2, text(out)
    assert "Graphviz" in text(out) or "neato" in text(out) or "dot" in text(out)
    assert "cannot write the site" not in text(out)


def test_folder_named_like_a_page_is_not_an_output_error(mini: Path, tmp_path: Path):
    """A folder `kansio.md` is a folder of pages (empty here), not a page that cannot be read."""
    (mini / "pages" / "kansio.md").mkdir(parents=True)
    out = typ("build", mini, "--out", tmp_path / "site")
    assert out.returncode == 0, text(out)
    assert "cannot write the site" not in text(out)


def test_unwritable_output_parent_is_exit_2_with_the_path(mini: Path, tmp_path: Path):
    if os.geteuid() == 0:
        ro = tmp_path / "file"
        ro.write_text("x", "utf-8")
        out = typ("build", mini, "--out", ro / "site")
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        out = typ("build", mini, "--out", ro / "site")
    assert out.returncode == 2, text(out)
    assert str(ro) in text(out)


def test_mkdocs_config_errors_are_located_in_mkdocs_yml(mini: Path, tmp_path: Path):
    (mini / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: no-such-theme\n", "utf-8")
    out = typ("build", mini, "--out", tmp_path / "site")
    assert out.returncode in (1, 2), text(out)
    assert "mkdocs.yml:3:" in text(out) or "mkdocs.yml:2:" in text(out), text(out)


# ---------------------------------------------------------------- publish

def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                          check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(mini: Path) -> Path:
    shutil.copy(REPO / "mkdocs.yml", mini / "mkdocs.yml")
    git(mini, "init", "-q", "-b", "master")
    git(mini, "add", ".")
    git(mini, "commit", "-q", "-m", "2025.1")
    return mini


ENV = {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_NAME": "T",
       "GIT_AUTHOR_EMAIL": "t@example.org"}


def test_publish_refuses_the_checked_out_branch(repo: Path):
    head = git(repo, "rev-parse", "HEAD")
    out = typ("publish", repo, "--version", "2025.1", "--branch", "master", env=ENV)
    assert out.returncode == 2, text(out)
    assert git(repo, "rev-parse", "HEAD") == head and git(repo, "status", "--short") == ""


@pytest.mark.parametrize(("args"), [
    ("--version", "-rf"), ("--version", "2025.1", "--alias", "a b"), ("--version", "2025.1", "--alias", "-x"),
    ("--version", "2025.1", "--branch", "a..b"), ("--version", "2025.1", "--branch", "-f"),
    ("--version", "2025.1", "--branch", "x y"), ("--version", "2025.1", "--alias", "latest/../../y"),
])
def test_publish_refuses_odd_names(repo: Path, args: tuple[str, ...]):
    out = typ("publish", repo, *args, env=ENV)
    assert out.returncode in (1, 2), text(out)
    branches = git(repo, "branch", "--format=%(refname:short)").split()
    assert branches == ["master"], branches
