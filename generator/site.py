"""The site stage: write the generated docs tree and MkDocs config, build with MkDocs + Material.

All I/O happens here. Everything is built inside a temporary folder next to the output and swapped
into place only when every handbook built; a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import drift
from .diagnostics import Diagnostic, Severity, has_errors
from .diff import git_out
from .model import Model
from .pipeline import Result, compile_model
from .render.handbook import render_handbook
from .render.pages import SiteContext
from .sources import load_project, region_ids

REGIONS_URL = "alueet"


@dataclass(frozen=True)
class Target:
    """One handbook to build: the national one (region None) or a region's, and where it goes."""

    region: str | None
    subdir: str  # relative to the output folder
    lang: str = "fi"
    languages: tuple[str, ...] = ("fi",)  # the national handbook's languages, for the language switcher


def source_revision(root: Path) -> str:
    return (git_out(root, "describe", "--always", "--dirty", "--abbrev=12") or "").strip()


def source_epoch(root: Path) -> str:
    """Dates MkDocs writes (sitemap) come from SOURCE_DATE_EPOCH: take the commit's, never the clock."""
    stamp = (git_out(root, "log", "-1", "--format=%ct") or "").strip()
    return stamp if stamp.isdigit() else "0"


def site_title(value: str) -> str:
    """The site name: Material prints it escaped in some places and raw in others, so neither
    escaping nor leaving it is right everywhere. Replace the few characters that matter by
    look-alikes that are safe in both."""
    return value.replace("<", "‹").replace(">", "›").replace('"', "”").replace("&", "＆")


def read_base_config(root: Path) -> tuple[dict, Diagnostic | None]:
    """The model's mkdocs.yml, read the way MkDocs reads it (!ENV, Material's python tags)."""
    base_file = root / "mkdocs.yml"
    if not base_file.is_file():
        return {}, None
    from mkdocs.exceptions import MkDocsException
    from mkdocs.utils.yaml import yaml_load

    try:
        with base_file.open("rb") as f:
            base = yaml_load(f) or {}
    except (MkDocsException, yaml.YAMLError, UnicodeDecodeError, ImportError, AttributeError) as exc:
        cause = exc.__cause__ or exc.__context__ or exc  # MkDocs wraps the YAML error, which has the position
        mark = getattr(cause, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return {}, Diagnostic("mkdocs.yml", line, col, "SITE002", Severity.ERROR,
                              f"mkdocs.yml cannot be read: {str(exc).splitlines()[0]}",
                              "Fix the YAML; it is the base MkDocs configuration of every handbook.")
    if not isinstance(base, dict):
        return {}, Diagnostic("mkdocs.yml", 1, 1, "SITE002", Severity.ERROR, "mkdocs.yml is not a mapping",
                              "Write MkDocs settings as 'key: value' lines.")
    return base, None


LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


def mkdocs_config(root: Path, model: Model, nav: list, docs: Path, out: Path, base: dict,
                  versioned: bool = False, target: Target | None = None) -> dict:
    """Our settings on top of the model's mkdocs.yml, which MkDocs merges in itself (INHERIT)."""
    target = target or Target(None, "")
    lang = target.lang
    name = model.region.name.get(lang) if model.region else model.project.name.get(lang)
    cfg: dict = {"INHERIT": str(root / "mkdocs.yml")} if base else {}
    cfg.update({
        "site_name": site_title(name),
        "docs_dir": str(docs),
        "site_dir": str(out),
        "nav": nav,
        "strict": True,
        "use_directory_urls": False,
        "extra_css": [*base.get("extra_css", []), "assets/typ.css"],
    })
    # Without a mkdocs.yml of its own a model still gets what the generated pages use.
    if "theme" not in base:
        cfg["theme"] = {"name": "material", "language": "fi", "font": False}
    if "plugins" not in base:
        cfg["plugins"] = [{"search": {"lang": "fi"}}]
    if "markdown_extensions" not in base:
        cfg["markdown_extensions"] = ["admonition", "attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}]
    extra: dict = {}
    if not versioned:
        # The version selector fetches versions.json, which only a mike-published site has.
        extra["version"] = None
    if lang != "fi":
        cfg["theme"] = {**cfg.get("theme", {}), "language": lang}
        cfg["plugins"] = [{"search": {"lang": lang}}]
    if target.region is None and len(target.languages) > 1:
        # Material's language switcher; links are relative to the site root of this language.
        up = "../" if target.subdir else "./"
        extra["alternate"] = [{"name": LANGUAGE_NAMES.get(x, x), "lang": x,
                               "link": up + ("" if i == 0 else f"{x}/") + "index.html"}
                              for i, x in enumerate(target.languages)]
    if extra:
        cfg["extra"] = extra
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
    except (MkDocsException, yaml.YAMLError, OSError, ImportError) as exc:
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


@dataclass
class HandPages:
    """Hand-written Markdown pages: docs path -> text, and docs path -> source file (for errors)."""

    texts: dict[str, str]
    sources: dict[str, str]
    diagnostics: list[Diagnostic]


def hand_pages(root: Path, files: list[Path], prefix: str, base: Path) -> HandPages:
    out = HandPages({}, {}, [])
    for p in files:
        docs_path = prefix + p.relative_to(base).as_posix()
        source = p.relative_to(root).as_posix()
        try:
            out.texts[docs_path] = p.read_bytes().decode("utf-8")
            out.sources[docs_path] = source
        except UnicodeDecodeError as exc:
            raw = p.read_bytes()[: exc.start]
            out.diagnostics.append(Diagnostic(
                source, raw.count(b"\n") + 1, exc.start - (raw.rfind(b"\n") + 1) + 1, "SITE003", Severity.ERROR,
                "the page is not valid UTF-8", "Save the file as UTF-8."))
    return out


def _site_diagnostic(message: str, name: str, pages: HandPages) -> Diagnostic:
    """Point a MkDocs complaint about a hand-written page at that page's source line."""
    m = re.search(r"Doc file '([^']+)' contains a link '([^']+)'", message)
    if m and m.group(1) in pages.sources:
        lines = pages.texts[m.group(1)].splitlines()
        line = next((i for i, text in enumerate(lines, 1) if m.group(2) in text), 1)
        col = lines[line - 1].find(m.group(2)) + 1 if lines else 1
        return Diagnostic(pages.sources[m.group(1)], line, max(col, 1), "SITE001", Severity.ERROR,
                          f"broken link '{m.group(2)}'", "Link to an existing page (paths as in the built site's "
                          "docs: e.g. raci.md, roolit/index.md).")
    return Diagnostic("mkdocs.yml", 1, 1, "SITE001", Severity.ERROR, f"MkDocs ({name}): {message}",
                      "Fix the page or setting MkDocs names; hand-written pages live in pages/.")


PagesFor = Callable[[Model, str | None], dict[str, str]]


def build_one(root: Path, target: Target, work: Path, result: Result, pages_for: PagesFor | None = None,
              versioned: bool = False) -> list[Diagnostic]:
    """Build one handbook of a compiled model into work/site/<subdir>. Returns diagnostics.

    `pages_for(model, region)` may add generated pages (publishing adds "Mitä muuttui")."""
    if not result.ok:
        return result.diagnostics
    model = result.model
    assert model is not None and result.raw is not None
    base, problem = read_base_config(root)
    if problem is not None:
        return [*result.diagnostics, problem]
    depth = target.subdir.count("/") + 1 if target.subdir else 0
    # A region built on its own has no national handbook beside it to link to.
    national_base = "../" * depth if depth else (None if target.region else "")
    ctx = SiteContext(lang=target.lang, revision=source_revision(root), national_base=national_base)
    folder = root / result.raw.project.get("pages", "pages")
    # pages/*.md are in the first language; pages/<lang>/*.md in the others.
    others = set((result.raw.project.get("languages") or ["fi"])[1:])
    if target.lang in others:
        folder = folder / target.lang
    files = [p for p in sorted(folder.rglob("*.md")) if p.relative_to(folder).parts[0] not in others] \
        if folder.is_dir() else []
    pages = hand_pages(root, files, "", folder)
    if result.region_pages:
        local = hand_pages(root, result.region_pages, "paikalliset/", result.region_pages[0].parent)
        pages.texts.update(local.texts)
        pages.sources.update(local.sources)
        pages.diagnostics += local.diagnostics
    if pages.diagnostics:
        return [*result.diagnostics, *pages.diagnostics]
    extra = pages_for(model, target.region) if pages_for else {}
    drifts = drift.check_drift(root, model) if model.region is not None else []
    site = render_handbook(model, ctx, {**pages.texts, **extra}, drift.drift_lines(drifts))
    diags = list(result.diagnostics) + drift.drift_diagnostics(drifts)
    for path in site.clashes:
        diags.append(Diagnostic(pages.sources.get(path, path), 1, 1, "SITE004", Severity.WARNING,
                                f"the hand-written page {path} has the name of a generated page and is left out",
                                "Rename the file."))
    name = target.region or f"national-{target.lang}"
    docs = work / "docs" / name
    _write(docs, site.files)
    out = work / "site" / target.subdir if target.subdir else work / "site"
    config_file = work / f"mkdocs-{name}.yml"
    config = mkdocs_config(root, model, site.nav, docs, out, base, versioned, target)
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    messages = mkdocs_build(config_file)
    # "Aborted with N warnings in strict mode!" only repeats the warnings before it.
    messages = [m for m in messages if not m.startswith("Aborted with")] or messages
    diags += [_site_diagnostic(m, name, pages) for m in messages]
    return diags


def targets_for(root: Path, region: str | None, all_: bool) -> list[Target]:
    """The national handbook in each of the project's languages (the first at the root, the others
    under <lang>/: national material must exist in Finnish and Swedish), then with --all every
    region's, in the region's own language."""
    if region:
        return [Target(region, "")]
    project, _ = load_project(root)
    langs = tuple(project.get("languages") or ("fi",)) if project is not None else ("fi",)
    national = [Target(None, "" if i == 0 else lang, lang, langs) for i, lang in enumerate(langs)]
    if not all_:
        return national
    regions = region_ids(root, project) if project is not None else []
    return [*national, *(Target(r, f"{REGIONS_URL}/{r}") for r in regions)]


MARKER = ".typ-handbook"  # written into every output: only such a folder is ever replaced


def check_output(root: Path, out: Path) -> Diagnostic | None:
    """Refuse an output folder whose replacement would destroy something that is not a handbook."""
    def problem(message: str, hint: str) -> Diagnostic:
        return Diagnostic(str(out), 1, 1, "IO001", Severity.ERROR, message, hint)

    if out == root or out in root.parents:
        return problem(f"--out {out} would replace the model itself", "Choose a new folder such as site/.")
    if out.exists() and not out.is_dir():
        return problem(f"--out {out} is a file", "Choose a folder.")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return problem(f"--out {out} is not empty and was not made by typ build; refusing to replace it",
                       "Choose a new or empty folder, or delete this one yourself if it is an old site.")
    for parent in out.parents:
        if parent.exists() and not parent.is_dir():
            return problem(f"--out {out}: {parent} is a file", "Choose a folder path.")
    return None


def _clean_leftovers(out: Path) -> None:
    """Remove temporary folders an interrupted earlier build left beside the output."""
    for p in out.parent.glob(f".{out.name}.build-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(p, ignore_errors=True)


def build(root: Path, out: Path, region: str | None = None, all_: bool = False,
          pages_for: PagesFor | None = None, versioned: bool = False) -> list[Diagnostic]:
    """Build the requested handbook(s) into `out`, atomically. Returns all diagnostics.

    `versioned`: the site will be published with mike, so Material shows its version selector."""
    root, out = root.resolve(), out.resolve()
    refused = check_output(root, out)
    if refused is not None:
        return [refused]
    out.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(out)
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = source_epoch(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # we pin mkdocs<2 already; the banner only confuses
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    diags: list[Diagnostic] = []
    try:
        compiled: dict[str | None, Result] = {}  # one compile per model, shared by its languages
        for target in targets_for(root, region, all_):
            if target.region not in compiled:
                compiled[target.region] = compile_model(root, target.region)
            diags += build_one(root, target, work, compiled[target.region], pages_for, versioned)
            if has_errors(diags):
                return sorted(set(diags))
        (work / "site" / MARKER).write_text("Built by typ build; replaced by the next build.\n", "utf-8")
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
    try:
        new.rename(out)
    except OSError:
        if old.exists():
            old.rename(out)  # put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)
