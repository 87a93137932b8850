"""``verify --annotate checked.pdf``: the PDF handed back with every finding marked.

Each finding's cell, row or sentence gets a highlight annotation (red error, amber
warning, grey notice) whose note holds the rule, the message in the chosen language,
expected, actual, difference and tolerance; the cells it relates to are outlined, not
filled.  A last page lists every finding with its page.  Annotations are not page
content: the copy reads back to the same tables and findings (the reader skips the
list page, which it knows by its heading).  PDFium writes the copy: no dependency is
added, and the same input gives the same bytes.
"""

from __future__ import annotations

import ctypes
import re
from io import BytesIO
from pathlib import Path

from budgetcheck.core.errors import InputError
from budgetcheck.core.model import Finding

COLOURS = {"error": (220, 38, 38), "warning": (245, 158, 11), "notice": (148, 148, 148)}
from budgetcheck.core.marks import PDF_LIST_HEADING as HEADING  # the list page's first line: the PDF reader skips that page
WORDS = {
    "en": {"expected": "expected", "actual": "actual", "difference": "difference", "tolerance": "tolerance"},
    "zh": {"expected": "应为", "actual": "实为", "difference": "差额", "tolerance": "容差"},
}


def note(f: Finding, lang: str) -> str:
    w = WORDS.get(lang, WORDS["en"])
    message = f.message_zh if lang == "zh" and f.message_zh else f.message
    lines = [f"{f.rule} {f.name} · {f.severity}", message]
    figures = [(w[k], getattr(f, k)) for k in ("expected", "actual", "difference", "tolerance") if getattr(f, k)]
    if figures:
        lines.append("  ".join(f"{k} {v}{' ' + f.unit if f.unit and k != w['tolerance'] else ''}" for k, v in figures))
    return "\n".join(lines)


def annotate_pdf(source: str | Path, target: str | Path, findings: list[Finding], lang: str = "zh") -> int:
    """Write the marked copy; returns how many findings were marked on a page."""
    import pypdfium2 as pdfium

    from budgetcheck.app.outputs import write_atomic

    data = Path(source).read_bytes()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"{source}: not a PDF that can be annotated ({exc})") from None
    pages: dict[int, object] = {}
    try:
        marked = 0
        for f in findings:
            if not f.location.boxes:
                continue
            marked += 1
            for box in f.location.boxes:
                _highlight(pdf, pages, box, COLOURS[f.severity], note(f, lang))
            for other in f.related:
                for box in other.boxes:
                    _outline(pdf, pages, box, COLOURS[f.severity])
        for page in pages.values():
            page.close()  # type: ignore[attr-defined]
        pages.clear()
        listed = _list_page(pdf, findings)
        out = BytesIO()
        pdf.save(out)
    finally:
        pdf.close()
    write_atomic(Path(target), _signed(_navigable(_stable(out.getvalue()), listed)))
    return marked


def _navigable(data: bytes, listed: list[tuple[int, float, Finding]]) -> bytes:
    """Bookmarks (the outline) with one entry per finding, and on the list page a link
    from each finding's line to its page.  PDFium has no API to create either, so pypdf
    (BSD-3-Clause) adds them; its output is the same bytes for the same input."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link

    writer = PdfWriter(clone_from=PdfReader(BytesIO(data)))  # a full rewrite keeps a classic trailer for _signed
    count = len(writer.pages)
    width = float(writer.pages[0].mediabox.width) if count else 595.0
    # under one bookmark of their own, after the document's own outline (kept as it is)
    parent = writer.add_outline_item(title=f"{HEADING} ({len(listed)})", page_number=listed[0][0]) if listed else None
    for list_page, y, f in listed:
        page = (f.location.page or 0) - 1
        if not 0 <= page < count:
            continue
        title = _ascii(" ".join(x for x in (f"p.{page + 1}", f.severity, f.rule, f.location.table,
                                            f.location.row if f.location.row.isascii() else "") if x))
        writer.add_outline_item(title=title, page_number=page, parent=parent)
        writer.add_annotation(page_number=list_page, annotation=Link(rect=(36, y - 2.5, width - 36, y + 8.5),
                                                                     target_page_index=page))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.S)


def _signed(data: bytes) -> bytes:
    """An incremental update naming budgetcheck as the producer (an Info dictionary),
    so that a folder run knows the copy for one it wrote and does not check it again."""
    from budgetcheck.core.marks import PDF_PRODUCER

    m = _TRAILER.search(data)
    if not m:
        return data
    trailer = m.group(1)
    size = re.search(rb"/Size\s+(\d+)", trailer)
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", trailer)
    ident = re.search(rb"/ID\s*\[[^\]]*\]", trailer)
    if not size or not root:
        return data
    number = int(size.group(1))
    body = data if data.endswith(b"\n") else data + b"\n"
    obj_at = len(body)
    obj = b"%d 0 obj\n<</Producer (%s) /Creator (%s)>>\nendobj\n" % (number, PDF_PRODUCER, PDF_PRODUCER)
    xref_at = obj_at + len(obj)
    xref = b"xref\n%d 1\n%010d 00000 n \n" % (number, obj_at)
    tail = b"trailer\n<</Size %d /Root %s /Info %d 0 R /Prev %s%s>>\nstartxref\n%d\n%%%%EOF\n" % (
        number + 1, root.group(1), number, m.group(2), (b" " + ident.group(0)) if ident else b"", xref_at)
    return body + obj + xref + tail


def _stable(data: bytes) -> bytes:
    """PDFium writes a random second file identifier: make it the digest of the file
    (same length, so no offset moves), for the same bytes from the same input."""
    import hashlib

    found = list(_ID.finditer(data))
    if not found:
        return data
    m = found[-1]
    digest = hashlib.md5(data[: m.start()] + data[m.end():]).hexdigest().upper()  # noqa: S324 - an identifier, not security
    second = (digest * 2)[: len(m.group(2))].encode("ascii")
    return data[: m.start(2)] + second + data[m.end(2):]


def _quad(box):
    import pypdfium2.raw as raw

    _, x0, y0, x1, y1 = box
    return raw.FS_QUADPOINTSF(x0, y1, x1, y1, x0, y0, x1, y0), raw.FS_RECTF(x0, y1, x1, y0)


def _annot(pdf, pages: dict, box, subtype):
    """A new annotation on the box's page (each page loaded once for all its marks)."""
    import pypdfium2.raw as raw

    page_no = box[0]
    if not 1 <= page_no <= len(pdf):
        return None, None
    page = pages.get(page_no)
    if page is None:
        page = pages[page_no] = pdf[page_no - 1]
    annot = raw.FPDFPage_CreateAnnot(page.raw, subtype)
    return page, annot


def _highlight(pdf, pages: dict, box, colour, text: str) -> None:
    import pypdfium2.raw as raw

    page, annot = _annot(pdf, pages, box, raw.FPDF_ANNOT_HIGHLIGHT)
    if not annot:
        return
    quad, rect = _quad(box)
    raw.FPDFAnnot_SetColor(annot, raw.FPDFANNOT_COLORTYPE_Color, *colour, 110)
    raw.FPDFAnnot_AppendAttachmentPoints(annot, ctypes.byref(quad))
    raw.FPDFAnnot_SetRect(annot, ctypes.byref(rect))
    raw.FPDFAnnot_SetFlags(annot, raw.FPDF_ANNOT_FLAG_PRINT)
    _string(annot, "Contents", text)
    _string(annot, "T", "budgetcheck")
    raw.FPDFPage_CloseAnnot(annot)


def _outline(pdf, pages: dict, box, colour) -> None:
    import pypdfium2.raw as raw

    page, annot = _annot(pdf, pages, box, raw.FPDF_ANNOT_SQUARE)
    if not annot:
        return
    _, rect = _quad(box)
    raw.FPDFAnnot_SetColor(annot, raw.FPDFANNOT_COLORTYPE_Color, *colour, 255)
    raw.FPDFAnnot_SetRect(annot, ctypes.byref(rect))
    raw.FPDFAnnot_SetBorder(annot, 0.0, 0.0, 1.0)
    raw.FPDFAnnot_SetFlags(annot, raw.FPDF_ANNOT_FLAG_PRINT)
    raw.FPDFPage_CloseAnnot(annot)


def _string(annot, key: str, text: str) -> None:
    import pypdfium2.raw as raw

    encoded = (text + "\x00").encode("utf-16-le")
    buffer = ctypes.create_string_buffer(encoded, len(encoded))
    raw.FPDFAnnot_SetStringValue(annot, key.encode("ascii"), ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)))


def _list_page(pdf, findings: list[Finding]) -> list[tuple[int, float, Finding]]:
    """A last page: every finding, one line each, with its page (the standard PDF fonts
    have no Chinese: the list keeps to codes and figures, the notes carry the words).
    Returns where each finding's line is: (list page index, its baseline y, finding)."""
    import pypdfium2.raw as raw

    width, height = (pdf[0].get_size() if len(pdf) else (595.0, 842.0))
    lines = [HEADING, f"{len(findings)} findings; each is marked on its page, its note holds the message", ""]
    for f in findings:
        where = " ".join(p for p in (f"p.{f.location.page}" if f.location.page else "", f.location.table,
                                     f.location.row if f.location.row.isascii() else "") if p)
        figures = f"expected {f.expected} actual {f.actual}" if f.expected or f.actual else ""
        lines.append(_ascii(f"{f.severity:8} {f.rule} {f.name}  {where}  {figures}"))
    per_page = int((height - 80) // 11)
    listed: list[tuple[int, float, Finding]] = []
    for start in range(0, len(lines), per_page):
        for k in range(per_page):
            if 3 <= start + k < len(lines):  # a finding's line (after the heading, the count and a blank)
                listed.append((len(pdf), height - 50 - 11 * k, findings[start + k - 3]))
        page = raw.FPDFPage_New(pdf.raw, len(pdf), width, height)
        font = raw.FPDFText_LoadStandardFont(pdf.raw, b"Helvetica")
        for k, text in enumerate(lines[start:start + per_page]):
            obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 8.0 if k or start else 12.0)
            encoded = (text + "\x00").encode("utf-16-le")
            buffer = ctypes.create_string_buffer(encoded, len(encoded))
            raw.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 40, height - 50 - 11 * k)
            raw.FPDFPage_InsertObject(page, obj)
        raw.FPDFPage_GenerateContent(page)
        raw.FPDF_ClosePage(page)
        del font
    return listed


def _ascii(text: str) -> str:
    return "".join(c if 32 <= ord(c) < 127 else "?" for c in text).replace("?" * 2, "?")


def is_pdf(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False
