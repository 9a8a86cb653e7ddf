"""Other versions of the model: compiled from a folder or from a git revision of the model's folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from ..compile import Result, compile_model
from ..diagnostics import Severity
from ..errors import VersionError
from ..gitrepo import extract, git_out
from ..load.sources import PROJECT_FILE
from ..model import Model


def load_version(root: Path, ref: str, region: str | None = None) -> Model:
    """The model in folder `ref`, or in `root` as of git revision `ref`. Raises VersionError.

    A region repository's version is its region compiled on the base that version pins."""
    folder = Path(ref)
    if folder.is_dir():
        return _compiled(_compile(folder, region, folder), ref)
    with tempfile.TemporaryDirectory(prefix="typ-version-") as tmp:
        extract(root, ref, Path(tmp))
        return _compiled(_compile(Path(tmp), region, root), ref)


def _compile(folder: Path, region: str | None, home: Path) -> Result:
    """`home`: where the folder's relative paths (a local base) are resolved from."""
    from ..base.workspace import is_repository, open_workspace
    from ..errors import BaseError

    if not is_repository(folder):
        return compile_model(folder, region)
    try:
        ws, diags = open_workspace(folder, None, relative_to=home.resolve())
    except BaseError as exc:
        raise VersionError(str(exc)) from exc
    if ws is None:
        return Result(None, diags)
    return compile_model(ws.root, ws.region, repository=ws.repository)


def _compiled(result: Result, ref: str) -> Model:
    if result.ok and result.model is not None:
        return result.model
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    shown = "; ".join(f"{d.file}:{d.line}: {d.message}" for d in errors[:3])
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    raise VersionError(f"the model at '{ref}' has errors: {shown}{more}")


def national_revision(root: Path, version: str) -> str | None:
    """The last commit whose typ.yaml still had `version` (the parent of the commit that bumped it)."""
    log = git_out(root, "log", "--format=%H", "--", PROJECT_FILE)
    revs = log.split() if log else []
    for i, rev in enumerate(revs):
        text = git_out(root, "show", f"{rev}:./{PROJECT_FILE}")
        try:
            doc = yaml.safe_load(text) if text else None
        except yaml.YAMLError:
            continue
        if isinstance(doc, dict) and str(doc.get("version")) == version:
            if i == 0:  # still the committed version: its newest state is HEAD
                head = git_out(root, "rev-parse", "--verify", "--quiet", "HEAD")
                return head.strip() if head else rev
            parent = git_out(root, "rev-parse", "--verify", "--quiet", f"{revs[i - 1]}^")
            return parent.strip() if parent else rev
    return None
