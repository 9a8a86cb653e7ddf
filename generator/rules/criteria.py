"""Criteria, client stories and code lists fit together: every reference resolves, every criterion is
illustrated by a story or says it is not, statuses carry what they promise."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Severity
from ..model import Model, Origin
from .registry import Finding, rule, unknown


@rule("CRIT001", "known-criteria")
def known_criteria(model: Model) -> Iterable[Finding]:
    """A story's factor, and a criterion's 'related', name criteria that exist."""
    ids = {c.id for c in model.criteria}
    for case in model.cases:
        for f in case.factors:
            if f.criterion is not None and f.criterion not in ids:
                yield unknown("criterion", f.criterion, ids, f.criterion_origin or case.origin)
    for c in model.criteria:
        for r in c.related:
            if r not in ids:
                yield unknown("criterion", r, ids, c.at("related"))


@rule("CRIT002", "criterion-illustrated", Severity.WARNING)
def criterion_illustrated(model: Model) -> Iterable[Finding]:
    """Every criterion is used by a client story, or says `illustrated: false`; one that says so while a
    story uses it is out of date."""
    used = {f.criterion for case in model.cases for f in case.factors}
    for c in model.criteria:
        if c.id not in used and c.illustrated is not False:
            yield Finding(c.origin, f"criterion '{c.id}' is not illustrated by any client story",
                          "Link a story's factor to it (criterion: " + c.id + "), or add 'illustrated: false'.")
        elif c.id in used and c.illustrated is False:
            stories = ", ".join(case.id for case in model.cases if any(f.criterion == c.id for f in case.factors))
            yield Finding(c.at("illustrated"), f"criterion '{c.id}' says illustrated: false, but {stories} use it",
                          "Remove 'illustrated: false'.")


@rule("CRIT003", "known-lists")
def known_lists(model: Model) -> Iterable[Finding]:
    """Criteria belong to, and steps show as checklists, criteria lists that exist."""
    lists = {lst.id for lst in model.criteria_lists}
    for c in model.criteria:
        if c.list not in lists:
            yield unknown("criteria list", c.list, lists, c.at("list"))
    for p in model.processes:
        for s in p.steps:
            for lst in s.criteria:
                if lst not in lists:
                    yield unknown("criteria list", lst, lists, s.at("criteria"))


@rule("CRIT004", "status-backed")
def status_backed(model: Model) -> Iterable[Finding]:
    """A statutory criterion names its legal basis; only a region marks a criterion 'agreed-differently',
    and it says why (the reason shows on its deviations page)."""
    reasons = {d.id: d.reason for d in model.deviations if d.collection == "criteria"}
    for c in model.criteria:
        if c.status == "statutory" and not c.legal_basis:
            yield Finding(c.at("status"), f"criterion '{c.id}' is statutory but has no legal_basis",
                          "Add legal_basis: [{act: '381/2023', section: '3', subsection: '2'}], or change the status.")
        if c.status == "agreed-differently":
            if not c.at("status").local:
                yield Finding(c.at("status"), f"criterion '{c.id}': only a region can mark it agreed-differently",
                              "Use statutory, agreed or under-discussion in the national model.")
            elif not reasons.get(c.id):
                yield Finding(c.at("status"), f"criterion '{c.id}' is agreed differently here without a reason",
                              "Add 'reason:' to the change: it shows on the deviations page.")


@rule("CRIT005", "known-sources")
def known_sources(model: Model) -> Iterable[Finding]:
    """Sources name documents that exist; end reasons name values of a code list."""
    docs = {d.id for d in model.documents}
    sources = [(c.source, c.origin) for c in model.criteria] + [(cs.source, None) for cs in model.case_sets]
    sources += [(v.source, v.origin) for cl in model.codelists for v in cl.values]
    for src, origin in sources:
        if src is not None and src.document not in docs:
            yield unknown("document", src.document, docs, src.origin or origin)
    values = {v.id for cl in model.codelists for v in cl.values}
    for c in model.criteria:
        for r in c.end_reasons:
            if r not in values:
                yield unknown("code value (end_reasons)", r, values, c.at("end_reasons"))


@rule("CRIT006", "unique-criteria-ids")
def unique_ids(model: Model) -> Iterable[Finding]:
    """Criteria, lists, stories, documents and code lists each have unique ids, and so do a code list's values."""
    groups = [("criterion", model.criteria), ("criteria list", model.criteria_lists), ("client story", model.cases),
              ("document", model.documents), ("code list", model.codelists)]
    for kind, items in groups:
        seen: dict[str, Origin] = {}
        for item in items:
            if item.id in seen:
                first = seen[item.id]
                yield Finding(item.origin, f"duplicate {kind} id '{item.id}' (first at {first.file}:{first.line})",
                              "Give each one its own id.")
            else:
                seen[item.id] = item.origin
    for cl in model.codelists:
        seen_values: set[str] = set()
        for v in cl.values:
            if v.id in seen_values:
                yield Finding(v.origin or cl.origin, f"code list '{cl.id}' has the value '{v.id}' twice",
                              "Give each value its own id.")
            seen_values.add(v.id)


@rule("CODE001", "known-codelists")
def known_codelists(model: Model) -> Iterable[Finding]:
    """A record names a code list that exists; a code list marked 'mapped' gives every value its system_code."""
    ids = {cl.id for cl in model.codelists}
    for p in model.processes:
        for s in p.steps:
            for r in s.records:
                if r.codelist is not None and r.codelist not in ids:
                    yield unknown("code list", r.codelist, ids, r.at("codelist"))
    for cl in model.codelists:
        if cl.status == "mapped":
            for v in cl.values:
                if not v.system_code:
                    yield Finding(v.origin or cl.origin,
                                  f"code list '{cl.id}' is mapped but '{v.id}' has no system_code",
                                  "Add system_code: <the system's code>, or set status: illustrative.")


@rule("LANG002", "translated-criteria", Severity.WARNING)
def translated_criteria(model: Model) -> Iterable[Finding]:
    """Criteria, story factors and code values exist in every language the project lists."""
    for lang in model.project.languages[1:]:
        for c in model.criteria:
            if not c.local and not c.text.has(lang):
                yield Finding(c.at("text"), f"criterion '{c.id}' has no text in '{lang}'",
                              f"Write the text as {{fi: ..., {lang}: ...}}.")
        for case in model.cases:
            for f in case.factors:
                if not case.local and not f.text.has(lang):
                    yield Finding(f.origin or case.origin, f"a factor of '{case.id}' has no text in '{lang}'",
                                  f"Write the text as {{fi: ..., {lang}: ...}}.")
        for cl in model.codelists:
            for v in cl.values:
                if not cl.local and not v.name.has(lang):
                    yield Finding(v.origin or cl.origin, f"code value '{v.id}' has no name in '{lang}'",
                                  f"Write the name as {{fi: ..., {lang}: ...}}.")
