"""Lanes and node positions: one horizontal band per organisation that has steps (in the model's
organisation order), Graphviz's ranks as columns, every node sized for its text inside its lane.
Every width and height is even, so centres are whole points too."""

from __future__ import annotations

from ...model import Flow, Model, Process, Step
from .geometry import Box, Lane, Node
from .ranks import ranks as dot_ranks
from .text import LABEL_SIZE, NAME_SIZE, NOTE_SIZE, duration, even, lines_size, step_notes, text_width, wrap

POOL_HEADER = 30  # the BPMN pool's name band, left of the lanes
LANE_HEADER = 124  # least width of the lane label area inside each lane
LANE_PAD = 26  # free band above and below the nodes of a lane
LANE_MIN_HEIGHT = 110
COL_GAP = 72  # between columns; widened for branch labels
STACK_GAP = 36  # between nodes sharing a lane and a column
RIGHT_PAD = 40
EVENT = 36  # start/end circle and timer diameter
TIMER_INSET = 12  # timer's distance from the task's left edge


def shape(step: Step, process: Process, lang: str) -> Node:
    """A node at the origin, sized for its text; place() moves it."""
    name = step.name.get(lang)
    notes = tuple(n for note in step_notes(step, process, lang) for n in wrap(note, 170, NOTE_SIZE))
    kind = step.type if step.type in ("start", "task", "decision", "end") else "task"
    common = {"id": step.id, "kind": kind, "lane": step.lane, "notes": notes}
    if kind in ("start", "end"):
        lines = wrap(name, 130, NAME_SIZE)
        w, h = lines_size(lines, notes)
        label = Box(EVENT // 2 - even(w + 4) // 2, EVENT + 4, even(w + 4), even(h + 2))
        return Node(0, 0, EVENT, EVENT, lines=lines, label=label, **common)
    if kind == "decision":
        lines = wrap(name, 120, NAME_SIZE)
        w, h = lines_size(lines, notes)
        # The text block fits a diamond when w/W + h/H <= 1; 1.8x leaves a little air.
        return Node(0, 0, max(110, even(w * 1.8 + 16)), max(64, even(h * 1.8 + 16)), lines=lines, **common)
    lines = wrap(name, 150, NAME_SIZE)
    w, h = lines_size(lines, notes)
    pad = 24 if step.deadline is None else 44  # keep centred text clear of the timer on the border
    node = Node(0, 0, max(150, even(w + 24)), max(64, even(h + pad)), lines=lines, **common)
    if step.deadline is None:
        return node
    text = duration(step.deadline.within, lang)
    timer = Box(TIMER_INSET, node.height - EVENT // 2, EVENT, EVENT)
    tw = even(text_width(text, NOTE_SIZE) + 4)
    tlabel = Box(timer.cx - tw // 2, timer.bottom + 2, tw, 14)
    return Node(0, 0, node.width, node.height, lines=lines, timer=timer, timer_label=tlabel, timer_text=text,
                **common)


def below(n: Node) -> int:
    """How far a node's extras reach below its box."""
    return max([b.bottom - n.height for b in n.extras] + [0])


def span(n: Node) -> tuple[int, int]:
    """Horizontal extent from the box's left edge (an event's label may be wider than its circle)."""
    return min([b.x for b in n.extras] + [0]), max([b.right for b in n.extras] + [n.width])


def moved(n: Node, x: int, y: int) -> Node:
    def mv(b: Box | None) -> Box | None:
        return None if b is None else Box(b.x + x, b.y + y, b.width, b.height)

    return Node(x, y, n.width, n.height, id=n.id, kind=n.kind, lane=n.lane, lines=n.lines, notes=n.notes,
                label=mv(n.label), timer=mv(n.timer), timer_label=mv(n.timer_label), timer_text=n.timer_text)


def lane_order(process: Process, model: Model) -> list[str]:
    used = {s.lane for s in process.steps}
    known = [o.id for o in model.organisations if o.id in used]
    unknown = list(dict.fromkeys(s.lane for s in process.steps if s.lane not in known))
    return known + unknown


def lane_label(model: Model, org_id: str, lang: str) -> tuple[str, str]:
    org = model.organisation(org_id)
    if org is None:
        return org_id, org_id
    name = org.name.get(lang)
    return (org.short.get(lang) if org.short else name), name


def flow_label(flow: Flow, lang: str) -> str | None:
    return flow.label.get(lang) if flow.label else None


def stack_height(stack: list[Node]) -> int:
    return sum(n.height + below(n) for n in stack) + STACK_GAP * (len(stack) - 1)


def place(process: Process, model: Model, lang: str) -> tuple[list[Lane], dict[str, Node], int, int]:
    """The lanes, each step's node in place, the total width and the lane header width."""
    shapes = {s.id: shape(s, process, lang) for s in process.steps}
    rank = dot_ranks(process)
    ncols = max(c for c, _ in rank.values()) + 1
    lane_labels = {org: lane_label(model, org, lang) for org in lane_order(process, model)}
    # Wide enough for the longest word of a lane label (a word cannot wrap).
    header = max([LANE_HEADER] + [even(text_width(w, NAME_SIZE) + 16)
                                  for label, _ in lane_labels.values() for w in label.split()])

    members: list[list[Node]] = [[] for _ in range(ncols)]
    branches: list[list[str]] = [[] for _ in range(ncols)]
    for s in process.steps:
        col = rank[s.id][0]
        members[col].append(shapes[s.id])
        branches[col] += [t for f in s.flows if (t := flow_label(f, lang))]
    # Columns: as wide as their widest node, the gap after each wide enough for its branch labels.
    x, col_x, gap = POOL_HEADER + header + 32, [], COL_GAP
    for c in range(ncols):
        left = max(n.width // 2 - span(n)[0] for n in members[c])  # from the centre line
        right = max(span(n)[1] - n.width // 2 for n in members[c])
        col_x.append(x + left)
        gap = max([COL_GAP] + [text_width(t, LABEL_SIZE) + 36 for t in branches[c]])
        x += left + right + gap
    total_width = x - gap + RIGHT_PAD

    by_lane: dict[str, dict[int, list[Node]]] = {org: {} for org in lane_labels}
    for s in process.steps:
        by_lane[s.lane].setdefault(rank[s.id][0], []).append(shapes[s.id])
    lanes, nodes, y = [], {}, 0
    for org, (label, name) in lane_labels.items():
        stacks = by_lane[org]
        for stack in stacks.values():
            stack.sort(key=lambda n: rank[n.id][1])
        singles = [st[0] for st in stacks.values() if len(st) == 1]
        up = max([n.height // 2 for n in singles] + [0])
        down = max([n.height // 2 + below(n) for n in singles] + [0])
        inner = max([stack_height(st) for st in stacks.values()] + [up + down])
        height = max(LANE_MIN_HEIGHT, even(inner + 2 * LANE_PAD))
        top = y + (height - inner) // 2
        for col, stack in stacks.items():
            cx = col_x[col]
            if len(stack) == 1:  # singles share one centre line, so flows along a lane run straight
                n = stack[0]
                nodes[n.id] = moved(n, cx - n.width // 2, top + (inner - up - down) // 2 + up - n.height // 2)
                continue
            cur = top + (inner - stack_height(stack)) // 2
            for n in stack:
                nodes[n.id] = moved(n, cx - n.width // 2, cur)
                cur += n.height + below(n) + STACK_GAP
        lanes.append(Lane(POOL_HEADER, y, total_width - POOL_HEADER, height, id=org, label=label, name=name))
        y += height
    return lanes, nodes, total_width, header
