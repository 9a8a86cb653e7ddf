"""The model's root folder is a boundary: find and read model files without ever leaving it.

Regional networks commit files into the model and CI builds it with secrets in its environment. Git
stores symbolic links, so a committed `pages/x.md -> /proc/self/environ` would publish those secrets,
and a FIFO or `/dev/zero` would hang the build. Every file typ reads from a model goes through here:
links are followed only while they stay inside the root, only regular files are read, and every
refusal is a diagnostic naming the path (never the target's content).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Severity

LINK_HINT = ("Replace the link by a copy of the file inside the model: typ reads nothing outside the model's "
             "folder.")


class Refused(Exception):
    """A file that may not be read: `code`, `message` and `hint` for its diagnostic."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def shown(path: Path, root: Path) -> str:
    """The path as the model names it (relative to the root, '/'-separated), links not resolved."""
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:
        return str(path)


def inside(root: Path, path: Path) -> bool:
    """Whether `path`, with every link in it followed, is the root or under it."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # outside, or a link loop
        return False
    return True


def _target(path: Path) -> str:
    try:
        return os.readlink(path) if path.is_symlink() else str(path.resolve())
    except OSError:
        return "?"


def problem(root: Path, path: Path, want_dir: bool = False) -> Refused | None:
    """Why `path` may not be read as a model file (or folder), or None when it may."""
    if not inside(root, path):
        what = "folder" if want_dir else "file"
        return Refused("FILE001", f"the {what} is a symbolic link to {_target(path)}, outside the model", LINK_HINT)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return Refused("FILE001", f"the {'folder' if want_dir else 'file'} cannot be read: "
                       f"{exc.strerror or exc} (a broken symbolic link?)", "Fix or remove the link.")
    if want_dir and not stat.S_ISDIR(mode):
        return Refused("FILE002", "this should be a folder", "Make it a folder, or fix the setting that names it.")
    if not want_dir and not stat.S_ISREG(mode):
        kind = "folder" if stat.S_ISDIR(mode) else "FIFO, device or socket"
        return Refused("FILE002", f"this is a {kind}, not a regular file", "Replace it by an ordinary text file, "
                       "or rename it so that it does not end like a model file.")
    return None


def read_bytes(path: Path, limit: int) -> bytes:
    """The content of a regular file of at most `limit` bytes. Raises Refused or OSError.

    Opened without blocking and checked after opening, so a FIFO or device swapped in after a check
    is still never read from."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("FILE002", "this is not a regular file (a FIFO, device or socket?)",
                          "Replace it by an ordinary text file.")
        if info.st_size > limit:
            raise Refused("FILE004", f"the file is {info.st_size} bytes; the limit is {limit}",
                          "Split it into smaller files; model files and pages are normally a few kB.")
        chunks, left = [], limit + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Refused("FILE004", f"the file is more than {limit} bytes", "Split it into smaller files.")
    return data


@dataclass
class Found:
    files: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _diag(root: Path, path: Path, r: Refused, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(shown(path, root), 1, 1, r.code, severity, r.message, r.hint)


def find(root: Path, folder: Path, suffixes: tuple[str, ...], skip_dirs: tuple[Path, ...] = (),
         skip_hidden: bool = False) -> Found:
    """The readable files under `folder` whose names end in one of `suffixes`, sorted.
    `skip_hidden`: leave out names starting with '.' (a repository's .github/, .gitlab-ci.yml, caches).

    Links leaving the root, special files and names ending in the suffix in another case (`.YAML`,
    which would be silently skipped) are reported. Linked folders are not walked into: one inside
    the model would be read twice, and one outside is refused."""
    out = Found()
    if not folder.exists() and not folder.is_symlink():
        return out
    refused = problem(root, folder, want_dir=True)
    if refused is not None:
        out.diagnostics.append(_diag(root, folder, refused))
        return out
    lower = tuple(s.lower() for s in suffixes)
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        for d in sorted(dirnames):
            p = here / d
            if p in skip_dirs or (skip_hidden and d.startswith(".")):
                dirnames.remove(d)
            elif p.is_symlink():
                dirnames.remove(d)
                if not inside(root, p):
                    out.diagnostics.append(_diag(root, p, problem(root, p, want_dir=True)
                                                 or Refused("FILE001", "outside the model", LINK_HINT)))
                else:
                    out.diagnostics.append(_diag(root, p, Refused(
                        "FILE003", "a linked folder is not read (its files would be read twice)",
                        "Link the files one by one, or copy the folder."), Severity.WARNING))
        dirnames.sort()
        for name in sorted(filenames):
            p = here / name
            if skip_hidden and name.startswith("."):
                continue
            if p.suffix in suffixes:
                refused = problem(root, p)
                if refused is None:
                    out.files.append(p)
                else:
                    out.diagnostics.append(_diag(root, p, refused))
            elif p.suffix.lower() in lower:
                out.diagnostics.append(_diag(root, p, Refused(
                    "FILE003", f"the name ends in '{p.suffix}', so the file is not read",
                    f"Rename it to end in '{suffixes[0]}' (lower case).")))
    out.files.sort()
    return out


def config_folder(root: Path, value: str) -> str | None:
    """Why a folder named in typ.yaml (sources, pages, regions) is not acceptable, or None."""
    if not isinstance(value, str) or not value.strip():
        return "the folder name is empty"
    p = Path(value)
    if p.is_absolute():
        return f"'{value}' is an absolute path; folders in typ.yaml are relative to the model's root"
    if ".." in p.parts:
        return f"'{value}' climbs out of the model with '..'"
    if not inside(root, root / p):
        return f"'{value}' leads outside the model (a symbolic link?)"
    return None
