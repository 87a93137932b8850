"""``budgetcheck diff OLD NEW``: what changed between two years, and whether the changes
the newer document states are true.

The result is data (rows, checked claims, findings); reporters render it.  Rules are
not involved except for stamping the findings of contradicted claims, so that they
look exactly like verify's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..engine import Settings, stamp
from ..model import Document, Finding
from ..readers import read_document
from .align import ROLES, Change, compare
from .stated import Checked, check_stated, facts

__all__ = ["Diff", "Options", "diff_documents", "read_year"]


@dataclass(frozen=True)
class Options:
    level: str = ""  # 类 | 款 | 项: keep rows of that level only
    table: str = ""  # T5 …: one table role only
    top: int = 0  # the N largest changes
    min_change: str = "0"  # hide changes smaller than this (万元)


@dataclass
class Diff:
    old: Document
    new: Document
    changes: list[Change] = field(default_factory=list)
    checked: list[Checked] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if any(f.severity == "error" for f in self.findings) else 0

    def rows(self, options: Options) -> list[Change]:
        """Changed rows (main column of each table), largest change first, filtered."""
        from decimal import Decimal

        levels = {"类": 1, "款": 2, "项": 3}
        main = {c.role: c.column for c in reversed(self.changes)}
        picked = [c for c in self.changes if c.column == main[c.role] and c.delta != 0
                  and (not options.table or c.role == options.table)
                  and (not options.level or c.level == levels.get(options.level, -1))
                  and abs(c.delta) >= Decimal(options.min_change)]
        picked.sort(key=lambda c: (-abs(c.delta), c.role, c.key))
        return picked[: options.top] if options.top else picked

    def by_status(self, status: str) -> list[Change]:
        main = {c.role: c.column for c in reversed(self.changes)}
        return [c for c in self.changes if c.column == main[c.role] and c.status == status]


def read_year(paths: list[Path]) -> Document:
    """One budget from one or more files (a narrative and its annex workbook)."""
    docs = [read_document(p) for p in paths]
    if len(docs) == 1:
        return docs[0]
    lines = next((d.lines for d in docs if d.lines), ())
    tables = tuple(t for d in docs for t in d.tables)
    return Document(docs[0].path, tables, lines, docs[0].encoding, docs[0].kind)


def diff_documents(old: Document, new: Document, settings: Settings | None = None) -> Diff:
    from ..rules import REGISTRY

    result = Diff(old, new)
    for role in ROLES:
        result.changes.extend(compare(old, new, role))
    result.checked = check_stated(old, new)
    rule = REGISTRY["BC301"]
    result.findings = [stamp(rule, fact, settings or Settings()) for fact in facts(new, result.checked)]
    return result
