"""The prose against the tables: every figure it states about a table quantity."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from typing import Iterator

from ..arith import compare_equal
from ..catalogue import normalise_name
from ..claims import Sentence, claims_of
from ..claims.extract import label_of
from ..claims.figures import Figure, figures
from ..model import Amount, Document, Row, Table
from .arguments import said
from .base import UNDECIDED, Fact, compared, where
from .crossdoc import year_of
from .quantities import resolve

def _best(figure: Amount, cells) -> tuple:
    options = [(compare_equal(figure, c.amount), c) for c in cells]
    return min(options, key=lambda o: (o[0].status != "ok", abs(o[0].difference)))


def narrative_figures(doc: Document) -> Iterator[Fact]:
    """Each amount the prose states about a table quantity equals that quantity.

    收入预算 and 支出预算 (T1 总计) and their numbered components (each fund line of T1,
    基本支出, 人员支出, 公用支出, 项目支出, 非财政拨款支出), the 一般公共预算 total (T5), the
    政府性基金 statement (T8), each 三公 figure (T7), the 市对区转移支付 total (T9), the amounts
    of 五、部分项目情况说明 (that project's T11 预算资金 or 财政拨款数) and the 一级项目 total
    (Σ T11 财政拨款数).  Where the template allows two readings (基本支出 fiscal only or
    all), equal to either is right.  A figure with no table counterpart is not checked.

    Fails: ``1. 基本支出15,635.19万元`` while T5 基本支出 is 15,653.19.
    Passes: ``1. 基本支出15,653.19万元``.
    """
    for s, f, name, comparison, best in matches(doc):
        yield from compared(comparison, said(doc, s, name, f.start), f"{name} {f.text} = {best.location.table} "
                            f"{best.location.row} {best.location.column}".strip(),
                            f"正文{name}{f.text}应与{best.location.table}表一致", [best.location])


def matches(doc: Document):
    """Every (sentence, figure, quantity, comparison, table cell) the prose is checked on."""
    year = document_year(doc)
    previous: Sentence | None = None
    for s in claims_of(doc).sentences:
        figs = s.figs
        lead = previous.text if previous is not None and previous.paragraph is s.paragraph and lead_in(previous) else ""
        previous = s
        for f in figs:
            if f.kind != "money" or f.approx:
                continue
            found = resolve(doc, label_of(s, f), s.paragraph.headings, lead, s.text[:f.start], year)
            if found is None or not found[1]:
                continue
            name, cells = found
            comparison, best = _best(f.amount, cells)
            yield s, f, name, comparison, best


def document_year(doc: Document) -> str | None:
    """The year the budget is for: the one its table titles name most (else its text)."""
    years = Counter(m for t in doc.tables if t.role for m in re.findall(r"(20\d\d)\s*年", t.title))
    return years.most_common(1)[0][0] if years else year_of(doc)


def lead_in(s: Sentence) -> bool:
    """A short sentence without figures that names what follows: ``（一）因公出国（境）费用。``"""
    return not s.figs and len(s.text.strip()) <= 24 and s.text.rstrip().endswith(("。", "：", ":"))


SUBJECT = re.compile(
    r"[“\"]?(?P<cls>[\u4e00-\u9fa5、]+?)[（(]类[)）](?P<kuan>[^（()）]+?)[（(]款[)）](?P<item>[^（()）]+?)[（(]项[)）][”\"]?"
    r"(?:科目)?\s*(?P<num>\d[\d,]*(?:\.\d+)?万元)"
    r"|[“\"](?P<cls2>[^”\"\-－]+)[-－](?P<kuan2>[^”\"\-－]+)[-－](?P<item2>[^”\"\-－]+)[”\"]科目\s*(?P<num2>\d[\d,]*(?:\.\d+)?万元)"
)


_SUBJECTS: dict[int, tuple[Document, list]] = {}


def _subjects(doc: Document) -> list[tuple[Sentence, re.Match, Row | None, Table]]:
    """The enumerated subjects of the prose with their T5 rows (kept for the last document:
    two rules read them)."""
    hit = _SUBJECTS.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    found = _find_subjects(doc)
    _SUBJECTS.clear()
    _SUBJECTS[id(doc)] = (doc, found)
    return found


def _find_subjects(doc: Document) -> list[tuple[Sentence, re.Match, Row | None, Table]]:
    t5 = doc.table("T5")
    if t5 is None:
        return []
    by_code = {r.code.text: r for r in t5.rows if r.code is not None}
    names = {}
    for r in t5.rows:
        if r.code is not None and r.code.level == 3:
            kuan = by_code.get(r.code.text[:5])
            cls = by_code.get(r.code.text[:3])
            names[(normalise_name(cls.label) if cls else "", normalise_name(kuan.label) if kuan else "", normalise_name(r.label))] = r
    found = []
    for s in claims_of(doc).sentences:
        if "类" not in s.text and "科目" not in s.text:
            continue
        for m in SUBJECT.finditer(s.text):
            key = tuple(normalise_name(m.group(g) or m.group(g + "2") or "") for g in ("cls", "kuan", "item"))
            row = names.get(key) or _unique([r for k, r in names.items() if k[1:] == key[1:]]) \
                or _unique([r for k, r in names.items() if k[2] == key[2]])
            found.append((s, m, row, t5))
    return found


def _unique(rows: list[Row]) -> Row | None:
    return rows[0] if len(rows) == 1 else None


def narrative_subjects(doc: Document) -> Iterator[Fact]:
    """Each enumerated subject ``X（类）Y（款）Z（项）N万元`` equals T5 合计 of that 项.

    Also written ``“X（类）Y（款）Z（项）”科目N万元`` or ``“X-Y-Z”科目N万元``.  The row is found
    by its names (类, 款 and 项, then 款 and 项, then the 项 alone when unique); a subject
    whose names match no T5 row is a warning (renamed or mistyped: its amount is unchecked).

    Fails: ``4. 社会保障和就业支出（类）人力资源和社会保障管理事务（款）劳动保障监察（项）1,703.50万元``
    while T5 2080105 is 1,730.50.  Passes: the same paragraph with 1,730.50万元.
    """
    for s, m, row, t5 in _subjects(doc):
        text = m.group("num") or m.group("num2")
        loc = said(doc, s, "类/款/项", m.start())
        if row is None:  # a renamed or mistyped subject: its amount cannot be compared
            yield Fact(UNDECIDED, loc, f"no T5 row is named {m.group(0)[:-len(text)]}; its amount was not checked",
                       f"T5表中没有名为{m.group(0)[:-len(text)]}的科目，金额未核对")
            continue
        total = t5.column("total")
        stated = figures(text)[0].amount  # compared in the prose's unit: 938.99万元 against 9,389,913元
        yield from compared(compare_equal(stated, row.amounts[total].to(stated.unit)), loc,  # type: ignore[arg-type,index,union-attr]
                            f"{row.name} {row.label} {text} = T5 合计", f"{row.name}{row.label}应与T5表一致",
                            [where(doc, t5, row, total)])


def subjects_omitted(doc: Document) -> Iterator[Fact]:
    """Every 项 of T5 with a non-zero 合计 is enumerated in the prose.

    Only checked when the prose enumerates subjects at all (budget narratives list
    every 项 of the 一般公共预算 spending; a missing one is usually a dropped paragraph).

    Fails: T5 2159999 其他资源勘探工业信息等支出 33.00 with no paragraph for it.
    Passes: ``33. 资源勘探工业信息等支出（类）…（项）33.00万元`` present.
    """
    found = _subjects(doc)
    t5 = doc.table("T5")
    if not found or t5 is None:
        return
    named = {id(row) for _, _, row, _ in found if row is not None}
    total = t5.column("total")
    for row in t5.body:
        if row.code is None or row.code.level != 3 or id(row) in named or total is None:
            continue
        amount = row.amounts[total]
        if amount is not None and amount.value != 0:
            yield Fact(UNDECIDED, where(doc, t5, row, total),
                       f"{row.name} {row.label} ({amount.text}) is not described in the prose",
                       f"{row.name}{row.label}（{amount.text}）在正文中没有说明")


def narrative_counts(doc: Document) -> Iterator[Fact]:
    """The number of 一级项目 the prose states equals the number of T11 project tables.

    Fails: ``实行绩效目标管理的一级项目11个`` with ten 一级项目绩效目标表.  Passes: ``…10个``.
    """
    tables = doc.tables_of("T11")
    if not tables:
        return
    for c in claims_of(doc).counts:
        yield from compared(compare_equal(c.figure.amount, Amount(Decimal(len(tables)), Decimal(0), c.figure.amount.unit)),
                            said(doc, c.sentence, "一级项目", c.figure.start), f"{c.what} count = number of T11 tables",
                            f"{c.what}个数应等于一级项目绩效目标表的张数", [where(doc, tables[0])])
