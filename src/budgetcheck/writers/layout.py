"""Each kind of table as a block of cells, laid out the way the workbook reader reads it.

Grids get their one- or two-row header back from the columns' groups and labels,
codes in one column (a code read from 类|款|项 columns is written whole), and their
figures as numbers whose format keeps the written precision.  The two-sided overview
tables put income and expenditure on the lines they were printed on.  The
performance forms keep what the model keeps: T10's 支出结构 and its goals, and each
T11 project's name and two figures, each after the words that name it.  Reading a
block back gives the same model; that is the round-trip test of the export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import zip_longest

from budgetcheck.core.model import Amount, Column, Row, Table
from budgetcheck.core.figures import exponent
from budgetcheck.templates.schema import GRID_ROLES, OVERVIEW_ROLES
from budgetcheck.readers.grid import SPLIT_KEYS

Value = str | Decimal | None


@dataclass
class Block:
    """Cells of one table: values, number formats and merges, 0-based within the block.

    ``kinds`` says what each row is (title, unit, header, body, note); ``rows`` maps a
    body row to the model row it writes, ``columns`` a block column to the model column.
    """

    table: Table
    cells: list[list[Value]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    rows: dict[int, Row] = field(default_factory=dict)
    columns: list[Column | None] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.cells), default=1)

    def add(self, values: list[Value], kind: str, row: Row | None = None) -> int:
        self.cells.append(list(values))
        self.kinds.append(kind)
        if row is not None:
            self.rows[len(self.cells) - 1] = row
        return len(self.cells) - 1

    def figure(self, r: int, c: int, amount: Amount | None) -> None:
        """A figure as a number with its written precision; a blank stays empty."""
        if amount is None or amount.blank:
            self.cells[r][c] = None
            return
        self.cells[r][c] = amount.value
        self.formats[(r, c)] = number_format(amount.quantum)


def number_format(quantum: Decimal) -> str:
    places = max(0, -exponent(quantum)) if quantum else 0
    return "#,##0" + ("." + "0" * places if places else "")


def form_block(table: Table, lines: list[str]) -> Block:
    """A self-evaluation form as it was printed: its title, then each of its lines cell by
    cell (the form's own header lines, 项目名称, 项目资金, 绩效指标, included), figures as
    numbers.  A form is not a grid of columns: written as one, it would not be read back
    as the same form."""
    from budgetcheck.core.figures import NotANumber, parse_amount

    block = Block(table)
    block.add([table.title], "title")
    block.add([f"单位：{table.unit}"], "unit")
    for line in lines:
        cells = [c.strip() for c in line.split("\t")]
        r = block.add([c or None for c in cells], "body")
        for k, c in enumerate(cells):
            if not c or c.endswith("%"):
                continue
            try:
                amount = parse_amount(c, table.unit)
            except (NotANumber, ValueError):
                continue
            if amount is not None and any(ch.isdigit() for ch in c) and not any("\u4e00" <= ch <= "\u9fff" for ch in c):
                block.figure(r, k, amount)
    return block


def table_block(table: Table) -> Block:
    block = Block(table)
    if table.role in OVERVIEW_ROLES:
        _overview(block)
    elif table.role == "T10":
        _t10(block)
    elif table.role == "T11":
        _t11(block)
    elif table.role == "FOI":
        _information(block)
    else:
        _grid(block)
    width = block.width
    block.merges.insert(0, (0, 0, 0, width - 1))
    for row in block.cells:
        row.extend([None] * (width - len(row)))
    return block


def _head(block: Block, width: int) -> None:
    block.add([block.table.title], "title")
    block.add([None] * (width - 1) + [f"单位：{block.table.unit}"], "unit")


def _grid(block: Block) -> None:
    table = block.table
    split = [i for i, c in enumerate(table.columns) if c.key in SPLIT_KEYS]
    text = [i for i, c in enumerate(table.columns) if not c.is_amount]
    keep = [i for i in range(len(table.columns)) if i not in split[1:]]
    block.columns = [table.columns[i] if i not in split else Column("code", "科目编码") for i in keep]
    _head(block, len(keep))
    cols = block.columns
    if any(c is not None and c.group for c in cols):
        top = block.add([None] * len(cols), "header")
        sub = block.add([None] * len(cols), "header")
        start = None
        for k, col in enumerate(cols + [None]):
            group = col.group if col is not None else None
            if start is not None and (group != cols[start].group or not group):
                if k - 1 > start:
                    block.merges.append((top, start, top, k - 1))
                start = None
            if col is None:
                break
            if group:
                leaf = col.label.split("/", 1)[1] if col.label.startswith(group + "/") else col.label
                block.cells[sub][k] = leaf
                if start is None:
                    block.cells[top][k], start = group, k
            else:
                block.cells[top][k] = col.label
                block.merges.append((top, k, sub, k))
    else:
        block.add([c.label if c is not None else None for c in cols], "header")
    for row in table.rows:
        fields = [f.strip() for f in row.raw.split("\t")]
        values: list[Value] = []
        for i in keep:
            if i in split:
                values.append(row.code.text if row.code is not None else (fields[0] if fields else row.label))
            elif i in text:
                k = text.index(i)
                values.append(fields[k] if k < len(fields) else "")
            else:
                values.append(None)
        r = block.add(values, "body", row)
        for k, i in enumerate(keep):
            if i not in text:
                block.figure(r, k, row.amounts[i])
    for note in table.notes:
        block.add([note], "note")


def _overview(block: Block) -> None:
    _head(block, 4)
    top = block.add(["收 入", None, "支 出", None], "header")
    block.merges += [(top, 0, top, 1), (top, 2, top, 3)]
    block.add(["项 目", "预算数", "项 目", "预算数"], "header")
    lines: dict[int, list[Row]] = {}
    for row in block.table.rows:
        lines.setdefault(row.line, []).append(row)
    for rows in lines.values():
        income = [r for r in rows if r.side == "income"]
        spending = [r for r in rows if r.side != "income"]
        for left, right in zip_longest(income, spending):
            r = block.add([None] * 4, "body", left or right)
            for c, row in ((0, left), (2, right)):
                if row is not None:
                    block.cells[r][c] = row.label
                    block.figure(r, c + 1, row.amounts[0])
    for note in block.table.notes:
        block.add([note], "note")


def _t10(block: Block) -> None:
    table = block.table
    _head(block, 4)
    block.add(["支出结构", "资金总额", "其中：财政资金", None], "header")
    for row in table.rows:
        r = block.add([row.label, None, None, None], "body", row)
        block.figure(r, 1, row.amounts[0])
        block.figure(r, 2, row.amounts[1])
    block.add(["绩效目标", "年度工作任务", "涉及项目", "涉及财政资金"], "header")
    for goal in table.goals:
        items = " ，".join(f"{name}{a.text if a.text.endswith('元') else a.text + '万元'}" for name, a in goal.items)
        r = block.add([None, goal.label, items, None], "goal")
        block.figure(r, 3, goal.stated)
    for note in table.notes:
        block.add([note], "note")


def _t11(block: Block) -> None:
    table = block.table
    unit = table.unit
    _head(block, 7)
    for row in table.rows:
        block.add(["项目名称", row.label], "header")
        r = block.add(["投入目标", "预算资金", None, unit, "其中：财政拨款数", None, unit], "body", row)
        block.figure(r, 2, row.amounts[0])
        block.figure(r, 5, row.amounts[1])
    for note in table.notes:
        block.add([note], "note")


def _information(block: Block) -> None:
    """An information table (FOI) as one list of items, each label beside its figure
    (the halves printed side by side one after the other): read back, each item is the
    same item with the same figure and unit."""
    table = block.table
    _head(block, 2)
    block.add(["项目", table.columns[0].label if table.columns else "金额"], "header")
    for row in table.rows:
        r = block.add([row.label, None], "body", row)
        block.figure(r, 1, row.amounts[0])
    for note in table.notes:
        block.add([note], "note")


def recognised(tables) -> list[Table]:
    """The tables an export writes: every one whose role was recognised."""
    return [t for t in tables if t.role is not None and (t.role in GRID_ROLES or t.role in OVERVIEW_ROLES
                                                          or t.role in ("T10", "T11", "FOI"))]
