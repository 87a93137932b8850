"""The information table's own arithmetic (FOI: 机关运行经费、政府采购和国有资产占用).

Why: the table states a total and its parts in one column (政府采购支出 and its 货物,
工程 and 服务; the vehicles and each kind of vehicle), and two figures that are a part of
another (授予中小企业合同金额 of the 政府采购 total, 授予小微企业 of that).  The prose is
checked against the table by BC201; this rule checks the table against itself, so that
a wrong table is found even where the prose copies it.
"""

from __future__ import annotations

from typing import Iterator

from budgetcheck.core.model import Document, Row, Table
from budgetcheck.core.rounding import UNDECIDED, compare_at_most, compare_sum
from budgetcheck.rules.base import Fact, compared, rule, where
from budgetcheck.rules.context import Context

PARTS = ("procurement.goods", "procurement.works", "procurement.services")
WITHIN = (("procurement.sme", "procurement", "授予中小企业合同金额", "政府采购支出"),
          ("procurement.small", "procurement.sme", "授予小微企业合同金额", "授予中小企业合同金额"))


def _items(table: Table) -> dict[str, Row]:
    """Each item printed once with a figure, by its key (an item printed twice is not known)."""
    seen: dict[str, list[Row]] = {}
    for r in table.rows:
        if r.kind and r.amounts[0] is not None:
            seen.setdefault(r.kind, []).append(r)
    return {k: rows[0] for k, rows in seen.items() if len(rows) == 1}


@rule("BC123", "information-table", "error", "tables")
def information_table(doc: Document, ctx: Context) -> Iterator[Fact]:
    """The items of the 机关运行经费、政府采购和国有资产占用 information table agree with
    each other.

    Some regions' final accounts print one table of 机构运行经费支出, 政府采购支出 and
    国有资产占用 (Inner Mongolia's 机构运行经费支出、国有资产占用情况及政府采购支出信息表):
    政府采购支出 = 货物 + 工程 + 服务 (when the table prints the three); 授予中小企业合同金额
    is at most the 政府采购 total, and 授予小微企业合同金额 at most that; the vehicles
    (车辆) are the sum of their kinds when the list of kinds ends with 其他用车 (a list
    that does not may leave kinds out, and is not summed).  A table none of whose items
    is known is not understood: one warning, and nothing checked; an item whose figure
    cannot be told from its 行次 (one number after it, where the other items show two)
    is a warning too, never read as either.
    """
    for table in doc.tables_of("FOI"):
        for r in table.rows:
            if r.amounts[0] is None:
                yield Fact(UNDECIDED, where(doc, table, r),
                           f"{r.label}: one number follows it where the table's other items show a 行次 and a "
                           "figure; it may be either, and was not read",
                           f"{r.label}：其后只有一个数字，而表中其他项目列有行次和金额，无法判断是行次还是金额，未读取")
        items = _items(table)
        if not items:
            if any(r.amounts[0] is not None and r.amounts[0].value for r in table.rows):
                yield Fact(UNDECIDED, where(doc, table),
                           "the information table was not understood: none of its items is a known one "
                           "(机关运行经费, 政府采购, 车辆, 设备); nothing in it was checked",
                           "未能识别该信息表：其中没有可识别的项目（机关运行经费、政府采购、车辆、设备），未作任何核对")
            continue
        yield from _procurement(doc, table, items)
        yield from _within(doc, table, items)
        yield from _vehicles(doc, table, items)


def _procurement(doc: Document, table: Table, items: dict[str, Row]) -> Iterator[Fact]:
    total = items.get("procurement")
    if total is None or not all(p in items for p in PARTS):
        return
    parts = [items[p] for p in PARTS]
    yield from compared(compare_sum(total.amounts[0], [p.amounts[0] for p in parts]),  # type: ignore[misc]
                        where(doc, table, total, 0), "政府采购支出 = 货物 + 工程 + 服务",
                        "政府采购支出应等于货物、工程、服务采购支出之和", [where(doc, table, p, 0) for p in parts])


def _within(doc: Document, table: Table, items: dict[str, Row]) -> Iterator[Fact]:
    for small, big, name, whole in WITHIN:
        part, of = items.get(small), items.get(big)
        if part is None or of is None:
            continue
        yield from compared(compare_at_most(part.amounts[0], of.amounts[0]),  # type: ignore[arg-type]
                            where(doc, table, part, 0), f"{name} ≤ {whole}", f"{name}不应大于{whole}",
                            [where(doc, table, of, 0)])


def _vehicles(doc: Document, table: Table, items: dict[str, Row]) -> Iterator[Fact]:
    total = items.get("vehicles")
    kinds = [r for k, r in items.items() if k.startswith("vehicles.")]
    printed = [r for r in table.rows if r.kind.startswith("vehicles.") and r.amounts[0] is not None]
    if total is None or "vehicles.other" not in items or len(printed) != len(kinds):
        return  # the list may leave kinds out, or prints one twice: not summed
    yield from compared(compare_sum(total.amounts[0], [k.amounts[0] for k in kinds]),  # type: ignore[misc]
                        where(doc, table, total, 0), f"车辆 = the {len(kinds)} kinds of vehicle",
                        f"车辆总数应等于所列{len(kinds)}类车辆之和", [where(doc, table, k, 0) for k in kinds])
