"""Which table quantity a figure of the prose talks about.

The narrative names quantities in set phrases (``收入预算为X``, ``基本支出X``,
``公务接待费X``, ``拟安排该项目一般公共预算X``); each phrase maps to one or more cells of
the tables.  Several cells are candidates where the template is loose (``基本支出`` may
be the fiscal basic expenditure of T3 or all of it): the prose agrees when it equals
any of them.  A phrase with no table counterpart is not checked.
"""

from __future__ import annotations

import re
from typing import Callable

from ..arith import total_of
from ..catalogue import normalise_name, strip_enumerator
from ..model import Document, Row, Table
from ..schema import fund_key
from .base import where
from .lookup import Cell, cell, one, sangong, side_rows

Resolver = Callable[[Document, str, tuple[str, ...]], list[Cell]]


def _t1(doc: Document, side: str, kind: str) -> list[Cell]:
    t1 = doc.table("T1")
    row = one(t1, side, kind) if t1 else None
    return [Cell(row.amounts[0], where(doc, t1, row, 0))] if row is not None and t1 is not None else []  # type: ignore[arg-type]


def _total(doc: Document, role: str, key: str) -> list[Cell]:
    table = doc.table(role)
    if table is None:
        return []
    row = table.total_row or (table.rows[0] if role == "T7" and table.rows else None)
    found = cell(doc, table, row, key)
    return [found] if found else []


def _sum(doc: Document, cells: list[Cell]) -> list[Cell]:
    """Several cells read as one figure (their sum, with their rounding added up)."""
    if not cells:
        return []
    return [Cell(total_of([c.amount for c in cells], cells[0].amount.unit), cells[0].location)]


def _income_items(doc: Document, funds: tuple[str, ...]) -> list[Cell]:
    t1 = doc.table("T1")
    if t1 is None:
        return []
    rows = [r for r in side_rows(t1, "income", "item") if fund_key(r.label) in funds]
    return [Cell(r.amounts[0], where(doc, t1, r, 0)) for r in rows]  # type: ignore[arg-type]


def _fund(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    key = fund_key(label)
    return _income_items(doc, (key,)) if key else []


def _alternatives(*pairs: tuple[str, tuple[str, ...]]) -> Resolver:
    """Candidates: for each (role, keys) the cell or the sum of the cells."""
    def resolve(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
        out: list[Cell] = []
        for role, keys in pairs:
            cells = [c for k in keys for c in _total(doc, role, k)]
            out.extend(cells if len(keys) == 1 else (_sum(doc, cells) if len(cells) == len(keys) else []))
        return out
    return resolve


def _t7(key: str) -> Resolver:
    def resolve(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
        found = sangong(doc, doc.table("T7"), key)
        return [found] if found else []
    return resolve


PROJECT_HEADING = re.compile(r"^(.+?)(?:项目)?(?:情况|概况)$")


def _project(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    """``拟安排该项目…X`` under a heading ``(一) 创业担保贷款贴息项目情况``: that project's T11."""
    for heading in reversed(headings):
        m = PROJECT_HEADING.match(strip_enumerator(heading))
        if not m:
            continue
        name = normalise_name(m.group(1))
        out = []
        for table in doc.tables_of("T11"):
            for row in table.rows:
                if normalise_name(row.label) in (name, name + "项目") or normalise_name(row.label).rstrip("项目") == name:
                    out.extend(Cell(a, where(doc, table, row, i)) for i, a in enumerate(row.amounts) if a is not None)
        return out
    return []


def _fiscal_spending(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    """财政拨款支出: T4's 支出总计, or T3's 财政拨款 合计."""
    t4 = doc.table("T4")
    row = one(t4, "expenditure", "grand_total") if t4 else None
    out = [Cell(row.amounts[0], where(doc, t4, row, 0))] if row is not None and t4 is not None else []  # type: ignore[arg-type]
    return out + _total(doc, "T3", "fiscal")


def _projects_fiscal(doc: Document, label: str, headings: tuple[str, ...]) -> list[Cell]:
    cells = []
    for t in doc.tables_of("T11"):
        col = t.column("fiscal") if t.column("fiscal") is not None else t.column("budget")
        cells += [Cell(r.amounts[col], where(doc, t, r, col)) for r in t.rows
                  if col is not None and r.amounts[col] is not None]
    return _sum(doc, cells)  # type: ignore[arg-type]


QUANTITIES: tuple[tuple[str, re.Pattern[str], Resolver], ...] = tuple(
    (name, re.compile(pattern), resolver)
    for name, pattern, resolver in (
        ("收入预算", r"收入预算(?:总额|总计|数)?$", lambda d, l, h: _t1(d, "income", "grand_total")),
        ("一般公共预算支出", r"一般公共预算(?:财政)?(?:拨款)?支出(?:预算)?$", _alternatives(("T5", ("total",)))),
        ("政府性基金支出", r"政府性基金(?:预算)?(?:财政)?(?:拨款)?支出(?:预算)?$", _alternatives(("T8", ("total",)))),
        ("国有资本经营预算支出", r"国有资本经营预算(?:财政)?(?:拨款)?支出(?:预算)?$", _alternatives(("T8b", ("total",)))),
        ("财政拨款支出", r"(?<!非)财政拨款支出(?:预算)?$", _fiscal_spending),
        ("支出预算", r"(?<!拨款)支出预算(?:总额|总计|数)?$", lambda d, l, h: _t1(d, "expenditure", "grand_total")),
        ("财政拨款收入", r"(?<!非)财政拨款收入$", lambda d, l, h: _sum(d, _income_items(d, ("gpb", "gov_fund", "soe")))),
        ("收入项目", r"(一般公共预算拨款|政府性基金(?:预算)?拨款|国有资本经营预算拨款|财政专户管理资金|事业|事业单位经营|"
                    r"上级补助|附属单位上缴|其他)收入$", _fund),
        ("上年结转结余", r"上年结转(?:结余)?$", lambda d, l, h: _t1(d, "income", "carry")),
        ("基本支出", r"(?<!非财政拨款)基本支出$", _alternatives(("T3", ("fiscal.basic",)), ("T3", ("fiscal.basic", "nonfiscal.basic")),
                                                  ("T5", ("basic",)))),
        ("人员支出", r"人员(?:支出|经费)$", _alternatives(("T5", ("personnel",)), ("T6", ("personnel",)))),
        ("公用支出", r"公用(?:支出|经费)$", _alternatives(("T5", ("public",)), ("T6", ("public",)))),
        ("项目支出", r"(?<!非财政拨款)项目支出$", _alternatives(("T3", ("fiscal.project",)),
                                                  ("T3", ("fiscal.project", "nonfiscal.project")), ("T5", ("project",)))),
        ("非财政拨款支出", r"非财政拨款支出$", _alternatives(("T3", ("nonfiscal",)))),
        ("市对区转移支付", r"转移支付(?:项目)?(?:预算)?$", _alternatives(("T9", ("amount",)))),
        ("三公经费", r"三公”?经费(?:财政拨款)?(?:预算数|预算)?$", _t7("sangong")),
        ("因公出国（境）费", r"因公出国[（(]境[)）](?:经)?费(?:用)?$", _t7("abroad")),
        ("公务接待费", r"公务接待费$", _t7("reception")),
        ("公务用车购置及运行费", r"公务用车购置及运行(?:维护)?费$", _t7("car")),
        ("公务用车运行费", r"公务用车运行(?:维护)?费$", _t7("car.running")),
        ("公务用车购置费", r"公务用车购置费$", _t7("car.purchase")),
        ("项目预算", r"(?:拟安排该项目|该项目拟安排|该项目安排)(?:一般公共预算|预算|财政拨款)?$", _project),
        ("一级项目财政拨款", r"涉及一般公共预算(?:财政)?拨款$", _projects_fiscal),
    )
)

_TRAILING = re.compile(r"(?:为|是|达|共计|合计|总额为|预算安排|安排)$")
_LEADING = re.compile(r"^(?:\d{4}年度?|其中|共)")


def normalise_label(label: str, headings: tuple[str, ...]) -> str:
    """The phrase before a figure, without years, verbs and enumerators; a bare
    ``2023年预算安排`` takes its meaning from the heading above (``(二) 公务接待费``)."""
    text = strip_enumerator(re.sub(r"[\s“”\"]", "", label)).replace("“", "")
    for _ in range(3):
        text = _TRAILING.sub("", _LEADING.sub("", text))
    if not text and headings:
        return strip_enumerator(headings[-1])
    return text


def resolve(doc: Document, label: str, headings: tuple[str, ...]) -> tuple[str, list[Cell]] | None:
    """(quantity name, candidate cells) for a figure's phrase, or None when unknown."""
    text = normalise_label(label, headings)
    for name, pattern, resolver in QUANTITIES:
        if pattern.search(text):
            return name, resolver(doc, text, headings)
    return None


__all__ = ["resolve", "normalise_label", "Row", "Table"]
