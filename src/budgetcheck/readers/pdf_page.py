"""One PDF page as geometry: its glyphs, its ruling lines, and the grids they draw.

Why geometry and not the page's text: published tables keep their empty cells only
as empty boxes between ruling lines, and a flattened text loses them (or, for some
pages, runs a whole table into one line).  Here every glyph keeps its box and every
drawn line segment its ends, so a table is read cell by cell from the lines around
it, and nothing shifts.  Coordinates are in points with y measured downwards from
the top of the page, so sorting by y is reading order.

pypdfium2's raw bindings are used directly (one call per glyph and per path
segment): the object helpers cost several times more and the reader is meant to
be fast.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

TOL = 2.0  # points: lines closer than this are the same line
MIN_SEGMENT = 3.0  # shorter strokes are ticks or the ends of thin filled rectangles


@dataclass(frozen=True, slots=True)
class Glyph:
    ch: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of text outside any grid, in reading order."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell of a grid after merging: its span over the grid's atomic rows/columns."""

    row: int
    col: int
    rows: int
    cols: int
    text: str
    indent: float | None = None  # points from the cell's left edge to its first line's text


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table region: column boundaries, row boundaries and merged cells."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[Cell, ...]

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: tuple[TextLine, ...]
    grids: tuple[Grid, ...]
    glyphs: int
    images: int


def glyphs_of(page, height: float) -> list[Glyph]:
    textpage = page.get_textpage()
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    out = []
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if code in (0, 0xFFFE, 0xFFFF) or code < 32 or pdfium_c.FPDFText_IsGenerated(raw, i):
            continue
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect)
        out.append(Glyph(chr(code), rect.left, height - rect.top, rect.right, height - rect.bottom))
    textpage.close()
    return out


def segments_of(page, height: float) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]], int]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) strokes, and the number of images."""
    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    images = 0
    stack = [(pdfium_c.FPDFPage_CountObjects(page.raw), lambda i: pdfium_c.FPDFPage_GetObject(page.raw, i), None)]
    m = pdfium_c.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    x, y = ctypes.c_float(), ctypes.c_float()
    while stack:
        count, get, parent = stack.pop()
        for i in range(count):
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            pdfium_c.FPDFPageObj_GetMatrix(obj, m)
            mat = (m.a, m.b, m.c, m.d, m.e, m.f)
            if parent is not None:
                mat = _compose(mat, parent)
            if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                images += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                stack.append((pdfium_c.FPDFFormObj_CountObjects(obj),
                              (lambda o: lambda k: pdfium_c.FPDFFormObj_GetObject(o, k))(obj), mat))
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
                if not stroke.value:
                    if not fill.value:
                        continue
                    pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a)
                    if min(r.value, g.value, b.value) >= 250 or a.value == 0:
                        continue  # a white or transparent background box draws no line
                _path(obj, mat, height, horizontal, vertical, x, y)
    return horizontal, vertical, images


def _compose(inner, outer):
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path(obj, mat, height, horizontal, vertical, x, y) -> None:
    a, b, c, d, e, f = mat
    start = last = None
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = last = point
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and last is not None:
            _stroke(last, point, horizontal, vertical)
        last = point
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            _stroke(last, start, horizontal, vertical)
            last = start


def _stroke(p, q, horizontal, vertical) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) >= MIN_SEGMENT:
        horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) >= MIN_SEGMENT:
        vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def merge(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Join strokes on the same line (within TOL) that touch or overlap."""
    out: list[list[float]] = []
    for pos, lo, hi in sorted(segments):
        for s in reversed(out[-8:]):
            if abs(s[0] - pos) <= TOL and lo <= s[2] + TOL and hi >= s[1] - TOL:
                s[1], s[2] = min(s[1], lo), max(s[2], hi)
                break
        else:
            out.append([pos, lo, hi])
    return [(p, lo, hi) for p, lo, hi in out]


def clusters(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= TOL:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def text_of(glyphs: list[Glyph]) -> str:
    """Glyphs of one box as text: lines top to bottom, joined without a separator
    (a wrapped Chinese cell), a space only where the glyphs leave a wide gap."""
    out = []
    for line in lines_of(glyphs):
        out.append(_join(line))
    return "".join(out).strip()


def lines_of(glyphs: list[Glyph]) -> list[list[Glyph]]:
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: g.cy):
        if lines:
            cur = lines[-1]
            top = min(c.top for c in cur[-4:])
            bottom = max(c.bottom for c in cur[-4:])
            if g.cy < bottom and g.cy > top and abs(g.cy - cur[-1].cy) <= 0.5 * (bottom - top):
                cur.append(g)
                continue
        lines.append([g])
    return [sorted(line, key=lambda g: g.x0) for line in lines]


def _join(line: list[Glyph]) -> str:
    parts = []
    prev = None
    for g in line:
        if prev is not None and g.ch != " " and prev.ch != " ":
            size = max(prev.bottom - prev.top, g.bottom - g.top)
            if g.x0 - prev.x1 > 0.9 * size:
                parts.append(" ")
        parts.append(g.ch)
        prev = g
    return "".join(parts)
