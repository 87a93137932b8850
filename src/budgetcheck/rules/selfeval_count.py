"""How many projects' self-evaluations a 决算 says it reports, against the forms it prints.

Why: the 说明 of a final account states ``本部门在部门决算中反映…等N个一级项目的绩效自评
结果`` (often twice: in the summary of the performance section and before the list of
results), and the document then prints those projects' 绩效自评表.  Two statements with
different N contradict each other; a statement that disagrees with the forms printed
means a form is missing or the count is wrong.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from budgetcheck.core.model import Amount, Document, Table
from budgetcheck.core.rounding import UNDECIDED, compare_equal
from budgetcheck.rules.arguments import said
from budgetcheck.rules.base import Fact, compared, rule, where
from budgetcheck.rules.context import Context
from budgetcheck.templates import squeeze

#: ``（在部门决算中）反映（了）…（等）N个（一级）项目（的）绩效自评结果``
REPORTED = re.compile(r"(?:反映|公开)了?[^。；;]{0,120}?(?<![\d.])(?P<n>\d+)\s*个\s*(?:一级|二级)?项目(?:的)?\s*绩效自评结果")
_PROJECT_FORM = re.compile(r"项目(?:支出)?绩效自评表$")


def project_forms(doc: Document) -> list[Table]:
    """The project self-evaluation forms the document prints: 绩效自评表 titled for a
    project (not the department's 整体 form, not a 专项资金 form), one per form (a page
    that continues a form has no funds lines of its own)."""
    out = []
    for t in doc.tables_of("FSE"):
        title = squeeze(t.title)
        if _PROJECT_FORM.search(title) and "整体" not in title and t.total_row is not None:
            out.append(t)
    return out


@rule("BC205", "selfeval-count", "error", "narrative")
def selfeval_count(doc: Document, ctx: Context) -> Iterator[Fact]:
    """The number of projects whose self-evaluation the 说明 says the 决算 reports is the
    number of project self-evaluation forms it prints.

    ``本部门在部门决算中反映…等87个一级项目的绩效自评结果``: when the document prints project
    绩效自评表, each such statement must give their number.  A statement that contradicts
    another statement of the document and the forms is an error; one that only disagrees
    with the forms (a form may be missing, or not have been read) is a warning, and so
    are two statements that disagree when the document prints no forms to tell which
    is right.
    """
    stated = []
    for s in ctx.claims.sentences:
        for m in REPORTED.finditer(s.text):
            fig = next((f for f in s.figs if f.start == m.start("n") and f.kind == "count"), None)
            if fig is not None and not fig.approx:
                stated.append((s, fig))
    if not stated:
        return
    forms = project_forms(doc)
    numbers = {int(f.amount.value) for _, f in stated}
    for s, fig in stated:
        n = int(fig.amount.value)
        loc = said(doc, s, "项目个数", fig.start)
        if forms:
            count = Amount(Decimal(len(forms)), Decimal(0), fig.amount.unit)
            if n != len(forms) and len(forms) not in numbers:
                yield Fact(UNDECIDED, loc,
                           f"the 说明 says the 决算 reports {n} projects' self-evaluations; it prints {len(forms)} "
                           "project self-evaluation forms: a form may be missing or was not read",
                           f"说明称部门决算反映{n}个项目的绩效自评结果，文中有{len(forms)}张项目绩效自评表："
                           "可能缺少自评表，或有自评表未被识别", related=(where(doc, forms[0]),))
                continue
            yield from compared(compare_equal(fig.amount, count), loc,
                                f"{n} projects = the {len(forms)} project self-evaluation forms printed, "
                                "as the document's other statement says",
                                f"项目个数{n}应等于文中{len(forms)}张项目绩效自评表（与本文另一处表述一致）",
                                [where(doc, forms[0])])
        elif len(numbers) > 1 and n != int(stated[0][1].amount.value):
            first = stated[0][1]
            yield Fact(UNDECIDED, loc,
                       f"the 说明 says {n} projects here and {first.text} before; no self-evaluation form is "
                       "printed to tell which is right",
                       f"说明此处称{n}个项目，前文称{first.text}；文中没有项目绩效自评表可资核对")
