"""The national base in the cache: one bare mirror per source, one extracted tree per commit.

    <cache>/bases/<hash of the URL>/repo.git        git clone --mirror (fetched when a pin is missing)
    <cache>/bases/<hash of the URL>/trees/<commit>/ the model at that commit (written once, then only read)

A tree is the national model's root for every command in a region repository: the model's file
boundary (load/files.py) applies to it as to any checkout, and `git archive` plus tarfile's data
filter never write a link that leaves it. Git runs as a subprocess with a timeout, no shell, no
terminal prompt and only the file, https and ssh transports; its stderr ends up in the message.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import BaseError
from ..gitrepo import inside_only
from ..load.sources import PROJECT_FILE, load_project
from .source import COMMIT, PROTOCOLS, BaseSpec, cache_home, check_ref, check_source, git_url

CLONE_TIMEOUT, GIT_TIMEOUT = 300, 60
MARKER = ".typ-base"


@dataclass(frozen=True)
class Fetched:
    spec: BaseSpec
    url: str
    mirror: Path
    commit: str
    tree: Path
    note: str = ""  # e.g. the base could not be refreshed, so what the cache knows is used


def _env() -> dict[str, str]:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_ALLOW_PROTOCOL=PROTOCOLS, GIT_ASKPASS="true",
               LC_ALL="C")
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    return env


def git(*args: str, cwd: Path | None = None, timeout: int = GIT_TIMEOUT) -> subprocess.CompletedProcess[bytes]:
    """Run git (never through a shell); an OS failure or a timeout is a BaseError."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=timeout, env=_env(),
                              check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise BaseError(f"git {args[0]} did not finish in {timeout} s") from exc
    except OSError as exc:
        raise BaseError(f"cannot run git: {exc.strerror or exc}") from exc


def _why(proc: subprocess.CompletedProcess[bytes]) -> str:
    lines = [x.strip() for x in proc.stderr.decode("utf-8", "replace").splitlines() if x.strip()]
    fatal = [x.removeprefix("fatal: ") for x in lines if x.startswith(("fatal:", "error:"))]
    return (fatal or lines or [f"git exited with {proc.returncode}"])[0]


def folder_for(url: str) -> Path:
    return cache_home() / "bases" / hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One typ at a time fetches or extracts a base (two CI jobs sharing a cache)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clone(url: str, mirror: Path, shown: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=".clone-", dir=mirror.parent))
    try:
        proc = git("clone", "--mirror", "--quiet", "--", url, str(tmp / "repo.git"), timeout=CLONE_TIMEOUT)
        if proc.returncode != 0:
            raise BaseError(f"cannot fetch {shown}: {_why(proc)}")
        (tmp / "repo.git").rename(mirror)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def refresh(mirror: Path) -> str:
    """Fetch what is new from the base; '' when done, else why not (offline is not an error).
    TYP_OFFLINE=1 never fetches (an air-gapped machine, or a CI job that must not reach out)."""
    if os.environ.get("TYP_OFFLINE") == "1":
        return "TYP_OFFLINE=1"
    try:
        proc = git("-C", str(mirror), "fetch", "--quiet", "--prune", "--tags", "origin", timeout=CLONE_TIMEOUT)
    except BaseError as exc:
        return str(exc)
    return "" if proc.returncode == 0 else _why(proc)


def resolve(mirror: Path, name: str) -> str | None:
    """The commit a tag, branch or commit name stands for in the mirror, or None."""
    proc = git("-C", str(mirror), "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    out = proc.stdout.decode().strip()
    return out if proc.returncode == 0 and COMMIT.fullmatch(out) else None


def _extract(mirror: Path, commit: str, tree: Path, shown: str, expect: str = PROJECT_FILE) -> None:
    listed = git("-C", str(mirror), "ls-tree", "--name-only", commit, "--", expect)
    if listed.returncode != 0 or not listed.stdout.strip():
        what = "a typ model" if expect == PROJECT_FILE else "a region repository"
        raise BaseError(f"{shown} is not {what}: no {expect} at commit {commit[:12]}")
    archive = git("-C", str(mirror), "archive", "--format=tar", commit)
    if archive.returncode != 0:
        raise BaseError(f"cannot read {commit[:12]} of {shown}: {_why(archive)}")
    tmp = Path(tempfile.mkdtemp(prefix=".tree-", dir=tree.parent))
    try:
        try:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout), mode="r:") as tar:
                tar.extractall(tmp, filter=inside_only)
        except tarfile.TarError as exc:
            raise BaseError(f"cannot unpack {commit[:12]} of {shown}: {exc}") from exc
        (tmp / MARKER).write_text(f"{commit}\n", "utf-8")
        tmp.rename(tree)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def fetch(spec: BaseSpec, relative_to: Path, update: bool = False, expect: str = PROJECT_FILE) -> Fetched:
    """The base at its pin, fetched into the cache if the cache lacks it. `update`: fetch anyway
    (to learn of newer national versions); failing to is a note, as long as the pin is known.

    The pin is `commit` when region.yaml records it (what is built never moves by itself), else
    `ref`, else the base's default branch. `expect`: the file that makes it what it should be (typ.yaml
    for a national base; region.yaml for a region repository the national build lists)."""
    check_source(spec.source)
    for name in (spec.ref, spec.commit):
        if name is not None:
            check_ref(name, spec.source)
    url = git_url(spec.source, relative_to)
    folder = folder_for(url)
    mirror, note = folder / "repo.git", ""
    what = "the national base" if expect == PROJECT_FILE else "the region repository"
    wanted = spec.commit or spec.ref or "HEAD"
    with _locked(folder):
        fresh = not mirror.is_dir()
        if fresh:
            _clone(url, mirror, f"{what} {spec.shown}")
        commit = resolve(mirror, wanted)
        if not fresh and (update or commit is None):
            why = refresh(mirror)
            if why:
                note = f"{what} {spec.shown} could not be refreshed ({why}); using the cached copy"
            commit = resolve(mirror, wanted)
        if commit is None:
            raise BaseError(f"{what} {spec.source} has no tag, branch or commit '{wanted}'"
                            + (f" ({note})" if note else ""))
        trees = folder / "trees"
        trees.mkdir(exist_ok=True)
        tree = trees / commit
        if not (tree / MARKER).is_file():
            shutil.rmtree(tree, ignore_errors=True)
            _extract(mirror, commit, tree, f"{what} {spec.shown}", expect)
    project, _ = load_project(tree) if expect == PROJECT_FILE else (True, [])
    if project is None:
        raise BaseError(f"the national base {spec.shown} is not a typ model: no valid {PROJECT_FILE} at "
                        f"commit {commit[:12]}")
    return Fetched(spec, url, mirror, commit, tree, note)


def newest(mirror: Path) -> tuple[str, str] | None:
    """The newest national release the mirror knows: the highest tag by version order, else the
    default branch's tip, as (name, commit)."""
    proc = git("-C", str(mirror), "for-each-ref", "--sort=-v:refname", "--format=%(refname:short)", "refs/tags")
    for tag in proc.stdout.decode().split():
        commit = resolve(mirror, tag)
        if commit:
            return tag, commit
    head = resolve(mirror, "HEAD")
    return ("HEAD", head) if head else None


def is_ancestor(mirror: Path, old: str, new: str) -> bool:
    return git("-C", str(mirror), "merge-base", "--is-ancestor", old, new).returncode == 0


def tree_at(fetched: Fetched, commit: str) -> Path:
    """Another commit of the same base, extracted into the cache (for drift and upgrades)."""
    tree = fetched.mirror.parent / "trees" / commit
    with _locked(fetched.mirror.parent):
        if not (tree / MARKER).is_file():
            shutil.rmtree(tree, ignore_errors=True)
            _extract(fetched.mirror, commit, tree, f"the national base {fetched.spec.shown}")
    return tree
