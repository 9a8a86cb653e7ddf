"""The model stage: typed, frozen model objects built from schema-checked, overlaid documents."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..load.sources import RawModel
from ..load.yaml import YDict, YList, origin_of
from .types import (
    NATIONAL,
    UNKNOWN,
    Accessibility,
    AccessibilityGap,
    Checklist,
    Contact,
    Deadline,
    Deviation,
    Duty,
    Flow,
    LegalRef,
    Model,
    Organisation,
    Origin,
    Process,
    Project,
    RaciRow,
    Record,
    RecordValue,
    Region,
    Rhythm,
    Role,
    Service,
    Step,
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


def text(value: Any) -> Text | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Text(value)
    return Text(value["fi"], value.get("sv"), value.get("en"))


def _texts(values: Any) -> tuple[Text, ...]:
    return tuple(text(v) for v in values or ())


def _legal(values: Any) -> tuple[LegalRef, ...]:
    return tuple(LegalRef(v["act"], v.get("section"), text(v.get("title")), text(v.get("note")))
                 for v in values or ())


def _contacts(values: Any) -> tuple[Contact, ...]:
    return tuple(Contact(v["name"], text(v.get("title")), v.get("phone"), v.get("email"),
                         text(v.get("note"))) for v in values or ())


def _services(values: Any) -> tuple[Service, ...]:
    return tuple(Service(text(v["name"]), text(v.get("description")), v.get("url")) for v in values or ())


def _flows(step: YDict) -> tuple[Flow, ...]:
    out = []
    nxt = step.get("next") or YList()
    for i, f in enumerate(nxt):
        target, label = (f, None) if isinstance(f, str) else (f["to"], text(f.get("label")))
        out.append(Flow(step["id"], target, label, _origin(nxt, i) if isinstance(nxt, YList) else UNKNOWN))
    return tuple(out)


def build_step(d: YDict) -> Step:
    dl = d.get("deadline")
    records = tuple(
        Record(text(r["what"]), text(r.get("system")), tuple(
            RecordValue(v["id"], text(v["name"]), text(v.get("description")), bool(v.get("avoid")))
            for v in r.get("values") or ()))
        for r in d.get("records") or ())
    return Step(
        id=d["id"], origin=_origin(d), field_origins=_field_origins(d),
        type=d["type"], name=text(d["name"]), lane=d["lane"], description=text(d.get("description")),
        flows=_flows(d),
        deadline=Deadline(dl["within"], dl["from"], bool(dl.get("repeat")), text(dl.get("text"))) if dl else None,
        legal_basis=_legal(d.get("legal_basis")), statutory=bool(d.get("statutory")),
        locked=bool(d.get("locked")), records=records, inputs=_texts(d.get("inputs")),
        outputs=_texts(d.get("outputs")),
        checklists=tuple(Checklist(text(c["title"]), _texts(c["items"])) for c in d.get("checklists") or ()),
        contacts=_contacts(d.get("contacts")), services=_services(d.get("services")), note=text(d.get("note")),
    )


def build_process(d: YDict) -> Process:
    return Process(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=text(d["name"]),
                   description=text(d.get("description")), legal_basis=_legal(d.get("legal_basis")),
                   steps=tuple(build_step(s) for s in d["steps"]))


def build_organisation(d: YDict) -> Organisation:
    return Organisation(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=text(d["name"]),
                        short=text(d.get("short")), description=text(d.get("description")),
                        url=d.get("url"), locked=bool(d.get("locked")), contacts=_contacts(d.get("contacts")),
                        note=text(d.get("note")))


def build_role(d: YDict) -> Role:
    return Role(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=text(d["name"]),
                organisation=d["organisation"], description=text(d.get("description")),
                statutory=bool(d.get("statutory")), legal_basis=_legal(d.get("legal_basis")),
                locked=bool(d.get("locked")), contacts=_contacts(d.get("contacts")),
                services=_services(d.get("services")), note=text(d.get("note")))


def build_raci_row(process: str, d: YDict) -> RaciRow:
    cells: YDict = d["roles"]
    # A cell is named by its role: point at the role id (the key), where a misspelling would be.
    origins = {k: Origin(cells.val_file.get(k, cells.file), *cells.key_pos.get(k, cells.pos),
                         cells.val_layer.get(k, cells.layer)) for k in cells}
    return RaciRow(id=d["step"], origin=_origin(d), field_origins=MappingProxyType(origins),
                   process=process, cells=MappingProxyType(dict(cells)))


def build_duty(d: YDict) -> Duty:
    r = d["rhythm"]
    rhythm = Rhythm(tuple(r.get("months") or ()), int(r.get("day", 1)), r.get("rrule"), r.get("start"),
                    text(r.get("text")))
    return Duty(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=text(d["name"]),
                description=text(d.get("description")), responsible=d["responsible"],
                participants=tuple(d.get("participants") or ()), rhythm=rhythm,
                statutory=bool(d.get("statutory")), legal_basis=_legal(d.get("legal_basis")),
                locked=bool(d.get("locked")), contacts=_contacts(d.get("contacts")), note=text(d.get("note")))


def build_term(d: YDict) -> Term:
    return Term(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), term=text(d["term"]),
                definition=text(d["definition"]), legal_basis=_legal(d.get("legal_basis")),
                see=tuple(d.get("see") or ()),
                synonyms=tuple((lang, tuple(words)) for lang, words in sorted((d.get("synonyms") or {}).items())))


def _accessibility(d: YDict | None) -> Accessibility | None:
    if d is None:
        return None
    sup = d.get("supervisor")
    supervisor = Supervisor(text(sup["name"]), sup.get("url"), _legal(sup.get("legal_basis")),
                            text(sup.get("review"))) if sup is not None else None
    gaps = tuple(AccessibilityGap(text(g["what"]), text(g["reason"]), text(g.get("alternative")))
                 for g in d.get("gaps") or ())
    feedback = _contacts([d["feedback"]])[0] if d.get("feedback") is not None else None
    return Accessibility(assessed=str(d.get("assessed") or ""), status=str(d.get("status") or ""),
                         method=text(d.get("method")), gaps=gaps, feedback=feedback, supervisor=supervisor,
                         origin=_origin(d))


def build_project(d: YDict) -> Project:
    return Project(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=text(d["name"]),
                   description=text(d.get("description")), version=str(d["version"]),
                   languages=tuple(d.get("languages") or ("fi",)), law_url=d.get("law_url"),
                   accessibility=_accessibility(d.get("accessibility")))


def build_region(d: YDict) -> Region:
    return Region(id=d["id"], origin=_origin(d), field_origins=_field_origins(d), name=text(d["name"]),
                  area=text(d.get("area")), municipalities=tuple(d.get("municipalities") or ()),
                  description=text(d.get("description")), based_on=str(d["based_on"]),
                  contacts=_contacts(d.get("contacts")),
                  feedback=_contacts([d["accessibility_feedback"]])[0] if d.get("accessibility_feedback") else None)


def build_model(raw: RawModel, region: YDict | None = None, deviations: tuple[Deviation, ...] = ()) -> Model:
    return Model(
        project=build_project(raw.project),
        processes=tuple(build_process(p) for p in raw.processes),
        organisations=tuple(build_organisation(o) for o in raw.organisations),
        roles=tuple(build_role(r) for r in raw.roles),
        raci=tuple(build_raci_row(p, r) for p, r in raw.raci),
        duties=tuple(build_duty(d) for d in raw.duties),
        terms=tuple(build_term(t) for t in raw.terms),
        region=build_region(region) if region is not None else None,
        deviations=deviations,
    )
