"""The model stage: typed, frozen model objects built from schema-checked, overlaid documents."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from ..load.sources import RawModel
from ..load.yaml import YDict, YList, origin_of
from .types import (
    NATIONAL,
    UNKNOWN,
    Accessibility,
    AccessibilityGap,
    Case,
    CaseSet,
    Checklist,
    CodeList,
    CodeValue,
    Contact,
    CriteriaList,
    Criterion,
    Deadline,
    Deviation,
    Document,
    Duty,
    Factor,
    Flow,
    Indicator,
    Interval,
    Joint,
    LegalRef,
    Model,
    Organisation,
    Origin,
    Population,
    Process,
    Project,
    RaciRow,
    Record,
    RecordValue,
    Region,
    Rhythm,
    Role,
    Service,
    Source,
    Step,
    StepRef,
    Supervisor,
    Term,
    Text,
)


def _origin(node: Any, key: Any = None) -> Origin:
    file, line, col = origin_of(node, key)
    layer = getattr(node, "layer", NATIONAL)
    if key is not None and isinstance(node, YDict):
        layer = node.val_layer.get(key, layer)
    return Origin(file, line, col, layer)


def _field_origins(node: YDict) -> Mapping[str, Origin]:
    return MappingProxyType({k: _origin(node, k) for k in node})


def _with_items(node: YDict, *keys: str) -> dict[str, Origin]:
    """Field origins plus one per item of the list fields `keys` ('roles.0'), for rules that point at an item."""
    out = dict(_field_origins(node))
    for key in keys:
        items = node.get(key)
        if isinstance(items, YList):
            out.update({f"{key}.{i}": _origin(items, i) for i in range(len(items))})
    return out


def text(value: Any) -> Text | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Text(value)
    return Text(value["fi"], value.get("sv"), value.get("en"), where=_origin(value))


def _at(node: Any, key: str) -> Text | None:
    """The text at node[key], knowing where it is written (for a translation's stale warning)."""
    t = text(node.get(key)) if isinstance(node, dict) else None
    return replace(t, where=_origin(node, key)) if t is not None else None


def _texts(values: Any) -> tuple[Text, ...]:
    return tuple(replace(text(v), where=_origin(values, i)) for i, v in enumerate(values or ()))


def _legal(values: Any) -> tuple[LegalRef, ...]:
    return tuple(LegalRef(v["act"], v.get("section"), _at(v, "title"), _at(v, "note"),
                          v.get("subsection"), v.get("point"), v.get("amended_by"), _at(v, "review"))
                 for v in values or ())


def _contacts(values: Any) -> tuple[Contact, ...]:
    return tuple(Contact(v["name"], _at(v, "title"), v.get("phone"), v.get("email"),
                         _at(v, "note")) for v in values or ())


def _services(values: Any) -> tuple[Service, ...]:
    return tuple(Service(_at(v, "name"), _at(v, "description"), v.get("url")) for v in values or ())


def _flows(step: YDict) -> tuple[Flow, ...]:
    out = []
    nxt = step.get("next") or YList()
    for i, f in enumerate(nxt):
        target, label = (f, None) if isinstance(f, str) else (f["to"], _at(f, "label"))
        out.append(Flow(step["id"], target, label, _origin(nxt, i) if isinstance(nxt, YList) else UNKNOWN))
    return tuple(out)


def build_record(r: YDict, step_origin: Origin) -> Record:
    values = tuple(RecordValue(v["id"], _at(v, "name"), _at(v, "description"), bool(v.get("avoid")))
                   for v in r.get("values") or ())
    # A record a region wrote (in a local step, or a step's records it replaced) is local.
    origin = _origin(r) if isinstance(r, YDict) else step_origin
    if step_origin.local:
        origin = replace(origin, layer=step_origin.layer)
    origins = ({k: replace(o, layer=origin.layer) for k, o in _with_items(r, "roles").items()}
               if isinstance(r, YDict) else {})
    return Record(_at(r, "what"), _at(r, "system"), values, r.get("codelist"), id=r.get("id"),
                  type=r.get("type"), mandatory=bool(r.get("mandatory")), proposed=bool(r.get("proposed")),
                  system_field=_at(r, "field"), field_mapped=r.get("field_status") == "mapped",
                  roles=tuple(r.get("roles") or ()), when=_at(r, "when"), legal_basis=_legal(r.get("legal_basis")),
                  origin=origin, field_origins=MappingProxyType(origins), review=text(r.get("review")))


def build_step(d: YDict) -> Step:
    dl = d.get("deadline")
    records_origin = _origin(d, "records") if "records" in d else _origin(d)
    if _origin(d).local:
        records_origin = replace(records_origin, layer=_origin(d).layer)
    records = tuple(build_record(r, records_origin) for r in d.get("records") or ())
    return Step(
        id=d["id"], origin=_origin(d), field_origins=_field_origins(d),
        type=d["type"], name=_at(d, "name"), lane=d["lane"], description=_at(d, "description"),
        flows=_flows(d),
        deadline=Deadline(dl["within"], dl["from"], bool(dl.get("repeat")), _at(dl, "text")) if dl else None,
        legal_basis=_legal(d.get("legal_basis")), statutory=bool(d.get("statutory")),
        locked=bool(d.get("locked")), records=records, inputs=_texts(d.get("inputs")),
        outputs=_texts(d.get("outputs")),
        checklists=tuple(Checklist(_at(c, "title"), _texts(c["items"])) for c in d.get("checklists") or ()),
        contacts=_contacts(d.get("contacts")), services=_services(d.get("services")), note=_at(d, "note"),
        criteria=tuple(d.get("criteria") or ()), network_contacts=bool(d.get("network_contacts")),
        review=_at(d, "review"),
    )


def build_process(d: YDict) -> Process:
    return Process(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=_at(d, "name"),
                   description=_at(d, "description"), legal_basis=_legal(d.get("legal_basis")),
                   steps=tuple(build_step(s) for s in d["steps"]), review=_at(d, "review"))


def build_organisation(d: YDict) -> Organisation:
    return Organisation(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=_at(d, "name"),
                        short=_at(d, "short"), description=_at(d, "description"),
                        url=d.get("url"), locked=bool(d.get("locked")), contacts=_contacts(d.get("contacts")),
                        note=_at(d, "note"), review=_at(d, "review"))


def build_role(d: YDict) -> Role:
    return Role(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=_at(d, "name"),
                organisation=d["organisation"], description=_at(d, "description"),
                statutory=bool(d.get("statutory")), legal_basis=_legal(d.get("legal_basis")),
                locked=bool(d.get("locked")), contacts=_contacts(d.get("contacts")),
                services=_services(d.get("services")), note=_at(d, "note"), review=_at(d, "review"))


def build_raci_row(process: str, d: YDict) -> RaciRow:
    cells: YDict = d["roles"]
    # A cell is named by its role: point at the role id (the key), where a misspelling would be.
    origins = {k: Origin(cells.val_file.get(k, cells.file), *cells.key_pos.get(k, cells.pos),
                         cells.val_layer.get(k, cells.layer)) for k in cells}
    j = d.get("joint")
    joint = Joint(j["kind"], _legal(j.get("legal_basis"))) if j else None
    return RaciRow(id=d["step"], origin=_origin(d), field_origins=MappingProxyType(origins),
                   process=process, cells=MappingProxyType(dict(cells)), joint=joint,
                   review=_at(j, "review") if j else None)


def build_duty(d: YDict) -> Duty:
    r = d["rhythm"]
    rhythm = Rhythm(tuple(r.get("months") or ()), int(r.get("day", 1)), r.get("rrule"), r.get("start"),
                    _at(r, "text"))
    # Where each part of the rhythm is, for rules (CAL001 at the rrule itself). Marked national so that
    # they never count as fields a region changed (that is "rhythm" itself).
    where = {f"rhythm.{k}": Origin(*origin_of(r, k)) for k in r} if isinstance(r, YDict) else {}
    origins = MappingProxyType({**_with_items(d, "indicators"), **where})
    return Duty(id=d["id"], origin=_origin(d), field_origins=origins,
                name=_at(d, "name"),
                description=_at(d, "description"), responsible=d["responsible"],
                participants=tuple(d.get("participants") or ()), rhythm=rhythm,
                statutory=bool(d.get("statutory")), legal_basis=_legal(d.get("legal_basis")),
                locked=bool(d.get("locked")), contacts=_contacts(d.get("contacts")), note=_at(d, "note"),
                review=_at(d, "review"),
                step=StepRef(d["step"]["process"], d["step"]["step"]) if d.get("step") else None,
                statistics=bool(d.get("statistics")), indicators=tuple(d.get("indicators") or ()))


def build_term(d: YDict) -> Term:
    return Term(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), term=_at(d, "term"),
                definition=_at(d, "definition"), legal_basis=_legal(d.get("legal_basis")),
                see=tuple(d.get("see") or ()), review=_at(d, "review"),
                synonyms=tuple((lang, tuple(words)) for lang, words in sorted((d.get("synonyms") or {}).items())))


def _accessibility(d: YDict | None) -> Accessibility | None:
    if d is None:
        return None
    sup = d.get("supervisor")
    supervisor = Supervisor(_at(sup, "name"), sup.get("url"), _legal(sup.get("legal_basis")),
                            _at(sup, "review")) if sup is not None else None
    gaps = tuple(AccessibilityGap(_at(g, "what"), _at(g, "reason"), _at(g, "alternative"))
                 for g in d.get("gaps") or ())
    feedback = _contacts([d["feedback"]])[0] if d.get("feedback") is not None else None
    return Accessibility(assessed=str(d.get("assessed") or ""), status=str(d.get("status") or ""),
                         method=_at(d, "method"), gaps=gaps, feedback=feedback, supervisor=supervisor,
                         origin=_origin(d))


def build_project(d: YDict) -> Project:
    return Project(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=_at(d, "name"),
                   description=_at(d, "description"), version=str(d["version"]),
                   languages=tuple(d.get("languages") or ("fi",)), law_url=_at(d, "law_url"),
                   accessibility=_accessibility(d.get("accessibility")))


def build_region(d: YDict) -> Region:
    return Region(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=_at(d, "name"),
                  area=_at(d, "area"), municipalities=tuple(d.get("municipalities") or ()),
                  description=_at(d, "description"), based_on=str(d["based_on"]),
                  contacts=_contacts(d.get("contacts")), languages=tuple(d.get("languages") or ("fi",)),
                  feedback=_contacts([d["accessibility_feedback"]])[0] if d.get("accessibility_feedback") else None)



# ---------------------------------------------------------------- criteria, stories, code lists


def _source(node: Any) -> Source | None:
    if node is None:
        return None
    return Source(node["document"], node.get("page"), node.get("quote"), _origin(node))


def build_document(d: YDict) -> Document:
    return Document(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=_at(d, "name"),
                    url=d.get("url"), note=_at(d, "note"))


def build_list(d: YDict) -> CriteriaList:
    return CriteriaList(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=_at(d, "name"),
                        phase=d.get("phase"))


def build_criterion(d: YDict) -> Criterion:
    return Criterion(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), list=d["list"],
                     status=d["status"], text=_at(d, "text"), source=_source(d.get("source")),
                     legal_basis=_legal(d.get("legal_basis")), note=_at(d, "note"),
                     end_reasons=tuple(d.get("end_reasons") or ()), related=tuple(d.get("related") or ()),
                     illustrated=d.get("illustrated"))


def _factor(f: YDict) -> Factor:
    return Factor(_at(f, "text"), f.get("criterion"), _at(f, "no_criterion"), _origin(f),
                  _origin(f, "criterion") if "criterion" in f else None)


def build_case(d: YDict) -> Case:
    return Case(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), person=d["person"],
                age=d.get("age"), version=d["version"], story=d.get("story"), agreement=d.get("agreement"),
                factors=tuple(_factor(f) for f in d["factors"]))


def build_case_set(d: YDict) -> CaseSet:
    return CaseSet(_at(d, "caveat"), _at(d, "agreement"), _source(d.get("source")))


def build_codelist(d: YDict) -> CodeList:
    values = tuple(CodeValue(v["id"], _at(v, "name"), _at(v, "definition"), v.get("system_code"),
                             bool(v.get("avoid")), bool(v.get("proposed")), _source(v.get("source")), _origin(v))
                   for v in d["values"])
    return CodeList(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=_at(d, "name"),
                    description=_at(d, "description"), system=_at(d, "system"),
                    status=d["status"], legal_basis=_legal(d.get("legal_basis")), values=values)


def _interval(node: Any) -> Interval | None:
    if node is None:
        return None
    return Interval(node["from"], node["to"], node.get("at_most"), _origin(node), _field_origins(node))


def _population(node: Any) -> Population | None:
    if node is None:
        return None
    codes = node.get("codes") or YDict()
    origins = _field_origins(node)
    if codes:
        origins = {**origins, "codes.record": _origin(codes, "record"),
                   **{f"codes.{k}": o for k, o in _with_items(codes, "values").items() if k.startswith("values.")}}
    return Population(node["count"], _interval(node.get("interval")), codes.get("record"),
                      tuple(codes.get("values") or ()), text(node.get("text")), _origin(node),
                      MappingProxyType(origins))


def build_indicator(d: YDict) -> Indicator:
    return Indicator(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=text(d["name"]),
                     definition=text(d["definition"]), measure=d["measure"],
                     numerator=_population(d.get("numerator")), denominator=_population(d.get("denominator")),
                     by=d.get("by"), duration=_interval(d.get("duration")), frequency=d["frequency"],
                     target=text(d.get("target")), legal_basis=_legal(d.get("legal_basis")),
                     source=_source(d.get("source")), note=text(d.get("note")), review=text(d.get("review")))


def with_codelists(process: Process, codelists: tuple[CodeList, ...]) -> Process:
    """A record that names a code list records its values: fill them in, so every page shows the same list."""
    by_id = {cl.id: cl for cl in codelists}

    def values(r: Record) -> Record:
        cl = by_id.get(r.codelist) if r.codelist else None
        if cl is None:
            return r
        return replace(r, values=tuple(RecordValue(v.id, v.name, v.definition, v.avoid) for v in cl.values))

    steps = tuple(replace(s, records=tuple(values(r) for r in s.records)) if any(r.codelist for r in s.records)
                  else s for s in process.steps)
    return replace(process, steps=steps)


def build_model(raw: RawModel, region: YDict | None = None, deviations: tuple[Deviation, ...] = ()) -> Model:
    codelists = tuple(build_codelist(c) for c in raw.codelists)
    return Model(
        project=build_project(raw.project),
        processes=tuple(with_codelists(build_process(p), codelists) for p in raw.processes),
        organisations=tuple(build_organisation(o) for o in raw.organisations),
        roles=tuple(build_role(r) for r in raw.roles),
        raci=tuple(build_raci_row(p, r) for p, r in raw.raci),
        duties=tuple(build_duty(d) for d in raw.duties),
        terms=tuple(build_term(t) for t in raw.terms),
        region=build_region(region) if region is not None else None,
        deviations=deviations,
        documents=tuple(build_document(d) for d in raw.documents),
        criteria_lists=tuple(build_list(d) for d in raw.criteria_lists),
        criteria=tuple(build_criterion(d) for d in raw.criteria),
        cases=tuple(build_case(d) for d in raw.cases),
        case_sets=tuple(build_case_set(d) for d in raw.case_sets),
        codelists=codelists,
        networks=tuple(build_region(n) for n in raw.networks),
        indicators=tuple(build_indicator(i) for i in raw.indicators),
    )
