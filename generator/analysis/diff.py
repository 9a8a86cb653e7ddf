"""What changed between two versions of the model, in the model's own terms (not a line diff).

Elements are matched by id (steps within their process), so a renamed step is one 'changed' with
the field `name`, never a removal plus an addition. The rules, in short:

- added / removed / changed: an id present only in the new / only in the old version / in both
  with different field values. Fields are compared per language (`name`, `name.sv`, ...); nested
  values are dotted (`deadline.within`, `rhythm.months`).
- moved: a step present in both versions whose place in the step order changed *relative to the
  other steps present in both*: the steps outside the longest common subsequence of the two orders
  (ties broken deterministically). Inserting or removing a step therefore moves nothing. A moved
  step's field `after` names the step before it, then and now.
- flows are compared on their own: (source, target) pairs added or removed, or a changed branch
  label. Flows from or to a removed step are left out (the removal says it all). Rewiring without
  reordering gives flow changes only.
- raci: one change per (process, step) row, one field per role whose letter changed (field = role
  id, label = role name). Rows of removed steps are left out.

Order: by collection (COLLECTIONS), then process, then position in the new version; removed
elements follow, in their old order. Values are display text: ids that point at other elements
(lane, responsible, ...) are shown by name, but compared by id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, is_dataclass
from typing import Any

from ..model import Element, LegalRef, Model, Process, Text

COLLECTIONS = ("processes", "steps", "flows", "raci", "roles", "organisations", "duties", "terms", "project")
OPS = ("added", "removed", "changed", "moved")
# Fields that are structure or bookkeeping, not values a reader would call changed.
SKIP = frozenset({"id", "origin", "field_origins", "flows", "steps", "cells", "process", "review"})
# Fields holding ids of other elements: shown by the element's name.
REFS = {"lane": "organisations", "organisation": "organisations", "deadline.from_step": "steps",
        "responsible": "roles", "participants": "roles", "see": "terms"}


@dataclass(frozen=True)
class FieldChange:
    field: str  # dotted field name; a role id for RACI rows; 'after' for moves; 'label' for flows
    old: str  # '' when there was no value
    new: str
    label: str = ""  # the display name behind `field` where it is an id (RACI: the role's name)


@dataclass(frozen=True)
class Change:
    collection: str  # one of COLLECTIONS
    id: str  # element id; a flow is 'source->target'
    op: str  # one of OPS
    fields: tuple[FieldChange, ...] = ()
    process: str | None = None  # for steps, flows and raci rows
    name: str = ""  # Finnish display name (the new one; the old one for removals); 'A → B' for flows


# ---------------------------------------------------------------- flattening values to text


def _summary(item: Any, lang: str) -> str:
    if isinstance(item, Text):
        return item.get(lang)
    if isinstance(item, LegalRef):
        out = item.label() + (f" ({item.title.get(lang)})" if item.title else "")
        return out + (f": {item.note.get(lang)}" if item.note else "")
    if is_dataclass(item):
        return ", ".join(v for v in _flat(item, lang).values() if v not in ("", "false"))
    return str(item)


def _flat(obj: Any, lang: str, prefix: str = "") -> dict[str, str]:
    """Field name -> text of one element's values in one language (Text falls back to Finnish)."""
    out: dict[str, str] = {}
    for f in fields(obj):
        if f.name in SKIP:
            continue
        key, value = prefix + f.name, getattr(obj, f.name)
        if value is None or value == ():
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, Text):
            out[key] = value.get(lang)
        elif isinstance(value, tuple):
            sep = ", " if all(isinstance(v, str | int) for v in value) else "; "
            out[key] = sep.join(_summary(v, lang) for v in value)
        elif is_dataclass(value):
            out.update(_flat(value, lang, key + "."))
        else:
            out[key] = str(value)
    return out


def values(obj: Any) -> dict[str, str]:
    """All comparable values: Finnish under the field name, other languages as `field.sv` where they differ."""
    out = _flat(obj, "fi")
    for lang in ("sv", "en"):
        out.update({f"{k}.{lang}": v for k, v in _flat(obj, lang).items() if v != out.get(k)})
    return out


class _Names:
    """Display names of one model's elements, for showing ids as names."""

    def __init__(self, model: Model) -> None:
        self.by_kind: dict[str, dict[str, str]] = {
            "organisations": {o.id: o.name.fi for o in model.organisations},
            "roles": {r.id: r.name.fi for r in model.roles},
            "terms": {t.id: t.term.fi for t in model.terms},
        }
        self.steps = {(p.id, s.id): s.name.fi for p in model.processes for s in p.steps}

    def show(self, key: str, text: str, process: str | None) -> str:
        kind = REFS.get(key)
        if kind is None or not text:
            return text
        if kind == "steps":
            return self.steps.get((process or "", text), text)
        return ", ".join(self.by_kind[kind].get(i, i) for i in text.split(", "))


def _field_changes(old: Any, new: Any, on: _Names, nn: _Names, process: str | None = None) -> tuple[FieldChange, ...]:
    a, b = values(old), values(new)
    keys = list(b) + [k for k in a if k not in b]
    return tuple(FieldChange(k, on.show(k, a.get(k, ""), process), nn.show(k, b.get(k, ""), process))
                 for k in keys if a.get(k, "") != b.get(k, ""))


def _name(item: Any) -> str:
    value = getattr(item, "name", None) or getattr(item, "term", None)
    return value.fi if isinstance(value, Text) else item.id


# ---------------------------------------------------------------- the diff


def _by_id(
    collection: str, old: Iterable[Element], new: Iterable[Element], on: _Names, nn: _Names,
    process: str | None = None,
) -> list[Change]:
    olds, news = {e.id: e for e in old}, {e.id: e for e in new}
    out = []
    for i, e in news.items():
        if i not in olds:
            out.append(Change(collection, i, "added", (), process, _name(e)))
        elif fc := _field_changes(olds[i], e, on, nn, process):
            out.append(Change(collection, i, "changed", fc, process, _name(e)))
    out += [Change(collection, i, "removed", (), process, _name(e)) for i, e in olds.items() if i not in news]
    return out


def _lcs(a: list[str], b: list[str]) -> set[str]:
    """Members of one longest common subsequence of a and b (deterministic)."""
    n, m = len(a), len(b)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            dp[i][j] = dp[i + 1][j + 1] + 1 if a[i] == b[j] else max(dp[i + 1][j], dp[i][j + 1])
    keep, i, j = set(), 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            keep.add(a[i])
            i, j = i + 1, j + 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    return keep


def _moves(old: Process, new: Process) -> list[Change]:
    old_ids, new_ids = [s.id for s in old.steps], [s.id for s in new.steps]
    common = set(old_ids) & set(new_ids)
    a, b = [i for i in old_ids if i in common], [i for i in new_ids if i in common]
    stay = _lcs(a, b)

    def before(proc: Process, ids: list[str], sid: str) -> str:
        k = ids.index(sid)
        return proc.steps[k - 1].name.fi if k else ""

    return [Change("steps", s.id, "moved", (FieldChange("after", before(old, old_ids, s.id),
                                                        before(new, new_ids, s.id)),), new.id, s.name.fi)
            for s in new.steps if s.id in common and s.id not in stay]


def _flow_changes(old: Process, new: Process) -> list[Change]:
    gone = {s.id for s in old.steps} - {s.id for s in new.steps}
    names = {s.id: s.name.fi for s in old.steps} | {s.id: s.name.fi for s in new.steps}
    olds = {(f.source, f.target): f for f in old.flows}
    news = {(f.source, f.target): f for f in new.flows}

    def label_values(f: Any) -> dict[str, str]:
        t = f.label if f is not None else None
        if t is None:
            return {}
        return {k: v for k, v in (("label", t.fi), ("label.sv", t.sv), ("label.en", t.en)) if v}

    out = []
    for key in [*news, *(k for k in olds if k not in news)]:
        if key[0] in gone or key[1] in gone:
            continue
        a, b = label_values(olds.get(key)), label_values(news.get(key))
        fc = tuple(FieldChange(k, a.get(k, ""), b.get(k, "")) for k in [*b, *(k for k in a if k not in b)]
                   if a.get(k, "") != b.get(k, ""))
        op = "added" if key not in olds else "removed" if key not in news else "changed" if fc else ""
        if op:
            if op == "removed":
                fc = tuple(FieldChange(k, v, "") for k, v in a.items())
            out.append(Change("flows", f"{key[0]}->{key[1]}", op, fc, new.id,
                              f"{names.get(key[0], key[0])} → {names.get(key[1], key[1])}"))
    return out


def _raci_changes(old: Model, new: Model, on: _Names, nn: _Names) -> list[Change]:
    steps = {(p.id, s.id): s.name.fi for p in new.processes for s in p.steps}
    role_order = {r.id: i for i, r in enumerate(new.roles)}
    olds = {(r.process, r.id): r.cells for r in old.raci}
    news = {(r.process, r.id): r.cells for r in new.raci}
    rows = sorted(set(olds) | set(news), key=lambda k: _raci_key(new, k))
    out = []
    for key in rows:
        if key not in steps:
            continue  # the step (or process) is gone: its removal says it all
        a, b = olds.get(key, {}), news.get(key, {})
        roles = sorted(set(a) | set(b), key=lambda r: (role_order.get(r, len(role_order)), r))
        fc = tuple(FieldChange(r, a.get(r, ""), b.get(r, ""), nn.by_kind["roles"].get(r)
                               or on.by_kind["roles"].get(r, r)) for r in roles if a.get(r, "") != b.get(r, ""))
        if fc:
            op = "added" if key not in olds else "removed" if key not in news else "changed"
            out.append(Change("raci", key[1], op, fc, key[0], steps[key]))
    return out


def _raci_key(model: Model, key: tuple[str, str]) -> tuple[int, int, str]:
    procs = [p.id for p in model.processes]
    p = model.process(key[0])
    steps = [s.id for s in p.steps] if p else []
    return (procs.index(key[0]) if key[0] in procs else len(procs),
            steps.index(key[1]) if key[1] in steps else len(steps), key[1])


def _position(old: Process, new: Process, step_id: str) -> int:
    """Index in the new order; removed steps after all others, in their old order."""
    ids = [s.id for s in new.steps]
    if step_id in ids:
        return ids.index(step_id)
    return len(ids) + [s.id for s in old.steps].index(step_id)


def diff_models(old: Model, new: Model) -> list[Change]:
    """Every change from `old` to `new`, in a fixed order (see the module docstring)."""
    on, nn = _Names(old), _Names(new)
    procs = _by_id("processes", old.processes, new.processes, on, nn)
    steps, flows = [], []
    for p in new.processes:
        q = old.process(p.id)
        if q is None:
            continue  # a new process: one 'added' says it
        steps += sorted(_by_id("steps", q.steps, p.steps, on, nn, p.id) + _moves(q, p),
                        key=lambda c, q=q, p=p: (_position(q, p, c.id), OPS.index(c.op)))
        flows += _flow_changes(q, p)
    out = procs + steps + flows + _raci_changes(old, new, on, nn)
    for name in ("roles", "organisations", "duties", "terms"):
        out += _by_id(name, getattr(old, name), getattr(new, name), on, nn)
    if fc := _field_changes(old.project, new.project, on, nn):
        out.append(Change("project", new.project.id, "changed", fc, None, new.project.name.fi))
    return out


# ---------------------------------------------------------------- reporters


def field_text(f: FieldChange) -> str:
    label = f" ({f.label})" if f.label else ""
    return f"{f.field}{label}: {f.old or '-'} -> {f.new or '-'}"


def format_text(changes: list[Change]) -> str:
    lines = []
    for c in changes:
        where = f"{c.process}/{c.id}" if c.process else c.id
        lines.append(f"{c.op} {c.collection} {where} ({c.name})")
        lines += [f"    {field_text(f)}" for f in c.fields]
    lines.append(f"{len(changes)} change(s)")
    return "\n".join(lines)


def format_json(changes: list[Change]) -> str:
    return json.dumps([asdict(c) for c in changes], ensure_ascii=False, indent=2)
