"""`typ report review`: the steering group's list of legal references, and review: notes that never reach staff.

The mini model gets a review note on a step, on one legal reference and on a joint RACI row; the report lists
all three with their files and lines, and no generated handbook page (Finnish or Swedish) contains any of them.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO

from generator.analysis.review import build_report
from generator.compile import compile_model
from generator.render.context import SiteContext
from generator.render.handbook import render_handbook

P, RACI = "processes/prosessi.yaml", "roles/raci.yaml"
STEP_NOTE = "Tarkista HE 108/2025 sanamuoto"
REF_NOTE = "Momentti vahvistamatta"
ROW_NOTE = "Yhteisvastuun tulkinta auki"


def _noted(edited_mini):
    return edited_mini(
        (P, '    legal_basis: [{act: "381/2023", section: "4"}]\n',
         f'    legal_basis: [{{act: "381/2023", section: "4", subsection: "1", review: "{REF_NOTE}"}}]\n'
         f'    review: "{STEP_NOTE}"\n'),
        (RACI, "  - step: arviointi\n    roles: {asiantuntija: R, johtaja: A}",
         "  - step: arviointi\n    joint: {kind: joint, legal_basis: [{act: '381/2023', section: '4', "
         f"subsection: '1'}}], review: '{ROW_NOTE}'}}\n    roles: {{asiantuntija: RA, johtaja: A}}"),
    )


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "generator.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_report_lists_references_dependents_and_open_notes(edited_mini):
    root = _noted(edited_mini)
    result = compile_model(root)
    assert result.ok, result.diagnostics
    report = build_report(result.model)
    entry = next(e for e in report.entries if (e.act, e.section) == ("381/2023", "4"))
    assert entry.state == "to-verify"
    step = next(d for d in entry.dependents if d.id == "prosessi/arviointi" and d.kind == "step")
    assert (step.citation, step.review, step.statutory) == ("381/2023 4 § 1 mom.", REF_NOTE, True)
    assert (step.file, step.line) == (P, 12)
    assert any(d.kind == "raci" for d in entry.dependents), "a joint row depends on the section too"
    notes = {(n.kind, n.id): n.note for n in report.notes}
    assert notes[("step", "prosessi/arviointi")] == STEP_NOTE
    assert notes[("raci", "prosessi/arviointi")] == ROW_NOTE


def test_review_notes_never_reach_the_handbook(edited_mini):
    model = compile_model(_noted(edited_mini)).model
    for lang in ("fi", "sv"):
        files = render_handbook(model, SiteContext(lang=lang)).files
        text = "\n".join(v for v in files.values() if isinstance(v, str))
        assert "381/2023 4 § 1 mom" in text  # the reference itself is shown
        for note in (STEP_NOTE, REF_NOTE, ROW_NOTE):
            assert note not in text, (lang, note)


def test_cli_report_formats(edited_mini, tmp_path):
    root = _noted(edited_mini)
    text = _run("report", "review", root)
    assert text.returncode == 0, text.stderr
    assert "381/2023 4 §  [to-verify]" in text.stdout and f"to verify: {REF_NOTE}" in text.stdout
    data = json.loads(_run("report", "review", root, "--format", "json").stdout)
    assert data["summary"]["open"] == 3
    md = tmp_path / "review.md"
    assert _run("report", "review", root, "-f", "markdown", "-o", md).returncode == 0
    assert md.read_text("utf-8").startswith("# Lakiviitteet ja niiden tarkistustila")


def test_cli_report_refuses_a_broken_model(edited_mini):
    root = edited_mini((P, "lane: virasto", "lane: kela"))
    result = _run("report", "review", root)
    assert result.returncode == 1 and "REF002" in result.stdout + result.stderr


def test_national_model_every_statutory_item_cites_a_section():
    """The national model: each statutory rule cites a section, and the open questions are listed."""
    report = build_report(compile_model(REPO).model)
    by_label = {e.label: e for e in report.entries}
    assert {"381/2023 4 §", "381/2023 9 §", "388/2024 4 §", "1373/2018 30 b §"} <= set(by_label)
    statutory_act_only = [d.id for e in report.entries if e.section is None for d in e.dependents if d.statutory]
    assert statutory_act_only == []
    assert any("531/2025" in n.note for n in report.notes)


def test_joint_responsibility_and_duty_step_shown_in_words(edited_mini):
    """A joint row reads as words on the step page (fi and sv); a duty's step is linked both ways."""
    root = edited_mini(
        (RACI, "  - step: arviointi\n    roles: {asiantuntija: R, johtaja: A}",
         "  - step: arviointi\n    joint: {kind: joint, legal_basis: [{act: '381/2023', section: '4', "
         "subsection: '1'}]}\n    roles: {asiantuntija: RA, johtaja: A}"),
        ("calendar/kalenteri.yaml", "    responsible: johtaja\n    rhythm: {months: [1]}",
         "    step: {process: prosessi, step: arviointi}\n    responsible: johtaja\n    rhythm: {months: [1]}"))
    model = compile_model(root).model
    fi = render_handbook(model, SiteContext()).files
    step = fi["prosessit/prosessi/arviointi.md"]
    assert "**Yhteinen vastuu:**" in step and "vastaavat tehtävästä yhdessä" in step
    assert "381/2023 4 § 1 mom" in step.split("**Yhteinen vastuu:**")[1]
    assert "## Vuosikellossa" in step and "Tavoitteiden asettaminen" in step
    detail = fi["vuosikello.md"].split("### Tavoitteiden asettaminen")[-1].split("###")[0]
    assert "**Prosessin vaihe:**" in detail and "prosessit/prosessi/arviointi.md" in detail
    assert '<span class="typ-joint">Yhteinen vastuu</span>' in fi["raci.md"]  # next to the step name
    sv = render_handbook(model, SiteContext(lang="sv")).files["prosessit/prosessi/arviointi.md"]
    assert "**Gemensamt ansvar:**" in sv and "ansvarar gemensamt för uppgiften" in sv
