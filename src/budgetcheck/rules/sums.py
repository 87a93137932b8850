"""Every sum identity inside the coded tables, enumerated once.

Row cross-foots, subtotal trees and 合计 rows are all ``total = Σ parts`` over cells;
listing them in one place lets the three rules that check them, and the unit-scale
rule that explains their failures, share exactly the same set.
"""

from __future__ import annotations

from decimal import Decimal

from dataclasses import dataclass
from typing import Iterator

from budgetcheck.core.rounding import Comparison, compare_sum
from budgetcheck.core.model import Amount, Document, Row, Table
from budgetcheck.templates.schema import GRID_ROLES, row_identities, understood


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
    parts: tuple[Term, ...]  # a part an identity subtracts is here negated, and listed in ``minus``
    minus: tuple[int, ...] = ()  # the columns subtracted

    def describe(self) -> tuple[str, str]:
        """What the identity says, in English and Chinese."""
        t = self.table
        col = t.columns[self.total.column].label
        if self.kind == "row":
            parts = " + ".join(t.columns[p.column].label for p in self.parts if p.column not in self.minus)
            parts += "".join(f" − {t.columns[m].label}" for m in self.minus)
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
        if (table.role in GRID_ROLES or (table.role == "T10" and any(c.path for c in table.columns))) and not any(
                r.side for r in table.rows):  # not one printed as 收入 | 支出; a T10 funds block read as a grid
            yield table


def row_checks(table: Table) -> Iterator[SumCheck]:
    for identity in row_identities(table.columns):
        columns = identity.parts + identity.minus
        for row in table.rows:
            total = row.amounts[identity.total]
            parts = [row.amounts[p] for p in columns]
            if total is None or any(p is None for p in parts):
                continue
            terms = tuple(Term(row, p, a.negated() if p in identity.minus else a)  # type: ignore[union-attr]
                          for p, a in zip(columns, parts))
            yield SumCheck("row", table, Term(row, identity.total, total), terms, identity.minus)


#: Tables that list items (procurement, services, projects, carry-overs): their codes are
#: attributes of the items, and their heading rows are known only from the layout.
LISTS = ("TGP", "TGS", "TPJ", "TCO", "TMD", "TTD")


def is_flat(table: Table) -> bool:
    """A coded table that lists only leaf codes, repeated, without the 类/款 rows above
    them (one row per code pair or per unit block): its codes repeat by design and have
    no parent row.  A table whose codes do not repeat is a tree, and a parent it lacks
    is an error."""
    listed = [r.code.text for r in table.rows if r.code is not None and not r.is_total]
    codes = set(listed)
    return (bool(codes) and len(codes) < len(listed)  # codes repeat: rows per unit block or per code pair
            and not any(r.code.parent is not None and r.code.parent.text in codes for r in table.rows if r.code is not None))


def families(table: Table) -> tuple[list[tuple[Row, list[Row]]], list[Row]]:
    """(parent, its rows) for every parent row, and the top-level rows.

    A coded row belongs to the row of its parent code; a row the reader placed under
    another (``parent``: names printed by level, 三公 items under their total) belongs
    to that row.  Rows with neither are top-level only in a table without codes.
    """
    rows = table.rows
    by_code = {r.code.text: i for i, r in enumerate(rows) if r.code is not None and not r.is_total}
    kids: dict[int, list[Row]] = {}
    tops: list[Row] = []
    coded = bool(by_code)
    flat = not coded and table.role in LISTS and flat_list(table)
    for row in rows:
        if row.is_total:
            continue
        if row.parent is not None and 0 <= row.parent < len(rows):
            kids.setdefault(row.parent, []).append(row)
        elif row.code is not None:
            parent = row.code.parent
            if parent is not None and parent.text in by_code:
                kids.setdefault(by_code[parent.text], []).append(row)
            else:
                tops.append(row)
        elif not coded and (row.level or table.role not in LISTS or flat):
            tops.append(row)  # a list whose structure was not read is not summed by its rows
    out = [(rows[i], members) for i, members in kids.items() if not (len(members) == 1 and members[0].memo)]
    return out, tops


def _unlevelled(table: Table) -> tuple[int | None, list[Row]]:
    """A list's first money column and its rows, when none of its rows has a level, a
    parent or a heading read for it; (None, rows) otherwise."""
    col = next((c for c in table.amount_columns if understood(table.columns[c])
                and table.columns[c].period not in ("count", "pct")), None)
    body = [r for r in table.rows if not r.is_total]
    if any(r.level or r.parent is not None or r.heading for r in body):
        return None, body
    return col, body


def flat_list(table: Table) -> bool:
    """A list (procurement, services, projects) printed without levels whose rows are
    all items: no row's figure is the sum of the rows right after it, as a heading's
    would be (``通用项目`` over its projects, a unit over its purchases).  Only such a
    list is summed by its rows; one that may hide headings is not, since its 合计
    would count them twice."""
    col, body = _unlevelled(table)
    if col is None or len(body) < 2:
        return False
    values = [r.amounts[col] for r in body]
    for i, head in enumerate(values):
        if head is None or not head.value:
            continue
        run, slack = Decimal(0), head.quantum / 2
        for a in values[i + 1:]:
            if a is None:
                continue
            run += a.value
            slack += a.quantum / 2
            if abs(run - head.value) <= slack:
                return False
            if run > head.value + slack:
                break
    return True


def unnested(table: Table) -> Row | None:
    """In a list printed without levels that is not flat (some rows are headings over
    the rows after them), the first row whose rows cannot be nested to add up to it.

    Each run of uncoded rows under a coded row (a unit over its projects), or the
    whole list under its 合计, must be a forest: every row is either an item or a
    heading equal to the sum of the rows nested right after it, and the roots add up
    to the row above the run.  When no nesting does, one of the figures is wrong (or
    the list is not what it seems); which one cannot be told, so the caller warns
    about the table.  A list with blank figures in its first amount column is not
    judged."""
    if table.role not in LISTS or flat_list(table):
        return None
    col, body = _unlevelled(table)
    if col is None or not body:
        return None
    runs: list[tuple[Row, list[Row]]] = []
    above = table.total_row
    run: list[Row] = []
    for row in body:
        if row.code is not None:
            if above is not None and run:
                runs.append((above, run))
            above, run = row, []
        else:
            run.append(row)
    if above is not None and run:
        runs.append((above, run))
    for head, items in runs:
        target = head.amounts[col]
        values = [r.amounts[col] for r in items]
        if target is None or any(v is None for v in values) or len(values) > 60:
            continue
        if not _forest(tuple(values), 0, len(values), target.value, target.quantum, {}):  # type: ignore[arg-type]
            return head
    return None


def _forest(values: tuple[Amount, ...], i: int, end: int, target: Decimal, slack: Decimal, memo: dict) -> bool:
    """Can values[i:end] be nested into trees whose roots add up to ``target``?"""
    key = (i, end, target)
    if key in memo:
        return memo[key]
    if i == end:
        found = abs(target) <= slack / 2
    else:
        head = values[i]
        found = False
        for j in range(i + 1, end + 1):  # the tree rooted at i takes values[i:j]
            if j > i + 1 and not _forest(values, i + 1, j, head.value, head.quantum * (j - i), memo):
                continue
            if _forest(values, j, end, target - head.value, slack + head.quantum, memo):
                found = True
                break
    memo[key] = found
    return found


def _levels_unseen(table: Table, total: Row, tops: list[Row]) -> bool:
    """Rows with names only and no level read (a text, where indentation is lost) whose
    flat sum is half again their 合计 or more: the list has headings over rows (a unit
    and its economic classes) that the reader did not see, so summing it would report
    the headings as errors.  Such a 合计 is not checked."""
    if any(r.code is not None or r.level or r.parent is not None or r.heading for r in table.rows):
        return False
    for col in table.amount_columns:
        if not understood(table.columns[col]) or total.amounts[col] is None or total.amounts[col].value <= 0:
            continue
        flat = sum((r.amounts[col].value for r in tops if r.amounts[col] is not None), Decimal(0))
        return flat >= total.amounts[col].value * Decimal("1.5")
    return False


def tree_checks(table: Table) -> Iterator[SumCheck]:
    found, tops = families(table)
    checks = [("tree", parent, members) for parent, members in found]
    total_row = table.total_row
    # a 合计 the reader gave its parts (the three 三公 items under it) is checked as their
    # parent; rows left beside it (会议费, 培训费 after a 三公 合计) are not its parts
    placed = any(parent is total_row for parent, _ in found)
    if total_row is not None and tops and not placed and not _levels_unseen(table, total_row, tops):
        checks.append(("total", total_row, tops))
    for kind, parent, members in checks:
        for col in table.amount_columns:
            total = parent.amounts[col]
            if total is None or not understood(table.columns[col]) or table.columns[col].period in ("count", "pct"):
                continue
            parts = tuple(Term(k, col, k.amounts[col]) for k in members if k.amounts[col] is not None)  # type: ignore[arg-type]
            yield SumCheck(kind, table, Term(parent, col, total), parts)


def all_checks(doc: Document) -> Iterator[SumCheck]:
    for table in coded_tables(doc):
        yield from row_checks(table)
        yield from tree_checks(table)


def evaluated(ctx) -> list[tuple[SumCheck, Comparison]]:
    """Every sum identity of the document with its comparison, computed once per document
    (in the engine's context): four rules (cross-foots, trees, 合计 rows, unit scale) and
    the check that a table was understood read the same list."""
    return ctx.shared("sums", lambda doc: [(c, compare_sum(c.total.amount, [p.amount for p in c.parts]))
                                           for c in all_checks(doc)])
