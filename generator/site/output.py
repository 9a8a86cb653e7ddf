"""The output folder of `typ build`: replaced atomically, never losing the old site, never deleting
what typ did not make, and written by one build at a time.

- Every temporary folder beside the output carries TEMP_MARKER from the moment it exists, and every
  built site MARKER; leftovers are removed only when they carry them (`.site.old-backup` of your own
  stays).
- The swap is two renames (out -> .out.old-PID, new -> out). A build killed between them leaves the
  old site as .out.old-PID with no `out`: the next build renames it back before anything else, so a
  crash followed by a failing build still leaves the old site.
- A lock file beside the output (.out.lock, fcntl) serialises builds: a second build waits up to
  TYP_LOCK_WAIT seconds (default 60), then gives up with exit 2 instead of sabotaging the first.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

MARKER = ".typ-handbook"  # written into every output: only such a folder is ever replaced
TEMP_MARKER = ".typ-build"  # written into every temporary folder typ makes beside the output


class Busy(OSError):
    """Another build holds the output's lock."""


def lock_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.lock")


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the output's lock (waiting up to TYP_LOCK_WAIT seconds for another build). Raises Busy."""
    path = lock_path(out)
    try:
        wait = float(os.environ.get("TYP_LOCK_WAIT", "60"))
    except ValueError:
        wait = 60.0
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(f"another typ build is writing into {out} (it holds {path}); wait for it to "
                               "finish and run the build again") from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock; the file stays (removing it would race a waiting build)


def _beside(out: Path, kind: str) -> list[Path]:
    return sorted(Path(p) for p in glob.glob(glob.escape(str(out.parent / f".{out.name}.{kind}-")) + "*"))


def recover(out: Path) -> None:
    """Put back the old site a build killed in the middle of its swap left aside, then remove typ's own
    leftovers (temporary folders and superseded old sites), and nothing else."""
    olds = [p for p in _beside(out, "old") if (p / MARKER).is_file()]
    if not out.exists() and olds:
        newest = max(olds, key=lambda p: p.stat().st_mtime)
        newest.rename(out)
        olds.remove(newest)
    for p in olds:
        shutil.rmtree(p, ignore_errors=True)
    for p in _beside(out, "build"):
        if (p / TEMP_MARKER).is_file():
            shutil.rmtree(p, ignore_errors=True)


def make_temp(out: Path) -> Path:
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    (work / TEMP_MARKER).write_text("A temporary folder of typ build; removed by the next build.\n", "utf-8")
    return work


def swap(new: Path, out: Path) -> None:
    """Replace `out` by `new` with two renames, so readers never see a half-written site."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    try:
        new.rename(out)
    except BaseException:  # also SIGTERM/Ctrl-C between the renames: put the previous site back
        if old.exists() and not out.exists():
            old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
