"""Prose as the claim rules need it: clean paragraphs that remember their source lines.

Published text breaks paragraphs at page ends (``…就业见习补贴`` / blank / ``(项)1,645.66
万元``), carries watermarks (``[最新热点…]``, ``##paidbegin##``) and, in work reports,
puts prose in table cells.  This module undoes that: it removes the noise, joins a
line that stops mid-sentence to the next one, and keeps for every character the line
it came from, so a finding can quote its sentence and name its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NOISE = (
    re.compile(r"\[[^\[\]\n]{0,60}(热点|素材|公众号|公%?\*?众号)[^\[\]\n]{0,60}\]"),
    re.compile(r"#{2}\s*paid(begin|end)\s*#{2}", re.I),
    re.compile(r"<[^<>\n]{1,20}>"),  # stray html tags such as <p> in exported cells
)
TERMINAL = tuple("。；;！？!?：:")
# ``1.`` numbers an item; ``7.72%`` and ``119.63万元`` at the start of a line do not (a
# figure with its unit after the dot makes it a decimal: the wrapped rest of the sentence above)
ENUMERATOR = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+、|\d+\s*(?:[.．](?!\d+(?:\.\d+)?\s*(?:%|％|万|亿|元|个))|、)|"
                        r"第[一二三四五六七八九十]+部分|[-•])")
HEADING_MAX = 24


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of clean text; ``starts`` maps character offsets to source lines."""

    text: str
    starts: tuple[tuple[int, int], ...]  # (offset in text, 1-based source line), ascending
    headings: tuple[str, ...] = ()  # the recent headings above, nearest last (e.g. "(二) 公务接待费")

    @property
    def heading(self) -> str:
        return self.headings[-1] if self.headings else ""

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1]
        for start, number in self.starts:
            if start > offset:
                break
            line = number
        return line

    @property
    def line(self) -> int:
        return self.starts[0][1]

    def pieces(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The text from ``start`` to ``end`` by source line: (line, start, end), offsets
        into that line's clean text."""
        out = []
        ends = [*(first for first, _ in self.starts[1:]), len(self.text)]
        for (first, number), last in zip(self.starts, ends):
            lo, hi = max(start, first), min(end, last)
            if lo < hi:
                out.append((number, lo - first, hi - first))
        return out


def clean(line: str) -> str:
    if "[" in line or "#" in line or "<" in line:  # only then can a watermark or tag be there
        for pattern in NOISE:
            line = pattern.sub("", line)
    return line.replace("\t", " ").replace("\u3000", " ").strip()


def is_heading(text: str) -> bool:
    """A short enumerated line without a sentence end: a section or item heading."""
    return bool(ENUMERATOR.match(text)) and len(text) <= HEADING_MAX and not text.endswith(TERMINAL)


def paragraphs(lines: list[str] | tuple[str, ...], skip: set[int] | None = None) -> list[Paragraph]:
    """Clean paragraphs from source lines; line numbers in ``skip`` (1-based) are left out."""
    skip = skip or set()
    out: list[Paragraph] = []
    text, starts = "", []
    headings: list[str] = []

    def flush() -> None:
        nonlocal text, starts
        if text:
            out.append(Paragraph(text, tuple(starts), tuple(headings[-10:])))
        text, starts = "", []

    for number, raw in enumerate(lines, 1):
        if number in skip:
            flush()
            continue
        line = clean(raw)
        if not line:
            continue
        if text and _continues(text, line):
            starts.append((len(text), number))
            text += line
            continue
        flush()
        if is_heading(line):
            headings.append(line)
        starts.append((0, number))
        text = line
    flush()
    return out


def _continues(previous: str, line: str) -> bool:
    """Does ``line`` carry on the sentence that ``previous`` left unfinished?"""
    if previous.endswith(TERMINAL) or ENUMERATOR.match(line) or is_heading(previous):
        return False
    return len(previous) >= 15


SENTENCE_END = re.compile(r"(?<=[。；;！？!?])")


def sentences(paragraph: Paragraph) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a sentence ends at 。；！？ (kept with it)."""
    out, offset = [], 0
    for piece in SENTENCE_END.split(paragraph.text):
        if piece.strip():
            out.append((offset, piece))
        offset += len(piece)
    return out


def excerpt(text: str, at: int = 0, limit: int = 60) -> str:
    """The sentence, shortened to ``limit`` characters around position ``at``."""
    if len(text.strip()) <= limit:
        return text.strip()
    start = min(max(0, at - limit // 2), len(text) - limit)
    piece = text[start:start + limit].strip()
    return ("…" if start > 0 else "") + piece + ("…" if start + limit < len(text) else "")
