"""Give each row read from a workbook its cells back: ``Row.refs`` (``Sheet!C12``),
its formulas, and which of its cells are hidden or have no saved value.

The table parsers work on lines and fields; this module repeats, for each kind of
table, how a parser chose the field of each figure, and maps that field to the sheet
column it came from.  Grids are positional (a workbook never loses an empty cell);
the overview tables pair each label with the cell after it; the performance forms
find a figure after the word that names it.  Lines become sheet rows, so a finding's
``line`` is the row number in its sheet.
"""

from __future__ import annotations

from dataclasses import replace

from openpyxl.utils import get_column_letter

from budgetcheck.core.model import Goal, Row, Table
from budgetcheck.core.figures import BLANK_MARKS, is_number
from budgetcheck.templates.schema import GRID_ROLES, OVERVIEW_ROLES
from budgetcheck.readers.forms import ITEM
from budgetcheck.readers.grid import TOTAL
from budgetcheck.readers.information import UNIT_CELL
from budgetcheck.readers.overview import STRUCTURES, pairs

from budgetcheck.readers.xlsx_cells import SheetText

Fields = list[int | None]  # per table column: the field of the line it was read from


def locate(table: Table, sheet: SheetText, index: int) -> Table:
    """The table with sheet rows for lines, cell references, formulas and hidden cells."""
    rows = tuple(_row(table, row, _fields(table, row, sheet), sheet) for row in table.rows)
    goals = tuple(_goal(goal, sheet) for goal in table.goals)
    hidden: tuple[int, ...] = ()
    if table.role in GRID_ROLES or table.role is None:
        lines = [r.line for r in table.rows]
        hidden = tuple(i for i in range(len(table.columns))
                       if lines and _col(sheet, lines[0], i) in sheet.hidden_cols)
    return replace(table, rows=rows, goals=goals, line=_sheet_row(sheet, table.line), index=index,
                   hidden_columns=hidden)


def _sheet_row(sheet: SheetText, line: int) -> int:
    return sheet.rows[line - 1] if 0 < line <= len(sheet.rows) else line


def _col(sheet: SheetText, line: int, field: int | None) -> int | None:
    cols = sheet.cols[line - 1] if 0 < line <= len(sheet.cols) else ()
    return cols[field] if field is not None and 0 <= field < len(cols) else None


def _ref(sheet: SheetText, row: int, col: int | None) -> str:
    return f"{sheet.name}!{get_column_letter(col)}{row}" if col is not None else ""


def _row(table: Table, row: Row, fields: Fields, sheet: SheetText) -> Row:
    r = _sheet_row(sheet, row.line)
    cols = [_col(sheet, row.line, f) for f in fields]
    refs = tuple(_ref(sheet, r, c) for c in cols)
    formulas = tuple(sheet.formulas.get((r, c), "") if c is not None else "" for c in cols)
    unknown = tuple(f for f, c in zip(formulas, cols) if (r, c) in sheet.unknown and f not in row.bad_cells)
    hidden = r in sheet.hidden_rows or (table.role not in GRID_ROLES and table.role is not None and any(
        c in sheet.hidden_cols for c, a in zip(cols, row.amounts) if a is not None))
    return replace(row, line=r, refs=refs, formulas=formulas if any(formulas) else (),
                   bad_cells=row.bad_cells + unknown, hidden=hidden)


def _cells(row: Row) -> list[str]:
    return [c.strip() for c in row.raw.split("\t")]


def _fields(table: Table, row: Row, sheet: SheetText) -> Fields:
    if table.role in OVERVIEW_ROLES:
        return _overview(table, row)
    if table.role == "T10":
        return _structure(row)
    if table.role == "T11":
        return _project(table, row, sheet)
    if table.role == "FOI":
        return [_item_field(row)]
    return _grid(table, row)


def _item_field(row: Row) -> int | None:
    """An information-table item's figure (readers/information.py): the last field after
    its label that is not a unit, before the next label (行次 first, when printed)."""
    cells = _cells(row)
    if row.label.strip() not in cells:
        return None
    at = cells.index(row.label.strip())
    fields = []
    for i in range(at + 1, len(cells)):
        if cells[i] and not is_number(cells[i]) and cells[i] not in BLANK_MARKS and not UNIT_CELL.match(cells[i]):
            break
        if not UNIT_CELL.match(cells[i]):
            fields.append(i)
    return fields[-1] if fields else None


def _grid(table: Table, row: Row) -> Fields:
    """As grid._rows reads a full-width line: text cells first, then the figures."""
    text_cols = [i for i, c in enumerate(table.columns) if not c.is_amount]
    amount_cols = [i for i, c in enumerate(table.columns) if c.is_amount]
    cells = _cells(row)
    shift = 0
    if row.is_total and len(cells) > 1 and len(text_cols) > 1 and TOTAL.match(cells[0]) and is_number(cells[1]):
        shift = len(text_cols) - 1  # a 合计 figure right after the label: grid pads the text cells
    fields: Fields = [None] * len(table.columns)
    for k, col in enumerate(text_cols):
        fields[col] = k if not shift or k == 0 else None
    for k, col in enumerate(amount_cols):
        fields[col] = len(text_cols) + k - shift
    return fields


def _overview(table: Table, row: Row) -> Fields:
    """The figure is the cell after the row's label, in the line's order of labels."""
    same = [r for r in table.rows if r.line == row.line]
    found = pairs(_cells(row))
    k = next(i for i, r in enumerate(same) if r is row)
    return [found[k][0] + 1 if k < len(found) else None]


def _structure(row: Row) -> Fields:
    cells = _cells(row)
    for i, cell in enumerate(cells):
        if cell == row.label and cell in STRUCTURES:
            return [i + 1, i + 2]
    return [None, None]


def _after(cells: list[str], start: int, blanks: set[int]) -> int | None:
    """The first field at or after ``start`` holding something (as forms._figure)."""
    return next((k for k in range(start, len(cells)) if cells[k] or k in blanks), None)


def _project(table: Table, row: Row, sheet: SheetText) -> Fields:
    """预算资金 and 财政拨款数: the figure after each label (or inside its cell)."""
    budget = fiscal = None
    first = row.line
    stop = min((r.line for r in table.rows if r.line > first), default=len(sheet.lines) + 1)
    for line in range(first, min(stop, len(sheet.lines) + 1)):
        cells = [c.strip() for c in sheet.lines[line - 1].split("\t")]
        r = sheet.rows[line - 1]
        blanks = {k for k, c in enumerate(sheet.cols[line - 1]) if (r, c) in sheet.unknown}
        for i, cell in enumerate(cells):
            if cell == "预算资金" and budget is None and line == first:
                budget = _after(cells, i + 1, blanks)
            elif "财政拨款数" in cell and fiscal is None:
                rest = cell.split("财政拨款数", 1)[1].strip(" ：:")
                at = i if rest else _after(cells, i + 1, blanks)
                fiscal = (line, at)
        if fiscal is not None:
            break
    if fiscal is not None and fiscal[0] != first:
        return [budget, None]  # a figure on another line: no single cell to name
    return [budget, fiscal[1] if fiscal else None]


def _goal(goal: Goal, sheet: SheetText) -> Goal:
    """A T10 goal: its 涉及财政资金 is the first figure after the cell that itemises."""
    line = goal.line
    if not 0 < line <= len(sheet.lines):
        return goal
    cells = [c.strip() for c in sheet.lines[line - 1].split("\t")]
    items = next((i for i, c in enumerate(cells) if ITEM.search(c)), None)
    at = None
    if items is not None and goal.stated is not None:
        at = next((k for k in range(items + 1, len(cells)) if cells[k] and is_number(cells[k])), None)
    r = sheet.rows[line - 1]
    return replace(goal, line=r, ref=_ref(sheet, r, _col(sheet, line, at)) if at is not None else "")
