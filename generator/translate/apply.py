"""Put the catalogues' translations into the model, and say for each text how it stands.

For one unit (Finnish `fi`, inline translation from the YAML, catalogue entry under its key):
1. the YAML has one inline (`{fi: ..., sv: ...}`): it wins, as what the author wrote beside the
   Finnish; stale when the catalogue recorded this very translation against another Finnish text
   (an author who changes both at once is not warned; one who changes only the Finnish is);
2. the catalogue has the key with this very Finnish: its translation;
3. the catalogue has the same Finnish in the same field at another list position (an item was
   inserted before it): that;
4. the catalogue has the key with another Finnish that is no longer anywhere in the model: the old
   translation, marked possibly outdated (a text that changed, not one that moved). Not for a text
   a region's overlay replaced, unless the region's own catalogue has it: the national translation
   is of the national text, not the local one;
5. otherwise none: the page shows the Finnish, marked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Model, Origin, Text
from .catalogue import Catalogue
from .units import Unit, rewrite, units

TRANSLATED, STALE, MISSING = "translated", "stale", "missing"


@dataclass(frozen=True)
class State:
    unit: Unit
    state: str
    tracked: bool = True  # False: an inline translation no catalogue records the source of
    source: str | None = None  # for a stale one: the Finnish it was made from
    value: str | None = None  # the translation shown (None: missing)


def _resolve(text: Text, key: str, lang: str, cat: Catalogue, current: set[str],
             local: bool = False) -> tuple[str | None, str, bool, str | None]:
    fi, inline, entry = text.fi, getattr(text, lang), cat.by_key.get(key)
    if inline:
        recorded = entry is not None and entry.text == inline
        if recorded and (entry.source != fi or entry.fuzzy):
            return inline, STALE, True, entry.source
        return inline, TRANSLATED, recorded, None
    if entry is not None and entry.source == fi and not entry.fuzzy:
        return entry.text, TRANSLATED, True, None
    if (moved := cat.moved(key, fi)) is not None:
        return moved, TRANSLATED, True, None
    if entry is not None and (entry.fuzzy or entry.source not in current) and (entry.local or not local):
        return entry.text, STALE, True, entry.source
    return None, MISSING, True, None


def translate(model: Model, lang: str, cat: Catalogue) -> tuple[Model, list[State]]:
    """The model with `lang` translations from the catalogue, and every unit's state in `lang`."""
    current = {u.text.fi for u in units(model)}
    states: dict[str, State] = {}

    def fn(text: Text, kind: str, key: str, origin: Origin) -> Text | None:
        if not text.fi.strip():
            return None
        value, state, tracked, source = _resolve(text, key, lang, cat, current, origin.local)
        states.setdefault(key, State(Unit(key, kind, text, origin), state, tracked, source, value))
        stale = tuple(x for x in text.stale if x != lang) + ((lang,) if state == STALE else ())
        if value == getattr(text, lang) and stale == text.stale:
            return None
        return replace(text, **{lang: value}, stale=stale)

    return rewrite(model, fn), list(states.values())
