"""The performance tables: T10 (部门整体支出绩效目标表) and T11 (一级项目绩效目标表)."""

from __future__ import annotations

from typing import Iterator

from budgetcheck.core.rounding import compare_at_most, compare_sum, total_of
from budgetcheck.core.model import Document, Location, Row, Table
from budgetcheck.rules.base import compared, rule, where, Fact
from budgetcheck.rules.context import Context
from budgetcheck.rules.lookup import Cell, cell, one

PROJECT_STRUCTURES = ("部门专项", "发展经费", "基建项目")


def _cells(doc: Document, table: Table, rows: list[Row], col: int) -> list[Cell]:
    return [Cell(r.amounts[col], where(doc, table, r, col)) for r in rows if r.amounts[col] is not None]  # type: ignore[arg-type]


def _check(total: Cell, parts: list[Cell], en: str, zh: str) -> Iterator[Fact]:
    yield from compared(compare_sum(total.amount, [p.amount for p in parts]), total.location, en, zh,
                        [p.location for p in parts])


@rule("BC141", "performance-structure", "error", "tables", requires=("T10",))
def performance_structure(doc: Document, ctx: Context) -> Iterator[Fact]:
    """T10's 支出结构 adds up and matches the budget it describes.

    In both columns (资金总额, 其中：财政资金) 合计 = 人员支出 + 公用支出 + 部门专项 + 发展经费
    + 基建项目.  资金总额 合计 = T1 收入总计; 财政资金 合计 = T5 合计; 财政资金 人员支出 and
    公用支出 = T5 人员经费 and 公用支出; 资金总额 人员 + 公用 = all 基本支出 of T3, and
    部门专项 + 发展经费 + 基建项目 = all 项目支出 of T3 (财政拨款 and 非财政拨款).
    """
    for table in doc.tables_of("T10"):
        if table.column("funds") != 0 or table.column("fiscal") != 1:
            continue  # a funds block read as a grid: its sums are the grid rules' (BC101, BC103)
        rows = {r.label: r for r in table.rows}
        total = rows.get("合计")
        if total is None:
            continue
        structures = [r for r in table.rows if r.label != "合计"]
        for col, name in ((0, "资金总额"), (1, "财政资金")):
            yield from _check(Cell(total.amounts[col], where(doc, table, total, col)), _cells(doc, table, structures, col),  # type: ignore[arg-type]
                              f"T10 {name} 合计 = sum of the 支出结构", f"T10表{name}合计应等于各支出结构之和")
        yield from _against_tables(doc, table, rows)


def _against_tables(doc: Document, table: Table, rows: dict[str, Row]) -> Iterator[Fact]:
    total = rows["合计"]
    mine = lambda row, col: Cell(row.amounts[col], where(doc, table, row, col))  # noqa: E731
    t1, t3, t5 = doc.table("T1"), doc.table("T3"), doc.table("T5")
    grand = one(t1, "income", "grand_total") if t1 else None
    if grand is not None and t1 is not None:
        yield from _check(mine(total, 0), [Cell(grand.amounts[0], where(doc, t1, grand, 0))],  # type: ignore[arg-type]
                          "T10 资金总额 合计 = T1 收入总计", "T10表资金总额合计应与T1表收入总计一致")
    if t5 is not None and t5.total_row is not None:
        for label, key in (("合计", "total"), ("人员支出", "personnel"), ("公用支出", "public")):
            other = cell(doc, t5, t5.total_row, key)
            if label in rows and other is not None:
                yield from _check(mine(rows[label], 1), [other], f"T10 财政资金 {label} = T5 合计 {key}",
                                  f"T10表财政资金{label}应与T5表一致")
    if t3 is not None and t3.total_row is not None:
        for names, keys, what in (
            (("人员支出", "公用支出"), ("fiscal.basic", "nonfiscal.basic"), "基本支出"),
            (PROJECT_STRUCTURES, ("fiscal.project", "nonfiscal.project"), "项目支出"),
        ):
            others = [c for c in (cell(doc, t3, t3.total_row, k) for k in keys) if c is not None]
            present = [rows[n] for n in names if n in rows]
            if not others or not present:
                continue
            funds = _cells(doc, table, present, 0)
            summed = total_of([f.amount for f in funds], funds[0].amount.unit)
            yield from compared(
                compare_sum(summed, [o.amount for o in others]), funds[0].location, f"T10 资金总额 {'+'.join(names)} = T3 {what}",
                f"T10表资金总额{'、'.join(names)}之和应等于T3表{what}", [o.location for o in others],
            )


@rule("BC142", "goal-items", "error", "tables", requires=("T10",))
def goal_items(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Each T10 goal's 涉及财政资金 equals the sum of the amounts itemised in its 涉及项目 cell.

    A list that continues on the next row after a page break is joined to its goal.
    """
    for table in doc.tables_of("T10"):
        for goal in table.goals:
            if goal.stated is None:
                continue
            loc = Location(doc.path, "T10", table.title, goal.label, "涉及财政资金", goal.line, goal.ref)
            yield from compared(compare_sum(goal.stated, [a for _, a in goal.items]), loc,
                                f"goal {goal.label}: 涉及财政资金 = sum of its {len(goal.items)} projects",
                                f"绩效目标“{goal.label}”涉及财政资金应等于所列{len(goal.items)}个项目金额之和")


@rule("BC143", "project-ceiling", "error", "tables", requires=("T11",))
def project_ceiling(doc: Document, ctx: Context) -> Iterator[Fact]:
    """In each T11 project, 其中：财政拨款数 does not exceed 预算资金; where 其他资金 is
    printed too, 预算资金 = 财政拨款 + 其他资金.

    Forms of one project each and tables that list every project are read alike: each
    project is a row with its 预算资金 (资金总额, 项目总额, 金额), its 财政拨款 and, where
    printed, its 其他资金.
    """
    for table in doc.tables_of("T11"):
        b, f, o = table.column("budget"), table.column("fiscal"), table.column("other_funds")
        for row in table.rows:
            budget = row.amounts[b] if b is not None else None
            fiscal = row.amounts[f] if f is not None else None
            other = row.amounts[o] if o is not None else None
            if budget is None or fiscal is None:
                continue
            if other is not None:
                yield from compared(compare_sum(budget, [fiscal, other]), where(doc, table, row, b),
                                    f"project {row.label}: 预算资金 = 财政拨款 + 其他资金",
                                    f"项目“{row.label}”预算资金应等于财政拨款与其他资金之和",
                                    [where(doc, table, row, f), where(doc, table, row, o)])
            else:
                yield from compared(compare_at_most(fiscal, budget), where(doc, table, row, f),
                                    f"project {row.label}: 财政拨款数 ≤ 预算资金",
                                    f"项目“{row.label}”财政拨款数不应超过预算资金", [where(doc, table, row, b)])
