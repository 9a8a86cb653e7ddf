"""Orthogonal edge routing: A* on a sparse grid around the shapes.

The grid is the lines MARGIN outside every shape, every node's centre lines and the midlines between
them; a path's cost is its length plus a cost per bend, plus a surcharge for grid already taken by an
earlier edge, so that parallel flows stay apart. Which grid points and steps lie inside a shape is
worked out once, in index space (a shape covers a rectangle of grid cells), so a search step is a
table look-up instead of a test against every shape. Each search runs in a window around its two
ends, widened only when no path fits, so routing n flows costs about n times the work of one.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from ...model import Flow, Process
from .geometry import Box, Node, Point

MARGIN = 18  # clearance kept between an edge and any shape
BEND, REUSE = 30, 1.5  # router costs: per bend, and per unit of grid already used by another edge
RUN_BUCKET = 512  # points per bucket of the runs earlier flows took
WINDOW = 400  # points searched beyond the ends' extent before the window is widened

DIRS = {"E": (1, 0), "W": (-1, 0), "S": (0, 1), "N": (0, -1)}
_D = tuple(DIRS.values())  # direction index 0..3 -> (dx, dy), in the order of DIRS
_BACK = (1, 0, 3, 2)  # the opposite of each direction index
_INDEX = {d: k for k, d in enumerate(DIRS)}
_RUNS = tuple(bin(m).count("1") for m in range(16))  # directions in a bit set (bit k: direction k)
SOURCE_COST = {"E": 0, "S": 25, "N": 25, "W": 120}
TARGET_COST = {"W": 0, "N": 25, "S": 25, "E": 120}


def ports(n: Node) -> dict[str, Point]:
    """Side midpoints (a diamond's corners, a circle's compass points); none under an event's label."""
    out = {"E": (n.right, n.cy), "W": (n.x, n.cy), "N": (n.cx, n.y), "S": (n.cx, n.bottom)}
    if n.label is not None:
        del out["S"]
    return out


def with_midlines(values: Iterable[int]) -> list[int]:
    vs = sorted(set(values))
    mids = {(a + b) // 2 for a, b in zip(vs, vs[1:], strict=False) if b - a > 1}
    return sorted(set(vs) | mids)


def simplify(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if out and p == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
        else:
            out.append(p)
    return out


def _inside(lo: float, hi: float, values: list) -> range:
    """Indices of the grid values strictly between lo and hi."""
    return range(bisect_right(values, lo), bisect_left(values, hi))


def _within(lo: int, hi: int, values: list[int]) -> range:
    """Indices i of the grid steps values[i] -> values[i + 1] that lie within [lo, hi]."""
    return range(bisect_left(values, lo), bisect_right(values, hi) - 1)


class Router:
    """Routes flows one after another; each search runs on the grid of a window around its ends,
    made of the shapes in that window only (a shape far away adds no lines there)."""

    def __init__(self, obstacles: list[Box], area: Box, centres: Iterable[Point]):
        self.blocks = sorted((b.inflate(MARGIN) for b in obstacles), key=lambda b: (b.x, b.y, b.width, b.height))
        self.block_x = [b.x for b in self.blocks]
        self.widest = max((b.width for b in self.blocks), default=0)
        self.centres = sorted(set(centres))
        self.area = area
        # Grid already taken by earlier flows, in points (windows differ, so grid indices would not do):
        # (y, x // RUN_BUCKET) -> [(x0, x1)] horizontal runs (a lane's centre line carries runs along the
        # whole diagram: a window reads only its buckets), x -> [(y0, y1)] vertical runs.
        self.taken_h: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self.taken_v: dict[int, list[tuple[int, int]]] = {}

    def grid(self, lo: int, hi: int) -> Grid:
        x0, x1 = max(self.area.x, lo), min(self.area.right, hi)
        near = self.blocks[bisect_left(self.block_x, x0 - self.widest):bisect_right(self.block_x, x1)]
        centres = self.centres[bisect_left(self.centres, (x0, -10**9)):bisect_right(self.centres, (x1, 10**9))]
        return Grid([b for b in near if b.right >= x0], Box(x0, self.area.y, x1 - x0, self.area.height), centres,
                    self.taken_h, self.taken_v)

    def route(self, starts: list[tuple[Point, str, int]], ends: list[tuple[Point, str, int]]) -> list[Point]:
        """starts/ends: (port on the shape's border, direction leaving/entering it, extra cost)."""
        xs = [p[0] for p, _, _ in starts + ends]
        pad = WINDOW
        while True:
            lo, hi = min(xs) - pad, max(xs) + pad
            points = self.grid(lo, hi).search(starts, ends)
            if points is not None:
                break
            if lo <= self.area.x and hi >= self.area.right:
                raise ValueError("no orthogonal route")  # the area always has a free ring: a bug
            pad *= 4
        for a, b in zip(points[1:-1], points[2:-1], strict=False):  # the grid part, not the port stubs
            if a[1] == b[1]:
                x0, x1 = min(a[0], b[0]), max(a[0], b[0])
                for k in range(x0 // RUN_BUCKET, x1 // RUN_BUCKET + 1):
                    self.taken_h.setdefault((a[1], k), []).append((x0, x1))
            else:
                self.taken_v.setdefault(a[0], []).append((min(a[1], b[1]), max(a[1], b[1])))
        return simplify(points)


class Grid:
    """The sparse grid of one window: the lines MARGIN outside every shape, every node's centre lines
    and the midlines between them. Grid point (i, j) is (xs[i], ys[j]), cell number i*ny + j."""

    def __init__(self, blocks: list[Box], area: Box, centres: Iterable[Point],
                 taken_h: dict[tuple[int, int], list[tuple[int, int]]], taken_v: dict[int, list[tuple[int, int]]]):
        xs, ys = {area.x, area.right}, {area.y, area.bottom}
        for b in blocks:
            xs |= {b.x, b.right}
            ys |= {b.y, b.bottom}
        for cx, cy in centres:
            xs.add(cx)
            ys.add(cy)
        self.xs = with_midlines(v for v in xs if area.x <= v <= area.right)
        self.ys = with_midlines(v for v in ys if area.y <= v <= area.bottom)
        self.xi = {v: i for i, v in enumerate(self.xs)}
        self.yi = {v: i for i, v in enumerate(self.ys)}
        nx, ny = len(self.xs), len(self.ys)
        self.ny = ny
        # point[c]: grid point c lies inside a shape; east[c] / south[c]: the step from c to its east or
        # south neighbour passes through one (its middle is inside: every border is a grid line).
        # used_e / used_s: that step is part of an earlier flow.
        self.point, self.east, self.south = bytearray(nx * ny), bytearray(nx * ny), bytearray(nx * ny)
        self.used_e, self.used_s = bytearray(nx * ny), bytearray(nx * ny)
        xs_mid = [(a + b) / 2 for a, b in zip(self.xs, self.xs[1:], strict=False)]
        ys_mid = [(a + b) / 2 for a, b in zip(self.ys, self.ys[1:], strict=False)]
        for b in blocks:
            cols, rows = _inside(b.x, b.right, self.xs), _inside(b.y, b.bottom, self.ys)
            mid_cols, mid_rows = _inside(b.x, b.right, xs_mid), _inside(b.y, b.bottom, ys_mid)
            for i in cols:
                for j in rows:
                    self.point[i * ny + j] = 1
                for j in mid_rows:
                    self.south[i * ny + j] = 1
            for i in mid_cols:
                for j in rows:
                    self.east[i * ny + j] = 1
        buckets = range(area.x // RUN_BUCKET, area.right // RUN_BUCKET + 1)
        for j, y in enumerate(self.ys):
            for a, b in (run for k in buckets for run in taken_h.get((y, k), ())):
                for i in _within(a, b, self.xs):
                    self.used_e[i * ny + j] = 1
        for i, x in enumerate(self.xs):
            for a, b in taken_v.get(x, ()):
                for j in _within(a, b, self.ys):
                    self.used_s[i * ny + j] = 1

    def _cell(self, p: Point) -> int | None:
        i, j = self.xi.get(p[0]), self.yi.get(p[1])
        if i is None or j is None or self.point[i * self.ny + j]:
            return None
        return i * self.ny + j

    def search(self, starts: list[tuple[Point, str, int]], ends: list[tuple[Point, str, int]]) -> list[Point] | None:
        """The cheapest path from a start port to an end port (ports included), None if none fits."""
        goal: dict[int, list[tuple[Point, int, int]]] = {}
        for port, d, cost in ends:
            dx, dy = DIRS[d]
            c = self._cell((port[0] - dx * MARGIN, port[1] - dy * MARGIN))
            if c is not None:
                goal.setdefault(c, []).append((port, _INDEX[d], cost))
        first: list[tuple[int, int, int, Point]] = []
        for port, d, cost in starts:
            dx, dy = DIRS[d]
            c = self._cell((port[0] + dx * MARGIN, port[1] + dy * MARGIN))
            if c is not None:
                first.append((c, _INDEX[d], cost, port))
        if not goal or not first:
            return None
        xs, ys, ny, nx = self.xs, self.ys, self.ny, len(self.xs)
        point, east, south, used_e, used_s = self.point, self.east, self.south, self.used_e, self.used_s
        targets = [(xs[c // ny], ys[c % ny], 1 << din, cost + MARGIN)
                   for c, entries in goal.items() for _, din, cost in entries]

        def h(c: int, d: int) -> float:
            """Length plus the bends still needed: every direction the rest must take (the current
            one, the final one, towards the goal on each axis) starts a run."""
            x, y = xs[c // ny], ys[c % ny]
            low = float("inf")
            for gx, gy, fin, extra in targets:
                dx, dy = gx - x, gy - y
                runs = _RUNS[(1 << d) | fin | (dx > 0) | (dx < 0) << 1 | (dy > 0) << 2 | (dy < 0) << 3]
                low = min(low, abs(dx) + abs(dy) + BEND * (runs - 1) + extra)
            return low

        heap: list = []
        tick = 0
        for c, d, cost, port in first:
            g = cost + MARGIN
            heap.append((g + h(c, d), tick, g, c * 4 + d, ("START", port)))
            tick += 1
        heapq.heapify(heap)
        best: set = set()
        prev: dict = {}
        while heap:
            _, _, g, state, parent = heapq.heappop(heap)
            if state in best:
                continue
            best.add(state)
            prev[state] = parent
            if isinstance(state, tuple):  # ("END", port)
                return self._path(prev, state)
            c, d = divmod(state, 4)
            for port, din, cost in goal.get(c, ()):
                end = ("END", port)
                if end not in best:
                    total = g + cost + MARGIN + (BEND if din != d else 0)
                    heapq.heappush(heap, (total, tick, total, end, state))
                    tick += 1
            i, j = divmod(c, ny)
            for nd in range(4):
                if nd == _BACK[d]:
                    continue
                dx, dy = _D[nd]
                ni, nj = i + dx, j + dy
                if not (0 <= ni < nx and 0 <= nj < ny):
                    continue
                q = ni * ny + nj
                if point[q]:
                    continue
                if dx:
                    low = c if dx > 0 else q
                    if east[low]:
                        continue
                    length = abs(xs[ni] - xs[i])
                    reuse = used_e[low]
                else:
                    low = c if dy > 0 else q
                    if south[low]:
                        continue
                    length = abs(ys[nj] - ys[j])
                    reuse = used_s[low]
                ns = q * 4 + nd
                if ns in best:
                    continue
                ng = g + length + (BEND if nd != d else 0) + (REUSE * length if reuse else 0)
                heapq.heappush(heap, (ng + h(q, nd), tick, ng, ns, state))
                tick += 1
        return None

    def _path(self, prev: dict, end) -> list[Point]:
        cells, state = [], prev[end]
        while not isinstance(state, tuple):
            cells.append(state // 4)
            state = prev[state]
        cells.reverse()
        return [state[1], *((self.xs[c // self.ny], self.ys[c % self.ny]) for c in cells), end[1]]


def route_all(process: Process, nodes: dict[str, Node], area: Box) -> list[tuple[Flow, tuple[Point, ...]]]:
    """Each drawable flow (target exists) with its waypoints, in flow order."""
    obstacles = [b for n in nodes.values() for b in (n, *n.extras)]
    router = Router(obstacles, area, ((n.cx, n.cy) for n in nodes.values()))
    used: dict[tuple[str, str], set[str]] = {}  # (node, "in"/"out") -> sides taken
    flows = [f for f in process.flows if f.target in nodes]

    def rank(k: int) -> int:
        """Straight forward flows first, so no branch takes their side; loops back last."""
        src, tgt = nodes[flows[k].source], nodes[flows[k].target]
        return 2 if tgt.x <= src.x else 0 if src.cy == tgt.cy else 1

    routes: list = [None] * len(flows)
    for k in sorted(range(len(flows)), key=rank):
        src, tgt = nodes[flows[k].source], nodes[flows[k].target]
        src_out, src_in = used.setdefault((src.id, "out"), set()), used.setdefault((src.id, "in"), set())
        tgt_out, tgt_in = used.setdefault((tgt.id, "out"), set()), used.setdefault((tgt.id, "in"), set())
        # A side carries flows one way only; branches leave by separate sides (their labels sit
        # there); flows may merge into one side, but spread out when that costs little.
        starts = [(p, d, SOURCE_COST[d] + 400 * (d in src_out or d in src_in)) for d, p in ports(src).items()]
        ends = [(p, opposite(d), TARGET_COST[d] + 60 * (d in tgt_in) + 400 * (d in tgt_out))
                for d, p in ports(tgt).items()]
        points = router.route(starts, ends)
        src_out.add(side(src, points[0]))
        tgt_in.add(side(tgt, points[-1]))
        routes[k] = (flows[k], tuple(points))
    return routes


def opposite(d: str) -> str:
    return {"E": "W", "W": "E", "N": "S", "S": "N"}[d]


def side(n: Node, p: Point) -> str:
    return next(d for d, q in ports(n).items() if q == p)
