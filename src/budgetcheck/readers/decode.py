"""Bytes to text: UTF-8 with or without BOM, else GB18030 (a superset of GBK)."""

from __future__ import annotations

from ..errors import InputError


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding) or raise InputError for binary or undecodable input."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(f"{name}: this is a binary file, not a text document")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _strict(data, "gb18030", name), "gb18030"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: cannot decode the text as UTF-8 or GB18030 ({exc.reason} at byte {exc.start})") from None
