"""The few facts of a workbook package that openpyxl's fast read-only mode leaves out.

Read-only loading is several times faster than a full load, but it does not keep row
and column dimensions, so it cannot say which rows and columns are hidden.  Those are
attributes of ``<row>`` and ``<col>`` in each sheet's XML and of ``<sheet>`` in the
workbook part; a scan of the tags is enough, and costs little beside the load.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*?)/?>")
_ATTR = re.compile(rb'\b(r|min|max|hidden)="([^"]*)"')


@dataclass
class Visibility:
    state: str = "visible"  # visible | hidden | veryHidden
    rows: set[int] = field(default_factory=set)
    cols: set[int] = field(default_factory=set)


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """Sheet name → (the part holding its XML, its state)."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", NS)}
    out = {}
    for sheet in book.findall("m:sheets/m:sheet", NS):
        target = targets.get(sheet.get(f"{{{NS['r']}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out[sheet.get("name", "")] = (part, sheet.get("state", "visible"))
    return out


def visibility(data: bytes) -> dict[str, Visibility]:
    """Hidden rows and columns of each sheet, and whether the sheet itself is hidden."""
    out: dict[str, Visibility] = {}
    with zipfile.ZipFile(BytesIO(data)) as archive:
        names = set(archive.namelist())
        for name, (part, state) in sheet_parts(archive).items():
            seen = Visibility(state)
            if part in names:
                xml = archive.read(part)
                seen.rows = _hidden_rows(xml)
                seen.cols = _hidden_cols(xml)
            out[name] = seen
    return out


def _attrs(tag: bytes) -> dict[bytes, bytes]:
    return dict(_ATTR.findall(tag))


def _hidden(attrs: dict[bytes, bytes]) -> bool:
    return attrs.get(b"hidden", b"0") in (b"1", b"true")


def _hidden_rows(xml: bytes) -> set[int]:
    rows, n = set(), 0
    for m in _ROW.finditer(xml):
        attrs = _attrs(m.group(1))
        n = int(attrs[b"r"]) if attrs.get(b"r", b"").isdigit() else n + 1
        if _hidden(attrs):
            rows.add(n)
    return rows


def _hidden_cols(xml: bytes) -> set[int]:
    cols: set[int] = set()
    for m in _COL.finditer(xml):
        attrs = _attrs(m.group(1))
        if _hidden(attrs) and attrs.get(b"min", b"").isdigit():
            first = int(attrs[b"min"])
            last = int(attrs[b"max"]) if attrs.get(b"max", b"").isdigit() else first
            cols.update(range(first, last + 1))
    return cols
