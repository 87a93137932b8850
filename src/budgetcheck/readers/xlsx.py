"""The workbook reader: annex tables in .xlsx/.xlsm sheets, in any order and layout.

A sheet is turned into the tab-separated lines the text reader parses, so that a
table read from a workbook and the same table read from text give the same model:
a row whose cells hold only captions (the title, ``单位：万元``, ``附件5``) becomes one
line per caption, every other row one line of cells.  Unlike text, a workbook never
loses an empty cell, so every line of a table has the table's full width and is read
positionally; empty columns are left out, so a table may start in any column.  Each
table then gets its cells back (``Row.refs``, ``Sheet!C12``), with their formulas.

A formula is read by the value Excel saved with it.  When there is none (the file
was written by a program that does not calculate), the cell reads as blank and the
formula is listed among the row's bad cells: BC002 names it, and no identity is
judged on it.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from xml.etree import ElementTree

from budgetcheck.core.errors import InputError
from budgetcheck.core.limits import MAX_CELLS, MAX_LINE_CHARS, MAX_RATIO, MAX_UNPACKED_BYTES, RATIO_FLOOR, MiB
from budgetcheck.core.model import Document, Table
from budgetcheck.core.figures import is_number
from budgetcheck import templates
from budgetcheck.readers.grid import CODE, TOTAL
from budgetcheck.readers.text import read_tables
from budgetcheck.readers.xlsx_cells import SheetText, cell_text, padded_code
from budgetcheck.readers.xlsx_parts import Visibility, visibility
from budgetcheck.readers.xlsx_refs import locate

TEMPLATE = templates.load()  # captions and titles; the document's own template is chosen from its text
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UNIT_FIRST = re.compile(r"^\s*(?:金额|计量)?单位\s*[:：]")  # a cell that is the 单位 line itself
SPLIT_HEADERS = ("款", "项")
NOTE = re.compile(r"^\s*(说明|注|备注)\s*[:：\d一二三（(]")
MAX_MEMBERS = 10_000


@dataclass(slots=True)
class Cell:
    text: str
    value: object = None
    formula: str = ""
    unknown: bool = False  # a formula saved without its value
    number_format: str = "General"


def sniff(data: bytes, name: str) -> None:
    """Raise InputError unless ``data`` is an OOXML workbook (.xlsx/.xlsm)."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if data[:8] == OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError(f"{name}: the workbook is password-protected (encrypted); "
                             "save an unprotected copy as .xlsx")
        raise InputError(f"{name}: an old-format .xls workbook, or an encrypted one; "
                         "save it as .xlsx (Excel Workbook) without a password")
    if data[:4] != b"PK\x03\x04":
        kind = "plain text (a CSV renamed?)" if b"\x00" not in data[:4096] else "not a zip file"
        raise InputError(f"{name}: not an Excel workbook: the file is {kind}; save it as .xlsx")
    try:
        infos = zipfile.ZipFile(BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(f"{name}: the Excel workbook is damaged (an incomplete or corrupt .xlsx file)") from None
    bounded(infos, len(data), name)
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        kind = ("a binary .xlsb workbook" if "xl/workbook.bin" in names
                else "a Word document" if "word/document.xml" in names
                else "an OpenDocument file" if "content.xml" in names else "a zip archive")
        raise InputError(f"{name}: {kind}, not an Excel workbook; save it as .xlsx")


def bounded(infos: list[zipfile.ZipInfo], packed: int, name: str) -> None:
    """Refuse a workbook that would unpack to more than any annex workbook needs, or
    that unpacks far more than it weighs (a zip bomb), before any part is inflated.
    A member whose real size exceeds what the directory declares fails its CRC check
    when read, so the declared sizes bound what is inflated."""
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"{name}: the workbook has {len(infos):,} parts, more than the {MAX_MEMBERS:,} limit")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(f"{name}: the workbook unpacks to {unpacked // MiB:,} MB, more than the "
                         f"{MAX_UNPACKED_BYTES // MiB} MB limit for a workbook")
    if unpacked > RATIO_FLOOR and unpacked > MAX_RATIO * max(packed, 1):
        raise InputError(f"{name}: the workbook unpacks to {unpacked / max(packed, 1):,.0f} times its size "
                         f"({unpacked // MiB:,} MB from {packed // 1024:,} KB), more than the {MAX_RATIO}× limit; "
                         "a zip bomb?")


def load(data: bytes, name: str, **options):
    """openpyxl's workbook, or one clear InputError; its warnings never reach stderr."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(BytesIO(data), **options)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a damaged file
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise InputError(f"{name}: the Excel workbook is damaged and cannot be read ({reason})") from None


def read_xlsx(data: bytes, name: str) -> Document:
    sniff(data, name)
    budget = Budget(name)
    book = load(data, name, read_only=True, data_only=False, keep_links=False)
    try:
        sheets = [(ws.title, _damaged(name, ws.title, _cells, ws, budget)) for ws in book.worksheets]
    finally:
        book.close()
    if any(cell.formula for _, cells in sheets for row in cells.values() for cell in row.values()):
        cached = load(data, name, data_only=True, read_only=True, keep_links=False)
        try:
            for title, cells in sheets:
                _damaged(name, title, _saved_values, cells, cached[title], budget)
        finally:
            cached.close()
    seen = _visibility(data, name)
    tables: list[Table] = []
    texts = [_sheet_text(title, cells, seen.get(title, Visibility())) for title, cells in sheets]
    chosen = templates.for_lines([line for sheet in texts for line in sheet.lines[:20]])
    lines: list[str] = []
    refs: list[str] = []
    for (title, cells), sheet in zip(sheets, texts):
        found = read_tables(sheet.lines, chosen)
        for table in found:
            tables.append(locate(table, sheet, len(tables)))
        if not any(t.role for t in found):
            _prose(title, cells, lines, refs)
    return Document(name, tuple(tables), tuple(lines), "utf-8", "xlsx", template=chosen.name, line_cells=tuple(refs))


PROSE = re.compile(r"[\u4e00-\u9fa5][^\n]{8,}[，。；：,;]")


def _prose(title: str, cells: dict[int, dict[int, Cell]], lines: list[str], refs: list[str]) -> None:
    """A sheet of prose (编制说明, 其他相关情况说明: text in merged cells, as budget systems
    export it) is the document's narrative: its text cells, row by row, each line with
    the cell it came from.  A sheet without a sentence in it adds nothing."""
    from openpyxl.utils import get_column_letter

    texts = [(r, c, cell.text) for r, row in sorted(cells.items()) for c, cell in sorted(row.items())
             if cell.text.strip() and not is_number(cell.text)]
    if not any(PROSE.search(t) for _, _, t in texts):
        return
    for r, c, text in texts:
        for part in text.splitlines():
            if part.strip():
                lines.append(part.strip())
                refs.append(f"{title}!{get_column_letter(c)}{r}")
        lines.append("")  # a cell ends its paragraph
        refs.append("")


def _visibility(data: bytes, name: str) -> dict[str, Visibility]:
    try:
        return visibility(data)
    except (KeyError, ValueError, EOFError, zlib.error, zipfile.BadZipFile, ElementTree.ParseError):
        raise InputError(f"{name}: the Excel workbook is damaged (its sheet list cannot be read)") from None


@dataclass
class Budget:
    """Cells visited so far, over all the sheets and both loads (limits.MAX_CELLS)."""

    name: str
    cells: int = 0

    def spend(self, n: int, sheet: str) -> None:
        self.cells += n
        if self.cells > MAX_CELLS:
            raise InputError(f"{self.name}: the workbook has more than {MAX_CELLS:,} cells (sheet {sheet!r}); "
                             "an annex workbook has far fewer")


def _damaged(name: str, sheet: str, read, *args):
    """Run one sheet's reading; a sheet whose XML is cut or malformed is one clear line."""
    try:
        return read(*args)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl, expat and zipfile raise many kinds
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise InputError(f"{name}: the Excel workbook is damaged: sheet {sheet!r} cannot be read ({reason})") from None


def _cells(ws, budget: Budget | None = None) -> dict[int, dict[int, Cell]]:
    """The non-empty cells by row and column; formulas wait for their saved values.
    Read-only sheets trust the file's dimension tag, which some writers get wrong."""
    ws.reset_dimensions()
    rows: dict[int, dict[int, Cell]] = {}
    for row in ws.iter_rows():
        if budget is not None:
            budget.spend(len(row) + 1, ws.title)
        for c in row:
            value = c.value
            if value is None:
                continue
            if c.data_type == "f":
                cell = Cell("", None, _formula_text(value), True, c.number_format)
            else:
                cell = Cell(cell_text(value, c.number_format), value)
                if not cell.text:
                    continue
                if len(cell.text) > MAX_LINE_CHARS:
                    raise InputError(f"{ws.title}!{c.coordinate}: a cell of {len(cell.text):,} characters, more "
                                     f"than the {MAX_LINE_CHARS:,} limit")
            rows.setdefault(c.row, {})[c.column] = cell
    return rows


def _saved_values(cells: dict[int, dict[int, Cell]], ws, budget: Budget | None = None) -> None:
    """Fill formula cells with the values Excel saved (read-only: reset the dimension,
    which some writers get wrong)."""
    wanted = {(r, c) for r, row in cells.items() for c, cell in row.items() if cell.formula}
    ws.reset_dimensions()
    for row in ws.iter_rows():
        if budget is not None:
            budget.spend(len(row) + 1, ws.title)
        for c in row:
            key = (getattr(c, "row", None), getattr(c, "column", None))
            if key in wanted and c.value is not None:
                cell = cells[key[0]][key[1]]
                cell.value, cell.unknown = c.value, False
                cell.text = cell_text(c.value, cell.number_format)


def _formula_text(value: object) -> str:
    text = str(getattr(value, "text", value) or "")  # array formulas carry their text
    return text if text.startswith("=") else "=" + text


def _sheet_text(title: str, cells: dict[int, dict[int, Cell]], seen: Visibility) -> SheetText:
    sheet = SheetText(title)
    sheet.hidden_rows = set(cells) if seen.state != "visible" else seen.rows
    sheet.hidden_cols = seen.cols
    for r, row in cells.items():
        for c, cell in row.items():
            if cell.formula:
                sheet.formulas[(r, c)] = cell.formula
            if cell.unknown:
                sheet.unknown.add((r, c))
    last = max(cells, default=0)
    kinds = {r: _caption_kind(row) for r, row in cells.items()}
    starts = [r for r in sorted(kinds) if kinds[r] == "title"]
    bounds = [1, *[s for s in starts if s > 1], last + 1]
    for lo, hi in zip(bounds, bounds[1:]):
        _region(sheet, cells, _captions(cells, kinds, lo, hi), lo, hi)
    return sheet


def _captions(cells, kinds: dict[int, str | None], lo: int, hi: int) -> set[int]:
    """Caption rows of a region: titles and 单位 lines anywhere; a lone line of text
    only above or below the grid (inside it, it is a row with one cell filled)."""
    grid = [r for r in range(lo, hi) if r in kinds and kinds[r] is None]
    first, last = (min(grid), max(grid)) if grid else (hi, lo)
    out = set()
    for r in range(lo, hi):
        kind = kinds.get(r)
        if kind in ("title", "unit"):
            out.add(r)
        elif kind == "single":
            text = next(c.text for c in cells[r].values() if c.text.strip())
            if r < first or r > last or NOTE.match(text):
                out.add(r)
    return out


def _region(sheet: SheetText, cells, captions: set[int], lo: int, hi: int) -> None:
    """Rows lo..hi-1: one table, perhaps with a few lines before it, at its own width."""
    body = [r for r in range(lo, hi) if r in cells and r not in captions]
    used = sorted({c for r in body for c in cells[r]})
    split_from = {c: r for r in body for c, cell in cells[r].items() if cell.text.strip() in SPLIT_HEADERS}
    for r in range(lo, hi):
        row = cells.get(r, {})
        if not row:
            sheet.add("", r, ())
        elif r in captions:
            for c in sorted(row):
                sheet.add(row[c].text, r, (c,))
                found = TEMPLATE.unit_of(row[c].text)
                if found and not UNIT_FIRST.match(row[c].text):
                    sheet.add(f"单位：{found}", r, (c,))
        else:
            texts = []
            for c in used:
                cell = row.get(c)
                text = cell.text if cell is not None else ""
                if cell is not None and c in split_from and r > split_from[c]:
                    text = padded_code(cell.value) or text
                texts.append(text)
            sheet.add("\t".join(texts), r, tuple(used))


def _caption_kind(row: dict[int, Cell]) -> str | None:
    """title or unit (a row of captions: a title, a 单位 line, 附件N, a year), single (one
    cell of text), or None (a row of the grid)."""
    texts = [c.text.strip() for c in row.values() if c.text.strip()]
    if not texts or any(c.unknown for c in row.values()):
        return None
    if any(is_number(t) or CODE.match(t) or TOTAL.match(t) for t in texts):
        return None
    titled = any(TEMPLATE.recognise(t) for t in texts)
    if len(texts) == 1:
        return "title" if titled else "unit" if TEMPLATE.unit_of(texts[0]) else "single"
    if any(titled or TEMPLATE.unit_of(t) for t in texts) and all(
            TEMPLATE.recognise(t) or TEMPLATE.unit_of(t) or TEMPLATE.caption("subtitle", t) or TEMPLATE.caption("label", t)
            or "：" in t or ":" in t for t in texts):
        return "title" if titled else "unit"
    return None
