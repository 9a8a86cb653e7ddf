"""Drift: found by generator/analysis/drift.py, which needs the national model's git history, so the
checks here find nothing on a model alone. They are registered so that typ.yaml can set their
severity (`rules: {DRIFT001: off}`) like any other rule's."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Severity
from ..model import Model
from .registry import Finding, rule


@rule("DRIFT001", "national-change-under-local", Severity.WARNING)
def national_change_under_local(model: Model) -> Iterable[Finding]:
    """A region's local change touches an element the national model changed since the version the
    region was written against (`based_on`); checked against git history for `--region` and in builds."""
    return ()


@rule("DRIFT002", "based-on-found", Severity.WARNING)
def based_on_found(model: Model) -> Iterable[Finding]:
    """The national version a region is based on can be found in git history and loads, so that
    drift can be checked."""
    return ()


@rule("DRIFT003", "newer-base", Severity.WARNING)
def newer_base(model: Model) -> Iterable[Finding]:
    """A region repository's pinned national base has a newer release (a higher tag, or the default
    branch when there are no tags); checked against the base's git history by `typ validate` there."""
    return ()
