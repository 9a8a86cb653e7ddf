"""Indicators are derived from what the process records, and every statistics duty names them."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Severity
from ..model import Interval, Model, Origin
from ..model.calendar import duty_months
from ..model.durations import parse as parse_duration
from .ids import duplicate_ids
from .registry import Finding, rule, unknown


def _known_records(model: Model) -> set[str]:
    return {r.id for p in model.processes for s in p.steps for r in s.records if r.id}


@rule("IND001", "indicator-inputs-recorded")
def inputs_recorded(model: Model) -> Iterable[Finding]:
    """Every record an indicator counts is recorded at some step of a process."""
    known = _known_records(model)
    for ind in model.indicators:
        for ref, origin in ind.record_refs():
            if ref not in known:
                f = unknown("record", ref, known, origin)
                yield Finding(origin, f"indicator '{ind.id}' counts record '{ref}', which no process step records",
                              f.hint + " Add the record (with 'id:') to the step where it is made.")


def _type_problem(model: Model, ref: str, want: str, origin: Origin, ind: str) -> Finding | None:
    found = model.record(ref)
    if found is None or found[2].type == want:
        return None
    _, step, rec = found
    return Finding(origin, f"indicator '{ind}': record '{ref}' (step '{step.id}') is of type {rec.type or 'unknown'}, "
                   f"not {want}", f"Name a record of type {want}, or give '{ref}' 'type: {want}'.")


@rule("IND002", "indicator-record-types")
def record_types(model: Model) -> Iterable[Finding]:
    """An interval runs between two date records and 'at_most' is an ISO 8601 duration; a distribution,
    and a condition on codes, read a code record, and the values named are values of its code list."""
    for ind in model.indicators:
        intervals: list[Interval] = [p.interval for p in (ind.numerator, ind.denominator) if p and p.interval]
        intervals += [ind.duration] if ind.duration else []
        checks: list[tuple[str, str, Origin]] = []
        for iv in intervals:
            checks += [(iv.from_record, "date", iv.at("from")), (iv.to_record, "date", iv.at("to"))]
            if iv.at_most and iv.duration is None and parse_duration(iv.at_most) is None:
                yield Finding(iv.at("at_most"), f"indicator '{ind.id}': '{iv.at_most}' is not an ISO 8601 duration",
                              "Write e.g. P3M (3 months), P2W (2 weeks), P10D (10 days).")
        if ind.by:
            checks.append((ind.by, "code", ind.at("by")))
        for pop in (ind.numerator, ind.denominator):
            if pop is None or not pop.code_record:
                continue
            checks.append((pop.code_record, "code", pop.at("codes.record")))
            found = model.record(pop.code_record)
            cl = model.codelist(found[2].codelist) if found and found[2].codelist else None
            if cl is not None:
                ids = {v.id for v in cl.values}
                for i, v in enumerate(pop.code_values):
                    if v not in ids:
                        yield unknown(f"value of code list '{cl.id}'", v, ids, pop.at(f"codes.values.{i}"))
        for ref, want, origin in checks:
            problem = _type_problem(model, ref, want, origin, ind.id)
            if problem is not None:
                yield problem


@rule("IND003", "statistics-duties-name-indicators")
def statistics_duties(model: Model) -> Iterable[Finding]:
    """A duty that reviews statistics names the indicators it reviews, and they exist."""
    ids = {i.id for i in model.indicators}
    for d in model.duties:
        if d.statistics and not d.indicators:
            yield Finding(d.at("statistics"), f"duty '{d.id}' reviews statistics but names no indicators",
                          "Add 'indicators: [<id>, ...]' with the indicators (indicators/) it reviews.")
        for i, ref in enumerate(d.indicators):
            if ref not in ids:
                yield unknown("indicator", ref, ids, d.at(f"indicators.{i}"))


@rule("IND004", "indicator-reviewed", Severity.WARNING)
def indicator_reviewed(model: Model) -> Iterable[Finding]:
    """Every indicator is reviewed by a duty in the calendar (the duty lists it under 'indicators')."""
    reviewed = {i for d in model.duties for i in d.indicators}
    for ind in model.indicators:
        if ind.id not in reviewed:
            yield Finding(ind.at("id"), f"no duty in the calendar reviews indicator '{ind.id}'",
                          "Add it to the 'indicators:' of the duty that reviews statistics (e.g. a quarterly "
                          "statistics review).")


_PER_YEAR = {"monthly": 12, "quarterly": 4, "yearly": 1}


@rule("IND006", "indicator-reviewed-as-often", Severity.WARNING)
def reviewed_as_often(model: Model) -> Iterable[Finding]:
    """The duties that review an indicator meet at least as often as it is compiled: a quarterly figure
    reviewed once a year leaves three of its quarters unseen."""
    for ind in model.indicators:
        duties = [d for d in model.duties if ind.id in d.indicators]
        wanted = _PER_YEAR.get(ind.frequency)
        if not duties or wanted is None:
            continue  # IND004 and the schema report those
        months = sorted({m for d in duties for m in duty_months(d.rhythm)[0]})
        if len(months) < wanted:
            names = ", ".join(f"'{d.id}'" for d in duties)
            yield Finding(ind.at("frequency"), f"indicator '{ind.id}' is compiled {ind.frequency} ({wanted} times a "
                          f"year), but {names} review it in {len(months)} month(s) a year "
                          f"({', '.join(map(str, months)) or 'none'})",
                          "Make 'frequency' match how often it is reviewed, or add months to the reviewing duty's "
                          "rhythm.")


@rule("IND005", "unique-indicator-ids")
def unique_indicator_ids(model: Model) -> Iterable[Finding]:
    """Indicator ids are unique; an indicator's source names a document that exists."""
    yield from duplicate_ids("indicator", model.indicators, "Give each indicator its own id.")
    docs = {d.id for d in model.documents}
    for ind in model.indicators:
        if ind.source is not None and ind.source.document not in docs:
            yield unknown("document", ind.source.document, docs, ind.source.origin or ind.origin)


@rule("LANG003", "translated-records", Severity.WARNING)
def translated(model: Model) -> Iterable[Finding]:
    """National records and indicators exist in every language the project lists."""
    for lang in model.project.languages[1:]:
        for p in model.processes:
            for s in p.steps:
                for r in s.records:
                    for name, value in (("what", r.what), ("field", r.system_field), ("when", r.when)):
                        if value is not None and not r.origin.local and not value.has(lang):
                            yield Finding(r.at(name), f"a record of step '{s.id}' has no '{name}' in '{lang}'",
                                          f"Write it as {{fi: ..., {lang}: ...}}.")
        for ind in model.indicators:
            for name, value in (("name", ind.name), ("definition", ind.definition)):
                if not ind.local and not value.has(lang):
                    yield Finding(ind.at(name), f"indicator '{ind.id}' has no {name} in '{lang}'",
                                  f"Write it as {{fi: ..., {lang}: ...}}.")
