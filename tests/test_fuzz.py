"""Property-based tests: whatever the files contain, `typ validate` reports problems and never crashes.

The validator runs in-process through typer's CliRunner (fast). For every input it must exit 0, 1 or 2
(never 3, which means an internal error), raise nothing but SystemExit, and print no traceback. The
inputs are (a) random text and bytes, (b) generated YAML-like documents with anchors, aliases, tabs and
odd Unicode, (c) mutations of the mini model's real files, and (d) random values in the fields that rules
parse themselves (durations, RRULEs, dates, ids).

The @example cases are failures found while writing these tests, kept so that they stay fixed: values the
loader could not convert (invalid dates, unknown tags, huge integers: tracebacks, fixed in generator/load/yaml.py)
and a line break inside a value that split a diagnostic over two lines (fixed in generator/diagnostics.py).
In text format every line of the output must be a diagnostic, its hint or the closing summary.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import MINI
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from generator.cli import app
from generator.compile import compile_model

FILES = sorted(p.relative_to(MINI).as_posix() for p in MINI.rglob("*.yaml"))
KIND_FILE = {"project": "typ.yaml", "process": "processes/prosessi.yaml", "roles": "roles/roolit.yaml",
             "raci": "roles/raci.yaml", "calendar": "calendar/kalenteri.yaml", "glossary": "glossary/termit.yaml"}
# TYP_FUZZ_EXAMPLES=5000 for a long hunt; the default keeps the whole file well under a minute.
FUZZ = settings(max_examples=int(os.environ.get("TYP_FUZZ_EXAMPLES", "100")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
runner = CliRunner()
DIAGNOSTIC = re.compile(r"^[^\s:][^:]*:\d+:\d+: (error|warning) [A-Z]+[0-9]* \S.*$")
SUMMARY = re.compile(r"^\d+ error\(s\), \d+ warning\(s\)$")


@contextmanager
def model(files: dict[str, bytes]) -> Iterator[Path]:
    """A temporary copy of the mini model with some files replaced (or added)."""
    with tempfile.TemporaryDirectory(prefix="typ-fuzz-") as tmp:
        root = Path(shutil.copytree(MINI, Path(tmp) / "model"))
        for name, content in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)
        yield root


def validate(root: Path, fmt: str = "text") -> int:
    result = runner.invoke(app, ["validate", str(root), "--format", fmt])
    output = result.output  # stdout and stderr, as a terminal shows them
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), output
    assert "Traceback" not in output
    assert "INTERNAL" not in output
    if fmt == "text":  # every line is a diagnostic, its hint, or the summary at the end
        lines = output.splitlines()
        assert lines and SUMMARY.match(lines[-1]), output
        for line, following in zip(lines, lines[1:], strict=False):
            assert DIAGNOSTIC.match(line) or line.startswith("    hint: "), line
            if DIAGNOSTIC.match(line):
                assert following.startswith("    hint: "), following
    if fmt == "json":
        items = json.loads(result.stdout)
        assert isinstance(items, list)
        assert (result.exit_code == 1) == any(i["severity"] == "error" for i in items) or result.exit_code == 2
    return result.exit_code


def read(name: str) -> str:
    return (MINI / name).read_text("utf-8")


# ---------------------------------------------------------------- (a) random text and bytes

TARGETS = st.sampled_from([*FILES, "processes/uusi.yaml"])
FORMATS = st.sampled_from(["text", "json", "github"])


@FUZZ
@given(target=TARGETS, content=st.text(max_size=400), fmt=FORMATS)
@example(target="processes/prosessi.yaml", content="kind: process\nd: 2025-13-45\n", fmt="text")  # ValueError
@example(target="processes/prosessi.yaml", content="a: !foo x\n", fmt="text")  # ConstructorError
@example(target="processes/prosessi.yaml", content="a: !!int x\n", fmt="text")  # ValueError
@example(target="processes/prosessi.yaml", content="a: 0x" + "f" * 4000 + "\n", fmt="json")  # int too long to print
@example(target="typ.yaml", content="a: " + "1" * 4400 + "\n", fmt="text")  # int too long to convert
def test_random_text(target, content, fmt):
    with model({target: content.encode("utf-8")}) as root:
        validate(root, fmt)


@FUZZ
@given(target=TARGETS, content=st.binary(max_size=400))
@example(target="roles/raci.yaml", content=b"\xef\xbb\xbf\xff")
@example(target="roles/raci.yaml", content=b"k: \x85\xc2\x85")
def test_random_bytes(target, content):
    with model({target: content}) as root:
        validate(root)


YAML_TOKENS = st.sampled_from([
    "kind", ": ", ":", "process", "- ", "-", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ", "*b", "!!str ", "!x ",
    "? ", "|", ">-", "'", '"', "#", "%YAML 1.2\n", "---\n", "...\n", "\n", "\n  ", "\n    ", "\t", " ", "<<: ",
    "id", "steps", "next", "~", "2025-01-01", "0x1f", "1e9", ".nan", "\\", "\ufeff", "\u2028", "\x85", "\x00",
    "ä", "\u200b", "\U0001f600",
])


@FUZZ
@given(target=TARGETS, tokens=st.lists(YAML_TOKENS, max_size=60))
def test_yaml_token_soup(target, tokens):
    with model({target: "".join(tokens).encode("utf-8")}) as root:
        validate(root)


# ---------------------------------------------------------------- (b) generated YAML-like documents

KEYS = st.sampled_from([
    "kind", "schema_version", "id", "name", "steps", "type", "lane", "next", "to", "label", "deadline", "within",
    "from", "process", "rows", "step", "roles", "organisations", "organisation", "duties", "responsible",
    "participants", "rhythm", "months", "day", "rrule", "start", "terms", "term", "definition", "see", "fi", "sv",
    "statutory", "legal_basis", "act", "section", "version", "languages", "rules", "FLOW002", "sources",
    "x y", "ä", "", "1", "true", "~",
])
WORDS = st.sampled_from([
    "process", "task", "start", "end", "decision", "alku", "arviointi", "paatos", "suunnitelma", "loppu",
    "yhteinen", "virasto", "johtaja", "asiantuntija", "R", "A", "C", "I", "RA", "P3M", "P", "PT", "FREQ=YEARLY",
    "FREQ=MONTHLY;BYMONTHDAY=31", "2025-03-01", "2025-02-30", "381/2023", "4", "2025.1", "fi", "sv", "error",
    "warning", "off", "yes", "no", "true", "false", "null", "~", "1", "0", "-1", "13", "1.5", ".inf", "0o17",
    "1:20", "''", '""', "'it''s'", '"\\u00e4\\t"', "!!str 1", "!!binary aGk=", "!foo x", "|\n  text",
    "Kyllä", "\u2028", "\u202e", "\U0001f600", "a\tb",
])


def scalars() -> st.SearchStrategy:
    return st.one_of(WORDS, st.integers(-(10**6), 10**6),
                     st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8))


def containers(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=5))


DOCS = st.recursive(scalars(), containers, max_leaves=25)


def render(value, rnd, indent: int = 0, anchors: list[str] | None = None) -> str:
    """Write a value as YAML-ish text: block or flow style, with the odd anchor, alias, tab or bad indent."""
    anchors = [] if anchors is None else anchors
    prefix = ""
    if anchors and rnd.random() < 0.08:
        return "*" + rnd.choice(anchors)
    if rnd.random() < 0.1:
        name = f"a{len(anchors)}"
        anchors.append(name)
        prefix = f"&{name} "
    pad = " " * indent
    if isinstance(value, dict):
        if not value or rnd.random() < 0.3:
            items = (f"{k}: {render(v, rnd, 0, anchors).strip()}" for k, v in value.items())
            return prefix + "{" + ", ".join(items) + "}"
        lines = []
        for k, v in value.items():
            sep = "\t" if rnd.random() < 0.03 else ""
            inner = render(v, rnd, indent + rnd.choice([2, 2, 2, 1, 4]), anchors)
            if isinstance(v, dict | list) and v and not inner.lstrip().startswith(("{", "[", "*", "&")):
                lines.append(f"{pad}{sep}{k}:\n{inner}")
            else:
                lines.append(f"{pad}{sep}{k}: {inner.strip()}")
        return (prefix + "\n" if prefix else "") + "\n".join(lines)
    if isinstance(value, list):
        if not value or rnd.random() < 0.3:
            return prefix + "[" + ", ".join(render(v, rnd, 0, anchors).strip() for v in value) + "]"
        lines = [f"{pad}- {render(v, rnd, indent + 2, anchors).strip()}" for v in value]
        return (prefix + "\n" if prefix else "") + "\n".join(lines)
    return prefix + str(value)


@FUZZ
@given(kind=st.sampled_from(sorted(KIND_FILE)), body=st.dictionaries(KEYS, DOCS, max_size=6),
       rnd=st.randoms(use_true_random=False), schema_version=st.sampled_from(["1", "2", "'1'"]))
def test_generated_documents(kind, body, rnd, schema_version):
    text = f"kind: {kind}\nschema_version: {schema_version}\n" + render(body, rnd) + "\n"
    with model({KIND_FILE[kind]: text.encode("utf-8")}) as root:
        validate(root)


# ---------------------------------------------------------------- (c) mutations of the mini model's files

VOCABULARY = sorted({w for name in FILES for w in re.findall(r"[\w-]+", read(name))})
ODD = st.text(st.sampled_from(list("-:[]{},&*!|>'\"#?% \t\n") + ["ä", "\u2028", "\x85", "\ufeff", "\x00", "é"]),
              min_size=1, max_size=5)


@st.composite
def mutated(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(FILES))
    lines = read(name).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "tab", "insert", "word"]))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][draw(st.integers(1, 4)):] if lines[i].startswith(" ") else lines[i]
        elif op == "tab":
            lines[i] = "\t" + lines[i]
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(ODD) + lines[i][at:]
        elif op == "word":  # another word of the model, or nonsense, in place of one: breaks references
            words = list(re.finditer(r"[\w-]+", lines[i]))
            if words:
                w = words[draw(st.integers(0, len(words) - 1))]
                new = draw(st.one_of(st.sampled_from(VOCABULARY), ODD))
                lines[i] = lines[i][: w.start()] + new + lines[i][w.end():]
    return name, "\n".join(lines)


@FUZZ
@given(mutation=mutated())
@example(mutation=("calendar/kalenteri.yaml", read("calendar/kalenteri.yaml").replace("2025-03-01", "2025-13-01")))
@example(mutation=("processes/prosessi.yaml", read("processes/prosessi.yaml").replace("type: start", "type: !x s")))
def test_mutated_files(mutation):
    name, text = mutation
    with model({name: text.encode("utf-8")}) as root:
        validate(root)


@FUZZ
@given(mutations=st.lists(mutated(), min_size=2, max_size=4, unique_by=lambda m: m[0]))
def test_several_mutated_files(mutations):
    with model({name: text.encode("utf-8") for name, text in mutations}) as root:
        validate(root)


def _words() -> list[list[str]]:
    """Words of the mini model that can stand in for each other: ids, step types, RACI letters."""
    m = compile_model(MINI).model
    ids = {x.id for x in (*m.processes, *m.organisations, *m.roles, *m.duties, *m.terms)}
    ids |= {s.id for p in m.processes for s in p.steps}
    return [sorted(ids), ["start", "task", "decision", "end"], ["R", "A", "C", "I", "RA"]]


SWAPPABLE = _words()


@st.composite
def swapped_ids(draw) -> dict[str, str]:
    """Ids, step types and RACI letters of the model moved around: the files stay valid YAML and schema-valid,
    so the semantic rules meet broken references, duplicate ids, missing or doubled Accountables, starts and
    ends in odd places and flows in every direction."""
    texts = {name: read(name) for name in FILES}
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(FILES))
        text = texts[name]
        values = [w for w in re.finditer(r"[\w-]+", text)
                  if any(w[0] in c for c in SWAPPABLE) and not text[w.end():].startswith(":")]
        if values:
            w = values[draw(st.integers(0, len(values) - 1))]
            kind = next(c for c in SWAPPABLE if w[0] in c)
            texts[name] = text[: w.start()] + draw(st.sampled_from(kind)) + text[w.end():]
    return texts


@FUZZ
@given(texts=swapped_ids())
def test_swapped_ids(texts):
    with model({name: text.encode("utf-8") for name, text in texts.items()}) as root:
        validate(root)


# ---------------------------------------------------------------- (d) random values where rules parse text

RULE_TOKENS = st.sampled_from([*"PTYMWDHS0123456789-;=,:+.Z \n", "FREQ=", "YEARLY", "MONTHLY", "DAILY", "SECONDLY",
                               "INTERVAL=", "COUNT=", "UNTIL=", "BYMONTH=", "BYDAY=", "BYSETPOS=", "WKST=", "RRULE:",
                               "DTSTART:", "MO", "-1SU"])
RULE_TEXT = st.one_of(st.lists(RULE_TOKENS, max_size=25).map("".join), st.text(max_size=20))
QUOTED = RULE_TEXT.map(lambda s: json.dumps(s, ensure_ascii=False))  # a valid YAML double-quoted string


@FUZZ
@given(within=QUOTED, rrule=QUOTED, start=st.one_of(QUOTED, st.dates().map(lambda d: f'"{d:%Y-%m-%d}"'),
                                                       st.from_regex(r"\A\"[0-9]{4}-[0-9]{2}-[0-9]{2}\"\Z")))
@example(within='"P3M"', rrule='"FREQ=YEARLY;UNTIL=20250101T000000Z"', start='"2025-03-01"')
@example(within='"P"', rrule='"FREQ=YEARLY;BYSETPOS=0"', start='"0000-00-00"')
@example(within='""', rrule='"\\r"', start='"2000-01-01"')  # found: a line break in a message split the output
def test_rule_parsed_values(within, rrule, start):
    process = read("processes/prosessi.yaml").replace("within: P3M", f"within: {within}")
    calendar = read("calendar/kalenteri.yaml").replace('"FREQ=YEARLY;INTERVAL=2;BYMONTH=3"', rrule) \
        .replace('"2025-03-01"', start)
    with model({"processes/prosessi.yaml": process.encode("utf-8"),
                "calendar/kalenteri.yaml": calendar.encode("utf-8")}) as root:
        validate(root)
