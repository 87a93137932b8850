"""What the annex tables are: their roles, title recognition and row identities.

Shared by readers (to recognise a table and to realign rows whose empty cells were
lost) and by rules (to check the identities).  The words live in the template data
(``templates/``); this module keeps the structure: which roles are coded grids, which
are two-sided overviews, and how a header's tree gives the sums every row must hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetcheck.core.catalogue import strip_enumerator
from budgetcheck.core.model import Column
from budgetcheck.templates import Template, load, squeeze


def _national() -> Template:
    return load("national")


#: Roles read as grids of rows (by code or name) and checked for row, tree and 合计 sums.
GRID_ROLES = frozenset({"T2", "T3", "T5", "T6", "T7", "T8", "T8b", "T9",
                        "T5x", "T5b", "T6p", "T5f", "T6f", "TBU", "TPJ", "TGP", "TGS", "TAR", "TCO", "TMD", "TTD",
                        "F2", "F3", "F5", "F6", "F7", "F8", "F9", "FFD", "FPR", "FSD", "FSE"})
OVERVIEW_ROLES = frozenset({"T1", "T4", "F1", "F4"})
#: The core tables of final accounts (公开01–09表).
FINAL_CORE = ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9")
#: Roles of which a document has one table; a second table taking the role is a misreading.
SINGLE_ROLES = frozenset({"T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T8b", "T10"})
#: How a table's readings say that reading it failed (rules/understanding.py reports it).
FAILED = "internal error while reading this table"
#: The national nine (T8b counts with T8): what a budget is expected to publish.
CORE_ROLES = ("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8")


def _role_names() -> dict[str, str]:
    return {s.role: s.name for s in _national().tables}


ROLE_NAMES: dict[str, str] = _role_names()


def recognise_title(line: str, template: Template | None = None) -> str | None:
    """The role of a table title line, or None when the line is not a title."""
    spec = (template or _national()).recognise(line)
    return spec.role if spec else None


@dataclass(frozen=True, slots=True)
class Identity:
    """``columns[total] = Σ columns[parts] − Σ columns[minus]`` within one row."""

    total: int
    parts: tuple[int, ...]
    minus: tuple[int, ...] = ()  # 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出


_SUBTOTAL = re.compile(r"小计$|合计$|总计$|总额$")


def _memo(col: Column, template: Template) -> bool:
    memo = template.columns.get("memo", {})
    return any(re.search(p, _bare(col.key)) for p in memo.get("always", []))


def _extra(col: Column, template: Template) -> bool:
    memo = template.columns.get("memo", {})
    return any(re.search(p, _bare(col.key)) for p in memo.get("unless_plain_total", []))


class _Node:
    __slots__ = ("name", "children", "column")

    def __init__(self, name: str) -> None:
        self.name = name
        self.children: dict[str, _Node] = {}
        self.column: int | None = None


def _tree(columns: tuple[Column, ...], idx: list[int]) -> _Node:
    root = _Node("")
    for i in idx:
        node = root
        path = columns[i].path or (columns[i].label,)
        for element in path:
            node = node.children.setdefault(element, _Node(element))
        if node.column is None:
            node.column = i
    return root


def _bare(key: str) -> str:
    """A column key without its period (``prior:total`` → ``total``)."""
    head, sep, rest = key.partition(":")
    return rest if sep and head in ("prior", "budget", "change", "pct") else key


def _is_qizhong(name: str) -> bool:
    return squeeze(name).startswith("其中")


def _identities(node: _Node, columns: tuple[Column, ...], template: Template, root: bool, out: list[Identity]) -> list[int]:
    """Collect the identities under ``node``; returns the columns that stand for the node
    in its parent's sum (its subtotal, else the stand-ins of its members)."""
    kids = list(node.children.values())
    if node.column is not None and not kids:
        return [node.column]
    leaves = [k for k in kids if k.column is not None and not k.children]
    head = None
    for k in leaves:
        col = columns[k.column]  # type: ignore[index]
        if root and _bare(col.key) in ("total", "sangong", "sangong_and_meetings"):
            head = k
            break
        if not root and _SUBTOTAL.search(squeeze(k.name)) and not _is_qizhong(k.name):
            head = k
            break
    if root and head is None:
        head = next((k for k in leaves if _bare(columns[k.column].key) in ("total", "sangong")), None)  # type: ignore[index]
    others = [k for k in kids if k is not head]
    plain_total = head is not None and (_bare(columns[head.column].key) == "sangong_and_meetings" or (  # type: ignore[index]
        _bare(columns[head.column].key) == "total" and any("三公" in squeeze(k.name) and k.children for k in others)))  # type: ignore[index]
    members: list[int] = []
    for k in others:
        stand = _identities(k, columns, template, False, out)
        if k.column is not None and not k.children:
            col = columns[k.column]
            if _memo(col, template) or (_extra(col, template) and not plain_total):
                continue
            if _is_qizhong(k.name) and len(others) == 1:
                continue  # 小计 | 其中：专项资金… : a memo of the subtotal
        elif _is_qizhong(k.name) and len(others) > 1:
            continue  # 合计 | 基本 | 项目 | 其中[经营…]: a memo group beside the parts
        members.extend(stand)
    if head is not None:
        if members:
            out.append(Identity(head.column, tuple(members)))  # type: ignore[arg-type]
        return [head.column]  # type: ignore[list-item]
    return members


def row_identities(columns: tuple[Column, ...], template: Template | None = None) -> tuple[Identity, ...]:
    """The row cross-foots implied by a header's structure, period by period.

    Each group's 小计/合计 equals the sum of the group's other columns, and the table's
    合计 equals the sum of the top-level items (a group counts once, by its 小计).  A
    comparison year (上年, 2025年预算数) has its own sums and is never a part of this
    year's; a 增减 column gives 本年 = 上年 + 增减.  An identity that would use a column
    of unknown meaning is not made.
    """
    template = template or _national()
    usable = [i for i, c in enumerate(columns) if c.is_amount and c.period in ("", "prior", "budget", "unknown")]
    if not usable:
        return ()
    found: list[Identity] = []
    for period in ("", "prior", "budget"):
        idx = [i for i in usable if columns[i].period == period or (period == "" and columns[i].period == "unknown")]
        if len(idx) >= 2:
            _identities(_tree(columns, idx), columns, template, True, found)
    by_key = {c.key: i for i, c in enumerate(columns) if c.is_amount}
    for i, c in enumerate(columns):
        if c.is_amount and c.period == "change":
            base = c.key.split(":", 1)[1]
            now, before = by_key.get(base), by_key.get("prior:" + base)
            if now is not None and before is not None:
                found.append(Identity(now, (before, i)))
    # a fund table with its carry-overs (政府性基金 决算表: 年初结转和结余 | 本年收入 | 本年支出 |
    # 年末结转和结余): what is left at the end is what was there, plus what came, less what went
    now = {c.key: i for i, c in enumerate(columns) if c.is_amount and c.period == ""}
    if all(k in now for k in BALANCE):
        opening, income, spent, closing = (now[k] for k in BALANCE)
        found.append(Identity(closing, (opening, income), (spent,)))
    unknown = {i for i, c in enumerate(columns) if c.is_amount and not understood(c)}
    return tuple(x for x in found if x.total not in unknown and not unknown.intersection(x.parts + x.minus))


#: The columns of a fund table's balance, by key: opening, income, expenditure, closing.
BALANCE = ("opening", "income", "expenditure", "closing")


def understood(column: Column) -> bool:
    """An amount column whose meaning is known: sums and cross-table checks may use it."""
    return column.is_amount and column.period != "unknown" and not column.key.startswith("unknown:")


FUNDS = ("gpb", "gov_fund", "soe", "special_account", "service", "operating", "superior", "affiliate", "other")

_FUND_WORDS = (
    ("一般公共预算", "gpb"), ("政府性基金", "gov_fund"), ("国有资本经营", "soe"), ("财政专户", "special_account"),
    ("事业单位经营", "operating"), ("事业收入", "service"), ("上级补助", "superior"), ("附属单位", "affiliate"),
    ("其他收入", "other"),
)


def fund_key(label: str) -> str | None:
    """An income line's fund type: 一般公共预算拨款收入 → gpb, 事业收入 → service …"""
    text = squeeze(label)
    return next((key for word, key in _FUND_WORDS if word in text), None)


#: An information-table label's memo prefix and trailing unit (``其中：`` … ``（辆）``).
ITEM_MEMO = re.compile(r"^\s*其中\s*[:：]\s*")
_BRACKETED = re.compile(r"[（(][^（()）]{1,8}[)）]$")


def item_key(label: str, template: Template | None = None) -> str:
    """The item a label names (``procurement.goods``), or "" when it names none."""
    patterns = (template or load()).rows.get("information", {})
    name = _name(label)
    return next((key for key, pattern in patterns.items() if re.search(pattern, name)), "")


def _name(label: str) -> str:
    text = strip_enumerator(ITEM_MEMO.sub("", squeeze(label)))
    text = _BRACKETED.sub("", text)
    return strip_enumerator(text)


def count_unit(key: str, template: Template | None = None) -> str | None:
    """The unit of an item counted rather than in money (辆, 台), else None."""
    counts = (template or load()).rows.get("information_counts", {})
    return counts.get(key.split(".", 1)[0]) if key else None
