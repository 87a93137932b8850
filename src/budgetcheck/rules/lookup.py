"""Finding a quantity in a table by row code and column key, for cross-table rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetcheck.core.model import ZERO, Amount, Document, Location, Row, Table
from budgetcheck.core.rounding import total_of  # a sum of rounded figures keeps their rounding
from budgetcheck.templates.schema import fund_key  # noqa: F401  (re-exported for the rules)
from budgetcheck.rules.base import where


@dataclass(frozen=True, slots=True)
class Cell:
    """One figure of a table with its location, ready to compare."""

    amount: Amount
    location: Location


def rows_by_code(table: Table) -> dict[str, Row]:
    return {r.code.text: r for r in table.rows if r.code is not None and not r.is_total}


def by_code(doc: Document, table: Table, code: str, key: str) -> Cell | None:
    """The figure of ``code`` under column ``key``: its row, or, in a table that lists
    only the rows below it (leaf rows per unit, code pairs), the sum of those rows."""
    col = table.column(key)
    if col is None:
        return None
    rows = [r for r in table.rows if r.code is not None and not r.is_total]
    own = next((r for r in rows if r.code.text == code), None)  # type: ignore[union-attr]
    if own is not None:
        return cell(doc, table, own, key)
    below = [r for r in rows if r.code.text.startswith(code)]  # type: ignore[union-attr]
    codes = {r.code.text for r in below}  # type: ignore[union-attr]
    top = [r for r in below if not any(r.code.text != c and r.code.text.startswith(c) for c in codes)]  # type: ignore[union-attr]
    amounts = [r.amounts[col] for r in top if r.amounts[col] is not None]
    if not amounts:
        return None
    loc = where(doc, table, top[0], col)
    total = amounts[0] if len(amounts) == 1 else total_of(amounts, amounts[0].unit)  # type: ignore[arg-type]
    return Cell(total, Location(loc.path, loc.table, loc.title, code, loc.column, loc.line, loc.cell, loc.page))


def cell(doc: Document, table: Table, row: Row | None, key: str) -> Cell | None:
    """The figure in ``row`` under the column whose key is ``key``; None when absent."""
    if row is None:
        return None
    col = table.column(key)
    if col is None or row.amounts[col] is None:
        return None
    return Cell(row.amounts[col], where(doc, table, row, col))  # type: ignore[arg-type]


#: The 三公 quantities: the table's column keys, and the row kinds of a 三公 table laid out
#: as rows (项目 | 预算数).  ``sangong`` is the 三公 total, which a plain 合计 is only when no
#: column names 三公 (a 合计 that adds 会议费 and 培训费 is not the 三公 total).
SANGONG = ("sangong", "abroad", "car", "car.purchase", "car.running", "reception", "meeting", "training",
           "admin_running")


def sangong(doc: Document, table: Table | None, key: str) -> Cell | None:
    """A 三公 quantity of this year from T7, whichever way the table is laid out."""
    if table is None or not table.rows:
        return None
    by_rows = [r for r in table.rows if r.kind in SANGONG or (r.kind == "total" and r.is_total)]
    if by_rows:
        wanted = "sangong" if key == "sangong" else key
        row = next((r for r in by_rows if r.kind == wanted), None)
        if row is None and key == "sangong":
            row = next((r for r in by_rows if r.is_total), None)
        if row is None:
            return None
        col = next((i for i, c in enumerate(table.columns) if c.is_amount and c.period == ""
                    and c.key in ("total", "amount")), None)
        if col is None:
            col = next((i for i, c in enumerate(table.columns) if c.is_amount and c.period == ""), None)
        return Cell(row.amounts[col], where(doc, table, row, col)) if col is not None and row.amounts[col] is not None else None
    row = _final_row(table) or table.total_row or table.rows[0]
    if key == "sangong" and table.column("sangong") is None and table.column("sangong_and_meetings") is not None:
        # a 合计 that adds 会议费 and 培训费 (readers/grid.meetings_in_total): 三公 is its three items
        parts = [cell(doc, table, row, k) for k in ("abroad", "car", "reception")]
        if any(p is None for p in parts):
            return None
        whole = cell(doc, table, row, "sangong_and_meetings")
        return Cell(total_of([p.amount for p in parts], parts[0].amount.unit), whole.location)  # type: ignore[union-attr]
    keys = (key,) if key != "sangong" or table.column("sangong") is not None else ("total",)
    return next((c for k in keys if (c := cell(doc, table, row, k)) is not None), None)


_FINAL_ROW = re.compile(r"^(?:本年|全年)?决算数?$")


def _final_row(table: Table) -> Row | None:
    """A 三公 table of final accounts that prints its periods as rows (``预算数`` and
    ``决算数`` under one header): this year's figures are the 决算数 row."""
    return next((r for r in table.rows if _FINAL_ROW.match(re.sub(r"\s+", "", r.label))), None)


def zero_at(doc: Document, table: Table, label: str, unit: str) -> Cell:
    """A missing row counts as zero, located at the table itself."""
    loc = where(doc, table)
    return Cell(Amount.zero(unit), Location(loc.path, loc.table, loc.title, label, "", loc.line))


def side_rows(table: Table, side: str, kind: str | None = None) -> list[Row]:
    return [r for r in table.rows if r.side == side and (kind is None or r.kind == kind)]


def one(table: Table, side: str, kind: str) -> Row | None:
    found = side_rows(table, side, kind)
    return found[0] if found else None


#: 政府采购 categories, by the letter of the national 政府采购品目分类目录 (A 货物, B 工程,
#: C 服务) or by name: a category row is labelled ``A-货物``, ``货物``, ``A`` or ``货物类``.
PROCUREMENT = {"goods": ("A", "货物"), "works": ("B", "工程"), "services": ("C", "服务")}
_CATEGORY = re.compile(r"^(?P<letter>[A-C])?[-－—、.．\s]*(?P<name>货物|工程|服务)?类?$")
_CATALOGUE_COLUMN = re.compile(r"采购目录|品目")


def _category(label: str) -> str | None:
    m = _CATEGORY.match(re.sub(r"\s+", "", label))
    if not m or not (m.group("letter") or m.group("name")):
        return None
    for part, (letter, name) in PROCUREMENT.items():
        if m.group("letter") in (None, letter) and m.group("name") in (None, name):
            return part
    return None


def _amount_column(table: Table) -> int | None:
    for key in ("total", "amount"):
        col = table.column(key)
        if col is not None:
            return col
    return None


def procurement(doc: Document, table: Table | None, part: str) -> Cell | None:
    """A 政府采购 figure: the table's 合计 (``part`` total), or one category (goods, works,
    services).  Categories are read from category rows (``A-货物``, ``货物``, ``C``); a
    table without them but with a 采购目录 column (items coded ``A05…``/``C16…``) gives a
    category as the sum of its items, when the items add up to the 合计 exactly.  A
    category with no row in a table that has category rows is zero (a 0 row is left out)."""
    if table is None or not table.rows:
        return None
    col = _amount_column(table)
    total = table.total_row
    if col is None or total is None or total.amounts[col] is None:
        return None
    if part == "total":
        return cell(doc, table, total, table.columns[col].key)
    rows = [r for r in table.rows if not r.is_total and _category(r.label)]
    if rows:
        mine = [r for r in rows if _category(r.label) == part]
        if len(mine) > 1:
            return None
        if not mine:
            return zero_at(doc, table, PROCUREMENT[part][1], total.amounts[col].unit)  # type: ignore[union-attr]
        return cell(doc, table, mine[0], table.columns[col].key)
    return _by_catalogue(doc, table, col, total, part)


def _by_catalogue(doc: Document, table: Table, col: int, total: Row, part: str) -> Cell | None:
    catalogue = next((i for i, c in enumerate(table.columns) if not c.is_amount and _CATALOGUE_COLUMN.search(c.label)), None)
    if catalogue is None:
        return None
    letter = PROCUREMENT[part][0]
    items: list[tuple[str, Amount]] = []
    for r in table.rows:
        cells = r.raw.split("\t")
        code = cells[catalogue].strip() if catalogue < len(cells) else ""
        amount = r.amounts[col]
        if re.match(r"^[A-C]\d", code) and amount is not None:
            items.append((code[0], amount))
    unit = total.amounts[col].unit  # type: ignore[union-attr]
    if not items or sum(a.to(unit).value for _, a in items) != total.amounts[col].value:  # type: ignore[union-attr]
        return None  # the items do not make up the table: some are not coded, or not read
    mine = [a for k, a in items if k == letter]
    if not mine:
        return zero_at(doc, table, PROCUREMENT[part][1], unit)
    loc = where(doc, table, total, col)
    value = sum((a.to(unit).value for a in mine), ZERO)
    quantum = sum((a.to(unit).quantum for a in mine), ZERO)
    return Cell(Amount(value, quantum, unit, "Σ"), Location(loc.path, loc.table, loc.title, PROCUREMENT[part][1],
                                                         loc.column, loc.line, loc.cell, loc.page))


def admin_running(doc: Document) -> Cell | None:
    """机关运行经费: the 合计 of its own table (TAR), else the item of the information
    table (FOI), else the 机关运行经费 of the 三公 table (a column or a row, as 行政经费);
    None when no table carries it."""
    tar = doc.table("TAR")
    if tar is not None and tar.total_row is not None:
        for key in ("admin_running", "total", "amount"):
            found = cell(doc, tar, tar.total_row, key)
            if found is not None:
                return found
    return information(doc, "admin_running") or sangong(doc, doc.table("T7"), "admin_running")


def information(doc: Document, key: str) -> Cell | None:
    """The one item ``key`` of the document's information table (FOI: 机关运行经费, 政府采购,
    车辆, 设备, readers/information.py); None when there is no such table, no such item
    or more than one (the item is then not known)."""
    found = [c for t in doc.tables_of("FOI") for r in t.rows if r.kind == key
             for c in [cell(doc, t, r, "amount")] if c is not None]
    return found[0] if len(found) == 1 else None


def procurement_of(doc: Document, part: str) -> Cell | None:
    """A 政府采购 figure (``total`` or a category): the procurement table's, else the
    information table's (where its item is ``procurement`` / ``procurement.goods`` …)."""
    return procurement(doc, doc.table("TGP"), part) or information(
        doc, "procurement" if part == "total" else f"procurement.{part}")




def budget_view(doc: Document) -> Document:
    """Final accounts (决算) as their budget figures: each table's 预算数 columns under
    the keys of the 决算数 columns beside them, and the tables without a budget column
    left out.  A sentence of a 决算 that states a budget (``三公经费预算为76.43万元，支出
    决算为46.21万元``) is checked against this view, so that 预算 is compared with 预算."""
    from dataclasses import replace as _replace

    tables = []
    for t in doc.tables:
        if not any(c.period == "budget" for c in t.columns):
            continue
        columns = tuple(_replace(c, key=c.key.split(":", 1)[1], period="") if c.period == "budget" else
                        _replace(c, key="final:" + c.key, period="final") if c.is_amount and c.period == "" else c
                        for c in t.columns)
        tables.append(_replace(t, columns=columns))
    return _replace(doc, tables=tuple(tables))
