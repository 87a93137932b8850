"""Several files that make one budget: the 说明 as text and its annexes as a workbook.

A department often publishes the narrative and the annex tables separately.  Read
together, they are one Document: its lines (for the narrative rules) are the text
documents' lines, and its tables come from all of them.  Where two files hold the same
table, the one that keeps cells exactly wins: a workbook over a PDF over text, since
text extraction loses empty cells and a workbook never does.  All tables of a role
come from that one file (T11, one table per project, is never mixed).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Document, Table

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
    tables: list[Table] = []
    for n, doc in enumerate(documents):
        for table in doc.tables:
            if table.role is None or source[table.role] == n:
                tables.append(replace(table, index=len(tables)))
    texts = [d for d in documents if d.lines]
    lines = tuple(line for d in texts for line in _prose(d))
    pages = tuple(p for d in texts for p in d.line_pages) if all(d.line_pages for d in texts) else ()
    return Document(" + ".join(d.path for d in documents), tuple(tables), lines,
                    texts[0].encoding if texts else "utf-8", "combined", pages)


def _prose(doc: Document) -> list[str]:
    """The document's lines with its own recognised tables blanked: they are table text,
    not prose, whichever file's reading of the table is kept (numbering is unchanged)."""
    lines = list(doc.lines)
    for table in doc.tables:
        if table.role is None or any(r.refs for r in table.rows[:1]):
            continue
        last = max([r.line for r in table.rows] + [g.line for g in table.goals] + [table.line])
        for i in range(table.line - 1, min(last, len(lines))):
            lines[i] = ""
    return lines
