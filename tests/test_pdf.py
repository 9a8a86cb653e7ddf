"""`typ export pdf`: one tagged PDF of a handbook, opened and read back with pypdf."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from browser import CHROMIUM, missing

from generator.compile import compile_model

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser


def typ(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", "from generator.cli import main; main()", *args]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def flat(text: str) -> str:
    return "".join(text.split()).replace("-", "").replace("\u00ad", "")


@pytest.fixture(scope="module")
def tampere_pdf(tmp_path_factory) -> Path:
    if not Path(CHROMIUM).exists():
        missing("Debian chromium is not installed (bash .ci/install installs it)")
    out = tmp_path_factory.mktemp("pdf") / "tampere.pdf"
    done = typ("export", "pdf", str(REPO), "--region", "tampereen-seutu", "-o", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_pdf_has_every_step_the_raci_and_roles_in_order(tampere_pdf):
    from pypdf import PdfReader

    reader = PdfReader(tampere_pdf)
    model = compile_model(REPO, "tampereen-seutu").model
    assert 20 <= len(reader.pages) <= 200, len(reader.pages)
    text = flat("\n".join(page.extract_text() for page in reader.pages))
    assert flat(model.region.name.fi) in text[:400]  # the cover
    assert flat("Sisällys") in text
    proc = model.processes[0]
    for step in proc.steps:
        assert flat(step.name.fi) in text, step.id
    for role in model.roles:
        assert flat(role.name.fi) in text, role.id
    # reading order: process, then RACI, roles, year wheel
    # reading order after the contents: the process page's step table, then RACI, roles, the wheel
    steps_table = text.index(flat("Vaiheet järjestyksessä"))
    raci = text.index(flat("RACI-matriisi"), steps_table)
    role = text.index(flat(model.roles[-1].name.fi), raci)
    text.index(flat("Vuosikello"), role)
    # every printed page carries the running footer with the model version
    assert all("2025.1" in page.extract_text() for page in reader.pages)


def test_pdf_is_tagged_with_an_outline(tampere_pdf):
    from pypdf import PdfReader

    reader = PdfReader(tampere_pdf)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "no structure tree: not a tagged PDF"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root.get("/Lang") in ("fi", "fi-FI")
    assert len(reader.outline) > 3  # bookmarks from the headings
    # the process map is on a landscape page, the rest portrait A4
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(595, 842), (842, 595)}, sizes


def test_missing_chromium_is_a_clear_usage_error(tmp_path):
    out = tmp_path / "x.pdf"
    done = typ("export", "pdf", str(REPO), "-o", str(out), env={"TYP_CHROMIUM": str(tmp_path / "no-chromium")})
    assert done.returncode == 2, done.stdout + done.stderr
    assert "needs Chromium" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_the_same_model_prints_the_same_bytes(tampere_pdf, tmp_path):
    """Chromium stamps the print time; the export dates the PDF by the model's commit instead."""
    again = tmp_path / "again.pdf"
    assert typ("export", "pdf", str(REPO), "--region", "tampereen-seutu", "-o", str(again)).returncode == 0
    assert again.read_bytes() == tampere_pdf.read_bytes()
    from pypdf import PdfReader

    created = PdfReader(again).metadata["/CreationDate"]
    commit = subprocess.run(["git", "log", "-1", "--format=%cd", "--date=format-local:%Y%m%d%H%M%S"], cwd=REPO,
                            capture_output=True, text=True, env={**os.environ, "TZ": "UTC"}).stdout.strip()
    assert created.startswith(f"D:{commit}"), (created, commit)
