"""From the grids of a PDF to the same builders the text reader uses.

A table is one or more grid fragments: the first under a recognised title, the
others on the following pages with the same column boundaries and no title of their
own (a repeated header is dropped).  Its rows become tab-joined lines, with their
line numbers in ``Document.lines``, and go to ``parse_grid`` / ``parse_overview`` /
``parse_t10`` / ``parse_t11`` exactly as text rows do, so the rules see one model
whatever the input was.

Headers are read from the merged cells, not from text positions: each column's
header is the stack of cells above it.  The builders understand a group over a
leaf (``基本支出/人员经费``), so a deeper stack loses its outermost caption (the
``“三公”经费预算数`` band over the 三公 columns, the ``项目`` band over the code
columns), which names the table rather than a column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Table
from ..numbers import is_number
from ..schema import GRID_ROLES, OVERVIEW_ROLES
from .forms import parse_t10, parse_t11
from .grid import is_body, parse_grid
from .overview import parse_overview
from .pdf_page import Grid

ENUMERATED = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d+\s*[.．、]|[（(][一二三四五六七八九十]+[)）])")
X_TOL = 3.0


@dataclass
class Fragment:
    grid: Grid
    page: int
    lines: list[int]  # the Document.lines number of each atomic row (0 when the row is blank)


@dataclass
class PdfTable:
    role: str | None
    title: str
    unit: str
    line: int
    page: int
    fragments: list[Fragment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def row_cells(grid: Grid) -> list[list[str]]:
    """One list of cell texts per atomic row; a merged cell's text at its top-left box."""
    width = len(grid.xs) - 1
    rows = [[""] * width for _ in range(len(grid.ys) - 1)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = cell.text
    return rows


def continues(table: PdfTable, grid: Grid) -> bool:
    """A title-less grid continues ``table`` when its columns sit where the table's do."""
    first = table.fragments[0].grid
    return len(first.xs) == len(grid.xs) and all(abs(a - b) <= X_TOL for a, b in zip(first.xs, grid.xs))


def _is_row_body(cells: list[str], role: str | None) -> bool:
    if role in OVERVIEW_ROLES:
        return any(is_number(c) or ENUMERATED.match(c) for c in cells if c)
    if role in GRID_ROLES:
        return is_body(cells, role)
    return True


def _first_body(rows: list[list[str]], role: str | None) -> int:
    return next((i for i, cells in enumerate(rows) if any(cells) and _is_row_body(cells, role)), len(rows))


def header_lines(grid: Grid, body: int) -> list[list[str]]:
    """Two header rows (group, leaf) in the text layout, from the merged header cells."""
    width = len(grid.xs) - 1
    head = [c for c in grid.cells if c.row < body and c.text]
    stacks = [[c for c in head if c.col <= i < c.col + c.cols] for i in range(width)]
    deep = {id(s[0]) for s in stacks if len(s) >= 3}
    stacks = [s[1:] if len(s) >= 2 and id(s[0]) in deep else s for s in stacks]
    top, sub = [""] * width, [""] * width
    previous = None
    for i, stack in enumerate(stacks):
        group = stack[-2] if len(stack) >= 2 else None
        if stack and group is None:
            top[i] = stack[-1].text
        elif stack:
            sub[i] = stack[-1].text
            top[i] = group.text if group is not previous else ""
        previous = group
    return [top, sub] if any(sub) else [top]


def _middle(grid: Grid, body: int) -> int | None:
    for cell in grid.cells:
        if cell.row < body and "支出" in cell.text and "收入" not in cell.text and cell.col > 0:
            return cell.col
    return None


def build(table: PdfTable, index: int, line_pages: list[int]) -> Table:
    """The model table, with the page of every row."""
    role = table.role
    first = table.fragments[0]
    first_rows = row_cells(first.grid)
    forms = role in ("T10", "T11")
    body_at = 0 if forms else _first_body(first_rows, role)
    if role is None and body_at == len(first_rows):
        body_at = 0
    tab_lines: list[tuple[int, str]] = []
    header = header_lines(first.grid, body_at) if role in GRID_ROLES else []
    header_line = next((n for n in first.lines if n), table.line)
    if role is None and body_at == 0 and first_rows:
        header, body_at = [first_rows[0]], 1
    tab_lines.extend((header_line, "\t".join(cells)) for cells in header)
    for k, fragment in enumerate(table.fragments):
        rows = first_rows if k == 0 else row_cells(fragment.grid)
        start = body_at if k == 0 else (0 if forms or role is None else _first_body(rows, role))
        for cells, lineno in zip(rows[start:], fragment.lines[start:]):
            if any(cells):
                tab_lines.append((lineno, "\t".join(_total_first(cells))))
    notes = tuple(table.notes)
    args = (table.unit, tab_lines, table.line, notes, index)
    if role in OVERVIEW_ROLES:
        built = parse_overview(role, table.title, *args, middle=_middle(first.grid, body_at))
    elif role == "T10":
        built = parse_t10(table.title, *args)
    elif role == "T11":
        built = parse_t11(table.title, *args)
    else:
        built = parse_grid(role, table.title, *args)
    rows = tuple(replace(r, page=line_pages[r.line - 1] if 0 < r.line <= len(line_pages) else table.page)
                 for r in built.rows)
    return replace(built, rows=rows, page=table.page)


def _total_first(cells: list[str]) -> list[str]:
    """A 合计 label merged over the code and name columns reads from the first cell."""
    filled = [c for c in cells if c]
    if filled and re.match(r"^(合\s*计|总\s*计)\s*[:：]?$", filled[0]) and not cells[0]:
        k = cells.index(filled[0])
        if not any(is_number(c) for c in cells[:k]):
            return [filled[0], *([""] * k), *cells[k + 1:]]
    return cells
