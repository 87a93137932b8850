"""Two-sided overview tables (T1, T4) and the structure part of T10.

These tables print income on the left and expenditure on the right of one line, so a
physical line holds up to two logical rows.  Each side is read by content (a label
followed by its figure), not by cell position, because empty cells are not reliable.
Expenditure lines name a 类, which the catalogue turns into its code.
"""

from __future__ import annotations

import re

from ..catalogue import class_code, strip_enumerator
from ..model import Amount, Code, Column, Row, Table
from ..numbers import NotANumber, is_number, parse_amount

AMOUNT = (Column("amount", "预算数"),)
_HEADER = re.compile(r"^(收\s*入|支\s*出|项\s*目|预算数|金额)$")


def kind_of(label: str, next_label: str = "") -> str:
    """item, year_total, carry, grand_total, or group (a heading over (一)(二)… or 1. 2. … lines)."""
    name = strip_enumerator(label)
    if re.match(r"^\s*[一二三四五六七八九十]+、", label) and re.match(r"^\s*(?:[（(]一[)）]|1\s*[.．、])", next_label):
        return "group"
    if re.search(r"本年(收入|支出)合计", name):
        return "year_total"
    if re.search(r"^(收入|支出)总计$|^总计$", name):
        return "grand_total"
    if re.search(r"^(上年结转|年终结转|结转下年|上年结余)", name):
        return "carry"
    return "item"


def pairs(cells: list[str]) -> list[tuple[int, str, str]]:
    """(position, label, figure) for each label in a line, figure '' when blank."""
    out = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        if cell and not is_number(cell) and not _HEADER.match(cell):
            figure = cells[i + 1] if i + 1 < len(cells) and (is_number(cells[i + 1]) or not cells[i + 1]) else ""
            out.append((i, cell, figure))
            i += 2 if figure else 1
        else:
            i += 1
    return out


def parse_overview(role: str, title: str, unit: str, tab_lines: list[tuple[int, str]], start: int,
                   notes: tuple[str, ...], index: int, middle: int | None = None) -> Table:
    """``middle`` is the first column of the expenditure side when the reader knows it
    (a PDF header spans the sides); otherwise the sides split the line in half."""
    width = max((len(raw.split("\t")) for _, raw in tab_lines), default=4)
    middle = middle or width // 2
    found: list[tuple[int, str, str, str, str]] = []
    for lineno, raw in tab_lines:
        cells = [c.strip() for c in raw.split("\t")]
        if all(not c or _HEADER.match(c) for c in cells):
            continue
        for pos, label, figure in pairs(cells):
            found.append((lineno, raw, "income" if pos < middle else "expenditure", label, figure))
    rows: list[Row] = []
    for n, (lineno, raw, side, label, figure) in enumerate(found):
        following = next((f[3] for f in found[n + 1:] if f[2] == side), "")
        kind = kind_of(label, following)
        amount, bad = _amount(figure, unit)
        code = class_code(label) if side == "expenditure" and kind == "item" else None
        rows.append(Row(label, Code(code) if code else None, (amount,), lineno, raw,
                        is_total=kind == "grand_total", side=side, kind=kind, bad_cells=bad))
    return Table(role, title, unit, AMOUNT, tuple(rows), start, index, notes)


def _amount(text: str, unit: str) -> tuple[Amount, tuple[str, ...]]:
    try:
        return parse_amount(text, unit), ()
    except NotANumber:
        return Amount.zero(unit), (text,)


STRUCTURES = ("人员支出", "公用支出", "部门专项", "发展经费", "基建项目", "合计")
T10_COLUMNS = (Column("funds", "资金总额"), Column("fiscal", "其中：财政资金"))


def structure_rows(tab_lines: list[tuple[int, str]], unit: str) -> list[Row]:
    """T10's 支出结构 rows: each structure label and the two figures after it."""
    rows: list[Row] = []
    for lineno, raw in tab_lines:
        cells = [c.strip() for c in raw.split("\t")]
        for i, cell in enumerate(cells):
            if cell in STRUCTURES:
                figures = [(cells[j] if j < len(cells) else "") for j in (i + 1, i + 2)]
                amounts = tuple(_amount(f, unit)[0] for f in figures)
                rows.append(Row(cell, None, amounts, lineno, raw, is_total=cell == "合计"))
    return rows
