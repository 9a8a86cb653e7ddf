"""The BPMN export opens cleanly in bpmn-js (the renderer of Camunda Modeler) in headless Chromium.

bpmn-js resolves importXML even for broken diagrams; its `warnings` list is what tells, so it must
be empty. The page, the viewer and the XML are served over HTTP on 127.0.0.1, as a site would be.
"""

from __future__ import annotations

import shutil

import pytest
from browser import ARTIFACTS, chromium, missing, serve
from conftest import TESTS

from generator.render.bpmn import render_bpmn

pytestmark = pytest.mark.browser

VIEWER = TESTS / "js" / "node_modules" / "bpmn-js" / "dist" / "bpmn-viewer.production.min.js"

PAGE = """<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><title>BPMN</title>
<style>html, body, #canvas { margin: 0; width: 100%; height: 100%; }</style>
<script src="bpmn-viewer.js"></script></head>
<body><div id="canvas"></div>
<script>
  const viewer = new BpmnJS({container: "#canvas"});
  window.openDiagram = async (name) => {
    const xml = await (await fetch(name)).text();
    const result = await viewer.importXML(xml);
    viewer.get("canvas").zoom("fit-viewport");
    return result.warnings.map((w) => String(w.message));
  };
</script></body></html>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(URL, folder) of a temp dir with the page and the viewer, served on a free port."""
    if not VIEWER.exists():
        missing(f"bpmn-js is missing: run npm install in {TESTS / 'js'}")
    root = tmp_path_factory.mktemp("bpmn-site")
    (root / "index.html").write_text(PAGE, "utf-8")
    shutil.copy(VIEWER, root / "bpmn-viewer.js")
    with serve(root) as url:
        yield url + "/", root


@pytest.fixture(scope="module")
def page(site):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1600, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(site[0] + "index.html")
        yield page
        assert not errors, errors


@pytest.mark.parametrize("name", ["mini", "larger", "awkward", "national"])
def test_bpmn_js_imports_without_warnings_and_draws_every_element(request, site, page, name):
    model = request.getfixturevalue(f"{name}_model")
    process = model.processes[0]
    (site[1] / f"{name}.bpmn").write_bytes(render_bpmn(process, model))
    warnings = page.evaluate("(name) => window.openDiagram(name)", f"{name}.bpmn")
    assert warnings == []
    expected = [f"Step_{s.id}" for s in process.steps]
    expected += [f"Timer_{s.id}" for s in process.steps if s.deadline and s.type == "task"]
    expected += [f"Lane_{lane}" for lane in sorted({s.lane for s in process.steps})]
    expected = [e.replace("-", "_") for e in expected]
    for element_id in expected:
        assert page.locator(f'.djs-element[data-element-id="{element_id}"]').count() == 1, element_id
    tasks = [s for s in process.steps if s.type == "task"]
    drawn = page.locator('.djs-element[data-element-id^="Step_"]:not([data-element-id$="_label"])').count()
    assert drawn == len(process.steps) and tasks
    assert page.locator('.djs-connection[data-element-id^="Flow_"]').count() == len(process.flows)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / ("bpmn.png" if name == "larger" else f"bpmn-{name}.png")))
