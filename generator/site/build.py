"""The site stage: write the generated docs tree and MkDocs config, build with MkDocs + Material.

All I/O happens here. Everything is built inside a temporary folder next to the output and swapped
into place only when every handbook built; a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from ..analysis import drift
from ..compile import Result, compile_model
from ..diagnostics import Diagnostic, Severity, has_errors
from ..errors import ToolError
from ..model import Model
from ..render.context import SiteContext
from ..render.handbook import render_handbook
from .config import Target, mkdocs_config, read_base_config, source_epoch, source_revision, targets_for
from .pages import hand_pages, site_diagnostic
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
    extra = pages_for(model, target.region, target.lang) if pages_for else {}
    config = result.raw.project.get("rules") or {}
    drifts = drift.check_drift(root, model, config) if model.region is not None else []
    site = render_handbook(model, ctx, {**pages.texts, **extra}, drifts)
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
    index = out / "search" / "search_index.json"
    if not messages and index.is_file():
        terms = [(t.term.get(target.lang), t.synonyms_in(target.lang)) for t in model.terms]
        enrich_file(index, target.lang, synonym_groups(terms))
    # "Aborted with N warnings in strict mode!" only repeats the warnings before it.
    messages = [m for m in messages if not m.startswith("Aborted with")] or messages
    diags += [site_diagnostic(m, name, pages) for m in messages]
    return diags


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
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(out)
        work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    except OSError as exc:
        return [cannot_write(out, exc)]
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = source_epoch(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # we pin mkdocs<2 already; the banner only confuses
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
            _swap(work / "site", out)
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
