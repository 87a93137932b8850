"""Form-like performance tables: T10 (整体支出绩效目标表) and T11 (一级项目绩效目标表).

They are forms, not grids: figures sit next to the words that name them, and prose
cells itemise project amounts (``人才开发6,047.00万元 ，…``).  Cells move between
rows at page breaks, so figures are found by the label before them, and a goal's list
of items that continues on the next row (it starts with a comma and has no total of
its own) is joined to the goal above.
"""

from __future__ import annotations

import re

from budgetcheck.core.model import Amount, Column, Goal, Row, Table
from budgetcheck.core.figures import NotANumber, is_number, parse_amount
from budgetcheck.templates import Template, load, squeeze
from budgetcheck.readers.overview import STRUCTURES, T10_COLUMNS, structure_rows

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
              notes: tuple[str, ...], index: int, template: Template | None = None) -> Table:
    """The department's performance table: its 支出结构 lines (人员支出 … 合计) and goals,
    or, in templates without them, its block of funds (总额 | 财政拨款 | 其他资金 …) read
    as a small grid, whose sums are checked like any table's."""
    funds = _funds_block(title, unit, tab_lines, start, notes, index, template or load())
    if funds is not None:
        return funds
    goal_start = next((i for i, (_, raw) in enumerate(tab_lines) if raw.split("\t")[0].strip() == "绩效目标"),
                      len(tab_lines))
    rows = structure_rows(tab_lines[:goal_start], unit)
    if not rows and not any(re.search(r"资金|金额|预算|拨款|万元|元）|元\)", c) for _, raw in tab_lines
                            for c in raw.split("\t")):
        return Table("T10", title, unit, T10_COLUMNS, (), start, index, notes,
                     readings=("no funds in this table: its goals and indicators have no amounts to check",))
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


_FUNDS_HEAD = re.compile(r"^(?:财政拨款|财政资金)$")


def _funds_block(title: str, unit: str, tab_lines, start: int, notes, index: int, template: Template) -> Table | None:
    """Without 支出结构 lines: the rows under a header that names 财政拨款 and 其他资金."""
    split = [(n, raw, [c.strip() for c in raw.split("\t")]) for n, raw in tab_lines]
    if any(c in STRUCTURES[:-1] for _, _, cells in split for c in cells):
        return None
    head = next((i for i, (_, _, cells) in enumerate(split) if any(_FUNDS_HEAD.match(squeeze(c)) for c in cells)
                 and any(squeeze(c) == "其他资金" for _, _, row in split[i:i + 2] for c in row)), None)
    if head is None:
        return None
    body_end = head
    while body_end + 1 < len(split) and (body_end - head < 2 or any(is_number(c) for c in split[body_end + 1][2])):
        body_end += 1
        if any(is_number(c) for c in split[body_end][2]) and not any(is_number(c) for c in split[body_end + 1][2]
                                                                   if body_end + 1 < len(split)):
            break
    block = tab_lines[head:body_end + 1]
    from budgetcheck.readers.grid import parse_grid  # the block is a grid: header rows over rows of figures

    grid = parse_grid("T10", title, unit, block, start, notes, index, template=template)
    if not grid.rows:
        return None
    return Table("T10", title, unit, grid.columns, grid.rows, start, index, notes,
                 readings=grid.readings + ("the funds block is read as a grid (总额 | 财政拨款 | 其他资金)",))


def parse_t11(title: str, unit: str, tab_lines: list[tuple[int, str]], start: int,
              notes: tuple[str, ...], index: int, template: Template | None = None) -> Table:
    """A project performance table: one form per project (项目名称 …, 预算资金/资金总额 X,
    其中：财政拨款 Y, 其他资金 Z), or one table listing every project (项目名称 | 金额 …)."""
    template = template or load()
    split = [(n, raw, [c.strip() for c in raw.split("\t")]) for n, raw in tab_lines]
    listed = _project_list(split, unit, template)
    if listed is not None:
        columns, rows = listed
        return Table("T11", title, unit, columns, tuple(rows), start, index, notes,
                     readings=("one row per project: the projects are listed in one table",))
    forms = template.forms
    name, budget, fiscal, other, line, raw_line = "", None, None, None, start, ""
    for lineno, raw, cells in split:
        for i, cell in enumerate(cells):
            text = squeeze(cell)
            if re.search(forms["project_name"], text) and not name:
                name = next((c for c in cells[i + 1:] if c), "")
            elif re.search(forms["budget"], text) and budget is None:
                budget, line, raw_line = _figure(cells, i + 1, unit), lineno, raw
            elif "财政拨款数" in cell and fiscal is None:
                rest = cell.split("财政拨款数", 1)[1].strip(" ：:")
                fiscal = _figure([rest, *cells[i + 1:]], 0, unit)
            elif re.search(forms["fiscal"], text) and fiscal is None and budget is not None:
                fiscal = _figure(cells, i + 1, unit)
            elif re.search(forms["other"], text) and other is None and budget is not None:
                other = _figure(cells, i + 1, unit)
    rows = ()
    columns = T11_COLUMNS if other is None else T11_COLUMNS + (Column("other_funds", "其他资金"),)
    if budget is not None or fiscal is not None:
        amounts = (budget or Amount.zero(unit), fiscal or Amount.zero(unit)) + ((other,) if other is not None else ())
        rows = (Row(name, None, amounts, line, raw_line),)
    return Table("T11", title, unit, columns, rows, start, index, notes)


_LIST_AMOUNT = re.compile(r"^(?:金额|项目总额|预算金额|当年财政拨款预算金额|资金总额|预算资金|项目金额)(?:[（(].*[）)])?$")


def _project_list(split, unit: str, template: Template):
    """Columns and rows of a table that lists the projects, or None for a form."""
    forms = template.forms
    for h, (_, _, cells) in enumerate(split[:6]):
        texts = [squeeze(c) for c in cells]
        names = [i for i, t in enumerate(texts) if re.search(forms["project_name"], t)]
        budgets = [i for i, t in enumerate(texts) if _LIST_AMOUNT.match(t)]
        if not names or not budgets:
            continue
        name_col, budget_col = names[0], budgets[0]
        below = [squeeze(c) for c in split[h + 1][2]] if h + 1 < len(split) else []
        if any(is_number(c) for c in below):
            below = []  # the first project, not a second header row
        def find(pattern: str) -> int | None:
            for row in (texts, below):
                hit = next((i for i, t in enumerate(row) if i != budget_col and re.search(pattern, t)), None)
                if hit is not None:
                    return hit
            return None
        fiscal_col, other_col = find(forms["fiscal"]), find(forms["other"])
        header = {tuple(texts)} | ({tuple(below)} if not any(is_number(c) for c in below) else set())
        rows = []
        for lineno, raw, cells in split[h + 1:]:
            if tuple(squeeze(c) for c in cells) in header:
                continue  # the header repeated on the next page
            label = cells[name_col] if name_col < len(cells) else ""
            value = cells[budget_col] if budget_col < len(cells) else ""
            if not label or not is_number(value):
                continue
            amounts = [parse_amount(value, unit)]
            for col in (fiscal_col, other_col):
                if col is not None:
                    text = cells[col] if col < len(cells) else ""
                    amounts.append(parse_amount(text, unit) if is_number(text) or not text.strip() else Amount.zero(unit))
            rows.append(Row(label, None, tuple(amounts), lineno, raw))
        if not rows:
            return None
        columns = [Column("budget", texts[budget_col])]
        if fiscal_col is not None:
            columns.append(Column("fiscal", "财政资金"))
        if other_col is not None:
            columns.append(Column("other_funds", "其他资金"))
        return tuple(columns), rows
    return None
