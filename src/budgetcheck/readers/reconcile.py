"""Realign a whole table whose empty cells shifted, using another table as the witness.

Empty cells are not reliable (budget-rules §5): in the 2023 seed every row of the
income table (T2) carries one spurious empty cell before 事业单位经营收入 and lost one
at the end, so each row still has the header's width but its later figures sit one
column to the right.  Row identities cannot see this (the parts still add up); the
overview table can: T1's income lines must equal T2's 合计 row fund by fund.

The repair is deliberately narrow: one spurious empty cell removed (or one lost empty
cell restored) at the same position in every row, accepted only when exactly one such
position makes the 合计 row agree with T1 where the positional reading did not, and
only applied to rows whose cell at that position is empty.  Otherwise the table is
left as read, and the rules report the disagreement.
"""

from __future__ import annotations

from dataclasses import replace

from budgetcheck.core.rounding import compare_equal, holds
from budgetcheck.core.model import Amount, Document, Table
from budgetcheck.core.figures import NotANumber, parse_amount
from budgetcheck.templates.schema import fund_key

def _witness(doc: Document) -> dict[str, Amount]:
    t1 = doc.table("T1")
    if t1 is None:
        return {}
    out = {}
    for row in t1.rows:
        if row.side == "income" and row.kind == "item" and row.amounts[0] is not None:
            key = fund_key(row.label)
            if key:
                out[f"current.{key}"] = row.amounts[0]
    return out


def _read(fields: list[str], table: Table) -> tuple[Amount | None, ...] | None:
    out: list[Amount | None] = []
    for i, col in enumerate(table.columns):
        if not col.is_amount:
            out.append(None)
            continue
        try:
            out.append(parse_amount(fields[i] if i < len(fields) else "", table.unit))
        except NotANumber:
            return None
    return tuple(out)


def _agrees(amounts, table: Table, witness: dict[str, Amount]) -> bool:
    for key, expected in witness.items():
        col = table.column(key)
        if col is None or amounts[col] is None or not holds(compare_equal(amounts[col], expected)):
            return False
    return True


def _shifts(width: int):
    for p in range(width):
        yield ("drop", p)
        yield ("insert", p)


def _apply(fields: list[str], shift, width: int) -> list[str] | None:
    how, p = shift
    fields = fields + [""] * (width - len(fields))
    if how == "drop":
        return fields[:p] + fields[p + 1:] + [""] if fields[p] == "" else None
    return fields[:p] + [""] + fields[p:-1] if fields[-1] == "" else None


def reconcile(doc: Document) -> Document:
    t2, witness = doc.table("T2"), _witness(doc)
    if t2 is None or t2.total_row is None or not witness:
        return doc
    width = len(t2.columns)
    if _agrees(t2.total_row.amounts, t2, witness):
        return doc
    total_fields = t2.total_row.raw.split("\t")
    fits = []
    for shift in _shifts(width):
        moved = _apply([c.strip() for c in total_fields], shift, width)
        amounts = _read(moved, t2) if moved else None
        if amounts is not None and _agrees(amounts, t2, witness):
            fits.append(shift)
    raws = [[c.strip() for c in row.raw.split("\t")] for row in t2.rows]
    effects = {tuple(tuple(_apply(f, shift, width) or f) for f in raws) for shift in fits}
    if len(effects) != 1:  # no fit, or fits that read the table differently: leave it
        return doc
    rows = []
    for row, moved in zip(t2.rows, next(iter(effects))):
        amounts = _read(list(moved), t2)
        if amounts is None or list(moved) == [c.strip() for c in row.raw.split("\t")]:
            rows.append(row)
            continue
        # replace(), not a new Row: every field the reader set (level, memo, note …) is kept
        rows.append(replace(row, amounts=amounts, alignment="realigned", candidates=1))
    fixed = replace(t2, rows=tuple(rows))
    tables = tuple(fixed if t is t2 else t for t in doc.tables)
    return Document(doc.path, tables, doc.lines, doc.encoding, doc.kind)
