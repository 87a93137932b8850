"""The PDF reader: a published 部门预算 as the public sees it, into the model.

Pages are read as geometry (pdf_page, pdf_grid): ruled grids become tables cell by
cell, everything else is running text.  Walking the pages top to bottom, a grid
under a recognised title starts a table, a title-less grid at the top of the next
page with the same columns continues it, and any other grid is kept as a table with
no role (listed, not dropped).  ``Document.lines`` is the document as text in
reading order: paragraphs joined across wraps, titles, and each table row as a
tab-joined line; every row's ``line`` points into it and ``line_pages`` gives each
line's page, so findings say both.

pypdfium2 (PDFium, BSD-3-Clause / Apache-2.0) does the parsing; it was chosen by
measurement (benchmarks/pdf.py) over pdfplumber's table finder.
"""

from __future__ import annotations

import re
from collections import Counter

from ..errors import InputError
from ..limits import MAX_PAGES
from ..model import Document
from ..schema import recognise_title
from .pdf_page import Grid, Page, TextLine
from .pdf_tables import Fragment, PdfTable, build, continues, row_cells
from .pdf_text import Paragraphs, contents_pages, furniture, is_contents_entry, margins

UNIT = re.compile(r"单位\s*[:：]\s*(万元|亿元|元)")
SUBTITLE = re.compile(r"^\s*[（(]\s*\d{4}\s*年\s*(度)?\s*[)）]\s*$")
ANNEX = re.compile(r"^\s*附件\s*\d+\s*$")
NOTE = re.compile(r"^\s*(注|说明|备注)\s*[:：]|空表|^\s*本(部门|单位).{0,20}无")
CONTINUED = re.compile(r"^\s*[（(]?\s*续(表|上|前)?\s*[)）]?\s*$")


def open_pdf(data: bytes, name: str):
    """The PDFium document, or InputError with one line for what cannot be opened."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(f"{name}: the PDF is encrypted and needs a password to open") from None
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_SUCCESS:  # PDFium's answer to an empty page tree
            raise InputError(f"{name}: the PDF has no pages") from None
        reason = str(exc).split("(PDFium: ", 1)[-1].rstrip(").")
        raise InputError(f"{name}: not a readable PDF ({reason})") from None


def read_pages(data: bytes, name: str) -> list[Page]:
    from .pdf_grid import read_page

    pdf = open_pdf(data, name)
    if len(pdf) > MAX_PAGES:
        count = len(pdf)
        pdf.close()
        raise InputError(f"{name}: the PDF has {count:,} pages, more than the {MAX_PAGES:,} limit")
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                pages.append(read_page(page, i + 1))
            finally:
                page.close()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged page must not become a traceback
        raise InputError(f"{name}: cannot read the PDF's pages ({type(exc).__name__}: {exc})") from None
    finally:
        pdf.close()
    if not pages:
        raise InputError(f"{name}: the PDF has no pages")
    if not any(p.glyphs for p in pages):
        if any(p.images for p in pages):
            raise InputError(f"{name}: the PDF has no text layer (scanned pages?); run OCR on it first")
        raise InputError(f"{name}: the PDF has no text")
    return pages


def read_pdf(data: bytes, name: str) -> Document:
    return assemble(read_pages(data, name), name)


def contents(pages: list[Page]) -> list[str]:
    """The 目录 entries of the document, as printed (leaders included)."""
    dropped = furniture(pages)
    toc = contents_pages(pages, dropped)
    out = []
    for page in pages:
        for i, line in enumerate(page.lines):
            if (page.number, i) not in dropped and (page.number in toc or is_contents_entry(line.text)):
                out.append(line.text)
    return out[1:] if out and re.match(r"^目\s*录$", out[0]) else out


def assemble(pages: list[Page], name: str) -> Document:
    dropped = furniture(pages)
    toc = contents_pages(pages, dropped)
    text = Paragraphs()
    tables: list[PdfTable] = []
    units: list[str] = []
    carried: list[tuple[TextLine, int]] = []  # a title printed at the foot of the previous page
    after: PdfTable | None = None  # the table whose grid was the last item: notes below it are its own
    for page in pages:
        if page.number in toc:
            continue
        left, right = margins(page)
        lines = [l for i, l in enumerate(page.lines)
                 if (page.number, i) not in dropped and not is_contents_entry(l.text)]
        items: list[TextLine | Grid] = sorted([*lines, *page.grids], key=lambda it: it.top)
        lead = next((it for it in items if isinstance(it, Grid) or not _heading_part(it.text)), None)
        if carried and not isinstance(lead, Grid):
            for line, number in carried:
                text.emit(line.text.strip(), number)
            carried = []
        pending: list[tuple[TextLine, int]] = carried
        carried, first_grid = [], True
        for item in items:
            if isinstance(item, TextLine):
                if after is not None and not pending and NOTE.search(item.text):
                    after.notes.append(item.text.strip())
                    text.emit(item.text.strip(), page.number)
                    continue
                after = None
                pending.append((item, page.number))
                continue
            table = _start(item, pending, page, tables, first_grid, units, text, left, right)
            if table.unit and table.fragments == [] and table.role is not None:
                units.append(table.unit)
            lines_of_rows = [text.emit("\t".join(cells), page.number) if any(cells) else 0
                             for cells in row_cells(item)]
            table.fragments.append(Fragment(item, page.number, lines_of_rows))
            pending, after, first_grid = [], table, False
        titled = [k for k, (l, _) in enumerate(pending) if recognise_title(l.text)]
        if titled:
            pending, carried = pending[:titled[-1]], pending[titled[-1]:]
        for line, number in pending:
            text.add(line, number, left, right)  # a paragraph may run on to the next page
    for line, number in carried:
        text.emit(line.text.strip(), number)
    built = tuple(build(t, k, text.pages) for k, t in enumerate(tables))
    return Document(name, built, tuple(text.lines), "utf-8", "pdf", line_pages=tuple(text.pages))


def _start(grid: Grid, pending: list[tuple[TextLine, int]], page: Page, tables: list[PdfTable], first_grid: bool,
           units: list[str], text: Paragraphs, left: float, right: float) -> PdfTable:
    """The table this grid belongs to: a new one under its title, or the one it continues."""
    titled = [k for k, (l, _) in enumerate(pending) if recognise_title(l.text)]
    usual = Counter(units).most_common(1)[0][0] if units else "万元"
    if titled:
        k = titled[-1]
        for line, number in pending[:k]:
            text.add(line, number, left, right)
        title = re.sub(r"\s+", " ", pending[k][0].text.strip())
        table = PdfTable(recognise_title(title), title, usual, text.emit(title, pending[k][1]), pending[k][1])
        for line, number in pending[k + 1:]:
            found = UNIT.search(line.text)
            text.emit(line.text.strip(), number)
            if found:
                table.unit = found.group(1)
            elif not (SUBTITLE.match(line.text) or ANNEX.match(line.text)):
                table.notes.append(line.text.strip())
        tables.append(table)
        return table
    if tables and first_grid and _continued(tables[-1], grid, page, [l for l, _ in pending]):
        for line, number in pending:
            text.emit(line.text.strip(), number)
        return tables[-1]
    for line, number in pending[:-1]:
        text.add(line, number, left, right)
    caption = pending[-1][0].text.strip() if pending else "(untitled)"
    line = text.emit(caption, page.number) if pending else len(text.lines) + 1
    table = PdfTable(None, caption[:60], usual, line, page.number)
    tables.append(table)
    return table


def _heading_part(text: str) -> bool:
    """A line that sits between a table's title and its grid (unit, year, annex number)."""
    return bool(UNIT.search(text) or SUBTITLE.match(text) or ANNEX.match(text))


def _continued(table: PdfTable, grid: Grid, page: Page, pending: list[TextLine]) -> bool:
    last = table.fragments[-1] if table.fragments else None
    return (last is not None and last.page == page.number - 1 and continues(table, grid)
            and all(CONTINUED.match(l.text) or UNIT.search(l.text) for l in pending))
