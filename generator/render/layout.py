"""One layout of a process, shared by the swimlane SVG and the BPMN export, so the two never disagree.

Lanes are horizontal bands (one per organisation that has steps, in the model's organisation order);
the process flows left to right. Graphviz `dot` ranks the flow graph (it breaks cycles and orders
each rank to reduce crossings); we turn its ranks into columns, place each node inside its lane's
band and route every edge orthogonally on a sparse grid around the shapes. Coordinates follow BPMN:
origin top-left, y down, whole points, every width and height even so centres are whole too.
"""

from __future__ import annotations

import heapq
import json
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import count

from ..model import Flow, Model, Process, Step

POOL_HEADER = 30  # the BPMN pool's name band, left of the lanes
LANE_HEADER = 124  # least width of the lane label area inside each lane
LANE_PAD = 26  # free band above and below the nodes of a lane
LANE_MIN_HEIGHT = 110
COL_GAP = 72  # between columns; widened for branch labels
STACK_GAP = 36  # between nodes sharing a lane and a column
RIGHT_PAD = 40
MARGIN = 18  # clearance kept between an edge and any shape
BEND, REUSE = 30, 1.5  # router costs: per bend, and per unit of grid already used by another edge

NAME_SIZE, NOTE_SIZE, LABEL_SIZE = 12, 10, 11
EVENT = 36  # start/end circle and timer diameter
TIMER_INSET = 12  # timer's distance from the task's left edge

WORDS = {
    "fi": {"local": "(paikallinen)", "changed": "(muutettu paikallisesti)", "statutory": "§ lakisääteinen",
           "from": "alkaen", "every": "vähintään {d} välein", "units": {"Y": "v", "M": "kk", "W": "vk", "D": "pv"}},
    "sv": {"local": "(lokal)", "changed": "(lokalt ändrad)", "statutory": "§ lagstadgad",
           "from": "från", "every": "minst var {d}", "units": {"Y": "år", "M": "mån", "W": "v", "D": "d"}},
    "en": {"local": "(local)", "changed": "(changed locally)", "statutory": "§ statutory",
           "from": "from", "every": "at least every {d}", "units": {"Y": "y", "M": "mo", "W": "wk", "D": "d"}},
}
CLOCK = "◷"  # U+25F7: in DejaVu and the common system fonts, unlike the stopwatch emoji


def words(lang: str) -> dict:
    return WORDS.get(lang, WORDS["fi"])


# ---------------------------------------------------------------- geometry


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

    def node(self, step_id: str) -> Node:
        return next(n for n in self.nodes if n.id == step_id)


# ---------------------------------------------------------------- text


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot carry (lxml and Graphviz would refuse them)."""
    return _NOT_XML.sub("", text)


def _even(v: float) -> int:
    return int(-(-v // 2) * 2)


def text_width(text: str, size: int) -> int:
    """A generous estimate (DejaVu Sans is the widest usual fallback), so text fits its box everywhere."""
    em = sum(0.32 if c in "il.,:;'|!()[] " else 0.9 if c in "mwMW@" else 0.72 if c.isupper() else 0.62
             for c in text)
    return _even(em * size)


def wrap(text: str, limit: int, size: int) -> tuple[str, ...]:
    """Greedy word wrap to `limit` points; newlines count as spaces; a longer word keeps its own line."""
    lines: list[str] = []
    for word in xml_safe(text).split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= limit:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def duration(iso: str, lang: str = "fi") -> str:
    """'P3M' -> '3 kk'; anything with a time part or otherwise unusual stays ISO."""
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", iso)
    if not m or not any(m.groups()):
        return iso
    units = words(lang)["units"]
    return " ".join(f"{n} {units[u]}" for n, u in zip(m.groups(), "YMWD", strict=True) if n)


def deadline_note(step: Step, process: Process, lang: str) -> str | None:
    dl = step.deadline
    if dl is None:
        return None
    w = words(lang)
    src = process.step(dl.from_step)
    src_name = src.name.get(lang) if src else dl.from_step
    d = duration(dl.within, lang)
    if dl.repeat:  # the first time counts from src; the rhythm is what people need to see
        return f"{CLOCK} {w['every'].format(d=d)}"
    return f"{CLOCK} {d} {w['from']}: {src_name}"


def step_notes(step: Step, process: Process, lang: str) -> tuple[str, ...]:
    w = words(lang)
    notes = [w["statutory"]] if step.statutory else []
    if (dl := deadline_note(step, process, lang)) is not None:
        notes.append(dl)
    if step.local:
        notes.append(w["local"])
    elif step.changed_fields:
        notes.append(w["changed"])
    return tuple(notes)


def _lines_size(lines: Iterable[str], notes: Iterable[str]) -> tuple[int, int]:
    lines, notes = tuple(lines), tuple(notes)
    width = max([text_width(s, NAME_SIZE) for s in lines] + [text_width(s, NOTE_SIZE) for s in notes])
    return width, len(lines) * 16 + len(notes) * 13


# ---------------------------------------------------------------- nodes


def _shape(step: Step, process: Process, lang: str) -> Node:
    """A node at the origin, sized for its text; _place moves it."""
    name = step.name.get(lang)
    notes = tuple(n for note in step_notes(step, process, lang) for n in wrap(note, 170, NOTE_SIZE))
    kind = step.type if step.type in ("start", "task", "decision", "end") else "task"
    common = {"id": step.id, "kind": kind, "lane": step.lane, "notes": notes}
    if kind in ("start", "end"):
        lines = wrap(name, 130, NAME_SIZE)
        w, h = _lines_size(lines, notes)
        label = Box(EVENT // 2 - _even(w + 4) // 2, EVENT + 4, _even(w + 4), _even(h + 2))
        return Node(0, 0, EVENT, EVENT, lines=lines, label=label, **common)
    if kind == "decision":
        lines = wrap(name, 120, NAME_SIZE)
        w, h = _lines_size(lines, notes)
        # The text block fits a diamond when w/W + h/H <= 1; 1.8x leaves a little air.
        return Node(0, 0, max(110, _even(w * 1.8 + 16)), max(64, _even(h * 1.8 + 16)), lines=lines, **common)
    lines = wrap(name, 150, NAME_SIZE)
    w, h = _lines_size(lines, notes)
    pad = 24 if step.deadline is None else 44  # keep centred text clear of the timer on the border
    node = Node(0, 0, max(150, _even(w + 24)), max(64, _even(h + pad)), lines=lines, **common)
    if step.deadline is None:
        return node
    text = duration(step.deadline.within, lang)
    timer = Box(TIMER_INSET, node.height - EVENT // 2, EVENT, EVENT)
    tw = _even(text_width(text, NOTE_SIZE) + 4)
    tlabel = Box(timer.cx - tw // 2, timer.bottom + 2, tw, 14)
    return Node(0, 0, node.width, node.height, lines=lines, timer=timer, timer_label=tlabel, timer_text=text,
                **common)


def _below(n: Node) -> int:
    """How far a node's extras reach below its box."""
    return max([b.bottom - n.height for b in n.extras] + [0])


def _span(n: Node) -> tuple[int, int]:
    """Horizontal extent from the box's left edge (an event's label may be wider than its circle)."""
    return min([b.x for b in n.extras] + [0]), max([b.right for b in n.extras] + [n.width])


def _moved(n: Node, x: int, y: int) -> Node:
    def mv(b: Box | None) -> Box | None:
        return None if b is None else Box(b.x + x, b.y + y, b.width, b.height)

    return Node(x, y, n.width, n.height, id=n.id, kind=n.kind, lane=n.lane, lines=n.lines, notes=n.notes,
                label=mv(n.label), timer=mv(n.timer), timer_label=mv(n.timer_label), timer_text=n.timer_text)


# ---------------------------------------------------------------- ranks from graphviz


def dot_quote(s: str) -> str:
    """A DOT id or attribute value in double quotes (Graphviz reads \\ and \" escapes)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ranks(process: Process) -> dict[str, tuple[int, float]]:
    """step id -> (column, order within the column, top first), from `dot` with rankdir=LR."""
    ids = [s.id for s in process.steps]
    lines = ["digraph G {", "rankdir=LR;", 'node [shape=box fixedsize=true width=1.5 height=0.8 label=""];']
    lines += [f"{dot_quote(i)};" for i in ids]
    lines += [f"{dot_quote(f.source)} -> {dot_quote(f.target)};" for f in process.flows if f.target in ids]
    lines.append("}")
    out = subprocess.run(["dot", "-Tjson"], input="\n".join(lines), capture_output=True, text=True, check=True)
    pos = {o["name"]: tuple(map(float, o["pos"].split(","))) for o in json.loads(out.stdout).get("objects", [])
           if "pos" in o}
    xs = sorted({round(x) for x, _ in pos.values()})
    return {i: (xs.index(round(pos[i][0])), -pos[i][1]) for i in ids}


# ---------------------------------------------------------------- placing


def _lane_order(process: Process, model: Model) -> list[str]:
    used = {s.lane for s in process.steps}
    known = [o.id for o in model.organisations if o.id in used]
    unknown = list(dict.fromkeys(s.lane for s in process.steps if s.lane not in known))
    return known + unknown


def _lane_label(model: Model, org_id: str, lang: str) -> tuple[str, str]:
    org = model.organisation(org_id)
    if org is None:
        return org_id, org_id
    name = org.name.get(lang)
    return (org.short.get(lang) if org.short else name), name


def _flow_label(flow: Flow, lang: str) -> str | None:
    return flow.label.get(lang) if flow.label else None


def _place(process: Process, model: Model, lang: str) -> tuple[list[Lane], dict[str, Node], int, int]:
    shapes = {s.id: _shape(s, process, lang) for s in process.steps}
    ranks = _ranks(process)
    ncols = max(c for c, _ in ranks.values()) + 1
    lane_labels = {org: _lane_label(model, org, lang) for org in _lane_order(process, model)}
    # Wide enough for the longest word of a lane label (a word cannot wrap).
    header = max([LANE_HEADER] + [_even(text_width(w, NAME_SIZE) + 16)
                                  for label, _ in lane_labels.values() for w in label.split()])

    # Columns: as wide as their widest node, the gap after each wide enough for its branch labels.
    x, col_x = POOL_HEADER + header + 32, []
    for c in range(ncols):
        members = [shapes[i] for i, (col, _) in ranks.items() if col == c]
        left = max(n.width // 2 - _span(n)[0] for n in members)  # from the centre line
        right = max(_span(n)[1] - n.width // 2 for n in members)
        col_x.append(x + left)
        branches = [_flow_label(f, lang) for s in process.steps if ranks[s.id][0] == c for f in s.flows]
        gap = max([COL_GAP] + [text_width(t, LABEL_SIZE) + 36 for t in branches if t])
        x += left + right + gap
    total_width = x - gap + RIGHT_PAD

    lanes, nodes, y = [], {}, 0
    for org, (label, name) in lane_labels.items():
        stacks = {}
        for s in process.steps:
            if s.lane == org:
                stacks.setdefault(ranks[s.id][0], []).append(shapes[s.id])
        for stack in stacks.values():
            stack.sort(key=lambda n: ranks[n.id][1])
        singles = [st[0] for st in stacks.values() if len(st) == 1]
        up = max([n.height // 2 for n in singles] + [0])
        down = max([n.height // 2 + _below(n) for n in singles] + [0])
        inner = max([_stack_height(st) for st in stacks.values()] + [up + down])
        height = max(LANE_MIN_HEIGHT, _even(inner + 2 * LANE_PAD))
        top = y + (height - inner) // 2
        for col, stack in stacks.items():
            cx = col_x[col]
            if len(stack) == 1:  # singles share one centre line, so flows along a lane run straight
                n = stack[0]
                nodes[n.id] = _moved(n, cx - n.width // 2, top + (inner - up - down) // 2 + up - n.height // 2)
                continue
            cur = top + (inner - _stack_height(stack)) // 2
            for n in stack:
                nodes[n.id] = _moved(n, cx - n.width // 2, cur)
                cur += n.height + _below(n) + STACK_GAP
        lanes.append(Lane(POOL_HEADER, y, total_width - POOL_HEADER, height, id=org, label=label, name=name))
        y += height
    return lanes, nodes, total_width, header


def _stack_height(stack: list[Node]) -> int:
    return sum(n.height + _below(n) for n in stack) + STACK_GAP * (len(stack) - 1)


# ---------------------------------------------------------------- orthogonal routing

DIRS = {"E": (1, 0), "W": (-1, 0), "S": (0, 1), "N": (0, -1)}


def _ports(n: Node) -> dict[str, Point]:
    """Side midpoints (a diamond's corners, a circle's compass points); none under an event's label."""
    ports = {"E": (n.right, n.cy), "W": (n.x, n.cy), "N": (n.cx, n.y), "S": (n.cx, n.bottom)}
    if n.label is not None:
        del ports["S"]
    return ports


class _Router:
    """Shortest orthogonal paths on a sparse grid: the lines MARGIN outside every shape, every node's
    centre lines and the midlines between them; cost is length plus bends, plus reuse of grid already
    taken by earlier edges so that parallel flows stay apart."""

    def __init__(self, obstacles: list[Box], area: Box, centres: Iterable[Point]):
        self.blocks = [b.inflate(MARGIN) for b in obstacles]
        xs, ys = {area.x, area.right}, {area.y, area.bottom}
        for b in self.blocks:
            xs |= {b.x, b.right}
            ys |= {b.y, b.bottom}
        for cx, cy in centres:
            xs.add(cx)
            ys.add(cy)
        self.xs = _with_midlines(v for v in xs if area.x <= v <= area.right)
        self.ys = _with_midlines(v for v in ys if area.y <= v <= area.bottom)
        self.xi = {v: i for i, v in enumerate(self.xs)}
        self.yi = {v: i for i, v in enumerate(self.ys)}
        self.used: set[tuple[Point, Point]] = set()

    def free(self, x: float, y: float) -> bool:
        return not any(b.holds(x, y) for b in self.blocks)

    def _step(self, p: Point, d: str) -> Point | None:
        i, j = self.xi[p[0]] + DIRS[d][0], self.yi[p[1]] + DIRS[d][1]
        if not (0 <= i < len(self.xs) and 0 <= j < len(self.ys)):
            return None
        q = (self.xs[i], self.ys[j])
        # Every shape's border is a grid line, so a step is clear if its end and its middle are.
        if self.free(*q) and self.free((p[0] + q[0]) / 2, (p[1] + q[1]) / 2):
            return q
        return None

    def route(self, starts: list[tuple[Point, str, int]], ends: list[tuple[Point, str, int]]) -> list[Point]:
        """starts/ends: (port on the shape's border, direction leaving/entering it, extra cost)."""
        goal: dict[Point, list[tuple[Point, str, int]]] = {}
        for port, d, cost in ends:
            stub = (port[0] - DIRS[d][0] * MARGIN, port[1] - DIRS[d][1] * MARGIN)
            if stub[0] in self.xi and stub[1] in self.yi and self.free(*stub):
                goal.setdefault(stub, []).append((port, d, cost))
        tick = count()
        heap: list = []
        best: dict = {}

        def h(p: Point) -> int:
            return min(abs(p[0] - g[0]) + abs(p[1] - g[1]) for g in goal) if goal else 0

        for port, d, cost in starts:
            stub = (port[0] + DIRS[d][0] * MARGIN, port[1] + DIRS[d][1] * MARGIN)
            if stub[0] in self.xi and stub[1] in self.yi and self.free(*stub):
                g = cost + MARGIN
                heapq.heappush(heap, (g + h(stub), next(tick), g, (stub, d), ("START", port)))
        prev: dict = {}
        while heap:
            _, _, g, state, parent = heapq.heappop(heap)
            if state in best:
                continue
            best[state] = g
            prev[state] = parent
            if state[0] == "END":
                return self._path(prev, state)
            p, d = state
            for port, din, cost in goal.get(p, ()):
                end = ("END", port)
                if end not in best:
                    total = g + cost + MARGIN + (BEND if din != d else 0)
                    heapq.heappush(heap, (total, next(tick), total, end, state))
            for nd in DIRS:
                if DIRS[nd] == (-DIRS[d][0], -DIRS[d][1]):
                    continue
                q = self._step(p, nd)
                if q is None or (q, nd) in best:
                    continue
                length = abs(q[0] - p[0]) + abs(q[1] - p[1])
                ng = g + length + (BEND if nd != d else 0) + (REUSE * length if (p, q) in self.used else 0)
                heapq.heappush(heap, (ng + h(q), next(tick), ng, (q, nd), state))
        raise ValueError("no orthogonal route")  # the area always has a free ring, so this means a bug

    def _path(self, prev: dict, end) -> list[Point]:
        points, state = [end[1]], prev[end]
        while state[0] != "START":
            points.append(state[0])
            state = prev[state]
        points.append(state[1])
        points.reverse()
        for a, b in zip(points, points[1:], strict=False):
            self._mark(a, b)
        return _simplify(points)

    def _mark(self, a: Point, b: Point) -> None:
        """Record the grid steps between a and b as used, both ways."""
        if a[0] == b[0] and a[1] in self.yi and b[1] in self.yi:
            lo, hi = sorted((self.yi[a[1]], self.yi[b[1]]))
            pts = [(a[0], self.ys[j]) for j in range(lo, hi + 1)]
        elif a[1] == b[1] and a[0] in self.xi and b[0] in self.xi:
            lo, hi = sorted((self.xi[a[0]], self.xi[b[0]]))
            pts = [(self.xs[i], a[1]) for i in range(lo, hi + 1)]
        else:
            return
        for p, q in zip(pts, pts[1:], strict=False):
            self.used |= {(p, q), (q, p)}


def _with_midlines(values: Iterable[int]) -> list[int]:
    vs = sorted(set(values))
    mids = {(a + b) // 2 for a, b in zip(vs, vs[1:], strict=False) if b - a > 1}
    return sorted(set(vs) | mids)


def _simplify(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if out and p == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
        else:
            out.append(p)
    return out


SOURCE_COST = {"E": 0, "S": 25, "N": 25, "W": 120}
TARGET_COST = {"W": 0, "N": 25, "S": 25, "E": 120}


def _route_all(process: Process, nodes: dict[str, Node], area: Box) -> list[tuple[Flow, tuple[Point, ...]]]:
    """Each drawable flow (target exists) with its waypoints, in flow order."""
    obstacles = [b for n in nodes.values() for b in (n, *n.extras)]
    router = _Router(obstacles, area, ((n.cx, n.cy) for n in nodes.values()))
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
        starts = [(p, d, SOURCE_COST[d] + 400 * (d in src_out or d in src_in)) for d, p in _ports(src).items()]
        ends = [(p, _opposite(d), TARGET_COST[d] + 60 * (d in tgt_in) + 400 * (d in tgt_out))
                for d, p in _ports(tgt).items()]
        points = router.route(starts, ends)
        src_out.add(_side(src, points[0]))
        tgt_in.add(_side(tgt, points[-1]))
        routes[k] = (flows[k], tuple(points))
    return routes


def _opposite(d: str) -> str:
    return {"E": "W", "W": "E", "N": "S", "S": "N"}[d]


def _side(n: Node, p: Point) -> str:
    return next(d for d, q in _ports(n).items() if q == p)


# ---------------------------------------------------------------- edge labels


def _segments(points: tuple[Point, ...]) -> list[tuple[Point, Point]]:
    return list(zip(points, points[1:], strict=False))


def _crosses(box: Box, a: Point, b: Point) -> bool:
    """Whether the axis-parallel segment a-b enters the box's interior."""
    (x0, x1), (y0, y1) = sorted((a[0], b[0])), sorted((a[1], b[1]))
    if x0 == x1:
        return box.x < x0 < box.right and y0 < box.bottom and box.y < y1
    return box.y < y0 < box.bottom and x0 < box.right and box.x < x1


def _label_box(text: str, points: tuple[Point, ...], taken: list[Box], others: list[tuple[Point, ...]]) -> Box:
    """Beside the first segment of the edge, on the first side free of shapes, labels and other edges."""
    w, h = _even(text_width(text, LABEL_SIZE) + 6), 16
    (x, y), (x2, y2) = points[0], points[1]
    if y == y2:  # leaves sideways: above, else below the line
        bx = x + 6 if x2 > x else x - 6 - w
        cands = [Box(bx, y - h - 3, w, h), Box(bx, y + 3, w, h)]
    else:  # leaves up or down: right, else left of the line
        by = y + 4 if y2 > y else y - 4 - h
        cands = [Box(x + 5, by, w, h), Box(x - 5 - w, by, w, h)]
    for c in cands:
        if not any(c.overlaps(t) for t in taken) and not any(
                _crosses(c, a, b) for pts in others for a, b in _segments(pts)):
            return c
    return cands[0]


# ---------------------------------------------------------------- entry point


def layout(process: Process, model: Model, lang: str = "fi") -> Layout:
    lanes, nodes, width, header = _place(process, model, lang)
    height = sum(lane.height for lane in lanes)
    area = Box(POOL_HEADER + header, 0, width - POOL_HEADER - header, height)
    routes = _route_all(process, nodes, area)
    taken = [b for n in nodes.values() for b in (n, *n.extras)]
    edges = []
    for k, (f, points) in enumerate(routes):
        text = _flow_label(f, lang)
        box = None
        if text:
            box = _label_box(text, points, taken, [p for i, (_, p) in enumerate(routes) if i != k])
            taken.append(box)
        edges.append(Edge(f.source, f.target, text, points, box))
    return Layout(process.id, tuple(lanes), tuple(nodes[s.id] for s in process.steps), tuple(edges), width, height,
                  header)
