"""The site stage: write the generated docs tree and MkDocs config, build with MkDocs + Material.

All I/O happens here. Everything is built inside a temporary folder next to the output and swapped
into place only when every handbook built; a failed build leaves the previous site untouched
(output.py: the lock, the marked temporary folders, the swap and its recovery).
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import yaml

from ..analysis import drift
from ..compile import Result, compile_model
from ..diagnostics import Diagnostic, Severity, has_errors
from ..errors import ToolError
from ..load.pages import load_pages
from ..model import Model
from ..render.context import SiteContext
from ..render.handbook import render_handbook
from . import output, sanitize
from .config import Target, mkdocs_config, read_base_config, source_epoch, source_revision, targets_for
from .pages import RESERVED_PAGES, site_diagnostic
from .search import enrich_file, synonym_groups


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
    except (MkDocsException, yaml.YAMLError, ImportError) as exc:  # an OSError is I/O: exit 2, with its cause
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


PagesFor = Callable[[Model, str | None, str], dict[str, str]]  # (model, region, language)


def build_one(root: Path, target: Target, work: Path, result: Result, pages_for: PagesFor | None = None,
              versioned: bool = False) -> list[Diagnostic]:
    """Build one handbook of a compiled model into work/site/<subdir>. Returns diagnostics.

    `pages_for(model, region, lang)` may add generated pages (publishing adds "Mitä muuttui")."""
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
    others = (result.raw.project.get("languages") or ["fi"])[1:]
    if target.lang in others:
        folder = folder / target.lang
    pages = load_pages(root, folder, "", tuple(folder / lang for lang in others))
    pages.update(result.region_pages)
    if has_errors(pages.diagnostics):
        return [*result.diagnostics, *pages.diagnostics]
    reserved = [p for p in sorted(pages.texts) if p.startswith(RESERVED_PAGES)]
    for path in reserved:
        pages.texts.pop(path)
    # Hand-written content is marked, so that its HTML can be sanitised once MkDocs has built it.
    wrapped = {path: sanitize.wrap(text) for path, text in pages.texts.items()}
    extra = pages_for(model, target.region, target.lang) if pages_for else {}
    config = result.raw.project.get("rules") or {}
    drifts = drift.check_drift(root, model, config) if model.region is not None else []
    site = render_handbook(model, ctx, {**wrapped, **extra}, drifts)
    diags = list(result.diagnostics) + pages.diagnostics + drift.drift_diagnostics(drifts)
    for path in [*reserved, *site.clashes]:
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
    index = out / "search" / "search_index.json"
    if not messages and index.is_file():
        terms = [(t.term.get(target.lang), t.synonyms_in(target.lang)) for t in model.terms]
        enrich_file(index, target.lang, synonym_groups(terms))
    # "Aborted with N warnings in strict mode!" only repeats the warnings before it.
    messages = [m for m in messages if not m.startswith("Aborted with")] or messages
    diags += [site_diagnostic(m, name, pages, root) for m in messages]
    if not has_errors(diags):
        for path, text in sorted(pages.texts.items()):
            if path not in site.clashes and not sanitize.clean_page(out / sanitize.html_path(path), text):
                diags.append(Diagnostic(pages.sources[path], 1, 1, "SITE001", Severity.ERROR,
                                        "the built page lost the marks of its hand-written content, so it "
                                        "cannot be checked for script", "Report this page to the typ maintainers."))
    return diags


MARKER = output.MARKER


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


def build(root: Path, out: Path, region: str | None = None, all_: bool = False,
          pages_for: PagesFor | None = None, versioned: bool = False) -> list[Diagnostic]:
    """Build the requested handbook(s) into `out`, atomically. Returns all diagnostics.

    `versioned`: the site will be published with mike, so Material shows its version selector."""
    root, out = root.resolve(), out.resolve()
    refused = check_output(root, out)
    if refused is not None:
        return [refused]
    out.parent.mkdir(parents=True, exist_ok=True)
    with output.locked(out):  # one build at a time per output folder (output.py)
        output.recover(out)
        refused = check_output(root, out)  # again: a site a crashed build left aside may be back now
        if refused is not None:
            return [refused]
        return _build_locked(root, out, region, all_, pages_for, versioned)


def _build_locked(root: Path, out: Path, region: str | None, all_: bool, pages_for: PagesFor | None,
                  versioned: bool) -> list[Diagnostic]:
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = source_epoch(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # we pin mkdocs<2 already; the banner only confuses
    work = output.make_temp(out)
    diags: list[Diagnostic] = []
    try:
        compiled: dict[str | None, Result] = {}  # one compile per model, shared by its languages
        for target in targets_for(root, region, all_):
            if target.region not in compiled:
                compiled[target.region] = compile_model(root, target.region)
            try:
                diags += build_one(root, target, work, compiled[target.region], pages_for, versioned)
            except ToolError as exc:  # Graphviz missing or failing: no handbook without its diagrams
                diags.append(Diagnostic("<graphviz>", 1, 1, "TOOL001", Severity.ERROR, str(exc), exc.hint))
            except OSError as exc:  # writing the docs tree (reading is handled where it happens)
                diags.append(cannot_write(out, exc))
            if has_errors(diags):
                return sorted(set(diags))
        try:
            (work / "site" / MARKER).write_text("Built by typ build; replaced by the next build.\n", "utf-8")
            output.swap(work / "site", out)
        except OSError as exc:
            return sorted({*diags, cannot_write(out, exc)})
        return sorted(set(diags))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch


def cannot_write(out: Path, exc: OSError) -> Diagnostic:
    where = f" ({exc.filename})" if exc.filename else ""
    return Diagnostic(str(out), 1, 1, "IO001", Severity.ERROR,
                      f"cannot write the site to {out}: {exc.strerror or exc}{where}",
                      "Check that the folder is writable and the disk has room, or choose another --out.")

