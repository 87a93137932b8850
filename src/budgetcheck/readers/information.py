"""Information tables: items, each a label and one figure (layout ``information``).

The 机关运行经费、政府采购和国有资产占用 table of some regions' final accounts (Inner
Mongolia's 机构运行经费支出、国有资产占用情况及政府采购支出信息表) is no grid of codes
and no two-sided overview: it lists items (机构运行经费支出, 政府采购支出 and its 货物 /
工程 / 服务, 授予中小企业合同金额, 车辆 by kind, 单价50万元以上通用设备 …), each with a
行次 and one figure, often in two halves side by side (项目 | 行次 | 金额 | 项目 | 行次 |
数量).  Each item's meaning comes from the template (``[rows.information]``), its unit
from the table (money) or from the item (vehicles in 辆, equipment in 台).

Why a reader of its own: a grid would take the 行次 for a figure and the two halves
for one row, and sum vehicles with 万元.  Where the header names the columns
(项目 / 行次 / 金额), each half is read by position; without a header, a label is
followed by its figure, or by its 行次 and figure; a label followed by one number in a
table whose other items show a 行次 could be either, and is read as no figure, said
in the table's readings, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from budgetcheck.core.figures import BLANK_MARKS, NotANumber, is_number, parse_amount
from budgetcheck.core.model import Amount, Column, Row, Table
from budgetcheck.templates import Template, load, squeeze
from budgetcheck.templates.schema import ITEM_MEMO, count_unit, item_key

_HEAD = re.compile(r"^(?:项目|名称|指标|行次|栏次|金额|数量|金额[(（]?万元[)）]?|统计数|决算数|本年决算数?|本年数|数值|"
                   r"计量单位|单位|\d{1,2}|[-—*]+)$")
_LABEL_HEAD = ("项目", "名称", "指标")
_NUMBER_HEAD = ("行次", "栏次")
_UNIT_HEAD = ("计量单位", "单位")
UNIT_CELL = re.compile(r"^(?:万元|亿元|元|辆|台|套|台[(（/]?套[)）]?|个)$")

Group = tuple[int, int | None, int | None, int]  # label, 行次, unit, figure: field positions


def header_groups(tab_lines: list[tuple[int, str]]) -> tuple[list[Group], list[str]] | None:
    """The halves of the table as its header names them, with the printed header of each
    half's figures (金额, 数量, for the findings); None without a header."""
    for _, raw in tab_lines[:4]:
        cells = [squeeze(c) for c in raw.split("\t")]
        labels = [i for i, c in enumerate(cells) if c in _LABEL_HEAD]
        if not labels:
            continue
        groups: list[Group] = []
        for k, at in enumerate(labels):
            end = labels[k + 1] if k + 1 < len(labels) else len(cells)
            number = next((i for i in range(at + 1, end) if cells[i] in _NUMBER_HEAD), None)
            unit = next((i for i in range(at + 1, end) if cells[i] in _UNIT_HEAD), None)
            value = next((i for i in range(at + 1, end) if i not in (number, unit) and cells[i]), None)
            if value is None:
                return None
            groups.append((at, number, unit, value))
        return groups, [cells[g[3]] for g in groups]
    return None


def _free_items(cells: list[str]) -> list[tuple[int, list[int]]]:
    """(label field, the fields after it up to the next label) for a line without a header."""
    out: list[tuple[int, list[int]]] = []
    for i, cell in enumerate(cells):
        text = squeeze(cell)
        if text and text not in BLANK_MARKS and not is_number(text) and not UNIT_CELL.match(text):
            out.append((i, []))
        elif out:
            out[-1][1].append(i)
    return out


def _figure(text: str, unit: str) -> tuple[Amount | None, str]:
    try:
        return parse_amount(text, unit), ""
    except NotANumber:
        return None, text


def parse_information(role: str | None, title: str, unit: str, tab_lines: list[tuple[int, str]], start: int,
                      notes: tuple[str, ...], index: int, template: Template | None = None) -> Table:
    template = template or load()
    header = header_groups(tab_lines)
    groups, heads = header if header is not None else (None, [])
    found: list[tuple[int, int, str, str, str | None, str]] = []  # half, line, raw, label, figure, unit cell
    readings: list[str] = []
    with_numbers = groups is None and _has_line_numbers(tab_lines)
    split = None if groups is not None else _second_half(tab_lines)
    for lineno, raw in tab_lines:
        cells = [c.strip() for c in raw.split("\t")]
        if all(not c or _HEAD.match(squeeze(c)) for c in cells):
            continue  # the header, a 栏次 row, a repeated header after a page break
        if groups is not None:
            for half, (at, _, unit_at, value) in enumerate(groups):
                label = cells[at] if at < len(cells) else ""
                if label and not _HEAD.match(squeeze(label)):
                    found.append((half, lineno, raw, label, cells[value] if value < len(cells) else "",
                                  cells[unit_at] if unit_at is not None and unit_at < len(cells) else ""))
            continue
        for at, fields in _free_items(cells):
            if _HEAD.match(squeeze(cells[at])):
                continue
            half = 1 if split is not None and at >= split else 0  # a line may hold the right half only
            unit_cell = next((cells[f] for f in fields if UNIT_CELL.match(squeeze(cells[f]))), "")
            figures = [cells[f] for f in fields if not UNIT_CELL.match(squeeze(cells[f]))]
            figure: str | None = figures[1] if with_numbers and len(figures) >= 2 else figures[0] if figures else ""
            if with_numbers and len(figures) == 1 and figures[0]:
                readings.append(f"line {lineno}: {cells[at]} is followed by one number, its 行次 or its figure; "
                                "not read")
                figure = None
            found.append((half, lineno, raw, cells[at], figure, unit_cell))
    rows: list[Row] = []
    halves = len({h for h, *_ in found}) > 1
    for half, lineno, raw, label, figure, unit_cell in sorted(found, key=lambda f: (f[0], f[1])):
        key = item_key(label, template)
        counted = count_unit(key, template)
        amount, bad = _figure(figure, counted or _money_unit(unit_cell) or unit) if figure is not None else (None, "")
        if amount is not None and counted:
            amount = Amount(amount.value, Decimal(0), counted, amount.text)  # a count is exact
        rows.append(Row(label, None, (amount,), lineno, raw, side=("left", "right")[min(half, 1)] if halves else "",
                        kind=key, bad_cells=(bad,) if bad else (), memo=bool(ITEM_MEMO.match(label))))
    printed = "/".join(dict.fromkeys(heads)) or "金额"
    table = Table(role, title, unit, (Column("amount", printed),), tuple(rows), start, index, notes)
    return replace(table, readings=tuple(readings)) if readings else table


def _second_half(tab_lines: list[tuple[int, str]]) -> int | None:
    """Where the right half begins in a table without a header: the first field of the
    second item on the lines that hold two; None when no line does."""
    seconds = [items[1][0] for _, raw in tab_lines
               for items in [_free_items([c.strip() for c in raw.split("\t")])] if len(items) > 1]
    return min(seconds) if seconds else None


def _has_line_numbers(tab_lines: list[tuple[int, str]]) -> bool:
    """Some item is followed by two numbers, the first a whole number: its 行次 and figure."""
    for _, raw in tab_lines:
        cells = [c.strip() for c in raw.split("\t")]
        for _, fields in _free_items(cells):
            figures = [cells[f] for f in fields if not UNIT_CELL.match(squeeze(cells[f]))]
            if len(figures) >= 2 and squeeze(figures[0]).isdigit():
                return True
    return False


def _money_unit(cell: str) -> str | None:
    text = squeeze(cell)
    return text if text in ("万元", "亿元", "元") else None

