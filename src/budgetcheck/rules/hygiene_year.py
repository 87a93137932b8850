"""Document hygiene, BC052: a title, heading, period line or as-of date that names
another year than the document's (last year's template, copied forward).

The shared readings of a document's text (its cover, its places) are in
``rules/hygiene.py``; comparisons and look-backs name other years by right and are
never reported.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from budgetcheck.claims.prose import excerpt
from budgetcheck.core.model import Document, Location, Table
from budgetcheck.rules.base import UNDECIDED, VIOLATION, rule, where, Fact
from budgetcheck.rules.context import Context
from budgetcheck.rules.hygiene import _KIND_WORD, _NAMES_ITSELF, _at, _fold, _page, _places, folded_lines


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
    for n, line in enumerate(folded_lines(doc.lines), 1):
        if n in skip or "\t" in line:
            continue
        text = line.strip().lstrip("-•·* ")
        if not text or len(text) > 50 or re.search(r"[,，;；:：]|。.", text) or history.search(text):
            continue
        for m in attached.finditer(text):
            yield n, m.group(1), m.start(1)


def _as_of_dates(doc: Document, skip: set[int]) -> Iterator[tuple[int, str, bool, int, str]]:
    """(line, year, year-end?, position, sentence) of each as-of date that opens a
    statement of the department's assets or staff (``截至2022年12月31日，…共有车辆4辆``)."""
    for n, text in enumerate(folded_lines(doc.lines), 1):
        if n in skip:
            continue
        for m in _AS_OF.finditer(text):
            before = text[:m.start()].rstrip()
            if before and not re.search(r"[。;；:：,，)）]$|^[(（]?[一二三四五六七八九十\d]+[)）、.]$", before):
                continue  # not the opening of a statement (比截至…, 较…)
            sentence = re.split(r"[。;；]", text[m.end():], maxsplit=1)[0]
            if not _AS_OF_SUBJECT.search(sentence):
                continue
            month, day, end = m.group(2), m.group(3), m.group(4)
            year_end = bool(end) or month == "12" and (day in (None, "31"))
            yield n, m.group(1), year_end, m.start(), doc.lines[n - 1]


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


