"""The sums inside each coded table: row cross-foots, subtotal trees, 合计 rows, and
amounts entered in the wrong unit."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from budgetcheck.core.rounding import OK, VIOLATION, Comparison, compare_sum
from budgetcheck.core.model import UNIT_SCALE, Amount, Document
from budgetcheck.core.figures import fmt
from budgetcheck.rules.base import rule, VIOLATION as V
from budgetcheck.rules.context import Context
from budgetcheck.rules.base import Fact, compared, where
from budgetcheck.rules.sums import SumCheck, evaluated


def _facts(doc: Document, check: SumCheck, comparison) -> Iterator[Fact]:
    if comparison.status == OK:  # the common case: skip building locations and messages
        return
    en, zh = check.describe()
    loc = where(doc, check.table, check.total.row, check.total.column)
    related = [where(doc, check.table, p.row, p.column) for p in check.parts]
    yield from compared(comparison, loc, en, zh, related)


@rule("BC101", "row-crossfoot", "error", "tables")
def row_crossfoot(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Within every row, each subtotal equals the sum of its columns.

    The identities come from the table's header: a group's 小计 (财政拨款/小计, 基本支出/小计,
    本年收入/小计 …) equals the sum of the group's other columns, and 合计 equals the sum of
    the top-level columns (a group counted once, by its 小计).  For T5 that is
    合计 = 基本支出 + 项目支出 and 基本支出 = 人员经费 + 公用支出; for T3
    合计 = 财政拨款 + 非财政拨款, each = 基本支出 + 项目支出; for T7
    合计 = 因公出国(境)费 + 公务用车购置及运行费 + 公务接待费.  A fund table that prints its
    carry-overs (政府性基金 决算表) balances in every row: 年末结转和结余 = 年初结转和结余 +
    本年收入 − 本年支出.

    A difference no larger than the rounding of the figures involved is a notice.
    """
    for check, comparison in evaluated(ctx):
        if check.kind == "row":
            yield from _facts(doc, check, comparison)


@rule("BC102", "subtotal-tree", "error", "tables")
def subtotal_tree(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Every parent code equals the sum of its child codes, in every amount column.

    Functional codes nest 类 (3 digits) → 款 (5) → 项 (7); economic codes 类 (3) → 款 (5);
    a department (3 digits) is the sum of its units (6 digits).  Checked in every coded
    table (T2, T3, T5, T6, T8, T9).
    """
    for check, comparison in evaluated(ctx):
        if check.kind == "tree":
            yield from _facts(doc, check, comparison)


@rule("BC103", "total-row", "error", "tables")
def total_row(doc: Document, ctx: Context) -> Iterator[Fact]:
    """The 合计 row equals the sum of the top-level rows (the 类 rows, or the departments).

    A list of items (procurement, services, projects) printed without levels is summed
    by its rows only when no row's figure is the sum of the rows right after it: such a
    row may be a heading, which the 合计 does not count twice.
    """
    for check, comparison in evaluated(ctx):
        if check.kind == "total":
            yield from _facts(doc, check, comparison)


@rule("BC161", "unit-scale", "error", "tables")
def unit_scale(doc: Document, ctx: Context) -> Iterator[Fact]:
    """An amount entered in the wrong unit (元 in a 万元 table, or the reverse).

    When a sum fails and dividing (or multiplying) exactly one of its figures by 10,000
    makes it hold, that figure was almost certainly typed in the other unit: the finding
    points at that cell and says what it would be in the table's unit.
    """
    seen: set[tuple[int, int, int]] = set()
    factors = (Decimal(1) / UNIT_SCALE["万元"], UNIT_SCALE["万元"])
    failing = [check for check, comparison in evaluated(ctx) if comparison.status == VIOLATION]
    # how many failing sums each cell takes part in: a figure in the wrong unit breaks
    # every sum it is in, a right figure beside it only the one they share
    broken: dict[tuple[int, int, int], int] = {}
    for check in failing:
        for term in (check.total, *check.parts):
            key = (check.table.index, term.row.line, term.column)
            broken[key] = broken.get(key, 0) + 1
    for check in failing:
        terms = [check.total, *check.parts]
        amounts = [t.amount for t in terms]
        candidates = []
        for k, term in enumerate(terms):
            if term.amount.value == 0:
                continue
            key = (check.table.index, term.row.line, term.column)
            others = max((abs(a.value) for j, a in enumerate(amounts) if j != k), default=Decimal(0))
            for factor in factors:
                # a figure in the wrong unit is out of scale with its neighbours by far, not
                # merely the one that happens to close the sum (a duplicated row would)
                if (abs(term.amount.value) <= 100 * others) if factor < 1 else (abs(term.amount.value) * 100 >= others):
                    continue
                scaled = Amount(term.amount.value * factor, term.amount.quantum * factor, term.amount.unit)
                trial = amounts[:k] + [scaled] + amounts[k + 1:]
                if compare_sum(trial[0], trial[1:]).status != VIOLATION:
                    candidates.append((key, term, scaled, factor))
        if len({c[0] for c in candidates}) > 1:
            # a parent and its only child: either could be the one typed in the other unit;
            # the one that breaks another sum too is, and if neither does, nothing is said
            most = max(broken.get(c[0], 0) for c in candidates)
            candidates = [c for c in candidates if broken.get(c[0], 0) == most]
            if most < 2 or len({c[0] for c in candidates}) > 1:
                continue
        for key, term, scaled, factor in candidates[:1]:
            if key in seen:
                continue
            seen.add(key)
            other = "元" if factor < 1 else "亿元/万元×10,000"
            yield Fact(
                V, where(doc, check.table, term.row, term.column),
                f"{term.amount.text} looks like an amount in {other} inside a {term.amount.unit} table; "
                f"in {term.amount.unit} it would be {fmt(scaled.value, Decimal('0.01'))}",
                f"{term.amount.text} 疑似按{'元' if factor < 1 else '错误单位'}填列（本表单位为{term.amount.unit}），"
                f"折合应为{fmt(scaled.value, Decimal('0.01'))}",
                Comparison(scaled.value, term.amount.value, Decimal(0), term.amount.unit, term.amount.quantum),
            )
