"""Where a table's header ends, and what each of its columns means.

Why this is its own step: regions print one, two or three header rows, a row of
column numbers (``栏次 | 1 | 2 | 3``, ``** | 1 | 2``), a caption spanning every column
(``预算数``, ``部门预算``), group headers over a 合计/小计 column, year groups side by
side (``2025年预算数 | 2026年预算数``) and a ``合计`` *header* cell that is not the 合计
row.  Reading the first row that starts with a code or 合计 as the body, as the first
version did, turned header rows into body rows and body rows into headers.

A column's header is its *path*: the header cells above it, outermost first.  Period
words (a year, 上年, 增减, %) say which figures the column holds and leave the path;
numbering cells and captions common to every amount column leave it too; what is
left gives the column's key through the template's vocabulary.  A header the
vocabulary does not know is kept with ``period = "unknown"`` so that no identity
rests on it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from budgetcheck.core.model import Column
from budgetcheck.core.figures import is_number
from budgetcheck.templates import Template, squeeze
from budgetcheck.readers.structure import enumerator_rank


def _matches(patterns, text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


def is_numbering(cells: list[str], template: Template) -> bool:
    """A row of column numbers: ``栏次 | 1 | 2 | 3`` or ``** | ** | 1 | 2``."""
    filled = [squeeze(c) for c in cells if c.strip()]
    if len(filled) < 2:
        return False
    pattern = re.compile(template.columns["numbering"])
    if not all(pattern.match(c) for c in filled):
        return False
    digits = [int(c) for c in filled if c.isdigit()]
    return bool(digits) and digits == list(range(digits[0], digits[0] + len(digits)))


def header_words(template: Template) -> re.Pattern[str]:
    """Any word that makes a cell a column header rather than a row label."""
    words = [re.escape(e["word"]) for e in template.columns.get("leaves", [])]
    words += [re.escape(e["word"]) for e in template.columns.get("groups", [])]
    words += list(template.columns.get("text", []))
    return re.compile("|".join(words))


def is_header_row(cells: list[str], template: Template, total: re.Pattern[str], code: re.Pattern[str]) -> bool:
    """A row above the body: no figure, and not a row that starts with a code or a
    合计 label followed by blanks (an empty table's 合计 row)."""
    filled = [c.strip() for c in cells if c.strip()]
    if not filled:
        return False
    if is_numbering(cells, template):
        return True
    if any(is_number(c) for c in filled):
        return False
    first = squeeze(filled[0])
    if code.match(first) or enumerator_rank(first) is not None:
        return False
    if total.match(first):
        words = header_words(template)
        others = [squeeze(c) for c in filled[1:]]
        return bool(others) and all(words.search(o) for o in others)
    return True


def paths_from_rows(rows: list[list[str]]) -> list[tuple[str, ...]]:
    """Each column's header path from header rows laid out as text, where a merged cell
    is written once and leaves empty cells to its right (a group over its members) or
    below it (a cell spanning several header rows)."""
    width = max((len(r) for r in rows), default=0)
    grid = [[(r[i].strip() if i < len(r) else "") for i in range(width)] for r in rows]
    paths: list[list[str]] = [[] for _ in range(width)]
    for depth, row in enumerate(grid):
        carried = ""
        for i in range(width):
            cell = row[i]
            deeper = any(grid[d][i] for d in range(depth + 1, len(grid)))
            if cell:
                carried = cell if deeper else ""
                paths[i].append(cell)
            elif carried and deeper and i > 0:
                # a group cell written once over several columns: its members are below
                paths[i].append(carried)
            else:
                carried = ""
    return [tuple(p) for p in paths]


def _period(element: str, template: Template, year: int | None, final: bool = False) -> str | None:
    """The period an element of a header path names, or None when it names no period.
    In final accounts a budget figure (预算数) is a comparison and 决算数 the year's."""
    text = squeeze(element)
    periods = template.columns.get("periods", {})
    if final:
        if _matches(periods.get("final", []), text):
            return "current"
        if _matches(periods.get("budget", []), text):
            return "budget"
    for kind in ("change", "pct"):
        if _matches(periods.get(kind, []), text):
            return kind
    for pattern in periods.get("prior", []):
        m = re.search(pattern, text)
        if m:
            found = m.groupdict().get("year")
            if found is None or year is None or int(found) < year:
                return "prior"
    for pattern in periods.get("current", []):
        m = re.search(pattern, text)
        if m:
            found = m.groupdict().get("year")
            if found is not None and year is not None and int(found) < year:
                return "prior"
            return "current"
    return None


def _lookup(text: str, entries: list[dict]) -> str | None:
    for e in entries:
        if e["word"] in text:
            return e["key"]
    return None


def column_key(path: tuple[str, ...], template: Template) -> str:
    """Canonical key of an amount column from its header path (periods removed).

    A group's 小计 takes the group's own key (``基本支出/小计`` → ``basic``), so that the
    same quantity has the same key in every template; a member is ``group.leaf``
    (``财政拨款/项目支出`` → ``fiscal.project``); the innermost group that the vocabulary
    knows is the one that counts.
    """
    cols = template.columns
    leaf = squeeze(path[-1]) if path else ""
    leaf_key = _lookup(leaf, cols.get("leaves", [])) or (leaf or "amount")
    if leaf_key.startswith("memo:"):
        return leaf_key  # a memo column (扣除基建项目后预算数) is never a member of its group
    if "三公" in leaf and leaf_key in ("total", "amount", "subtotal") or leaf_key == "sangong":
        return "sangong"
    group_key = None
    for element in reversed(path[:-1]):
        text = squeeze(element)
        if text.startswith("其中") and len(text) <= 3:
            continue  # ``其中`` over parts adds no group
        group_key = _lookup(text, cols.get("groups", []))
        if group_key is not None:
            break
    if group_key is None:
        if leaf_key == "subtotal" and len(path) > 1:
            # the 小计 of a header the vocabulary knows as a quantity (一般公共预算拨款/小计,
            # beside its 其中：专项资金 memo) is that quantity
            named = _lookup(squeeze(path[-2]), cols.get("leaves", []))
            if named is not None and named not in ("subtotal", "total", "amount") and not named.startswith("memo:"):
                return named
        return "total" if leaf_key == "subtotal" and len(path) == 1 else leaf_key
    if leaf_key in ("subtotal", "total") and group_key == "sangong":
        return "sangong"
    if leaf_key == "subtotal" or leaf_key == group_key:
        return group_key
    if leaf_key == "total":
        return group_key if len(path) > 1 and group_key != "current" else leaf_key
    if group_key == "basic" and leaf_key in ("personnel", "public"):
        return leaf_key
    if group_key in ("car", "sangong") and leaf_key in ("abroad", "reception", "meeting", "training"):
        return leaf_key
    if group_key == "sangong" and leaf_key == "car":
        return "car"
    return f"{group_key}.{leaf_key}"


def _text_key(leaf: str) -> str:
    leaf = squeeze(leaf)
    if "名称" in leaf:
        if "项目" in leaf or leaf.startswith("专项"):
            return "project_name"
        return "function_name" if "功能" in leaf else "name"
    if leaf in ("类", "款", "项"):
        return {"类": "code_class", "款": "code_kuan", "项": "code_item"}[leaf]
    if "编码" in leaf or "代码" in leaf:
        return "function_code" if "功能" in leaf else "code"
    return "text:" + leaf


def build_columns(paths: list[tuple[str, ...]], template: Template, year: int | None = None,
                  numeric: list[bool] | None = None, final: bool = False) -> tuple[Column, ...]:
    """Columns from their header paths.

    ``numeric`` (one flag per column, when the body is known) says which columns hold
    figures: a column whose header the vocabulary calls text but whose body is all
    figures stays text only when its header is a code or a name, and a column with an
    unknown header and figures in it is an amount column of unknown meaning.
    """
    cols = template.columns
    numbering = re.compile(cols["numbering"])
    cleaned = [tuple(e for e in p if e.strip() and not numbering.match(squeeze(e))) for p in paths]
    amount_like: list[bool] = []
    for i, p in enumerate(cleaned):
        leaf = squeeze(p[-1]) if p else ""
        text = bool(leaf) and _matches(cols.get("text", []), leaf) and not re.search(r"合计|小计|总计|预算数|金额|总额", leaf)
        if not leaf and numeric is not None and i < len(numeric):
            text = not numeric[i]
        elif not leaf:
            text = i == 0
        elif (not text and numeric is not None and i < len(numeric) and not numeric[i]
              and _lookup(leaf, cols.get("leaves", [])) is None and "三公" not in leaf):
            text = True  # a header the vocabulary does not know over cells without figures: a label
        amount_like.append(not text)
    # a caption over every amount column names the table, not a column
    amount_paths = [p for p, a in zip(cleaned, amount_like) if a and len(p) > 1]
    common: set[str] = set()
    if amount_paths and len(amount_paths) == sum(amount_like):
        common = {e for e in amount_paths[0][:-1] if all(e in p[:-1] for p in amount_paths)}
    common |= _year_caption(cleaned, amount_like, template, year, final)
    out: list[Column] = []
    for i, (path, amount) in enumerate(zip(cleaned, amount_like)):
        printed = "/".join(dict.fromkeys(path))  # a merged cell repeated down its rows prints once
        if not amount:
            leaf = path[-1] if path else ""
            key = _text_key(leaf) if leaf else f"text:{i}"
            out.append(Column(key, printed, path[-2] if len(path) > 1 else "", False, False, "", tuple(path)))
            continue
        period = ""
        inner: list[str] = []
        for element in path:
            if element in common and element != path[-1]:
                continue
            found = _period(element, template, year, final)
            if found is not None and found != "current" and not period:
                period = found
                continue
            if found == "current" and (element != path[-1] or inner):
                continue  # 人员经费/决算数: the year's figure of its group
            inner.append(element)
        if not inner and path:
            inner = [path[-1]]
        leaf = squeeze(inner[-1]) if inner else ""
        if _matches(cols.get("count", []), leaf):
            out.append(Column("count:" + leaf, printed, "", True, False, "count", tuple(path)))
            continue
        key = column_key(tuple(inner), template)
        known = _lookup(leaf, cols.get("leaves", [])) is not None or "三公" in leaf or (not leaf and not inner)
        if not known and not period:
            period = "unknown"
        group = inner[-2] if len(inner) > 1 else ""
        subtotal = bool(group) and bool(re.search(r"小计|合计|总计$", leaf)) and not leaf.startswith("其中")
        if period in ("prior", "change", "pct", "budget"):
            key = f"{period}:{key}"
        out.append(Column(key, printed, group, True, subtotal, period, tuple(inner)))
    return tuple(_dedupe(_deepest_name(_dedupe_text(out))))


def _year_caption(paths, amount_like: list[bool], template: Template, year: str | None, final: bool) -> set[str]:
    """A caption over this year's columns only (``年初预算数 | 本年支出: 小计 · 基本 · 项目``
    in a 决算): when every other amount column is of another period (a budget, last
    year), a group header that covers all of this year's columns and reads as a caption
    (``本年支出``: the template's ``columns.caption``) names the figures, not a group."""
    patterns = [re.compile(p) for p in template.columns.get("caption", [])]
    if not patterns:
        return set()
    now, other = [], 0
    for path, amount in zip(paths, amount_like):
        if not amount:
            continue
        periods = {_period(e, template, year, final) for e in path}
        if periods & {"prior", "budget", "change", "pct"}:
            other += 1
        else:
            now.append(path)
    if not other or len(now) < 2 or any(len(p) < 2 for p in now):
        return set()
    shared = {e for e in now[0][:-1] if all(e in p[:-1] for p in now)}
    return {e for e in shared if any(p.match(squeeze(e)) for p in patterns)}


_LEVELS = ("text:一级", "text:二级", "text:三级")


def _deepest_name(columns: list[Column]) -> list[Column]:
    """A catalogue printed as 一级 | 二级 | 三级 columns (购买服务 指导性目录) and no name
    column: the deepest level names the row, not the first (every row 02-政府履职辅助性服务)."""
    if any(not c.is_amount and c.key in ("name", "function_name", "project_name") for c in columns):
        return columns
    levels = [i for i, c in enumerate(columns) if not c.is_amount and c.key in _LEVELS]
    if len(levels) < 2:
        return columns
    deepest = max(levels, key=lambda i: _LEVELS.index(columns[i].key))
    return [replace(c, key="name") if i == deepest else c for i, c in enumerate(columns)]


def _dedupe_text(columns: list[Column]) -> list[Column]:
    """Two text columns read alike (the 类|款 of a second code printed beside the row's
    own, 部门经济 and 政府经济 names side by side): the first keeps the key the row's code
    and label are read from, the others are attributes named by their header."""
    seen: set[str] = set()
    out = []
    for c in columns:
        if not c.is_amount and not c.key.startswith("text:") and c.key in seen:
            c = replace(c, key=f"text:{c.label}")
        seen.add(c.key)
        out.append(c)
    return out


def _dedupe(columns: list[Column]) -> list[Column]:
    """Two amount columns with one key (a header the vocabulary reads alike twice) are
    both of unknown meaning: no identity or cross-table check may pick one of them."""
    seen: dict[str, int] = {}
    for c in columns:
        if c.is_amount:
            seen[c.key] = seen.get(c.key, 0) + 1
    return [replace(c, key=f"unknown:{i}:{c.key}") if c.is_amount and seen[c.key] > 1 and c.period != "count" else c
            for i, c in enumerate(columns)]
