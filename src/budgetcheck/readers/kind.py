"""What a document is: a budget (预算), final accounts (决算), a report, or neither.

Why it matters: the tables of final accounts share names with a budget's (the 三公
table, 财政拨款收支…) but not their meaning, and a checker that reads a 决算 as a budget
reports false errors, or, worse, checks nearly nothing and says "0 errors".  The kind
is read from what the document says it is (its cover, 目录 and table titles), never
from its file name.
"""

from __future__ import annotations

import re

from budgetcheck.core.model import Document

KINDS = ("budget", "final", "report", "other")
_FINAL = re.compile(r"决算(?:总)?表|部门决算|单位决算|年度决算")
_BUDGET = re.compile(r"部门预算|单位预算|综合预算|预算(?:总)?表|预算公开|预算情况说明|预算说明")


def document_kind(doc: Document, has_claims: bool = False) -> str:
    """budget, final, report (prose with figures, no budget tables) or other."""
    head = [line for line in doc.lines[:80] if line.strip()]
    titles = [t.title for t in doc.tables]
    final = sum(bool(_FINAL.search(re.sub(r"\s+", "", t))) for t in [*head, *titles])
    budget = sum(bool(_BUDGET.search(re.sub(r"\s+", "", t))) for t in [*head, *titles])
    if final and final >= budget:
        return "final"
    if budget or any(t.role for t in doc.tables):
        return "budget"
    return "report" if has_claims else "other"
