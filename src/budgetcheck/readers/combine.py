"""Several files that make one budget: the 说明 and its annex tables published apart.

A department often publishes the narrative and the annex tables separately (as text
and a workbook, or as two PDFs: Beijing's 附件1情况说明 and 附件2报表).  Read together,
they are one Document: its lines are the lines of every file that has text, one file
after the other, and its tables come from all of them, with their line numbers moved
to where their file's lines now start, so that a table of the second file is never
taken for the prose of the first.  Where two files hold the same table, the one that
keeps cells exactly wins: a workbook over a PDF over text, since text extraction
loses empty cells and a workbook never does.  All tables of a role come from that one
file (T11, one table per project, is never mixed).

``pairs`` finds such a budget among the files of one run: a narrative and a 报表 of
the same department and year, told apart by the end of their names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from budgetcheck.core.model import Document, Table

# which reading of a table to prefer when several files hold it (higher wins)
FIDELITY = {"xlsx": 3, "pdf": 2, "text": 1}


def combine(documents: list[Document]) -> Document:
    if len(documents) == 1:
        return documents[0]
    source: dict[str, int] = {}
    for n, doc in enumerate(documents):
        for table in doc.tables:
            if table.role is None:
                continue
            best = source.get(table.role)
            if best is None or FIDELITY.get(doc.kind, 0) > FIDELITY.get(documents[best].kind, 0):
                source[table.role] = n
    lines: list[str] = []
    offsets: dict[int, int] = {}  # where each document's lines start in the combined lines
    for n, doc in enumerate(documents):
        if doc.lines:
            offsets[n] = len(lines)
            lines.extend(_prose(doc))
    tables: list[Table] = []
    for n, doc in enumerate(documents):
        for table in doc.tables:
            if table.role is None or source[table.role] == n:
                tables.append(_moved(replace(table, index=len(tables)), offsets.get(n, 0)))
    texts = [d for d in documents if d.lines]
    pages = tuple(p for d in texts for p in d.line_pages) if all(d.line_pages for d in texts) else ()
    return Document(" + ".join(d.path for d in documents), tuple(tables), tuple(lines),
                    texts[0].encoding if texts else "utf-8", "combined", pages,
                    contents=tuple(entry for d in documents for entry in d.contents))


def _moved(table: Table, offset: int) -> Table:
    """The table with its line numbers counted in the combined document."""
    if offset == 0 or any(r.refs for r in table.rows[:1]):  # a workbook's rows are sheet rows
        return table
    return replace(table, line=table.line + offset, rows=tuple(replace(r, line=r.line + offset) for r in table.rows),
                   goals=tuple(replace(g, line=g.line + offset) for g in table.goals))


def _prose(doc: Document) -> list[str]:
    """The document's lines with its table text blanked (claims.table_lines): whichever
    file's reading of a table is kept, its rows are not prose (numbering is unchanged)."""
    from budgetcheck.claims import table_lines

    lines = list(doc.lines)
    for number in table_lines(doc):
        if 0 < number <= len(lines):
            lines[number - 1] = ""
    return lines


# the end of a file name that says which part of the budget the file is
PART = re.compile(r"[\s_\-－—–·]*(?:附件\s*\d*|附\s*\d+)?[\s:：.．、_\-－—–]*"
                  r"(?:(?P<prose>情况说明|预算说明|文字说明|说明)|(?P<tables>公开报表|报表|表格))$")


def pairs(paths: list[str]) -> dict[str, tuple[str, str]]:
    """Narrative and tables of one budget among ``paths``: for each file of a pair, the
    pair (narrative first).  Two files pair when they sit in one folder and their names
    are the same up to an end that says 说明 in one and 报表 in the other, and that
    shared part names a year (``北京市统计局2026年部门预算_附件1情况说明.pdf`` and
    ``…_附件2报表.pdf``).  A name that could pair with several files pairs with none."""
    by_base: dict[tuple[str, str], dict[str, list[str]]] = {}
    for path in paths:
        p = Path(path)
        m = PART.search(p.stem)
        base = p.stem[:m.start()].strip() if m else ""
        if m and len(base) >= 6 and re.search(r"20\d\d", base):
            kind = "prose" if m.group("prose") else "tables"
            by_base.setdefault((str(p.parent), base), {}).setdefault(kind, []).append(path)
    out: dict[str, tuple[str, str]] = {}
    for parts in by_base.values():
        prose, tables = parts.get("prose", []), parts.get("tables", [])
        if len(prose) == 1 and len(tables) == 1:
            out[prose[0]] = out[tables[0]] = (prose[0], tables[0])
    return out
