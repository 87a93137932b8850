"""The year a document is about, for the rules that compare years.

Its own module because the prose rules, the cross-document rules and the diff all
need it, and none of them should import another for it (that made an import cycle).
"""

from __future__ import annotations

import re
from collections import Counter

from budgetcheck.core.model import Document

YEAR = re.compile(r"(20\d\d)\s*年")


def year_of(doc: Document) -> str | None:
    """The year a document is about: the year it names most often."""
    years = Counter(YEAR.findall("\n".join(doc.lines)))
    return years.most_common(1)[0][0] if years else None


def document_year(doc: Document) -> str | None:
    """The year the budget is for: the one its table titles name most (else its text)."""
    years = Counter(m for t in doc.tables if t.role for m in YEAR.findall(t.title))
    return years.most_common(1)[0][0] if years else year_of(doc)
