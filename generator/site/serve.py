"""`typ serve`: a live preview on 127.0.0.1 that rebuilds when a model file changes.

When the model has errors, every page shows the errors (file:line:column and hint) instead of a
stale handbook, so an editor sees at once what to fix. Pages reload themselves after each build.
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..diagnostics import Diagnostic, format_text, has_errors
from .build import MARKER, build

# Model files, translation catalogues, pages and what pages show (images, styles).
WATCHED = (".yaml", ".yml", ".md", ".po", ".json", ".css", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
RELOAD_JS = (b"<script>(function(){var v=null;setInterval(function(){fetch('/__typ_build').then(function(r)"
             b"{return r.text()}).then(function(t){if(v!==null&&t!==v)location.reload();v=t}).catch(function(){})}"
             b",1000)})()</script>")


class State:
    def __init__(self) -> None:
        self.build_no = 0
        self.errors: list[Diagnostic] = []
        self.lock = threading.Lock()


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of the files a build reads. Hidden folders (.git) and typ's own output
    (any folder holding the build marker, e.g. site/) are skipped; a page named sitemap.md is not."""
    out = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d / MARKER).is_file())
        for name in files:
            p = here / name
            if p.suffix.lower() in WATCHED and not name.startswith("."):
                out[str(p)] = p.stat().st_mtime
    return out


def error_page(errors: list[Diagnostic]) -> bytes:
    body = html.escape(format_text(errors))
    return (f"<!doctype html><html lang='fi'><meta charset='utf-8'><title>Mallissa on virheitä</title>"
            f"<body style='font-family:sans-serif;margin:2em'><h1>Mallissa on virheitä</h1>"
            f"<p>Käsikirjaa ei päivitetty. Korjaa alla luetellut kohdat; sivu päivittyy itsestään.</p>"
            f"<pre style='background:#fff3f3;padding:1em;border:2px solid #b00020;white-space:pre-wrap'>{body}</pre>"
            f"</body></html>").encode() + RELOAD_JS


class Handler(SimpleHTTPRequestHandler):
    state: State

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep the console quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/__typ_build":
            return self._send(str(self.state.build_no).encode(), "text/plain")
        if self.state.errors:
            return self._send(error_page(self.state.errors), "text/html; charset=utf-8")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._send(path.read_bytes().replace(b"</body>", RELOAD_JS + b"</body>"), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, data: bytes, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)


def rebuild(root: Path, out: Path, region: str | None, state: State, **options: object) -> None:
    diags = build(root, out, region, **options)
    with state.lock:
        state.errors = [d for d in diags if has_errors([d])]
        state.build_no += 1
    print(format_text(diags) if diags else f"Rebuilt ({state.build_no}).", flush=True)


def serve(root: Path, region: str | None, port: int, max_seconds: float | None = None,
          on_ready: Callable[[str], None] | None = None, stop: threading.Event | None = None,
          **options: object) -> int:
    """`options` go to build() (a region repository: `repository`, whose files are then watched)."""
    out = Path(tempfile.mkdtemp(prefix="typ-serve-")) / "site"
    state = State()
    watched = options.get("repository") or root
    assert isinstance(watched, Path)
    rebuild(root, out, region, state, **options)
    out.mkdir(parents=True, exist_ok=True)
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"Serving on {url} (Ctrl+C stops)", flush=True)
    if on_ready:
        on_ready(url)
    seen = snapshot(watched)
    started = time.monotonic()
    stop = stop or threading.Event()
    try:
        while not stop.is_set() and (max_seconds is None or time.monotonic() - started < max_seconds):
            time.sleep(0.5)
            now = snapshot(watched)
            if now != seen:
                seen = now
                rebuild(root, out, region, state, **options)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(out.parent, ignore_errors=True)
    return 0
