"""Identities between the detailed tables: fiscal funds by code, basic expenditure by
economic class, and the 三公 ceilings."""

from __future__ import annotations

from typing import Iterator

from budgetcheck.core.rounding import compare_at_most, compare_sum
from budgetcheck.core.model import Document
from budgetcheck.rules.base import compared, rule, Fact
from budgetcheck.rules.context import Context
from budgetcheck.templates import squeeze
from budgetcheck.rules.lookup import cell, rows_by_code, sangong, zero_at

FISCAL_COLUMNS = (("fiscal", "total"), ("fiscal.basic", "basic"), ("fiscal.project", "project"))


@rule("BC112", "fiscal-by-code", "error", "tables", requires=("T3", "T5"))
def fiscal_by_code(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Per code, T3 财政拨款 = T5 一般公共预算 + T8 政府性基金 (+ 国有资本经营), column by column.

    小计 with 合计, 基本支出 with 基本支出, 项目支出 with 项目支出, for every code and for the
    合计 rows.  A code present on one side only counts as zero on the other, so a row
    deleted from T5 shows up here.
    """
    t3 = doc.table("T3")
    funds = [t for t in (doc.table("T5"), doc.table("T8"), doc.table("T8b")) if t is not None]
    if t3 is None or doc.table("T5") is None or t3.column("fiscal") is None:
        return  # some templates' T3 has no 财政拨款 columns: there is nothing to compare
    t3_rows = rows_by_code(t3)
    fund_rows = [rows_by_code(t) for t in funds]
    codes = sorted(set(t3_rows).union(*fund_rows))
    pairs = [(c, t3_rows.get(c), [r.get(c) for r in fund_rows]) for c in codes]
    pairs.append(("合计", t3.total_row, [t.total_row for t in funds]))
    for code, r3, others in pairs:
        for key3, key5 in FISCAL_COLUMNS:
            mine = cell(doc, t3, r3, key3)
            parts = [cell(doc, t, r, key5) for t, r in zip(funds, others)]
            parts = [p for p in parts if p is not None]
            if mine is None and not parts:
                continue
            unit = (mine or parts[0]).amount.unit
            mine = mine or zero_at(doc, t3, code, unit)
            if not parts:
                parts = [zero_at(doc, funds[0], code, unit)]
            yield from compared(
                compare_sum(mine.amount, [p.amount for p in parts]), mine.location,
                f"T3 {code} {key3} = T5 + T8 {key5}", f"T3表{code}财政拨款应等于T5与T8表之和（{key5}）",
                [p.location for p in parts],
            )


@rule("BC113", "basic-by-economic", "error", "tables", requires=("T5", "T6"))
def basic_by_economic(doc: Document, ctx: Context) -> Iterator[Fact]:
    """T6 (basic expenditure by economic class) agrees with T5, and classes sit in the right column.

    T6 合计 = T5 基本支出 合计, T6 人员支出 = T5 人员经费, T6 公用支出 = T5 公用支出.
    Economic classes 301 工资福利支出 and 303 对个人和家庭的补助 are personnel: their
    公用支出 column must be empty; 302 商品和服务支出 and 310 资本性支出 are public: their
    人员支出 column must be empty.  Some regions count an item of a class as the other
    kind (30399 其他对个人和家庭的补助 partly 公用, 30239 其他交通费用 as 人员): where the
    class row itself carries that kind of money, the document does so on purpose.
    """
    t5, t6 = doc.table("T5"), doc.table("T6")
    if t6 is None:
        return
    if t5 is not None and t5.total_row is not None and t6.total_row is not None:
        for key6, key5 in (("total", "basic"), ("personnel", "personnel"), ("public", "public")):
            a, b = cell(doc, t6, t6.total_row, key6), cell(doc, t5, t5.total_row, key5)
            if a is not None and b is not None:
                yield from compared(compare_sum(a.amount, [b.amount]), a.location,
                                    f"T6 合计 {key6} = T5 合计 {key5}", f"T6表合计（{key6}）应与T5表合计（{key5}）一致",
                                    [b.location])
        if t6.column("total") is None:  # 人员经费合计 and 公用经费合计 side by side (决算 公开06表)
            parts = [cell(doc, t6, t6.total_row, k) for k in ("personnel", "public")]
            basic = cell(doc, t5, t5.total_row, "basic")
            if basic is not None and all(p is not None for p in parts):
                yield from compared(compare_sum(basic.amount, [p.amount for p in parts]), basic.location,  # type: ignore[union-attr]
                                    "T5 合计 basic = T6 人员经费合计 + 公用经费合计",
                                    "T5表基本支出合计应等于T6表人员经费合计与公用经费合计之和",
                                    [p.location for p in parts])  # type: ignore[union-attr]
    classes = {r.code.text: r for r in t6.body if r.code is not None and r.code.level == 1}
    for row in t6.body:
        if row.code is None or row.code.level < 2:
            continue
        wrong = "public" if row.code.text[:3] in ("301", "303") else "personnel" if row.code.text[:3] in ("302", "310") else None
        c = cell(doc, t6, row, wrong) if wrong else None
        head = cell(doc, t6, classes.get(row.code.text[:3]), wrong) if wrong else None
        if head is not None and head.amount.value != 0:
            continue  # the class itself carries this kind of money: the document counts it so
        if c is not None and c.amount.value != 0:
            yield from compared(compare_sum(c.amount, []), c.location,
                                f"economic class {row.code.text[:3]} has no {wrong} spending",
                                f"经济分类{row.code.text[:3]}不应有{'公用' if wrong == 'public' else '人员'}支出")


CEILINGS = (
    ("30217", "reception", "公务接待费"),
    ("30231", "car.running", "公务用车运行维护费"),
    ("30212", "abroad", "因公出国（境）费用"),
    ("31013", "car.purchase", "公务用车购置"),
)


@rule("BC121", "sangong-ceiling", "error", "tables", requires=("T6", "T7"))
def sangong_ceiling(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Basic-expenditure items in T6 do not exceed the 三公 budget of T7.

    三公 covers basic and project spending, so the basic part alone can be smaller but
    never larger: 30217 公务接待费 ≤ 公务接待费, 30231 公务用车运行维护费 ≤ 公务用车运行费,
    30212 因公出国(境)费用 ≤ 因公出国(境)费, 31013 公务用车购置 ≤ 公务用车购置费.
    """
    t6, t7 = doc.table("T6"), doc.table("T7")
    if t6 is None or t7 is None or not t7.rows:
        return
    t6_rows = rows_by_code(t6)
    for code, key, name in CEILINGS:
        item = cell(doc, t6, t6_rows.get(code), "total")
        limit = sangong(doc, t7, key)
        if item is None or limit is None:
            continue
        yield from compared(compare_at_most(item.amount, limit.amount), item.location,
                            f"T6 {code} {name} ≤ T7 {key}", f"T6表{code}{name}不应超过T7表三公经费预算",
                            [limit.location])


@rule("BC114", "project-by-code", "error", "tables")
def project_by_code(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Per code, a 项目支出决算表 agrees with the spending table's 项目支出.

    Some regions publish the project spending of the final accounts on its own
    (一般公共预算财政拨款项目支出决算表, split by economic class): its 合计 for each
    functional code is that code's 项目支出 in 一般公共预算财政拨款支出决算表 (F5), and its
    合计 row is F5's.  A code on one side only counts as zero on the other.  A project
    table of another fund (all funds, 政府性基金) is not compared, and neither is one
    whose rows carry no codes (a list of projects).
    """
    t5 = doc.table("T5")
    if t5 is None or t5.column("project") is None:
        return
    t5_rows = rows_by_code(t5)
    for table in doc.tables_of("FPR"):
        title = squeeze(table.title)
        mine_rows = rows_by_code(table)
        if "一般公共预算" not in title or not mine_rows or table.column("total") is None:
            continue
        pairs = [(c, mine_rows.get(c), t5_rows.get(c)) for c in sorted(set(mine_rows) | set(t5_rows))]
        pairs.append(("合计", table.total_row, t5.total_row))
        for code, mine_row, t5_row in pairs:
            mine, theirs = cell(doc, table, mine_row, "total"), cell(doc, t5, t5_row, "project")
            if mine is None and theirs is None:
                continue
            unit = (mine or theirs).amount.unit  # type: ignore[union-attr]
            mine = mine or zero_at(doc, table, code, unit)
            theirs = theirs or zero_at(doc, t5, code, unit)
            yield from compared(compare_sum(mine.amount, [theirs.amount]), mine.location,
                                f"{code} 项目支出决算表 合计 = F5 项目支出",
                                f"{code}项目支出决算表合计应等于一般公共预算财政拨款支出决算表的项目支出",
                                [theirs.location])


DETAILS = (("TMD", "meeting", "会议费"), ("TTD", "training", "培训费"))


@rule("BC122", "meeting-training-detail", "error", "tables")
def meeting_training_detail(doc: Document, ctx: Context) -> Iterator[Fact]:
    """The meetings and trainings a 说明 itemises add up to the 三公 table's 会议费 and 培训费.

    Some regions print a 会议费明细表 and a 培训费明细表 (one row per meeting or training:
    its name, dates, people and 金额); their 金额 (their 合计 row, where they print one)
    equal this year's 会议费 and 培训费 of the “三公”经费及会议费、培训费 table.  A 三公
    table without those columns is not compared.
    """
    t7 = doc.table("T7")
    for role, key, name in DETAILS:
        detail = doc.table(role)
        if detail is None or t7 is None:
            continue
        budget = sangong(doc, t7, key)
        col = detail.column("amount") if detail.column("amount") is not None else detail.column("total")
        if budget is None or col is None:
            continue
        total = detail.total_row
        rows = [total] if total is not None else [r for r in detail.rows if not r.is_total]
        parts = [cell(doc, detail, r, detail.columns[col].key) for r in rows]
        parts = [p for p in parts if p is not None]
        if not parts:
            continue
        yield from compared(compare_sum(budget.amount, [p.amount.to(budget.amount.unit) for p in parts]),
                            budget.location, f"{name} = the {len(parts)} rows of {detail.title}",
                            f"{name}应等于{detail.title}所列各项之和", [p.location for p in parts])
