"""Tables whose tabs became spaces: give them their cells back, or leave them unread.

Text copied out of a PDF viewer, a terminal or Word, or saved by an editor that
expands tabs, keeps the tables' layout but not their tabs.  Read as it is, every
table has no rows and nothing would be checked.  So, before the tables are parsed,
the rows of each table that has no tab line at all are given tabs back, in the first
of three ways that the spacing itself proves:

1. **each tab became N spaces** (``sed 's/\\t/    /g'``): every gap of two or more
   spaces is a multiple of one N ≥ 2, so a gap of k·N spaces is k tabs, exactly,
   empty cells included;
2. **tab stops** (``expand``, Python's ``expandtabs``, a terminal): the gaps end on
   the multiples of 8 (or 4), counted in characters or in display columns (a CJK
   character is two); a gap is the tabs that reach its stop, exactly.  A single space
   on a stop is a tab only beside a figure or a code (``2080101 行政运行``): a space
   inside a name stays in the name;
3. **aligned columns** (a PDF viewer, ``pdftotext -layout``): cells are split at gaps
   of two or more spaces (and at one space between a figure and a name); figures,
   which are right-aligned, are put in the column whose right edge they share with
   the other rows, so an empty cell is not lost; what still does not fit is left to
   the grid reader's realignment, and a row that cannot be placed is a BC001 warning.

The third way is accepted only if the rows it gives look like table rows (a code or
合计 first, figures after).  When no way fits, nothing is changed: the tables have no
rows, rule BC004 says so for each, and a document with no table read at all is
refused (exit 2), never passed.  Line numbers never change: one line in, one line out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from math import gcd

from budgetcheck.core.figures import is_number
from budgetcheck.templates.schema import OVERVIEW_ROLES, recognise_title

UNIT_LINE = re.compile(r"^\s*(?:金额)?单位\s*[:：]\s*(万元|亿元|元)")
SUBTITLE = re.compile(r"^\s*[（(]\s*\d{4}\s*年\s*(度)?\s*[)）]\s*$")
ANNEX = re.compile(r"^\s*附件\s*\d+\s*$")
GAP = re.compile(r" {2,}")
ROW_LIKE = re.compile(r"\S {2,}\S|^ {2,}\S")
RUN = re.compile(r" +")
NUMERIC = re.compile(r"^[-−－]?[\d,，.．]+%?$|^[（(][\d,.]+[)）]$")
CODE_OR_TOTAL = re.compile(r"^(\d{3}(\d{2}){0,2}|\d{6}|合\s*计|总\s*计)[:：]?$")
UNIT_WORD = re.compile(r"^(万元|元|亿元|%|人|个)$")
LOOKAHEAD = 6


@dataclass(frozen=True)
class Restored:
    lines: list[str]
    how: str = ""  # "" (nothing restored), or how: tabs=unit:N, tabs=stops:W:characters|display, tabs=aligned
    tables: int = 0  # tables whose rows were restored


def _width(ch: str, display: bool = True) -> int:
    return 2 if display and unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _runs(line: str, display: bool) -> list[tuple[int, int, int, int]]:
    """(char start, char end, position start, position end) of each run of spaces."""
    out = []
    pos, i = 0, 0
    positions = []
    for ch in line:
        positions.append(pos)
        pos += _width(ch, display)
    positions.append(pos)
    for m in RUN.finditer(line):
        i, j = m.start(), m.end()
        out.append((i, j, positions[i], positions[j]))
    return out


def _regions(lines: list[str]) -> list[tuple[int, int, str]]:
    """(first line, end, role) of each table whose body has no tab line at all."""
    titles = []
    for i, line in enumerate(lines):
        if "表" not in line or "\t" in line or len(line) > 200:
            continue  # every title ends in 表 (schema.recognise_title)
        role = recognise_title(line)
        if role and _followed_by_rows(lines, i):
            titles.append((i, role))
    out = []
    for n, (i, role) in enumerate(titles):
        end = titles[n + 1][0] if n + 1 < len(titles) else len(lines)
        if not any("\t" in lines[j] for j in range(i + 1, end)):
            out.append((i + 1, end, role))
    return out


def _followed_by_rows(lines: list[str], i: int) -> bool:
    seen = 0
    for j in range(i + 1, min(len(lines), i + 1 + 40 * LOOKAHEAD)):
        line = lines[j]
        if not line.strip():
            continue
        if "\t" in line or UNIT_LINE.match(line) or SUBTITLE.match(line) or ROW_LIKE.search(line.rstrip()):
            return True
        seen += 1
        if seen >= LOOKAHEAD or recognise_title(line) or line.lstrip().startswith(("-", "•")):
            return False
    return False


def _rows(lines: list[str], regions) -> list[int]:
    """The lines of those tables that are rows (not captions, not notes)."""
    out = []
    for start, end, _ in regions:
        for j in range(start, end):
            line = lines[j].rstrip()
            if not line.strip() or UNIT_LINE.match(line) or SUBTITLE.match(line) or ANNEX.match(line):
                continue
            first = line.split()[0] if line.split() else ""
            if recognise_title(line) or not (ROW_LIKE.search(line) or CODE_OR_TOTAL.match(first)):
                continue
            out.append(j)
    return out


# --- way 1: each tab became N spaces --------------------------------------------------


def _unit(lines: list[str], rows: list[int]) -> int:
    lengths = [len(m.group()) for j in rows for m in GAP.finditer(lines[j].rstrip())]
    if len(lengths) < 4:
        return 0
    n = 0
    for length in lengths:
        n = gcd(n, length)
    return n if n >= 2 else 0


def _by_unit(line: str, n: int) -> str:
    body = line.rstrip(" ")
    tail = len(line) - len(body)
    return GAP.sub(lambda m: "\t" * (len(m.group()) // n), body) + ("\t" * (tail // n) if tail % n == 0 else "")


# --- way 2: tab stops ---------------------------------------------------------------------


def _stops(lines: list[str], rows: list[int]) -> tuple[int, bool] | None:
    """(stop width, display columns?) when nearly every gap ends on a tab stop."""
    best = None
    for display in (False, True):
        runs = [r for j in rows for r in _runs(lines[j].rstrip(), display) if r[1] - r[0] >= 2]
        if len(runs) < 4:
            continue
        for width in (8, 4):
            on = sum(1 for r in runs if r[3] % width == 0)
            score = on / len(runs)
            if score >= 0.97 and (best is None or score > best[0]):
                best = (score, width, display)
    return (best[1], best[2]) if best else None


def _by_stops(line: str, width: int, display: bool) -> str:
    body = line
    out, last = [], 0
    for i, j, start, end in _runs(body, display):
        if end % width:
            continue  # a gap inside a cell
        left = body[last:i].split(" ")[-1] if i > last else ""
        right = body[j:].split(" ", 1)[0]
        if j - i == 1 and _inside(left, right):
            continue  # one space inside a name, not a tab
        tabs = (end - (start // width + 1) * width) // width + 1
        out.append(body[last:i])
        out.append("\t" * max(1, tabs))
        last = j
    out.append(body[last:])
    return "".join(out)


def _inside(left: str, right: str) -> bool:
    """A single space on a tab stop that is more likely part of a cell: beside a
    bracket or a punctuation mark (``中心 (厦门…)``, ``万元 ，人才…``, ``</p> <p>``) or between two
    lone characters (``收 入``)."""
    if not left or not right:
        return not left
    if NUMERIC.match(left) or NUMERIC.match(right):
        return False
    return (left[-1] in ")）]】，,。；;：:、>" or right[0] in "(（[【，,。；;：:、<"
            or (len(left) == 1 and len(right) == 1))


# --- way 3: aligned columns --------------------------------------------------------------


def _cells(line: str, display: bool = True) -> list[tuple[str, int, int]]:
    """Cells split at gaps of 2+ spaces and at one space between a figure and a word,
    with their display start and end."""
    body = line.rstrip()
    pieces: list[tuple[str, int, int]] = []
    positions, pos = [], 0
    for ch in body:
        positions.append(pos)
        pos += _width(ch, display)
    positions.append(pos)
    for m in re.finditer(r"\S+(?: \S+)*", body):
        words = [(w.group(), m.start() + w.start(), m.start() + w.end()) for w in re.finditer(r"\S+", m.group())]
        cell = [words[0]]
        for word in words[1:]:
            prev = cell[-1][0]
            split = (NUMERIC.match(prev) and not UNIT_WORD.match(word[0])) or \
                (NUMERIC.match(word[0]) and not NUMERIC.match(prev) and is_number(word[0]) and len(word[0]) > 3)
            if split:
                pieces.append(_join(cell, body, positions))
                cell = [word]
            else:
                cell.append(word)
        pieces.append(_join(cell, body, positions))
    return pieces


def _join(words, body: str, positions: list[int]) -> tuple[str, int, int]:
    i, j = words[0][1], words[-1][2]
    return body[i:j], positions[i], positions[j]


def _split_row(cells: list[tuple[str, int, int]]):
    """(the leading cells: codes, names and other text, the figures after the last of them)."""
    k = next((i for i in range(len(cells) - 1, -1, -1) if not is_number(cells[i][0])), None)
    if k is None:
        return [], cells
    return cells[: k + 1], cells[k + 1:]


def _clusters(ends: list[int]) -> list[list[int]]:
    ends = sorted(ends)
    clusters: list[list[int]] = []
    for e in ends:
        if clusters and e - clusters[-1][-1] <= 4:
            clusters[-1].append(e)
        else:
            clusters.append([e])
    return clusters


def _assign(ends: list[int], edges: list[int]) -> list[int] | None:
    """The edge of each figure: in order, each to a distinct edge, nearest in total."""
    m, k = len(ends), len(edges)
    if m > k:
        return None
    inf = float("inf")
    cost = [[inf] * (k + 1) for _ in range(m + 1)]
    cost[0] = [0.0] * (k + 1)
    for i in range(1, m + 1):
        for j in range(i, k + 1):
            cost[i][j] = min(cost[i][j - 1], cost[i - 1][j - 1] + abs(ends[i - 1] - edges[j - 1]))
    out, j = [], k
    for i in range(m, 0, -1):
        while j > i and cost[i][j] == cost[i][j - 1]:
            j -= 1
        out.append(j - 1)
        j -= 1
    return out[::-1]


def _lead_starts(body: list) -> list[int]:
    """Where each text column (codes, names) starts, from the rows that fill them all."""
    leads = [_split_row(c)[0] for c in body]
    width = max((len(lead) for lead in leads), default=0)
    full = [lead for lead in leads if len(lead) == width]
    return [sorted(lead[k][1] for lead in full)[len(full) // 2] for k in range(width)] if full else []


def _grid_row(cells: list[tuple[str, int, int]], edges: list[int], starts: list[int]) -> str:
    lead, figures = _split_row(cells)
    where = _assign([e for _, _, e in figures], edges) if figures and edges else None
    if where is None:
        return "\t".join(c[0] for c in cells)
    slots = [""] * len(edges)
    for (text, _, _), e in zip(figures, where):
        slots[e] = text
    texts = [c[0] for c in lead]
    if texts and len(texts) < len(starts):  # a text cell left empty: place the others by position
        if len(texts) == 1 and texts[0].startswith(("合", "总")) and CODE_OR_TOTAL.match(texts[0]):
            at = [0]  # 合计 stands in the code column, wherever it is printed
        else:
            at = _assign([c[1] for c in lead], starts) or list(range(len(texts)))
        placed = [""] * len(starts)
        for text, k in zip(texts, at):
            placed[k] = text
        texts = placed
    return "\t".join(texts + slots)


def _overview_row(cells: list[tuple[str, int, int]], right: int) -> str:
    """label, figure | label, figure: each side by where its label starts."""
    sides: list[list[str]] = [["", ""], ["", ""]]
    for text, start, _ in cells:
        side = sides[1] if start >= right - 2 else sides[0]
        if is_number(text):
            side[1] = text
        elif not side[0]:
            side[0] = text
        else:
            sides[1][0] = text
    return "\t".join(sides[0] + sides[1]).rstrip("\t")


def _header_row(cells, body, edges: list[int]) -> str:
    """A header line over aligned columns: each caption in the column where it starts,
    so the merged captions keep their place (``基本支出`` over 小计|人员经费|公用支出)."""
    leads = [_split_row(c)[0] for c in body]
    width = max((len(lead) for lead in leads), default=0)
    starts = [min((lead[k][1] for lead in leads if len(lead) == width), default=0) for k in range(width)]
    figure_starts = [f[1] for c in body for f in _split_row(c)[1]]
    lead_end = min(figure_starts) - 1 if figure_starts else 10 ** 6
    slots = [""] * (width + len(edges))
    for text, start, _ in cells:
        if start < lead_end - 1 and width:
            k = min(range(width), key=lambda i: abs(starts[i] - start))
        else:
            k = width + next((i for i, e in enumerate(edges) if start < e), len(edges) - 1)
        while k < len(slots) - 1 and slots[k]:
            k += 1
        slots[k] = (slots[k] + " " + text).strip()
    return "\t".join(slots)


def _with_header(edges: list[int], split: dict[int, list], body: list) -> list[int]:
    """Edges for the amount columns that no row fills: from the header lines above the
    first body row (the leaf line first), one per caption with no figure under it."""
    if not edges or not body:
        return edges
    first = next(j for j, cells in split.items() if cells is body[0])
    above = [j for j in split if j < first and split[j]]
    figure_starts = [f[1] for cells in body for f in _split_row(cells)[1]]
    lead_end = min(figure_starts) if figure_starts else 0
    out = list(edges)
    for j in reversed(above):
        header = split[j]
        for k, (text, start, end) in enumerate(header):
            nxt = header[k + 1][1] if k + 1 < len(header) else 10 ** 6
            if nxt <= lead_end or is_number(text):
                continue  # a header of the codes and names
            if not any(start < e <= nxt + 1 for e in out):
                out.append(nxt - 2 if nxt < 10 ** 6 else max(end, max(out) + 4))
        out.sort()
    return out


def _aligned(lines: list[str], regions, rows: set[int], display: bool) -> tuple[float, dict[int, str]]:
    """The rows as tab lines by aligned columns (positions in display columns, or in
    characters as ``pdftotext -layout`` counts them), and the share of figures that
    line up with two other rows' (random spacing: few do, and nothing is guessed)."""
    out: dict[int, str] = {}
    figures = aligned = 0
    for start, end, role in regions:
        split = {j: _cells(lines[j], display) for j in range(start, end) if j in rows}
        if role in OVERVIEW_ROLES:
            starts = [c[1] for cells in split.values() for c in cells[1:] if not is_number(c[0])]
            right = max(set(starts), key=starts.count) if starts else 10 ** 6
            for j, cells in split.items():
                out[j] = _overview_row(cells, right)
            continue
        body = [cells for cells in split.values() if cells and (CODE_OR_TOTAL.match(cells[0][0])
                                                                or all(is_number(c[0]) for c in cells))]
        clusters = _clusters([e for cells in body for _, _, e in _split_row(cells)[1]])
        if role not in ("T10", "T11"):  # aligned: in a tight column shared with two other rows
            figures += sum(len(c) for c in clusters)
            aligned += sum(len(c) for c in clusters if (len(c) >= 3 and c[-1] - c[0] <= 8) or len(body) < 4)
        edges = _with_header([round(sum(c) / len(c)) for c in clusters], split, body)
        first = next((j for j, cells in split.items() if body and cells is body[0]), None)
        starts = _lead_starts(body)
        for j, cells in split.items():
            if role in ("T10", "T11"):
                out[j] = "\t".join(c[0] for c in cells)
            elif first is not None and j < first and edges:
                out[j] = _header_row(cells, body, edges)
            else:
                out[j] = _grid_row(cells, edges, starts)
    return (aligned / figures if figures else 0.0), out


def restore_tabs(lines: list[str]) -> Restored:
    """The lines with tabs given back to the tables that lost theirs (see above)."""
    regions = _regions(lines)
    if not regions:
        return Restored(lines)
    rows = _rows(lines, regions)
    if len(rows) < 2:
        return Restored(lines)
    out = list(lines)
    n = _unit(lines, rows)
    if n:
        for j in rows:
            out[j] = _by_unit(lines[j], n)
        return Restored(out, f"tabs=unit:{n}", len(regions))
    stops = _stops(lines, rows)
    if stops:
        width, display = stops
        for j in rows:
            out[j] = _by_stops(lines[j], width, display)
        return Restored(out, f"tabs=stops:{width}:{'display' if display else 'characters'}", len(regions))
    share, aligned = max((_aligned(lines, regions, set(rows), display) for display in (True, False)), key=lambda r: r[0])
    if share < 0.8:
        return Restored(lines)
    for j, text in aligned.items():
        out[j] = text
    return Restored(out, "tabs=aligned", len(regions))
