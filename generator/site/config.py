"""The MkDocs configuration of each handbook: which handbooks a build makes (targets), the model's
own mkdocs.yml (read safely by mkdocs_yml.py), and our settings on top of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic
from ..gitrepo import git_out
from ..i18n import language_name, tr
from ..load.sources import load_networks, load_project, region_ids
from ..model import Model
from ..render.paths import REGIONS_URL
from . import mkdocs_yml


@dataclass(frozen=True)
class Target:
    """One handbook to build: the national one (region None) or a region's, and where it goes."""

    region: str | None
    subdir: str  # relative to the output folder
    lang: str = "fi"
    languages: tuple[str, ...] = ("fi",)  # the handbook's languages, for the language switcher
    repository: Path | None = None  # a region repository's files (typ.yaml's region_repositories)


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
    """The model's mkdocs.yml, read safely (mkdocs_yml.py): the data, or its first problem."""
    base, problems = mkdocs_yml.read(root)
    return base, (problems[0] if problems else None)




def markdown_extensions(listed: list | None, lang: str) -> list:
    """The base's Markdown extensions (INHERIT replaces the list, so it is copied whole) with the
    heading permalinks titled in the page's language: toc's default title is English."""
    listed = listed if isinstance(listed, list) else [
        "admonition", "attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}]
    out: list = []
    for item in listed:
        name, options = (item, {}) if isinstance(item, str) else next(iter(dict(item).items()))
        if name == "toc":
            options = {**(options or {}), "permalink_title": tr("Linkki tähän kohtaan", lang)}
        out.append({name: options} if options else name)
    return out


def mkdocs_config(root: Path, model: Model, nav: list, docs: Path, out: Path, base: dict,
                  versioned: bool = False, target: Target | None = None) -> dict:
    """Our settings on top of the model's mkdocs.yml (merged here: MkDocs never reads that file itself)."""
    target = target or Target(None, "")
    lang = target.lang
    name = model.region.name.get(lang) if model.region else model.project.name.get(lang)
    cfg: dict = {}
    cfg.update({
        "site_name": site_title(name),
        "docs_dir": str(docs),
        "site_dir": str(out),
        "nav": nav,
        "strict": True,
        "use_directory_urls": False,
        "extra_css": [*base.get("extra_css", []), "assets/typ.css", "assets/typ-views.css"],
        "extra_javascript": [*base.get("extra_javascript", []), "assets/typ-search.js", "assets/typ-print.js",
                             "assets/typ-views.js"],
    })
    # Without a mkdocs.yml of its own a model still gets what the generated pages use.
    if "theme" not in base:
        cfg["theme"] = {"name": "material", "language": "fi", "font": False}
    if "plugins" not in base:
        cfg["plugins"] = [{"search": {"lang": "fi"}}]
    cfg["markdown_extensions"] = markdown_extensions(base.get("markdown_extensions"), lang)
    extra: dict = {}
    if not versioned:
        # The version selector fetches versions.json, which only a mike-published site has.
        extra["version"] = None
    if lang != "fi":
        cfg["theme"] = {**cfg.get("theme", {}), "language": lang}
        cfg["plugins"] = [{"search": {**_search_options(base), "lang": lang}}]
    if len(target.languages) > 1:
        # Material's language switcher; links are relative to the root of this language's handbook,
        # the first language's root being one folder up from the others'.
        up = "./" if lang == target.languages[0] else "../"
        extra["alternate"] = [{"name": language_name(x), "lang": x,
                               "link": up + ("" if i == 0 else f"{x}/") + "index.html"}
                              for i, x in enumerate(target.languages)]
    if extra:
        cfg["extra"] = extra
    if base.get("site_url"):
        # Each handbook's own address: its sitemap lists its pages, and its 404 page (served for any
        # missing address, so it cannot link relatively) loads its own styles and links its own pages.
        cfg["site_url"] = base["site_url"].rstrip("/") + "/" + (f"{target.subdir}/" if target.subdir else "")
    return mkdocs_yml.merge(base, cfg)


def _search_options(base: dict) -> dict:
    """The search plugin's options in the model's mkdocs.yml (a language version keeps them)."""
    for p in base.get("plugins") or []:
        if isinstance(p, dict) and isinstance(p.get("search"), dict):
            return dict(p["search"])
    return {}


def targets_for(root: Path, region: str | None, all_: bool) -> list[Target]:
    """The national handbook in each of the project's languages (the first at the root, the others
    under <lang>/: national material must exist in Finnish and Swedish), then with --all every
    region's, in each language its region.yaml lists (the first at its root, the others under <lang>/)."""
    project, _ = load_project(root)
    if region:
        return _region_targets(region, "", _languages(root, project, [region]).get(region, ("fi",)))
    langs = tuple(project.get("languages") or ("fi",)) if project is not None else ("fi",)
    national = [Target(None, "" if i == 0 else lang, lang, langs) for i, lang in enumerate(langs)]
    if not all_:
        return national
    regions = region_ids(root, project) if project is not None else []
    langs = _languages(root, project, regions)
    return [*national, *(t for r in regions
                         for t in _region_targets(r, f"{REGIONS_URL}/{r}", langs.get(r, ("fi",))))]


def _languages(root: Path, project, regions: list[str]) -> dict[str, tuple[str, ...]]:
    """The languages each of these regions' region.yaml lists, read once for all of them (a region
    missing here is built in Finnish: one that lists none, or cannot be read, which the build
    reports when it compiles the region)."""
    if project is None:
        return {}
    return {doc["id"]: tuple(doc["languages"]) for doc in load_networks(root, project, regions)
            if doc.get("languages") and isinstance(doc.get("id"), str)}


def _region_targets(region: str, subdir: str, langs: tuple[str, ...]) -> list[Target]:
    return [Target(region, subdir if i == 0 else f"{subdir}/{lang}".lstrip("/"), lang, langs)
            for i, lang in enumerate(langs)]

