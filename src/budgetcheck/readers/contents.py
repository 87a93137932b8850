"""目录 entries: a line with dot leaders and a page number, and its title.

Apart from the PDF text module because the rules read a 目录 of any document (BC006
compares it with the tables found) and must not load PDFium to do so.
"""

from __future__ import annotations

import re

LEADER = re.compile(r"(\.{4,}|…{2,}|·{4,}|-{6,}|_{6,})\s*\d*\s*$")


def is_contents_entry(text: str) -> bool:
    return bool(LEADER.search(text))


def entry_title(text: str) -> str:
    """A 目录 entry without its leaders, page number and numbering."""
    text = LEADER.sub("", text).strip()
    return re.sub(r"^\s*(?:[一二三四五六七八九十]+、|\d+\s*[.．、])\s*", "", text).strip()
