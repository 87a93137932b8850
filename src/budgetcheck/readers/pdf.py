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

from budgetcheck.core.errors import InputError
from budgetcheck import templates
from budgetcheck.core.limits import MAX_PAGES
from budgetcheck.core.marks import PDF_LIST_HEADING
from budgetcheck.core.model import Document, Table
from budgetcheck.templates.schema import FAILED
from budgetcheck.readers.pdf_page import Grid, Page, TextLine
from budgetcheck.readers.pdf_tables import Fragment, PdfTable, build, continues, row_cells, same_columns
from budgetcheck.readers.selfeval import SELFEVAL_ROLES, reads_as_indicators
from budgetcheck.readers.contents import is_contents_entry
from budgetcheck.readers.pdf_text import Paragraphs, contents_pages, furniture, margins



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
    from budgetcheck.readers.pdf_grid import read_page

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
    return [text for text, _ in contents_with_pages(pages)]


def contents_with_pages(pages: list[Page], dropped: set[tuple[int, int]] | None = None) -> list[tuple[str, int]]:
    """The 目录 entries of the document, as printed, each with its page."""
    dropped = furniture(pages) if dropped is None else dropped
    toc = contents_pages(pages, dropped)
    out = []
    for page in pages:
        for i, line in enumerate(page.lines):
            if (page.number, i) not in dropped and (page.number in toc or is_contents_entry(line.text)):
                out.append((line.text, page.number))
    return out[1:] if out and re.match(r"^目\s*录$", out[0][0].strip()) else out


def _year(titles: list[str]) -> int | None:
    """The document's year: the one its table titles (else its first lines) name most."""
    years = Counter(int(y) for t in titles for y in re.findall(r"(20\d\d)\s*年", t))
    return years.most_common(1)[0][0] if years else None


def assemble(pages: list[Page], name: str, forced: str | None = None) -> Document:
    dropped = furniture(pages)
    toc = contents_pages(pages, dropped)
    head = [l.text for page in pages[:6] for i, l in enumerate(page.lines) if (page.number, i) not in dropped]
    template = templates.for_lines(head, forced)
    text = Paragraphs()
    text.heights = {page.number: page.height for page in pages}
    tables: list[PdfTable] = []
    units: list[str] = []
    carried: list[tuple[TextLine, int]] = []  # a title printed at the foot of the previous page
    after: PdfTable | None = None  # the table whose grid was the last item: notes below it are its own
    for page in pages:
        if page.number in toc or (page.lines and page.lines[0].text.strip() == PDF_LIST_HEADING and not page.grids):
            continue  # a contents page, or the findings list of a copy budgetcheck annotated
        left, right = margins(page)
        lines = [l for i, l in enumerate(page.lines)
                 if (page.number, i) not in dropped and not is_contents_entry(l.text)]
        items: list[TextLine | Grid] = sorted([*lines, *page.grids], key=lambda it: it.top)
        lead = next((it for it in items if isinstance(it, Grid) or not _heading_part(it.text, template)), None)
        if carried and not isinstance(lead, Grid):
            for line, number in carried:
                text.emit(line.text.strip(), number, _rect(line))
            carried = []
        pending: list[tuple[TextLine, int]] = carried
        carried, first_grid = [], True
        for item in items:
            if isinstance(item, TextLine):
                if after is not None and not pending and template.caption("note", item.text):
                    after.notes.append(item.text.strip())
                    text.emit(item.text.strip(), page.number, _rect(item))
                    continue
                after = None
                pending.append((item, page.number))
                continue
            table = _start(item, pending, page, tables, first_grid, units, text, left, right, template)
            if table.unit and table.fragments == [] and table.role is not None:
                units.append(table.unit)
            lines_of_rows = [text.emit("\t".join(cells), page.number, (item.xs[0], item.ys[r], item.xs[-1], item.ys[r + 1]),
                                       item.xs) if any(cells) else 0
                             for r, cells in enumerate(row_cells(item))]
            table.fragments.append(Fragment(item, page.number, lines_of_rows))
            pending, after, first_grid = [], table, False
        titled = [k for k, (l, _) in enumerate(pending) if template.recognise(l.text)]
        if titled:
            pending, carried = pending[:titled[-1]], pending[titled[-1]:]
        for line, number in pending:
            text.add(line, number, left, right)  # a paragraph may run on to the next page
    for line, number in carried:
        text.emit(line.text.strip(), number, _rect(line))
    year = _year([t.title for t in tables if t.role]) or _year(head)
    built = tuple(_safely(lambda t=t, k=k: build(t, k, text.pages, template, year), t.role, t.title, t.unit, t.line, k,
                          t.page) for k, t in enumerate(tables))
    return Document(name, built, tuple(text.lines), "utf-8", "pdf", line_pages=tuple(text.pages),
                    template=template.name, contents=tuple(contents_with_pages(pages, dropped)),
                    line_boxes=tuple(tuple(b) for b in text.boxes), line_columns=tuple(text.columns),
                    line_chars=tuple(tuple(c) for c in text.chars))


def _rect(line: TextLine) -> tuple[float, float, float, float]:
    return line.x0, line.top, line.x1, line.bottom


def _safely(make, role, title, unit, line, index, page=None) -> Table:
    """A table built by ``make``, or, when reading it fails, the table with no rows and
    the failure in its readings (a warning says so): one table never costs the others."""
    try:
        return make()
    except Exception as exc:  # noqa: BLE001 - a reader's bug must not lose the rest of the document
        return Table(role, title, unit, (), (), line, index, page=page,
                     readings=(f"{FAILED} ({type(exc).__name__}: {exc})",))


def _in_grid_title(grid: Grid, template) -> str | None:
    """A title printed as the grid's first row: one cell across the whole width."""
    first = [c for c in grid.cells if c.row == 0]
    if len(first) == 1 and first[0].cols == len(grid.xs) - 1 and first[0].text:
        spec = template.recognise(first[0].text)
        if spec is not None:
            return first[0].text
    return None


def _start(grid: Grid, pending: list[tuple[TextLine, int]], page: Page, tables: list[PdfTable], first_grid: bool,
           units: list[str], text: Paragraphs, left: float, right: float, template) -> PdfTable:
    """The table this grid belongs to: a new one under its title, or the one it continues."""
    titled = [k for k, (l, _) in enumerate(pending) if template.recognise(l.text)]
    usual = Counter(units).most_common(1)[0][0] if units else "万元"
    inside = _in_grid_title(grid, template)
    if inside is not None:
        for line, number in pending:
            text.add(line, number, left, right)
        title = re.sub(r"\s+", " ", inside.strip())
        table = PdfTable(template.recognise(title).role, title, _inline_unit(grid, template) or usual,  # type: ignore[union-attr]
                         len(text.lines) + 1, page.number)
        tables.append(table)
        return table
    if titled:
        k = titled[-1]
        for line, number in pending[:k]:
            text.add(line, number, left, right)
        title = re.sub(r"\s+", " ", pending[k][0].text.strip())
        spec = template.recognise(title)
        table = PdfTable(spec.role if spec else None, title, usual, text.emit(title, pending[k][1], _rect(pending[k][0])),
                         pending[k][1])
        unit = None
        for line, number in pending[k + 1:]:
            found = template.unit_of(line.text)
            text.emit(line.text.strip(), number, _rect(line))
            if found:
                unit = found
            elif not _heading_part(line.text, template):
                table.notes.append(line.text.strip())
        table.unit = unit or (_inline_unit(grid, template) if spec and spec.layout == "form" else None) or usual
        tables.append(table)
        return table
    if tables and ((first_grid and _continued(tables[-1], grid, page, [l for l, _ in pending], template))
                   or (not first_grid and _form_goes_on(tables[-1], grid, page, [l for l, _ in pending], template))):
        for line, number in pending:
            text.emit(line.text.strip(), number, _rect(line))
        return tables[-1]
    own = [k for k, (l, _) in enumerate(pending) if not _heading_part(l.text, template)]
    cut = own[-1] if own else len(pending)
    for line, number in pending[:cut]:
        text.add(line, number, left, right)
    caption = pending[cut][0].text.strip() if own else "(untitled)"
    line = text.emit(caption, page.number, _rect(pending[cut][0])) if own else len(text.lines) + 1
    unit = None
    for line_, number in pending[cut + 1:]:
        text.emit(line_.text.strip(), number, _rect(line_))
        unit = template.unit_of(line_.text) or unit
    table = PdfTable(None, caption[:60], unit or usual, line, page.number)
    tables.append(table)
    return table


def _form_goes_on(table: PdfTable, grid: Grid, page: Page, pending: list[TextLine], template) -> bool:
    """A form printed as two grids on one page, the indicators' header between them as
    text (一级指标 二级指标 三级指标 … 分值 得分): the second grid is the same form's, when
    nothing but that header line separates them and the outer edges are the form's."""
    last = table.fragments[-1] if table.fragments else None
    if last is None or last.page != page.number or not _runs_on_as_form(table, grid, template):
        return False
    words = [l for l in pending if not _heading_part(l.text, template)]
    if len(words) > 1 or any(not re.search(r"三级指标|指标名称", re.sub(r"\s+", "", l.text)) for l in words):
        return False
    first = table.fragments[0].grid
    return abs(first.xs[0] - grid.xs[0]) <= 3 and abs(first.xs[-1] - grid.xs[-1]) <= 3


def _runs_on_as_form(table: PdfTable, grid: Grid, template) -> bool:
    """A form goes on in a grid of other columns; so does the department's self-evaluation
    (its tasks and funds a grid, its indicators a form) when the grid is its indicators,
    or when it already went on as a form (a grid with the form's columns is read as one)."""
    if template.layout(table.role) == "form":
        return True
    if table.role not in SELFEVAL_ROLES:
        return False
    return reads_as_indicators(row_cells(grid)) or any(
        not continues(table, f.grid) and same_columns(f.grid, grid) for f in table.fragments[1:])


def _inline_unit(grid: Grid, template) -> str | None:
    """A unit written inside a header or label cell: ``资金金额(万元)``."""
    pattern = template.captions["inline_unit"]
    for cell in grid.cells:
        m = pattern.search(re.sub(r"\s+", "", cell.text))
        if m:
            return m.group(1)
    return None


def _heading_part(text: str, template) -> bool:
    """A line that sits between a table's title and its grid (unit, year, table number,
    the department's name) and is never a title or a note."""
    return bool(template.unit_of(text) or template.caption("subtitle", text) or template.caption("label", text)
                or template.caption("owner", text) or template.caption("continued", text))


def _continued(table: PdfTable, grid: Grid, page: Page, pending: list[TextLine], template) -> bool:
    last = table.fragments[-1] if table.fragments else None
    if last is None or last.page != page.number - 1:
        return False
    if not all(_heading_part(l.text, template) or len(re.sub(r"\s+", "", l.text)) <= 4 for l in pending):
        return False
    if continues(table, grid):
        return True
    # a form (performance table) runs on with its own columns: the same outer edges will do
    first = table.fragments[0].grid
    if not _runs_on_as_form(table, grid, template) or abs(first.xs[-1] - grid.xs[-1]) > 3:
        return False
    if abs(first.xs[0] - grid.xs[0]) <= 3:
        return True
    # … or without its leftmost merged column (年度绩效指标 printed once, on the first
    # page): every column edge of the grid is one of the form's
    return all(any(abs(x - y) <= 3 for y in last.grid.xs) for x in grid.xs)
