"""Form-like performance tables: T10 (整体支出绩效目标表) and T11 (一级项目绩效目标表).

They are forms, not grids: figures sit next to the words that name them, and prose
cells itemise project amounts (``人才开发6,047.00万元 ，…``).  Cells move between
rows at page breaks, so figures are found by the label before them, and a goal's list
of items that continues on the next row (it starts with a comma and has no total of
its own) is joined to the goal above.
"""

from __future__ import annotations

import re

from ..model import Amount, Column, Goal, Row, Table
from ..numbers import NotANumber, is_number, parse_amount
from .overview import T10_COLUMNS, structure_rows

ITEM = re.compile(r"([^,，;；、]*?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*万元")
T11_COLUMNS = (Column("budget", "预算资金"), Column("fiscal", "其中：财政拨款数"))


def _figure(cells: list[str], start: int, unit: str) -> Amount | None:
    """The first figure at or after ``start``, in the unit written in the next cell if any."""
    for k in range(start, len(cells)):
        text = cells[k].strip()
        if not text:
            continue
        following = next((c.strip() for c in cells[k + 1:] if c.strip()), "")
        if following in ("万元", "元", "亿元") and not text.endswith("元"):
            text += following
        try:
            amount = parse_amount(text, unit)
        except NotANumber:
            return None
        return Amount(amount.value, amount.quantum, amount.unit, cells[k].strip())
    return None


def parse_t10(title: str, unit: str, tab_lines: list[tuple[int, str]], start: int,
              notes: tuple[str, ...], index: int) -> Table:
    goal_start = next((i for i, (_, raw) in enumerate(tab_lines) if raw.split("\t")[0].strip() == "绩效目标"),
                      len(tab_lines))
    rows = structure_rows(tab_lines[:goal_start], unit)
    goals: list[Goal] = []
    for lineno, raw in tab_lines[goal_start + 1:]:
        cells = [c.strip() for c in raw.split("\t")]
        for i, cell in enumerate(cells):
            items = tuple((name.strip(" ，,"), parse_amount(num + "万元", unit)) for name, num in ITEM.findall(cell))
            if not items:
                continue
            stated = next((parse_amount(c, unit) for c in cells[i + 1:] if c and is_number(c)), None)
            if stated is None and cell.startswith((",", "，")) and goals:
                prev = goals[-1]
                goals[-1] = Goal(prev.label, prev.items + items, prev.stated, prev.line)
            else:
                label = next((c for c in cells[:i] if c and not is_number(c)), "")
                goals.append(Goal(label, items, stated, lineno))
            break
    return Table("T10", title, unit, T10_COLUMNS, tuple(rows), start, index, notes, tuple(goals))


def parse_t11(title: str, unit: str, tab_lines: list[tuple[int, str]], start: int,
              notes: tuple[str, ...], index: int) -> Table:
    name, budget, fiscal, line, raw_line = "", None, None, start, ""
    for lineno, raw in tab_lines:
        cells = [c.strip() for c in raw.split("\t")]
        for i, cell in enumerate(cells):
            if cell == "项目名称" and not name:
                name = next((c for c in cells[i + 1:] if c), "")
            elif cell == "预算资金" and budget is None:
                budget, line, raw_line = _figure(cells, i + 1, unit), lineno, raw
            elif "财政拨款数" in cell and fiscal is None:
                rest = cell.split("财政拨款数", 1)[1].strip(" ：:")
                fiscal = _figure([rest, *cells[i + 1:]], 0, unit)
    rows = ()
    if budget is not None or fiscal is not None:
        amounts = (budget or Amount.zero(unit), fiscal or Amount.zero(unit))
        rows = (Row(name, None, amounts, line, raw_line),)
    return Table("T11", title, unit, T11_COLUMNS, rows, start, index, notes)
