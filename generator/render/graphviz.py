"""The one way typ runs Graphviz (`dot` for ranks, `neato -n2` for the swimlane SVG).

`graphviz.pipe()` takes no timeout, so this is its body (the package's own command line and checked
runner) with one: a layout that runs away is stopped instead of hanging a build. A missing program
or a failing run becomes a ToolError with a message for the user, never a raw OSError.
"""

from __future__ import annotations

import subprocess

import graphviz
from graphviz.backend import dot_command, execute

from ..errors import ToolError, ToolMissing

TIMEOUT = 60.0  # seconds; the largest model lays out in well under one
INSTALL = "apt-get install graphviz"


def run(engine: str, fmt: str, data: bytes, *, neato_no_op: int | None = None, timeout: float = TIMEOUT) -> bytes:
    """Graphviz's output for DOT source `data` (engine 'dot' or 'neato', format 'json', 'svg', ...)."""
    cmd = dot_command.command(engine, fmt, neato_no_op=neato_no_op)
    try:
        return execute.run_check(cmd, input=data, capture_output=True, quiet=True, timeout=timeout).stdout
    except graphviz.ExecutableNotFound:
        raise ToolMissing(f"Graphviz is not installed: {INSTALL}",
                          f"typ draws the diagrams with Graphviz ('dot', {engine} layout), which is not on PATH. "
                          "Install Graphviz (Debian/Ubuntu: apt-get install graphviz; others: "
                          "https://graphviz.org/download/) and run the command again.") from None
    except graphviz.CalledProcessError as exc:
        stderr = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise ToolError(f"Graphviz ({engine}) failed with exit status {exc.returncode}"
                        + (f": {stderr[-1]}" if stderr else ""),
                        "Check that Graphviz works (dot -V); if it does, this is a bug in typ: "
                        "please report it.") from None
    except subprocess.TimeoutExpired:
        raise ToolError(f"Graphviz ({engine}) did not finish within {timeout:.0f} seconds",
                        "The diagram is too large for Graphviz; split the process into smaller ones.") from None
    except OSError as exc:
        raise ToolError(f"Graphviz ({engine}) cannot be run: {exc.strerror or exc}",
                        f"Check the Graphviz installation ({INSTALL}).") from None
