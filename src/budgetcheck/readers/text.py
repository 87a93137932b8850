"""The text reader: a 部门预算说明 extracted as text, tables as tab-separated lines.

A table starts at a title line that the schema recognises and that is followed, within
a few lines, by a 单位 line, a subtitle or a tab-separated row (so the 目录 entries,
which name the same titles, are not tables).  It runs until the next title.  Blocks of
tab-separated lines outside any recognised table are kept as unrecognised tables, so
nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import replace

from collections import Counter

from budgetcheck import templates
from budgetcheck.core.errors import InputError
from budgetcheck.core.limits import MAX_LINE_CHARS, MAX_ROW_CELLS
from budgetcheck.core.model import Document, Table
from budgetcheck.templates.schema import FAILED, OVERVIEW_ROLES
from budgetcheck.templates import Template
from budgetcheck.readers.forms import parse_t10, parse_t11
from budgetcheck.readers.selfeval import parse_selfeval
from budgetcheck.readers.grid import parse_grid
from budgetcheck.readers.information import parse_information
from budgetcheck.readers.overview import parse_overview
from budgetcheck.readers.reconcile import reconcile
from budgetcheck.readers.spaces import restore_tabs

LOOKAHEAD = 6


def read_text(text: str, path: str, encoding: str = "utf-8", template: str | None = None) -> Document:
    lines = text.splitlines()
    bounded(lines, path)
    restored = restore_tabs(lines)  # tables whose tabs became spaces (readers/spaces.py)
    lines = restored.lines
    chosen = templates.for_lines(lines, template)
    tables = read_tables(lines, chosen)
    doc = reconcile(Document(path, tuple(tables), tuple(lines), encoding, "text", template=chosen.name))
    return replace(doc, reading=(restored.how,)) if restored.how else doc


def bounded(lines: list[str], path: str) -> None:
    """Refuse a line longer, or a row wider, than any document has (limits.py): the
    work a line costs grows with it, and a warning would echo it."""
    for n, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise InputError(f"{path}: line {n:,} is {len(line):,} characters long, more than the "
                             f"{MAX_LINE_CHARS:,} limit for one line; is this a budget text?")
        if len(line) > MAX_ROW_CELLS and line.count("\t") >= MAX_ROW_CELLS:
            raise InputError(f"{path}: line {n:,} has {line.count(chr(9)) + 1:,} cells, more than the "
                             f"{MAX_ROW_CELLS:,} limit for one table row")


def document_year(lines: list[str], titles: list[str]) -> int | None:
    """The year the tables' titles (else the first lines) name most."""
    for source in (titles, lines[:40]):
        years = Counter(int(y) for t in source for y in re.findall(r"(20\d\d)\s*年", t))
        if years:
            return years.most_common(1)[0][0]
    return None


def read_tables(lines: list[str], template: Template | None = None) -> list[Table]:
    """The tables of tab-separated lines, in order.  The workbook reader, whose cells
    never shift, uses this without the text-only realignment of ``reconcile``."""
    template = template or templates.load()
    starts = [(i, role) for i, role in _titles(lines, template)]
    year = document_year(lines, [lines[i] for i, _ in starts])
    tables: list[Table] = []
    covered_until = 0
    units: list[str] = []  # a table without a 单位 line takes the document's usual unit
    for n, (i, role) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        tables.extend(_unrecognised(lines, covered_until, i, len(tables), template))
        usual = max(reversed(units), key=units.count) if units else "万元"
        try:
            tables.append(_table(role, lines, i, end, len(tables), usual, template, year))
        except Exception as exc:  # noqa: BLE001 - a reader's bug must not lose the rest of the document
            tables.append(Table(role, lines[i].strip(), usual, (), (), i + 1, len(tables),
                                readings=(f"{FAILED} ({type(exc).__name__}: {exc})",)))
        if any(template.unit_of(line) for line in lines[i:end] if "\t" not in line):
            units.append(tables[-1].unit)
        covered_until = end
    tables.extend(_unrecognised(lines, covered_until, len(lines), len(tables), template))
    tables.sort(key=lambda t: t.line)
    return [t if t.index == k else _reindex(t, k) for k, t in enumerate(tables)]


def _reindex(table: Table, index: int) -> Table:
    return replace(table, index=index)  # every other field kept as read


def _titles(lines: list[str], template: Template):
    for i, line in enumerate(lines):
        if "\t" in line or not line.strip():
            continue
        spec = template.recognise(line)
        if spec and _followed_by_table(lines, i, template):
            yield i, spec.role


def _followed_by_table(lines: list[str], i: int, template: Template) -> bool:
    seen = 0
    for j in range(i + 1, min(len(lines), i + 1 + 40 * LOOKAHEAD)):  # no copy of the rest of the file
        line = lines[j]
        if not line.strip():
            continue
        if "\t" in line or template.unit_of(line) or template.caption("subtitle", line):
            return True
        seen += 1
        if seen >= LOOKAHEAD or template.recognise(line) or line.lstrip().startswith(("-", "•")):
            return False
    return False


def _table(role: str, lines: list[str], start: int, end: int, index: int, unit: str, template: Template,
           year: int | None) -> Table:
    title = re.sub(r"\s+", " ", lines[start].strip())
    notes: list[str] = []
    tab_lines: list[tuple[int, str]] = []
    for j in range(start + 1, end):
        line = lines[j]
        if not line.strip():
            continue
        if "\t" in line and not (not tab_lines and _caption_cells(line, template)):
            tab_lines.append((j + 1, line))
            continue
        if "\t" in line:  # 单位名称：某局 <tab> 单位：元 above the header: captions, not a header row
            found = next(filter(None, map(template.unit_of, line.split("\t"))), None)
            unit = found or unit
            continue
        found = template.unit_of(line)
        if found and not tab_lines:
            unit = found
        elif not (template.caption("subtitle", line) or template.caption("label", line)
                  or template.caption("owner", line)):
            notes.append(line.strip())
    args = (unit, tab_lines, start + 1, tuple(notes), index)
    if role in OVERVIEW_ROLES or template.layout(role) == "overview":
        return parse_overview(role, title, *args, template=template)
    if role == "T10":
        return parse_t10(title, *args, template=template)
    if role == "T11":
        return parse_t11(title, *args, template=template)
    if role == "FSE":
        return parse_selfeval(role, title, *args)
    if template.layout(role) == "information":
        return parse_information(role, title, *args, template=template)
    return parse_grid(role, title, *args, template=template, year=year)


def _caption_cells(line: str, template: Template) -> bool:
    """A tab-separated line whose every cell is a caption (单位：元, 编制单位：…, 单位名称：…)
    and at least one of them the unit: the caption block written with a tab, not a row."""
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    if not cells or not any(template.unit_of(c) for c in cells):
        return False
    return all(template.unit_of(c) or template.caption("owner", c) or template.caption("subtitle", c)
               or template.caption("label", c) for c in cells)


def _unrecognised(lines: list[str], start: int, end: int, index: int, template: Template) -> list[Table]:
    """Runs of tab-separated lines outside recognised tables, kept as role-less tables."""
    out: list[Table] = []
    run: list[tuple[int, str]] = []
    for j in range(start, end + 1):
        line = lines[j] if j < end else ""
        if j < end and "\t" in line:
            run.append((j + 1, line))
            continue
        if run:
            title = _caption(lines, run[0][0] - 2)
            out.append(parse_grid(None, title, "万元", run, run[0][0], (), index + len(out), template=template))
            run = []
    return out


def _caption(lines: list[str], i: int) -> str:
    """The nearest non-blank line above an unrecognised block, as its title."""
    while i >= 0 and not lines[i].strip():
        i -= 1
    return lines[i].strip()[:60] if i >= 0 else "(untitled)"
