"""Check documents against the JSON Schemas in schemas/ (draft 2020-12), one schema per kind."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .diagnostics import Diagnostic, Severity
from .load import YDict, locate

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
KINDS = ("project", "process", "roles", "raci", "calendar", "glossary", "region", "overlay")


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        resources.append((path.name, Resource.from_contents(json.loads(path.read_text("utf-8")),
                                                             default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> Draft202012Validator:
    schema = _registry().get_or_retrieve(f"{kind}.schema.json").value.contents
    return Draft202012Validator(schema, registry=_registry())


def _leaf_errors(error: ValidationError) -> list[ValidationError]:
    """For oneOf/anyOf failures, report the branch that got furthest, not the whole alternative."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):
            best = [e for e in error.context if len(e.absolute_path) == deepest]
            return [leaf for e in best for leaf in _leaf_errors(e)]
    return [error]


def _describe(error: ValidationError) -> tuple[str, str]:
    where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
    v, val = error.validator, error.validator_value
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return (f"{where}: required field '{missing}' is missing",
                f"Add '{missing}:' here; see the schema's description for what it holds.")
    if v in ("additionalProperties", "unevaluatedProperties"):
        return (f"{where}: {error.message}",
                "Remove or rename the field: check its spelling against the schema (your editor "
                "autocompletes field names when the file's first line names its schema).")
    if v == "type":
        got = type(error.instance).__name__
        hint = f"Give a value of type {val}."
        if val == "string":
            hint += " If you meant text, put it in quotes (YAML reads 2025.1 as a number and no as false)."
        return f"{where}: expected {val}, got {got} {error.instance!r}", hint
    if v == "enum":
        return (f"{where}: {error.instance!r} is not one of {', '.join(map(str, val))}",
                "Use one of the listed values.")
    if v == "const":
        return f"{where}: must be {val!r}, not {error.instance!r}", f"Write {val!r} here."
    if v == "pattern" and "a-z0-9" in str(val):
        return (f"{where}: {error.instance!r} is not a valid id",
                "Ids use lowercase a-z, digits and hyphens only (no spaces, no ä/ö).")
    if v == "pattern":
        return f"{where}: {error.instance!r} does not have the expected form", f"It must match {val}."
    if v == "oneOf":
        return (f"{where}: {error.instance!r} does not match any of the allowed forms",
                "Check the schema's description and examples for this field.")
    return f"{where}: {error.message}", "See the schema's description of this field."


def check(data: YDict, kind: str) -> list[Diagnostic]:
    out = []
    for error in validator(kind).iter_errors(data):
        for leaf in _leaf_errors(error):
            path = list(leaf.absolute_path)
            file, line, col = locate(data, path)
            # A missing or unknown key is best shown at the key itself.
            if leaf.validator in ("additionalProperties", "unevaluatedProperties") \
                    and isinstance(leaf.instance, YDict):
                extra = [k for k in leaf.instance if k in leaf.message]
                if extra:
                    line, col = leaf.instance.key_pos.get(extra[0], (line, col))
            message, hint = _describe(leaf)
            out.append(Diagnostic(file, line, col, "SCHEMA", Severity.ERROR, message, hint))
    return sorted(set(out))


@cache
def _item_validator(ref: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": ref}, registry=_registry())


def check_item(data: YDict, ref: str) -> list[Diagnostic]:
    """Check one element (e.g. a step a region added or changed) against a sub-schema."""
    out = []
    for error in _item_validator(ref).iter_errors(data):
        for leaf in _leaf_errors(error):
            file, line, col = locate(data, list(leaf.absolute_path))
            message, hint = _describe(leaf)
            out.append(Diagnostic(file, line, col, "SCHEMA", Severity.ERROR, message, hint))
    return sorted(set(out))
