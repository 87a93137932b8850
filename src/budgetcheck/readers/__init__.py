"""Readers turn a file into the model and nothing else.

``read_document`` picks the reader from the file's content and name; every reader
returns a ``Document`` or raises ``InputError`` with one line a user can act on.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Document
from .decode import decode
from .text import read_text

MAX_BYTES = 200 * 1024 * 1024


def read_document(path: str | Path) -> Document:
    """Read one budget document (text for now; Excel and PDF readers plug in here)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a document")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{p}: file is {size // (1024 * 1024)} MB, larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror})") from None
    if data[:5] == b"%PDF-":
        raise InputError(f"{p}: PDF documents are not supported yet; give the extracted text")
    if data[:4] == b"PK\x03\x04":
        raise InputError(f"{p}: Excel workbooks are not supported yet; give the extracted text")
    return read_bytes(data, str(path))


def read_bytes(data: bytes, name: str) -> Document:
    text, encoding = decode(data, name)
    return read_text(text, name, encoding)
