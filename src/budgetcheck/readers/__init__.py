"""Readers turn a file into the model and nothing else.

``read_document`` picks the reader from the file's content and name; every reader
returns a ``Document`` or raises ``InputError`` with one line a user can act on.

Imports core, templates and claims; never rules, the engine or anything above.
"""

from __future__ import annotations

from pathlib import Path

from budgetcheck.core.errors import InputError
from budgetcheck.core.limits import MAX_FILE_BYTES, MAX_TEXT_BYTES, MiB, read_input
from budgetcheck.core.model import Document
from budgetcheck.readers.decode import decode
from budgetcheck.readers.text import read_text

WORKBOOKS = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls")  # by name, even when the content is not


def read_document(path: str | Path) -> Document:
    """Read one budget document and say what it is (budget, final accounts, other)."""
    from dataclasses import replace

    from budgetcheck.readers.kind import document_kind

    doc = _read(path)
    return replace(doc, category=document_kind(doc)) if not doc.category else doc


def _read(path: str | Path) -> Document:
    """Read one budget document: a PDF as published, an Excel workbook, else extracted text."""
    p = Path(path)
    data = read_input(p, MAX_FILE_BYTES)
    if b"%PDF-" in data[:1024]:
        from budgetcheck.readers.pdf import read_pdf  # PDFium loads only when a PDF is read

        return read_pdf(data, str(path))
    if p.suffix.lower() == ".pdf":
        raise InputError(f"{p}: not a PDF (no %PDF header); is the file complete?")
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or p.suffix.lower() in WORKBOOKS:
        from budgetcheck.readers.xlsx import read_xlsx  # openpyxl loads only when a workbook is read

        return read_xlsx(data, str(path))
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{p}: a text of {len(data) // MiB:,} MB, larger than the {MAX_TEXT_BYTES // MiB} MB "
                         "limit for text documents")
    return read_bytes(data, str(path))


def read_bytes(data: bytes, name: str) -> Document:
    from dataclasses import replace

    from budgetcheck.readers.kind import document_kind

    text, encoding = decode(data, name)
    doc = read_text(text, name, encoding)
    return replace(doc, category=document_kind(doc))
