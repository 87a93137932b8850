"""Hostile and damaged inputs, made cheaply on demand (tests/test_hostile.py and
benchmarks/hostile.py): nothing large is ever committed, every file is written into
the folder it is given.

Each maker returns the path it wrote.  The sizes are parameters, so that the tests
can use small instances of each kind and the benchmark the worst ones.
"""

from __future__ import annotations

import random
import re
import unicodedata
import zipfile
from io import BytesIO
from pathlib import Path

NAME = "2023-xiamen-hrss-budget.txt"
#: the bundled sample: beside the source tree in a checkout, else under the current folder
#: (an installed copy runs its tests and benchmarks from the project root); tests set it
SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / NAME  # tests/synth → the repository's seeds/
T5_ROW = "2080101\t行政运行\t2,510.33\t2,510.33\t1,950.01\t560.32\t"
T5_TYPO = "2080101\t行政运行\t2,510.33\t2,510.33\t1,950.01\t506.32\t"  # 公用支出 560.32 typed as 506.32


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def with_typo(text: str | None = None) -> str:
    """The sample with 2080101's 公用支出 changed (an error BC101 must find at that row)."""
    text = sample_text() if text is None else text
    assert text.count(T5_ROW) == 1
    return text.replace(T5_ROW, T5_TYPO)


# --- texts whose tabs became spaces -------------------------------------------------


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def expand_display(line: str, stop: int = 8) -> str:
    """Tabs expanded as a terminal shows them (a CJK character is two columns wide)."""
    out, pos = [], 0
    for ch in line:
        if ch == "\t":
            n = stop - pos % stop
            out.append(" " * n)
            pos += n
        else:
            out.append(ch)
            pos += _width(ch)
    return "".join(out)


_FIGURE = re.compile(r"^-?[\d,]+(\.\d+)?$")


def aligned_layout(text: str, gap: int = 3) -> str:
    """Each table's tab lines as aligned columns (a PDF viewer's or Word's copy): every
    column padded to its widest cell, figures right-aligned, one layout per table."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and ("\t" in lines[j] or (not lines[j].strip() and j + 1 < len(lines)
                                                       and "\t" in lines[j + 1])):
            j += 1
        block = [line.split("\t") for line in lines[i:j] if line.strip()]
        n = max(len(b) for b in block)
        widths = [max((sum(map(_width, b[k])) for b in block if k < len(b)), default=0) for k in range(n)]
        for line in lines[i:j]:
            if not line.strip():
                out.append(line)
                continue
            cells = line.split("\t") + [""] * n
            padded = []
            for k in range(n):
                pad = " " * (widths[k] - sum(map(_width, cells[k])))
                padded.append(pad + cells[k] if _FIGURE.match(cells[k]) else cells[k] + pad)
            out.append((" " * gap).join(padded).rstrip())
        i = j
    return "\n".join(out)


def in_their_columns(text: str) -> str:
    """The sample's grid rows rewritten from the model, each figure in its column: the
    published text lost an empty cell at some page breaks, which the text reader puts
    back, but an aligned layout made from the raw lines would draw those rows shifted."""
    from budgetcheck.readers import read_bytes
    from budgetcheck.templates.schema import GRID_ROLES

    doc = read_bytes(text.encode("utf-8"), "sample.txt")
    lines = text.split("\n")
    for table in doc.tables:
        if table.role not in GRID_ROLES:
            continue
        n_text = sum(1 for c in table.columns if not c.is_amount)
        for row in table.rows:
            cells = (row.raw.split("\t") + [""] * n_text)[:n_text]
            if row.is_total and n_text > 1 and cells[1][:1].isdigit():
                cells = [cells[0]] + [""] * (n_text - 1)
            figures = ["" if a is None or a.blank else a.text for a, c in zip(row.amounts, table.columns) if c.is_amount]
            lines[row.line - 1] = "\t".join(cells + figures)
    return "\n".join(lines)


def tabless(text: str, how: str, seed: int = 5) -> str:
    """The text with its tabs turned into spaces: ``unit2``/``unit4`` (each tab N spaces),
    ``expand8`` (tab stops in characters), ``display8`` (in display columns), ``aligned``
    (aligned columns), ``random`` (2–5 spaces each, unaligned) or ``single`` (one space)."""
    if how.startswith("unit"):
        return text.replace("\t", " " * int(how[4:]))
    if how == "expand8":
        return "\n".join(line.expandtabs(8) for line in text.split("\n"))
    if how == "display8":
        return "\n".join(expand_display(line) for line in text.split("\n"))
    if how == "aligned":
        return aligned_layout(in_their_columns(text))
    if how == "random":
        rng = random.Random(seed)
        return re.sub("\t", lambda m: " " * rng.randint(2, 5), text)
    if how == "single":
        return text.replace("\t", " ")
    raise ValueError(how)


# --- workbooks ------------------------------------------------------------------------

_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                  'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                  'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                  '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
                  'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxml'
                  'formats-officedocument.spreadsheetml.worksheet+xml"/>{extra}</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
         'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="T5" '
         'sheetId="1" r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
              '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              'relationships/worksheet" Target="worksheets/sheet1.xml"/>{extra}</Relationships>')
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
               'spreadsheetml/2006/main"><sheetData>')
_SHEET_TAIL = "</sheetData></worksheet>"
_TITLE_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>一般公共预算支出情况表</t></is></c></row>'


def _row(r: int, cols: int = 8) -> str:
    cells = "".join(f'<c r="{_col(c)}{r}"><v>{r}.{c:02d}</v></c>' for c in range(1, cols + 1))
    return f'<row r="{r}">{cells}</row>'


def _col(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def workbook(path: Path, sheet_chunks, *, shared: str | None = None, level: int = 9) -> Path:
    """A minimal .xlsx whose one sheet's XML is the chunks given (streamed, so a sheet
    of hundreds of megabytes costs no memory to make)."""
    extra_types = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.sharedStrings+xml"/>') if shared is not None else ""
    extra_rels = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                  'relationships/sharedStrings" Target="sharedStrings.xml"/>') if shared is not None else ""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(extra=extra_types))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _BOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS.format(extra=extra_rels))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for chunk in sheet_chunks:
                sheet.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        if shared is not None:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
                strings.write(shared.encode("utf-8"))
    return path


def xlsx_bomb(path: Path, megabytes: int = 200, distinct: int = 200) -> Path:
    """A sheet of ``megabytes`` of one block of ``distinct`` rows repeated: a few MB
    packed, or a few hundred KB with ``distinct=1`` (the 478 KB workbook of issue 14
    unpacked to 200 MB of sheet XML)."""
    block = ("".join(f'<row><c t="n"><v>{k}.5</v></c><c t="n"><v>1</v></c></row>'
                     for k in range(distinct)) * (200 // distinct)).encode()

    def chunks():
        yield _SHEET_HEAD + _TITLE_ROW
        for _ in range(megabytes * 1024 * 1024 // len(block) + 1):
            yield block
        yield _SHEET_TAIL
    return workbook(path, chunks(), level=6)


def xlsx_cells(path: Path, rows: int, cols: int = 20) -> Path:
    """A sheet with ``rows`` × ``cols`` cells (small enough to pass the size limits)."""
    def chunks():
        yield _SHEET_HEAD + _TITLE_ROW
        for start in range(2, rows + 2, 500):
            yield "".join(_row(r, cols) for r in range(start, min(start + 500, rows + 2)))
        yield _SHEET_TAIL
    return workbook(path, chunks())


def xlsx_wide_sparse(path: Path, rows: int = 50_000) -> Path:
    """Every row holds one cell in the last column (XFD): a reader that fills rows out
    to their last cell visits 16,384 cells a row."""
    def chunks():
        yield _SHEET_HEAD + _TITLE_ROW
        for start in range(2, rows + 2, 1000):
            yield "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(start, min(start + 1000, rows + 2)))
        yield _SHEET_TAIL
    return workbook(path, chunks())


def xlsx_cut_sheet(path: Path) -> Path:
    """A well-formed package whose sheet XML stops in the middle of a row."""
    body = _SHEET_HEAD + _TITLE_ROW + "".join(_row(r) for r in range(2, 40))
    return workbook(path, [body[: len(body) - 37]])


def xlsx_nested(path: Path, depth: int = 100_000) -> Path:
    """A sheet whose XML nests ``depth`` elements inside a cell."""
    return workbook(path, [_SHEET_HEAD + _TITLE_ROW + '<row r="2"><c r="A2" t="inlineStr"><is>' + "<r>" * depth
                           + "</r>" * depth + "</is></c></row>" + _SHEET_TAIL])


def xlsx_shared_strings(path: Path, megabytes: int = 40) -> Path:
    """One shared string of ``megabytes`` (a cell of that length)."""
    text = "预" * (megabytes * 1024 * 1024 // 3)
    shared = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
              f'2006/main" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>')
    sheet = _SHEET_HEAD + _TITLE_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>' + _SHEET_TAIL
    return workbook(path, [sheet], shared=shared)


def xlsx_lying_sizes(path: Path, megabytes: int = 64) -> Path:
    """A bomb whose zip directory declares its sheet 1 KB unpacked (the real size is
    ``megabytes``): only reading it can tell."""
    xlsx_bomb(path, megabytes)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(BytesIO(bytes(data))) as z:
        info = z.getinfo(name.decode())
        real = info.file_size
    # zip64 extra fields hold the real sizes of a forced-zip64 member: patch every
    # little-endian 8-byte copy of the real size, and the 4-byte fields if present
    for width in (8, 4):
        if real >= 2 ** (8 * width):
            continue
        old = real.to_bytes(width, "little")
        new = (1024).to_bytes(width, "little")
        data = bytearray(bytes(data).replace(old, new))
    path.write_bytes(bytes(data))
    return path


# --- PDFs -------------------------------------------------------------------------------


def pdf(path: Path, pages: int, text: str | None = None) -> Path:
    """A hand-written PDF of ``pages`` pages sharing one content stream (empty, or one
    line of Helvetica text): ten thousand pages in a few hundred kilobytes."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    content = b"" if text is None else f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    stream = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id = len(objects) + 1 + pages + 1  # catalog after the pages, the tree last
    kids = []
    for _ in range(pages):
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, stream, font)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), pages))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
    return path


# --- texts ------------------------------------------------------------------------------


def long_row(path: Path, megabytes: int = 10) -> Path:
    """The sample with one T5 row of ``megabytes`` (a million cells)."""
    text = sample_text()
    filler = "1.00\t" * (megabytes * 1024 * 1024 // 5)
    path.write_bytes(text.replace(T5_ROW, T5_ROW + filler).encode("utf-8"))
    return path


def long_sentence(path: Path, figures: int = 800_000) -> Path:
    """The sample with one sentence of ``figures`` stated amounts (a breakdown that never
    ends): each figure is looked up, so the work grows with the square of a sentence."""
    text = sample_text()
    at = text.index("\n附件1\n")
    line = "其中：" + "人员支出1.00万元，" * figures
    path.write_bytes((text[:at] + "\n" + line + "\n" + text[at:]).encode("utf-8"))
    return path


def big_text(path: Path, megabytes: int) -> Path:
    """The sample's narrative repeated to ``megabytes``, then its tables."""
    text = sample_text()
    split = text.index("\n附件1\n") + 1
    narrative, tables = text[:split].encode("utf-8"), text[split:].encode("utf-8")
    with path.open("wb") as handle:
        for _ in range(megabytes * 1024 * 1024 // len(narrative) + 1):
            handle.write(narrative)
        handle.write(tables)
    return path
