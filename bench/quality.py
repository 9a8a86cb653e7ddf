"""Diagram quality figures of a layout, for comparing routers: crossings, bends, edge length.

Reads only `edges[*].waypoints`, so it works on the layout of any revision (bench_scale runs an older
revision's layout in a subprocess and prints its figures beside the current ones)."""

from __future__ import annotations


def figures(layout) -> dict[str, int]:
    """crossings: pairs of segments of different flows that cross at an inner point of both;
    overlaps: pairs of collinear segments of different flows sharing more than a point;
    bends: corners over all flows; length: total length in points."""
    horizontal, vertical = [], []  # (fixed coordinate, lo, hi, flow number)
    bends = length = 0
    for k, e in enumerate(layout.edges):
        pts = e.waypoints
        bends += max(len(pts) - 2, 0)
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            length += abs(x1 - x0) + abs(y1 - y0)
            if y0 == y1:
                horizontal.append((y0, min(x0, x1), max(x0, x1), k))
            else:
                vertical.append((x0, min(y0, y1), max(y0, y1), k))
    crossings = sum(1 for y, hx0, hx1, a in horizontal for x, vy0, vy1, b in vertical
                    if a != b and hx0 < x < hx1 and vy0 < y < vy1)
    overlaps = 0
    for segs in (horizontal, vertical):
        segs.sort()
        for i, (c, _lo, hi, a) in enumerate(segs):
            for c2, lo2, hi2, b in segs[i + 1:]:
                if c2 != c or lo2 >= hi:
                    break
                overlaps += a != b and min(hi, hi2) > lo2
    return {"crossings": crossings, "overlaps": overlaps, "bends": bends, "length": length}
