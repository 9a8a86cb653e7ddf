"""The national comparison of networks (`typ build --all`): the matrix links to each network's own
deviation entry, the good-practice list, the contacts directory, the statutory items for the steering
group, and region repositories listed in typ.yaml (local bare git repositories, file:// URLs)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from browser import chromium, screenshot, serve

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if a.get("id"):
            self.ids.add(a["id"])


def parsed(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text("utf-8"))
    return p


def deviation_links(page: Path) -> list[str]:
    return [h for h in parsed(page).hrefs if "/poikkeamat.html#" in h]


def test_every_matrix_cell_lands_on_its_networks_deviation_entry(all_handbooks: Path):
    page = all_handbooks / "verkostot.html"
    links = deviation_links(page)
    networks = {p.parent.name for p in (REPO / "regions").glob("*/region.yaml")}
    assert len(networks) >= 3 and {urlparse(h).path.split("/")[1] for h in links} == networks
    for href in links:
        target = urlparse(urljoin("http://x/verkostot.html", href))
        assert target.fragment in parsed(all_handbooks / target.path.lstrip("/")).ids, href
    html = page.read_text("utf-8")
    # Counts: a row per element with how many networks deviate there, a total per network.
    assert re.search(r"<th[^>]*>Verkostoja</th>", html) and "Yhteensä" in html
    # One column a network, also for one built in two languages (Pohjanmaa: sv and fi).
    head = re.findall(r"<th[^>]*>(.*?)</th>", html.split("</thead>", 1)[0])
    assert len(head) == len(networks) + 2 and len(set(head)) == len(head), head


def test_good_practice_contacts_and_statutory_items(all_handbooks: Path):
    html = (all_handbooks / "verkostot.html").read_text("utf-8")
    # Tampere's own step and its reason; services with their reasons.
    assert "Vastaanottopalaveri" in html or "vastaanottopalaveri" in html.lower()
    assert "Paikalliset palvelut, joihin tiimi ohjaa asiakkaita" in html
    for contact in ("Esimerkki Eeva", "040 000 0101", "Esimerkki Esa", "040 000 0201", "typ.italappi@example.fi"):
        assert contact in html
    statutory = html.split("Ohjausryhmälle", 1)[1]
    assert "<table>" in statutory and ("Yhteystiedot" in statutory or "Palvelut" in statutory)


def test_the_swedish_comparison(all_handbooks: Path):
    html = (all_handbooks / "sv" / "verkostot.html").read_text("utf-8")
    assert "Jämförelse av nätverken" in html and "Nätverkens kontaktuppgifter" in html
    for href in deviation_links(all_handbooks / "sv" / "verkostot.html"):
        assert href.startswith("../alueet/")
        target = urlparse(urljoin("http://x/sv/verkostot.html", href))
        assert (all_handbooks / target.path.lstrip("/")).is_file()


def test_the_matrix_is_seen_and_a_cell_opens_the_entry(all_handbooks: Path):
    with serve(all_handbooks) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{url}/verkostot.html")
        heading = page.get_by_role("heading", name="Kuka poikkeaa missä")
        heading.scroll_into_view_if_needed()
        assert heading.is_visible()
        cell = page.locator("a[href*='tampereen-seutu/poikkeamat.html#p-steps-']").first
        cell.scroll_into_view_if_needed()
        assert cell.is_visible()
        screenshot(page, "networks-comparison.png")
        fragment = cell.get_attribute("href").split("#", 1)[1]
        cell.click()
        page.wait_for_url(re.compile(r"poikkeamat\.html#"))
        entry = page.locator(f"[id='{fragment}']")
        page.wait_for_timeout(300)
        box = entry.bounding_box()
        header = page.locator("header.md-header").bounding_box()
        assert box is not None and header is not None
        # The entry itself is in view, below the fixed header (not hidden under it).
        assert header["y"] + header["height"] <= box["y"] < 900, (box, header)
        screenshot(page, "networks-comparison-entry.png")


# ---------------------------------------------------------------- region repositories in typ.yaml

OVERLAY = """\
kind: overlay
schema_version: 1
process: prosessi
steps:
  change:
    - id: suunnitelma
      note: Suunnitelma tehdään kahdessa tapaamisessa.
      reason: Sovittu johtoryhmässä.
  add:
    - id: aloituspalaveri
      after: arviointi
      type: task
      name: Paikallinen aloituspalaveri
      lane: yhteinen
      reason: Asiakas tapaa koko tiimin heti alussa.
raci:
  set:
    - step: aloituspalaveri
      roles: {johtaja: A, asiantuntija: R}
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           *args], check=True, capture_output=True, text=True).stdout.strip()


def region_repo(tmp_path: Path, national: Path, env: dict, rid: str, overlay: str) -> Path:
    out = subprocess.run([sys.executable, "-m", "generator.cli", "new-region", rid, "--out", rid, "--base",
                          national.as_uri(), "--name", f"Verkosto {rid}"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    work = tmp_path / rid
    (work / "20-overlay.yaml").write_text(overlay, "utf-8")
    (work / ".gitlab-ci.yml").write_text("stages: [validate]\n", "utf-8")  # hidden: not an overlay
    git(work, "checkout", "-q", "-b", "main")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "first")
    bare = tmp_path / f"{rid}.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    return bare


@pytest.fixture
def listed(tmp_path: Path) -> tuple[Path, dict]:
    env = {**os.environ, "TYP_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(REPO)}
    national = tmp_path / "national"
    shutil.copytree(FIXTURES / "mini", national)
    git(national, "init", "-q", "-b", "main")
    git(national, "add", ".")
    git(national, "commit", "-q", "-m", "2025.1")
    good = region_repo(tmp_path, national, env, "oma-verkosto", OVERLAY)
    broken = region_repo(tmp_path, national, env, "rikki", OVERLAY.replace("id: suunnitelma", "id: ei-ole"))
    with (national / "typ.yaml").open("a", encoding="utf-8") as f:
        f.write(f"region_repositories:\n  - source: {good.as_uri()}\n  - {{source: {broken.as_uri()}, ref: main}}\n"
                f"  - source: {(tmp_path / 'nowhere.git').as_uri()}\n")
    git(national, "commit", "-q", "-am", "networks")
    return national, env


def test_region_repositories_listed_in_typ_yaml_join_the_comparison(listed):
    national, env = listed
    out = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--all"], cwd=national, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    # The two that cannot be used are named, and the national build still succeeds.
    assert out.stdout.count("REPO001") == 2 and "rikki.git" in out.stdout and "nowhere.git" in out.stdout
    site = national / "site"
    assert (site / "alueet" / "oma-verkosto" / "poikkeamat.html").is_file()
    assert not (site / "alueet" / "rikki").exists()
    page = site / "verkostot.html"
    html = unescape(page.read_text("utf-8"))
    assert "Paikallinen aloituspalaveri" in html and "Asiakas tapaa koko tiimin heti alussa." in html
    assert "ei-ole" in html and "rikki.git@main" in html  # why 'rikki' is not in the comparison
    assert "nowhere.git" in html and "cannot fetch the region repository" in html
    links = deviation_links(page)
    assert links and all(h.startswith("alueet/oma-verkosto/poikkeamat.html#") for h in links)
    for href in links:
        target = urlparse(urljoin("http://x/verkostot.html", href))
        assert target.fragment in parsed(site / target.path.lstrip("/")).ids
    # A CI job for the listed network alone (typ build --all --only): its handbook as --all built it.
    out = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--all", "--only", "oma-verkosto",
                          "--out", "part"], cwd=national, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    part = national / "part"
    files = sorted(p.relative_to(part) for p in part.rglob("*") if p.is_file() and p.name != ".typ-handbook")
    assert files and all(f.parts[:2] == ("alueet", "oma-verkosto") for f in files), files[:5]
    assert all((part / f).read_bytes() == (site / f).read_bytes() for f in files)
    # The job of a listed network that cannot be used: left out with the same warning as in --all.
    out = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--all", "--only", "rikki",
                          "--out", "rikki-part"], cwd=national, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and "REPO001" in out.stdout and "rikki.git" in out.stdout, out.stdout + out.stderr
    assert not (national / "rikki-part" / "alueet").exists()
