"""The running text of a PDF: what is not text (page furniture, the 目录), and
paragraphs joined across the line wraps of the layout.

Narrative rules match whole sentences (``“X-Y-Z”科目N万元``), and a PDF wraps them
wherever the line is full, even inside a number; a wrapped line runs to the right
margin and the next one starts at the left margin without an indent or an
enumerator, so that is where lines are joined.  Running heads, page numbers and the
table of contents repeat or point at other text: they are dropped, so they are never
taken for claims (the 目录 entries stay available to callers, e.g. for tests).
"""

from __future__ import annotations

import re
from array import array
from collections import Counter

from budgetcheck.core.model import POSITIONS
from budgetcheck.readers.pdf_page import Page, TextLine

_SIZE = array(POSITIONS).itemsize  # bytes a packed position takes
MARGIN = 0.1  # top and bottom tenth of a page: where running heads and footers live
PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页)?(\s*/\s*(共\s*)?\d+\s*页?)?[-—–\s]*$|^[-—–]\s*\d+\s*[-—–]$")
TOC_HEAD = re.compile(r"^目\s*录$")
# ``1.`` and ``1、`` number an item, but a line that starts with a figure (``7.72%。``,
# ``119.63 万元``) is the wrapped rest of a sentence: the dot is a decimal point when a
# figure with its unit follows (``1.2026年…`` is still item 1).
STARTS_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*(?:[.．](?!\d+(?:\.\d+)?\s*(?:%|％|万|亿|元|个))|、)|"
                         r"第[一二三四五六七八九十]+|注[:：]|说明[:：])")


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def furniture(pages: list[Page]) -> set[tuple[int, int]]:
    """(page, line index) of running heads, footers and page numbers."""
    seen: Counter[str] = Counter()
    for page in pages:
        for shape in {_shape(l.text) for l in page.lines if _in_margin(l, page)}:
            seen[shape] += 1
    repeated = {s for s, n in seen.items() if n >= 3 or (n >= 2 and len(pages) <= 4)}
    out = set()
    for page in pages:
        for i, line in enumerate(page.lines):
            if _in_margin(line, page) and (_shape(line.text) in repeated or PAGE_NUMBER.match(line.text)):
                out.add((page.number, i))
    return out


def _in_margin(line: TextLine, page: Page) -> bool:
    return line.bottom <= page.height * MARGIN or line.top >= page.height * (1 - MARGIN)


def contents_pages(pages: list[Page], dropped: set[tuple[int, int]]) -> set[int]:
    """Pages whose first text line is 目录: every line on them is a 目录 entry."""
    out = set()
    for page in pages:
        first = next((l for i, l in enumerate(page.lines) if (page.number, i) not in dropped), None)
        if first is not None and TOC_HEAD.match(first.text.strip()) and not page.grids:
            out.add(page.number)
    return out


class Paragraphs:
    """Collects the running text of the document as lines, wrapped lines joined."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pages: list[int] = []
        self.boxes: list[list[tuple[int, float, float, float, float]]] = []  # per line, in PDF points
        self.columns: list[tuple[float, ...]] = []  # per line: a grid row's column edges, else ()
        # per line, parallel to its boxes: (offset in the line, TextLine.xs) of each printed
        # line joined into it, so a span of the text becomes rectangles; () for emitted lines
        self.chars: list[list[tuple[int, bytes]]] = []
        self.heights: dict[int, float] = {}  # page → its height, to turn top-down positions into PDF points
        self._open: tuple[TextLine, float, float] | None = None  # last line, its page's left and right

    def add(self, line: TextLine, page: int, left: float, right: float) -> int:
        """Add a line; returns the Document.lines number it went into (1-based)."""
        text = line.text.strip()
        box = self._box(page, line.x0, line.top, line.x1, line.bottom)
        if self._open is not None and self._continues(line, left):
            joint = " " if re.match(r"[A-Za-z]", text[:1]) and re.search(r"[A-Za-z]$", self.lines[-1]) else ""
            self.chars[-1].append((len(self.lines[-1]) + len(joint), _positions(line, text)))
            self.lines[-1] += joint + text
            self.boxes[-1].append(box)
        else:
            self.lines.append(text)
            self.pages.append(page)
            self.boxes.append([box])
            self.columns.append(())
            self.chars.append([(0, _positions(line, text))])
        self._open = (line, left, right)
        return len(self.lines)

    def _box(self, page: int, x0: float, top: float, x1: float, bottom: float) -> tuple[int, float, float, float, float]:
        height = self.heights.get(page, 0.0)
        return (page, round(x0, 2), round(height - bottom, 2), round(x1, 2), round(height - top, 2))

    def _continues(self, line: TextLine, left: float) -> bool:
        """The open line was full: it reaches the right margin, or stops short by no
        more than the first word of this line (a number that did not fit)."""
        last, _, right = self._open  # type: ignore[misc]
        size = max(last.bottom - last.top, 1.0)
        word = re.match(r"[0-9A-Za-z,.%]*", line.text.strip()).group(0)  # type: ignore[union-attr]
        full = last.x1 >= right - size * (1.5 + 0.55 * len(word))
        ended = last.text.rstrip().endswith("。")  # a sentence that ends at the margin ends its paragraph
        return full and not ended and line.x0 <= left + 0.6 * size and not STARTS_ITEM.match(line.text)

    def emit(self, text: str, page: int, box: tuple[float, float, float, float] | None = None,
             columns: tuple[float, ...] = ()) -> int:
        """A line that is never joined (a title, a table row); ``box`` is (x0, top, x1,
        bottom) on its page, ``columns`` a grid row's column edges."""
        self.lines.append(text)
        self.pages.append(page)
        self.boxes.append([self._box(page, *box)] if box is not None else [])
        self.columns.append(tuple(round(x, 2) for x in columns))
        self.chars.append([])
        self._open = None
        return len(self.lines)

    def close(self) -> None:
        self._open = None


def _positions(line: TextLine, text: str) -> bytes:
    """The line's character positions when they are those of ``text`` (the stripped text)."""
    return line.xs if line.text == text and len(line.xs) == (len(text) + 1) * _SIZE else b""


def margins(page: Page) -> tuple[float, float]:
    """The left and right edges of the page's running text (a running head or footer
    printed further out than the text is not its edge)."""
    body = [l for l in page.lines if not _in_margin(l, page)] or list(page.lines)
    lines = [l for l in body if len(l.text) >= 8] or body
    if not lines:
        return 0.0, page.width
    lefts = Counter(round(l.x0) for l in lines)
    return float(min(lefts)), max(l.x1 for l in lines)
