"""``budgetcheck export DOC --to annexes.xlsx``: the tables read, as a clean workbook.

Whatever the source (text, a workbook, a PDF), each recognised table gets a sheet of
its own: title, 单位 line, header, body, with codes in one column and figures as
numbers formatted at their written precision.  The result is what a finance office
would hand over as the annex workbook, and reading it back gives the same model.
"""

from __future__ import annotations

import re
from pathlib import Path

from budgetcheck.core.errors import InputError
from budgetcheck.core.model import Document
from budgetcheck.writers.layout import Block, form_block, recognised, table_block
from budgetcheck.writers.package import save

MAX_SHEET_NAME = 31
WIDTHS = {"code": 11, "name": 34, "text": 18, "amount": 15}


def sheet_name(block: Block, used: set[str]) -> str:
    """``T5 一般公共预算支出情况表``: the role and the title, unique, as Excel allows."""
    base = re.sub(r"[\[\]:*?/\\]", "", f"{block.table.role} {block.table.title}")[:MAX_SHEET_NAME].strip()
    name, n = base, 1
    while name.lower() in used:
        n += 1
        suffix = f" ({n})"
        name = base[:MAX_SHEET_NAME - len(suffix)] + suffix
    used.add(name.lower())
    return name


def place(ws, block: Block, top: int = 1, left: int = 1) -> None:
    """Write ``block`` with its top-left cell at (top, left)."""
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    for r, (values, kind) in enumerate(zip(block.cells, block.kinds)):
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            cell = ws.cell(top + r, left + c, value)
            if (r, c) in block.formats:
                cell.number_format = block.formats[(r, c)]
            if kind in ("title", "header"):
                cell.font = Font(bold=True, size=14) if kind == "title" else bold
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r1, c1, r2, c2 in block.merges:
        if (r1, c1) != (r2, c2):
            ws.merge_cells(start_row=top + r1, start_column=left + c1, end_row=top + r2, end_column=left + c2)


def _widths(ws, block: Block, left: int = 1) -> None:
    from openpyxl.utils import get_column_letter

    for c in range(block.width):
        col = block.columns[c] if c < len(block.columns) else None
        kind = "amount" if col is None or col.is_amount else col.key if col.key in WIDTHS else "text"
        if block.table.role in ("T10", "T11"):
            kind = "name" if c in (1, 2) else "amount"
        ws.column_dimensions[get_column_letter(left + c)].width = WIDTHS[kind]


def workbook(document: Document):
    """An openpyxl workbook: a 说明 sheet with the narrative, then one sheet per
    recognised table of ``document``."""
    from openpyxl import Workbook

    tables = recognised(document.tables)
    if not tables:
        raise InputError(f"{document.path}: no budget tables found to export")
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    prose = _prose(document)
    if prose:  # the narrative first, one line per row, so the workbook alone is the whole document
        ws = book.create_sheet("说明")
        for i, line in enumerate(prose, 1):
            ws.cell(i, 1, line)
        ws.column_dimensions["A"].width = 120
        used.add("说明")
    for table in tables:
        block = table_block(table) if table.role != "FSE" else form_block(table, _form_lines(document, table))
        ws = book.create_sheet(sheet_name(block, used))
        place(ws, block)
        _widths(ws, block)
    return book


def _form_lines(document: Document, table) -> list[str]:
    """The printed lines of a form: from the line after its title to its last row."""
    last = max((r.line for r in table.rows if r.line), default=0)
    return [line for line in document.lines[table.line:last] if line.strip()] if table.line and last else []


def _prose(document: Document) -> list[str]:
    """The narrative lines: every line that is not part of a table."""
    from budgetcheck.claims import table_lines

    skip = table_lines(document)
    return [line.strip() for n, line in enumerate(document.lines, 1) if line.strip() and n not in skip and "\t" not in line]


def export(document: Document, target: str | Path) -> int:
    """Write the workbook to ``target``; returns the number of tables written."""
    book = workbook(document)
    save(book, Path(target))
    return len([ws for ws in book.worksheets if ws.title != "说明"])
