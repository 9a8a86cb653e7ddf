"""The site stage: write the generated docs tree and MkDocs config, build with MkDocs + Material.

All I/O happens here. Everything is built inside a temporary folder next to the output and swapped
into place only when every handbook built; a failed build leaves the previous site untouched
(output.py: the lock, the marked temporary folders, the swap and its recovery).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.bccache
import yaml

from ..analysis import drift
from ..compile import Result, compile_model
from ..diagnostics import Diagnostic, Severity, has_errors
from ..errors import ToolError
from ..load.files import inside
from ..load.pages import load_pages
from ..load.sources import DEFAULT_SOURCES, load_national, load_project
from ..model import Model
from ..overlay.merge import REGION_PAGES
from ..parallel import fork_map
from ..render.context import SiteContext
from ..render.handbook import diagrams, render_handbook
from ..rules.names import NATIONAL
from ..translate.catalogue import FOLDER as TRANSLATIONS
from . import output, sanitize
from .cache import BuildCache, code_version, digest
from .config import Target, mkdocs_config, read_base_config, source_epoch, source_revision, targets_for
from .memo import PageMemo
from .networks import networks, with_comparison
from .pages import RESERVED_PAGES, site_diagnostic
from .search import enrich_file, synonym_groups


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _Compiled(jinja2.BytecodeCache):
    """The theme's templates compiled once per process instead of once per handbook: MkDocs makes a new
    Jinja environment for every build, so thirty networks compiled Material's templates thirty times.
    Jinja keys each entry by the template's file and drops it when the source's checksum differs."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _Compiled()
_PACKAGES = Path(jinja2.__file__).resolve().parent.parent  # where the theme's package is installed
_LISTED: dict[tuple, list[str]] = {}  # an installed theme's static files (below), once per process


def _listed_once(env: jinja2.Environment, dirs: list[str], static: list[str]) -> None:
    """MkDocs lists and filters every file of the theme (Material's 14 000 icons) for each build, to find
    the few hundred it copies. For a theme that is all installed package files, which do not change while
    a process runs, keep the filtered list. A theme folder of the model's own (custom_dir) is listed
    anew each build, since `typ serve` rebuilds as it changes."""
    if not all(Path(d).resolve().is_relative_to(_PACKAGES) for d in dirs):
        return
    listed = env.list_templates

    def list_templates(extensions=None, filter_func=None) -> list[str]:
        key = (tuple(dirs), tuple(sorted(static)), extensions, getattr(filter_func, "__code__", filter_func))
        if key not in _LISTED:
            _LISTED[key] = listed(extensions, filter_func)
        return list(_LISTED[key])

    env.list_templates = list_templates


def mkdocs_build(config_file: Path, memo: PageMemo | None = None) -> list[str]:
    """Run MkDocs in strict mode; return its warnings and errors (empty when it built cleanly).
    `memo`: pages another handbook of this build rendered already (memo.py)."""
    from mkdocs.commands import build as mk_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        cfg = load_config(config_file=str(config_file), strict=True)
        make_env = cfg.theme.get_env

        def get_env() -> jinja2.Environment:
            env = make_env()
            env.bytecode_cache = _TEMPLATES
            _listed_once(env, cfg.theme.dirs, cfg.theme.static_templates)
            return env

        cfg.theme.get_env = get_env  # this build's theme only: MkDocs has no option for either
        with memo.rendering() if memo else contextlib.nullcontext():
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
DriftFor = Callable[[Model, dict], list[drift.Drift]]  # (regional model, typ.yaml's rules) -> findings


def _region_pages(root: Path, result: Result, target: Target):
    """A region's hand-written pages in the target's language: regions/<id>/pages/*.md in its first
    language, pages/<lang>/*.md in the others (a Finnish-only region: every page under pages/)."""
    if target.region is None or len(target.languages) < 2:
        return result.region_pages
    folder = root / result.raw.project.get("regions", "regions") / target.region / "pages"
    others = tuple(folder / lang for lang in target.languages[1:])
    if target.lang != target.languages[0]:
        folder = folder / target.lang
    return load_pages(root, folder, REGION_PAGES, others)


def build_one(root: Path, target: Target, work: Path, result: Result, pages_for: PagesFor | None = None,
              versioned: bool = False, store: BuildCache | None = None, repository: Path | None = None,
              drift_for: DriftFor | None = None, memo: PageMemo | None = None,
              ) -> tuple[list[Diagnostic], Built | None]:
    """Render one handbook of a compiled model and run MkDocs on it, unless `store` holds the site built
    from exactly these inputs. Returns the diagnostics and the built files, which are in `store`
    (None on errors).

    `pages_for(model, region, lang)` may add generated pages (publishing adds "Mitä muuttui").
    `repository`: the region's own repository (its revision is the handbook's); `drift_for`: how
    drift is found there (against its pinned base, not the national git history).
    `memo`: the pages the build's other handbooks rendered (memo.py)."""
    if not result.ok:
        return result.diagnostics, None
    model = result.model
    assert model is not None and result.raw is not None
    base, problem = read_base_config(root)
    if problem is not None:
        return [*result.diagnostics, problem], None
    depth = target.subdir.count("/") + 1 if target.subdir else 0
    # A region built on its own has no national handbook beside it to link to; a region's Swedish
    # handbook links to the Swedish national one.
    national_langs = tuple(result.raw.project.get("languages") or ["fi"])
    national_base = "../" * depth if depth else (None if target.region else "")
    if target.region and target.lang != target.languages[0] and "/" not in target.subdir:
        national_base = None  # the second language of a region built on its own (<out>/<lang>/)
    if target.region and national_base and target.lang in national_langs[1:]:
        national_base += f"{target.lang}/"
    ctx = SiteContext(lang=target.lang, revision=source_revision(repository or root), national_base=national_base)
    folder = root / result.raw.project.get("pages", "pages")
    # pages/*.md are in the first language; pages/<lang>/*.md in the others.
    others = (result.raw.project.get("languages") or ["fi"])[1:]
    if target.lang in others:
        folder = folder / target.lang
    pages = load_pages(root, folder, "", tuple(folder / lang for lang in others))
    pages.update(_region_pages(root, result, target))
    if has_errors(pages.diagnostics):
        return [*result.diagnostics, *pages.diagnostics], None
    reserved = [p for p in sorted(pages.texts) if p.startswith(RESERVED_PAGES)]
    for path in reserved:
        pages.texts.pop(path)
    # Hand-written content is marked, so that its HTML can be sanitised once MkDocs has built it.
    wrapped = {path: sanitize.wrap(text) for path, text in pages.texts.items()}
    extra = pages_for(model, target.region, target.lang) if pages_for else {}
    rules_config = result.raw.project.get("rules") or {}
    find_drift = drift_for or (lambda m, config: drift.check_drift(root, m, config))
    drifts = find_drift(model, rules_config) if model.region is not None else []
    store = store or BuildCache(work / "store")
    draw = store.diagrams(diagrams)
    site = render_handbook(model, ctx, {**wrapped, **extra}, drifts, draw)
    diags = list(result.diagnostics) + pages.diagnostics + drift.drift_diagnostics(drifts)
    for path in [*reserved, *site.clashes]:
        diags.append(Diagnostic(pages.sources.get(path, path), 1, 1, "SITE004", Severity.WARNING,
                                f"the hand-written page {path} has the name of a generated page and is left out",
                                "Rename the file."))
    if target.region is None:
        name = f"national-{target.lang}"
    else:  # a region's first language keeps the plain name (its cache entry survives the upgrade)
        name = target.region if target.lang == target.languages[0] else f"{target.region}-{target.lang}"
    docs, out = work / "docs" / name, work / "built" / name
    config = mkdocs_config(root, model, site.nav, docs, out, base, versioned, target)
    # Everything MkDocs reads: the docs tree, the config (minus our temporary paths), the base
    # mkdocs.yml, the code and tool versions, the build date.
    key = digest(code_version(), sorted(site.files.items()), {**config, "docs_dir": "", "site_dir": ""},
                 _base_bytes(root, base), os.environ.get("SOURCE_DATE_EPOCH", ""))
    if (stored := store.lookup(name, key)) is not None:
        return diags, Built(target.subdir, stored)
    _write(docs, site.files)
    config_file = work / f"mkdocs-{name}.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    messages = mkdocs_build(config_file, memo)
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
    shutil.rmtree(docs, ignore_errors=True)
    if has_errors(diags):
        return diags, None
    return diags, Built(target.subdir, store.store(name, key, out, keep=not messages))


def _base_bytes(root: Path, base: dict) -> list:
    """The base mkdocs.yml and, if it names one, the theme's custom_dir files."""
    parts: list = [_regular(root / "mkdocs.yml") if base else b""]
    theme = base.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom, str) and (root / custom).is_dir() and inside(root, root / custom):
        parts += [(p.relative_to(root).as_posix(), _regular(p)) for p in sorted((root / custom).rglob("*"))]
    return parts


def _regular(p: Path) -> bytes:
    """A regular file's bytes; for a link, a folder, a FIFO or a device only what it is (never read)."""
    st = p.lstat()
    return p.read_bytes() if stat.S_ISREG(st.st_mode) else f"mode {st.st_mode:o}".encode()


@dataclass(frozen=True)
class Built:
    """One handbook's built files in the store (path -> content hash) and where they go in the site."""

    subdir: str
    files: dict[str, str]


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


def cache_folder(out: Path) -> Path:
    return out.with_name(f".{out.name}.cache")


def _inputs(root: Path, out: Path, *options: object) -> str | None:
    """A hash of everything a build reads: the model's files (the project and base config, the source,
    region and page folders), its git revision and date, the code, the options. None: no project."""
    project, _ = load_project(root)
    if project is None or project.get("region_repositories"):
        return None  # (other repositories may have moved on: no whole-build shortcut)
    folders = [*project.get("sources", DEFAULT_SOURCES), project.get("regions", "regions"),
               project.get("pages", "pages"), TRANSLATIONS]
    if (root / "mkdocs.yml").exists() and b"custom_dir" in _regular(root / "mkdocs.yml"):
        return None  # theme overrides may live anywhere in the model: no whole-build shortcut
    paths = sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml"))
    for folder in dict.fromkeys(folders):
        if isinstance(folder, str) and (root / folder).is_dir() and not (root / folder).is_symlink():
            paths += sorted(p for p in (root / folder).rglob("*") if out not in p.parents)
    parts = []
    for p in paths:
        st = p.lstat()
        if stat.S_ISLNK(st.st_mode):
            return None  # what a link leads to may change unseen: no whole-build shortcut (never read it)
        if stat.S_ISREG(st.st_mode):
            parts.append((p.relative_to(root).as_posix(), p.read_bytes()))
        elif not stat.S_ISDIR(st.st_mode):
            parts.append((p.relative_to(root).as_posix(), st.st_mode))  # a FIFO or device: never read
    return digest(code_version(), options, source_revision(root), source_epoch(root), parts)


def build(root: Path, out: Path, region: str | None = None, all_: bool = False,
          pages_for: PagesFor | None = None, versioned: bool = False, cache: bool = True,
          repository: Path | None = None, drift_for: DriftFor | None = None,
          only: tuple[str, ...] = ()) -> list[Diagnostic]:
    """Build the requested handbook(s) into `out`, atomically. Returns all diagnostics.

    The national model is compiled once and shared by its languages and every region's overlay; the
    handbooks build in parallel, one process per core. `cache`: keep the build cache beside `out`
    (see cache.py), so an unchanged handbook is not built again.
    `versioned`: the site will be published with mike, so Material shows its version selector.
    `repository`, `drift_for`: a region repository built on its base `root` (see build_one).
    `only` (with `all_`): just these networks' handbooks of the --all site, by id, "national" for the
    national one, each exactly as --all builds it: one CI job a network, the jobs' outputs merged."""
    root, out = root.resolve(), out.resolve()
    refused = check_output(repository or root, out)
    if refused is not None:
        return [refused]
    out.parent.mkdir(parents=True, exist_ok=True)
    with output.locked(out):  # one build at a time per output folder (output.py)
        output.recover(out)
        refused = check_output(repository or root, out)  # again: a site a crashed build left aside may be back now
        if refused is not None:
            return [refused]
        return _build_locked(root, out, region, all_, pages_for, versioned, cache, repository, drift_for, only)


def _build_locked(root: Path, out: Path, region: str | None, all_: bool, pages_for: PagesFor | None,
                  versioned: bool, cache: bool, repository: Path | None = None,
                  drift_for: DriftFor | None = None, only: tuple[str, ...] = ()) -> list[Diagnostic]:
    # Nothing changed since the last build into `out`, which is intact: that build is the answer.
    # (Not for a region repository: its files are outside `root`; each handbook's cache still applies.)
    whole = cache and pages_for is None and repository is None
    inputs = _inputs(root, out, region, all_, versioned, *sorted(set(only))) if whole else None
    if inputs is not None and (last := BuildCache(cache_folder(out)).unchanged(inputs, out)) is not None:
        return [Diagnostic(**{**d, "severity": Severity(d["severity"])}) for d in last]
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = source_epoch(repository or root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # we pin mkdocs<2 already; the banner only confuses
    work = output.make_temp(out)
    # Without the cache the store is temporary: it still gives every handbook the same copy of a file.
    store = BuildCache(cache_folder(out) if cache else work / "store")
    try:
        targets = targets_for(root, region, all_)
        national = load_national(root)
        # The national model once, before any fork, for all its languages (and every region's overlay).
        compiled = {None: compile_model(root, None, national=national)} if region is None else {}
        found: list[Diagnostic] = []
        if all_ and compiled[None].ok:  # every network, for the comparison page (networks.py)
            # Without the national handbook there is no comparison: only the named networks compile.
            wanted = None if not only or NATIONAL in only else set(only)
            targets, nets, found = networks(root, national, compiled, targets, wanted)
            pages_for = with_comparison(pages_for, nets, targets[0].languages)
            if only:
                known = list(dict.fromkeys([*map(network_of, targets), *(n.id for n in nets if n.id)]))
                if missing := [n for n in only if n not in known]:
                    return sorted({*found, Diagnostic("<command line>", 1, 1, "USAGE001", Severity.ERROR,
                                                      f"--only {missing[0]}: this model has no such network",
                                                      "Give one of: " + ", ".join(known) + ".")})
            if only and NATIONAL in only:
                # The comparison is built from every network: one that does not compile fails this part as
                # it fails --all, instead of silently missing from the comparison.
                found += [d for rid, result in compiled.items() if rid is not None and rid not in only
                          for d in result.diagnostics if d.severity is Severity.ERROR]
                if has_errors(found):
                    return sorted(set(found))
        if only:
            targets = [t for t in targets if network_of(t) in only]

        def build_target(target: Target) -> tuple[list[Diagnostic], Built | None]:
            result = compiled.get(target.region)
            if result is None:
                result = compile_model(root, target.region, national=national,
                                       repository=target.repository or repository)
            try:
                return build_one(root, target, work, result, pages_for, versioned, store,
                                 target.repository or repository, drift_for, memo)
            except ToolError as exc:  # Graphviz missing or failing: no handbook without its diagrams
                return [Diagnostic("<graphviz>", 1, 1, "TOOL001", Severity.ERROR, str(exc), exc.hint)], None
            except OSError as exc:  # writing the docs tree (reading is handled where it happens)
                return [cannot_write(out, exc)], None

        memo = PageMemo()  # each worker fills its own copy: the pages its handbooks share
        code_version()  # once, before the fork
        # One handbook a core; the workers inherit the compiled national model and regions.
        results = fork_map(lambda i: build_target(targets[i]), len(targets))
        diags: list[Diagnostic] = list(found)
        for target_diags, _ in results:  # in target order; the first handbook with errors ends the build
            diags += target_diags
            if has_errors(diags):
                return sorted(set(diags))
        site = work / "site"
        try:
            for _, built in results:
                assert built is not None
                store.place(built.files, site / built.subdir if built.subdir else site)
            site.mkdir(parents=True, exist_ok=True)
            (site / MARKER).write_text("Built by typ build; replaced by the next build.\n", "utf-8")
            if cache:
                store.forget()  # until the new site is in place, the record of the old one is void
            output.swap(site, out)
        except OSError as exc:
            return sorted({*diags, cannot_write(out, exc)})
        diags = sorted(set(diags))
        if cache:
            store.prune()
            if inputs is not None:
                store.remember(inputs, out, [dataclasses.asdict(d) for d in diags])
        return diags
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch


def network_of(target: Target) -> str:
    """A handbook's network, as --only names it."""
    return NATIONAL if target.region is None else target.region


def cannot_write(out: Path, exc: OSError) -> Diagnostic:
    where = f" ({exc.filename})" if exc.filename else ""
    return Diagnostic(str(out), 1, 1, "IO001", Severity.ERROR,
                      f"cannot write the site to {out}: {exc.strerror or exc}{where}",
                      "Check that the folder is writable and the disk has room, or choose another --out.")

