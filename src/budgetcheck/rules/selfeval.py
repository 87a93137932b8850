"""Self-evaluation tables of final accounts (绩效自评表): scores and execution rates.

A department evaluates each project (项目支出绩效自评表) and itself (部门整体支出绩效自评表)
after the year: each indicator has a weight (分值) and a score (得分), the funds line
has its execution rate (执行率 = 全年执行数 ÷ 全年预算数) and its own weight and score, and
总分 is the sum of them all.  The funds themselves (年度资金总额 = 财政拨款 + 上年结转 +
其他资金) are a table total and are checked with the other totals (BC103).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from budgetcheck.core.rounding import Comparison, compare_derived
from budgetcheck.core.model import Amount, Document, Row, Table
from budgetcheck.rules.base import compared, rule, where, Fact
from budgetcheck.rules.context import Context

ROLES = ("FSE", "FSD")


def _col(table: Table, key: str) -> int | None:
    return table.column(key)


def _scored(table: Table) -> list[Row]:
    """Every line with a weight and a score: the funds and indicators of a project's form;
    the tasks (and their 合计) and the indicators of the department's."""
    return [r for r in table.rows if r.kind in ("indicator", "funds")
            or (table.role == "FSD" and r.kind != "score_total")]


def _sums(table: Table) -> list[tuple[Row, list[Row]]]:
    """Each stated sum of weights and scores with the lines it sums.  A project's 总分 sums
    its funds line and indicators; the department's 合计 sums its tasks, and its 总分 (on
    the page its indicators run on to) that 合计, as the funds line, and the indicators."""
    total = next((r for r in table.rows if r.kind == "score_total"), None)
    if table.role != "FSD":
        return [(total, [r for r in table.rows if r.kind in ("indicator", "funds")])] if total is not None else []
    out = []
    funds = next((r for r in table.rows if r.is_total), None)
    if funds is not None:
        out.append((funds, [r for r in table.rows if not r.is_total and r.kind not in ("indicator", "score_total")]))
    if total is not None:
        out.append((total, [*([funds] if funds is not None else []), *(r for r in table.rows if r.kind == "indicator")]))
    return out


@rule("BC144", "selfeval-scores", "error", "tables")
def selfeval_scores(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Each score is at most its weight, and 总分 is the sum of the lines.

    Every indicator's 得分 ≤ its 分值, and so is 总分's; the 总分 line's 分值 is the sum of the weights (the
    funds line's included) and its 得分 the sum of the scores.  In the department's form
    the 合计 of its tasks is the funds line, and is itself the sum of the tasks.  A sum
    over lines of which some could not be read is not checked.
    """
    for table in doc.tables:
        if table.role not in ROLES:
            continue
        weight, score = _col(table, "count:分值"), _col(table, "count:得分")
        if weight is None or score is None:
            continue
        lines = [r for r in _scored(table) if r.amounts[weight] is not None or r.amounts[score] is not None]
        for row in lines:
            w, s = row.amounts[weight], row.amounts[score]
            if w is not None and s is not None:
                yield from compared(score_at_most(s, w), where(doc, table, row, score),
                                    f"{row.label}: 得分 ≤ 分值", f"{row.label}：得分不应超过分值",
                                    [where(doc, table, row, weight)])
        for total, members in _sums(table):
            if total.kind == "score_total" and total.amounts[weight] is not None and total.amounts[score] is not None:
                yield from compared(score_at_most(total.amounts[score], total.amounts[weight]),  # type: ignore[arg-type]
                                    where(doc, table, total, score), "总分: 得分 ≤ 分值", "总分：得分不应超过分值",
                                    [where(doc, table, total, weight)])
            unread = any(r.kind == "indicator" and r.amounts[weight] is None for r in members)
            parts_of = [r for r in members if r.amounts[weight] is not None or r.amounts[score] is not None]
            if unread or not parts_of:
                continue
            yield from _sum_of(doc, table, total, parts_of, weight, score)


def _sum_of(doc: Document, table: Table, total: Row, lines: list[Row], weight: int, score: int) -> Iterator[Fact]:
    name_of = "总分" if total.kind == "score_total" else total.label
    for col, name in ((weight, "分值"), (score, "得分")):
        stated = total.amounts[col]
        parts = [r.amounts[col] for r in lines if r.amounts[col] is not None]
        if stated is None or len(parts) != len(lines):
            continue
        comparison = score_sum(stated, parts)  # type: ignore[arg-type]
        en, zh = (f"{name_of} {name} = sum of the {len(parts)} lines",
                  f"{name_of}{name}应等于各行{name}之和（{len(parts)}行）")
        funds = next((r.amounts[col] for r in lines if r.kind == "funds" or r.is_total), None)
        if funds is not None and funds.value and comparison.difference == -funds.value:
            en += f" (the stated 总分 leaves out the funds line's {funds.text})"
            zh += f"（所列总分未计入预算执行率一行的{funds.text}）"
        yield from compared(comparison, where(doc, table, total, col), en, zh,
                            [where(doc, table, r, col) for r in lines if r.amounts[col] is not None])


def score_sum(stated: Amount, parts: list[Amount]) -> Comparison:
    """Σ scores.  Weights and scores are set, not measured: a whole number is exact, and
    only a figure with decimals may have been rounded (half its last digit each)."""
    expected = sum((p.value for p in parts), Decimal(0))
    loose = [a.quantum for a in (stated, *parts) if a.quantum and a.quantum < 1]
    finest = min((a.quantum for a in (stated, *parts) if a.quantum), default=Decimal(1))
    return Comparison(expected, stated.value, sum(loose, Decimal(0)) / 2, "", finest)


def score_at_most(score: Amount, weight: Amount) -> Comparison:
    """得分 ≤ 分值, with the same exactness as ``score_sum``."""
    loose = [a.quantum for a in (score, weight) if a.quantum and a.quantum < 1]
    finest = min((a.quantum for a in (score, weight) if a.quantum), default=Decimal(1))
    return Comparison(weight.value, score.value, sum(loose, Decimal(0)) / 2, "", finest, "<=")


_GROUP = re.compile(r"[（(]\s*(\d{1,3}(?:\.\d+)?)\s*分\s*[)）]")


@rule("BC146", "indicator-weights", "warning", "tables")
def group_weights(doc: Document, ctx: Context) -> Iterator[Fact]:
    """An indicator group that states its weight (``产出指标（50分）``) has indicators
    whose 分值 add up to it.

    A warning, not an error: the national form prints the default weights (产出 50, 效益
    30, 满意度 10) in its group labels, and a department may set other weights while
    the label keeps the default.  The 总分 check (BC144) says whether the weights add up.
    """
    for table in doc.tables:
        if table.role not in ROLES:
            continue
        weight = _col(table, "count:分值")
        groups: list[tuple[Row, Decimal, list[Row]]] = []
        for row in table.rows:
            if row.kind != "indicator":
                if groups and row.kind == "score_total":
                    break
                continue
            cells = [c.strip() for c in row.raw.split("\t")]
            head = next((m for c in cells[:3] if (m := _GROUP.search(c))), None)
            if head is not None:
                groups.append((row, Decimal(head.group(1)), []))
            if groups:
                groups[-1][2].append(row)
        for first, stated, members in groups:
            parts = [r.amounts[weight] for r in members if weight is not None and r.amounts[weight] is not None]
            if len(parts) != len(members) or not parts:
                continue
            name = next((c.strip() for c in first.raw.split("\t")[:3] if _GROUP.search(c)), "")
            given = Amount(stated, Decimal(1) if stated == stated.to_integral() else Decimal("0.1"), "", name)
            yield from compared(score_sum(given, parts), where(doc, table, first, weight),
                                f"{name}: 分值 of its {len(parts)} indicators add up to it "
                                "(a label may keep the form's default weight)",
                                f"{name}：其下{len(parts)}项指标分值之和应等于该一级指标分值（标签可能沿用表样默认分值）")



@rule("BC145", "execution-rate", "error", "tables")
def execution_rate(doc: Document, ctx: Context) -> Iterator[Fact]:
    """执行率 = 全年执行数 ÷ 全年预算数, on the funds line of a project self-evaluation and
    on every line of the department's, each figure taken over its rounding interval.
    """
    for table in doc.tables:
        if table.role not in ROLES:
            continue
        rate, budget, actual = _col(table, "pct:rate"), _col(table, "budget:total"), _col(table, "total")
        if rate is None or budget is None or actual is None:
            continue
        for row in table.rows:
            if table.role == "FSE" and not row.is_total:
                continue
            r, b, a = row.amounts[rate], row.amounts[budget], row.amounts[actual]
            if r is None or b is None or a is None or b.value == 0:
                continue
            comparison = compare_derived(r, lambda x, y: x / y, [a, b.to(a.unit)])
            if comparison is None:
                continue
            yield from compared(comparison, where(doc, table, row, rate),
                                f"{row.label}: 执行率 {r.text} = 全年执行数 {a.text} / 全年预算数 {b.text}",
                                f"{row.label}：执行率{r.text}应等于全年执行数{a.text}除以全年预算数{b.text}",
                                [where(doc, table, row, actual), where(doc, table, row, budget)])


__all__ = ["selfeval_scores", "execution_rate", "group_weights"]
