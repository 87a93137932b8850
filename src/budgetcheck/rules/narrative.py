"""The prose against the tables: every figure it states about a table quantity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from budgetcheck.core.rounding import compare_equal
from budgetcheck.core.catalogue import normalise_name, strip_enumerator
from budgetcheck.claims import Sentence
from budgetcheck.claims.extract import label_of
from budgetcheck.claims.figures import figures
from budgetcheck.core.model import Amount, Document, Row, Table
from budgetcheck.rules.arguments import said
from budgetcheck.rules.base import UNDECIDED, compared, rule, where, Fact
from budgetcheck.rules.context import Context
from budgetcheck.rules.years import document_year
from budgetcheck.rules.lookup import budget_view
from budgetcheck.rules.quantities import COUNTED, resolve
from budgetcheck.templates import load

def _best(figure: Amount, cells) -> tuple:
    options = [(compare_equal(figure, c.amount), c) for c in cells]
    return min(options, key=lambda o: (o[0].status != "ok", abs(o[0].difference)))


@rule("BC201", "narrative-figures", "error", "narrative")
def narrative_figures(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Each amount the prose states about a table quantity equals that quantity.

    收入预算 and 支出预算 (T1 总计), 本年收入/支出合计, 年终结转结余 and their numbered
    components (each fund line of T1, 本年其他资金收入, 基本支出, 人员支出, 公用支出, 项目支出,
    非财政拨款支出, T3's 经营/上缴/对附属 columns), the 一般公共预算 total (T5), the 政府性基金
    statement (T8), each 三公 figure and 会议费/培训费 (T7, this year's columns), 机关运行经费
    (its own table, or the 三公 table's line), the 政府采购 total and its 货物/工程/服务 (the
    政府采购 table), the 市对区转移支付 total (T9), the amounts of 五、部分项目情况说明 (that
    project's T11 预算资金 or 财政拨款数) and the 一级项目 total (Σ T11 财政拨款数).  A
    phrase is taken for a quantity only when it names it: 财政拨款基本支出预算 is 基本支出,
    not 支出总计, and a phrase naming another year is not this year's figure.  Where the
    template allows two readings (基本支出 fiscal only or all), equal to either is right.
    A figure with no table counterpart is not checked.
    """
    for s, f, name, comparison, best in matches(doc, ctx):
        yield from compared(comparison, said(doc, s, name, f.start), f"{name} {f.text} = {best.location.table} "
                            f"{best.location.row} {best.location.column}".strip(),
                            f"正文{name}{f.text}应与{best.location.table}表一致", [best.location])


def matches(doc: Document, ctx: Context | None = None):
    """Every (sentence, figure, quantity, comparison, table cell) the prose is checked on
    (``ctx``: the engine's, else one of its own)."""
    ctx = ctx or Context(doc)
    year = document_year(doc)
    previous: Sentence | None = None
    counted = _counted_units(doc)
    for s in ctx.claims.sentences:
        figs = s.figs
        lead = previous.text if previous is not None and previous.paragraph is s.paragraph and lead_in(previous) else ""
        previous = s
        for f in figs:
            if f.approx or not (f.kind == "money" or (f.kind == "count" and f.amount.unit in counted)):
                continue
            label = label_of(s, f)
            source = ctx.shared("budget view", budget_view) if doc.category == "final" and states_budget(label) else doc
            found = resolve(source, label, s.paragraph.headings, lead, s.text[:f.start], year)
            if found is None or not found[1] or (f.kind == "count") != (found[0] in COUNTED):
                continue
            name, cells = found
            if f.kind == "count":  # 3辆 against vehicles, 19台 against equipment, never across
                cells = [c for c in cells if c.amount.unit == f.amount.unit]
                if not cells:
                    continue
            comparison, best = _best(f.amount, cells)
            yield s, f, name, comparison, best


def _counted_units(doc: Document) -> set[str]:
    """The units of the items a table counts (辆, 台: the information table's vehicles and
    equipment): a count of the prose in another unit has no table to be compared with."""
    if not doc.tables_of("FOI"):
        return set()
    return set(load(doc.template).rows.get("information_counts", {}).values())


_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|预算绩效|部门预算|预算单位")


def states_budget(label: str) -> bool:
    """A phrase of final accounts that names the budget (年初预算, 预算为), not the 决算."""
    text = _FUND_NAMES.sub("", label)
    return "预算" in text and "决算" not in text


def lead_in(s: Sentence) -> bool:
    """A short sentence without figures that names what follows: ``（一）因公出国（境）费用。``"""
    return not s.figs and len(s.text.strip()) <= 24 and s.text.rstrip().endswith(("。", "：", ":"))


AMOUNT = r"\d[\d,]*(?:\.\d+)?万元"
CJK = r"[\u4e00-\u9fa5、]"
SUBJECT = re.compile(
    # X（类）Y（款）Z（项）N万元, also “…”科目N万元 and …（项）支出N万元; the 类 may be left to a heading
    r"[“\"]?(?:(?P<cls>" + CJK + r"+?)[（(]类[)）])?(?P<kuan>" + CJK + r"+?|(?<=[)）])[^（()）]+?)[（(]款[)）]"
    r"(?P<item>[^（()）]+?)[（(]项[)）][”\"]?(?:科目|支出)?\s*(?P<num>" + AMOUNT + ")"
    # “X-Y-Z”科目N万元
    r"|[“\"](?P<cls2>[^”\"\-－]+)[-－](?P<kuan2>[^”\"\-－]+)[-－](?P<item2>[^”\"\-－]+)[”\"]科目\s*(?P<num2>" + AMOUNT + ")"
    # 2080501-行政单位离退休178.51万元
    r"|(?<!\d)(?P<code3>\d{7})\s*[-－—]\s*(?P<item3>[^\d，,。；;:：（(]+?)\s*(?P<num3>" + AMOUNT + ")"
    # 行政运行（2010501）2,542.46万元
    r"|(?P<item4>" + CJK + r"+?)[（(](?P<code4>\d{7})[)）]\s*(?P<num4>" + AMOUNT + ")"
)
_MAY_NAME = re.compile(r"[（(]项[)）]|科目|\d{7}")
HEADING_CLASS = re.compile(r"^(?P<cls>" + CJK + r"+?)[（(]类[)）]$")


@dataclass(frozen=True)
class Subject:
    """An enumerated subject of the prose: where it is, what it says, and its T5 row
    (None when no row has its names or code; ``ambiguous`` when several have)."""

    start: int
    name: str
    amount: str
    code: str = ""
    ambiguous: bool = False


def _subjects(ctx: Context) -> list[tuple[Sentence, Subject, Row | None, Table]]:
    """The enumerated subjects of the prose with their T5 rows (two rules read them)."""
    return ctx.shared("subjects", lambda doc: _find_subjects(doc, ctx))


def item_rows(t5: Table) -> list[tuple[tuple[str, str, str], Row]]:
    """T5's 项 rows with the names of their 类, 款 and 项: from the codes, or, for a table
    printed with names only, from the rows they belong to (Row.parent)."""
    by_code = {r.code.text: r for r in t5.rows if r.code is not None}
    rows = t5.rows
    out = []
    for r in rows:
        if r.is_total:
            continue
        if r.code is not None and r.code.level == 3:
            kuan, cls = by_code.get(r.code.text[:5]), by_code.get(r.code.text[:3])
        elif r.code is None and r.level == 3 and r.parent is not None:
            kuan = rows[r.parent]
            cls = rows[kuan.parent] if kuan.parent is not None else None
        else:
            continue
        names = (cls.label if cls else "", kuan.label if kuan else "", r.label)
        out.append((tuple(normalise_name(n) for n in names), r))  # type: ignore[misc]
    return out


def _find_subjects(doc: Document, ctx: Context) -> list[tuple[Sentence, Subject, Row | None, Table]]:
    t5 = doc.table("T5")
    if t5 is None:
        return []
    names = item_rows(t5)
    codes: dict[str, list[Row]] = {}
    for _, r in names:
        if r.code is not None:
            codes.setdefault(r.code.text, []).append(r)
    found = []
    for s in ctx.claims.sentences:
        if not s.figs or not _MAY_NAME.search(s.text):
            continue
        for m in SUBJECT.finditer(s.text):
            code = m.group("code3") or m.group("code4") or ""
            num = m.group("num") or m.group("num2") or m.group("num3") or m.group("num4")
            name = m.group(0)[:-len(num)].strip()
            if code:
                rows = codes.get(code, [])  # the code decides: a code T5 does not print is a row it left out
                row = rows[0] if len(rows) == 1 else None
                found.append((s, Subject(m.start(), name, num, code, len(rows) > 1), row, t5))
                continue
            cls = m.group("cls") or m.group("cls2") or _heading_class(s) or ""
            key = tuple(normalise_name(x or "") for x in (cls, m.group("kuan") or m.group("kuan2"),
                                                          m.group("item") or m.group("item2")))
            row = next((r for k, r in names if k == key), None) \
                or _unique([r for k, r in names if k[1:] == key[1:]]) or _unique([r for k, r in names if k[2] == key[2]])
            found.append((s, Subject(m.start(), name, num), row, t5))
    return found


def _heading_class(s: Sentence) -> str:
    """The 类 of a ``Y（款）Z（项）`` item, from the nearest ``（一）X（类）`` heading above."""
    for heading in reversed(s.paragraph.headings):
        m = HEADING_CLASS.match(strip_enumerator(heading))
        if m:
            return m.group("cls")
    return ""


def _unique(rows: list[Row]) -> Row | None:
    return rows[0] if len(rows) == 1 else None


@rule("BC202", "narrative-subjects", "error", "narrative", requires=("T5",))
def narrative_subjects(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Each enumerated subject ``X（类）Y（款）Z（项）N万元`` equals T5 合计 of that 项.

    Also written ``“X（类）Y（款）Z（项）”科目N万元``, ``“X-Y-Z”科目N万元``, ``Y（款）Z（项）支出
    N万元`` under a heading ``（一）X（类）``, ``2080501-行政单位离退休N万元`` and
    ``行政运行（2010501）N万元``.  The row is found by its code when the prose gives one,
    else by its names (类, 款 and 项, then 款 and 项, then the 项 alone when unique); a T5
    printed with names only is read through the rows each 项 belongs to.  A subject whose
    names match no T5 row is a warning (renamed or mistyped: its amount is unchecked),
    unless it states 0 (a 项 with nothing is left out of the table).
    """
    for s, subject, row, t5 in _subjects(ctx):
        loc = said(doc, s, "类/款/项", subject.start)
        stated = figures(subject.amount)[0].amount  # compared in the prose's unit: 938.99万元 against 9,389,913元
        if row is None:  # a renamed or mistyped subject: its amount cannot be compared
            if subject.ambiguous or stated.value == 0:
                continue
            yield Fact(UNDECIDED, loc, f"no T5 row is named {subject.name}; its amount was not checked",
                       f"T5表中没有名为{subject.name}的科目，金额未核对")
            continue
        total = t5.column("total")
        if total is None or row.amounts[total] is None:
            continue
        yield from compared(compare_equal(stated, row.amounts[total].to(stated.unit)), loc,  # type: ignore[union-attr]
                            f"{row.name} {row.label} {subject.amount} = T5 合计", f"{row.name}{row.label}应与T5表一致",
                            [where(doc, t5, row, total)])


@rule("BC203", "subjects-omitted", "warning", "narrative", requires=("T5",))
def subjects_omitted(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Every 项 of T5 with a non-zero 合计 is enumerated in the prose.

    Only checked when the prose enumerates subjects at all (budget narratives list
    every 项 of the 一般公共预算 spending; a missing one is usually a dropped paragraph).
    A T5 printed with names only has its 项 found through the rows they belong to.
    """
    found = _subjects(ctx)
    t5 = doc.table("T5")
    if not found or t5 is None:
        return
    named = {id(row) for _, _, row, _ in found if row is not None}
    if any(subject.ambiguous for _, subject, _, _ in found):
        return  # a code printed on several rows (one block per unit): the rows are not the subjects
    total = t5.column("total")
    if total is None:
        return
    for _, row in item_rows(t5):
        if id(row) in named:
            continue
        amount = row.amounts[total]
        if amount is not None and amount.value != 0:
            yield Fact(UNDECIDED, where(doc, t5, row, total),
                       f"{row.name} {row.label} ({amount.text}) is not described in the prose",
                       f"{row.name}{row.label}（{amount.text}）在正文中没有说明")


@rule("BC204", "narrative-counts", "error", "narrative", requires=("T11",))
def narrative_counts(doc: Document, ctx: Context) -> Iterator[Fact]:
    """The number of 一级项目 the prose states equals the number of T11 project tables.
    """
    tables = doc.tables_of("T11")
    if not tables:
        return
    for c in ctx.claims.counts:
        yield from compared(compare_equal(c.figure.amount, Amount(Decimal(len(tables)), Decimal(0), c.figure.amount.unit)),
                            said(doc, c.sentence, "一级项目", c.figure.start), f"{c.what} count = number of T11 tables",
                            f"{c.what}个数应等于一级项目绩效目标表的张数", [where(doc, tables[0])])
