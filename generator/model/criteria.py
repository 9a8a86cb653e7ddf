"""Typed criteria, client stories (cases), code lists and source documents (builders: build.py).

Generic on purpose: a criterion belongs to a named list, a case links its factors to criteria, a code
list holds recorded values with definitions. Which lists exist and what they mean is model data.
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import Element, LegalRef, Origin, Text


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
