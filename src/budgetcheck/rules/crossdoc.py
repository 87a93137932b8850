"""The same figure stated in two documents of one department and year must agree.

A work report and the yearbook both say how many labour disputes were handled; the
budget narrative and its annex tables are checked elsewhere.  Figures are paired only
when the words before them are the same phrase (after dropping time and place words
such as 全年, 全市, 共, 累计): a conservative match, because two different quantities
that share a short phrase must not be called inconsistent.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN
from typing import Iterator

from budgetcheck.core.rounding import ROUNDING, VIOLATION, compare_equal
from budgetcheck.claims import claims_of
from budgetcheck.claims.extract import Sentence, label_of
from budgetcheck.claims.figures import Figure
from budgetcheck.core.model import Document
from budgetcheck.rules.arguments import said
from budgetcheck.rules.years import year_of
from budgetcheck.rules.base import UNDECIDED, compared, declare, Fact, VIOLATION as V

QUALIFIERS = re.compile(r"^(?:全年|全市|全县|全省|年内|今年|上半年|下半年|截至[^，,]{0,8}?[日底末]|至\d{4}年[末底]|"
                        r"共|累计|合计|总计|已|其中|全部|共计)")
MIN_KEY = 5


def key_of(s: Sentence, f: Figure) -> str | None:
    text = re.sub(r"[\s“”\"‘’（）()《》]", "", label_of(s, f))
    for _ in range(4):
        text = QUALIFIERS.sub("", text)
    return text if len(text) >= MIN_KEY else None


def stated(doc: Document) -> dict[tuple[str, str], list[tuple[Sentence, Figure]]]:
    found: dict[tuple[str, str], list[tuple[Sentence, Figure]]] = {}
    for s in claims_of(doc).sentences:
        for f in s.figs:
            if f.kind not in ("money", "count") or f.approx:
                continue
            key = key_of(s, f)
            if key:
                measure = "money" if f.kind == "money" else f.amount.unit
                found.setdefault((key, measure), []).append((s, f))
    return found


def _truncated(coarse: Figure, fine: Figure) -> bool:
    """Would ``coarse`` be ``fine`` cut (not rounded) to coarse's precision?"""
    value = fine.amount.to(coarse.amount.unit).value if coarse.kind == "money" else fine.amount.value
    q = coarse.amount.quantum
    return q != 0 and (value / q).to_integral_value(rounding=ROUND_DOWN) * q == coarse.amount.value


def cross_figures(docs: list[Document]) -> Iterator[tuple[int, Fact]]:
    """Pairs of documents: for each phrase both state with one figure each, the figures agree.

    Runs with ``budgetcheck verify A B --cross``; the finding is given to the later
    document, with the earlier one as related.  A figure that agrees only if the other
    was truncated instead of rounded (2.56万件 against 25,683件) is a warning.  Documents
    about different years (the year each names most often) are not compared.
    """
    tables = [stated(d) for d in docs]
    years = [year_of(d) for d in docs]
    for j in range(1, len(docs)):
        for i in range(j):
            if years[i] and years[j] and years[i] != years[j]:
                continue  # documents of different years state different figures
            for key, uses in tables[j].items():
                other = tables[i].get(key)
                if not other or len(other) != 1 or len(uses) != 1:
                    continue  # a phrase stated several times in one document is not one quantity
                (s, f), (s0, f0) = uses[0], other[0]
                comparison = compare_equal(f.amount, f0.amount.to(f.amount.unit))
                where_, there = said(docs[j], s, "cross-document", f.start), said(docs[i], s0, "cross-document", f0.start)
                if comparison.status == VIOLATION:
                    coarse, fine = (f, f0) if f.amount.quantum >= f0.amount.quantum else (f0, f)
                    if _truncated(coarse, fine):
                        yield j, Fact(UNDECIDED, where_,
                                      f"{f.text} here, {f0.text} in {docs[i].path}: the same only if {coarse.text} was "
                                      f"truncated rather than rounded", f"此处为{f.text}，{docs[i].path}中为{f0.text}："
                                      f"仅在{coarse.text}系截断而非四舍五入时一致", comparison, (there,))
                        continue
                if comparison.status in (VIOLATION, ROUNDING):
                    for fact in compared(comparison, where_, f"{key[0]} {f.text} = {f0.text} in {docs[i].path}",
                                         f"{key[0]}{f.text}应与{docs[i].path}中的{f0.text}一致", [there]):
                        yield j, fact


CROSS_DOCUMENT = declare("BC214", "cross-document", "error", "narrative", scope="pair", doc="""The same figure stated in two documents of one department and year agrees.

    Checked across the files of one run with ``--cross`` (see ``cross_figures``): a phrase
    such as 共处理劳动人事争议案件 stated once in each document must carry the same figure.
    Alone, a document has nothing to compare with, so this check yields nothing.
    """)


__all__ = ["CROSS_DOCUMENT", "cross_figures", "V"]


STATED_CHANGE = declare("BC301", "stated-change", "error", "diff", scope="pair", doc="""A change the newer document states agrees with the older document.

    Checked by ``budgetcheck diff OLD NEW``: each ``比上年增加D，增长P%``, ``下降P%`` or
    ``与上年一致`` of the newer narrative is compared with the same quantity in the older
    document (the table cell its phrase names, or the same phrase in the older prose),
    with the rounding intervals of both years' figures.  Alone, a document has nothing
    to compare with, so this check yields nothing in ``verify``.
    """)


STATED_BUDGET = declare("BC302", "stated-budget", "error", "diff", scope="pair", doc="""Every 年初预算数 a final account (决算) states equals its year's budget (部门预算).

    Checked by ``budgetcheck diff BUDGET FINAL`` (the budget and the final accounts of
    one year): the 三公 table's 预算数 (合计, 因公出国（境）费, 公务用车购置及运行维护费
    and its parts, 公务接待费) against the budget's 三公 table, and each ``年初预算为A``
    of the 说明 against the budget's figure for its subject (a 类/款/项 of 一般公共预算
    支出, or the quantity its words name: 财政拨款支出, “三公”经费 …), and each
    绩效自评表's 年初预算数 (年度资金总额 and 其中：财政拨款) against the budget's
    项目支出绩效目标表 of the same project (预算资金, 其中：财政拨款数).  A subject or a
    project the budget has no figure for (or names twice) is not checked.  Alone, a
    document yields nothing here.
    """)


CARRY_CONTINUITY = declare("BC303", "carry-continuity", "error", "diff", scope="pair", doc="""This year's 年初结转和结余 is last year's 年末结转和结余.

    Checked by ``budgetcheck diff`` on the final accounts of two consecutive years: the
    收入支出决算总表 line, and the 财政拨款 one of 财政拨款收入支出决算总表.  Alone, a
    document yields nothing here.
    """)
