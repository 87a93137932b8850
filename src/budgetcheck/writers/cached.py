"""Put the values Excel saved with formulas back into a workbook openpyxl wrote.

openpyxl keeps a formula or its last value, never both: a workbook it saves has
formulas with empty values until Excel recalculates it.  A reader that does not
calculate (budgetcheck among them) then sees no figure in those cells.  The annotated
copy must read like the original, so after saving, each formula cell gets its value
back in the sheet XML (``<c r="C5"><f>SUM(C6:C9)</f><v>6162.17</v></c>``).
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from xml.sax.saxutils import escape

from budgetcheck.readers.xlsx_parts import sheet_parts

_CELL = re.compile(rb'<c r="(?P<coord>[A-Z]{1,3}\d+)"(?P<attrs>[^>]*)>(?P<f><f[^>]*>[^<]*</f>|<f[^>]*/>)'
                   rb'(?:<v\s*/>|<v></v>)?</c>')


def _xml_value(value: object) -> tuple[bytes, bytes] | None:
    """(t attribute, <v> text) for a saved value; None for kinds left to recalculation."""
    if isinstance(value, bool):
        return b"b", b"1" if value else b"0"
    if isinstance(value, (int, float)):
        return b"n", repr(value).encode()
    if isinstance(value, str):
        return (b"e", escape(value).encode()) if value.startswith("#") else (b"str", escape(value).encode())
    return None


def with_saved_values(data: bytes, values: dict[str, dict[str, object]]) -> bytes:
    """``data`` (an openpyxl-saved .xlsx) with ``values[sheet][coord]`` as the saved
    value of each formula cell named there; other cells are left as they are."""
    source = zipfile.ZipFile(BytesIO(data))
    parts = {part: values[name] for name, (part, _) in sheet_parts(source).items() if values.get(name)}
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            raw = source.read(info.filename)
            if info.filename in parts:
                raw = _fill(raw, parts[info.filename])
            target.writestr(info, raw)
    return out.getvalue()


def _fill(xml: bytes, saved: dict[str, object]) -> bytes:
    def put(m: re.Match[bytes]) -> bytes:
        coord = m.group("coord").decode()
        found = _xml_value(saved.get(coord)) if coord in saved else None
        if found is None:
            return m.group(0)
        kind, text = found
        attrs = re.sub(rb'\s+t="[^"]*"', b"", m.group("attrs"))
        tag = f'<c r="{coord}"'.encode() + attrs + (b"" if kind == b"n" else b' t="' + kind + b'"') + b">"
        return tag + m.group("f") + b"<v>" + text + b"</v></c>"

    return _CELL.sub(put, xml)
