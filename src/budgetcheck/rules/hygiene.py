"""Document hygiene: what a reader sees before checking a single sum.

A template placeholder left in (``XX局``, ``x,xxx.xx万元``), last year's year in a title,
another department's name in a table's 编制部门 line: each is a copy-paste slip that
the figures do not show, and each is printed for the public to read.  These rules
judge only what they can tell for certain; legitimate text (``X射线``, ``3×4``, a
comparison with ``2022年``, a subordinate unit) is never reported.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from budgetcheck.claims.prose import excerpt
from budgetcheck.core.model import Document, Location, Row, Table
from budgetcheck.rules.base import VIOLATION, rule, where, Fact, span_boxes
from budgetcheck.rules.context import Context


#: The documents these rules judge, and the word that names each kind.
_KIND_WORD = {"budget": "预算", "final": "决算"}
#: How a heading names the document itself (not a 2025年预算数 column caption).
_NAMES_ITSELF = {kind: rf"(?:(?:部门|单位)(?:综合)?{word}|{word}(?:说明|公开|情况|表|报表|附表|编制|信息))"
                 for kind, word in _KIND_WORD.items()}


_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _fold(text: str) -> str:
    """Full-width letters, digits and punctuation as ASCII (``ＸＸ局`` is ``XX局``,
    ``：`` is ``:``), one character for one, so that positions stay those of the text.
    Unlike NFKC, Roman numerals (``Ⅹ``) and the other compatibility characters stay."""
    return text.translate(_FOLD)


@lru_cache(maxsize=2)
def folded_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """Every line of a document folded (``_fold``), once for the four rules that read them."""
    return tuple(_fold(line) for line in lines)


def _page(doc: Document, n: int) -> int | None:
    return doc.line_pages[n - 1] if 0 < n <= len(doc.line_pages) else None


def _places(doc: Document) -> dict[int, tuple[Table, Row | None]]:
    """Each source line that belongs to a table: its title, header and rows."""
    out: dict[int, tuple[Table, Row | None]] = {}
    for table in doc.tables:
        if any(r.refs for r in table.rows[:1]):  # a workbook's rows are sheet rows, not lines
            continue
        lines = [r.line for r in table.rows] + [g.line for g in table.goals] + [table.line]  # T10's goal cells too
        for n in range(table.line, max(lines) + 1):
            out.setdefault(n, (table, None))
        for row in table.rows:
            out[row.line] = (table, row)
    return out


def _at(doc: Document, places: dict[int, tuple[Table, Row | None]], n: int, text: str, at: int = 0,
        what: str = "") -> Location:
    """A source line as a finding's place: its table and row when it is in one, else the
    narrative with the line shortened around the point found."""
    text = text.replace("\t", " ")
    place = places.get(n)
    if place is not None and place[0].role:
        table, row = place
        loc = where(doc, table, row)
        return Location(loc.path, loc.table, loc.title, loc.row or excerpt(text, at), what, n, page=_page(doc, n),
                        boxes=loc.boxes)
    cell = doc.line_cells[n - 1] if 0 < n <= len(doc.line_cells) else ""  # a workbook's prose sheet
    # on a PDF, the line's printed rectangles (the text found is a word or two of it)
    return Location(doc.path, "narrative", "", excerpt(text, at), what, n, cell=cell, page=_page(doc, n),
                    boxes=span_boxes(doc, n, 0, len(doc.lines[n - 1])) if 0 < n <= len(doc.lines) else ())


def _texts(doc: Document) -> Iterator[tuple[Location | None, int, str]]:
    """Every text of the document with its line: the lines, and the cells of workbook
    tables (which have no lines of their own)."""
    for n, line in enumerate(doc.lines, 1):
        yield None, n, line
    for table in doc.tables:
        if not any(r.refs for r in table.rows[:1]):
            continue
        yield where(doc, table), table.line, table.title
        for row in table.rows:
            yield where(doc, table, row), row.line, row.raw or row.label


# --- BC051 placeholders -------------------------------------------------------------------

_NOT_WORD = r"(?<![A-Za-z0-9_\-./])"
_END = r"(?![A-Za-z0-9_\-/])"
_PLACEHOLDERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # an amount: x,xxx.xx  XX.XX  X.XX (a run of x that is a number's shape)
    ("amount", re.compile(_NOT_WORD + r"[Xx]{1,3}(?:,[Xx]{3})*\.[Xx]{1,2}" + _END)),
    # a year: 20XX年, 202X年, 20××年
    ("year", re.compile(r"(?<![0-9A-Za-z])(?:19|20)[0-9]?[Xx×]{1,2}\s*年")),
    # XX局, XXXX年, xx单位, ××, XX alone in a cell (not inside a word, not 3×4)
    ("name", re.compile(_NOT_WORD + r"(?:[Xx]{2,}|×{2,})(?![A-Za-z0-9_\-/×世])")),
    # X年, X月X日, X万元, X个: one x where a number belongs
    ("number", re.compile(_NOT_WORD + r"[Xx]\s*(?=年|月|日|万元|亿元|元|个|人|家|项|次|辆|台|%)")),
    # 某某局
    ("name", re.compile(r"某某")),
    # {单位} {{name}}: a template's field
    ("name", re.compile(r"\{\{?\s*[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff ]{0,15}\s*\}?\}")),
    # 【单位名称】 [部门名称] 〔金额〕: a field name in brackets
    ("name", re.compile(r"[【\[〔]\s*(?:单位|部门|项目|单位名称|部门名称|单位全称|部门全称|项目名称|名称|金额|数额|数字|年份|"
                        r"日期|填写[^】\]〕]{0,10}|请填写[^】\]〕]{0,10}|X+|x+|×+|某+)\s*[】\]〕]")),
    # 待填写, 待补充 standing for the content (not 有待补充完善)
    ("text", re.compile(r"(?:^|(?<=[\s:(【\[]))(?:待填写|待填报|待补充|此处填写|请填写|填写内容)(?=$|[\s)】\]。.])")),
)
_WHAT = {"amount": ("the amount", "金额"), "year": ("the year", "年份"), "number": ("the figure", "数字"),
         "name": ("the name or text", "名称或内容"), "text": ("the content", "内容")}


#: Every placeholder has one of these characters (after folding): most lines have none,
#: and are passed over without running the patterns.
_TRIGGER = re.compile("[Xx×某{【\\[〔填补\uff38\uff58\uff5b\uff3b]")


def placeholders(text: str) -> list[tuple[int, str, str]]:
    """The template placeholders in a text: (position, as written, kind)."""
    if not _TRIGGER.search(text):
        return []
    plain = _fold(text)
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PLACEHOLDERS:
        for m in pattern.finditer(plain):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), text[m.start():m.end()], kind))
    return sorted(found)


@rule("BC051", "placeholder", "error", "hygiene")
def placeholder(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A template placeholder left in the published text or in a table cell.

    ``XX局``, ``XX单位``, ``××``, ``X年``, ``20XX年``, ``x,xxx.xx万元``, ``某某``,
    ``{单位}``, ``【单位名称】``, or ``待填写`` / ``待补充`` standing where the content
    belongs: the document was published before the template was filled in.  Letters
    that belong to a word or a code (``X射线``, ``X光``, ``CT``, ``A05``, ``Windows XP``),
    a ``×`` between figures (``3×4``), a document number in brackets (``闽医保办【2016】29号``)
    and prose such as ``有待补充完善`` are not placeholders.

    Budgets and final accounts are checked; a work report is not (the texts that
    circulate of them are often anonymised with ``XX县``).
    """
    if doc.category not in _KIND_WORD:
        return
    places = _places(doc)
    for loc, n, text in _texts(doc):
        for at, written, kind in placeholders(text):
            en, zh = _WHAT[kind]
            place = loc if loc is not None else _at(doc, places, n, text, at, "placeholder")
            shown = excerpt(text.replace("\t", " "), at, 40)
            yield Fact(VIOLATION, place,
                       f"a template placeholder is left in: “{written}” in “{shown}”; {en} should be filled in",
                       f"文中留有模板占位符“{written}”（“{shown}”），应填写实际的{zh}")
