"""`typ serve`: rebuilds when a model file changes and shows errors instead of a stale page."""

from __future__ import annotations

import threading
import time
import urllib.request
from pathlib import Path

from generator.site.serve import serve


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read().decode("utf-8")


def wait_for(predicate, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_and_shows_errors(mini: Path):
    ready: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(mini, None, 0),
                              kwargs={"on_ready": ready.append, "stop": stop}, daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: bool(ready))
        url = ready[0]
        page = fetch(url + "prosessit/prosessi/suunnitelma.html")
        assert "Suunnitelma" in page and "__typ_build" in page  # the live-reload script is injected

        raci = mini / "roles" / "raci.yaml"
        good = raci.read_text("utf-8")
        raci.write_text(good.replace("johtaja: A", "johtaja: C"), "utf-8")
        assert wait_for(lambda: "Mallissa on virheitä" in fetch(url + "index.html"))
        error_page = fetch(url + "prosessit/prosessi/suunnitelma.html")
        assert "RACI001" in error_page and "roles/raci.yaml" in error_page

        raci.write_text(good, "utf-8")
        proc = mini / "processes" / "prosessi.yaml"
        proc.write_text(proc.read_text("utf-8").replace("{fi: Suunnitelma, sv: Plan}",
                                                        "{fi: Uusi suunnitelma, sv: Plan}"), "utf-8")
        assert wait_for(lambda: "Uusi suunnitelma" in fetch(url + "prosessit/prosessi/suunnitelma.html"))
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()


def test_serve_watches_every_page_and_image_but_not_built_sites(tmp_path: Path):
    from generator.site.build import MARKER
    from generator.site.serve import snapshot

    def touch(rel: str) -> None:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", "utf-8")

    watched = ["typ.yaml", "pages/sitemap.md", "sites/x.yaml", "pages/kuva.png", "pages/kaavio.SVG",
               "siteinfo/a.md"]
    for rel in [*watched, "site/index.md", f"site/{MARKER}", "out/handbook/x.md", f"out/handbook/{MARKER}",
                ".git/config.yaml", "pages/notes.txt"]:
        touch(rel)
    assert sorted(snapshot(tmp_path)) == sorted(str(tmp_path / rel) for rel in watched)
