"""The overview tables (T1 收支总体情况表, T4 财政拨款收支总体情况表): their own
balances and their agreement with the detailed tables."""

from __future__ import annotations

from typing import Iterator

from budgetcheck.core.rounding import compare_equal, compare_sum, total_of
from budgetcheck.core.model import Document, Row, Table
from budgetcheck.rules.base import compared, rule, where, Fact
from budgetcheck.rules.context import Context
from budgetcheck.rules.lookup import Cell, by_code, cell, fund_key, one, rows_by_code, side_rows, zero_at

SIDES = {"income": ("income", "收入"), "expenditure": ("expenditure", "支出")}


def _amount(doc: Document, table: Table, row: Row) -> Cell:
    return Cell(row.amounts[0], where(doc, table, row, 0))  # type: ignore[arg-type]


def _sum(doc: Document, table: Table, total: Row, parts: list[Row], en: str, zh: str) -> Iterator[Fact]:
    cells = [_amount(doc, table, p) for p in parts]
    yield from compared(compare_sum(total.amounts[0], [c.amount for c in cells]),  # type: ignore[arg-type]
                        where(doc, table, total, 0), en, zh, [c.location for c in cells])


def children_of(table: Table) -> dict[int, list[int]]:
    """Row index → the indices of the rows directly under it (readers set ``parent``)."""
    out: dict[int, list[int]] = {}
    for i, row in enumerate(table.rows):
        if row.parent is not None:
            out.setdefault(row.parent, []).append(i)
    return out


def _sides(table: Table) -> list[str]:
    return list(dict.fromkeys(r.side for r in table.rows if r.side))


@rule("BC104", "overview-balance", "error", "tables")
def overview_balance(doc: Document, ctx: Context) -> Iterator[Fact]:
    """T1 and T4 balance: 本年合计 = Σ lines, 总计 = 本年合计 + 结转, 收入总计 = 支出总计.

    On each side, 本年收入合计 (本年支出合计) is the sum of the top-level income
    (expenditure) lines; 收入总计 is 本年收入合计 plus the carry lines (上年结转结余 …),
    支出总计 is 本年支出合计 plus 年终结转结余; and the two 总计 are equal.  A line with
    lines under it (一、财政拨款 over 一般公共预算…, a 类 over its 款 in a tree printed by
    name, 上年结转 over its funds) equals the sum of those lines; a single 其中 line
    under it is a part of it, not its breakdown.  A 本年收入 heading without a figure
    stands for its lines.  Where the expenditure is printed three ways (by function, by
    部门经济 and by 政府经济 class), each way is checked on its own.
    """
    for table in [t for t in doc.tables if any(r.side for r in t.rows)]:  # T1, T4 and any table laid out so
        kids = children_of(table)
        rows = table.rows
        grands: dict[str, Row] = {}
        for side in _sides(table):
            idx = [i for i, r in enumerate(rows) if r.side == side]
            zh_side = "收入" if side == "income" else "支出"
            for i in idx:
                members = [rows[k] for k in kids.get(i, ())]
                if not members or rows[i].amounts[0] is None or rows[i].amounts[0].blank:
                    continue
                if len(members) == 1 and members[0].memo:
                    continue
                yield from _sum(doc, table, rows[i], members, f"{rows[i].label} = sum of its lines",
                                f"{rows[i].label}应等于其下各项之和")
            tops = [rows[i] for i in idx if rows[i].kind == "item" and rows[i].parent is None]
            year = next((i for i in idx if rows[i].kind == "year_total"), None)
            grand = next((i for i in idx if rows[i].kind == "grand_total"), None)
            carries = [rows[i] for i in idx if rows[i].kind == "carry"]
            year_row = rows[year] if year is not None else None
            if year_row is not None and year not in kids and not year_row.amounts[0].blank and tops:  # type: ignore[union-attr]
                yield from _sum(doc, table, year_row, tops, f"本年{zh_side}合计 = sum of the {side} lines",
                                f"本年{zh_side}合计应等于各{zh_side}项目之和")
            if grand is not None:
                grands[side] = rows[grand]
                if year_row is not None and not year_row.amounts[0].blank:  # type: ignore[union-attr]
                    parts = [year_row]
                elif year is not None and year in kids:
                    parts = [rows[k] for k in kids[year]]
                else:
                    parts = tops
                parts = parts + carries
                if parts:
                    yield from _sum(doc, table, rows[grand], parts, f"{zh_side}总计 = 本年{zh_side} + 结转结余",
                                    f"{zh_side}总计应等于本年{zh_side}与结转结余之和")
            yield from _fund_columns(doc, table, idx)
        income = grands.get("income")
        for side, row in grands.items():
            if side == "income" or income is None:
                continue
            yield from compared(compare_equal(row.amounts[0], income.amounts[0]),  # type: ignore[arg-type]
                                where(doc, table, row, 0), "支出总计 = 收入总计", "支出总计应等于收入总计",
                                [where(doc, table, income, 0)])


def _fund_columns(doc: Document, table: Table, idx: list[int]) -> Iterator[Fact]:
    """An expenditure side with 总计 and fund columns: 总计 = Σ funds on every line."""
    funds = [k for k, c in enumerate(table.columns) if k > 0 and c.period == ""]
    if not funds:
        return
    for i in idx:
        row = table.rows[i]
        parts = [row.amounts[k] for k in funds]
        if row.amounts[0] is None or any(p is None for p in parts):
            continue
        cells = [Cell(p, where(doc, table, row, k)) for p, k in zip(parts, funds)]  # type: ignore[arg-type]
        yield from compared(compare_sum(row.amounts[0], [c.amount for c in cells]), where(doc, table, row, 0),  # type: ignore[arg-type]
                            f"{row.label}: 总计 = Σ fund columns", f"{row.label}：总计应等于各资金列之和",
                            [c.location for c in cells])


def _equal(doc: Document, a: Cell | None, b: Cell | None, en: str, zh: str) -> Iterator[Fact]:
    if a is None or b is None:
        return
    yield from compared(compare_equal(a.amount, b.amount), a.location, en, zh, [b.location])


@rule("BC111", "overview-vs-detail", "error", "tables", requires=("T1", "T3"))
def overview_vs_detail(doc: Document, ctx: Context) -> Iterator[Fact]:
    """The overview tables agree with the detailed tables.

    T1: each expenditure line (by 类 name) = T3 合计 of that 类; 本年支出合计 = T3 合计;
    each income line = the T2 合计 row's column for that fund (一般公共预算, 事业收入 …).
    T4: each expenditure line = T3 财政拨款小计 of that 类 (where T3 has no 财政拨款 columns:
    T5 + T8 + 国有资本经营 of that 类); 一般公共预算拨款 = T1's line = T5 合计; 政府性基金预算
    拨款 = T8 合计.  A 类 with figures in T3 but no line in the overview is reported too.
    Where a table lists only leaf rows, a 类 is the sum of its rows.
    """
    t3, t2, t5, t8 = doc.table("T3"), doc.table("T2"), doc.table("T5"), doc.table("T8")
    t3_rows = rows_by_code(t3) if t3 else {}
    for table in [*doc.tables_of("T1"), *doc.tables_of("T4")]:
        key = "total" if table.part == "T1" else "fiscal"
        functional = t3 is not None and any(r.code is not None and r.code.scheme == "functional" for r in t3.rows)
        if t3 is not None and functional and t3.column(key) is not None:  # a T3 by unit, or without 财政拨款 columns, says nothing here
            seen = set()
            for row in side_rows(table, "expenditure", "item"):
                if row.code is None:
                    continue
                seen.add(row.code.text)
                other = by_code(doc, t3, row.code.text, key) or zero_at(doc, t3, row.code.text, row.amounts[0].unit)  # type: ignore[union-attr]
                yield from _equal(doc, _amount(doc, table, row), other, f"{row.label} = T3 {row.code} ({key})",
                                  f"{row.label}应与T3表{row.code}科目一致")
            for code, r3 in t3_rows.items():
                if len(code) == 3 and code not in seen and r3.code is not None and r3.code.scheme == "functional":
                    t3cell = cell(doc, t3, r3, key)
                    if t3cell is not None and t3cell.amount.value != 0:
                        missing = zero_at(doc, table, r3.label, t3cell.amount.unit)
                        yield from _equal(doc, t3cell, missing, f"T3 {code} {r3.label} has no line in {table.role}",
                                          f"T3表{code}{r3.label}在{table.role}表中没有对应行")
        elif table.part == "T4":
            yield from _fiscal_by_class(doc, table)
        if t3 is not None and table.part == "T1" and t3.column("total") is not None:
            year = one(table, "expenditure", "year_total")
            if year is not None:
                yield from _equal(doc, _amount(doc, table, year), cell(doc, t3, t3.total_row, "total"),
                                  "本年支出合计 = T3 合计", "本年支出合计应与T3表合计一致")
        yield from _income(doc, table, t2, t5, t8)


def _fiscal_by_class(doc: Document, table: Table) -> Iterator[Fact]:
    """T4 class lines against the fund tables, when T3 does not split 财政拨款."""
    funds = [t for t in (doc.table("T5"), doc.table("T8"), doc.table("T8b")) if t is not None]
    if not funds or doc.table("T5") is None:
        return
    for row in side_rows(table, "expenditure", "item"):
        if row.code is None or row.amounts[0] is None:
            continue
        parts = [c for t in funds if (c := by_code(doc, t, row.code.text, _spent_key(t))) is not None]
        mine = _amount(doc, table, row)
        if not parts:
            parts = [zero_at(doc, funds[0], row.code.text, mine.amount.unit)]
        yield from compared(compare_sum(mine.amount, [p.amount for p in parts]), mine.location,
                            f"{row.label} = T5 + T8 {row.code}", f"{row.label}应与T5、T8表{row.code}科目之和一致",
                            [p.location for p in parts])


def _spent_key(table: Table) -> str:
    """The column of what a fund table spent: its 合计, or 本年支出 in a final account's
    fund table that also lists 年初结转, 本年收入 and 年末结转 (公开07表)."""
    return "total" if table.column("total") is not None else "expenditure"


def _income_lines(table: Table) -> tuple[list[Row], list[Row], bool]:
    """A T1/T4 income side: the lines of this year, the lines under a carry line, and
    whether the side has a carry line at all (some templates fold the carry-over into
    the fund lines)."""
    rows = table.rows
    now, carried = [], []
    has_carry = False
    for row in rows:
        if row.side != "income":
            continue
        if row.kind == "carry":
            has_carry = True
        if row.kind != "item":
            continue
        top = row
        while top.parent is not None and rows[top.parent].kind == "item":
            top = rows[top.parent]
        (carried if top.parent is not None and rows[top.parent].kind == "carry" else now).append(row)
    return now, carried, has_carry


def _fund_sum(doc: Document, table: Table, lines: list[Row], fund: str) -> Cell | None:
    cells = [_amount(doc, table, r) for r in lines if fund_key(r.label) == fund]
    if not cells:
        return None
    if len(cells) == 1:
        return cells[0]
    return Cell(total_of([c.amount for c in cells], cells[0].amount.unit), cells[0].location)


def _income(doc: Document, table: Table, t2: Table | None, t5: Table | None, t8: Table | None) -> Iterator[Fact]:
    now, carried, has_carry = _income_lines(table)
    if table.part == "T1" and t2 is not None and t2.total_row is not None:
        for row in table.rows:
            if row.side != "income":
                continue
            key = {"year_total": "current", "carry": "carryover"}.get(row.kind)
            if key == "current" and t2.column("current") is None and t2.column("carryover") is None:
                key = "total"  # a 收入决算表 lists this year's income only: its 合计 is 本年收入合计
            if row.kind == "item" and row in now:
                fund = fund_key(row.label)
                key = (f"current.{fund}" if t2.column(f"current.{fund}") is not None else fund) if fund else None
            if key is not None:
                yield from _equal(doc, _amount(doc, table, row), cell(doc, t2, t2.total_row, key),
                                  f"{row.label} = T2 合计 row", f"{row.label}应与T2表合计行一致")
    if table.part == "T1" and t2 is not None and t2.total_row is not None and t2.column("fiscal") is not None \
            and t2.column("gpb") is None:
        lines = [r for r in now if fund_key(r.label) in ("gpb", "gov_fund", "soe")]
        if lines:
            fiscal = _fund_sum(doc, table, lines, fund_key(lines[0].label)) if len(lines) == 1 else Cell(
                total_of([_amount(doc, table, r).amount for r in lines], lines[0].amounts[0].unit),  # type: ignore[union-attr]
                _amount(doc, table, lines[0]).location)
            yield from _equal(doc, fiscal, cell(doc, t2, t2.total_row, "fiscal"), "财政拨款收入 = T2 合计 row",
                              "财政拨款收入（一般公共预算、政府性基金、国有资本经营）应与T2表合计行一致")
    if table.part == "T4" and doc.category == "final":
        yield from _spent_by_fund(doc, table, t5, t8)
    if table.part == "T4":
        both = now + carried
        gpb_now, gpb_all = _fund_sum(doc, table, now, "gpb"), _fund_sum(doc, table, both, "gpb")
        if gpb_all is not None and t5 is not None and doc.category != "final":
            yield from _equal(doc, gpb_all, cell(doc, t5, t5.total_row, "total"),
                              "一般公共预算拨款 (本年 + 上年结转) = T5 合计", "一般公共预算拨款（含上年结转）应与T5表合计一致")
        for t1 in doc.tables_of("T1"):
            t1_now, _, t1_carry = _income_lines(t1)
            line = next((r for r in t1_now if fund_key(r.label) == "gpb"), None)
            mine = gpb_now if t1_carry else gpb_all
            if line is not None and mine is not None:
                yield from _equal(doc, mine, _amount(doc, t1, line), "一般公共预算拨款 = T1" if t1_carry else
                                  "一般公共预算拨款 (本年 + 上年结转) = T1", "一般公共预算拨款应与T1表一致")
        fund_all = _fund_sum(doc, table, both, "gov_fund")
        if fund_all is not None and t8 is not None and t8.total_row is not None and doc.category != "final":
            yield from _equal(doc, fund_all, cell(doc, t8, t8.total_row, "total"),
                              "政府性基金预算拨款 = T8 合计", "政府性基金预算拨款应与T8表合计一致")


def _spent_by_fund(doc: Document, table: Table, t5: Table | None, t8: Table | None) -> Iterator[Fact]:
    """Final accounts: what was received is not what was spent (the rest is carried to
    next year), so F4's 本年支出合计 by fund is what F5 (一般公共预算) and F7 (政府性基金)
    report as spent, not its income lines."""
    year = one(table, "expenditure", "year_total")
    if year is None:
        return
    for key, other, name in (("gpb", t5, "一般公共预算"), ("gov_fund", t8, "政府性基金")):
        col = table.column(key)
        if col is None or other is None or other.total_row is None or year.amounts[col] is None:
            continue
        mine = Cell(year.amounts[col], where(doc, table, year, col))  # type: ignore[arg-type]
        yield from _equal(doc, mine, cell(doc, other, other.total_row, "total"),
                          f"本年支出合计 ({name}) = {other.role} 合计", f"本年支出合计（{name}）应与{other.role}表合计一致")
