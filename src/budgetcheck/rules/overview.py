"""The overview tables (T1 收支总体情况表, T4 财政拨款收支总体情况表): their own
balances and their agreement with the detailed tables."""

from __future__ import annotations

import re
from typing import Iterator

from ..arith import compare_equal, compare_sum
from ..model import Document, Row, Table
from .base import Fact, compared, where
from .lookup import Cell, cell, fund_key, one, rows_by_code, side_rows, zero_at

SIDES = {"income": ("income", "收入"), "expenditure": ("expenditure", "支出")}
_SAME_LEVEL = re.compile(r"^\s*[一二三四五六七八九十]+、")


def _amount(doc: Document, table: Table, row: Row) -> Cell:
    return Cell(row.amounts[0], where(doc, table, row, 0))  # type: ignore[arg-type]


def _sum(doc: Document, table: Table, total: Row, parts: list[Row], en: str, zh: str) -> Iterator[Fact]:
    cells = [_amount(doc, table, p) for p in parts]
    yield from compared(compare_sum(total.amounts[0], [c.amount for c in cells]),  # type: ignore[arg-type]
                        where(doc, table, total, 0), en, zh, [c.location for c in cells])


def overview_balance(doc: Document) -> Iterator[Fact]:
    """T1 and T4 balance: 本年合计 = Σ lines, 总计 = 本年合计 + 结转, 收入总计 = 支出总计.

    On each side, 本年收入合计 (本年支出合计) is the sum of the income (expenditure) lines;
    收入总计 is 本年收入合计 plus 上年结转结余, 支出总计 is 本年支出合计 plus 年终结转结余;
    and the two 总计 are equal.  In T4, whose 一、本年收入 heading carries no figure, 收入总计
    is the sum of all fund lines; a heading that does carry a figure must equal its lines.

    Fails: 本年收入合计 131,297.24 while 129,217.94 + 1,932.30 + 147.00 = 131,297.24 is
    stated as 131,297.42.  Passes: the same lines with 131,297.24.
    """
    for table in [*doc.tables_of("T1"), *doc.tables_of("T4")]:
        grands = {}
        for side, (en_side, zh_side) in SIDES.items():
            rows = side_rows(table, side)
            items = [r for r in rows if r.kind == "item"]
            year, grand = one(table, side, "year_total"), one(table, side, "grand_total")
            carry = [r for r in rows if r.kind == "carry"]
            if year is not None:
                yield from _sum(doc, table, year, items, f"本年{zh_side}合计 = sum of the {en_side} lines",
                                f"本年{zh_side}合计应等于各{zh_side}项目之和")
            if grand is not None:
                grands[side] = grand
                parts = ([year] if year is not None else items) + carry
                yield from _sum(doc, table, grand, parts, f"{zh_side}总计 = 本年{zh_side} + 结转结余",
                                f"{zh_side}总计应等于本年{zh_side}与结转结余之和")
            yield from _groups(doc, table, rows)
        if len(grands) == 2:
            inc, exp = grands["income"], grands["expenditure"]
            yield from compared(compare_equal(exp.amounts[0], inc.amounts[0]),  # type: ignore[arg-type]
                                where(doc, table, exp, 0), "支出总计 = 收入总计", "支出总计应等于收入总计",
                                [where(doc, table, inc, 0)])


def _groups(doc: Document, table: Table, rows: list[Row]) -> Iterator[Fact]:
    for i, row in enumerate(rows):
        if row.kind != "group" or row.amounts[0] is None or row.amounts[0].blank:
            continue
        members = []
        for nxt in rows[i + 1:]:
            if nxt.kind != "item" or _SAME_LEVEL.match(nxt.label):  # 二、事业收入 after 一、财政拨款收入's 1. 2. 3.
                break
            members.append(nxt)
        yield from _sum(doc, table, row, members, f"{row.label} = sum of its lines", f"{row.label}应等于其下各项之和")


def _equal(doc: Document, a: Cell | None, b: Cell | None, en: str, zh: str) -> Iterator[Fact]:
    if a is None or b is None:
        return
    yield from compared(compare_equal(a.amount, b.amount), a.location, en, zh, [b.location])


def overview_vs_detail(doc: Document) -> Iterator[Fact]:
    """The overview tables agree with the detailed tables.

    T1: each expenditure line (by 类 name) = T3 合计 of that 类; 本年支出合计 = T3 合计;
    each income line = the T2 合计 row's column for that fund (一般公共预算, 事业收入 …).
    T4: each expenditure line = T3 财政拨款小计 of that 类; 一般公共预算拨款 = T1's line =
    T5 合计; 政府性基金预算拨款 = T8 合计.  A 类 with figures in T3 but no line in the
    overview is reported too.

    Fails: T1 八、社会保障和就业支出 125,072.67 while T3 208 合计 is 125,027.67.
    Passes: both 125,072.67.
    """
    t3, t2, t5, t8 = doc.table("T3"), doc.table("T2"), doc.table("T5"), doc.table("T8")
    t3_rows = rows_by_code(t3) if t3 else {}
    for table in [*doc.tables_of("T1"), *doc.tables_of("T4")]:
        key = "total" if table.role == "T1" else "fiscal"
        if t3 is not None and t3.column(key) is not None:  # a T3 without 财政拨款 columns says nothing here
            seen = set()
            for row in side_rows(table, "expenditure", "item"):
                if row.code is None:
                    continue
                seen.add(row.code.text)
                other = cell(doc, t3, t3_rows.get(row.code.text), key) or zero_at(doc, t3, row.code.text, row.amounts[0].unit)  # type: ignore[union-attr]
                yield from _equal(doc, _amount(doc, table, row), other, f"{row.label} = T3 {row.code} ({key})",
                                  f"{row.label}应与T3表{row.code}科目一致")
            for code, r3 in t3_rows.items():
                if len(code) == 3 and code not in seen and r3.code is not None:
                    t3cell = cell(doc, t3, r3, key)
                    if t3cell is not None and t3cell.amount.value != 0:
                        missing = zero_at(doc, table, r3.label, t3cell.amount.unit)
                        yield from _equal(doc, t3cell, missing, f"T3 {code} {r3.label} has no line in {table.role}",
                                          f"T3表{code}{r3.label}在{table.role}表中没有对应行")
            if table.role == "T1":
                year = one(table, "expenditure", "year_total")
                if year is not None:
                    yield from _equal(doc, _amount(doc, table, year), cell(doc, t3, t3.total_row, "total"),
                                      "本年支出合计 = T3 合计", "本年支出合计应与T3表合计一致")
        yield from _income(doc, table, t2, t5, t8)


def _income(doc: Document, table: Table, t2: Table | None, t5: Table | None, t8: Table | None) -> Iterator[Fact]:
    incomes = side_rows(table, "income")
    if table.role == "T1" and t2 is not None and t2.total_row is not None:
        for row in incomes:
            key = {"year_total": "current", "carry": "carryover"}.get(row.kind)
            if row.kind == "item":
                fund = fund_key(row.label)
                key = f"current.{fund}" if fund else None
            if key is not None:
                yield from _equal(doc, _amount(doc, table, row), cell(doc, t2, t2.total_row, key),
                                  f"{row.label} = T2 合计 row", f"{row.label}应与T2表合计行一致")
    if table.role == "T4":
        current = []
        for row in incomes:
            if row.kind == "group" and "结转" in row.label:
                break
            if row.kind == "item":
                current.append(row)
        for row in current:
            fund = fund_key(row.label)
            mine = _amount(doc, table, row)
            if fund == "gpb":
                if t5 is not None:
                    yield from _equal(doc, mine, cell(doc, t5, t5.total_row, "total"),
                                      "一般公共预算拨款 = T5 合计", "一般公共预算拨款应与T5表合计一致")
                for t1 in doc.tables_of("T1"):
                    line = next((r for r in side_rows(t1, "income", "item") if fund_key(r.label) == "gpb"), None)
                    if line is not None:
                        yield from _equal(doc, mine, _amount(doc, t1, line), "一般公共预算拨款 = T1",
                                          "一般公共预算拨款应与T1表一致")
            elif fund == "gov_fund" and t8 is not None and t8.total_row is not None:
                yield from _equal(doc, mine, cell(doc, t8, t8.total_row, "total"),
                                  "政府性基金预算拨款 = T8 合计", "政府性基金预算拨款应与T8表合计一致")
