"""Document hygiene, BC053: a table header or heading naming another department than
the document's (a sheet copied from another department's file).

Subordinate units are not judged: a 中心, 站 or 院 is a unit of the department.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from budgetcheck.core.model import Document
from budgetcheck.rules.base import VIOLATION, rule, Fact
from budgetcheck.rules.context import Context
from budgetcheck.rules.hygiene import _KIND_WORD, _at, _fold, _places, folded_lines
from budgetcheck.rules.hygiene_year import YEAR, _cover


# --- BC053 the department's name ----------------------------------------------------------

_ORG = re.compile(r"(?:委员会|委|办公厅|办公室|局|厅|院|中心|站|所|馆|校|学院|大学|部|会|署|处|队|团|社|政府|室|司|组)$")
#: What a department's name ends with (a 中心, 站 or 院 is a unit, and units are not judged).
_DEPARTMENT = re.compile(r"(?:委员会|委|办公厅|办公室|局|厅|政府|署|法院|检察院|部)$")
_HEADER = re.compile(r"(?:^|\s)(?P<key>预算主管部门|主管部门|编制单位|编制部门|填报单位|单位名称|部门名称|部门\(单位\)名称|"
                     r"单位\(部门\)名称|预算单位|部门)\s*:\s*(?P<name>\S{2,60})")
_CELL_KEYS = {"单位名称", "部门名称", "部门(单位)名称", "单位(部门)名称", "主管部门", "编制单位", "编制部门"}
_SUFFIXES = re.compile(r"(?:汇总|本级|机关|部门|\(汇总\)|\(本级\))+$")


def _name(text: str) -> str:
    """A unit's name as a header writes it, without a code, a unit caption or brackets."""
    text = re.sub(r"^\[?\d+\]?\s*", "", text)
    text = re.split(r"(?:金额)?单位\s*:|金额\s*:", text, maxsplit=1)[0]
    return text.strip(" -—")


def _norm(name: str) -> str:
    name = re.sub(r"\([^()]*\)", "", name.replace(" ", ""))
    while True:
        shorter = _SUFFIXES.sub("", name)
        if shorter == name:
            return name
        name = shorter


def _department(doc: Document, cover: list[int]) -> str | None:
    """The department the title names: ``厦门市人力资源和社会保障局2023年部门预算说明``."""
    text = "".join(re.sub(r"\s+", "", _fold(doc.lines[n - 1])) for n in cover)
    text = YEAR.sub("", text)
    m = re.match(r"^(?:关于)?(?P<name>.+?)(?:\(汇总\))?(?:区级|市级|县级|省级)?(?:部门|单位)*(?:综合)?(?:预算|决算)", text)
    if not m:
        return None
    name = _norm(m.group("name"))
    return name if len(name) >= 3 and _ORG.search(name) else None


def _headers(doc: Document, unit_document: bool) -> list[tuple[int, str, str]]:
    """(line, key, name) of each line that names the unit a table or the document is of."""
    out = []
    for n, line in enumerate(folded_lines(doc.lines), 1):
        cells = [c.strip() for c in line.split("\t")]
        keyed = False
        for i, cell in enumerate(cells[:-1]):  # 单位名称 | 厦门市…局, first in the line or within a form's row
            key = re.sub(r"\s+", "", cell)
            if key in _CELL_KEYS and not (key == "主管部门" and unit_document):
                keyed = True
                name = next((c for c in cells[i + 1:] if c), "")
                if name and re.sub(r"\s+", "", name) not in _CELL_KEYS:
                    out.append((n, key, _name(name)))
        if keyed:
            continue
        for cell in cells:
            for m in _HEADER.finditer(cell):  # 编制部门：厦门市…局
                if m.group("key") in ("主管部门", "预算主管部门") and unit_document:
                    continue
                out.append((n, m.group("key"), _name(m.group("name"))))
    return [(n, k, name) for n, k, name in out if len(_norm(name)) >= 3 and _ORG.search(_norm(name))]


def _same(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return a == b or a in b or b in a


@rule("BC053", "unit-name", "warning", "hygiene")
def unit_name(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A table header or heading names another department than the document's.

    The department is the one the title names (``厦门市人力资源和社会保障局2023年部门预算``),
    else the one most of its header lines name.  A line ``编制部门：…``, ``部门：…``,
    ``单位名称：…``, ``编制单位：…`` (or a 单位名称 / 主管部门 cell) that names another unit,
    one the document mentions nowhere else, was most likely copied from another
    department's document.  Only a department's name is judged (one ending in 局, 委员会,
    办公室, 厅, 部…; a 中心, 站 or 院 is a unit), and its own units are not another
    department: a name that begins with the department's (``…局本级``, ``…局湖里分局``), a
    ``（汇总）`` or 本级 suffix, or a unit the document lists elsewhere (部门预算单位构成, the
    收入总表's units).  A document of one unit (单位预算, 单位决算) names its 主管部门,
    which is not judged.  It is a warning: check the header against the document.
    """
    if doc.category not in _KIND_WORD or not doc.lines:
        return
    cover = _cover(doc)
    cover_text = "".join(_fold(doc.lines[n - 1]) for n in cover)
    unit_document = bool(re.search(r"单位(?:预算|决算)", cover_text))
    headers = _headers(doc, unit_document)
    if not headers:
        return
    department = _department(doc, cover)
    if department is None:
        named = Counter(_norm(name) for _, _, name in headers)
        (top, count), others = named.most_common(1)[0], len(headers) - named.most_common(1)[0][1]
        if count < 2 or count <= others:
            return
        department = top
    header_lines = {n for n, _, _ in headers}
    plain = [re.sub(r"\s+", "", line) for line in folded_lines(doc.lines)]
    places = _places(doc)
    reported: set[str] = set()
    for n, key, name in headers:
        if _same(name, department) or _norm(name) in reported or not _DEPARTMENT.search(_norm(name)):
            continue
        whole, short = re.sub(r"\s+", "", name), _norm(name)
        if any(whole in text or short in text for k, text in enumerate(plain, 1) if k not in header_lines):
            continue  # a unit the document lists elsewhere (its own units)
        reported.add(short)
        uses = sum(1 for m, _, other in headers if _norm(other) == short)
        line = doc.lines[n - 1]
        loc = _at(doc, places, n, line, max(0, line.find(name[:4])), key)
        more = f" ({uses} header lines)" if uses > 1 else ""
        more_zh = f"（共{uses}处）" if uses > 1 else ""
        yield Fact(VIOLATION, loc,
                   f"{key}: “{name}”{more}, but the document is {department}'s and mentions “{name}” nowhere "
                   "else: copied from another department's document?",
                   f"{key}为“{name}”{more_zh}，但本文档是{department}的，文中别处未提及“{name}”：是否从其他部门的文档复制而来？")
