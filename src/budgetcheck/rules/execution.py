"""How the budget was carried out, as the 决算 说明 states it.

``年初预算为A万元，支出决算为B万元，完成年初预算的P%。决算数大于预算数的主要原因是…``:
the arithmetic of the sentence (P = B / A, the comparison word against B − A), and B
against the tables (the 项 row of 一般公共预算财政拨款支出决算表, the quantity the
subject names, or the project's 绩效自评表); A against the budget itself is checked by
``budgetcheck diff BUDGET FINAL`` (BC302), where the budget is at hand.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from budgetcheck.core.rounding import Comparison, compare_derived, compare_equal, compare_sum
from budgetcheck.core.catalogue import normalise_name
from budgetcheck.claims.execution import RELATION, Execution, executions
from budgetcheck.core.model import Amount, Document, Row, Table
from budgetcheck.rules.arguments import said
from budgetcheck.rules.base import VIOLATION, compared, rule, where, Fact, UNDECIDED
from budgetcheck.rules.context import Context

def executions_of(ctx: Context) -> list[Execution]:
    """The stated executions of the prose, found once per document."""
    return ctx.shared("executions", lambda doc: executions(ctx.claims.sentences))


@rule("BC216", "execution-arithmetic", "error", "narrative")
def execution_arithmetic(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A stated execution agrees with itself: ``年初预算为A，支出决算为B，完成年初预算的P%``
    means P = B / A, and ``决算数大于（小于、等于）预算数`` (in the sentence or opening the
    next) means B > A (B < A, B = A); a difference it states (``决算数小于预算数D``,
    ``决算数比预算数减少D``) is the size of B − A.  Each figure is taken over its rounding interval.
    """
    for e in executions_of(ctx):
        a, b = e.budget.amount, e.final.amount
        if e.rate is not None and a.value != 0:
            comparison = compare_derived(e.rate.amount, lambda x, y: x / y, [b, a.to(b.unit)])
            if comparison is not None:
                what = f"{e.rate.text} = {e.final.text} / {e.budget.text}"
                yield from compared(comparison, said(doc, e.sentence, "完成预算", e.rate.start), what, f"完成率{what}")
        wrong = list(_relation(doc, e)) if e.relation else []
        yield from wrong
        if e.gap is not None and e.relation in ("大于", "小于") and not wrong:  # a wrong word is one error, not two
            sign = 1 if e.relation == "大于" else -1
            gap, start = e.gap.amount.to(b.unit), a.to(b.unit)
            comparison = compare_sum(Amount(sign * gap.value, gap.quantum, gap.unit),
                                     [b, Amount(-start.value, start.quantum, start.unit, start.text)])
            sentence, _ = e.relation_at  # type: ignore[misc]
            yield from compared(comparison, said(doc, sentence, "决算与预算差额", e.gap.start),
                                f"{e.gap.text} = {e.final.text} − {e.budget.text}",
                                f"决算与预算差额{e.gap.text}应等于{e.final.text}与{e.budget.text}之差")


def _relation(doc: Document, e: Execution) -> Iterator[Fact]:
    a, b = e.budget.amount.to(e.final.amount.unit), e.final.amount
    holds = {"大于": b.value > a.value, "小于": b.value < a.value, "等于": compare_equal(b, a).status != VIOLATION}[e.relation]
    if holds:
        return
    sentence, at = e.relation_at  # type: ignore[misc]
    actual = "大于" if b.value > a.value else "小于" if b.value < a.value else "等于"
    yield Fact(VIOLATION, said(doc, sentence, "决算与预算比较", at),
               f"决算数{e.relation}预算数 is stated, but 决算 {e.final.text} is {actual} 预算 {e.budget.text}",
               f"正文称决算数{e.relation}预算数，但决算{e.final.text}{actual}预算{e.budget.text}",
               Comparison(a.value, b.value, Decimal(0), b.unit, b.quantum or Decimal("0.01")))


_ITEM = re.compile(r"(?P<cls>[\u4e00-\u9fa5（）()、]+?)[（(]类[)）](?P<kuan>[\u4e00-\u9fa5（）()、]+?)[（(]款[)）]"
                   r"(?P<item>[\u4e00-\u9fa5（）()、]+?)[（(]项[)）]")
_SCORE = re.compile(r"自评得分(?:为|是)?\s*(?P<n>\d{1,3}(?:\.\d+)?)\s*分")


@rule("BC217", "execution-figures", "error", "narrative")
def execution_figures(doc: Document, ctx: Context) -> Iterator[Fact]:
    """The 决算 a sentence states is the table's: a ``X（类）Y（款）Z（项）`` subject's B is
    that 项's 合计 in 一般公共预算财政拨款支出决算表 (F5); a project's (``某项目综述：…
    项目全年预算数为A，执行数为B``, and its ``自评得分为S分``) is its 绩效自评表's 全年预算数,
    全年执行数 and 总分; a subject that names a quantity of the tables (财政拨款支出,
    一般公共预算财政拨款支出, “三公”经费 and its parts) is that quantity's 决算 figure.  A
    subject that names nothing the tables have is not checked.  Where the F5 of a region
    prints the 年初预算数 beside the 决算, a 项's stated 年初预算 A is that column's.
    """
    from budgetcheck.rules.narrative import item_rows

    t5 = doc.table("T5")
    names = item_rows(t5) if t5 is not None else []
    forms = [t for t in doc.tables if t.role == "FSE"]
    for e in executions_of(ctx):
        m = _ITEM.search(e.subject)
        if m and t5 is not None:
            key = tuple(normalise_name(m.group(k)) for k in ("cls", "kuan", "item"))
            row = next((r for k, r in names if k == key), None) or _unique([r for k, r in names if k[1:] == key[1:]])
            col = t5.column("total")
            if row is not None and col is not None and row.amounts[col] is not None:
                yield from compared(compare_equal(e.final.amount, row.amounts[col].to(e.final.amount.unit)),  # type: ignore[union-attr]
                                    said(doc, e.sentence, "支出决算", e.final.start),
                                    f"{row.name} {row.label} 决算 {e.final.text} = {t5.role} 合计",
                                    f"{row.name}{row.label}支出决算应与{t5.role}表一致", [where(doc, t5, row, col)])
            start = start_budget_column(t5)
            if row is not None and start is not None and row.amounts[start] is not None:
                # a region's F5 that prints the 年初预算数 beside the 决算: the A stated is it
                yield from compared(compare_equal(e.budget.amount, row.amounts[start].to(e.budget.amount.unit)),  # type: ignore[union-attr]
                                    said(doc, e.sentence, "年初预算", e.budget.start),
                                    f"{row.name} {row.label} 年初预算 {e.budget.text} = {t5.role} {t5.columns[start].label}",
                                    f"{row.name}{row.label}年初预算应与{t5.role}表{t5.columns[start].label}一致",
                                    [where(doc, t5, row, start)])
            continue
        form = _form_of(e.subject, forms)
        if form is None:
            yield from _quantity(doc, e)
            continue
        if form.total_row is not None:
            for figure, key, name in ((e.budget, "budget:total", "全年预算数"), (e.final, "total", "全年执行数")):
                col = form.column(key)
                cell = form.total_row.amounts[col] if col is not None else None
                if cell is not None:
                    yield from compared(compare_equal(figure.amount, cell.to(figure.amount.unit)),
                                        said(doc, e.sentence, name, figure.start),
                                        f"{name} {figure.text} = {form.title} {name}", f"{name}应与{form.title}一致",
                                        [where(doc, form, form.total_row, col)])
    yield from _scores(doc, ctx, forms)


def _quantity(doc: Document, e: Execution) -> Iterator[Fact]:
    """A subject that names a quantity of the tables (``财政拨款支出``, ``一般公共预算财政
    拨款支出``, ``“三公”经费财政拨款支出``, ``（三）公务接待费``): its 决算 is that quantity's
    figure this year (F4 本年支出合计, F5 合计, F9 决算数 …); a subject naming none is not
    checked."""
    from budgetcheck.rules.narrative import _best
    from budgetcheck.rules.quantities import resolve

    if not e.subject:
        return
    found = resolve(doc, e.subject, (), "", None, None)
    if not found or not found[1]:
        return
    name, cells = found
    comparison, best = _best(e.final.amount, cells)
    yield from compared(comparison, said(doc, e.sentence, "支出决算", e.final.start),
                        f"{name} 决算 {e.final.text} = {best.location.table} {best.location.row} {best.location.column}".strip(),
                        f"{name}支出决算{e.final.text}应与{best.location.table}表一致", [best.location])


def _scores(doc: Document, ctx: Context, forms: list[Table]) -> Iterator[Fact]:
    from decimal import Decimal as D

    from budgetcheck.core.model import Amount

    sentences = ctx.claims.sentences
    for i, s in enumerate(sentences):
        m = _SCORE.search(s.text)
        if not m:
            continue
        form = _form_of(s.text[:m.start()], forms)
        if form is None and i and sentences[i - 1].paragraph is s.paragraph:
            form = _form_of(sentences[i - 1].text, forms)  # ``某项目综述：…。项目自评得分为S分``
        total = next((r for r in form.rows if r.kind == "score_total"), None) if form is not None else None
        col = form.column("count:得分") if form is not None else None
        if total is None or col is None or total.amounts[col] is None:
            continue
        text = m.group("n")
        q = D(1).scaleb(-len(text.split(".")[1])) if "." in text else D(1)
        stated = Amount(D(text), q, "", text)
        cell = total.amounts[col]
        if D(text) != cell.value:  # scores are set, not measured: 88.5 is not 90.5
            yield Fact(VIOLATION, said(doc, s, "自评得分", m.start("n")),
                       f"自评得分 {text}分 = {form.title} 总分 {cell.text}",  # type: ignore[union-attr]
                       f"自评得分{text}分应与{form.title}总分{cell.text}一致",  # type: ignore[union-attr]
                       Comparison(cell.value, stated.value, D(0), "分", min(q, cell.quantum or q)),
                       (where(doc, form, total, col),))  # type: ignore[arg-type]


def start_budget_column(table: Table) -> int | None:
    """The 年初预算数 column a 决算's spending table may print beside its 决算 (its
    budget-period 合计: ``年初预算数``, not ``调整预算数``)."""
    cols = [i for i, c in enumerate(table.columns) if c.is_amount and c.period == "budget"
            and c.key in ("budget:amount", "budget:total") and "调整" not in c.label and "全年" not in c.label]
    return cols[0] if len(cols) == 1 else None


def _form_of(text: str, forms: list[Table]) -> Table | None:
    """The self-evaluation form a phrase names: the one whose project name (its title
    without its year, its 市级 and 项目绩效自评表) occurs in it, when exactly one does."""
    flat = normalise_name(text)
    hits = [t for t in forms if (name := project_of(t.title)) and len(name) >= 4 and name in flat]
    # several forms named in it (疫情防控经费 and 西安急救中心疫情防控经费, one unit's form
    # titled without the unit): which one the sentence means cannot be told
    return hits[0] if len(hits) == 1 else None


def project_of(title: str) -> str:
    """The project a form's title names: the title without its year, its 市级 and 项目绩效自评表."""
    name = normalise_name(title)
    name = re.sub(r"(?:项目)?(?:支出)?绩效自评表$", "", name)
    name = re.sub(r"^.*?\d{4}年(?:度)?", "", name) or name
    return re.sub(r"^[\u4e00-\u9fa5]{0,6}?[省市区县]级", "", name) or name  # 西安市级X项目: the project is X


def _unique(rows: list[Row]) -> Row | None:
    return rows[0] if len(rows) == 1 else None


_REASON = re.compile(r"原因|由于|因为|主要是|追加|调剂|调增")
_SANGONG_WORDS = {"sangong": "三公", "abroad": "因公出国", "car": "公务用车", "reception": "公务接待"}


@rule("BC218", "unexplained-overrun", "warning", "narrative")
def unexplained_overrun(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A 决算 above its 预算 is explained in the 说明.

    Each execution sentence whose 支出决算 exceeds its 年初预算 beyond rounding has a
    reason (原因, 由于, 追加 …) in it or in the sentence after (after the one after, when
    that one only compares: ``决算数大于预算数。主要原因是…``); each 三公 item whose 决算数
    exceeds its 预算数 in the 三公 table is named in a sentence of the 说明 that gives a
    reason.  A warning: the 说明 should say why, and the reader of the finding decides
    whether it does.
    """
    from budgetcheck.core.model import Location

    sentences = ctx.claims.sentences
    index = {id(s): i for i, s in enumerate(sentences)}
    for e in executions_of(ctx):
        a, b = e.budget.amount.to(e.final.amount.unit), e.final.amount
        if b.value <= a.value or compare_equal(b, a).status != VIOLATION:
            continue
        i = index.get(id(e.sentence), -1)
        # the sentence after, or the one after that when the next only compares
        # (``…完成年初预算的105.15%。决算数大于预算数。主要原因是…``)
        following = [x for x in sentences[i + 1:i + 3] if x.paragraph is e.sentence.paragraph] if i >= 0 else []
        around = [e.sentence.text[e.final.end:]] + [x.text for x in following[:1]]
        if following and RELATION.match(following[0].text.strip()) and len(following[0].text) <= 16:
            around += [x.text for x in following[1:]]
        if not any(_REASON.search(t) for t in around):
            yield Fact(UNDECIDED, said(doc, e.sentence, "决算大于预算", e.final.start),
                       f"决算 {e.final.text} is above 预算 {e.budget.text} and no reason is given",
                       f"支出决算{e.final.text}大于年初预算{e.budget.text}，未说明原因")
    table = doc.table("T7")
    if table is None or table.total_row is None and not table.rows:
        return
    row = table.total_row or table.rows[0]
    for key, word in _SANGONG_WORDS.items():
        spent, planned = table.column(key), table.column("budget:" + key)
        if key == "sangong" and spent is None:
            spent, planned = table.column("total"), table.column("budget:total")
        if spent is None or planned is None or row.amounts[spent] is None or row.amounts[planned] is None:
            continue
        b, a = row.amounts[spent], row.amounts[planned]
        if b.value <= a.value or compare_equal(b, a).status != VIOLATION:  # type: ignore[union-attr]
            continue
        if any(word in s.text and _REASON.search(s.text) for s in sentences):
            continue
        loc: Location = where(doc, table, row, spent)
        yield Fact(UNDECIDED, loc, f"{table.columns[spent].label} 决算 {b.text} is above its 预算 {a.text} "  # type: ignore[union-attr]
                   "and the 说明 gives no reason", f"{table.columns[spent].label}决算数{b.text}大于预算数{a.text}，说明中未解释原因")  # type: ignore[union-attr]
