"""The build cache, a folder beside the output (.<out>.cache/), so a rebuild redoes only what changed.

- diagrams/: each process's swimlane SVG and BPMN, by the hash of what they are drawn from (the
  process, the organisations, the language, the step links, the code). Graphviz and the router run
  only for a process that changed.
- sites/<handbook>.json: the hash of everything MkDocs reads for one handbook (its generated docs
  tree, its config, the base mkdocs.yml, the code and tool versions) and the files MkDocs made from
  it. When the hash is unchanged MkDocs does not run: the files are linked from the store.
- objects/: every built file once, by its content hash; handbooks link their files from here, so
  thirty handbooks share one copy of Material's theme assets and search runtime (hard links; a
  copy where the file system has none).

A cache entry is only ever written whole (temporary name, then rename), so an interrupted build
leaves no half entry; a missing or unreadable entry is a miss, never an error.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

import generator

DIAGRAM_DAYS = 14  # a diagram no build used for this long is dropped


def canonical(obj: object) -> object:
    """A hash-seed independent, repr-able form of a model value (sets sorted, dataclasses by field)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return (type(obj).__name__, tuple((f.name, canonical(getattr(obj, f.name))) for f in dataclasses.fields(obj)))
    if isinstance(obj, (list, tuple)):
        return tuple(canonical(x) for x in obj)
    if isinstance(obj, (set, frozenset)):
        return tuple(sorted((canonical(x) for x in obj), key=repr))
    if isinstance(obj, dict):
        return tuple(sorted(((canonical(k), canonical(v)) for k, v in obj.items()), key=repr))
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, Path):
        return str(obj)
    return obj


def digest(*parts: object) -> str:
    h = hashlib.sha256()
    for p in parts:
        data = p if isinstance(p, bytes) else repr(canonical(p)).encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@cache
def code_version() -> str:
    """The generator's own source and the versions of the tools whose output we keep."""
    h = hashlib.sha256()
    pkg = Path(generator.__file__).parent
    for p in sorted(pkg.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".json", ".css", ".js", ".html", ".po", ".mo", ".yaml", ".yml"):
            h.update(p.relative_to(pkg).as_posix().encode() + b"\0" + p.read_bytes())
    for dist in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=-".encode())
    try:
        h.update(subprocess.run(["dot", "-V"], capture_output=True, check=False).stderr)
    except OSError:
        h.update(b"no graphviz")
    return h.hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def link_or_copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(src, dest)


class BuildCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()  # object hashes the handbooks of this build link

    # ---------------------------------------------------------------- diagrams

    def diagrams(self, draw: Callable[..., tuple]) -> Callable[..., tuple]:
        """`draw(process, model, lang, links) -> (svg, bpmn)`, answered from the cache when it can.
        Each value is kept as a file of its own: <key>.<n>.txt (text) or <key>.<n>.bin (bytes)."""
        def cached(process, model, lang, links):
            key = digest(code_version(), process, model.organisations, model.project, lang, links)
            folder = self.folder / "diagrams" / key[:2]
            hit = sorted(folder.glob(f"{key}.*")) if folder.is_dir() else []
            if len(hit) == 2:
                try:
                    values = tuple(p.read_text("utf-8") if p.suffix == ".txt" else p.read_bytes() for p in hit)
                    for p in hit:
                        os.utime(p)  # in use: prune() keeps what was used lately
                    return values
                except (OSError, UnicodeDecodeError):
                    pass
            values = draw(process, model, lang, links)
            for n, v in enumerate(values):
                data, suffix = (v.encode("utf-8"), "txt") if isinstance(v, str) else (v, "bin")
                _write_atomic(folder / f"{key}.{n}.{suffix}", data)
            return values

        return cached

    # ---------------------------------------------------------------- built handbooks

    def _manifest(self, name: str) -> Path:
        return self.folder / "sites" / f"{name}.json"

    def lookup(self, name: str, key: str) -> dict[str, str] | None:
        """The files (path -> object hash) of handbook `name` built from `key`, if all are in store."""
        try:
            data = json.loads(self._manifest(name).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("files"), dict):
            return None
        files = data["files"]
        if not all(self._object(h).is_file() for h in files.values()):
            return None
        return files

    def _object(self, h: str) -> Path:
        return self.folder / "objects" / h[:2] / h

    def store(self, name: str, key: str, built: Path, keep: bool = True) -> dict[str, str]:
        """Move the files MkDocs built (a temporary folder) into the store; with `keep`, record them as
        handbook `name`, so the next build with the same key reuses them."""
        files: dict[str, str] = {}
        for p in sorted(built.rglob("*")):
            if not p.is_file():
                continue
            h = hashlib.sha256(p.read_bytes()).hexdigest()
            obj = self._object(h)
            if not obj.is_file():
                obj.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.replace(p, obj)  # the store sits beside the build folder: one file system
                except OSError:
                    tmp = obj.with_name(f".{h}.{os.getpid()}.tmp")
                    shutil.copyfile(p, tmp)
                    os.replace(tmp, obj)
            files[p.relative_to(built).as_posix()] = h
        if keep:
            _write_atomic(self._manifest(name), json.dumps({"key": key, "files": files}, sort_keys=True).encode())
        return files

    def place(self, files: dict[str, str], dest: Path) -> None:
        """Link a handbook's files from the store into `dest`."""
        for rel, h in sorted(files.items()):
            link_or_copy(self._object(h), dest / rel)
        self.used.update(files.values())

    def prune(self) -> None:
        """Drop stored files no handbook's latest build uses (the cache does not grow without end)."""
        keep = set(self.used)
        for m in (self.folder / "sites").glob("*.json"):
            try:
                keep.update(json.loads(m.read_text("utf-8"))["files"].values())
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                m.unlink(missing_ok=True)
        for obj in (self.folder / "objects").glob("*/*"):
            if obj.name not in keep:
                obj.unlink(missing_ok=True)
        old = time.time() - DIAGRAM_DAYS * 86400
        for p in (self.folder / "diagrams").glob("*/*"):
            try:
                if p.stat().st_mtime < old:
                    p.unlink()
            except OSError:
                pass

    # ---------------------------------------------------------------- the whole build

    def _last(self) -> Path:
        return self.folder / "last-build.json"

    def unchanged(self, key: str, out: Path) -> list[dict] | None:
        """The diagnostics of the last build if it had this input key and `out` still holds exactly the
        files it wrote (same inode, size and time: nobody replaced or deleted one); else None."""
        try:
            data = json.loads(self._last().read_text("utf-8"))
            if data["key"] != key:
                return None
            for rel, stamp in data["files"].items():
                st = (out / rel).stat()
                if [st.st_ino, st.st_size, st.st_mtime_ns] != stamp:
                    return None
            return list(data["diagnostics"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def remember(self, key: str, out: Path, diagnostics: list[dict]) -> None:
        files = {}
        for p in sorted(out.rglob("*")):
            if p.is_file():
                st = p.stat()
                files[p.relative_to(out).as_posix()] = [st.st_ino, st.st_size, st.st_mtime_ns]
        _write_atomic(self._last(), json.dumps({"key": key, "files": files, "diagnostics": diagnostics},
                                               sort_keys=True).encode("utf-8"))

    def forget(self) -> None:
        self._last().unlink(missing_ok=True)
