"""Check documents against the JSON Schemas (draft 2020-12), one schema per kind.

The schemas are package data (generator/schema/schemas/), read with importlib.resources so an
installed wheel finds them; the repository's root schemas/ is a byte-identical copy for editors.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ..diagnostics import Diagnostic, Severity
from ..load.yaml import YDict, locate

SCHEMA_DIR: Traversable = resources.files(__package__) / "schemas"
KINDS = ("project", "process", "roles", "raci", "calendar", "glossary", "criteria", "cases", "codelist", "indicators",
         "region", "overlay")


def schema_files() -> list[Traversable]:
    """The packaged schema files, by name."""
    return sorted((p for p in SCHEMA_DIR.iterdir() if p.name.endswith(".schema.json")), key=lambda p: p.name)


@cache
def _registry() -> Registry:
    found = []
    for path in schema_files():
        found.append((path.name, Resource.from_contents(json.loads(path.read_text("utf-8")),
                                                             default_specification=DRAFT202012)))
    return Registry().with_resources(found)


@cache
def validator(kind: str) -> Draft202012Validator:
    schema = _registry().get_or_retrieve(f"{kind}.schema.json").value.contents
    # format_checker: 'email' and other formats are checked, not only described.
    return Draft202012Validator(schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _leaf_errors(error: ValidationError) -> list[ValidationError]:
    """For oneOf/anyOf failures, report the branch that got furthest, not the whole alternative."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        # Only one branch accepts the value's type (e.g. a text given as a map): report its errors.
        branches: dict[object, list[ValidationError]] = {}
        for e in error.context:
            branches.setdefault(e.relative_schema_path[0], []).append(e)
        typed = [errs for errs in branches.values()
                 if not any(e.validator == "type" and not e.relative_path for e in errs)]
        if len(typed) == 1:
            return [leaf for e in typed[0] for leaf in _leaf_errors(e)]
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
            hint += " If you meant text, put it in quotes (YAML reads 2025.1 as a number and true as a boolean)."
        elif val == "boolean":
            hint = "Write true or false."
        return f"{where}: expected {val}, got {got} {error.instance!r}", hint
    if v == "enum":
        return (f"{where}: {error.instance!r} is not one of {', '.join(map(str, val))}",
                "Use one of the listed values.")
    if v == "const":
        return f"{where}: must be {val!r}, not {error.instance!r}", f"Write {val!r} here."
    if v == "pattern" and "u200b" in str(val):
        return (f"{where}: the text has no visible characters",
                "Write the text, or leave the field out (names and labels are drawn in the diagrams).")
    if v == "maxLength":
        return (f"{where}: the text is {len(error.instance)} characters long; the limit is {val}",
                "Shorten it: names and labels are drawn in diagram boxes; longer text belongs in 'description'.")
    if v == "pattern" and "a-z0-9" in str(val):
        return (f"{where}: {error.instance!r} is not a valid id",
                "Ids use lowercase a-z, digits and hyphens only (no spaces, no ä/ö).")
    if v == "pattern":
        return f"{where}: {error.instance!r} does not have the expected form", f"It must match {val}."
    if v == "oneOf":
        return (f"{where}: {error.instance!r} does not match any of the allowed forms",
                "Check the schema's description and examples for this field.")
    return f"{where}: {error.message}", "See the schema's description of this field."


def _owner(schema: dict) -> str | None:
    """The schema file that holds `schema` (itself or one of its $defs)."""
    for path in schema_files():
        contents = _registry().contents(path.name)
        if contents is schema or any(d is schema for d in contents.get("$defs", {}).values()):
            return path.name
    return None


def _known_fields(schema: dict) -> set[str]:
    """Field names a schema object accepts: its own properties and those of the schemas it allOf-includes."""
    known = set(schema.get("properties", {}))
    for sub in schema.get("allOf", []):
        if "$ref" in sub:
            owner = _owner(schema)
            if owner is None:
                continue
            sub = _registry().resolver(base_uri=owner).lookup(sub["$ref"]).contents
        known |= _known_fields(sub)
    return known


def _unknown_fields(data: YDict, leaf: ValidationError) -> list[Diagnostic]:
    """One diagnostic per unknown key, at the key, with the nearest known name as a hint.

    With `allOf` + `unevaluatedProperties: false`, an error anywhere inside the allOf makes every key
    look unevaluated; such keys are known fields, and their real error is reported on its own."""
    known = _known_fields(leaf.schema)
    # An item checked on its own (a step a region added or changed) is named by its id.
    item = "kind" not in leaf.instance and isinstance(leaf.instance.get("id"), str)
    where = "/".join(str(p) for p in leaf.absolute_path) or (f"'{leaf.instance['id']}'" if item else "(top level)")
    out = []
    for key in leaf.instance:
        if key in known:
            continue
        file, line, col = locate(data, list(leaf.absolute_path))
        line, col = leaf.instance.key_pos.get(key, (line, col))
        file = leaf.instance.val_file.get(key, file)  # a key a region added lives in its overlay
        close = difflib.get_close_matches(key, sorted(known), n=1)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        hint += (f"Remove or rename the field; known fields here: {', '.join(sorted(known))}." if known
                 else "Remove the field.")
        out.append(Diagnostic(file, line, col, "SCHEMA", Severity.ERROR, f"{where}: unknown field '{key}'", hint))
    return out


def _diagnostics(data: YDict, errors) -> list[Diagnostic]:
    out = []
    for error in errors:
        for leaf in _leaf_errors(error):
            if leaf.validator in ("additionalProperties", "unevaluatedProperties") \
                    and leaf.validator_value is False and isinstance(leaf.instance, YDict):
                out += _unknown_fields(data, leaf)
                continue
            file, line, col = locate(data, list(leaf.absolute_path))
            # A bad key name (propertyNames) is best shown at the key itself.
            if "propertyNames" in leaf.schema_path and isinstance(leaf.instance, str):
                parent = data
                for p in leaf.absolute_path:
                    parent = parent[p]
                if isinstance(parent, YDict):
                    line, col = parent.key_pos.get(leaf.instance, (line, col))
            message, hint = _describe(leaf)
            out.append(Diagnostic(file, line, col, "SCHEMA", Severity.ERROR, message, hint))
    return sorted(set(out))


def check(data: YDict, kind: str) -> list[Diagnostic]:
    return _diagnostics(data, validator(kind).iter_errors(data))


@cache
def _item_validator(ref: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": ref}, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def check_item(data: YDict, ref: str) -> list[Diagnostic]:
    """Check one element (e.g. a step a region added or changed) against a sub-schema."""
    return _diagnostics(data, _item_validator(ref).iter_errors(data))
