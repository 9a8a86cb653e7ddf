"""Publish a built handbook as one version on a git branch (gh-pages by default), with mike.

The site is built with `site.build.build` into a temporary folder, then committed with mike's own
deploy machinery, so the branch has mike's layout and the version selector of Material works:
`versions.json` lists every version with its aliases, `<version>/` holds each handbook, and each
alias folder holds redirect pages to its version. Publishing a version again replaces only that
version; an alias moves to the version published with it; nothing is pushed.

Each version folder also gets `typ-source.json` ({version, revision, region}), so
that a later publication can load the model as it was and say what changed ("Mitä muuttui").
"""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..analysis.diff import Change, diff_models
from ..analysis.versions import load_version
from ..compile import compile_model
from ..diagnostics import Diagnostic, Severity, has_errors
from ..errors import VersionError
from ..gitrepo import git_out
from ..load.sources import PROJECT_FILE, load_project
from ..model import Model
from ..render.pages.changes import changes_page
from ..render.paths import CHANGES
from .build import build

SOURCE_FILE = "typ-source.json"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")  # versions and aliases: folder names on the branch
CHANGES_PAGE = CHANGES


# ---------------------------------------------------------------- what is published already


def published_versions(root: Path, branch: str = "gh-pages") -> list[str]:
    """Versions on the branch, newest first (mike's order); [] when nothing is published yet."""
    from mike.versions import Versions

    text = git_out(root, "show", f"{branch}:versions.json")
    return [str(v.version) for v in Versions.loads(text)] if text else []


def previous_version(published: list[str], version: str) -> str | None:
    """The newest published version older than `version` (mike's ordering), or None."""
    from mike.versions import Versions

    versions = Versions()
    for v in {*published, version}:
        versions.add(v)
    order = [str(v.version) for v in versions]
    older = order[order.index(version) + 1:]
    return older[0] if older else None


def published_revision(root: Path, version: str, branch: str = "gh-pages") -> str:
    """The source git revision a published version was built from. Raises VersionError."""
    text = git_out(root, "show", f"{branch}:{version}/{SOURCE_FILE}")
    try:
        revision = json.loads(text)["revision"] if text else ""
    except (ValueError, KeyError, TypeError):
        revision = ""
    if not revision:
        raise VersionError(f"published version {version} does not record its source revision "
                           f"({version}/{SOURCE_FILE} on {branch} is missing or has no revision)")
    return revision


def changes_since_previous(
    root: Path, version: str, branch: str = "gh-pages", region: str | None = None, model: Model | None = None,
) -> tuple[str | None, list[Change]]:
    """(previous published version or None, changes from it to the current model). Raises VersionError.

    `model` is the current model (default: compiled from `root` for `region`)."""
    previous = previous_version(published_versions(root, branch), version)
    if previous is None:
        return None, []
    revision = published_revision(root, previous, branch)
    if region is not None and not _had_region(root, revision, region):
        return None, []  # the region's first publication
    old = load_version(root, revision, region)
    if model is None:
        result = compile_model(root, region)
        if not result.ok or result.model is None:
            raise VersionError("the current model has errors; run typ validate")
        model = result.model
    return previous, diff_models(old, model)


def _had_region(root: Path, revision: str, region: str) -> bool:
    project, _ = load_project(root)
    folder = project.get("regions", "regions") if project is not None else "regions"
    return git_out(root, "cat-file", "-e", f"{revision}:./{folder}/{region}/region.yaml") is not None


# ---------------------------------------------------------------- publishing


def _pages_for(root: Path, version: str, branch: str, notes: list[Diagnostic]) -> Callable[..., dict[str, str]]:
    """The extra pages of one handbook: its "Mitä muuttui" page (warnings go to `notes`)."""

    found: dict[str | None, tuple[str | None, list[Change]]] = {}  # one diff per model, for all its languages

    def pages(model: Model, region: str | None, lang: str = "fi") -> dict[str, str]:
        try:
            if region not in found:
                found[region] = changes_since_previous(root, version, branch, region, model)
            previous, changes = found[region]
        except VersionError as exc:
            notes.append(Diagnostic(PROJECT_FILE, 1, 1, "PUB004", Severity.WARNING,
                                    f"no '{CHANGES_PAGE}' page{f' for region {region}' if region else ''}: {exc}",
                                    "Publish the previous version again with typ publish to record its source."))
            return {}
        return {CHANGES_PAGE: changes_page(changes, previous, version, lang=lang)}

    return pages


def _checks(root: Path, version: str, region: str | None) -> tuple[list[Diagnostic], str]:
    """Warnings about what is being published, and the source revision (HEAD) to record."""
    diags = []
    result = compile_model(root, region)
    if result.model is not None and result.model.project.version != version:
        o = result.model.project.at("version")
        diags.append(Diagnostic(o.file, o.line, o.column, "PUB001", Severity.WARNING,
                                f"publishing as version {version}, but the model says "
                                f"version: '{result.model.project.version}'",
                                f"Set version: '{version}' in {PROJECT_FILE} or publish with "
                                f"--version {result.model.project.version}."))
    revision = (git_out(root, "rev-parse", "--verify", "--quiet", "HEAD") or "").strip()
    if not revision or (git_out(root, "status", "--porcelain", "--", ".") or "").strip():
        diags.append(Diagnostic(PROJECT_FILE, 1, 1, "PUB002", Severity.WARNING,
                                "the model has uncommitted changes: the published version records "
                                f"revision {revision[:12] or '(none)'}, which differs from what is published",
                                "Commit the model first, so that a later 'Mitä muuttui' page compares "
                                "against exactly this version."))
    return diags, revision


def _error(code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(PROJECT_FILE, 1, 1, code, Severity.ERROR, message, hint)


def publish(
    root: Path, version: str, alias: str | None = None, region: str | None = None, all_: bool = False,
    branch: str = "gh-pages", *, title: str | None = None,
) -> list[Diagnostic]:
    """Build the handbook(s) and commit them to `branch` as `version` (and `alias`). Returns diagnostics."""
    from mike import commands, git_utils

    root = root.resolve()
    if git_out(root, "rev-parse", "--show-toplevel") is None:
        return [_error("PUB003", f"{root} is not in a git repository",
                       "Publishing commits to a branch (gh-pages) of the model's git repository: run git init.")]
    if not NAME.fullmatch(version) or (alias is not None and not NAME.fullmatch(alias)) or alias == version:
        return [_error("IO001", f"invalid version or alias: {version!r} {alias!r}",
                       "Use a plain name such as 2025.1 and an alias such as latest (letters, digits, '.', '_' "
                       "and '-', not starting with '-' or '.'; the alias differs from the version).")]
    current = (git_out(root, "symbolic-ref", "--quiet", "--short", "HEAD") or "").strip()
    if branch == current or branch.startswith("-") or git_out(root, "check-ref-format", "--branch", branch) is None:
        why = "is the branch checked out here: the site would be committed onto the model's sources" \
            if branch == current else "is not a valid branch name"
        return [_error("IO001", f"--branch {branch!r} {why}",
                       "Publish to a branch of its own, such as the default gh-pages.")]
    diags, revision = _checks(root, version, None if all_ else region)
    notes: list[Diagnostic] = []
    with tempfile.TemporaryDirectory(prefix="typ-publish-") as tmp:
        out = Path(tmp) / "site"
        diags += build(root, out, region, all_, pages_for=_pages_for(root, version, branch, notes),
                            versioned=True)
        if has_errors(diags):
            return sorted(set(diags + notes))
        source = {"version": version, "revision": revision, "region": None if all_ else region}
        (out / SOURCE_FILE).write_text(json.dumps(source, indent=2) + "\n", "utf-8")
        message = f"typ publish {version}{f' ({alias})' if alias else ''} from {revision[:12] or 'uncommitted work'}"
        try:
            with contextlib.chdir(root):  # mike runs git in the current folder
                with commands.deploy({"site_dir": str(out), "use_directory_urls": False}, version, title,
                                     [alias] if alias else [], update_aliases=True,
                                     alias_type=commands.AliasType.redirect, branch=branch, message=message):
                    pass  # the site is built already: mike commits site_dir when the block ends
                if git_out(root, "cat-file", "-e", f"{branch}:index.html") is None:
                    commands.set_default(alias or version, branch=branch,
                                         message=f"typ publish: default version {alias or version}")
        except git_utils.GitEmptyCommit:
            pass  # the same content again: nothing to commit
        except (git_utils.GitError, ValueError) as exc:
            return sorted(set(diags + notes)) + [_error(
                "PUB003", f"publishing to branch {branch} failed: {exc}",
                "Check the version and alias names; git needs user.name and user.email "
                "(git config, or GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL).")]
    return sorted(set(diags + notes))
