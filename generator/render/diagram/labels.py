"""Branch labels: a box beside the first segment of each labelled flow, clear of shapes, of other
labels and of other flows. Shapes and segments sit in column buckets, so each candidate box is
tested only against what is near it."""

from __future__ import annotations

from collections.abc import Iterable

from .geometry import Box, Point
from .text import LABEL_SIZE, even, text_width

BUCKET = 256  # points per bucket column


class Buckets:
    """Items by the x range they cover, in BUCKET-wide columns."""

    def __init__(self) -> None:
        self.cols: dict[int, list] = {}

    def add(self, x0: int, x1: int, item) -> None:
        for c in range(x0 // BUCKET, x1 // BUCKET + 1):
            self.cols.setdefault(c, []).append(item)

    def near(self, x0: int, x1: int) -> Iterable:
        seen: set[int] = set()
        for c in range(x0 // BUCKET, x1 // BUCKET + 1):
            for item in self.cols.get(c, ()):
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item


def segments(points: tuple[Point, ...]) -> list[tuple[Point, Point]]:
    return list(zip(points, points[1:], strict=False))


def crosses(box: Box, a: Point, b: Point) -> bool:
    """Whether the axis-parallel segment a-b enters the box's interior."""
    (x0, x1), (y0, y1) = sorted((a[0], b[0])), sorted((a[1], b[1]))
    if x0 == x1:
        return box.x < x0 < box.right and y0 < box.bottom and box.y < y1
    return box.y < y0 < box.bottom and x0 < box.right and box.x < x1


def label_box(text: str, points: tuple[Point, ...], taken: Buckets, lines: Buckets, own: int) -> Box:
    """Beside the first segment of the edge, on the first side free of shapes, labels and other edges.

    taken: boxes; lines: (edge number, a, b) segments; own: this edge's number."""
    w, h = even(text_width(text, LABEL_SIZE) + 6), 16
    (x, y), (x2, y2) = points[0], points[1]
    if y == y2:  # leaves sideways: above, else below the line
        bx = x + 6 if x2 > x else x - 6 - w
        cands = [Box(bx, y - h - 3, w, h), Box(bx, y + 3, w, h)]
    else:  # leaves up or down: right, else left of the line
        by = y + 4 if y2 > y else y - 4 - h
        cands = [Box(x + 5, by, w, h), Box(x - 5 - w, by, w, h)]
    for c in cands:
        if not any(c.overlaps(t) for t in taken.near(c.x, c.right)) and not any(
                k != own and crosses(c, a, b) for k, a, b in lines.near(c.x, c.right)):
            return c
    return cands[0]
