"""The site stage: write the generated docs tree and MkDocs config, build with MkDocs + Material.

All I/O happens here. Everything is built inside a temporary folder next to the output and swapped
into place only when every handbook built; a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from . import drift
from .diagnostics import Diagnostic, Severity, has_errors
from .model import Model
from .pipeline import compile_model
from .render import bpmn, ics, pages, swimlane, wheel
from .render.markdown import attr
from .render.pages import SiteContext, SiteFiles, nav_title
from .sources import load_project, region_ids

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # we pin mkdocs<2 already; the banner only confuses users
REGIONS_URL = "alueet"


@dataclass(frozen=True)
class Target:
    """One handbook to build: the national one (region None) or a region's, and where it goes."""

    region: str | None
    subdir: str  # relative to the output folder


def source_revision(root: Path) -> str:
    try:
        out = subprocess.run(["git", "-C", str(root), "describe", "--always", "--dirty", "--abbrev=12"],
                             capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def source_epoch(root: Path) -> str:
    """Dates MkDocs writes (sitemap) come from SOURCE_DATE_EPOCH: take the commit's, never the clock."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, timeout=10, check=False)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return "0"


def _scaled(svg: str, factor: float) -> str:
    """Shrink an SVG's displayed size (its pt width/height), keeping the viewBox: a wide process map
    stays readable on the page with less sideways scrolling."""
    def scale(m: re.Match) -> str:
        return f'{m.group(1)}="{float(m.group(2)) * factor:.0f}pt"'

    head, _, rest = svg.partition(">")
    return re.sub(r'\b(width|height)="([\d.]+)pt"', scale, head) + ">" + rest


def _strip_prolog(svg: str) -> str:
    """Inline SVG in HTML must not carry an XML declaration or DOCTYPE."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    return re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S).strip()


def with_title(markdown: str) -> str:
    """Give a generated page an HTML-escaped front-matter title.

    Without it Material puts `page.title | striptags` into <title>, and striptags *unescapes*
    entities: model text like `</title><script>` would become live markup. A meta title is printed
    as it is, so we escape it once, here."""
    m = re.search(r"^# (.+)$", markdown, re.M)
    if not m:
        return markdown
    title = attr(html.unescape(m.group(1)))
    return "---\n" + yaml.safe_dump({"title": title}, allow_unicode=True, width=10_000) + "---\n\n" + markdown


def render_handbook(model: Model, ctx: SiteContext, extra_pages: dict[str, str] | None = None,
                    drift: list[str] | None = None) -> SiteFiles:
    """Every generated file of one handbook (pure: no disk access) and its navigation."""
    lang = ctx.lang
    site = SiteFiles()
    f = site.files
    f["index.md"] = pages.front_page(model, ctx)
    nav: list = [{"Etusivu": "index.md"}]
    for proc in model.processes:
        here = pages.process_path(proc)
        links = {s.id: pages.html_url(pages.rel(here, pages.step_path(proc, s))) for s in proc.steps}
        svg = swimlane.render_svg(proc, model, lang, links=links)
        bpmn_path, svg_path = f"prosessit/{proc.id}/{proc.id}.bpmn", f"prosessit/{proc.id}/{proc.id}.svg"
        f[bpmn_path] = bpmn.render_bpmn(proc, model, lang)
        f[svg_path] = svg
        inline = _scaled(_strip_prolog(svg), 0.8)
        f[here] = pages.process_page(model, proc, ctx, inline, bpmn_path, svg_path)
        children: list = [{"Yleiskuva": here}]
        for s in proc.steps:
            f[pages.step_path(proc, s)] = pages.step_page(model, proc, s, ctx)
            children.append({nav_title(s.name, lang) + (" (paikallinen)" if s.local else ""):
                             pages.step_path(proc, s)})
        nav.append({nav_title(proc.name, lang): children})
        f[f"downloads/raci-{proc.id}.csv"] = pages.raci_csv(model, proc, lang)
    f["raci.md"] = pages.raci_page(model, ctx)
    nav.append({"RACI-matriisi": "raci.md"})
    f["roolit/index.md"] = pages.roles_index(model, ctx)
    role_nav: list = [{"Kaikki roolit": "roolit/index.md"}]
    for role in model.roles:
        has_duties = any(d.responsible == role.id or role.id in d.participants for d in model.duties)
        role_wheel = _strip_prolog(wheel.render_wheel_svg(model, role=role.id, lang=lang)) if has_duties else None
        f[pages.role_path(role)] = pages.role_page(model, role, ctx, role_wheel)
        if has_duties:
            f[f"downloads/roolit/{role.id}.ics"] = ics.render_ics(model, role=role.id, lang=lang)
        role_nav.append({nav_title(role.name, lang): pages.role_path(role)})
    nav.append({"Roolit – Minun tehtäväni": role_nav})
    # Printable wheels for the model's year and the two after it (from the version, never the clock).
    first = ics.start_year(model)
    printable = {y: f"downloads/vuosikello-{y}.svg" for y in range(first, first + 3)}
    for y, path in printable.items():
        f[path] = wheel.render_wheel_svg(model, lang=lang, year=y)
    f["vuosikello.md"] = pages.calendar_page(model, ctx, _strip_prolog(wheel.render_wheel_svg(model, lang=lang)),
                                             printable)
    f["downloads/vuosikello.ics"] = ics.render_ics(model, lang=lang)
    nav.append({"Vuosikello": "vuosikello.md"})
    f["sanasto.md"] = pages.glossary_page(model, ctx)
    nav.append({"Sanasto": "sanasto.md"})
    if model.region is not None:
        f["poikkeamat.md"] = pages.deviations_page(model, ctx, drift)
        nav.append({"Paikalliset poikkeamat": "poikkeamat.md"})
    for path, text in sorted((extra_pages or {}).items()):
        if path in f:
            continue
        f[path] = text
        m = re.search(r"^#\s+(.+)$", text, re.M)
        nav.append({attr(m.group(1).strip()) if m else path: path})
    for path in [p for p in f if p.endswith(".md") and p not in (extra_pages or {})]:
        f[path] = with_title(f[path])
    f["assets/typ.css"] = resources.files("generator").joinpath("assets/typ.css").read_text("utf-8")
    site.nav = nav
    return site


def mkdocs_config(root: Path, model: Model, nav: list, docs: Path, out: Path) -> dict:
    base_file = root / "mkdocs.yml"
    base = yaml.safe_load(base_file.read_text("utf-8")) if base_file.is_file() else {}
    name = model.region.name.get("fi") if model.region else model.project.name.get("fi")
    cfg = dict(base or {})
    cfg.update({
        "site_name": attr(name),
        "docs_dir": str(docs),
        "site_dir": str(out),
        "nav": nav,
        "strict": True,
        "use_directory_urls": False,
    })
    # Without a mkdocs.yml of its own a model still gets what the generated pages use.
    cfg.setdefault("theme", {"name": "material", "language": "fi", "font": False})
    cfg.setdefault("plugins", [{"search": {"lang": "fi"}}])
    cfg.setdefault("markdown_extensions",
                   ["admonition", "attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}])
    cfg["extra_css"] = [*cfg.get("extra_css", []), "assets/typ.css"]
    return cfg


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def mkdocs_build(config_file: Path) -> list[str]:
    """Run MkDocs in strict mode; return its warnings and errors (empty when it built cleanly)."""
    from mkdocs.commands import build as mk_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        cfg = load_config(config_file=str(config_file), strict=True)
        mk_build.build(cfg)
    except MkDocsException as exc:
        handler.messages.append(str(exc))
    except SystemExit as exc:  # mkdocs aborts strict builds with SystemExit in some paths
        handler.messages.append(f"MkDocs aborted ({exc.code})")
    finally:
        logger.removeHandler(handler)
    return handler.messages


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    for rel_path, content in sorted(files.items()):
        path = folder / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8", newline="\n")


def _hand_pages(folder: Path, prefix: str = "") -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {prefix + str(p.relative_to(folder)): p.read_text("utf-8") for p in sorted(folder.rglob("*.md"))}


PagesFor = Callable[[Model, str | None], dict[str, str]]


def build_one(root: Path, target: Target, work: Path, pages_for: PagesFor | None = None) -> list[Diagnostic]:
    """Compile and build one handbook into work/site/<subdir>. Returns diagnostics.

    `pages_for(model, region)` may add generated pages (publishing adds "Mitä muuttui")."""
    result = compile_model(root, target.region)
    if not result.ok:
        return result.diagnostics
    model = result.model
    assert model is not None
    depth = target.subdir.count("/") + 1 if target.subdir else 0
    ctx = SiteContext(revision=source_revision(root), national_base="../" * depth)
    project_pages = _hand_pages(root / (result.raw.project.get("pages", "pages") if result.raw else "pages"))
    region_pages: dict[str, str] = {}
    for p in result.region_pages:
        region_pages[f"paikalliset/{p.name}"] = p.read_text("utf-8")
    extra = pages_for(model, target.region) if pages_for else {}
    drifts = drift.check_drift(root, model) if model.region is not None else []
    site = render_handbook(model, ctx, {**project_pages, **region_pages, **extra}, drift.drift_lines(drifts))
    name = target.region or "national"
    docs = work / "docs" / name
    _write(docs, site.files)
    out = work / "site" / target.subdir if target.subdir else work / "site"
    config_file = work / f"mkdocs-{name}.yml"
    config_file.write_text(yaml.safe_dump(mkdocs_config(root, model, site.nav, docs, out), allow_unicode=True,
                                          sort_keys=False), "utf-8")
    messages = mkdocs_build(config_file)
    diags = list(result.diagnostics) + drift.drift_diagnostics(drifts)
    for m in messages:
        diags.append(Diagnostic("mkdocs.yml", 1, 1, "SITE001", Severity.ERROR, f"MkDocs ({name}): {m}",
                                "Fix the page or link MkDocs names; hand-written pages live in pages/."))
    return diags


def targets_for(root: Path, region: str | None, all_: bool) -> list[Target]:
    if region:
        return [Target(region, "")]
    if not all_:
        return [Target(None, "")]
    project, _ = load_project(root)
    regions = region_ids(root, project) if project is not None else []
    return [Target(None, ""), *(Target(r, f"{REGIONS_URL}/{r}") for r in regions)]


def build(root: Path, out: Path, region: str | None = None, all_: bool = False,
          pages_for: PagesFor | None = None) -> list[Diagnostic]:
    """Build the requested handbook(s) into `out`, atomically. Returns all diagnostics."""
    root, out = root.resolve(), out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = source_epoch(root)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    diags: list[Diagnostic] = []
    try:
        for target in targets_for(root, region, all_):
            diags += build_one(root, target, work, pages_for)
            if has_errors(diags):
                return sorted(set(diags))
        _swap(work / "site", out)
        return sorted(set(diags))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch


def _swap(new: Path, out: Path) -> None:
    """Replace `out` by `new` with two renames, so readers never see a half-written site."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
