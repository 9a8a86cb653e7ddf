"""The few git commands typ runs: describe and log for the site, archive for an old version."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from .errors import VersionError


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise VersionError(f"cannot run git: {exc}") from exc


def git_out(root: Path, *args: str) -> str | None:
    """Standard output of a git command run in `root`, or None if it failed."""
    try:
        out = _git(root, *args)
    except VersionError:
        return None
    return out.stdout.decode("utf-8", "replace") if out.returncode == 0 else None


def extract(root: Path, ref: str, dest: Path) -> None:
    """Write the model folder `root` as it was at git revision `ref` into `dest`."""
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise VersionError(f"'{ref}' is neither a folder nor a git revision of {root}")
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.decode().strip()
    top = Path(_git(root, "rev-parse", "--show-toplevel").stdout.decode().strip() or root)
    commit = found.stdout.decode().strip()
    archive = _git(top, "archive", "--format=tar", f"{commit}:{prefix}" if prefix else commit)
    if archive.returncode != 0:
        raise VersionError(f"cannot read revision '{ref}': {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout), mode="r:") as tar:
        tar.extractall(dest, filter=inside_only)


def inside_only(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    """tarfile's 'data' filter, but a committed link that leaves the model is left out instead of
    aborting the whole extraction: that revision is then read without it (and the current model
    reports the link itself, FILE001)."""
    try:
        return tarfile.data_filter(member, dest)
    except tarfile.FilterError:
        return None
