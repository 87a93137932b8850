"""Ruled grids from line segments, and the page they sit on.

A grid is a connected set of horizontal and vertical strokes.  Its column and row
boundaries are the distinct positions of those strokes; a boundary missing between
two neighbouring boxes means a merged cell, so boxes are joined across every missing
edge (union-find) and each merged cell gets the glyphs whose centres fall inside it
(a line of text that overflows its cell and straddles the rule below belongs to the
cell it overflows from).
A merged cell's text is kept once, at its top-left box, so a row keeps one cell per
column and an empty box stays an empty cell: columns never shift.
"""

from __future__ import annotations

from bisect import bisect_right

from budgetcheck.readers.pdf_page import (TOL, Cell, Glyph, Grid, Page, TextLine, clusters, glyphs_of, line_text, lines_of,
                       merge, segments_of, text_of)


def read_page(page, number: int) -> Page:
    width, height = page.get_size()
    horizontal, vertical, images, layers = segments_of(page, height)
    glyphs = glyphs_of(page, height, width, layers)
    grids = find_grids(merge(horizontal), merge(vertical), glyphs)
    bounds = [(g.xs[0], g.xs[-1], g.ys[0], g.ys[-1]) for g in grids]
    outside = [g for g in glyphs if not g.below_clip
               and not any(x0 <= g.cx <= x1 and y0 <= g.cy <= y1 for x0, x1, y0, y1 in bounds)]
    lines = []
    for line in lines_of(outside):
        text, xs = line_text(line)
        if text:
            lines.append(TextLine(text, line[0].x0, min(g.top for g in line), line[-1].x1,
                                  max(g.bottom for g in line), xs))
    return Page(number, width, height, tuple(lines), tuple(grids), len(glyphs), images)


def _touch(h, v) -> bool:
    y, x0, x1 = h
    x, y0, y1 = v
    return x0 - TOL <= x <= x1 + TOL and y0 - TOL <= y <= y1 + TOL


def find_grids(horizontal, vertical, glyphs: list[Glyph]) -> list[Grid]:
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _touch(h, v):
                parent[find(i)] = find(len(horizontal) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + j), ([], []))[1].append(v)
    grids = []
    for hs, vs in groups.values():
        xs, ys = clusters([v[0] for v in vs]), clusters([h[0] for h in hs])
        if len(xs) >= 2 and len(ys) >= 2:
            grids.append(_grid(hs, vs, xs, ys, glyphs))
    return sorted(grids, key=lambda g: (g.top, g.xs[0]))


def _indent(glyphs: list[Glyph] | None, left: float) -> float | None:
    """How far the cell's first line of text starts from its left edge (the level of a
    name printed without its code)."""
    if not glyphs:
        return None
    top = min(g.top for g in glyphs)
    first = [g.x0 for g in glyphs if g.top <= top + 0.5 * (g.bottom - g.top) and not g.ch.isspace()]
    return round(min(first) - left, 1) if first else None


def _covered(segments, pos: float, lo: float, hi: float) -> bool:
    return any(abs(p - pos) <= TOL and a <= lo + TOL and b >= hi - TOL for p, a, b in segments)


def _grid(hs, vs, xs: list[float], ys: list[float], glyphs: list[Glyph]) -> Grid:
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _covered(vs, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not _covered(hs, ys[r + 1], xs[c], xs[c + 1]):
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    spans: dict[int, list[int]] = {}
    for r in range(nr):
        for c in range(nc):
            box = spans.setdefault(find(r * nc + c), [r, c, r, c])
            box[0], box[1], box[2], box[3] = min(box[0], r), min(box[1], c), max(box[2], r), max(box[3], c)
    content: dict[int, list[Glyph]] = {}
    for g in glyphs:
        c = bisect_right(xs, g.cx) - 1
        r = bisect_right(ys, g.cy) - 1
        if 0 < r < nr and g.top < ys[r] - 0.3 * (g.bottom - g.top):
            r -= 1  # a wrapped line that overflows its cell: it straddles the line below it
        if 0 <= c < nc and 0 <= r < nr:
            content.setdefault(find(r * nc + c), []).append(g)
    cells = tuple(sorted(
        (Cell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, text_of(content.get(key, [])), _indent(content.get(key), xs[c0]))
         for key, (r0, c0, r1, c1) in spans.items()),
        key=lambda cell: (cell.row, cell.col)))
    return Grid(tuple(xs), tuple(ys), cells)
