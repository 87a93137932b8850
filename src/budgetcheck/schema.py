"""What the annex tables are: their roles, titles, column meanings and row identities.

Shared by readers (to recognise a table and to realign rows whose empty cells were
lost) and by rules (to check the identities).  Titles differ between regions and years,
so recognition works from title words with synonyms, never from an annex number or a
position in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Column

# (role, title pattern) in order of precedence: the first match wins.
TITLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(p))
    for role, p in (
        ("T4", r"财政拨款收支(预算)?(总体情况表|总表)"),
        ("T1", r"收支(预算)?(总体情况表|总表)"),
        ("T2", r"收入(预算)?(总体情况表|总表)"),
        ("T3", r"支出(预算)?(总体情况表|总表)"),
        ("T7", r"三公.{0,3}经费"),
        ("T6", r"基本支出.*(情况表|预算表)|经济分类.*(情况表|预算表)"),
        ("T5", r"一般公共预算.*支出.*(情况表|预算表)"),
        ("T8", r"政府性基金.*支出.*(情况表|预算表)"),
        ("T8b", r"国有资本经营.*支出.*(情况表|预算表)"),
        ("T9", r"转移支付.*(预算表|情况表)"),
        ("T10", r"整体支出绩效目标表"),
        ("T11", r"项目.{0,4}绩效目标表"),
    )
)

ROLE_NAMES = {
    "T1": "部门收支预算总体情况表",
    "T2": "部门收入预算总体情况表",
    "T3": "部门支出预算总体情况表",
    "T4": "财政拨款收支预算总体情况表",
    "T5": "一般公共预算支出情况表",
    "T6": "一般公共预算基本支出情况表",
    "T7": "一般公共预算“三公”经费支出情况表",
    "T8": "政府性基金预算支出情况表",
    "T8b": "国有资本经营预算支出情况表",
    "T9": "市对区转移支付支出预算表",
    "T10": "部门整体支出绩效目标表",
    "T11": "一级项目绩效目标表",
}

GRID_ROLES = frozenset({"T2", "T3", "T5", "T6", "T7", "T8", "T8b", "T9"})
OVERVIEW_ROLES = frozenset({"T1", "T4"})
_PREFIX = re.compile(r"^(附件\s*\d+\s*)?(\d{4}年(度)?)?")


def recognise_title(line: str) -> str | None:
    """The role of a table title line, or None when the line is not a title."""
    text = _PREFIX.sub("", re.sub(r"\s+", "", line))
    text = re.sub(r"[（(]\d{4}年[)）]$", "", text)
    if not text or len(text) > 40 or not text.endswith(("表", "表）", "表)")) and "表（" not in text:
        return None
    for role, pattern in TITLE_PATTERNS:
        if pattern.search(text):
            return role
    return None


# --- columns ------------------------------------------------------------------

TEXT_HEADER = re.compile(r"编码|代码|名称|性质|类型|^类$|^款$|^项$|科目$")

_GROUP_KEYS = (
    ("非财政拨款", "nonfiscal"),
    ("财政拨款", "fiscal"),
    ("本年收入", "current"),
    ("上年结转", "carryover"),
    ("基本支出", "basic"),
    ("公务用车", "car"),
)
_LEAF_KEYS = (
    ("小计", "subtotal"),
    ("合计", "total"),
    ("总计", "total"),
    ("人员", "personnel"),
    ("公用", "public"),
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("一般公共预算", "gpb"),
    ("政府性基金", "gov_fund"),
    ("国有资本经营", "soe"),
    ("财政专户", "special_account"),
    ("事业单位经营", "operating"),
    ("事业收入", "service"),
    ("上级补助", "superior"),
    ("附属单位", "affiliate"),
    ("其他收入", "other"),
    ("单位资金", "unit_funds"),
    ("因公出国", "abroad"),
    ("购置", "purchase"),
    ("机关运行经费", "admin_running"),
    ("运行", "running"),
    ("接待", "reception"),
    ("预算数", "amount"),
    ("金额", "amount"),
)


def _lookup(text: str, table: tuple[tuple[str, str], ...]) -> str | None:
    for word, key in table:
        if word in text:
            return key
    return None


def column_key(group: str, leaf: str) -> str:
    """Canonical key of a column from its group header and sub-header.

    A group's 小计 takes the group's own key (``基本支出/小计`` → ``basic``) so that the
    same quantity has the same key in every template; members are ``group.leaf``
    (``财政拨款/项目支出`` → ``fiscal.project``).  A group that is merely a caption over
    the whole table (``本年一般公共预算基本支出`` over 合计/人员/公用) adds nothing.
    """
    g = _lookup(group, _GROUP_KEYS) if group else None
    leaf_key = _lookup(leaf, _LEAF_KEYS) or leaf
    if "三公" in leaf or ("三公" in group and leaf_key == "total"):
        return "total"
    if g is None or leaf_key == "total":
        return leaf_key
    if leaf_key == "subtotal" or leaf_key == g:
        return g
    if g == "basic" and leaf_key in ("personnel", "public"):
        return leaf_key
    return f"{g}.{leaf_key}"


def build_columns(header_rows: list[list[str]]) -> tuple[Column, ...]:
    """Columns from one or two header rows; merged cells arrive as empty cells."""
    top = [c.strip() for c in header_rows[0]] if header_rows else []
    sub = [c.strip() for c in header_rows[1]] if len(header_rows) > 1 else []
    width = max(len(top), len(sub))
    columns: list[Column] = []
    carried = ""
    for i in range(width):
        t = top[i] if i < len(top) else ""
        s = sub[i] if i < len(sub) else ""
        if t:
            carried = t
        group = (t or carried) if s else ""
        leaf = s or t or carried
        label = f"{group}/{leaf}" if group and group != leaf else leaf
        is_text = bool(TEXT_HEADER.search(leaf)) and not re.search(r"合计|小计|预算数|金额", leaf)
        key = _text_key(leaf) if is_text else column_key(group, leaf)
        columns.append(Column(key, label, group, not is_text, key.split(".")[-1] in ("subtotal",)))
    # a group's 小计/合计 column is its subtotal
    return tuple(
        Column(c.key, c.label, c.group, c.is_amount, c.is_amount and bool(c.group) and c.label.endswith(("小计", "合计")))
        for c in columns
    )


def _text_key(leaf: str) -> str:
    if "名称" in leaf:
        if "项目" in leaf:
            return "project_name"
        return "function_name" if "功能" in leaf else "name"
    if leaf in ("类", "款", "项"):
        return {"类": "code_class", "款": "code_kuan", "项": "code_item"}[leaf]
    if "编码" in leaf or "代码" in leaf:
        return "function_code" if "功能" in leaf else "code"
    return "text:" + leaf


#: Columns printed beside the table's figures but outside its 合计: the 机关运行经费
#: column of a merged “三公”经费和机关运行经费 table is not part of the 三公 合计.
MEMO_KEYS = frozenset({"admin_running"})


@dataclass(frozen=True, slots=True)
class Identity:
    """``columns[total] = Σ columns[parts]`` within one row."""

    total: int
    parts: tuple[int, ...]


def row_identities(columns: tuple[Column, ...]) -> tuple[Identity, ...]:
    """The row cross-foots implied by a header's structure.

    Each group's 小计/合计 equals the sum of the group's other columns, and the table's
    合计 equals the sum of the top-level items (a group counts once, by its subtotal).
    This reads the same way for every template, whatever its column names.
    """
    amount = [i for i, c in enumerate(columns) if c.is_amount]
    if len(amount) < 2:
        return ()
    groups: dict[str, list[int]] = {}
    order: list[str | int] = []
    for i in amount:
        g = columns[i].group
        if g:
            if g not in groups:
                groups[g] = []
                order.append(g)
            groups[g].append(i)
        else:
            order.append(i)
    identities: list[Identity] = []
    heads: dict[str, int | None] = {}
    for g, members in groups.items():
        head = next((i for i in members if columns[i].is_subtotal), None)
        heads[g] = head
        if head is not None and len(members) > 1:
            identities.append(Identity(head, tuple(i for i in members if i != head)))
    top_total = next((i for i in order if isinstance(i, int) and columns[i].key == "total"), None)
    if top_total is not None:
        parts: list[int] = []
        for item in order:
            if item == top_total or (isinstance(item, int) and columns[item].key in MEMO_KEYS):
                continue
            if isinstance(item, int):
                parts.append(item)
            else:
                head = heads[item]
                parts.extend([head] if head is not None else groups[item])
        if parts:
            identities.append(Identity(top_total, tuple(parts)))
    return tuple(identities)


FUNDS = ("gpb", "gov_fund", "soe", "special_account", "service", "operating", "superior", "affiliate", "other")


def fund_key(label: str) -> str | None:
    """An income line's fund type: 一般公共预算拨款收入 → gpb, 事业收入 → service …"""
    key = _lookup(label, _LEAF_KEYS)
    return key if key in FUNDS else None
