"""Code and name consistency across the document."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterator

import re

from budgetcheck.core.catalogue import class_code, normalise_name, strip_enumerator
from budgetcheck.templates import load, squeeze
from budgetcheck.core.model import Document, Row, Table
from budgetcheck.rules.base import UNDECIDED, VIOLATION, rule, where, Fact
from budgetcheck.rules.context import Context
from budgetcheck.rules.sums import coded_tables, is_flat


def _code_column(table: Table) -> int | None:
    """Where a code is written (its first part when split over 类|款|项): what to fix."""
    col = table.column("code")
    return col if col is not None else table.column("code_class")


def _named_codes(doc: Document) -> Iterator[tuple[str, str, Table, Row]]:
    for table in coded_tables(doc):
        for row in table.body:
            if row.code is not None and row.label:
                yield row.code.scheme + ":" + row.code.text, row.label, table, row


@rule("BC151", "code-name", "warning", "codes")
def code_name(doc: Document, ctx: Context) -> Iterator[Fact]:
    """The same code carries the same name in every table.

    The name most tables use is taken as right (on a tie, the first table's), and every
    row that names the code differently is reported, with the other place as related.
    Spacing and full- or half-width brackets are not differences.
    """
    seen: dict[str, list[tuple[str, Table, Row]]] = defaultdict(list)
    for key, label, table, row in _named_codes(doc):
        seen[key].append((normalise_name(label), table, row))
    for key, uses in seen.items():
        counts = Counter(n for n, _, _ in uses)
        if len(counts) < 2:
            continue
        order = {n: i for i, (n, _, _) in reversed(list(enumerate(uses)))}
        right = max(counts, key=lambda n: (counts[n], -order[n]))
        anchor = next((t, r) for n, t, r in uses if n == right)
        for name, table, row in uses:
            if name != right:  # located at the name's cell, which is what to fix
                yield Fact(VIOLATION, where(doc, table, row, table.column("name")),
                           f"code {row.name} is named “{row.label}” here but “{anchor[1].label}” in {anchor[0].label()}",
                           f"科目{row.name}在此名为“{row.label}”，在{anchor[0].label()}中名为“{anchor[1].label}”",
                           related=(where(doc, anchor[0], anchor[1], anchor[0].column("name")),))


@rule("BC152", "duplicate-code", "error", "codes")
def duplicate_code(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A code appears at most once in a table.

    A table that lists only leaf rows (no 类/款 rows above them: one row per unit block or
    per code pair, as some regions print T3, T5 and T6) repeats codes by design.
    """
    for table in coded_tables(doc):
        if table.role == "T9" or is_flat(table):  # transfers; leaf rows listed per unit or code pair
            continue
        first: dict[str, Row] = {}
        for row in table.body:
            if row.code is None:
                continue
            if row.code.text in first:
                yield Fact(VIOLATION, where(doc, table, row, _code_column(table)),
                           f"code {row.code} appears twice in this table (first at line {first[row.code.text].line})",
                           f"科目{row.code}在本表中重复出现（首次在第{first[row.code.text].line}行）",
                           related=(where(doc, table, first[row.code.text], None),))
            else:
                first[row.code.text] = row


@rule("BC153", "code-hierarchy", "error", "codes")
def code_hierarchy(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Every 款 and 项 code has its parent row, and every parent with figures has children.

    Without the parent the subtotal tree cannot be checked, and the row usually means a
    mistyped code.  A table itemises down to its deepest level: a 类 or 款 row with
    figures but no rows below it (while other rows of the table go deeper) means rows
    were left out, and its figures are checked by nothing.  Department rows of unit
    tables may stand alone (a department with a single unit); transfer tables, which
    list units without their department, are exempt.

    Economic codes may go one level deeper (3010201 under 30102) for some 款 only, so
    an economic 款 without sub-items is fine; an economic 类 without its 款 is not.
    """
    for table in coded_tables(doc):
        if table.role == "T9" or is_flat(table):
            continue  # a table of leaf rows only (no 类/款 rows) is a layout, not a missing parent
        coded = [r for r in table.body if r.code is not None]
        codes = {r.code.text for r in coded}  # type: ignore[union-attr]
        parents = {r.code.parent.text for r in coded if r.code.parent is not None}  # type: ignore[union-attr]
        deepest = max((r.code.level for r in coded), default=0)  # type: ignore[union-attr]
        for row in coded:
            code = row.code
            parent = code.parent  # type: ignore[union-attr]
            if parent is not None and parent.text not in codes:
                yield Fact(VIOLATION, where(doc, table, row, _code_column(table)),
                           f"code {code} has no parent row {parent} in this table",
                           f"科目{code}在本表中缺少上级科目{parent}")
            elif (code.scheme != "unit" and code.level < deepest and code.text not in parents  # type: ignore[union-attr]
                  and (code.scheme == "functional" or code.level == 1)  # type: ignore[union-attr]
                  and any(a is not None and a.value != 0 for a in row.amounts)):
                yield Fact(VIOLATION, where(doc, table, row, _code_column(table)),
                           f"code {code} has figures but none of its sub-items is listed",
                           f"科目{code}列有金额，但未列出其下级科目")


@rule("BC154", "class-name", "warning", "codes")
def class_name(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Every expenditure line of the overview tables names a known 类.

    The overview tables name classes, not codes; a name that is not in the catalogue
    (nor one of its known renames) cannot be matched with T3, so it is said, as a
    warning, rather than guessed.
    """
    not_classes = load(doc.template).rows["overview"].get("not_classes", [])
    for table in [*doc.tables_of("T1"), *doc.tables_of("T4")]:
        parents = {r.parent for r in table.rows if r.parent is not None}
        for i, row in enumerate(table.rows):
            if row.side != "expenditure" or row.kind != "item" or row.parent is not None or i in parents:
                continue  # a 款 or 项 line under its 类, or a heading over lines
            if any(re.search(p, squeeze(strip_enumerator(row.label))) for p in not_classes):
                continue  # 对附属单位补助支出, 上缴上级支出: T3's columns, not classes
            if class_code(row.label) is None:
                yield Fact(UNDECIDED, where(doc, table, row, 0),
                           f"“{row.label}” is not a known expenditure class name; it was not compared with T3",
                           f"“{row.label}”不是已知的支出功能分类类级名称，未与T3表核对")
