"""Save a workbook so that the same content always gives the same bytes.

openpyxl stamps the save time into ``docProps/core.xml`` and into every zip entry, so
two exports of one document would differ.  The workbook is saved to memory, then
repacked with a fixed entry time and the given modification time, and moved into
place only when complete (an interrupted run never leaves half a file).
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Callable

from budgetcheck.app.outputs import write_atomic
from budgetcheck.core.errors import InputError, UsageError

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
EPOCH = "2000-01-01T00:00:00Z"
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def save(workbook, target: Path, stamp: str = EPOCH, transform: Callable[[bytes], bytes] | None = None) -> None:
    """Write ``workbook`` to ``target`` deterministically; InputError when it cannot.
    ``transform`` edits the saved package before it is repacked."""
    buffer = BytesIO()
    workbook.save(buffer)
    raw = BytesIO(transform(buffer.getvalue()) if transform else buffer.getvalue())
    packed = BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _STAMP.sub(lambda m: m.group(1) + stamp.encode() + m.group(2), data)
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            out.writestr(entry, data)
    try:
        write_atomic(Path(target), packed.getvalue(), "the workbook")
    except UsageError as exc:  # a workbook that cannot be written is an input problem here, as before
        raise InputError(str(exc)) from None
