"""Where a region repository's national base lives: `SOURCE[@REF]`, checked before git ever sees it.

A source is an https, ssh or file URL, scp-style `user@host:path`, or a local folder (a git
checkout). Both the source and the ref reach `git` as arguments, so anything git could read as
an option (a leading '-') or as a transport that runs commands (`ext::sh -c ...`) is refused here.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BaseError

URL = re.compile(r"(https|ssh|git\+ssh|file)://[^\s]+")
SCP = re.compile(r"[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+")  # git@host:org/repo.git
# A tag, branch or commit: git's ref-name rules (check-ref-format) in one expression, and no leading '-'.
REF = re.compile(r"(?!-)(?!.*\.\.)(?!.*@\{)(?!.*//)(?!.*/\.)(?!.*\.lock(?:/|$))[A-Za-z0-9._/+-]{1,200}(?<![./])")
COMMIT = re.compile(r"[0-9a-f]{40}")
PROTOCOLS = "file:https:ssh"  # GIT_ALLOW_PROTOCOL: also what submodules or redirects may use


@dataclass(frozen=True)
class BaseSpec:
    """A pinned national base: where it is, the ref a person chose, the commit it resolved to."""

    source: str
    ref: str | None = None
    commit: str | None = None

    @property
    def shown(self) -> str:
        return f"{self.source}@{self.ref}" if self.ref else self.source


def split(text: str) -> tuple[str, str | None]:
    """`SOURCE[@REF]` into its parts. The last '@' starts the ref, unless it belongs to the source
    (`git@host:path`, `https://user@host/path`): a ref holds no ':' and follows a complete source."""
    head, at, tail = text.rpartition("@")
    if not at or ":" in tail or not head or re.fullmatch(r"[a-z+]+://[^/]*", head) or head.endswith(("/", ":")):
        return text, None
    return head, tail


def check_source(source: str) -> str:
    """Why `source` may not be handed to git, as a BaseError; the source itself when it may."""
    if not source or source != source.strip() or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in source):
        raise BaseError(f"the national base '{source}' is not a URL or folder (no spaces or control characters)")
    if source.startswith("-"):
        raise BaseError(f"the national base '{source}' starts with '-', which git would read as an option")
    if "::" in source:  # git's transport::address form (ext::, fd::) runs or reads arbitrary things
        raise BaseError(f"the national base '{source}' names a git transport ('::'); use an https, ssh or file URL")
    if "://" in source:
        if not URL.fullmatch(source):
            raise BaseError(f"the national base '{source}' is not an https, ssh or file URL")
        return source
    if SCP.fullmatch(source) and not source.startswith(("/", ".")):
        return source
    return source  # a local folder: checked when it is read


def check_ref(ref: str, source: str = "") -> str:
    if not REF.fullmatch(ref):
        of = f" of the national base {source}" if source else ""
        raise BaseError(f"'{ref}' is not a tag, branch or commit name{of}"
                        + (" (a leading '-' would be read by git as an option)" if ref.startswith("-") else ""))
    return ref


def is_local(source: str) -> bool:
    return "://" not in source and not SCP.fullmatch(source)


def git_url(source: str, relative_to: Path) -> str:
    """The URL git clones: a local folder as an absolute file:// URL (relative to the region repository)."""
    if not is_local(source):
        return source
    folder = (relative_to / source).resolve()
    if not folder.is_dir():
        raise BaseError(f"the national base '{source}' is not a folder ({folder} does not exist)")
    return folder.as_uri()


def stored_source(source: str, repo: Path) -> str:
    """How region.yaml records a local base: relative to the region repository, so that checkouts side
    by side work on every machine; URLs as given."""
    if not is_local(source):
        return source
    return Path(os.path.relpath(Path(source).resolve(), repo.resolve())).as_posix()


def cache_home() -> Path:
    """$TYP_CACHE_DIR, else $XDG_CACHE_HOME/typ, else ~/.cache/typ."""
    if os.environ.get("TYP_CACHE_DIR"):
        return Path(os.environ["TYP_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache") / "typ"
