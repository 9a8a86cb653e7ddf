"""The year wheel (vuosikello) as a printable, accessible SVG, and the same content as table rows.

Months run clockwise from January at the top; each organisation responsible for a duty gets a ring.
Statutory duties are filled squares, practice duties hollow circles (shape, not colour, carries the
meaning, so it survives greyscale printing); duties that do not fall every year get a dashed halo.
Both the wheel and `wheel_table` come from one placement, so they cannot disagree.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from ..i18n import month_names, tr
from ..model import Duty, Model
from ..model.calendar import duties_for, duty_months
from .layout import xml_safe
from .rhythm import cadence, kind_label, rhythm_text, role_label

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FONT = "'Noto Sans', 'DejaVu Sans', Verdana, Arial, sans-serif"

INK, NAVY, NAVY2, GREY = "#1d2733", "#1f3a5f", "#2c5282", "#4a5563"
TINTS = (("#e3edf8", "#2c5282"), ("#e6f2e8", "#276749"), ("#fbeedd", "#9c4221"), ("#efe8f7", "#553c9a"),
         ("#f9e6ea", "#97266d"), ("#e4f3f3", "#285e61"))  # (ring fill, ring label), by ring position

WIDTH = 1000
CX, CY = 500, 548
R_OUT, R_MONTH, R_RINGS, R_HOLE = 440, 398, 391, 104  # month band outside, rings between R_HOLE and R_RINGS
STRIP = 17  # band at a ring's outer edge kept free of markers for the ring's label
MARKER, MIN_MARKER, GAP = 34, 18, 8  # GAP leaves room for two 3px halos

# Finnish msgids; their translations are in the i18n catalogues.
WORDS = {"wheel": "Vuosikello", "not_every": "ei joka vuosi", "rings": "Renkaat ulkoa sisään",
         "keys": "Merkit", "duties": "Tehtävät", "version": "versio", "role": "Rooli",
         "clockwise": "Tammikuu on ylhäällä ja kuukaudet etenevät myötäpäivään.",
         "statutory_key": "Lakisääteinen (§)", "practice_key": "Käytäntö, suositus",
         "halo_key": "Ei joka vuosi", "not_in_year": "ei vuonna {year}", "next": "seuraavan kerran {year}",
         "none": "Ei tehtäviä."}


def _words(lang: str) -> dict[str, str]:
    return {k: tr(v, lang) for k, v in WORDS.items()}


# ---------------------------------------------------------------- placement (shared by wheel and table)


@dataclass(frozen=True)
class Ring:
    id: str
    label: str


@dataclass(frozen=True)
class Placed:
    number: int
    duty: Duty
    ring: int  # index into Wheel.rings, 0 = outermost
    months: tuple[int, ...]  # empty: does not fall in the chosen year
    every_year: bool
    mark: str | None  # 'joka 2. vuosi' etc. when not every year
    next_year: int | None = None  # with a chosen year the duty skips: the next year it falls in


@dataclass(frozen=True)
class Wheel:
    rings: tuple[Ring, ...]
    placed: tuple[Placed, ...]


def _ring_of(model: Model, duty: Duty) -> str:
    role = model.role(duty.responsible)
    return role.organisation if role else ""


def place(model: Model, role: str | None = None, lang: str = "fi", year: int | None = None) -> Wheel:
    """Rings (organisations in model order, outermost first) and numbered duties, numbered by first month."""
    duties = duties_for(model, role)
    used = {_ring_of(model, d) for d in duties}
    rings = [Ring(o.id, (o.short or o.name).get(lang)) for o in model.organisations if o.id in used]
    if used - {r.id for r in rings}:  # dangling role or organisation (a rule reports it); still show the duty
        rings.append(Ring("", "?"))
    index = {r.id: i for i, r in enumerate(rings)}
    rows = []
    for order, duty in enumerate(duties):
        months, every, nxt = duty_months(duty.rhythm, year)
        ring = index.get(_ring_of(model, duty), len(rings) - 1)
        mark = None if every else (cadence(duty.rhythm, lang) or _words(lang)["not_every"])
        rows.append((months[0] if months else 13, ring, order, duty, months, every, mark, nxt))
    rows.sort(key=lambda r: r[:3])
    placed = tuple(Placed(n, duty, ring, months, every, mark, nxt)
                   for n, (_, ring, _, duty, months, every, mark, nxt) in enumerate(rows, start=1))
    return Wheel(tuple(rings), placed)


class WheelRow(NamedTuple):
    """One duty in one month: the table shown beside the wheel."""

    month: str
    number: str
    duty: str
    responsible: str
    kind: str
    rhythm: str


def _rhythm_words(p: Placed, lang: str, year: int | None) -> str:
    text = rhythm_text(p.duty.rhythm, lang)
    if p.mark and p.mark.lower() not in text.lower():
        text = f"{text} ({p.mark})"
    if year is not None and not p.months:
        w = _words(lang)
        text += f"; {w['not_in_year'].format(year=year)}"
        if p.next_year:
            text += f", {w['next'].format(year=p.next_year)}"
    return text


def wheel_table(model: Model, role: str | None = None, lang: str = "fi", year: int | None = None) -> list[WheelRow]:
    """The wheel's content as rows (month, number, duty, responsible, kind, rhythm), January first."""
    wheel = place(model, role, lang, year)
    names = month_names(lang)
    rows = [(m, p.number, WheelRow(names[m - 1].capitalize(), str(p.number), p.duty.name.get(lang),
                                   role_label(model, p.duty.responsible, lang), kind_label(p.duty, lang),
                                   _rhythm_words(p, lang, year)))
            for p in wheel.placed for m in p.months]
    return [row for _, _, row in sorted(rows, key=lambda r: r[:2])]


# ---------------------------------------------------------------- geometry


def _f(value: float) -> str:
    """Coordinates with one decimal: short, and identical on every run."""
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


def _point(angle: float, radius: float) -> tuple[float, float]:
    """Degrees clockwise from 12 o'clock."""
    rad = math.radians(angle)
    return CX + radius * math.sin(rad), CY - radius * math.cos(rad)


def _arc(a0: float, a1: float, radius: float) -> str:
    """An arc path from a0 to a1 (clockwise when a1 > a0, else counter-clockwise)."""
    (x0, y0), (x1, y1) = _point(a0, radius), _point(a1, radius)
    large = 1 if abs(a1 - a0) > 180 else 0
    sweep = 1 if a1 > a0 else 0
    return f"M{_f(x0)},{_f(y0)} A{_f(radius)},{_f(radius)} 0 {large} {sweep} {_f(x1)},{_f(y1)}"


def _sector(a0: float, a1: float, r_in: float, r_out: float) -> str:
    """A ring segment: the outer arc clockwise, then the inner arc back."""
    inner = _arc(a1, a0, r_in).replace("M", "L", 1)
    return f"{_arc(a0, a1, r_out)} {inner} Z"


def _loads(wheel: Wheel) -> list[list[int]]:
    """Markers per ring per month."""
    return [[sum(1 for p in wheel.placed if p.ring == i and m in p.months) for m in range(1, 13)]
            for i in range(len(wheel.rings))]


def _bounds(weights: list[float]) -> list[tuple[float, float]]:
    total, r, out = sum(weights), float(R_RINGS), []
    for w in weights:
        thickness = (R_RINGS - R_HOLE) * w / total
        out.append((r - thickness, r))
        r -= thickness
    return out


def _ring_bounds(wheel: Wheel) -> list[tuple[float, float]]:
    """(inner, outer) radius per ring, outermost first: of a few ways to share the room, the one that keeps
    the smallest marker largest (ties: the most even split), because busy rings and inner rings need more."""
    loads = [max(row) for row in _loads(wheel)]
    candidates = [[1.0] * len(loads), [1 + 0.45 * (min(n, 6) - 1) if n else 1 for n in loads],
                  [math.sqrt(max(n, 1)) for n in loads], [float(max(n, 1)) for n in loads]]
    best: tuple[float, int] | None = None
    chosen = _bounds(candidates[0])
    for rank, weights in enumerate(candidates):
        bounds = _bounds(weights)
        try:
            smallest = min((_pack(n, m + 1, *bounds[i])[1] for i, row in enumerate(_loads(wheel))
                            for m, n in enumerate(row) if n), default=MARKER)
        except ValueError:
            continue
        if best is None or (smallest, -rank) > best:
            best, chosen = (smallest, -rank), bounds
    return chosen


def _pack(count: int, month: int, r_in: float, r_out: float) -> tuple[list[tuple[float, float, float]], float]:
    """(x, y, angle) for `count` markers in one month of one ring, in reading order, and the marker size.

    Neighbours sit one marker plus a gap apart along their arc and across lanes; squares are turned to
    the angle so that this spacing also holds corner to corner."""
    a_mid = (month - 0.5) * 30
    lo, hi = r_in + 6, r_out - STRIP
    for size in range(MARKER, MIN_MARKER - 1, -2):
        step = size + GAP
        for lanes in range(1, max(1, int((hi - lo) // step)) + 1):
            # lanes sit together around the band's middle, outermost first, so a month reads as one group
            mid = (lo + hi) / 2
            radii = [mid + ((lanes - 1) / 2 - j) * (step + 2) for j in range(lanes)]
            caps = [max(0, int((math.radians(30) * r - 2 * GAP - size) // step) + 1) for r in radii]
            if sum(caps) < count:
                continue
            per_lane = [0] * lanes
            for _ in range(count):  # deal round the lanes, outermost first, skipping full ones
                j = min((j for j in range(lanes) if per_lane[j] < caps[j]), key=lambda j: (per_lane[j], j))
                per_lane[j] += 1
            centres = []
            for r, n in zip(radii, per_lane, strict=True):
                span = math.degrees(step / r)
                angles = [a_mid + (k - (n - 1) / 2) * span for k in range(n)]
                centres += [(*_point(a, r), a) for a in angles]
            return centres, size
    raise ValueError(f"{count} duties do not fit in month {month} of a ring {r_out - r_in:.0f}px thick")


# ---------------------------------------------------------------- drawing


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str | float) -> etree._Element:
    el = etree.SubElement(parent, f"{{{SVG}}}{tag}",
                          {k.rstrip("_").replace("_", "-"): (_f(v) if isinstance(v, float) else str(v))
                           for k, v in attrs.items()})
    if text is not None:
        el.text = xml_safe(text)
    return el


def _marker(parent: etree._Element, p: Placed, x: float, y: float, size: float, angle: float = 0.0,
            label: str | None = None, tip: str | None = None) -> etree._Element:
    """Filled square for statutory, hollow circle for practice; dashed halo when not every year."""
    g = _el(parent, "g", class_="duty " + ("statutory" if p.duty.statutory else "practice"), data_duty=p.duty.id)
    if tip:
        _el(g, "title", tip)  # shown on hover
    h = size / 2
    turn = {"transform": f"rotate({_f(angle % 90)} {_f(x)} {_f(y)})"} if angle % 90 else {}
    if not p.every_year:
        if p.duty.statutory:
            _el(g, "rect", class_="halo", x=x - h - 3.0, y=y - h - 3.0, width=size + 6.0, height=size + 6.0,
                rx=5, fill="none", stroke=NAVY, stroke_width=1.6, stroke_dasharray="3 2.5", **turn)
        else:
            _el(g, "circle", class_="halo", cx=float(x), cy=float(y), r=h + 2.5, fill="none", stroke=NAVY,
                stroke_width=1.6, stroke_dasharray="3 2.5")
    if p.duty.statutory:
        _el(g, "rect", class_="marker statutory", x=x - h, y=y - h, width=float(size), height=float(size), rx=3,
            fill=NAVY, **turn)
    else:
        _el(g, "circle", class_="marker practice", cx=float(x), cy=float(y), r=h - 1.0, fill="#ffffff",
            stroke=NAVY, stroke_width=2.4)
    _el(g, "text", str(p.number) if label is None else label, x=float(x), y=y + size * 0.18,
        font_size=round(size * 0.5), font_weight="bold", text_anchor="middle",
        fill="#ffffff" if p.duty.statutory else NAVY)
    return g


def _curved_text(parent: etree._Element, defs: etree._Element, pid: str, text: str, a0: float, a1: float,
                 radius: float, size: float, **attrs: str | float) -> None:
    """Text along an arc, kept upright: arcs in the lower half run counter-clockwise."""
    mid = ((a0 + a1) / 2) % 360
    lower = 90 < mid < 270
    base = radius + size * 0.35 if lower else radius - size * 0.35
    _el(defs, "path", id=pid, d=_arc(a1, a0, base) if lower else _arc(a0, a1, base))
    t = _el(parent, "text", font_size=size, text_anchor="middle", **attrs)
    # SVG 2 `href` plus SVG 1.1 `xlink:href` for older viewers and print tools
    path = etree.SubElement(t, f"{{{SVG}}}textPath", {"href": f"#{pid}", f"{{{XLINK}}}href": f"#{pid}",
                                                        "startOffset": "50%"})
    path.text = xml_safe(text)


def _wrap(text: str, width_px: float, size: float, bold: bool = False) -> list[str]:
    per_char = size * (0.62 if bold else 0.56)  # DejaVu Sans averages; narrower fonts only gain room
    return textwrap.wrap(text, max(8, int(width_px / per_char))) or [""]


def _draw_wheel(svg: etree._Element, defs: etree._Element, wheel: Wheel, prefix: str, lang: str,
                year: int | None, links: dict[str, str] | None = None) -> None:
    names = month_names(lang)
    g = _el(svg, "g", class_="wheel")
    for m in range(12):  # month band
        _el(g, "path", class_="month", d=_sector(m * 30, (m + 1) * 30, R_MONTH, R_OUT),
            fill=NAVY if m % 2 == 0 else NAVY2, data_month=m + 1)
        _curved_text(g, defs, f"{prefix}m{m + 1}", names[m].upper(), m * 30, (m + 1) * 30, (R_MONTH + R_OUT) / 2, 17,
                     fill="#ffffff", font_weight="bold", letter_spacing=1.5)
    bounds = _ring_bounds(wheel)
    for i, (r_in, r_out) in enumerate(bounds):  # ring backgrounds
        fill = TINTS[i % len(TINTS)][0]
        _el(g, "circle", class_="ring", data_ring=wheel.rings[i].id or "?", cx=CX, cy=CY, r=(r_in + r_out) / 2,
            fill="none", stroke=fill, stroke_width=r_out - r_in)
    for m in range(12):  # month dividers over the rings
        (x0, y0), (x1, y1) = _point(m * 30, R_HOLE), _point(m * 30, R_RINGS)
        _el(g, "line", x1=x0, y1=y0, x2=x1, y2=y1, stroke="#ffffff", stroke_width=2.5)
    for r in [R_RINGS] + [b[0] for b in bounds]:
        _el(g, "circle", cx=CX, cy=CY, r=float(r), fill="none", stroke="#ffffff", stroke_width=3)
    for i, (_, r_out) in enumerate(bounds):  # ring labels at the top and bottom, on a halo
        label, ink = wheel.rings[i].label, TINTS[i % len(TINTS)][1]
        for pos, (a0, a1) in (("t", (-75, 75)), ("b", (105, 255))):
            _curved_text(g, defs, f"{prefix}r{i}{pos}", label.upper(), a0, a1, r_out - STRIP / 2 - 1, 11.5,
                         class_="ring-label", fill=ink, font_weight="bold", letter_spacing=1.2,
                         stroke=TINTS[i % len(TINTS)][0], stroke_width=5, paint_order="stroke")
    for i, (r_in, r_out) in enumerate(bounds):  # markers
        for m in range(1, 13):
            here = [p for p in wheel.placed if p.ring == i and m in p.months]
            if not here:
                continue
            centres, size = _pack(len(here), m, r_in, r_out)
            for p, (x, y, angle) in zip(here, centres, strict=True):
                tip = f"{p.number}. {p.duty.name.get(lang)} – {names[m - 1]}" + (f" ({p.mark})" if p.mark else "")
                href = (links or {}).get(p.duty.id)  # a number in the wheel opens its duty's description
                parent = _el(g, "a", href=href) if href else g
                _marker(parent, p, x, y, size, angle, tip=tip).set("data-month", str(m))
    w = _words(lang)
    _el(g, "circle", cx=CX, cy=CY, r=float(R_HOLE - 2), fill="#ffffff")
    _el(g, "text", w["wheel"].upper(), x=CX, y=CY - 8 if year else CY + 5, font_size=15, font_weight="bold",
        letter_spacing=2, text_anchor="middle", fill=GREY)
    if year is not None:
        _el(g, "text", str(year), x=CX, y=CY + 28, font_size=34, font_weight="bold", text_anchor="middle", fill=INK)
    # a small clockwise arrow inside the hole shows the reading direction
    _el(g, "path", d=_arc(-35, 35, R_HOLE - 18), fill="none", stroke=GREY, stroke_width=1.5)
    (ax, ay) = _point(35, R_HOLE - 18)
    _el(g, "path", d=f"M{_f(ax - 7)},{_f(ay - 6)} L{_f(ax + 1)},{_f(ay + 1)} L{_f(ax - 9)},{_f(ay + 3)}",
        fill="none", stroke=GREY, stroke_width=1.5)


def _draw_legend(svg: etree._Element, wheel: Wheel, model: Model, top: float, lang: str,
                 year: int | None) -> float:
    """Marker key, ring key and the numbered duty list in two columns; returns the bottom y."""
    w = _words(lang)
    g = _el(svg, "g", class_="legend")
    _el(g, "line", x1=40, y1=top, x2=WIDTH - 40, y2=top, stroke="#cbd2da", stroke_width=1)
    y = top + 34
    _el(g, "text", w["keys"], x=40, y=y, font_size=16, font_weight="bold", fill=INK)
    x = 150.0
    samples = ((True, True, w["statutory_key"]), (False, True, w["practice_key"]), (False, False, w["halo_key"]))
    for statutory, every, label in samples:
        sample = Placed(0, Duty(id="key", statutory=statutory), 0, (), every, None)
        _marker(g, sample, x, y - 5, 20, label="§" if statutory else "")
        _el(g, "text", label, x=x + 20, y=y, font_size=14, fill=INK)
        x += 40 + len(label) * 8.4
    y += 8
    for line in _wrap(f"{w['rings']}: {', '.join(r.label for r in wheel.rings)}", WIDTH - 80, 14):
        y += 22
        _el(g, "text", line, x=40, y=y, font_size=14, fill=GREY)
    y += 38
    _el(g, "text", w["duties"], x=40, y=y, font_size=16, font_weight="bold", fill=INK)
    y += 14
    if not wheel.placed:
        _el(g, "text", w["none"], x=40, y=y + 20, font_size=14, fill=GREY)
        return y + 40
    col_w, entries = (WIDTH - 80 - 30) / 2, []
    for p in wheel.placed:
        name = _wrap(p.duty.name.get(lang), col_w - 40, 14.5, bold=True)
        responsible = model.role(p.duty.responsible)  # the ring already names the organisation
        bits = [responsible.name.get(lang) if responsible else p.duty.responsible, _rhythm_words(p, lang, year)]
        bits += [ref.label() for ref in p.duty.legal_basis]
        detail = _wrap(" · ".join(bits), col_w - 40, 12.5)
        entries.append((p, name, detail, len(name) * 19 + len(detail) * 16 + 12))
    half, acc, split = sum(e[3] for e in entries) / 2, 0.0, len(entries)
    for i, e in enumerate(entries):  # keep reading order: fill the left column first
        if acc + e[3] / 2 > half:
            split = i
            break
        acc += e[3]
    bottom = y
    for col, chunk in enumerate((entries[:split], entries[split:])):
        cx, cy = 40 + col * (col_w + 30), y + 14
        for p, name, detail, height in chunk:
            _marker(g, p, cx + 12, cy + 8, 22)
            ty = cy + 13
            for line in name:
                _el(g, "text", line, class_="duty-name", x=cx + 36, y=ty, font_size=14.5, font_weight="bold",
                    fill=INK)
                ty += 19
            for line in detail:
                _el(g, "text", line, x=cx + 36, y=ty - 2, font_size=12.5, fill=GREY)
                ty += 16
            cy += height
        bottom = max(bottom, cy)
    return bottom


def _describe(model: Model, wheel: Wheel, role: str | None, lang: str, year: int | None) -> str:
    """The wheel in words for <desc>: the same rows as the table."""
    w = _words(lang)
    parts = [w["clockwise"], f"{w['rings']}: {', '.join(r.label for r in wheel.rings)}."]
    by_month: dict[str, list[str]] = {}
    for row in wheel_table(model, role, lang, year):
        by_month.setdefault(row.month, []).append(f"{row.number}. {row.duty} ({row.responsible}, {row.kind.lower()}"
                                                  f", {row.rhythm})")
    parts += [f"{month}: {'; '.join(items)}." for month, items in by_month.items()]
    skipped = [p for p in wheel.placed if not p.months]
    parts += [f"{p.number}. {p.duty.name.get(lang)}: {_rhythm_words(p, lang, year)}." for p in skipped]
    return " ".join(parts) if wheel.placed else f"{parts[0]} {w['none']}"


def default_title(model: Model, role: str | None = None, lang: str = "fi") -> str:
    """'Vuosikello: <project> – <region> – <role>'."""
    found = model.role(role) if role is not None else None
    parts = [f"{_words(lang)['wheel']}: {model.project.name.get(lang)}"]
    parts += [x.name.get(lang) for x in (model.region, found) if x is not None]
    return " – ".join(parts)


def render_wheel_svg(model: Model, role: str | None = None, lang: str = "fi", title: str | None = None,
                     year: int | None = None, legend: bool = True, links: dict[str, str] | None = None) -> str:
    """The year wheel as a standalone SVG document (also fine to inline in HTML).

    `role` keeps only that role's duties (responsible or participant). With `year`, duties whose
    RRULE skips that year leave the wheel and the legend says when they fall next. `legend=False`
    leaves the legend to the page (as text, readable on a phone); `links`: duty id -> URL for its
    numbers in the wheel.
    """
    wheel = place(model, role, lang, year)
    title = title or default_title(model, role, lang)
    # ids must stay unique when several wheels are inlined in one page
    prefix = re.sub(r"[^A-Za-z0-9-]", "-", f"vk-{model.project.id}-{model.region.id if model.region else ''}"
                    f"-{role or 'all'}-{lang}-")
    svg = etree.Element(f"{{{SVG}}}svg", nsmap={None: SVG, "xlink": XLINK})
    # With links (its numbers open the duties) the wheel is a group of links, not an image (axe: nested-interactive).
    svg.set("role", "group" if links else "img")
    svg.set(XML_LANG, lang)
    # named by its title, described by its text: the desc as part of the name made one 4,000-character name
    svg.set("aria-labelledby", f"{prefix}title")
    svg.set("aria-describedby", f"{prefix}desc")
    _el(svg, "title", title, id=f"{prefix}title")
    _el(svg, "desc", _describe(model, wheel, role, lang, year), id=f"{prefix}desc")
    defs = _el(svg, "defs")
    _el(svg, "rect", x=0, y=0, width=WIDTH, height="100%", fill="#ffffff")
    fits = (WIDTH - 80) / (0.62 * max(len(title), 1))  # shrink a long title rather than let it run off the page
    _el(svg, "text", title, class_="title", x=40, y=52, font_size=round(min(28.0, fits), 1), font_weight="bold",
        fill=INK)
    sub = [f"{_words(lang)['version']} {model.project.version}"]
    if role is not None and model.role(role):
        sub.insert(0, f"{_words(lang)['role']}: {role_label(model, role, lang)}")
    _el(svg, "text", " · ".join(sub), x=40, y=80, font_size=15, fill=GREY)
    _draw_wheel(svg, defs, wheel, prefix, lang, year, links)
    bottom = _draw_legend(svg, wheel, model, CY + R_OUT + 30, lang, year) if legend else CY + R_OUT
    height = math.ceil(bottom + 30)
    svg.set("viewBox", f"0 0 {WIDTH} {height}")
    svg.set("font-family", FONT)
    for el in svg:  # the drawing's loose words and numbers repeat the desc; hover tooltips still work
        if el.tag not in (f"{{{SVG}}}title", f"{{{SVG}}}desc", f"{{{SVG}}}defs"):
            el.set("aria-hidden", "true")
    return etree.tostring(svg, encoding="unicode", pretty_print=True)
