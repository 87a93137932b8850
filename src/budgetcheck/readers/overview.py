"""Two-sided overview tables (T1, T4) and the structure part of T10.

These tables print income on the left and expenditure on the right of one line, so a
physical line holds up to two logical rows (up to four where the expenditure is
broken down three ways: by function, by 部门经济 class and by 政府经济 class).  When
the reader knows the header (a PDF's merged cells), each side is the label column
under 收入 or 支出 and the amount columns after it; otherwise each side is read by
content (a label followed by its figure), because empty cells are not reliable.

Lines form a tree: 一、 > （一） > 1. > （1） by numbering, an unnumbered line after a
numbered one below it (the 一般公共预算 line under 一、财政拨款), or the indentation
of the names (a functional tree printed by name only).  Each row gets its level and
its parent, so that a parent is checked against its own lines and the 本年合计
against the top-level lines only.  Expenditure lines of level 1 name a 类, which the
catalogue turns into its code.
"""

from __future__ import annotations

import re
from dataclasses import replace

from budgetcheck.core.catalogue import class_code, function_code, strip_enumerator
from budgetcheck.core.model import Amount, Code, Column, Row, Table
from budgetcheck.core.figures import NotANumber, is_number, parse_amount
from budgetcheck.templates import Template, load, squeeze
from budgetcheck.readers.header import is_numbering, paths_from_rows
from budgetcheck.readers.structure import enumerated_levels, enumerator_rank, indent_levels

AMOUNT = (Column("amount", "预算数"),)
_HEADER = re.compile(r"^(收\s*入|支\s*出|项\s*目|预算数|金额)$")
_MEMO = re.compile(r"^\s*其中\s*[:：]")
_FIGURE_HEAD = re.compile(r"^(?:本年|年初|年末|上年)|结转|小计|合计|基本支出|项目支出")


def kind_of(label: str, template: Template | None = None) -> str:
    """item, year_total, carry or grand_total."""
    rows = (template or load()).rows["overview"]
    name = squeeze(strip_enumerator(label))
    if re.search(rows["year_total"], name):
        return "year_total"
    if re.search(rows["grand_total"], name):
        return "grand_total"
    if re.search(rows["carry"], name):
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


def _sides(paths: list[tuple[str, ...]] | None, template: Template | None = None) -> list[tuple[str, int, list[int]]] | None:
    """(side, label column, amount columns) for each label/amount group of the header.
    Line-number columns (行次, 栏次 in final accounts) belong to no group."""
    if not paths:
        return None
    counts = [re.compile(p) for p in (template or load()).columns.get("count", [])]
    out: list[tuple[str, int, list[int]]] = []
    breakdowns = 0
    current: str | None = None
    for i, path in enumerate(paths):
        top = squeeze(path[0]) if path else ""
        leaf = squeeze(path[-1]) if path else ""
        if any(p.search(leaf) for p in counts):
            continue
        side = "income" if "收入" in top and "支出" not in top else "expenditure" if "支出" in top else None
        amount = bool(re.search(r"预算数|金额|总计|合计|一般公共预算|政府性基金|国有资本|决算数|^预算$", leaf))
        if amount and out and (side is None or side == current):
            out[-1][2].append(i)  # an amount column under its side, or beside the label it follows
            continue
        if side is None or (not out or side != current) and _FIGURE_HEAD.search(leaf):
            continue  # 本年收入 | 本年支出 over figures: a grid's columns, not a side's label column
        current = side
        name = side
        if side == "expenditure":
            breakdowns += 1
            if breakdowns > 1 or "经济分类" in leaf:
                name = "expenditure:" + ("政府经济" if "政府" in leaf else "部门经济" if "经济" in leaf else str(breakdowns))
        out.append((name, i, []))
    if not any(s == "income" for s, _, _ in out) or not any(s == "expenditure" for s, _, _ in out):
        return None
    return out


def parse_overview(role: str, title: str, unit: str, tab_lines: list[tuple[int, str]], start: int,
                   notes: tuple[str, ...], index: int, middle: int | None = None, template: Template | None = None,
                   paths: list[tuple[str, ...]] | None = None,
                   indents: dict[int, tuple[float | None, ...]] | None = None) -> Table:
    """``middle`` is the first column of the expenditure side when the reader knows it
    (a PDF header spans the sides); otherwise the sides split the line in half."""
    template = template or load()
    indents = indents or {}
    if paths is None:
        paths = _numbered_header(tab_lines, template)
    sides = _sides(paths, template)
    found: list[tuple[int, str, str, str, list[str], float | None]] = []  # line, raw, side, label, figures, indent
    extra_keys: list[str] = []
    if sides is not None:
        for _, _, amount_cols in sides:
            for k in range(1, len(amount_cols)):
                leaf = squeeze(paths[amount_cols[k]][-1])  # type: ignore[index]
                key = ("gpb" if "一般公共预算" in leaf else "gov_fund" if "政府性基金" in leaf else
                       "soe" if "国有资本" in leaf else f"c{k}")
                if key not in extra_keys:
                    extra_keys.append(key)
        for lineno, raw in tab_lines:
            cells = [c.strip() for c in raw.split("\t")]
            if all(not c or _HEADER.match(squeeze(c)) for c in cells) or is_numbering(cells, template):
                continue
            offsets = indents.get(lineno, ())
            for side, label_col, amount_cols in sides:
                label = cells[label_col] if label_col < len(cells) else ""
                if not label or _HEADER.match(squeeze(label)):
                    continue
                figures = [cells[c] if c < len(cells) else "" for c in amount_cols] or [""]
                found.append((lineno, raw, side, label, figures, offsets[label_col] if label_col < len(offsets) else None))
    else:
        width = max((len(raw.split("\t")) for _, raw in tab_lines), default=4)
        middle = middle or width // 2
        numbers = _line_number_columns(tab_lines, template)
        if numbers:
            middle = (width - len(numbers)) // 2
        for lineno, raw in tab_lines:
            cells = [c.strip() for c in raw.split("\t")]
            if numbers:
                if any(squeeze(c) in ("行次", "栏次") for c in cells) or is_numbering(cells, template):
                    continue  # the header or the 栏次 row of a table with line numbers
                cells = [c for i, c in enumerate(cells) if i not in numbers]
            if all(not c or _HEADER.match(c) for c in cells):
                continue
            for pos, label, figure in pairs(cells):
                found.append((lineno, raw, "income" if pos < middle else "expenditure", label, [figure], None))
    printed = _amount_label(paths, sides, tab_lines)
    first = AMOUNT if printed is None else (Column("amount", printed),)
    columns = first + tuple(Column(k, _printed(paths, sides, k), period="" if not k.startswith("c") else "unknown")
                            for k in extra_keys)
    rows: list[Row] = []
    for lineno, raw, side, label, figures, _ in found:
        kind = kind_of(label, template)
        amounts: list[Amount | None] = [None] * len(columns)
        bad: list[str] = []
        for k, figure in enumerate(figures[: len(columns)]):
            amount, wrong = _amount(figure, unit)
            bad.extend(wrong)
            col = 0 if k == 0 else 1 + extra_keys.index(_extra_key(paths, sides, side, k)) if sides else k
            amounts[col] = amount
        if amounts[0] is None:
            amounts[0] = Amount.zero(unit)
        rows.append(Row(label, None, tuple(amounts), lineno, raw, is_total=kind == "grand_total", side=side,
                        kind=kind, bad_cells=tuple(bad), memo=bool(_MEMO.match(label))))
    rows = _tree(rows, [f[5] for f in found], template)
    return Table(role, title, unit, columns, tuple(rows), start, index, notes)


def _printed(paths, sides, key: str) -> str:
    """The header a fund column is printed with (一般公共预算), for the findings."""
    for name, _, amount_cols in sides or ():
        for k in range(1, len(amount_cols)):
            if _extra_key(paths, sides, name, k) == key:
                return squeeze(paths[amount_cols[k]][-1])
    return key


def _amount_label(paths, sides, tab_lines: list[tuple[int, str]]) -> str | None:
    """The printed header of the figures (预算数, 金额, 决算数), so that a finding names
    the column as the page does."""
    if sides:
        for _, _, amount_cols in sides:
            if amount_cols:
                return squeeze(paths[amount_cols[0]][-1]) or None  # the leaf: the side is the row's
    for _, raw in tab_lines[:4]:
        cells = [squeeze(c) for c in raw.split("\t")]
        if "行次" in cells:
            return next((c for c in cells[cells.index("行次") + 1:] if c), None)
    return None


def _line_number_columns(tab_lines: list[tuple[int, str]], template: Template) -> set[int]:
    """The 行次 columns of a header row read from text (决算 总表: 项目 | 行次 | 决算数 …):
    their cells are line numbers, never a line's figure."""
    counts = [re.compile(p) for p in template.columns.get("count", [])]
    for _, raw in tab_lines[:4]:
        cells = [squeeze(c) for c in raw.split("\t")]
        found = {i for i, c in enumerate(cells) if c in ("行次", "栏次") and any(p.search(c) for p in counts)}
        if found:
            return found
    return set()


def _numbered_header(tab_lines: list[tuple[int, str]], template: Template) -> list[tuple[str, ...]] | None:
    """The header paths of a text overview with line numbers whose first row names its
    sides (决算 总表: ``收入 | | | 支出`` over ``项目 | 行次 | 金额 | 项目 | 行次 | 合计 |
    一般公共预算财政拨款 …``): the sides then have as many figures as their header says,
    one on the income side and four on the expenditure side of 财政拨款收入支出决算总表,
    which a reading by content (a label and the figure after it) cannot tell apart.
    None when the header does not say it (no 行次 column, or no 收入/支出 row above it)."""
    numbers = _line_number_columns(tab_lines, template)
    if not numbers:
        return None
    rows = []
    for _, raw in tab_lines[:4]:
        cells = [c.strip() for c in raw.split("\t")]
        rows.append(cells)
        if any(squeeze(c) in ("行次", "栏次") for c in cells):
            break
    else:
        return None
    if len(rows) < 2 or not any(squeeze(c) in ("收入", "支出") for c in rows[0]):
        return None
    return paths_from_rows(rows)


def _extra_key(paths, sides, side: str, k: int) -> str:
    for name, _, amount_cols in sides:
        if name == side:
            leaf = squeeze(paths[amount_cols[k]][-1])
            return ("gpb" if "一般公共预算" in leaf else "gov_fund" if "政府性基金" in leaf else
                    "soe" if "国有资本" in leaf else f"c{k}")
    return f"c{k}"


def _tree(rows: list[Row], offsets: list[float | None], template: Template) -> list[Row]:
    """Level and parent of every line, side by side; level-1 expenditure lines of the
    functional breakdown get their 类 code."""
    out = list(rows)
    not_classes = template.rows["overview"].get("not_classes", [])
    for side in dict.fromkeys(r.side for r in rows):
        idx = [i for i, r in enumerate(rows) if r.side == side]
        lines = [i for i in idx if rows[i].kind in ("item",)]
        by_indent = indent_levels([offsets[i] for i in lines])
        levels = by_indent if by_indent is not None else enumerated_levels([rows[i].label for i in lines])
        level_of = dict(zip(lines, levels))
        stack: list[int] = []
        carry: int | None = None  # lines right after a carry line (or 一、本年收入) are its breakdown
        base = 0  # the level of the lines under ``carry``, less one
        for i in idx:
            row = rows[i]
            if row.kind != "item":
                stack, base = [], -1
                numbered = enumerator_rank(row.label) is not None
                carry = i if row.kind == "carry" or (row.kind == "year_total" and numbered) else None
                out[i] = replace(row, level=1)
                continue
            level = level_of.get(i) or 1
            if base < 0:
                base = level - 1
            level = max(1, level - base)
            del stack[level - 1:]
            parent = stack[-1] if stack else carry
            stack.append(i)
            code = None
            classed = any(out[k].code is not None for k in stack[:-1])
            if side == "expenditure" and not classed and (parent is None or rows[parent].kind in ("item", "year_total")) and not any(
                    re.search(p, squeeze(strip_enumerator(row.label))) for p in not_classes):
                found = class_code(row.label)
                code = Code(found) if found else None
            elif side == "expenditure" and parent is not None and out[parent].code is not None:
                found = function_code(row.label, out[parent].code.text, out[parent].label)  # a 款 or 项 by name
                code = Code(found) if found else None
            out[i] = replace(row, level=level + (1 if carry is not None else 0), parent=parent, code=code)
    return out


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
                if cell == "合计" and not any(is_number(f) for f in figures):
                    continue  # a header cell named 合计, not the structure's 合计 line
                amounts = tuple(_amount(f, unit)[0] for f in figures)
                rows.append(Row(cell, None, amounts, lineno, raw, is_total=cell == "合计"))
    return rows
