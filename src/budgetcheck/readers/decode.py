"""Bytes to text: UTF-8 with or without BOM, UTF-16/UTF-32 with a BOM, UTF-16 without
one when the bytes say so, else GB18030 (a superset of GBK).

UTF-16 is what Windows Notepad saves as "Unicode": every ASCII character (digits, tabs,
line ends) has a NUL byte beside it.  Without a BOM it is recognised by those NULs: many
of them, all at odd offsets (little-endian) or all at even ones (big-endian).  Random
binary data has NULs at both, so it is still refused as binary.

A decode error names the byte where the text stops being the encoding it most likely is
(the one that decodes furthest), and that byte's line, so the user can find it.
"""

from __future__ import annotations

from budgetcheck.core.errors import InputError

BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the NUL bytes sit in alternate positions, as
    they do in UTF-16 text with ASCII in it (digits, tabs, line ends); else None."""
    head = head[: len(head) // 2 * 2]
    pairs = len(head) // 2
    if pairs < 4:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    if odd >= max(2, pairs // 10) and even * 20 <= odd:
        return "utf-16-le"
    if even >= max(2, pairs // 10) and odd * 20 <= even:
        return "utf-16-be"
    return None


def encoding_of(data: bytes) -> tuple[str, str, int]:
    """(codec, the name reported, BOM length) for the encodings recognised by their
    first bytes; ("", "", 0) when it must be tried (UTF-8, then GB18030)."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            return codec, name, len(bom)
    codec = utf16_without_bom(data[:8192])
    if codec:
        return codec, codec, 0
    return "", "", 0


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding) or raise InputError for binary or undecodable input."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    codec, reported, skip = encoding_of(data)
    if codec:
        text = _strict(data, skip, (codec,), name)
        if not text.strip():
            raise InputError(f"{name}: the file is empty")
        if "\x00" in text[:8192] or _controls(text[:8192]):
            raise InputError(f"{name}: this is a binary file, not a text document")
        return text, reported
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: this is a binary file, not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _strict(data, 0, ("gb18030", "utf-8"), name), "gb18030"


def _controls(head: str) -> bool:
    """Mostly control characters: bytes that decode, but are not text (``\x00\x01…``
    read as UTF-16 is a run of U+0001)."""
    bad = sum(1 for ch in head if ch < " " and ch not in "\t\n\r\f\v")
    return bad * 10 > len(head)


def _strict(data: bytes, skip: int, codecs: tuple[str, ...], name: str) -> str:
    """The text in the first codec that decodes it all; otherwise an error at the
    furthest point any of them reached (where the intended encoding breaks)."""
    errors: list[tuple[int, str, UnicodeDecodeError]] = []
    for codec in codecs:
        try:
            return data[skip:].decode(codec)
        except UnicodeDecodeError as exc:
            errors.append((exc.start + skip, codec, exc))
    offset, codec, exc = max(errors, key=lambda e: e[0])
    line = data.count(b"\n", 0, offset) + 1
    if codec.startswith("utf-16"):
        line = data[skip:offset].decode(codec, "replace").count("\n") + 1
    bad = data[offset:offset + 4].hex(" ")
    tried = " or ".join(_label(c) for c in sorted(codecs, key=lambda c: c != "utf-8"))
    raise InputError(f"{name}: cannot decode the text as {tried}: at byte {offset:,} (line {line:,}; bytes {bad}) "
                     f"it is not {_label(codec)} ({exc.reason}); save it as UTF-8") from None


def _label(codec: str) -> str:
    return {"utf-8": "UTF-8", "gb18030": "GB18030", "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE",
            "utf-32-le": "UTF-32LE", "utf-32-be": "UTF-32BE"}.get(codec, codec)


def decode_head(data: bytes) -> str:
    """The start of a file as text, whatever its encoding, for a glance at its first
    lines (``diff`` looks for a year there): a character cut at the end, or a byte
    that is not text, is dropped rather than failing."""
    codec, _, skip = encoding_of(data)
    if codec:
        return data[skip:].decode(codec, "ignore")
    for candidate in ("utf-8", "gb18030"):
        try:
            return data.decode(candidate)
        except UnicodeDecodeError as exc:
            if exc.start >= len(data) - 4:  # only the last character was cut
                return data[: exc.start].decode(candidate, "ignore")
    return data.decode("utf-8", "ignore")
