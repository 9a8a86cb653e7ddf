"""Targeted line edits of a YAML file at the positions the loader recorded.

Why not a round-trip YAML library: an import must change only the edited cells. Replacing one scalar,
deleting one `key: value` line or inserting one line keeps every comment, blank line, quote style and
folded text of the file by construction, and an unchanged import touches no byte at all.
Block mappings (`key: value` on its own line, as the model files are written) get line edits; a one-line
flow mapping (`{a: R, b: C}`) is written anew in its order; a flow mapping over several lines is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..load.yaml import YDict

_SCALAR = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'|[^\s#,\[\]{}]+')


class EditError(Exception):
    """The file cannot be edited safely at this place; str() says where and what to do."""


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    s = line.strip()
    return bool(s) and not s.startswith("#")


@dataclass
class TextFile:
    """One file's text as lines; edits are collected and applied bottom-up so positions stay valid."""

    path: str
    text: str
    lines: list[str] = field(init=False)
    newline: str = field(init=False)
    _replace: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict, init=False)
    _deleted: set[int] = field(default_factory=set, init=False)
    _insert: dict[int, list[str]] = field(default_factory=dict, init=False)
    _flows: dict[tuple[int, int], dict] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.lines = self.text.splitlines(keepends=True)
        self.newline = "\r\n" if "\r\n" in self.text else "\n"
        self._added_newline = bool(self.lines) and not self.lines[-1].endswith(("\n", "\r"))
        if self._added_newline:
            self.lines[-1] += self.newline  # so an insertion after the last line starts on its own line

    def line(self, n: int) -> str:
        return self.lines[n - 1]

    def block_end(self, start: int, column: int) -> int:
        """The last content line of the block that starts on line `start` at 1-based `column`:
        following lines belong to it while they are indented deeper (comments and blanks don't end it)."""
        end = start
        for n in range(start + 1, len(self.lines) + 1):
            ln = self.lines[n - 1]
            if not _content(ln):
                continue
            if indent(ln) < column:
                break
            end = n
        return end

    # Edits are recorded against the original line numbers and applied together in result().
    def replace_scalar(self, pos: tuple[int, int], new: str) -> None:
        line, col = pos
        m = _SCALAR.match(self.line(line), col - 1)
        if m is None:
            raise EditError(f"{self.path}:{line}:{col}: expected a value here")
        self._replace.setdefault(line, []).append((m.start(), m.end(), new))

    def delete_lines(self, first: int, last: int) -> None:
        self._deleted.update(range(first, last + 1))

    def delete_item(self, first: int, last: int) -> None:
        """Delete lines first..last and one run of the blank lines that separated them from their neighbours."""
        before = first
        while before > 1 and not self.lines[before - 2].strip():
            before -= 1
        after = last
        while after < len(self.lines) and not self.lines[after].strip():
            after += 1
        self.delete_lines(before if before < first else first, last if before < first else after)

    def flow_entry(self, line: int, col: int, mapping: YDict, entry: str, value: str | None) -> None:
        """Edit a one-line flow mapping `{a: R, b: C}` starting at (line, col): it is written anew,
        in its order, with the entry replaced, appended or left out."""
        start = col - 1
        end = self.line(line).find("}", start)
        if end < 0:
            raise EditError(f"{self.path}:{line}:{col}: a flow mapping over several lines; write one "
                            "'role: letter' a line (or all on one line) and import again")
        state = self._flows.setdefault((line, start), dict(mapping))
        if value is None:
            state.pop(entry, None)
        else:
            state[entry] = value
        text = "{" + ", ".join(f"{k}: {'null' if v is None else v}" for k, v in state.items()) + "}"
        self._replace[line] = [r for r in self._replace.get(line, []) if r[0] != start] + [(start, end + 1, text)]

    def insert_after(self, line: int, new_lines: list[str]) -> None:
        self._insert.setdefault(line, []).extend(new_lines)

    def result(self) -> str:
        out = [x + self.newline for x in self._insert.get(0, [])]
        for n, text in enumerate(self.lines, start=1):
            for start, end, new in sorted(self._replace.get(n, []), reverse=True):
                text = text[:start] + new + text[end:]
            if n not in self._deleted:
                out.append(text)
            out += [x + self.newline for x in self._insert.get(n, [])]
        joined = "".join(out)
        last = len(self.lines)
        if self._added_newline and last not in self._deleted and last not in self._insert:
            joined = joined[: -len(self.newline)]  # the last line had no line break: keep it so
        return joined


def set_entry(f: TextFile, owner: YDict, key: str, entry: str, value: str | None) -> None:
    """Within the mapping owner[key]: replace, add (value not None) or delete (None) `entry`."""
    mapping = owner[key]
    if not isinstance(mapping, YDict):
        raise EditError(f"{f.path}:{owner.key_pos[key][0]}: '{key}' is not a mapping")
    line, col = owner.val_pos[key]
    if f.line(line)[col - 1:col] == "{":
        f.flow_entry(line, col, mapping, entry, value)
        return
    if entry in mapping:
        line, col = mapping.key_pos[entry]
        if value is None:
            f.delete_lines(line, f.block_end(line, col))
        else:
            f.replace_scalar(mapping.val_pos[entry], value)
        return
    if value is None:
        return
    last = list(mapping)[-1]
    line, col = mapping.key_pos[last]
    f.insert_after(f.block_end(line, col), [" " * (col - 1) + f"{entry}: {value}"])


def item_span(f: TextFile, item_pos: tuple[int, int]) -> tuple[int, int, int]:
    """(first line, last line, dash column) of the sequence item whose content starts at item_pos."""
    line, col = item_pos
    text = f.line(line)
    dash = text.rfind("-", 0, col - 1)
    if dash < 0 or text[:dash].strip():
        raise EditError(f"{f.path}:{line}:{col}: expected a '- ' list item here")
    return line, f.block_end(line, dash + 1), dash + 1
