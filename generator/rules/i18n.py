"""Translations: a Swedish (or other) text made from a Finnish text that has changed since."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Severity
from ..model import Model
from ..translate import units
from .registry import Finding, rule


@rule("I18N001", "current-translations", Severity.WARNING)
def current_translations(model: Model) -> Iterable[Finding]:
    """A translation was made from an earlier Finnish text (the catalogue's msgid differs from the
    text now, or `typ i18n extract` marked it fuzzy): it is shown marked 'possibly outdated'."""
    for u in units(model):
        for lang in u.text.stale:
            yield Finding(u.origin, f"the {lang} translation of {u.key} may be outdated: the Finnish text changed "
                          "after it was translated",
                          f"Run `typ i18n extract --lang {lang}`, check the entry (marked fuzzy) in "
                          f"translations/{lang}.po, correct it and remove the fuzzy flag, then `typ i18n merge`.")
