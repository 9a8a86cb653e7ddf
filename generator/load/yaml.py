"""Load YAML model files, keeping file, line and column for every value.

Mappings become `YDict` and sequences `YList`: plain dict/list subclasses that also remember where
they and each of their children stand, so that later stages (schema, overlay, rules) can point a
user at the exact spot. Hostile or broken input (duplicate keys, tabs, bad encodings, huge files,
alias bombs, deep nesting) becomes a diagnostic, never a hang or a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..diagnostics import Diagnostic, Severity
from . import files as safefiles

MAX_FILE_BYTES = 1 << 20  # 1 MiB: a model file is a few kilobytes; anything bigger is a mistake.
# Characters no output format can carry: C0/C1 controls but tab and line breaks, surrogates, non-characters.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# PyYAML's parser vocabulary, said the way a person editing the file thinks of it.
PLAIN_PROBLEMS = (
    ("expected <block end>", "this line is indented differently from the lines around it"),
    ("mapping values are not allowed here", "a ':' where YAML did not expect one; put text containing ': ' in quotes"),
    ("could not find expected ':'", "a line inside a mapping is not of the form 'key: value'"),
    ("found undefined alias", "'*' starts an alias; put text starting with '*' in quotes"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
)
MAX_NODES = 100_000  # values after alias expansion: stops "billion laughs" in a fraction of a second.
MAX_DEPTH = 200  # nesting levels; deeper input is refused before Python's recursion limit is near.
MAX_INT_BITS = 256  # larger integers are mistakes, and printing them can fail (int max str digits).
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break
# Bidirectional embeddings, overrides, isolates and marks make text display differently from what it
# says ("Trojan source"): refused. Zero-width characters are invisible: warned about. (The soft hyphen
# U+00AD is fine: Finnish uses it in long words.)
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
INVISIBLE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff]")
SUSPECT = re.compile(f"{CONTROL.pattern}|{BIDI.pattern}|{INVISIBLE.pattern}")
DEFAULT_TAG = {MappingNode: "tag:yaml.org,2002:map", SequenceNode: "tag:yaml.org,2002:seq",
               ScalarNode: "tag:yaml.org,2002:str"}
DEFAULT_TAGS = {DEFAULT_TAG[MappingNode], DEFAULT_TAG[SequenceNode]}

Pos = tuple[int, int]  # 1-based (line, column)


class YDict(dict):
    """A mapping that remembers its file and the positions of its keys and values."""

    file: str = "<unknown>"
    pos: Pos = (1, 1)
    layer: str = "national"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_pos: dict[str, Pos] = {}
        self.val_pos: dict[str, Pos] = {}
        # Set by the overlay stage for values a region replaced: they live in another file.
        self.val_file: dict[str, str] = {}
        self.val_layer: dict[str, str] = {}


class YList(list):
    """A sequence that remembers its file and the position of each item."""

    file: str = "<unknown>"
    pos: Pos = (1, 1)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_pos: list[Pos] = []


def child_pos(container: Any, key: Any) -> Pos | None:
    if isinstance(container, YDict) and key in container.val_pos:
        return container.val_pos[key]
    if isinstance(container, YList) and isinstance(key, int) and 0 <= key < len(container.item_pos):
        return container.item_pos[key]
    return None


def locate(data: Any, path: list[Any] | tuple[Any, ...], file: str | None = None) -> tuple[str, int, int]:
    """Walk `path` into `data` and return the deepest known (file, line, column)."""
    f = getattr(data, "file", file or "<unknown>")
    line, col = getattr(data, "pos", (1, 1))
    node = data
    for key in path:
        p = child_pos(node, key)
        if p is None:
            break
        line, col = p
        if isinstance(node, YDict):
            f = node.val_file.get(key, f)
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        f = getattr(node, "file", f)
    return f, line, col


def origin_of(node: Any, key: Any = None) -> tuple[str, int, int]:
    """(file, line, column) of a YDict/YList or of one of its children."""
    f = getattr(node, "file", "<unknown>")
    if key is not None:
        p = child_pos(node, key)
        if p is not None:
            if isinstance(node, YDict):
                f = node.val_file.get(key, f)
            return f, p[0], p[1]
    line, col = getattr(node, "pos", (1, 1))
    return f, line, col


@dataclass
class Document:
    path: str
    data: YDict | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        return self.data.get("kind") if isinstance(self.data, YDict) else None


class _LoadError(Exception):
    def __init__(self, code: str, line: int, col: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.line, self.col, self.message, self.hint = code, line, col, message, hint


def _pos(node: Node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _too_deep(line: int, col: int) -> _LoadError:
    return _LoadError("YAML006", line, col, f"values are nested more than {MAX_DEPTH} levels deep",
                      "Flatten the structure; model files never need this much nesting.")


BOOL = "tag:yaml.org,2002:bool"


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing deep nesting while composing (the composer is recursive).

    Booleans are YAML 1.2's true/false only: YAML 1.1 also read yes/no/on/off as booleans, so that
    `rules: {LANG001: off}` or a Norwegian `no` silently became false."""

    depth = 0
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != BOOL]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _too_deep(mark.line + 1, mark.column + 1)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_Loader.add_implicit_resolver(BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


Tags = Mapping[str, Callable[[Any], Any]]  # local tag -> function of the value it tags (mkdocs.yml's !ENV)


class _Converter:
    """Turns a composed YAML node graph into YDict/YList values, counting every value visited."""

    def __init__(self, file: str, tags: Tags | None = None) -> None:
        self.file = file
        self.budget = MAX_NODES
        self.scalars = SafeConstructor()
        self.tags = tags or {}
        self.warnings: list[Diagnostic] = []

    def convert(self, node: Node, depth: int = 0) -> Any:
        if node.tag in self.tags:
            tag, node.tag = node.tag, DEFAULT_TAG[type(node)]
            return self.tags[tag](self.convert(node, depth))
        self.budget -= 1
        if self.budget < 0:
            line, col = _pos(node)
            raise _LoadError(
                "YAML006", line, col,
                f"the document expands to more than {MAX_NODES} values (anchors/aliases?)",
                "Write values out instead of repeating them with anchors (&) and aliases (*).",
            )
        if depth > MAX_DEPTH:
            raise _too_deep(*_pos(node))
        if not isinstance(node, ScalarNode) and node.tag not in DEFAULT_TAGS:
            # PyYAML would drop a tag on a list or mapping silently (!!python/object/apply:os.system [..]).
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _LoadError("YAML001", *_pos(node), f"the tag {shown} is not allowed",
                             "Remove the tag (!...); model files hold plain text, numbers, lists and mappings.")
        if isinstance(node, MappingNode):
            out = YDict()
            out.file, out.pos = self.file, _pos(node)
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _LoadError("YAML007", *_pos(key_node), "merge keys (<<) are not supported",
                                     "Write the keys out in full.")
                if not isinstance(key_node, ScalarNode):
                    raise _LoadError("YAML007", *_pos(key_node), "a key must be plain text",
                                     "Use a simple word as the key.")
                key = str(key_node.value)
                if key in out:
                    first = out.key_pos[key]
                    raise _LoadError(
                        "YAML002", *_pos(key_node),
                        f"duplicate key '{key}' (first defined on line {first[0]})",
                        "Remove one of the two keys or merge their values; YAML would silently keep "
                        "only the last one.",
                    )
                out.key_pos[key] = _pos(key_node)
                out.val_pos[key] = _pos(value_node)
                out[key] = self.convert(value_node, depth + 1)
            return out
        if isinstance(node, SequenceNode):
            seq = YList()
            seq.file, seq.pos = self.file, _pos(node)
            for item in node.value:
                seq.item_pos.append(_pos(item))
                seq.append(self.convert(item, depth + 1))
            return seq
        # Dates and timestamps are kept as the text the user wrote: the schema decides what they mean.
        # (Converting first would fail on text that only looks like a date, such as 2025-13-45.)
        if node.tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)
        try:
            value = self.scalars.construct_object(node, deep=False)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            # Unknown tags (!foo, !!python/...), !!int abc, integers too long to convert, ...
            problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
            raise _LoadError("YAML001", *_pos(node), f"cannot read the value {str(node.value)[:40]!r}: {problem}",
                             "Remove the tag (!...) or write the value as plain text in quotes.") from None
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            raise _LoadError("YAML001", *_pos(node), "the number is too large",
                             "Write the value in quotes if it is an identifier, not a number.")
        if not isinstance(value, str) or not SUSPECT.search(value):
            return value
        if bad := CONTROL.search(value):
            # Escapes like "\0" or "\x1b" pass YAML's reader; no page, diagram or calendar can show them.
            raise _LoadError("YAML001", *_pos(node),
                             f"the text contains the control character U+{ord(bad.group()):04X}",
                             "Remove it (a line break is written as a new line, not as an escape).")
        if bad := BIDI.search(value):
            raise _LoadError("YAML008", *_pos(node),
                             f"the text contains the bidirectional control character U+{ord(bad.group()):04X}, "
                             "which makes it display differently from what it says",
                             "Remove it; Finnish and Swedish text never needs it.")
        if bad := INVISIBLE.search(value):
            self.warnings.append(Diagnostic(self.file, *_pos(node), "YAML009", Severity.WARNING,
                                            f"the text contains the invisible character U+{ord(bad.group()):04X}",
                                            "Remove it unless you know why it is there."))
        return value


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Count lines and columns in characters, as editors do, not in bytes.
        line, col = _line_col(raw[: exc.start].decode("utf-8", "replace").removeprefix("\ufeff"), None)
        raise _LoadError(
            "YAML004", line, col, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "Save the file as UTF-8 (most editors: 'Save with encoding' > UTF-8).",
        ) from None
    return text.removeprefix("\ufeff")


def _line_col(text: str, offset: int | None) -> Pos:
    """1-based (line, column) of character `offset` (default: the end) in text, counting YAML's line breaks."""
    lines = LINE_BREAK.split(text if offset is None else text[:offset])
    return len(lines), len(lines[-1]) + 1


def parse_text(text: str, file: str, tags: Tags | None = None, warnings: list[Diagnostic] | None = None) -> Any:
    """Parse one YAML document from text. Raises _LoadError; warnings (if a list is given) are appended."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise _LoadError("YAML001", line, col, f"the character U+{ord(char):04X} is not allowed in YAML",
                         "Remove the control character (it is often an invisible paste from another "
                         "program).") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if "'\\t'" in problem:  # the parser knows where a tab is illegal (not inside a | block)
            raise _LoadError("YAML003", line, col, "tab character in indentation",
                             "YAML indentation must use spaces; replace the tab with spaces.") from None
        if exc.context:
            problem = f"{problem} ({exc.context})"
        plain = next((words for pattern, words in PLAIN_PROBLEMS if pattern in problem), None)
        if plain:
            problem = f"{plain} ({problem})"
        raise _LoadError("YAML001", line, col, f"YAML syntax error: {problem}",
                         "Check the indentation and that every 'key: value' has a space after the "
                         "colon; quote text that contains ': ' or starts with a special character.") from None
    except yaml.YAMLError as exc:
        raise _LoadError("YAML001", 1, 1, f"YAML error: {exc}", "Fix the YAML syntax.") from None
    except RecursionError:
        raise _LoadError("YAML006", 1, 1, "values are nested too deeply",
                         "Flatten the structure; model files never need this much nesting.") from None
    if node is None:
        return None
    converter = _Converter(file, tags)
    try:
        data = converter.convert(node)
        if warnings is not None:
            warnings.extend(converter.warnings)
        return data
    except RecursionError:
        raise _LoadError("YAML006", 1, 1, "values are nested too deeply",
                         "Flatten the structure; model files never need this much nesting.") from None


def load_text(path: Path, display: str | None = None, limit: int = MAX_FILE_BYTES,
              tags: Tags | None = None) -> Document:
    """Read and parse one YAML file of any shape; problems come back as diagnostics on the document.

    Read through safefiles: a FIFO or device is never read from, nor more than `limit` bytes."""
    name = display or str(path)
    warnings: list[Diagnostic] = []
    try:
        try:
            raw = safefiles.read_bytes(path, limit)
        except safefiles.Refused as r:
            if r.code == "FILE004":
                raise _LoadError("YAML005", 1, 1, r.message,
                                 "Split the model into smaller files; a model file is normally a few kB.") from None
            raise _LoadError(r.code, 1, 1, r.message, r.hint) from None
        data = parse_text(_decode(raw), name, tags, warnings)
    except _LoadError as err:
        return Document(name, None, [Diagnostic(name, err.line, err.col, err.code, Severity.ERROR,
                                                err.message, err.hint)])
    except OSError as exc:
        return Document(name, None, [Diagnostic(name, 1, 1, "IO001", Severity.ERROR,
                                                f"cannot read the file: {exc.strerror}",
                                                "Check that the path exists and is readable.")])
    return Document(name, data, warnings)


def load_file(path: Path, display: str | None = None) -> Document:
    """Read and parse one model file (a mapping with a kind). Problems come back as diagnostics."""
    doc = load_text(path, display)
    if doc.data is None and doc.diagnostics and any(d.severity is Severity.ERROR for d in doc.diagnostics):
        return doc
    if not isinstance(doc.data, YDict):
        return Document(doc.path, None, [Diagnostic(
            doc.path, 1, 1, "YAML007", Severity.ERROR, "the file must contain a mapping with a 'kind' key",
            "Start the file with 'kind: <process|roles|raci|calendar|...>'.")])
    return doc
