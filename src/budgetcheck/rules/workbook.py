"""What only a workbook can say: a total's formula that leaves out a row, and figures
in hidden rows or columns.  Text and PDF documents have neither, so these rules find
nothing there.

Also here: which cells hold a formula saved without its value.  Such a cell reads as
blank (BC002 says so); an identity that rests on it cannot be decided, so its
findings are withdrawn (see ``settled``) rather than reported as errors.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from budgetcheck.core.model import Document, Finding
from budgetcheck.rules.base import VIOLATION, rule, where, Fact
from budgetcheck.rules.context import Context
from budgetcheck.rules.sums import SumCheck, Term, all_checks

_TOKEN = re.compile(r"\s+|SUM\(|\)|,|\+|(?P<ref>(?:(?:'(?P<q>(?:[^']|'')+)'|(?P<s>[^\s'!(),+:]+))!)?"
                    r"\$?(?P<c1>[A-Z]{1,3})\$?(?P<r1>\d+)(?::\$?(?P<c2>[A-Z]{1,3})\$?(?P<r2>\d+))?)", re.I)


def _col(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _split(ref: str) -> tuple[str, int, int] | None:
    """``Sheet!C12`` → (sheet, column, row)."""
    sheet, _, cell = ref.rpartition("!")
    m = re.fullmatch(r"([A-Z]{1,3})(\d+)", cell)
    return (sheet, _col(m.group(1)), int(m.group(2))) if m else None


def formula_cells(formula: str, sheet: str) -> set[tuple[int, int]] | None:
    """The (column, row) cells a sum formula adds, on ``sheet``; None for any formula
    that is not a plain sum of cells and ranges of that sheet (``=SUM(C5:C9)+C12``)."""
    text = formula.lstrip("=")
    cells: set[tuple[int, int]] = set()
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            return None
        pos = m.end()
        if not m.group("ref"):
            continue
        name = m.group("q").replace("''", "'") if m.group("q") else m.group("s")
        if name is not None and name != sheet:
            return None
        c1, r1 = _col(m.group("c1")), int(m.group("r1"))
        c2, r2 = (_col(m.group("c2")), int(m.group("r2"))) if m.group("c2") else (c1, r1)
        cells.update((c, r) for c in range(min(c1, c2), max(c1, c2) + 1) for r in range(min(r1, r2), max(r1, r2) + 1))
    return cells


def _ref(term: Term) -> str:
    refs = term.row.refs
    return refs[term.column] if term.column < len(refs) else ""


def _formula(term: Term) -> str:
    formulas = term.row.formulas
    return formulas[term.column] if term.column < len(formulas) else ""


@rule("BC171", "formula-coverage", "error", "tables")
def formula_coverage(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A total's formula adds every row (or column) that the total stands for.

    For each 合计, 小计 or parent-code cell of a coded table whose value is a workbook
    formula that plainly adds cells (``=SUM(C8:C19)``, ``=D8+G8``), every item of the
    identity it implements must be among the cells it adds, directly or through a
    subtotal that adds them.  A formula that leaves a row out is wrong even while that
    row is blank: the total will not follow when the row is filled in.  Formulas of
    another shape (other functions, other sheets) are not judged.
    """
    if not any(r.formulas for t in doc.tables for r in t.rows):  # text, PDF, or a workbook of values
        return
    for table_checks in _by_table(all_checks(doc)):
        by_total: dict[str, list[SumCheck]] = {}
        for check in table_checks:
            by_total.setdefault(_ref(check.total), []).append(check)
        for ref, checks in by_total.items():
            formula = _formula(checks[0].total)
            where_ = _split(ref) if ref else None
            if not formula or where_ is None:
                continue
            added = formula_cells(formula, where_[0])
            if added is None:
                continue
            best = _best(checks, added, by_total)
            if best is None:
                continue
            check, missing = best
            table, total = check.table, check.total
            names = ", ".join(f"{t.row.name} ({_ref(t).rpartition('!')[2]})" for t in missing)
            col = table.columns[total.column].label
            yield Fact(VIOLATION, where(doc, table, total.row, total.column),
                       f"the formula {formula} of {total.row.name}, column {col}, leaves out "
                       f"{len(missing)} of the {len(check.parts)} items it should add: {names}",
                       f"{total.row.name}（{col}列）的公式{formula}漏加了应加的{len(check.parts)}项中的"
                       f"{len(missing)}项：{names}",
                       related=tuple(where(doc, table, t.row, t.column) for t in missing))


def _by_table(checks: Iterable[SumCheck]) -> list[list[SumCheck]]:
    groups: dict[int, list[SumCheck]] = {}
    for check in checks:
        groups.setdefault(id(check.table), []).append(check)
    return list(groups.values())


def _best(checks: list[SumCheck], added: set[tuple[int, int]], by_total) -> tuple[SumCheck, list[Term]] | None:
    """None when the formula fully implements one of the identities of its cell, or
    implements none of them at all; else the closest identity and what it misses."""
    best = None
    for check in checks:
        missing = [p for p in check.parts if not _covered(_ref(p), added, by_total, {_ref(check.total)})]
        if not missing:
            return None
        hit = len(check.parts) - len(missing)
        if hit and (best is None or hit > best[0]):
            best = (hit, check, missing)
    return (best[1], best[2]) if best else None


def _covered(ref: str, added: set[tuple[int, int]], by_total, seen: set[str]) -> bool:
    """The formula adds this cell, or adds all the items of a subtotal in this cell."""
    where_ = _split(ref) if ref else None
    if where_ is None or ref in seen:
        return False
    if (where_[1], where_[2]) in added:
        return True
    seen = seen | {ref}
    return any(all(_covered(_ref(p), added, by_total, seen) for p in check.parts) and check.parts
               for check in by_total.get(ref, []))


@rule("BC003", "hidden-cells", "warning", "reading")
def hidden_cells(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Figures in a hidden row or column of the workbook, or on a hidden sheet.

    They are read and checked like any other figure, but a reader of the printed or
    published table does not see them; whether they belong in the table cannot be
    decided from the file, so each hidden row (or column) with figures is listed.
    """
    for table in doc.tables:
        if table.role is None:
            continue
        shown = [r for r in table.rows if any(a is not None and not a.blank for a in r.amounts)]
        hidden = [r for r in shown if r.hidden]
        if hidden and len(hidden) == len(shown):
            yield Fact(VIOLATION, where(doc, table, hidden[0], None),
                       "every row of this table is hidden in the workbook (or its sheet is hidden); "
                       "its figures were read and checked", "本表各行（或其工作表）在工作簿中被隐藏，其数字已读取并核对")
            continue
        for row in hidden:
            yield Fact(VIOLATION, where(doc, table, row, None),
                       f"row {row.name} is hidden in the workbook; its figures were read and checked, "
                       "but the printed table does not show them",
                       f"{row.name}行在工作簿中被隐藏：其数字已读取并参与核对，但打印的表格中看不到")
        for col in table.hidden_columns:
            row = next((r for r in table.rows if col < len(r.amounts) and r.amounts[col] is not None
                        and not r.amounts[col].blank), None)  # type: ignore[union-attr]
            if row is not None:
                label = table.columns[col].label
                yield Fact(VIOLATION, where(doc, table, row, col),
                           f"column {label} is hidden in the workbook; its figures were read and checked",
                           f"{label}列在工作簿中被隐藏，其数字已读取并核对")


def unknown_cells(doc: Document) -> set[str]:
    """The cells whose formula was saved without a value (``Sheet!C12``)."""
    return {ref for t in doc.tables for r in t.rows if r.formulas
            for ref, f in zip(r.refs, r.formulas) if f and f in r.bad_cells}


def settled(findings: list[Finding], doc: Document) -> list[Finding]:
    """Withdraw errors and notices that rest on a cell with no saved value: the identity
    cannot be decided, and the BC002 warning on that cell already says so."""
    unknown = unknown_cells(doc)
    if not unknown:
        return findings
    return [f for f in findings if f.severity == "warning" or not (
        f.location.cell in unknown or any(r.cell in unknown for r in f.related))]
