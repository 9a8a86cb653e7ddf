"""The translation stage (model -> translated model): model texts in other languages than Finnish.

Finnish is the source. A text's translation comes from the YAML (`{fi: ..., sv: ...}`) or from the
language's PO catalogue (catalogue.py); apply.py decides which, and whether it was made from the
Finnish text as it is now (else it is stale: shown, but marked possibly outdated, and rule I18N001
warns). units.py names every text with a stable key, the catalogue entries' msgctxt.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import Model
from .apply import MISSING, STALE, TRANSLATED, State, translate
from .catalogue import Catalogue, path_for, read
from .units import Unit, units

__all__ = ["MISSING", "STALE", "TRANSLATED", "Catalogue", "State", "Unit", "load", "path_for", "translate_all",
           "units"]


def load(root: Path, lang: str, region_folder: Path | None = None) -> tuple[Catalogue, list[Diagnostic]]:
    """The national catalogue for `lang`, with the region's entries over it."""
    cat, diags = read(root, path_for(root, lang))
    if region_folder is not None:
        cat, more = read(root, path_for(root, lang, region_folder), cat, local=True)
        diags += more
    return cat, diags


def translate_all(root: Path, model: Model, langs: tuple[str, ...],
                  region_folder: Path | None = None) -> tuple[Model, dict[str, list[State]], list[Diagnostic]]:
    states, diags = {}, []
    for lang in langs:
        if lang == "fi":
            continue
        cat, more = load(root, lang, region_folder)
        diags += more
        model, states[lang] = translate(model, lang, cat)
    return model, states, diags
