"""Document hygiene: what a reader sees before checking a single sum.

A template placeholder left in (``XX局``, ``x,xxx.xx万元``), last year's year in a title,
another department's name in a table's 编制部门 line: each is a copy-paste slip that
the figures do not show, and each is printed for the public to read.  These rules
judge only what they can tell for certain; legitimate text (``X射线``, ``3×4``, a
comparison with ``2022年``, a subordinate unit) is never reported.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from budgetcheck.claims.prose import excerpt
from budgetcheck.core.model import Document, Location, Row, Table
from budgetcheck.rules.base import UNDECIDED, VIOLATION, rule, where, Fact
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


def _page(doc: Document, n: int) -> int | None:
    return doc.line_pages[n - 1] if 0 < n <= len(doc.line_pages) else None


def _places(doc: Document) -> dict[int, tuple[Table, Row | None]]:
    """Each source line that belongs to a table: its title, header and rows."""
    out: dict[int, tuple[Table, Row | None]] = {}
    for table in doc.tables:
        if any(r.refs for r in table.rows[:1]):  # a workbook's rows are sheet rows, not lines
            continue
        lines = [r.line for r in table.rows] + [table.line]
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
        return Location(loc.path, loc.table, loc.title, loc.row or excerpt(text, at), what, n, page=_page(doc, n))
    cell = doc.line_cells[n - 1] if 0 < n <= len(doc.line_cells) else ""  # a workbook's prose sheet
    return Location(doc.path, "narrative", "", excerpt(text, at), what, n, cell=cell, page=_page(doc, n))


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


def placeholders(text: str) -> list[tuple[int, str, str]]:
    """The template placeholders in a text: (position, as written, kind)."""
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

    Fails: ``XX局2023年部门预算``, ``因公出国（境）费x,xxx.xx万元``.
    Passes: ``购置X射线体层摄影设备（CT）1台``, ``3×4米``.
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


# --- BC052 the year -------------------------------------------------------------------------

YEAR = re.compile(r"(?<![\d.])(20\d\d)\s*年(度)?")
#: A heading or title that compares or looks back names other years by right.
_HISTORY = re.compile(r"比|较|与|同比|对比|上年|上一年|去年|前年|以前|历年|以来|执行|完成|回顾|总结|结转|结余|调整|变动|"
                      r"增减|增长|减少|下降|评价|自评|十[一二三四五六七八九]五|[-—–~～至到]")
_HISTORY_FINAL = re.compile(_HISTORY.pattern.replace("|评价|自评", ""))
#: Tables whose titles carry a project's name (and the years in it).
_PROJECT_ROLES = {"T10", "T11", "FSE", "FSD"}
_PERIOD_LINE = re.compile(r"^[(（]?\s*(20\d\d)\s*年度?\s*[)）]?$")
_COVER_STOP = re.compile(r"[。，,；;:：]|^目\s*录|^第[一二三四五六七八九十]+部分|^[一二三四五六七八九十]+[、.]|^[(（]|^\d+[.、．]")
_AS_OF = re.compile(r"截[至止]\s*(20\d\d)\s*年\s*(?:(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|(底|末))?")
_AS_OF_SUBJECT = re.compile(r"车辆|资产|设备|房屋|编制|实有人员|在职人员|离退休人员|人员情况")


def _cover(doc: Document) -> list[int]:
    """The lines of the document's title (its cover): the first short lines before the
    first heading, header line, sentence or table."""
    titles = {t.line for t in doc.tables}
    out: list[int] = []
    first_page = None
    for n, line in enumerate(doc.lines[:12], 1):
        text = _fold(line).strip()
        if not text:
            continue
        page = _page(doc, n)
        if first_page is None:
            first_page = page
        if "\t" in line or n in titles or len(text) > 40 or _COVER_STOP.search(text) or page != first_page:
            break
        out.append(n)
        if len(out) == 4:
            break
    return out


def _title_years(doc: Document) -> list[tuple[Table, str]]:
    """(table, the year its title names as its period) for every recognised table."""
    history = _HISTORY_FINAL if doc.category == "final" else _HISTORY
    out = []
    for table in doc.tables:
        if not table.role:
            continue
        title = _fold(table.title)
        if history.search(re.sub(r"^表\s*\d+\s*[:：.、]?", "", title)):
            continue
        if table.role in _PROJECT_ROLES:  # only the period: at the start, or (2023年) at the end
            m = re.match(r"^(?:表\s*\d+\s*[:.、]\s*)?(20\d\d)\s*年", title) or re.search(r"\(\s*(20\d\d)\s*年度?\s*\)$", title)
            years = [m.group(1)] if m else []
        else:
            years = sorted({y for y, _ in YEAR.findall(title)})
        if len(years) == 1:
            out.append((table, years[0]))
    return out


def _period_lines(doc: Document) -> list[tuple[Table, int, str]]:
    """A table's period printed under its title (``(2023年)``, ``（2026年度）``)."""
    out = []
    for table in doc.tables:
        if not table.role or not doc.lines:
            continue
        seen = 0
        for n in range(table.line + 1, min(len(doc.lines), table.line + 6) + 1):
            text = _fold(doc.lines[n - 1]).strip()
            if not text:
                continue
            m = _PERIOD_LINE.match(text)
            if m:
                out.append((table, n, m.group(1)))
                break
            seen += 1
            if seen >= 3 or "\t" in doc.lines[n - 1]:
                break
    return out


def _heading_years(doc: Document, skip: set[int]) -> Iterator[tuple[int, str, int]]:
    """(line, year, position) of each year a heading names as the document's own period:
    ``第二部分 2023年部门预算说明``, ``一、2025年“三公”经费预算情况说明``."""
    history = _HISTORY_FINAL if doc.category == "final" else _HISTORY
    attached = re.compile(r"(?<![\d.])(20\d\d)\s*年度?\s*(?:[^\d,。;:\s]{0,16}?)" + _NAMES_ITSELF[doc.category])
    for n, line in enumerate(doc.lines, 1):
        if n in skip or "\t" in line:
            continue
        text = _fold(line).strip().lstrip("-•·* ")
        if not text or len(text) > 50 or re.search(r"[,，;；:：]|。.", text) or history.search(text):
            continue
        for m in attached.finditer(text):
            yield n, m.group(1), m.start(1)


def _as_of_dates(doc: Document, skip: set[int]) -> Iterator[tuple[int, str, bool, int, str]]:
    """(line, year, year-end?, position, sentence) of each as-of date that opens a
    statement of the department's assets or staff (``截至2022年12月31日，…共有车辆4辆``)."""
    for n, line in enumerate(doc.lines, 1):
        if n in skip:
            continue
        text = _fold(line)
        for m in _AS_OF.finditer(text):
            before = text[:m.start()].rstrip()
            if before and not re.search(r"[。;；:：,，)）]$|^[(（]?[一二三四五六七八九十\d]+[)）、.]$", before):
                continue  # not the opening of a statement (比截至…, 较…)
            sentence = re.split(r"[。;；]", text[m.end():], maxsplit=1)[0]
            if not _AS_OF_SUBJECT.search(sentence):
                continue
            month, day, end = m.group(2), m.group(3), m.group(4)
            year_end = bool(end) or month == "12" and (day in (None, "31"))
            yield n, m.group(1), year_end, m.start(), line


@rule("BC052", "wrong-year", "error", "hygiene")
def wrong_year(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A title, heading or as-of date names a year that is not the document's.

    The document's year is the one its table titles name most (as the narrative rules
    take it), else the one its title names; a document whose title and tables name no
    year is not judged.  For a budget of year Y, the tables' titles
    (``2023年部门收支总表``, ``(2023年)`` under a title) and the headings that name the
    budget (``第二部分 2023年部门预算说明``) say Y, and an as-of date of its assets or
    staff (``截至2022年12月31日，…共有车辆4辆``) is in Y−1 or Y (Y−2, perhaps the last
    audited year-end, is a warning); for final accounts
    (部门决算) of year Y, the headings that name the 决算 say Y and the as-of date is in Y
    (``截至Y年12月31日``).  Comparisons and history (``比2022年``, ``2022年决算数``, a
    heading about 执行 or 完成, a project's name, a year range) are not judged.  A table
    title in the minority is an error; when the title and the tables disagree, or the
    tables are split evenly, which year is meant cannot be told and it is a warning.

    Fails: ``一级项目绩效目标表 (2022年)`` in a 2023 budget; ``截至2021年12月31日，…共有车辆4辆``
    in a 2023 budget.
    Passes: ``比2022年预算数增加38,828.47万元``; ``截至2022年12月31日，…共有车辆4辆``.
    """
    if doc.category not in _KIND_WORD:
        return
    places = _places(doc)
    cover = _cover(doc)
    cover_years = sorted({y for n in cover for y, _ in YEAR.findall(_fold(doc.lines[n - 1]))
                          if not re.search(r"20\d\d\s*年\s*\d{1,2}\s*月", doc.lines[n - 1])})  # not a date of issue
    named = _title_years(doc) + [(t, y) for t, _, y in _period_lines(doc)]
    counts = Counter(y for _, y in named)
    ranked = counts.most_common()
    tables_year = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    title_year = cover_years[0] if len(cover_years) == 1 else None
    decided = True
    if ranked and tables_year is None:
        decided = False
        year = title_year
    elif tables_year and title_year and tables_year != title_year:
        decided = False
        year = tables_year
        n = cover[0]
        yield Fact(UNDECIDED, _at(doc, places, n, doc.lines[n - 1], 0, "year"),
                   f"the title names {title_year} but the tables' titles name {tables_year}: which year is this "
                   "document for?", f"标题写的是{title_year}年，而各表标题写的是{tables_year}年，本文档是哪一年的？")
    else:
        year = tables_year or title_year
    if year is None:
        return  # no title or table names the year: the year the text names most is no ground to judge on
    period = {n for _, n, _ in _period_lines(doc)}
    for table, y in named:
        if y == year:
            continue
        line = next((n for t, n, yy in _period_lines(doc) if t is table and yy == y), None)
        loc = where(doc, table)
        if line is not None:
            loc = Location(loc.path, loc.table, loc.title, "", "year", line, page=_page(doc, line) or loc.page)
        majority = decided and counts[year] >= 2 * (len(named) - counts[year]) and (
            title_year == year or counts[year] >= 3)
        yield Fact(VIOLATION if majority else UNDECIDED, loc,
                   f"the table's title names {y}, but the document is for {year} (its other titles name {year})",
                   f"本表标题写的是{y}年，而本文档是{year}年的（其他标题均为{year}年）")
    if not decided:
        return
    skip = set(cover) | period | {t.line for t in doc.tables}
    word = _KIND_WORD[doc.category]
    for n, y, at in _heading_years(doc, skip):
        if y != year:
            text = doc.lines[n - 1]
            yield Fact(VIOLATION, _at(doc, places, n, text, at, "heading"),
                       f"the heading “{excerpt(text, at, 40)}” names {y}, but this is the {year} "
                       f"{'final accounts' if word == '决算' else 'budget'}",
                       f"标题“{excerpt(text, at, 40)}”写的是{y}年，而本文档是{year}年{'部门决算' if word == '决算' else '部门预算'}")
    for n, y, year_end, at, text in _as_of_dates(doc, skip):
        y_, expected = int(y), int(year)
        if doc.category == "final":
            if y_ == expected or (y_ == expected + 1 and not year_end):
                continue  # a date of the year after: when the accounts were written
            want, want_zh = f"{expected}年12月31日", f"{expected}年12月31日"
        else:
            if y_ in (expected - 1, expected):
                continue
            want, want_zh = f"a date in {expected - 1} (or early {expected})", f"{expected - 1}年（或{expected}年初）的日期"
        # a budget that gives the last audited year-end (two years back) may be stale or may be meant
        status = UNDECIDED if doc.category == "budget" and y_ == expected - 2 else VIOLATION
        yield Fact(status, _at(doc, places, n, text, at, "as-of date"),
                   f"“{excerpt(text, at, 40)}”: the as-of date is in {y}, but this is the {year} "
                   f"{'final accounts' if doc.category == 'final' else 'budget'}; expected {want}",
                   f"“{excerpt(text, at, 40)}”：截至日期在{y}年，而本文档是{year}年"
                   f"{'部门决算' if doc.category == 'final' else '部门预算'}，应为{want_zh}")


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
    for n, line in enumerate(doc.lines, 1):
        cells = [c.strip() for c in _fold(line).split("\t")]
        key = re.sub(r"\s+", "", cells[0])
        if len(cells) > 1 and key in _CELL_KEYS and not (key == "主管部门" and unit_document):
            name = next((c for c in cells[1:] if c), "")  # 单位名称 | 厦门市…局
            if name:
                out.append((n, key, _name(name)))
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

    Fails: ``单位名称	厦门市民政局`` in the budget of 厦门市人力资源和社会保障局.
    Passes: ``编制部门：西安市卫生健康委员会（汇总）`` in 西安市卫生健康委员会's 决算.
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
    plain = [re.sub(r"\s+", "", _fold(line)) for line in doc.lines]
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
