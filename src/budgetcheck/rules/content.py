"""What a table says about itself: empty-table statements, and how its rows were read."""

from __future__ import annotations

import re
from typing import Iterator

from budgetcheck.core.rounding import compare_equal
from budgetcheck.core.limits import clip
from budgetcheck.core.model import Amount, Document, Location, Table
from budgetcheck.templates import load, squeeze
from budgetcheck.rules.base import UNDECIDED, VIOLATION, compared, rule, where, Fact
from budgetcheck.rules.context import Context
from budgetcheck.rules.lookup import cell, fund_key, side_rows

CHECKED_ROLES = ("T2", "T3", "T5", "T6", "T7", "T8", "T8b", "T9")


def _empty_statement(doc: Document) -> re.Pattern[str]:
    return load(doc.template).captions["empty"]


def _nonzero(table: Table) -> list[tuple[int, int]]:
    return [(i, c) for i, r in enumerate(table.rows) for c, a in enumerate(r.amounts) if a is not None and a.value != 0]


@rule("BC131", "empty-statement", "error", "tables")
def empty_statement(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A statement that a table is empty agrees with its figures.

    ``本表为空表``, ``无政府性基金预算支出`` or ``说明：本单位…无…`` over non-zero figures is an
    error; a table whose figures are all blank without such a statement is a warning
    (was it left out by mistake?), unless the overview confirms it: an empty 政府性基金 or
    国有资本经营 table whose fund lines in T1/T4 are zero.  When the 政府性基金 table (T8) is empty, the
    政府性基金 lines of T1, T2 and T4 must be zero too.
    """
    for table in doc.tables:
        if table.part not in CHECKED_ROLES:
            continue
        empty = _empty_statement(doc)
        stated = next((n for n in table.notes if empty.search(squeeze(n))), None)
        nonzero = _nonzero(table)
        if stated and nonzero:
            i, c = nonzero[0]
            yield Fact(VIOLATION, where(doc, table, table.rows[i], c),
                       f"the table says it is empty (“{stated}”) but has figures",
                       f"表格注明为空（“{stated}”），但填有金额")
        elif not stated and not nonzero and table.amount_columns and not _confirmed_empty(doc, table):
            yield Fact(UNDECIDED, where(doc, table),
                       "every figure of this table is blank and no note says the table is empty",
                       "本表金额全部为空，且未注明为空表")
        if table.part == "T8" and not nonzero:
            yield from _fund_lines_zero(doc)


_FUND_OF = {"T8": "gov_fund", "T8b": "soe"}


def _confirmed_empty(doc: Document, table: Table) -> bool:
    """An empty fund table is what the overview says: its fund's lines in T1/T4 are all
    zero (some regions publish such a table without a statement)."""
    fund = _FUND_OF.get(table.part or "")
    if fund is None:
        return False
    lines = [r for t in (*doc.tables_of("T1"), *doc.tables_of("T4")) for r in side_rows(t, "income", "item")
             if fund_key(r.label) == fund and r.amounts[0] is not None]
    return bool(lines) and all(r.amounts[0].value == 0 for r in lines)  # type: ignore[union-attr]


def _fund_lines_zero(doc: Document) -> Iterator[Fact]:
    zero = Amount.zero()
    for table in [*doc.tables_of("T1"), *doc.tables_of("T4")]:
        for row in side_rows(table, "income", "item"):
            if fund_key(row.label) == "gov_fund" and row.amounts[0] is not None:
                yield from compared(compare_equal(row.amounts[0], zero.to(row.amounts[0].unit)),
                                    where(doc, table, row, 0), "政府性基金 line with an empty T8",
                                    "T8政府性基金表为空，本行应为零")
    t2 = doc.table("T2")
    if t2 is not None:
        for key in ("current.gov_fund", "carryover.gov_fund"):
            c = cell(doc, t2, t2.total_row, key)
            if c is not None:
                yield from compared(compare_equal(c.amount, zero.to(c.amount.unit)), c.location,
                                    "政府性基金 income with an empty T8", "T8政府性基金表为空，本列应为零")


@rule("BC001", "row-alignment", "warning", "reading")
def row_alignment(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A row whose cells could not be placed in their columns with certainty.

    Published text drops empty cells, so a short row is placed by its identities and
    the table's sums (budget-rules §5).  When no placement fits, or several still fit,
    the row is read as written (left to right) and this warning shows the raw line:
    check that row by hand.
    """
    for table in doc.tables:
        if table.role is None:  # blocks that are not budget tables are listed, not checked
            continue
        for row in table.rows:
            if row.alignment == "ambiguous":
                yield Fact(UNDECIDED, where(doc, table, row, None),
                           f"{row.candidates} different placements of this row's cells fit its identities; "
                           f"read left to right: {clip(row.raw.strip())!r}",
                           f"本行有{row.candidates}种对齐方式均符合勾稽关系，已按原顺序读取：{clip(row.raw.strip())!r}")
            elif row.alignment == "unaligned":
                yield Fact(UNDECIDED, where(doc, table, row, None),
                           f"no placement of this row's cells fits its identities; read left to right: {clip(row.raw.strip())!r}",
                           f"本行单元格无法按勾稽关系对齐，已按原顺序读取：{clip(row.raw.strip())!r}")


@rule("BC002", "non-numeric-cell", "warning", "reading")
def non_numeric(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A cell in an amount column that is not a figure (read as blank).

    Blank marks (``—``, ``-``, ``/``, ``（空）``) are blanks and are not reported.  A
    workbook formula saved without its value (the file was never calculated) is such a
    cell too: it is named with its formula, and no identity is judged on it.
    """
    for table in doc.tables:
        if table.role is None:
            continue
        for row in table.rows:
            for text in row.bad_cells:
                if text in row.formulas:
                    yield Fact(UNDECIDED, where(doc, table, row, row.formulas.index(text)),
                               f"the formula {text} has no saved value (the workbook was saved without "
                               "calculating it); the checks that need it were skipped",
                               f"公式{text}没有保存计算结果（工作簿保存前未计算），相关核对已跳过")
                    continue
                yield Fact(UNDECIDED, where(doc, table, row, None),
                           f"“{clip(text)}” is not a figure; it was read as blank", f"“{clip(text)}”不是数字，已按空白处理")


@rule("BC007", "missing-table", "error", "reading", on_request="require_tables")
def missing_table(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A core table of the national set is not in the document (with ``--require-tables``).

    Every budget publishes T1–T8 (收支总表, 收入总表, 支出总表, 财政拨款收支总表, 一般公共
    预算支出表, 基本支出表, “三公”经费表, 政府性基金表), under its region's titles.  A
    document without one of them is reported as *partly verified*; for a pre-publication
    gate, ``--require-tables`` (or ``require_tables = true``) makes each missing table an
    error.  A work report (no tables at all) is not a budget and is not asked for them.
    """
    from budgetcheck.templates.schema import CORE_ROLES, FINAL_CORE, ROLE_NAMES

    present = {t.role for t in doc.tables if t.role}
    if not present:
        return
    for role in (FINAL_CORE if doc.category == "final" else CORE_ROLES):
        if role not in present:
            yield Fact(VIOLATION, missing_table_location(doc, role), f"table {role} ({ROLE_NAMES.get(role, role)}) was not found",
                       f"未找到{role}表（{ROLE_NAMES.get(role, role)}）")


def missing_table_location(doc: Document, role: str) -> Location:
    """Where a missing table is reported: the document, the table's role and its name."""
    from budgetcheck.templates.schema import ROLE_NAMES

    return Location(doc.path, role, ROLE_NAMES.get(role, role))
