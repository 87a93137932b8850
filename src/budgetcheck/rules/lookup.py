"""Finding a quantity in a table by row code and column key, for cross-table rules."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Amount, Document, Location, Row, Table
from ..schema import fund_key  # noqa: F401  (re-exported for the rules)
from .base import where


@dataclass(frozen=True, slots=True)
class Cell:
    """One figure of a table with its location, ready to compare."""

    amount: Amount
    location: Location


def rows_by_code(table: Table) -> dict[str, Row]:
    return {r.code.text: r for r in table.rows if r.code is not None and not r.is_total}


def cell(doc: Document, table: Table, row: Row | None, key: str) -> Cell | None:
    """The figure in ``row`` under the column whose key is ``key``; None when absent."""
    if row is None:
        return None
    col = table.column(key)
    if col is None or row.amounts[col] is None:
        return None
    return Cell(row.amounts[col], where(doc, table, row, col))  # type: ignore[arg-type]


def zero_at(doc: Document, table: Table, label: str, unit: str) -> Cell:
    """A missing row counts as zero, located at the table itself."""
    loc = where(doc, table)
    return Cell(Amount.zero(unit), Location(loc.path, loc.table, loc.title, label, "", loc.line))


def side_rows(table: Table, side: str, kind: str | None = None) -> list[Row]:
    return [r for r in table.rows if r.side == side and (kind is None or r.kind == kind)]


def one(table: Table, side: str, kind: str) -> Row | None:
    found = side_rows(table, side, kind)
    return found[0] if found else None
