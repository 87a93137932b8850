"""Whether a table was understood: an identity that fails in most of its rows.

Why: when a sum fails in one row of forty, that row is wrong; when it fails in thirty
rows of forty, the reader read the table wrong (a comparison column summed, a group's
合计 taken for the table's total) far more often than the publisher did.  Reporting
thirty errors then is crying wolf.  So a table in which a row identity fails in most
rows (at least ``MIN_FAILURES`` of them), or in which most parent rows disagree with
their children, is one warning that says so, with the evidence, and no error that
rests on that table is reported (budget-rules §6, "confidence discipline").  Sums of
rows under their parents are not judged so: a table cut short fails them in most rows
too, and that is an error to report.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from budgetcheck.core.rounding import VIOLATION
from budgetcheck.core.model import Document, Finding, Location, Table
from budgetcheck.templates.schema import FAILED
from budgetcheck.rules.base import UNDECIDED, rule, where, Fact
from budgetcheck.rules.context import Context
from budgetcheck.rules.sums import evaluated, unnested
from budgetcheck.rules.workbook import unknown_cells

MIN_FAILURES = 3


def _key(table: Table) -> tuple[str, str]:
    return (table.role or "", table.title)


def _ref(term) -> str:
    refs = term.row.refs
    return refs[term.column] if term.column < len(refs) else ""


def not_understood(ctx: Context) -> dict[tuple[str, str], tuple[str, str]]:
    """(role, title) of each table that was not understood → the evidence (English, Chinese)."""
    return ctx.shared("not understood", lambda doc: _not_understood(doc, ctx))


def _not_understood(doc: Document, ctx: Context) -> dict[tuple[str, str], tuple[str, str]]:
    rows: dict[tuple[int, str, tuple[int, ...]], list[bool]] = defaultdict(list)
    tables: dict[int, Table] = {}
    unknown = unknown_cells(doc)  # a formula saved without its value decides nothing
    for check, comparison in evaluated(ctx):
        t = check.table
        if unknown and any(_ref(term) in unknown for term in (check.total, *check.parts)):
            continue
        tables[t.index] = t
        failed = comparison.status == VIOLATION
        if check.kind == "row":
            ident = (t.index, t.columns[check.total.column].label, tuple(p.column for p in check.parts))
            rows[ident].append(failed)
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for table in doc.tables:
        failed = next((r for r in table.readings if r.startswith(FAILED)), None)
        if failed:
            out[_key(table)] = (failed, "读取本表时发生内部错误")
    for (index, label, _), results in rows.items():
        bad = sum(results)
        if bad >= MIN_FAILURES and bad * 2 > len(results):
            out.setdefault(_key(tables[index]), (f"the row sum for column “{label}” fails in {bad} of {len(results)} rows",
                                                 f"“{label}”列的行内勾稽在{len(results)}行中有{bad}行不成立"))
    return out


@rule("BC010", "table-understood", "warning", "reading")
def table_understood(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A table whose identities fail in most rows was not understood: one warning.

    When a row sum fails in most rows of a table (three or more), the table was almost
    certainly read wrong (a
    column of unknown meaning, a comparison column taken for a part): the warning
    gives the evidence, and no error that rests on this table is reported.  Check the
    table by hand.

    A list printed without levels (a 专项业务经费 or procurement list whose headings look
    like its items) is summed only where the rows can be told apart; when its rows cannot
    be nested in any way that makes every heading the sum of the rows below it and
    their total the row above them, one of its figures is wrong: a warning at that row.
    """
    found = not_understood(ctx)
    for table in doc.tables:
        failed = next((r for r in table.readings if r.startswith(FAILED)), None)
        if failed:
            yield Fact(UNDECIDED, where(doc, table), f"this table could not be read: {failed}; please report it",
                       f"本表读取失败：{failed}；请报告此问题")
            continue
        evidence = found.get(_key(table))
        if evidence:
            en, zh = evidence
            yield Fact(UNDECIDED, where(doc, table), f"this table was not understood: {en}; "
                       "its checks were not reported", f"本表未能正确理解：{zh}；本表的核对结果不予报告")
            continue
        head = unnested(table)
        if head is not None:
            # a list without levels whose headings cannot be told: its sums are not made,
            # but figures that cannot add up however the rows nest are a wrong figure
            what = "合计" if head.is_total else f"{head.name} {head.label}".strip() if head.label != head.name else head.name
            loc = where(doc, table, head, table.amount_columns[0] if table.amount_columns else None)
            yield Fact(UNDECIDED, loc,
                       f"the rows under {what} cannot be nested so that each heading is the sum of the rows below it "
                       f"and they add up to {what}: a figure of this list is wrong, or it is not laid out as it seems; "
                       "check it by hand",
                       f"{what}以下各行无论如何分级，都不能使每个标题行等于其下各行之和并合计为{what}："
                       "本表有数字错误，或版式与所见不同，请人工核对")


def discount(findings: list[Finding], ctx: Context, rule_id: str) -> list[Finding]:
    """Drop the errors and notices that rest on a table that was not understood."""
    found = not_understood(ctx)
    if not found:
        return findings
    tables = set(found)

    def rests(loc: Location) -> bool:
        return (loc.table, loc.title) in tables

    return [f for f in findings if f.rule == rule_id or f.severity == "warning"
            or not (rests(f.location) or any(rests(r) for r in f.related))]
