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

from budgetcheck.core.model import Amount, Table
from budgetcheck.core.figures import is_number
from budgetcheck.templates.schema import OVERVIEW_ROLES
from budgetcheck.templates import Template, load, squeeze
from budgetcheck.readers.forms import parse_t10, parse_t11
from budgetcheck.readers.selfeval import SELFEVAL_ROLES, is_indicator_header, parse_selfeval
from budgetcheck.readers.grid import MAX_HEADER, parse_grid, split_header
from budgetcheck.readers.information import parse_information
from budgetcheck.readers.header import is_numbering
from budgetcheck.readers.structure import enumerator_rank
from budgetcheck.readers.overview import _sides, parse_overview
from budgetcheck.readers.pdf_page import Grid

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
    return same_columns(table.fragments[0].grid, grid)


def same_columns(a: Grid, b: Grid) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= X_TOL for x, y in zip(a.xs, b.xs))


def layouts(fragments: list[Fragment]) -> list[int]:
    """Each fragment's column layout: the index of the first fragment with its columns."""
    return [next(j for j in range(k + 1) if same_columns(fragments[j].grid, f.grid)) for k, f in enumerate(fragments)]


def form_part(table: PdfTable) -> int | None:
    """Where a self-evaluation table laid out as a grid (the department's: tasks and funds
    by line) runs on as a form (its indicators and 总分): the first fragment whose columns
    are not the grid's; None when every fragment is the grid's."""
    if table.role not in SELFEVAL_ROLES:
        return None
    return next((k for k, f in enumerate(table.fragments) if k and not continues(table, f.grid)), None)


def header_paths(grid: Grid, body: int, template: Template) -> list[tuple[str, ...]]:
    """Each column's header path: the header cells above it, outermost first (a merged
    cell over several columns is in each of their paths); rows of column numbers are
    left out."""
    width = len(grid.xs) - 1
    rows = row_cells(grid)
    numbering = {r for r in range(min(body, len(rows))) if is_numbering(rows[r], template)}
    head = [c for c in grid.cells if c.row < body and c.text and c.row not in numbering]
    return [tuple(c.text for c in sorted(head, key=lambda c: c.row) if c.col <= i < c.col + c.cols)
            for i in range(width)]


def _indents(grid: Grid) -> list[tuple[float | None, ...]]:
    width = len(grid.xs) - 1
    rows: list[list[float | None]] = [[None] * width for _ in range(len(grid.ys) - 1)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = cell.indent
    return [tuple(r) for r in rows]


def _middle(grid: Grid, body: int) -> int | None:
    for cell in grid.cells:
        if cell.row < body and "支出" in cell.text and "收入" not in cell.text and cell.col > 0:
            return cell.col
    return None


def build(table: PdfTable, index: int, line_pages: list[int], template: Template | None = None,
          year: int | None = None) -> Table:
    """The model table, with the page of every row."""
    template = template or load()
    role = table.role
    layout = template.layout(role) if role else "grid"
    first = table.fragments[0]
    first_rows = row_cells(first.grid)
    forms = layout == "form"
    if forms or layout == "information":  # the parser finds the header itself
        body_at = 0
    else:
        body_at = split_header(first_rows, role, template)
        if role is not None and layout == "grid" and _sides(header_paths(first.grid, body_at, template)) is not None:
            layout = "overview"  # a fund table printed as 收入 | 支出 lines (政府性基金收支表)
    if layout == "overview":  # the first line with a figure or a numbered label
        body_at = next((i for i, cells in enumerate(first_rows) if any(
            is_number(c) or enumerator_rank(c) is not None for c in cells if c)), len(first_rows))
    if role is None and body_at in (0, len(first_rows)) and first_rows:
        body_at = 1
    paths = header_paths(first.grid, body_at, template) if not forms else None
    header_texts = {tuple(squeeze(c) for c in cells) for cells in first_rows[:body_at] if any(cells)}
    tab_lines: list[tuple[int, str]] = []
    indents: dict[int, tuple[float | None, ...]] = {}
    split = None if forms else form_part(table)
    for k, fragment in enumerate(table.fragments[:split]):
        rows = first_rows if k == 0 else row_cells(fragment.grid)
        offsets = _indents(fragment.grid)
        start = body_at if k == 0 else (0 if forms else _repeated_header(rows, header_texts, template))
        for cells, lineno, offset in zip(rows[start:], fragment.lines[start:], offsets[start:]):
            if any(cells):
                tab_lines.append((lineno, "\t".join(cells if forms or layout == "information" else _total_first(cells))))
                indents[lineno] = offset
    notes = tuple(table.notes)
    args = (table.unit, tab_lines, table.line, notes, index)
    if role in OVERVIEW_ROLES or layout == "overview":
        built = parse_overview(role or "T1", table.title, table.unit, tab_lines, table.line, notes, index,
                               middle=_middle(first.grid, body_at), template=template, paths=paths, indents=indents)
    elif role == "T10":
        built = parse_t10(table.title, *args, template=template)
    elif role == "T11":
        built = parse_t11(table.title, *args, template=template)
    elif role == "FSE":
        built = parse_selfeval(role, table.title, *args, layouts=_line_layouts(table.fragments))
    elif layout == "information":
        built = parse_information(role, table.title, *args, template=template)
    else:
        built = parse_grid(role, table.title, *args, template=template, paths=paths, indents=indents, year=year)
    if split is not None:
        built = _with_indicators(built, table.fragments[split:], role or "", table.unit, table.line, index)
    rows = tuple(replace(r, page=line_pages[r.line - 1] if 0 < r.line <= len(line_pages) else table.page)
                 for r in built.rows)
    return replace(built, rows=rows, page=table.page)


def _line_layouts(fragments: list[Fragment]) -> dict[int, int]:
    keys = layouts(fragments)
    return {line: keys[k] for k, f in enumerate(fragments) for line in f.lines if line}


def _with_indicators(built: Table, fragments: list[Fragment], role: str, unit: str, start: int, index: int) -> Table:
    """A grid-laid self-evaluation table (the department's) with the indicators and 总分
    of the form it runs on to: their 分值 and 得分 go under the grid's 分值 and 得分.
    When the grid has no such columns the indicators are not added, and the table says so."""
    lines = [(lineno, "\t".join(cells)) for f in fragments
             for cells, lineno in zip(row_cells(f.grid), f.lines) if any(cells)]
    form = parse_selfeval(role, built.title, unit, lines, start, (), index, layouts=_line_layouts(fragments),
                          indicators=not any(is_indicator_header([squeeze(c) for c in l.split("\t")]) for _, l in lines))
    keys = [c.key for c in built.columns]
    if "count:分值" not in keys or "count:得分" not in keys:
        return replace(built, readings=(*built.readings, "the indicators that run on to the next page have no "
                                        "分值 / 得分 columns in the table: they were not read"))
    weight, score = keys.index("count:分值"), keys.index("count:得分")
    added = []
    for row in form.rows:
        if row.kind not in ("indicator", "score_total"):
            continue
        amounts: list[Amount | None] = [None] * len(keys)
        amounts[weight], amounts[score] = row.amounts[3], row.amounts[5]
        added.append(replace(row, amounts=tuple(amounts)))
    readings = [r for r in form.readings if not r.startswith("no 年度资金总额")]
    return replace(built, rows=(*built.rows, *added), readings=tuple(dict.fromkeys((*built.readings, *readings))))


def _repeated_header(rows: list[list[str]], header_texts: set[tuple[str, ...]], template: Template) -> int:
    """How many rows at the top of a continuation page repeat the table's header."""
    known = {c for h in header_texts for c in h if c}
    k = 0
    while k < len(rows) and k < MAX_HEADER:
        cells = rows[k]
        squeezed = tuple(squeeze(c) for c in cells)
        filled = {c for c in squeezed if c}
        if not filled or squeezed in header_texts or is_numbering(cells, template) or (
                len(filled) >= 2 and filled <= known and not any(is_number(c) for c in filled)):
            k += 1
            continue
        break
    return k


def _total_first(cells: list[str]) -> list[str]:
    """A 合计 label merged over the code and name columns reads from the first cell."""
    filled = [c for c in cells if c]
    if filled and re.match(r"^(合\s*计|总\s*计)\s*[:：]?$", filled[0]) and not cells[0]:
        k = cells.index(filled[0])
        if not any(is_number(c) for c in cells[:k]):
            return [filled[0], *([""] * k), *cells[k + 1:]]
    return cells
