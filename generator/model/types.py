"""The typed model: frozen dataclasses built from schema-checked, overlaid documents.

Nothing here knows about TYP: a model is processes of steps, organisations and roles, a RACI
matrix, a duties calendar, a glossary, criteria lists, client stories and code lists. Every element
keeps its origin (file, line, column and whether it is national or local) so that any stage can point
at it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .durations import Duration
from .durations import parse as parse_duration

NATIONAL, LOCAL = "national", "local"


@dataclass(frozen=True)
class Origin:
    file: str
    line: int
    column: int
    layer: str = NATIONAL

    @property
    def local(self) -> bool:
        return self.layer == LOCAL


UNKNOWN = Origin("<unknown>", 1, 1)


@dataclass(frozen=True)
class Text:
    """Translatable text: Finnish always, Swedish and English where given."""

    fi: str
    sv: str | None = None
    en: str | None = None
    # Where the text is written (map form only: a plain string's position is its field's), and the
    # languages whose translation was made from an earlier Finnish text (possibly outdated).
    where: Origin | None = field(default=None, compare=False, repr=False)
    stale: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def get(self, lang: str = "fi") -> str:
        return getattr(self, lang, None) or self.fi

    def has(self, lang: str) -> bool:
        return bool(getattr(self, lang, None))

    def __str__(self) -> str:
        return self.fi


@dataclass(frozen=True)
class Element:
    """Base of everything with an id: where it came from, and where each field came from."""

    id: str
    origin: Origin = field(default=UNKNOWN, compare=False)
    # field name -> origin of its value; local entries mark fields a regional overlay changed.
    field_origins: Mapping[str, Origin] = field(default_factory=dict, compare=False, repr=False)
    # For the steering group only (`typ report review`); never rendered into the handbook.
    review: Text | None = field(default=None, compare=False, repr=False)

    def at(self, name: str) -> Origin:
        return self.field_origins.get(name, self.origin)

    @property
    def local(self) -> bool:
        """Added by a regional overlay."""
        return self.origin.local

    @property
    def changed_fields(self) -> tuple[str, ...]:
        """Fields of a national element that a regional overlay changed."""
        if self.local:
            return ()
        return tuple(sorted(k for k, o in self.field_origins.items() if o.local))


@dataclass(frozen=True)
class LegalRef:
    act: str
    section: str | None = None
    title: Text | None = None
    note: Text | None = None
    subsection: str | None = None
    point: str | None = None
    amended_by: str | None = None
    review: Text | None = field(default=None, compare=False)

    @property
    def year(self) -> str:
        return self.act.split("/")[1]

    @property
    def number(self) -> str:
        return self.act.split("/")[0]

    @property
    def section_label(self) -> str:
        """'30b' as the statute books print it: '30 b'."""
        s = self.section or ""
        return f"{s[:-1]} {s[-1]}" if s[-1:].isalpha() else s

    def label(self, lang: str = "fi") -> str:
        """'381/2023 4 § 1 mom.' (sv '... 1 mom. 3 punkten'): the citation as the statute books write it."""
        if not self.section:
            return self.act
        out = f"{self.act} {self.section_label} §"
        if self.subsection:
            out += f" {self.subsection} mom."
        if self.point:
            out += f" {self.point} " + ("punkten" if lang == "sv" else "kohta")
        if self.amended_by:
            out += f" ({self.amended_by})"
        return out


@dataclass(frozen=True)
class Contact:
    name: str
    title: Text | None = None
    phone: str | None = None
    email: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class Service:
    name: Text
    description: Text | None = None
    url: str | None = None


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    label: Text | None = None
    origin: Origin = field(default=UNKNOWN, compare=False)


@dataclass(frozen=True)
class Deadline:
    within: str
    from_step: str
    repeat: bool = False
    text: Text | None = None

    @property
    def duration(self) -> Duration | None:
        """`within` parsed (None: not an ISO 8601 duration, which rule TIME001 reports)."""
        return parse_duration(self.within)


@dataclass(frozen=True)
class RecordValue:
    id: str
    name: Text
    description: Text | None = None
    avoid: bool = False


@dataclass(frozen=True)
class Record:
    """Something recorded at a step: what, where (system, field), its type, who records it and when."""

    what: Text
    system: Text | None = None
    values: tuple[RecordValue, ...] = ()
    codelist: str | None = None  # the code list the values come from (filled in when the model is built)
    id: str | None = None
    type: str | None = None  # date, code, text, number
    mandatory: bool = False
    proposed: bool = False  # being mandatory is a proposal for the steering group
    system_field: Text | None = None  # `field:` in YAML
    field_mapped: bool = False  # False: the field name is illustrative until checked against the system
    roles: tuple[str, ...] = ()
    when: Text | None = None
    legal_basis: tuple[LegalRef, ...] = ()
    origin: Origin = field(default=UNKNOWN, compare=False)
    field_origins: Mapping[str, Origin] = field(default_factory=dict, compare=False, repr=False)
    review: Text | None = field(default=None, compare=False, repr=False)

    def at(self, name: str) -> Origin:
        return self.field_origins.get(name, self.origin)


@dataclass(frozen=True)
class Checklist:
    title: Text
    items: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Step(Element):
    type: str = "task"
    name: Text = Text("")
    lane: str = ""
    description: Text | None = None
    flows: tuple[Flow, ...] = ()
    deadline: Deadline | None = None
    legal_basis: tuple[LegalRef, ...] = ()
    statutory: bool = False
    locked: bool = False
    records: tuple[Record, ...] = ()
    inputs: tuple[Text, ...] = ()
    outputs: tuple[Text, ...] = ()
    checklists: tuple[Checklist, ...] = ()
    contacts: tuple[Contact, ...] = ()
    services: tuple[Service, ...] = ()
    note: Text | None = None
    criteria: tuple[str, ...] = ()  # criteria lists shown as generated checklists
    network_contacts: bool = False


@dataclass(frozen=True)
class Process(Element):
    name: Text = Text("")
    description: Text | None = None
    legal_basis: tuple[LegalRef, ...] = ()
    steps: tuple[Step, ...] = ()

    # Look-ups by id are indexed once per object (not fields: equality and repr stay the fields'),
    # so pages that look up every step of a long process stay linear.
    @cached_property
    def _steps_by_id(self) -> dict[str, Step]:
        index: dict[str, Step] = {}
        for s in self.steps:
            index.setdefault(s.id, s)
        return index

    @cached_property
    def _predecessors(self) -> dict[str, tuple[Step, ...]]:
        index: dict[str, list[Step]] = {}
        for s in self.steps:
            for target in dict.fromkeys(f.target for f in s.flows):
                index.setdefault(target, []).append(s)
        return {k: tuple(v) for k, v in index.items()}

    def step(self, step_id: str) -> Step | None:
        return self._steps_by_id.get(step_id)

    @cached_property
    def flows(self) -> tuple[Flow, ...]:
        return tuple(f for s in self.steps for f in s.flows)

    def predecessors(self, step_id: str) -> tuple[Step, ...]:
        return self._predecessors.get(step_id, ())


@dataclass(frozen=True)
class Organisation(Element):
    name: Text = Text("")
    short: Text | None = None
    description: Text | None = None
    url: str | None = None
    locked: bool = False
    contacts: tuple[Contact, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class Role(Element):
    name: Text = Text("")
    organisation: str = ""
    description: Text | None = None
    statutory: bool = False
    legal_basis: tuple[LegalRef, ...] = ()
    locked: bool = False
    contacts: tuple[Contact, ...] = ()
    services: tuple[Service, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class RaciRow(Element):
    """One row of a RACI matrix; `id` is the step id. field_origins is keyed by role id."""

    process: str = ""
    cells: Mapping[str, str] = field(default_factory=dict)
    joint: Joint | None = None

    def roles_with(self, letter: str) -> tuple[str, ...]:
        return tuple(r for r, v in self.cells.items() if letter in v)


@dataclass(frozen=True)
class Joint:
    """A RACI row whose law makes the task joint ('joint') or each party answer for its own part ('own')."""

    kind: str
    legal_basis: tuple[LegalRef, ...] = ()


@dataclass(frozen=True)
class Rhythm:
    months: tuple[int, ...] = ()
    day: int = 1
    rrule: str | None = None
    start: str | None = None
    text: Text | None = None


@dataclass(frozen=True)
class Duty(Element):
    name: Text = Text("")
    description: Text | None = None
    responsible: str = ""
    participants: tuple[str, ...] = ()
    rhythm: Rhythm = Rhythm()
    statutory: bool = False
    legal_basis: tuple[LegalRef, ...] = ()
    locked: bool = False
    contacts: tuple[Contact, ...] = ()
    note: Text | None = None
    step: StepRef | None = None  # the process step this duty carries out
    statistics: bool = False  # the duty reviews statistics (and names its indicators)
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepRef:
    process: str
    step: str


@dataclass(frozen=True)
class Term(Element):
    term: Text = Text("")
    definition: Text = Text("")
    legal_basis: tuple[LegalRef, ...] = ()
    see: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (language, words): for search only

    def synonyms_in(self, lang: str) -> tuple[str, ...]:
        return next((words for code, words in self.synonyms if code == lang), ())


@dataclass(frozen=True)
class Region(Element):
    name: Text = Text("")
    area: Text | None = None
    municipalities: tuple[str, ...] = ()
    description: Text | None = None
    based_on: str = ""
    contacts: tuple[Contact, ...] = ()
    feedback: Contact | None = None  # accessibility feedback contact of this region's handbook
    languages: tuple[str, ...] = ("fi",)  # the languages its handbook is built in


@dataclass(frozen=True)
class Deviation:
    """One local change to the national model, for the regional deviations page."""

    collection: str  # steps, roles, organisations, duties, terms, raci
    id: str
    op: str  # add, change, remove, set
    fields: tuple[str, ...] = ()
    reason: Text | None = None
    origin: Origin = UNKNOWN
    # National ids the change builds on (the step a new step is placed after/before), for drift checks.
    depends_on: tuple[str, ...] = ()
    process: str | None = None  # for steps and RACI rows: the process they belong to
    # (field, national value, local value) of a change or a RACI cell, as plain YAML data (None: none),
    # so the deviations page can show the two side by side.
    values: tuple[tuple[str, Any, Any], ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class AccessibilityGap:
    """Content that does not meet WCAG 2.1 AA, why (306/2019 9 § 1 mom. 1 k.) and how to get it otherwise."""

    what: Text
    reason: Text
    alternative: Text | None = None


@dataclass(frozen=True)
class Supervisor:
    name: Text
    url: str | None = None  # where a complaint or a request for clarification is made (9 § 1 mom. 4 k.)
    legal_basis: tuple[LegalRef, ...] = ()
    review: Text | None = None  # what the steering group must still verify; never shown (typ report review)


@dataclass(frozen=True)
class Accessibility:
    """The accessibility statement's facts (act 306/2019 9 §), set in typ.yaml (a region sets its own
    feedback contact in region.yaml)."""

    assessed: str = ""  # ISO date of the last assessment
    status: str = ""  # full | partial | none (WCAG 2.1 AA)
    method: Text | None = None
    gaps: tuple[AccessibilityGap, ...] = ()
    feedback: Contact | None = None
    supervisor: Supervisor | None = None
    origin: Origin = field(default=UNKNOWN, compare=False)


@dataclass(frozen=True)
class Project(Element):
    name: Text = Text("")
    description: Text | None = None
    version: str = ""
    languages: tuple[str, ...] = ("fi",)
    law_url: Text | None = None  # a link template, per language where the legislation database has one
    accessibility: Accessibility | None = None


# ---------------------------------------------------------------- criteria, client stories, code lists
# Generic: a criterion belongs to a named list, a story links its factors to criteria, a code list holds
# recorded values with definitions. Which lists exist and what they mean is model data.


@dataclass(frozen=True)
class Source:
    document: str
    page: str | None = None
    quote: str | None = None
    origin: Origin | None = None


@dataclass(frozen=True)
class Document(Element):
    name: Text = Text("")
    url: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class CriteriaList(Element):
    name: Text = Text("")
    phase: str | None = None


@dataclass(frozen=True)
class Criterion(Element):
    list: str = ""
    status: str = "under-discussion"
    text: Text = Text("")
    source: Source | None = None
    legal_basis: tuple[LegalRef, ...] = ()
    note: Text | None = None
    end_reasons: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    illustrated: bool | None = None  # None: not said; False: known to have no story


@dataclass(frozen=True)
class Factor:
    text: Text
    criterion: str | None = None
    no_criterion: Text | None = None
    origin: Origin | None = None  # of the factor (the criterion id's own position in criterion_origin)
    criterion_origin: Origin | None = None


@dataclass(frozen=True)
class Case(Element):
    person: str = ""
    age: int | None = None
    version: str = "belongs"
    story: int | None = None
    agreement: float | None = None
    factors: tuple[Factor, ...] = ()


@dataclass(frozen=True)
class CaseSet:
    """What a cases file says about all its stories: the source, the caveat, what is known of agreement."""

    caveat: Text
    agreement: Text | None = None
    source: Source | None = None


@dataclass(frozen=True)
class CodeValue:
    id: str
    name: Text
    definition: Text | None = None
    system_code: str | None = None
    avoid: bool = False
    proposed: bool = False
    source: Source | None = None
    origin: Origin | None = None


@dataclass(frozen=True)
class CodeList(Element):
    name: Text = Text("")
    description: Text | None = None
    system: Text | None = None
    status: str = "illustrative"
    legal_basis: tuple[LegalRef, ...] = ()
    values: tuple[CodeValue, ...] = ()

    def value(self, value_id: str) -> CodeValue | None:
        return next((v for v in self.values if v.id == value_id), None)


# ---------------------------------------------------------------- indicators
# A figure derived from records: which clients count (a record, optionally an interval between two date
# records or a set of code values), over which clients. What the figures are is model data.


@dataclass(frozen=True)
class Interval:
    from_record: str
    to_record: str
    at_most: str | None = None
    origin: Origin = field(default=UNKNOWN, compare=False)
    field_origins: Mapping[str, Origin] = field(default_factory=dict, compare=False, repr=False)

    def at(self, name: str) -> Origin:
        return self.field_origins.get(name, self.origin)

    @property
    def duration(self) -> Duration | None:
        return parse_duration(self.at_most) if self.at_most else None


@dataclass(frozen=True)
class Population:
    count: str
    interval: Interval | None = None
    code_record: str | None = None
    code_values: tuple[str, ...] = ()
    text: Text | None = None
    origin: Origin = field(default=UNKNOWN, compare=False)
    field_origins: Mapping[str, Origin] = field(default_factory=dict, compare=False, repr=False)

    def at(self, name: str) -> Origin:
        return self.field_origins.get(name, self.origin)


@dataclass(frozen=True)
class Indicator(Element):
    name: Text = Text("")
    definition: Text = Text("")
    measure: str = "share"
    numerator: Population | None = None
    denominator: Population | None = None
    by: str | None = None
    duration: Interval | None = None
    frequency: str = "quarterly"
    target: Text | None = None
    legal_basis: tuple[LegalRef, ...] = ()
    source: Source | None = None
    note: Text | None = None

    def record_refs(self) -> tuple[tuple[str, Origin], ...]:
        """Every record the indicator reads, with where it is named."""
        out: list[tuple[str, Origin]] = []
        for pop in (self.numerator, self.denominator):
            if pop is None:
                continue
            out.append((pop.count, pop.at("count")))
            if pop.interval:
                iv = pop.interval
                out += [(iv.from_record, iv.at("from")), (iv.to_record, iv.at("to"))]
            if pop.code_record:
                out.append((pop.code_record, pop.at("codes.record")))
        if self.by:
            out.append((self.by, self.at("by")))
        if self.duration:
            iv = self.duration
            out += [(iv.from_record, iv.at("from")), (iv.to_record, iv.at("to"))]
        return tuple(out)


@dataclass(frozen=True)
class Model:
    project: Project
    processes: tuple[Process, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    roles: tuple[Role, ...] = ()
    raci: tuple[RaciRow, ...] = ()
    duties: tuple[Duty, ...] = ()
    terms: tuple[Term, ...] = ()
    region: Region | None = None
    deviations: tuple[Deviation, ...] = ()
    documents: tuple[Document, ...] = ()
    criteria_lists: tuple[CriteriaList, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    cases: tuple[Case, ...] = ()
    case_sets: tuple[CaseSet, ...] = ()
    codelists: tuple[CodeList, ...] = ()
    networks: tuple[Region, ...] = ()  # every regional network (from region files), e.g. for handovers
    indicators: tuple[Indicator, ...] = ()

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    @cached_property
    def _records(self) -> dict[str, tuple[Process, Step, Record]]:
        index: dict[str, tuple[Process, Step, Record]] = {}
        for p in self.processes:
            for s in p.steps:
                for r in s.records:
                    if r.id:
                        index.setdefault(r.id, (p, s, r))
        return index

    def record(self, record_id: str) -> tuple[Process, Step, Record] | None:
        """A record by id, with the process and step that make it."""
        return self._records.get(record_id)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def criteria_list(self, list_id: str) -> CriteriaList | None:
        return next((c for c in self.criteria_lists if c.id == list_id), None)

    def document(self, document_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == document_id), None)

    def codelist(self, codelist_id: str) -> CodeList | None:
        return next((c for c in self.codelists if c.id == codelist_id), None)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def organisation(self, org_id: str) -> Organisation | None:
        return next((o for o in self.organisations if o.id == org_id), None)

    def process(self, process_id: str) -> Process | None:
        return next((p for p in self.processes if p.id == process_id), None)

    @cached_property
    def _raci_rows(self) -> dict[tuple[str, str], RaciRow]:
        index: dict[tuple[str, str], RaciRow] = {}
        for r in self.raci:
            index.setdefault((r.process, r.id), r)
        return index

    def raci_row(self, process_id: str, step_id: str) -> RaciRow | None:
        return self._raci_rows.get((process_id, step_id))

    def law_link(self, ref: LegalRef, lang: str = "fi") -> str | None:
        if not self.project.law_url:
            return None
        template = self.project.law_url.get(lang)
        if not ref.section:
            template = template.split("#", 1)[0]  # no section: link to the act itself
        return template.format(year=ref.year, number=ref.number, section=ref.section or "")
