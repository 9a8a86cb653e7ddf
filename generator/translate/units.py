"""Every text of a model that people read, as a translation unit with a stable key and its source.

The walk is generic over the model's dataclasses: any `Text` field is a unit, except steering-group
notes (`review`, never rendered) and link templates (`law_url`). A unit's key (the msgctxt of its
catalogue entry) is `kind/id.../field`: the nearest element's class ("step"), the ids from the model
down to it ("asiakasprosessi/ohjaus"), and the field path below it, list items by their own id when
they have one and by position otherwise ("legal_basis.0.note", "records.1.values.kyllä.name").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, is_dataclass, replace

from ..model import UNKNOWN, Element, Model, Origin, Text

SKIP = {"review", "law_url", "synonyms", "field_origins", "origin", "cells"}


@dataclass(frozen=True)
class Unit:
    key: str  # kind/id.../field
    kind: str  # the element's kind: step, role, duty, term, ...
    text: Text
    origin: Origin  # where the Finnish source is


def _kind(obj: object) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(obj).__name__).lower()


def _origin_of(obj: object, top_field: str | None, fallback: Origin) -> Origin:
    if isinstance(obj, Element) and top_field is not None:
        return obj.at(top_field)
    o = getattr(obj, "origin", None)
    return o if isinstance(o, Origin) and o is not UNKNOWN else fallback


def _item_key(item: object, index: int) -> str:
    ident = getattr(item, "id", None)
    return ident if isinstance(ident, str) and ident else str(index)


def _walk(obj: object, fn: Callable[[Text, str, str, Origin], Text | None], ids: tuple[str, ...], kind: str,
          path: tuple[str, ...], owner: object, top: str | None, origin: Origin) -> object:
    """`obj` with every Text replaced by fn(text, kind, key, origin) (None: keep), rebuilt only where changed."""
    if isinstance(obj, Text):
        where = obj.where or _origin_of(owner, top, origin)
        new = fn(obj, kind, "/".join((kind, *ids, ".".join(path))), where)
        return obj if new is None else new
    if isinstance(obj, tuple):
        items = [_walk(x, fn, ids, kind, (*path, _item_key(x, i)), owner, top, origin) for i, x in enumerate(obj)]
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else tuple(items)
    if not is_dataclass(obj) or isinstance(obj, type):
        return obj
    if isinstance(obj, Element):
        ids, kind, path, owner, top = (*ids, obj.id), _kind(obj), (), obj, None
        origin = obj.origin
    changes = {}
    for f in fields(obj):
        if f.name in SKIP or not f.init:
            continue
        value = getattr(obj, f.name)
        if value is None or isinstance(value, (str, int, float, bool)):
            continue
        new = _walk(value, fn, ids, kind, (*path, f.name), owner, top if top is not None else f.name, origin)
        if new is not value:
            changes[f.name] = new
    return replace(obj, **changes) if changes else obj


_COLLECTIONS = ("project", "region", "networks", "deviations", "processes", "organisations", "roles", "raci",
                "duties", "terms", "documents", "criteria_lists", "criteria", "cases", "case_sets", "codelists")


def rewrite(model: Model, fn: Callable[[Text, str, str, Origin], Text | None]) -> Model:
    """The model with every readable text passed through fn(text, kind, key, origin)."""
    changes = {}
    for name in _COLLECTIONS:
        value = getattr(model, name)
        if value is None:
            continue
        kind = {"case_sets": "case_set", "networks": "network", "deviations": "deviation"}.get(name, name)
        new = _walk(value, fn, (), kind, (), None, None, UNKNOWN)
        if new is not value:
            changes[name] = new
    return replace(model, **changes) if changes else model


def units(model: Model) -> Iterator[Unit]:
    """Every readable text of the model, in model order."""
    found: list[Unit] = []

    def collect(text: Text, kind: str, key: str, origin: Origin) -> None:
        if text.fi.strip():
            found.append(Unit(key, kind, text, origin))

    rewrite(model, collect)
    seen: set[str] = set()
    for u in found:  # a key twice (ids repeated across a list) keeps the first: rule IDS reports the repeat
        if u.key not in seen:
            seen.add(u.key)
            yield u
