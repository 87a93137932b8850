"""A budget against the final accounts of its year, and two years of final accounts.

``budgetcheck diff 2024预算.pdf 2024决算.pdf``: subject by subject, what was budgeted
(预算数), what was spent (决算数), the difference and the execution rate, with the
basic/project split; and every 年初预算数 the 决算 states (a 三公 budget in its table,
``年初预算为A`` in its prose) checked against the budget (BC302).  Two final accounts of
consecutive years: this year's 年初结转和结余 is last year's 年末结转和结余 (BC303).
"""

from __future__ import annotations

from typing import Iterator

from budgetcheck.core.rounding import compare_equal
from budgetcheck.core.catalogue import normalise_name
from budgetcheck.core.model import Document, Location, Row, Table
from budgetcheck.rules.arguments import said
from budgetcheck.rules.base import Fact, compared, where
from budgetcheck.rules.lookup import budget_view, one, sangong
from budgetcheck.diff.align import Change, compare

#: The tables an execution compares: all funds by function (T3 ↔ 支出决算表), 一般公共预算
#: by function (T5 ↔ 一般公共预算财政拨款支出决算表), 基本支出 by economic class and 三公.
EXECUTION_ROLES = ("T3", "T5", "T6", "T7")


def year_of(doc: Document) -> str | None:
    from budgetcheck.rules.years import year_of as _year

    return _year(doc)


def execution_changes(budget: Document, final: Document) -> list[Change]:
    """Changes whose ``old`` is the 预算数 and ``new`` the 决算数."""
    out: list[Change] = []
    for role in EXECUTION_ROLES:
        out.extend(compare(budget, final, role))
    return out


def stated_budget(budget: Document, final: Document) -> Iterator[Fact]:
    """Every 年初预算数 the 决算 states equals the budget's figure.

    The 三公 table's 预算数 (合计, 因公出国（境）费, 公务用车购置及运行维护费 and its two
    parts, 公务接待费) against the budget's 三公 table; each ``年初预算为A`` sentence of the
    说明 against the budget's figure for its subject (a 类/款/项 of 一般公共预算支出, or
    the quantity its words name: 财政拨款支出, “三公”经费 …).  A subject the budget has
    no figure for is not checked.

    Fails: the 决算 says ``行政运行（项）。年初预算为5717.32万元`` while the budget's
    一般公共预算支出表 2014001 is 5,771.32.  Passes: both 5,717.32.
    """
    yield from _sangong(budget, final)
    yield from _prose(budget, final)
    yield from _projects(budget, final)
    yield from _table_budget(budget, final)


def _table_budget(budget: Document, final: Document) -> Iterator[Fact]:
    """A 决算 spending table that prints the 年初预算数 beside the 决算 (some regions'
    一般公共预算财政拨款支出决算表): per code, and for its 合计, that column is the budget's
    一般公共预算支出表 合计.  A code the budget does not have is not compared."""
    from budgetcheck.rules.execution import start_budget_column
    from budgetcheck.rules.lookup import rows_by_code

    mine, theirs = final.table("T5"), budget.table("T5")
    start = start_budget_column(mine) if mine is not None else None
    col = theirs.column("total") if theirs is not None else None
    if mine is None or theirs is None or start is None or col is None:
        return
    budget_rows = rows_by_code(theirs)
    pairs = [(r, budget_rows.get(code)) for code, r in rows_by_code(mine).items()]
    pairs.append((mine.total_row, theirs.total_row))
    for row, other in pairs:
        a = row.amounts[start] if row is not None else None
        b = other.amounts[col] if other is not None else None
        if a is None or b is None:
            continue
        yield from compared(compare_equal(a, b.to(a.unit)), _in(final, where(final, mine, row, start)),
                            f"{row.name} 年初预算数 = the budget's {theirs.role} 合计",  # type: ignore[union-attr]
                            f"{row.name}年初预算数应与部门预算{theirs.role}表合计一致",  # type: ignore[union-attr]
                            [_in(budget, where(budget, theirs, other, col))])


def _projects(budget: Document, final: Document) -> Iterator[Fact]:
    """Each 绩效自评表's 年初预算数 (年度资金总额, and its 其中：财政拨款) against the
    budget's 项目支出绩效目标表 of the same project (预算资金, 其中：财政拨款数).  The
    project is the form's title without its year and 项目绩效自评表; a name that the
    budget lists twice, or not at all, is not compared."""
    from budgetcheck.rules.execution import project_of

    listed: dict[str, list[tuple[Table, Row]]] = {}
    for table in budget.tables_of("T11"):
        for row in table.rows:
            if row.label:
                listed.setdefault(normalise_name(row.label), []).append((table, row))
    for form in final.tables_of("FSE"):
        name = project_of(form.title)
        found = listed.get(name, [])
        start = form.column("start:total")
        if len(found) != 1 or start is None or form.total_row is None:
            continue
        table, row = found[0]
        fiscal = next((r for r in form.rows if r.kind == "funds" and normalise_name(r.label).endswith("财政拨款")), None)
        for mine, key, words in ((form.total_row, "budget", "预算资金"), (fiscal, "fiscal", "其中：财政拨款数")):
            col = table.column(key)
            a = mine.amounts[start] if mine is not None else None
            b = row.amounts[col] if col is not None else None
            if a is None or b is None:
                continue
            yield from compared(compare_equal(a, b.to(a.unit)), _in(final, where(final, form, mine, start)),  # type: ignore[arg-type]
                                f"{form.title} {mine.label} 年初预算数 = the budget's {name} {words}",  # type: ignore[union-attr]
                                f"{form.title}{mine.label}年初预算数应与部门预算{name}项目的{words}一致",  # type: ignore[union-attr]
                                [_in(budget, where(budget, table, row, col))])


def _sangong(budget: Document, final: Document) -> Iterator[Fact]:
    view = budget_view(final)
    mine, theirs = view.table("T7"), budget.table("T7")
    if mine is None or theirs is None:
        return
    for key, name in (("sangong", "“三公”经费"), ("abroad", "因公出国（境）费"), ("car", "公务用车购置及运行维护费"),
                      ("car.purchase", "公务用车购置费"), ("car.running", "公务用车运行维护费"), ("reception", "公务接待费")):
        a, b = sangong(view, mine, key), sangong(budget, theirs, key)
        if a is None or b is None:
            continue
        yield from compared(compare_equal(a.amount, b.amount.to(a.amount.unit)), _in(final, a.location),
                            f"{name} 预算数 = the budget's {b.location.table} {name}",
                            f"{name}预算数应与部门预算{b.location.table}表一致", [_in(budget, b.location)])


def _prose(budget: Document, final: Document) -> Iterator[Fact]:
    from budgetcheck.rules.context import Context
    from budgetcheck.rules.execution import _ITEM, executions_of
    from budgetcheck.rules.narrative import item_rows
    from budgetcheck.rules.quantities import resolve

    t5 = budget.table("T5")
    names = item_rows(t5) if t5 is not None else []
    for e in executions_of(Context(final)):
        if not e.subject:
            continue
        m = _ITEM.search(e.subject)
        cells = []
        if m:
            key = tuple(normalise_name(m.group(k)) for k in ("cls", "kuan", "item"))
            rows = [r for k, r in names if k == key] or [r for k, r in names if k[1:] == key[1:]]
            col = t5.column("total") if t5 is not None else None
            if len(rows) == 1 and col is not None and rows[0].amounts[col] is not None:
                cells = [(rows[0].amounts[col], where(budget, t5, rows[0], col))]  # type: ignore[arg-type]
        else:
            found = resolve(budget, e.subject + "预算", (), "", None, None)
            if found and found[1]:
                cells = [(c.amount, c.location) for c in found[1]]
        if not cells:
            continue
        stated = e.budget.amount
        best = min(cells, key=lambda c: abs(stated.value - c[0].to(stated.unit).value))
        yield from compared(compare_equal(stated, best[0].to(stated.unit)), said(final, e.sentence, "年初预算", e.budget.start),
                            f"年初预算 {e.budget.text} = the budget's {best[1].table} {best[1].row}",
                            f"年初预算{e.budget.text}应与部门预算{best[1].table}表一致", [best[1]])


def carry_continuity(old: Document, new: Document) -> Iterator[Fact]:
    """This year's 年初结转和结余 is last year's 年末结转和结余 (收入支出决算总表, and the
    财政拨款 ones of 财政拨款收入支出决算总表), for two final accounts of consecutive years.

    Fails: 2024 年初结转和结余 1,615.24 while the 2023 决算's 年末结转和结余 is 1,651.24.
    Passes: both 1,615.24.
    """
    for role in ("T1", "T4"):
        a, b = new.table(role), old.table(role)
        if a is None or b is None:
            continue
        opening = next((r for r in a.rows if r.side == "income" and r.kind == "carry" and "年初" in r.label), None)
        closing = next((r for r in b.rows if r.side == "expenditure" and r.kind == "carry" and "年末" in r.label), None)
        if opening is None or closing is None or opening.amounts[0] is None or closing.amounts[0] is None:
            continue
        yield from compared(compare_equal(opening.amounts[0], closing.amounts[0].to(opening.amounts[0].unit)),  # type: ignore[union-attr]
                            _in(new, where(new, a, opening, 0)),
                            f"{opening.label} = last year's {closing.label}",
                            f"{opening.label}应等于上年决算{closing.label}", [_in(old, where(old, b, closing, 0))])


def _in(doc: Document, loc: Location) -> Location:
    return loc if loc.path else Location(doc.path, loc.table, loc.title, loc.row, loc.column, loc.line, loc.cell, loc.page)


__all__ = ["execution_changes", "stated_budget", "carry_continuity", "one"]
