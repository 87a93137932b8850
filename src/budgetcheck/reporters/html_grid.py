"""A document's tables drawn as grids, with the cells its findings name coloured.

Why: a message that says "row 20801, column 基本支出/公用支出" asks the reader to find
that cell; the grid shows it, in the table as it was read (which is also how one sees
that a table was read wrongly), with the cells the finding sums outlined beside it.

A finding names its place by table (role and title), row (``Row.name``), column
(``Column.label``) and line, which is what ``rules/base.where`` writes; ``place`` finds
that cell again: the row by its line and name (two sides of an overview table share a
line, ten 一级项目 tables share a role and a title), else by its name.  A finding whose
place is not a drawn cell (a missing table, the list of annexes) is listed apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from budgetcheck.core.i18n import html_word
from budgetcheck.reporters.html_page import RANK, esc

Key = tuple[int, int | None, int | None]  # table index, row index (None: the table), column index (None: the row)


@dataclass
class Marks:
    """Where each finding of one document is drawn, and which cells are related."""

    at: dict[Key, list[int]] = field(default_factory=dict)  # place → finding numbers
    related: dict[Key, list[int]] = field(default_factory=dict)
    unplaced: list[int] = field(default_factory=list)  # not narrative, no cell to draw
    prose: list[int] = field(default_factory=list)  # findings on the text
    by_table: dict[int, list[int]] = field(default_factory=dict)  # table index → its findings


def _tables_for(doc, loc) -> list[int]:
    same = [i for i, t in enumerate(doc.tables) if (t.role or "") == loc.table and (not loc.title or t.title == loc.title)]
    if not same and loc.title:
        same = [i for i, t in enumerate(doc.tables) if t.title == loc.title]
    return same


def place(doc, loc) -> Key | None:
    """The cell, row or table of ``doc`` that ``loc`` names, or None."""
    if loc.table == "narrative" or not (loc.table or loc.title):
        return None  # the text, or the document as a whole (its list of annexes)
    tables = _tables_for(doc, loc)
    if not tables:
        return None
    if loc.row:
        for test in (lambda r: r.line == loc.line and r.name == loc.row, lambda r: r.name == loc.row,
                     lambda r: r.line == loc.line and r.label == loc.row):
            for ti in tables:
                for ri, row in enumerate(doc.tables[ti].rows):
                    if test(row):
                        return (ti, ri, _column(doc.tables[ti], loc.column))
        for ti in tables:  # a performance goal of T10: drawn after the rows, its stated figure one cell
            t = doc.tables[ti]
            for gi, goal in enumerate(t.goals):
                if goal.label == loc.row:
                    return (ti, len(t.rows) + gi, 0)
    return (next((i for i in tables if doc.tables[i].line == loc.line), tables[0]), None, None)


def _column(table, label: str) -> int | None:
    if not label:
        return None
    return next((i for i, c in enumerate(table.columns) if c.label == label), None)


def marks_of(doc, findings) -> Marks:
    m = Marks()
    for n, f in enumerate(findings, 1):
        if f.location.table == "narrative":
            m.prose.append(n)
        else:
            key = place(doc, f.location) if doc is not None else None
            if key is None:
                m.unplaced.append(n)
            else:
                m.at.setdefault(key, []).append(n)
                m.by_table.setdefault(key[0], []).append(n)
        if doc is None:
            continue
        for loc in f.related:
            rel = place(doc, loc)
            if rel is not None and rel[1] is not None:
                m.related.setdefault(rel, []).append(n)
    return m


def worst(numbers: list[int], findings) -> str:
    """The severity a place is coloured with: its worst finding not waived (else its worst)."""
    active = [findings[n - 1] for n in numbers if not findings[n - 1].suppressed] or [findings[n - 1] for n in numbers]
    return min((f.severity for f in active), key=lambda s: RANK.get(s, 9))


def _headers(table, lead: bool, lang: str) -> list[str]:
    """The header rows: each column's path (group, sub-header) with colspans and rowspans."""
    paths = [c.path or (c.label,) for c in table.columns]
    depth = max([len(p) for p in paths] or [1])
    rows = []
    for k in range(depth):
        cells = [f'<th rowspan="{depth}">{esc(html_word("item", lang))}</th>'] if lead and k == 0 else []
        i = 0
        while i < len(paths):
            p = paths[i]
            if len(p) <= k:
                i += 1
                continue
            if k == len(p) - 1:
                cells.append(f'<th rowspan="{depth - k}">{esc(p[k])}</th>' if depth - k > 1 else f"<th>{esc(p[k])}</th>")
                i += 1
                continue
            j = i
            while j < len(paths) and len(paths[j]) > k + 1 and paths[j][:k + 1] == p[:k + 1]:
                j += 1
            span = max(1, j - i)
            cells.append(f'<th colspan="{span}">{esc(p[k])}</th>' if span > 1 else f"<th>{esc(p[k])}</th>")
            i += span
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return rows


def _texts(table, row) -> list[str]:
    """Each cell of a row as read: figures as written; text cells from the raw line when
    it has one cell per column, else the code and the label."""
    raw = row.raw.split("\t") if row.raw else []
    fits = len(raw) == len(table.columns)
    out, label_used = [], False
    for i, col in enumerate(table.columns):
        amount = row.amounts[i] if i < len(row.amounts) else None
        if amount is not None:
            out.append(amount.text)
        elif fits:
            out.append(raw[i])
        elif col.key == "code" or "编码" in col.label or "代码" in col.label:
            out.append(row.code.text if row.code else "")
        elif not label_used:
            out.append(row.label)
            label_used = True
        else:
            out.append("")
    return out


def _sup(numbers: list[int], prefix: str) -> str:
    return "<sup>" + ",".join(f'<a href="#{prefix}-f{n}">{n}</a>' for n in numbers) + "</sup>"


def _cell(text: str, key: Key, row, col_label: str, numeric: bool, marks: Marks, findings, prefix: str,
          attrs: str = "") -> str:
    classes = ["num"] if numeric else []
    here, rel = marks.at.get(key, []), marks.related.get(key, [])
    data = ""
    if here:
        classes.append(f"c-{worst(here, findings)}")
        data += f' data-findings="{" ".join(map(str, here))}"'
    if rel:
        classes += ["rel", f"rel-{worst(rel, findings)}"]
        data += f' data-related="{" ".join(map(str, rel))}"'
    if here or rel:
        data += f' data-row="{esc(row.name)}" data-col="{esc(col_label)}"'
        titles = "; ".join(f"{n}. {findings[n - 1].rule}" for n in here)
        if titles:
            data += f' title="{esc(titles)}"'
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{cls}{data}{attrs}>{esc(text)}{_sup(here, prefix) if here else ''}</td>"


def grid(table, ti: int, marks: Marks, findings, prefix: str, lang: str) -> str:
    """One table: caption, headers, every row as read; marked cells coloured."""
    lead = all(c.is_amount for c in table.columns)  # no code or name column: the row's label first
    lines = [f'<table class="grid" data-table="{esc(table.role or "")}" data-title="{esc(table.title)}">']
    table_marks = marks.at.get((ti, None, None), [])
    cap_cls = f' class="c-{worst(table_marks, findings)}"' if table_marks else ""
    lines.append(f"<caption{cap_cls}>{esc(table.label())} {esc(table.title)} · "
                 f"{esc(html_word('unit', lang, unit=table.unit))} · {esc(html_word('line', lang, n=table.line))}"
                 f"{_sup(table_marks, prefix) if table_marks else ''}</caption>")
    lines.append("<thead>" + "".join(_headers(table, lead, lang)) + "</thead><tbody>")
    for ri, row in enumerate(table.rows):
        row_marks = marks.at.get((ti, ri, None), [])
        classes = [c for c, on in (("total", row.is_total), ("hidden", row.hidden)) if on]
        if row_marks:
            classes.append(f"c-{worst(row_marks, findings)}")
        cls = f' class="{" ".join(classes)}"' if classes else ""
        data = f' data-row="{esc(row.name)}" data-findings="{" ".join(map(str, row_marks))}"' if row_marks else ""
        cells = []
        if lead:
            cells.append(f"<td>{esc(row.label)}{_sup(row_marks, prefix) if row_marks else ''}</td>")
        for ci, text in enumerate(_texts(table, row)):
            col = table.columns[ci]
            cells.append(_cell(text, (ti, ri, ci), row, col.label, col.is_amount, marks, findings, prefix))
        if row_marks and not lead and cells:
            cells[0] = cells[0].replace("</td>", _sup(row_marks, prefix) + "</td>", 1)
        lines.append(f"<tr{cls}{data}>" + "".join(cells) + "</tr>")
    lines.append("</tbody></table>")
    if table.goals:
        lines.append(_goals(table, ti, marks, findings, prefix, lang))
    return "\n".join(lines)


def _goals(table, ti: int, marks: Marks, findings, prefix: str, lang: str) -> str:
    """T10's performance goals: each goal, the project amounts its cell lists, the figure stated."""
    lines = [f'<table class="goals" data-table="{esc(table.role or "")}"><thead><tr>'
             f"<th>{esc(html_word('item', lang))}</th><th></th><th></th></tr></thead><tbody>"]
    for gi, goal in enumerate(table.goals):
        key = (ti, len(table.rows) + gi, 0)
        items = "、".join(f"{name}{amount.text}" for name, amount in goal.items)
        stated = goal.stated.text if goal.stated is not None else ""
        lines.append(f"<tr><td>{esc(goal.label)}</td><td>{esc(items)}</td>"
                     + _cell(stated, key, SimpleNamespace(name=goal.label), "", True, marks, findings, prefix) + "</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)
