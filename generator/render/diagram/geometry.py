"""The layout's value types. Coordinates follow BPMN: origin top-left, y down, whole points."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def cy(self) -> int:
        return self.y + self.height // 2

    def inflate(self, d: int) -> Box:
        return Box(self.x - d, self.y - d, self.width + 2 * d, self.height + 2 * d)

    def overlaps(self, other: Box) -> bool:
        """True when the interiors intersect (touching borders do not count)."""
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def holds(self, x: float, y: float) -> bool:
        """True when (x, y) lies strictly inside."""
        return self.x < x < self.right and self.y < y < self.bottom


@dataclass(frozen=True, kw_only=True)
class Lane(Box):
    id: str  # organisation id
    label: str  # short name, else name
    name: str  # full name


@dataclass(frozen=True, kw_only=True)
class Node(Box):
    id: str  # step id
    kind: str  # start, task, decision, end
    lane: str
    lines: tuple[str, ...]  # the name, wrapped
    notes: tuple[str, ...] = ()  # markers: statutory, deadline, local
    label: Box | None = None  # text box below a start/end circle (lines and notes go there)
    timer: Box | None = None  # deadline timer on the task's lower border
    timer_label: Box | None = None
    timer_text: str = ""

    @property
    def extras(self) -> tuple[Box, ...]:
        return tuple(b for b in (self.label, self.timer, self.timer_label) if b is not None)


Point = tuple[int, int]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str | None
    waypoints: tuple[Point, ...]
    label_box: Box | None = None


@dataclass(frozen=True)
class Layout:
    process: str
    lanes: tuple[Lane, ...]
    nodes: tuple[Node, ...]  # in step order
    edges: tuple[Edge, ...]  # in flow order
    width: int
    height: int
    header: int  # width of the label area at the left of every lane

    @cached_property
    def _by_id(self) -> dict[str, Node]:  # not a field: equality and repr stay those of the fields
        return {n.id: n for n in self.nodes}

    def node(self, step_id: str) -> Node:
        return self._by_id[step_id]
