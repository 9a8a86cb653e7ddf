"""The model's mkdocs.yml, read safely: with the model loader (no Python tags, the same size, depth and
alias limits, positions kept), `!ENV` supported, and the settings that would run or read code
refused at their line. MkDocs' own loader is PyYAML's unsafe one, and `hooks:`, plugins, Markdown
extensions and `INHERIT:` import code or read files: a model file must not be able to do that.

The result is merged with typ's settings here (as MkDocs' INHERIT would), so MkDocs never reads the
model's file itself.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..load import files as safefiles
from ..load.yaml import YDict, YList, load_text

FILE = "mkdocs.yml"
MAX_BYTES = 1 << 20
# Settings that import code or read other files.
REFUSED_KEYS = {
    "INHERIT": "reads another configuration file",
    "hooks": "runs Python code from the repository",
    "watch": "is for `mkdocs serve` only",
}
PLUGINS = {"search"}  # Material's built-in search; no other plugin (the team guide; plugins run code)
# Markdown extensions that only transform text (a plugin-free site Zensical also reads). Others are
# refused: pymdownx.snippets, for one, pastes any file of the machine into a page.
EXTENSIONS = {
    "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "tables", "toc",
    "sane_lists", "smarty", "codehilite", "nl2br", "meta", "wikilinks", "legacy_attrs", "legacy_em",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite",
    "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.mark", "pymdownx.tilde", "pymdownx.caret",
    "pymdownx.keys", "pymdownx.betterem", "pymdownx.smartsymbols", "pymdownx.critic", "pymdownx.saneheaders",
}
TYPES: dict[str, tuple[type, ...]] = {
    "site_name": (str,), "site_description": (str,), "site_author": (str,), "site_url": (str,),
    "copyright": (str,), "use_directory_urls": (bool,), "theme": (str, dict), "extra": (dict,),
    "extra_css": (list,), "extra_javascript": (list,), "markdown_extensions": (list,), "plugins": (list, dict),
    "nav": (list,), "repo_url": (str,), "repo_name": (str,), "edit_uri": (str,), "strict": (bool,),
}


def _env(value: Any) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, as pyyaml_env_tag reads it for MkDocs."""
    names = list(value) if isinstance(value, list) else [value]
    default = names.pop() if len(names) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return default


def plain(value: Any) -> Any:
    """YDict/YList to plain dict/list (yaml.safe_dump writes only plain types)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _diag(data: YDict | YList | None, key: Any, message: str, hint: str) -> Diagnostic:
    line, col = (1, 1)
    if isinstance(data, YDict):
        line, col = data.key_pos.get(key, data.pos)
    elif isinstance(data, YList) and isinstance(key, int) and key < len(data.item_pos):
        line, col = data.item_pos[key]
    return Diagnostic(FILE, line, col, "SITE002", Severity.ERROR, message, hint)


def _names(items: YList) -> list[tuple[int, str | None]]:
    """(index, name) of each entry of a plugins or markdown_extensions list ('x' or {x: {...}})."""
    out = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            out.append((i, item))
        elif isinstance(item, dict) and len(item) == 1:
            out.append((i, str(next(iter(item)))))
        else:
            out.append((i, None))
    return out


def check(root: Path, base: YDict) -> list[Diagnostic]:
    out = []
    for key in base:
        if key in REFUSED_KEYS:
            out.append(_diag(base, key, f"'{key}' {REFUSED_KEYS[key]}; the handbook's mkdocs.yml may not use it",
                             f"Remove '{key}'."))
        elif key in TYPES and not isinstance(base[key], TYPES[key]):
            want = " or ".join({str: "text", dict: "a mapping", list: "a list", bool: "true/false"}[t]
                               for t in TYPES[key])
            out.append(_diag(base, key, f"'{key}' must be {want}, not {type(base[key]).__name__}",
                             "See the MkDocs configuration reference."))
    for key in ("extra_css", "extra_javascript"):
        if isinstance(base.get(key), list):
            for i, v in enumerate(base[key]):
                if not isinstance(v, str):
                    out.append(_diag(base[key], i, f"entries of '{key}' must be file names or URLs",
                                     "Write each entry as text."))
    exts = base.get("markdown_extensions")
    if isinstance(exts, YList):
        for i, name in _names(exts):
            if name is None or name.removeprefix("markdown.extensions.") not in EXTENSIONS:
                out.append(_diag(exts, i, f"the Markdown extension {name!r} is not allowed",
                                 f"Use only text extensions: {', '.join(sorted(EXTENSIONS))}."))
    plugins = base.get("plugins")
    if isinstance(plugins, YList):
        for i, name in _names(plugins):
            if name not in PLUGINS:
                out.append(_diag(plugins, i, f"the plugin {name!r} is not allowed (plugins run code)",
                                 "Use only Material's built-in search."))
    theme = base.get("theme")
    if isinstance(theme, YDict) and "custom_dir" in theme:
        why = safefiles.config_folder(root, theme["custom_dir"]) if isinstance(theme["custom_dir"], str) \
            else "it must be a folder name"
        if why:
            out.append(_diag(theme, "custom_dir", f"theme custom_dir: {why}",
                             "Keep template overrides in a folder inside the model."))
    return out


def read(root: Path) -> tuple[dict, list[Diagnostic]]:
    """The model's mkdocs.yml as plain data (empty when there is none), and its problems."""
    path = root / FILE
    if not path.exists() and not path.is_symlink():
        return {}, []
    refused = safefiles.problem(root, path)
    if refused is not None:
        return {}, [Diagnostic(FILE, 1, 1, refused.code, Severity.ERROR, refused.message, refused.hint)]
    doc = load_text(path, FILE, MAX_BYTES, tags={"!ENV": _env})
    if any(d.severity is Severity.ERROR for d in doc.diagnostics):  # the loader's findings, as the site stage's
        return {}, [Diagnostic(d.file, d.line, d.column, "SITE002", d.severity,
                               f"mkdocs.yml cannot be read: {d.message}", d.hint) for d in doc.diagnostics]
    if not isinstance(doc.data, YDict):
        return {}, [Diagnostic(FILE, 1, 1, "SITE002", Severity.ERROR, "mkdocs.yml is not a mapping",
                               "Write MkDocs settings as 'key: value' lines.")]
    problems = check(root, doc.data)
    if problems:
        return {}, problems
    base = plain(doc.data)
    if isinstance(base.get("theme"), dict) and "custom_dir" in base["theme"]:
        base["theme"]["custom_dir"] = str((root / base["theme"]["custom_dir"]).resolve())
    return base, []


def merge(base: dict, ours: dict) -> dict:
    """`ours` over `base`, mappings merged key by key, other values replaced (MkDocs' INHERIT rule)."""
    out = dict(base)
    for key, value in ours.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def key_position(root: Path, key: str) -> tuple[int, int]:
    """Where a top-level setting is in mkdocs.yml (for MkDocs' own 'Config value' errors), or 1:1."""
    path = root / FILE
    if safefiles.problem(root, path) is not None:
        return 1, 1
    doc = load_text(path, FILE, MAX_BYTES, tags={"!ENV": _env})
    if isinstance(doc.data, YDict):
        return doc.data.key_pos.get(key, (1, 1))
    return 1, 1
