"""``budgetcheck diff OLD NEW``: what changed between two years, and whether the changes
the newer document states are true.

The result is data (rows, checked claims, findings); reporters render it.  The diff
sits above the application layer (it finds a year's documents through the
configuration) and below the reporters and the command line.  Rules are
not involved except for stamping the findings of contradicted claims, so that they
look exactly like verify's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from budgetcheck.engine import Settings, stamp
from budgetcheck.core.model import Document, Finding
from budgetcheck.readers import read_document
from budgetcheck.diff.align import ROLES, Change, compare
from budgetcheck.diff.stated import Checked, check_stated, facts

__all__ = ["Diff", "Options", "diff_documents", "read_year"]


@dataclass(frozen=True)
class Options:
    level: str = ""  # 类 | 款 | 项: keep rows of that level only
    table: str = ""  # T5 …: one table role only (default: DEFAULT_TABLES)
    top: int = 0  # the N largest changes
    min_change: str = "0"  # hide changes smaller than this (万元)


#: Without --table, the tables that between them show every subject once: spending by
#: function (T3, fiscal and non-fiscal), by economic class (T6), 三公, transfers, projects.
DEFAULT_TABLES = ("T3", "T6", "T7", "T9", "T11")
#: A budget against its final accounts: all funds and 一般公共预算 by function, 三公.
EXECUTION_TABLES = ("T3", "T5", "T7")
EXECUTION_SPLIT = {"T3": ("basic", "project"), "T5": ("basic", "project")}
SPLIT = {"T3": ("fiscal.basic", "fiscal.project"), "T5": ("basic", "project"), "T8": ("basic", "project"),
         "T8b": ("basic", "project")}


@dataclass(frozen=True)
class Row:
    """One subject of one table in both years: 合计, and the basic/project split."""

    total: Change
    basic: Change | None = None
    project: Change | None = None


@dataclass
class Diff:
    old: Document
    new: Document
    changes: list[Change] = field(default_factory=list)
    checked: list[Checked] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    mode: str = "years"  # years: two years' documents; execution: a budget against its final accounts

    @property
    def exit_code(self) -> int:
        return 1 if any(f.severity == "error" for f in self.findings) else 0

    def rows(self, options: Options) -> list[Row]:
        """Changed subjects, largest change of 合计 first, filtered as asked."""
        from decimal import Decimal

        levels = {"类": 1, "款": 2, "项": 3}
        roles = (options.table,) if options.table else (EXECUTION_TABLES if self.mode == "execution" else DEFAULT_TABLES)
        by_key = {(c.role, c.key, c.column): c for c in self.changes}
        main = {c.role: c.column for c in reversed(self.changes)}
        picked = []
        for c in self.changes:
            if c.column != main[c.role] or c.role not in roles:
                continue
            split = EXECUTION_SPLIT if self.mode == "execution" else SPLIT
            basic, project = (by_key.get((c.role, c.key, k)) for k in split.get(c.role, ("", "")))
            moved = any(x is not None and x.delta != 0 for x in (c, basic, project))
            if (moved and (not options.level or c.level == levels.get(options.level, -1))
                    and abs(c.delta) >= Decimal(options.min_change)):
                picked.append(Row(c, basic, project))
        picked.sort(key=lambda r: (-abs(r.total.delta), r.total.role, r.total.key))
        return picked[: options.top] if options.top else picked

    def by_status(self, status: str) -> list[Change]:
        main = {c.role: c.column for c in reversed(self.changes)}
        return [c for c in self.changes if c.column == main[c.role] and c.status == status]


def read_year(paths: list[Path]) -> Document:
    """One document from one or more files (a narrative and its annex workbook)."""
    from dataclasses import replace

    from budgetcheck.readers.kind import document_kind

    docs = [read_document(p) for p in paths]
    if len(docs) == 1:
        return docs[0]
    lines = next((d.lines for d in docs if d.lines), ())
    tables = tuple(t for d in docs for t in d.tables)
    doc = Document(docs[0].path, tables, lines, docs[0].encoding, docs[0].kind)
    return replace(doc, category=document_kind(doc))


def diff_documents(old: Document, new: Document, settings: Settings | None = None) -> Diff:
    """Two years of one kind (budgets, or final accounts), or a budget and its final
    accounts (in either order: the budget is the ``old`` side)."""
    from budgetcheck.core.errors import UsageError
    from budgetcheck.rules import REGISTRY
    from budgetcheck.diff.execution import carry_continuity, execution_changes, stated_budget, year_of

    settings = settings or Settings()
    if old.category == "final" and new.category == "budget":
        old, new = new, old
    if old.category == "budget" and new.category == "final":
        if year_of(old) and year_of(new) and year_of(old) != year_of(new):
            raise UsageError(f"{old.path} is the {year_of(old)} budget and {new.path} the {year_of(new)} final accounts: "
                             "a budget is compared with the final accounts of its own year")
        result = Diff(old, new, mode="execution")
        result.changes = execution_changes(old, new)
        result.findings = [stamp(REGISTRY["BC302"], fact, settings) for fact in stated_budget(old, new)]
        return result
    result = Diff(old, new)
    for role in ROLES:
        result.changes.extend(compare(old, new, role))
    result.checked = check_stated(old, new)
    rule = REGISTRY["BC301"]
    result.findings = [stamp(rule, fact, settings) for fact in facts(new, result.checked)]
    if old.category == "final" and new.category == "final":
        a, b = year_of(old), year_of(new)
        if a and b and int(b) == int(a) + 1:
            result.findings += [stamp(REGISTRY["BC303"], fact, settings) for fact in carry_continuity(old, new)]
    return result
