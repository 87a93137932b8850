"""Every sum identity inside the coded tables, enumerated once.

Row cross-foots, subtotal trees and 合计 rows are all ``total = Σ parts`` over cells;
listing them in one place lets the three rules that check them, and the unit-scale
rule that explains their failures, share exactly the same set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..arith import Comparison, compare_sum
from ..model import Amount, Document, Row, Table
from ..schema import GRID_ROLES, row_identities


@dataclass(frozen=True, slots=True)
class Term:
    row: Row
    column: int
    amount: Amount


@dataclass(frozen=True, slots=True)
class SumCheck:
    kind: str  # row | tree | total
    table: Table
    total: Term
    parts: tuple[Term, ...]

    def describe(self) -> tuple[str, str]:
        """What the identity says, in English and Chinese."""
        t = self.table
        col = t.columns[self.total.column].label
        if self.kind == "row":
            parts = " + ".join(t.columns[p.column].label for p in self.parts)
            return f"{col} = {parts}", f"{col} = {parts}"
        name = self.total.row.name
        n = len(self.parts)
        if self.kind == "tree":
            return (f"{name} = sum of its {n} sub-items, column {col}",
                    f"{name} 应等于其{n}个下级科目之和（{col}列）")
        return (f"合计 row = sum of the {n} top-level rows, column {col}",
                f"合计行应等于{n}个一级行之和（{col}列）")


def coded_tables(doc: Document) -> Iterator[Table]:
    for table in doc.tables:
        if table.role in GRID_ROLES:
            yield table


def row_checks(table: Table) -> Iterator[SumCheck]:
    for identity in row_identities(table.columns):
        for row in table.rows:
            total = row.amounts[identity.total]
            parts = [row.amounts[p] for p in identity.parts]
            if total is None or any(p is None for p in parts):
                continue
            yield SumCheck("row", table, Term(row, identity.total, total),
                           tuple(Term(row, p, a) for p, a in zip(identity.parts, parts)))  # type: ignore[arg-type]


def _children(table: Table) -> tuple[dict[str, list[Row]], list[Row]]:
    by_code = {r.code.text: r for r in table.rows if r.code is not None}
    children: dict[str, list[Row]] = {}
    tops: list[Row] = []
    for row in table.rows:
        if row.code is None:
            continue
        parent = row.code.parent
        if parent is not None and parent.text in by_code:
            children.setdefault(parent.text, []).append(row)
        else:
            tops.append(row)
    return children, tops


def tree_checks(table: Table) -> Iterator[SumCheck]:
    children, tops = _children(table)
    by_code = {r.code.text: r for r in table.rows if r.code is not None}
    families = [("tree", by_code[code], kids) for code, kids in children.items()]
    total_row = table.total_row
    if total_row is not None and tops:
        families.append(("total", total_row, tops))
    for kind, parent, kids in families:
        for col in table.amount_columns:
            total = parent.amounts[col]
            if total is None:
                continue
            parts = tuple(Term(k, col, k.amounts[col]) for k in kids if k.amounts[col] is not None)  # type: ignore[arg-type]
            yield SumCheck(kind, table, Term(parent, col, total), parts)


def all_checks(doc: Document) -> Iterator[SumCheck]:
    for table in coded_tables(doc):
        yield from row_checks(table)
        yield from tree_checks(table)


_EVALUATED: dict[int, tuple[Document, list[tuple[SumCheck, Comparison]]]] = {}


def evaluated(doc: Document) -> list[tuple[SumCheck, Comparison]]:
    """Every sum identity of the document with its comparison, computed once: four rules
    (cross-foots, trees, 合计 rows, unit scale) read the same list."""
    hit = _EVALUATED.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    result = [(c, compare_sum(c.total.amount, [p.amount for p in c.parts])) for c in all_checks(doc)]
    _EVALUATED.clear()
    _EVALUATED[id(doc)] = (doc, result)
    return result
