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
from array import array
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from budgetcheck.core.model import POSITIONS


def _by_address(name: str, *args):
    """A PDFium function that takes and returns handles as plain addresses (ints): one
    call per glyph is on the hot path, and ctypes pointer casts cost more than the call."""
    from pypdfium2_raw.bindings import _libs

    fn = _libs["pdfium"][name]  # a fresh function object: the shared binding keeps its types
    fn.argtypes, fn.restype = list(args), ctypes.c_void_p
    return fn


_TEXT_OBJECT = _by_address("FPDFText_GetTextObject", pdfium_c.FPDF_TEXTPAGE, ctypes.c_int)
_CLIP_PATH = _by_address("FPDFPageObj_GetClipPath", ctypes.c_void_p)

TOL = 2.0  # points: lines closer than this are the same line
MIN_SEGMENT = 3.0  # shorter strokes are ticks or the ends of thin filled rectangles


class Glyph:
    """One character with its box; its centre is computed once (it is read millions of times)."""

    __slots__ = ("ch", "x0", "top", "x1", "bottom", "below_clip", "cx", "cy")

    def __init__(self, ch: str, x0: float, top: float, x1: float, bottom: float, below_clip: bool = False) -> None:
        self.ch, self.x0, self.top, self.x1, self.bottom = ch, x0, top, x1, bottom
        self.below_clip = below_clip  # drawn below its clip region: kept only inside a table cell
        self.cx = (x0 + x1) / 2
        self.cy = (top + bottom) / 2


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of text outside any grid, in reading order."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    # where each character of ``text`` starts, and after them where the last one ends:
    # len(text) + 1 positions in tenths of a point, packed (core.model.POSITIONS), so a
    # sentence's span becomes its rectangle; b"" when not known
    xs: bytes = b""


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


@dataclass
class Layers:
    """What the page draws, in drawing order: where each text object comes, and the
    opaque filled boxes drawn after it.  A glyph under a box drawn later is hidden (a
    cell's text that continues under the next page's header, text behind a white box):
    it is not on the page as a reader sees it, so it is not read."""

    text_order: dict[int, int]
    boxes: list[tuple[int, float, float, float, float]]  # (order, x0, top, x1, bottom)
    first_rule: float | None = None  # the y of the page's topmost horizontal ruling line

    def hidden(self, obj: int | None, cx: float, cy: float) -> bool:
        order = self.text_order.get(obj or 0)
        if order is None or order > self.boxes[-1][0]:
            return False  # no box is drawn after this text
        return any(o > order and x0 <= cx <= x1 and top <= cy <= bottom for o, x0, top, x1, bottom in self.boxes)


def glyphs_of(page, height: float, width: float | None = None, layers: Layers | None = None) -> list[Glyph]:
    """The page's glyphs that a reader sees: inside the page, not clipped away, not
    painted over.  Clip paths and drawing order are looked at only on a page that draws
    text outside itself: that is the sign of a producer that draws every cell's text
    and lets clip regions decide what shows (and checking every glyph's clip costs a
    quarter of the reading time)."""
    textpage = page.get_textpage()
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    out: list[tuple[int, Glyph]] = []
    off_page = False
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if code == 2 and not pdfium_c.FPDFText_IsGenerated(raw, i):
            code = 0x2D  # a printed hyphen that ends a line: pdfium marks it 0x02 (2025年-⏎2026年)
        if code in (0, 0xFFFE, 0xFFFF) or code < 32 or pdfium_c.FPDFText_IsGenerated(raw, i):
            continue
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect)
        g = Glyph(chr(code), rect.left, height - rect.top, rect.right, height - rect.bottom)
        if g.cy < 0 or g.cy > height or (width is not None and (g.cx < 0 or g.cx > width)):
            off_page = True  # drawn outside the page: nobody sees it
            continue
        out.append((i, g))
    if layers is not None and (off_page or _clipping_seen(raw, out, height, layers)):
        out = _visible(raw, out, height, layers)
    textpage.close()
    return [g for _, g in out]


def _clipping_seen(raw, glyphs: list[tuple[int, Glyph]], height: float, layers: Layers) -> bool:
    """Whether this page hides text by clipping, from a sample of the glyphs where it
    happens: the top and bottom bands of the page and the first rows under its first
    ruled line (where a cell continued from the previous page is drawn again)."""
    band = 0.12 * height
    first = layers.first_rule
    sample = [(i, g) for i, g in glyphs if g.cy < band or g.cy > height - band
              or (first is not None and first <= g.cy <= first + 40)]
    step = max(1, len(sample) // 60)
    clips: dict[int | None, tuple[float, float, float, float] | None] = {}
    for i, g in sample[::step]:
        key = _TEXT_OBJECT(raw, i)
        if key and _clip_state(key, g.cx, height - g.cy, clips) == "away":
            return True
    return False


def _visible(raw, glyphs: list[tuple[int, Glyph]], height: float, layers: Layers) -> list[tuple[int, Glyph]]:
    clips: dict[int | None, tuple[float, float, float, float] | None] = {}
    kept = []
    for i, g in glyphs:
        key = _TEXT_OBJECT(raw, i)
        if layers.boxes and layers.hidden(key, g.cx, g.cy):
            continue
        where = _clip_state(key, g.cx, height - g.cy, clips) if key else ""
        if where == "away":
            continue
        if where == "below":
            g.below_clip = True
        kept.append((i, g))
    return kept


_POINT = (ctypes.c_float(), ctypes.c_float())


def _clip_state(key: int, cx: float, cy: float, clips) -> str:
    """Where a glyph is against its text object's clip path: "" inside (visible), "away"
    above or beside it (the part of a cell continued from the previous page, drawn again
    under the header), "below" under it (a wrapped name cut by the row below: the rest
    of that cell's text, which the grid gives back to its cell; running text below its
    clip is dropped).  Coordinates are PDF points (y upwards)."""
    box = clips.get(key, False)
    if box is False:
        box = _clip_box(key)
        clips[key] = box
    if box is None:
        return ""
    x0, bottom, x1, top = box
    if cy > top + 1 or cx < x0 - 1 or cx > x1 + 1:
        return "away"
    return "below" if cy < bottom - 1 else ""


def _clip_box(obj: int) -> tuple[float, float, float, float] | None:
    """The intersection of the bounding boxes of an object's clip paths, or None."""
    address = _CLIP_PATH(obj)
    if not address:
        return None
    clip = ctypes.cast(address, pdfium_c.FPDF_CLIPPATH)
    x, y = _POINT
    box = None
    for p in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        xs, ys = [], []
        n = pdfium_c.FPDFClipPath_CountPathSegments(clip, p)
        corners = (0, 2) if n in (4, 5) else range(n)  # a rectangle: two opposite corners give its box
        for k in corners:
            pdfium_c.FPDFPathSegment_GetPoint(pdfium_c.FPDFClipPath_GetPathSegment(clip, p, k), x, y)
            xs.append(x.value)
            ys.append(y.value)
        if xs:
            b = (min(xs), min(ys), max(xs), max(ys))
            box = b if box is None else (max(box[0], b[0]), max(box[1], b[1]), min(box[2], b[2]), min(box[3], b[3]))
    return box


def segments_of(page, height: float) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]], int, Layers]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) strokes, the number of images, and
    the drawing order of text and opaque boxes."""
    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    layers = Layers({}, [])
    images = 0
    m = pdfium_c.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    x, y = ctypes.c_float(), ctypes.c_float()
    counter = [0]
    seen_text = [False]

    def walk(count, get, parent) -> None:
        nonlocal images
        for i in range(count):
            obj = get(i)
            counter[0] += 1
            order = counter[0]
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            pdfium_c.FPDFPageObj_GetMatrix(obj, m)
            mat = (m.a, m.b, m.c, m.d, m.e, m.f)
            if parent is not None:
                mat = _compose(mat, parent)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                layers.text_order[ctypes.cast(obj, ctypes.c_void_p).value or 0] = order
                seen_text[0] = True
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                images += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                walk(pdfium_c.FPDFFormObj_CountObjects(obj), (lambda o: lambda k: pdfium_c.FPDFFormObj_GetObject(o, k))(obj),
                     mat)
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
                if fill.value:
                    pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a)
                    if a.value == 255 and seen_text[0]:
                        box = _box(obj, mat, height, x, y)
                        if box is not None:
                            layers.boxes.append((order, *box))
                if not stroke.value:
                    if not fill.value:
                        continue
                    if min(r.value, g.value, b.value) >= 250 or a.value == 0:
                        continue  # a white or transparent background box draws no line
                _path(obj, mat, height, horizontal, vertical, x, y)

    walk(pdfium_c.FPDFPage_CountObjects(page.raw), lambda i: pdfium_c.FPDFPage_GetObject(page.raw, i), None)
    layers.first_rule = min((y for y, x0, x1 in horizontal if x1 - x0 > 100), default=None)
    return horizontal, vertical, images, layers


def _box(obj, mat, height, x, y) -> tuple[float, float, float, float] | None:
    """The bounding box (x0, top, x1, bottom) of a filled path of at least 2 × 2 points."""
    a, b, c, d, e, f = mat
    xs, ys = [], []
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        xs.append(a * x.value + c * y.value + e)
        ys.append(height - (b * x.value + d * y.value + f))
    if not xs or max(xs) - min(xs) < 2 or max(ys) - min(ys) < 2:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


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
    """Glyphs grouped into lines (top to bottom), each line left to right.  A glyph joins
    the current line when its centre is inside the band of the line's last glyphs."""
    lines: list[list[Glyph]] = []
    top = bottom = last = 0.0
    recent: list[Glyph] = []
    for g in sorted(glyphs, key=_by_cy):
        if lines and bottom > g.cy > top and abs(g.cy - last) <= 0.5 * (bottom - top):
            lines[-1].append(g)
            recent.append(g)
            if len(recent) > 4:
                del recent[0]
                top = min(c.top for c in recent)
                bottom = max(c.bottom for c in recent)
            else:
                top, bottom = min(top, g.top), max(bottom, g.bottom)
        else:
            lines.append([g])
            recent = [g]
            top, bottom = g.top, g.bottom
        last = g.cy
    return [sorted(line, key=_by_x0) if len(line) > 1 else line for line in lines]


def _by_cy(g: Glyph) -> float:
    return g.cy


def _by_x0(g: Glyph) -> float:
    return g.x0


def _gap(prev: Glyph | None, g: Glyph) -> bool:
    """A gap between two glyphs wide enough to be a space (most of a character's height)."""
    if prev is None or g.ch == " " or prev.ch == " ":
        return False
    return g.x0 - prev.x1 > 0.9 * max(prev.bottom - prev.top, g.bottom - g.top)


def _join(line: list[Glyph]) -> str:
    parts = []
    prev = None
    for g in line:
        if _gap(prev, g):
            parts.append(" ")
        parts.append(g.ch)
        prev = g
    return "".join(parts)


def line_text(line: list[Glyph]) -> tuple[str, bytes]:
    """A line of glyphs as text (``_join``, stripped) and where each of its characters
    starts, with the last one's end after them (``TextLine.xs``); a space put in for a
    wide gap starts where the glyph before it ends."""
    parts: list[str] = []
    starts: list[float] = []
    ends: list[float] = []
    prev = None
    for g in line:
        if _gap(prev, g):
            parts.append(" ")
            starts.append(prev.x1)  # type: ignore[union-attr]
            ends.append(g.x0)
        parts.append(g.ch)
        starts.append(g.x0)
        ends.append(g.x1)
        prev = g
    joined = "".join(parts)
    text = joined.strip()
    if not text or len(joined) != len(parts):  # a glyph of more than one character: no positions
        return text, b""
    lead = len(joined) - len(joined.lstrip())
    end = lead + len(text)
    return text, array(POSITIONS, [round(x * 10) for x in (*starts[lead:end], ends[end - 1])]).tobytes()
