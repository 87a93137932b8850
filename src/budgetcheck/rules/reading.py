"""What the reader could not read: tables without rows, text whose tabs were lost,
tables that end without their total, annexes missing from a text that stops early.

A table that was recognised but not read is never a silent pass: nothing in it was
checked, so each of these is a warning, and a document none of whose tables could be
read is refused outright (app/api.py), exit 2.
"""

from __future__ import annotations

import re
from typing import Iterator

from budgetcheck.core.rounding import compare_sum, holds
from budgetcheck.core.model import Document, Location, Table
from budgetcheck.templates.schema import GRID_ROLES, OVERVIEW_ROLES, ROLE_NAMES, recognise_title
from budgetcheck.rules.base import UNDECIDED, rule, where, Fact
from budgetcheck.rules.context import Context
from budgetcheck.templates import load, squeeze
from budgetcheck.rules.sums import families

#: Tables that end with (or start with) a 合计 / 总计 row of their own.
TOTALLED = ("T2", "T3", "T5", "T6", "T8", "T8b", "T9")
GRAND = re.compile(r"^(收入|支出|收支)?(总计|合计)$")
LISTED = re.compile(r"^\s*(?:[-•·*]\s*)?(?:附件\s*\d+\s*[:：、.]?\s*)?(?:[一二三四五六七八九十]+、|\d+[.、．])?\s*\S")

def _reading(how: str) -> tuple[str, str]:
    """What ``Document.reading`` (readers/spaces.py) says, in words."""
    kind, _, detail = how.partition("=")[2].partition(":")
    if kind == "unit":
        return f"each tab had become {detail} spaces", f"每个制表符被替换成了{detail}个空格"
    if kind == "stops":
        width, _, unit = detail.partition(":")
        en_unit, zh_unit = ("display columns", "显示列") if unit == "display" else ("characters", "字符")
        return (f"the tabs had been expanded to stops every {width} {en_unit}",
                f"制表符被展开为每{width}{zh_unit}一档的空格")
    return ("the tabs had become spaces; the cells were read by their aligned columns",
            "制表符变成了空格，已按各列对齐位置读取单元格")


def _empty(table: Table) -> bool:
    return not table.rows and not table.goals


def _stated_empty(table: Table, template: str = "national", listed: set[str] = frozenset()) -> bool:
    """The table says it is empty: a note under it, or the document's list of its tables
    (a 报表目录 with 是否空表 | 表格为空的理由) names it as empty."""
    empty = load(template).captions["empty"]
    return any(empty.search(squeeze(n)) for n in table.notes) or squeeze(table.title) in listed or any(
        name and name in squeeze(table.title) for name in listed)


def listed_empty(doc: Document) -> set[str]:
    """The tables a document's own list of tables (报表目录) says are empty, by name."""
    out: set[str] = set()
    for table in doc.tables:
        head = [squeeze(c.label) for c in table.columns]
        flag = next((i for i, h in enumerate(head) if "是否空表" in h), None)
        if flag is None:
            continue
        for row in table.rows:
            cells = [squeeze(c) for c in row.raw.split("\t")]
            if flag < len(cells) and cells[flag] == "是":
                names = [c for c in cells if re.search(r"表$", c) and len(c) > 4]
                out.update(re.sub(r"^部门(综合)?(预算|决算)", "", n) for n in names)
    return out


def _form_without_money(table: Table) -> bool:
    return any(r.startswith("no funds") for r in table.readings)


@rule("BC004", "unread-table", "warning", "reading")
def unread_table(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A table recognised by its title whose rows could not be read, or a text whose
    tabs had to be given back from its spaces.

    A table with a title but no row read (its cells not separated by tabs, say) checks
    nothing, so it is said, at its title; a table that states it is empty
    (``本表为空表``, ``本单位无…支出``) may have no rows.  When the text had lost its tabs
    and the reader gave the cells back from the spacing (readers/spaces.py), that is
    said once for the document: the reading is exact when each tab became the same
    number of spaces or was expanded to tab stops, and a best reading by the aligned
    columns otherwise; check a finding against the original before acting on it.
    """
    for how in doc.reading:
        en, zh = _reading(how)
        yield Fact(UNDECIDED, Location(doc.path, line=1),
                   f"the text had lost its tabs ({en}); the table cells were read from the spacing: "
                   "check the findings against the original document",
                   f"文本中的制表符已丢失（{zh}），表格单元格是按空格位置读取的，请对照原文核实各项结果")
    listed = listed_empty(doc)
    for table in doc.tables:
        if table.role and _empty(table) and not _stated_empty(table, doc.template, listed) and not _form_without_money(table):
            yield Fact(UNDECIDED, where(doc, table),
                       f"{table.role} {table.title!r} was found by its title, but none of its rows could be read "
                       "(are its cells separated by tabs?); nothing in it was checked",
                       f"按标题识别出{table.role}“{table.title}”，但未能读出任何一行（单元格是否以制表符分隔？），"
                       "本表未作任何核对")


@rule("BC005", "incomplete-table", "warning", "reading")
def incomplete_table(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A table that ends without its total, or a text that ends inside its last table.

    Every coded table (T2, T3, T5, T6, T8, T9) has a 合计 row, and each overview (T1,
    T4) ends with 收入总计 and 支出总计: a table read without it was cut (a page lost, a
    copy that stopped early) or misread.  When the text ends right after its last
    table and that table's top-level rows add up to less than its 合计, the text was
    cut inside the table: the rows after the cut were never checked.
    """
    for table in doc.tables:
        sided = any(r.side for r in table.rows)  # a fund table printed as 收入 | 支出 lines: judged as an overview
        if not sided and table.part in TOTALLED and len(table.rows) == 1 and not table.rows[0].code:
            continue  # one row and nothing to add up: the row is the total (a 收入总表 of one department)
        if not sided and table.part in TOTALLED and table.rows and table.total_row is None:
            yield Fact(UNDECIDED, where(doc, table, table.rows[-1]),
                       f"{table.role} has no 合计 row (its last row read is {table.rows[-1].name}): "
                       "was the table cut short?", f"{table.role}没有合计行（读到的最后一行是{table.rows[-1].name}），表格是否不完整？")
        sides = {r.side for r in table.rows if r.side} or {""}
        if table.role in OVERVIEW_ROLES and table.rows and not all(any(_grand(r) for r in table.rows if r.side == side)
                                                                   for side in sides):
            yield Fact(UNDECIDED, where(doc, table, table.rows[-1]),
                       f"{table.role} has no 收入总计/支出总计 line: was the table cut short?",
                       f"{table.role}没有收入总计/支出总计行，表格是否不完整？")
    last = next((t for t in reversed(doc.tables) if t.role), None)
    if last is not None and last.role in GRID_ROLES and last.rows and _ends_the_text(doc, last):
        short = _short_of_total(last)
        if short is not None:
            yield Fact(UNDECIDED, where(doc, last, last.rows[-1]),
                       f"the text ends inside {last.role}: its top-level rows add up to {short[0]} of its "
                       f"合计 {short[1]} {last.unit}; the rest of the table (and any annex after it) is missing",
                       f"文本在{last.role}中途结束：各类合计{short[0]}，少于合计行{short[1]}{last.unit}，"
                       "其余行（及其后的附表）缺失")


def _grand(row) -> bool:
    """收入总计 / 支出总计, or the 收入合计 / 支出合计 some templates print in their place."""
    return row.kind == "grand_total" or bool(GRAND.match(row.label.replace(" ", "")))


def _ends_the_text(doc: Document, table: Table) -> bool:
    if not doc.lines or doc.kind not in ("text", "combined"):
        return False
    end = max(r.line for r in table.rows)
    return not any(line.strip() for line in doc.lines[end:])


def _short_of_total(table: Table) -> tuple[str, str] | None:
    total = table.total_row
    if total is None:
        return None
    _, tops = families(table)
    col = next((c for c in table.amount_columns if total.amounts[c] is not None), None)
    if col is None or not tops:
        return None
    parts = [r.amounts[col] for r in tops if r.amounts[col] is not None]
    comparison = compare_sum(total.amounts[col], parts)  # type: ignore[arg-type]
    if holds(comparison) or comparison.expected >= comparison.actual:  # expected: the sum; actual: 合计
        return None
    return f"{comparison.expected:,}", f"{comparison.actual:,}"


@rule("BC006", "missing-tables", "warning", "reading")
def missing_tables(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Annex tables that the document's own list (目录, 附表 list) names but the text
    does not have.

    A 部门预算说明 lists its annex tables (``- 八、政府性基金预算支出情况表``), and so does a
    部门决算 (``五、一般公共预算财政拨款支出决算表``, 公开01–09表) and the 目录 page of a
    PDF (``5．2025年部门一般公共预算支出功能分类预算表……12``); when some of them are read
    and others are not there at all, the text most likely stops early (cut at a line
    boundary) or lost pages, and the missing tables were never checked.  Only
    documents that hold annex tables are judged: a narrative published apart from its
    tables lists them too.
    """
    present = {t.role for t in doc.tables if t.role}
    if not present or not (doc.lines or doc.contents):
        return
    from budgetcheck.readers.contents import entry_title

    template = load(doc.template)
    titles = {t.line for t in doc.tables}
    listed: dict[str, Location] = {}
    for n, line in enumerate(doc.lines, 1):
        if n in titles or "\t" in line or len(line) > 80 or not LISTED.match(line):
            continue
        role = recognise_title(line, template)
        if role and role not in listed:
            page = doc.line_pages[n - 1] if n <= len(doc.line_pages) else None
            listed[role] = Location(doc.path, line=n, page=page)
    for text, page in doc.contents:  # a PDF's 目录 page, which is not part of the text
        title = entry_title(text)
        role = recognise_title(title, template) if 0 < len(title) <= 80 else None
        if role and role not in listed:
            listed[role] = Location(doc.path, page=page)
    missing = [r for r in listed if r not in present]
    if not missing or len(missing) == len(listed):
        return
    names = "、".join(ROLE_NAMES.get(r, r) for r in missing)
    first = min((listed[r] for r in missing), key=lambda loc: (loc.line is None, loc.line or 0, loc.page or 0))
    yield Fact(UNDECIDED, first,
               f"the document lists {len(listed)} annex tables but {len(missing)} of them are not in it "
               f"({', '.join(missing)}: {names}); was the text cut or were pages lost?",
               f"文中列出{len(listed)}张附表，但其中{len(missing)}张未见于本文（{names}），文本是否被截断或缺页？")
