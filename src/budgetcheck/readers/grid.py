"""Grid tables (T2, T3, T5–T9 and the regional extras): header, body rows, codes.

The parser is layout-driven, not annex-number-driven.  The header is every row above
the first row that holds a figure, a code, or a 合计 label followed by blanks
(readers/header.py); a repeated header or a row of column numbers inside the body
is skipped.  A row's code may be in a code column, split over 类|款|项 (parent parts
blank or repeated, a part that lost its leading zero), or written in the name cell
(``[2010501]行政运行``, ``2010501-行政运行``).  Rows without codes take their level from
their indentation (PDF glyph positions), so a names-only table still has a tree.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from decimal import Decimal

from budgetcheck.core.catalogue import class_code, economic_code, function_code
from budgetcheck.core.model import Amount, Code, Column, Row, Table
from budgetcheck.core.figures import NotANumber, is_number, parse_amount
from budgetcheck.templates.schema import Identity, row_identities, understood
from budgetcheck.templates import Template, load, squeeze
from budgetcheck.readers.align import Assignment, placements, row_fits, settle
from budgetcheck.readers.groups import unstack
from budgetcheck.readers.header import build_columns, is_header_row, is_numbering, paths_from_rows
from budgetcheck.readers.structure import indent_levels

CODE = re.compile(r"^\d{3}(?:\d{2}|\d{3})?(?:\d{2})?$")
TOTAL = re.compile(r"^(?:金额)?(合\s*计|总\s*计)\s*[:：]?$")
SPLIT_KEYS = ("code_class", "code_kuan", "code_item")
MAX_HEADER = 6
ECONOMIC_ROLES = ("T6", "T6f", "T6p", "T5x", "TAR")
#: Tables whose one amount column (预算数) is their total.
PERCENT = re.compile(r"^-?\d+(?:\.\d+)?\s*[%％]$")
SINGLE_TOTAL = ("T5", "T5x", "T5b", "T5f", "T6", "T6p", "T6f", "T8", "T8b", "TAR")


def is_body(cells: list[str], role: str | None, template: Template | None = None) -> bool:
    """A row that belongs to the body (kept for callers that look at one row)."""
    template = template or load()
    return any(c.strip() for c in cells) and not is_header_row(cells, template, TOTAL, CODE)


def split_header(split: list[list[str]], role: str | None, template: Template) -> int:
    """The index of the first body row."""
    code = re.compile(template.rows["code_in_name"])
    for i, cells in enumerate(split[:MAX_HEADER + 1]):
        if not any(c.strip() for c in cells):
            continue
        first = next(squeeze(c) for c in cells if c.strip())
        if code.match(first) and not is_numbering(cells, template) and (is_number(first) is False or CODE.match(first)):
            return i
        if not is_header_row(cells, template, TOTAL, CODE):
            return i
    return min(len(split), MAX_HEADER) if len(split) > MAX_HEADER else len(split)


def scheme_of(columns: tuple[Column, ...], role: str | None, codes: list[str]) -> str:
    head = " ".join(c.label for c in columns if not c.is_amount)
    if role in ECONOMIC_ROLES or ("经济分类" in head and "功能" not in head) or (
            "经济科目" in head and "功能" not in head):
        return "economic"
    if any(len(c) == 6 for c in codes) or re.search(r"单位(代码|编码)", head):
        return "unit"
    if role in ("T2", "T9") and "功能" not in head and "科目" not in head and all(len(c) == 3 for c in codes):
        return "unit"
    return "functional"


def parse_grid(role: str | None, title: str, unit: str, tab_lines: list[tuple[int, str]], start: int,
               notes: tuple[str, ...], index: int, template: Template | None = None,
               paths: list[tuple[str, ...]] | None = None, indents: dict[int, tuple[float | None, ...]] | None = None,
               year: int | None = None) -> Table:
    """A grid table from its lines.  ``paths`` (each column's header path) comes from a
    reader that knows the merged header cells (PDF); without it the header rows are
    found in ``tab_lines``.  ``indents`` gives, per line, each cell's text offset."""
    template = template or load()
    split = [(n, raw, [c.strip() for c in raw.split("\t")]) for n, raw in tab_lines]
    readings: list[str] = []
    if paths is None:
        first_body = split_header([c for _, _, c in split], role, template)
        if role is None and first_body in (0, len(split)) and split:
            first_body = 1  # an unrecognised block: read its first line as the header
        header_rows = [cells for _, _, cells in split[:first_body] if not is_numbering(cells, template)]
        paths = paths_from_rows(header_rows) if header_rows else []
        if len(header_rows) < first_body:
            readings.append("a row of column numbers under the header was skipped")
        body = split[first_body:]
        header_texts = {tuple(squeeze(c) for c in cells) for _, _, cells in split[:first_body]}
    else:
        body = split
        header_texts = set()
    if paths:
        paths, body = unstack(paths, body, template, readings)
    numeric = _numeric_columns(body, max(len(paths), max((len(c) for _, _, c in body), default=0)))
    spec = template.spec(role)
    final = bool(spec and spec.final)  # 决算数 / 执行数 is the year's figure, 预算数 a comparison
    columns = build_columns(paths, template, year, numeric, final) if paths else ()
    if not columns:
        width = max((len(c) for _, _, c in body), default=0)
        columns = tuple(Column(f"c{i}", f"#{i + 1}", period="unknown") for i in range(width))
    kept = []
    for lineno, raw, cells in body:
        squeezed = tuple(squeeze(c) for c in cells)
        if squeezed in header_texts or is_numbering(cells, template) or (
                header_texts and _repeats_header(squeezed, header_texts)):
            readings.append(f"line {lineno}: a repeated header row was skipped")
            continue
        if not any(squeezed):
            continue
        kept.append((lineno, raw, cells))
    columns = _text_by_content(columns, kept, readings)
    amounts = [i for i, c in enumerate(columns) if c.is_amount]
    if len(amounts) == 1 and columns[amounts[0]].key == "amount" and role in SINGLE_TOTAL:
        columns = tuple(replace(c, key="total") if i == amounts[0] else c for i, c in enumerate(columns))
    codes = _raw_codes(kept, columns, template)
    scheme = scheme_of(columns, role, codes)
    attributes = role in ("TGP", "TGS") and scheme != "unit"
    if role in ("T7", "F9"):
        columns = meetings_in_total(columns, kept, unit, template, readings)
    rows = _rows(kept, columns, unit, scheme, row_identities(columns, template), template, readings, attributes,
                 lone_total=role not in (None, "T7", "F9") and len(kept) == 1)
    rows = _structure(rows, kept, columns, indents or {}, readings, scheme)
    if role in ("T7", "F9") and any(not c.is_amount for c in columns):
        rows = sangong_rows(rows, template, readings)
    for c in columns:
        if c.is_amount and not understood(c) and not re.match(r"c\d+$", c.key):
            readings.append(f"column “{c.label}”: meaning not understood; no sum uses it")
    return Table(role, title, unit, columns, tuple(rows), start, index, notes, readings=tuple(dict.fromkeys(readings)))


def _repeats_header(row: tuple[str, ...], header_texts: set[tuple[str, ...]]) -> bool:
    """A header row repeated on a continuation page, possibly with its cells merged
    differently: every non-empty cell of the row is a cell of the header."""
    cells = {c for c in row if c}
    known = {c for h in header_texts for c in h if c}
    return len(cells) >= 2 and cells <= known and not any(is_number(c) for c in cells)


def _numeric_columns(body, width: int) -> list[bool]:
    counts = [[0, 0] for _ in range(width)]
    for _, _, cells in body:
        for i, c in enumerate(cells[:width]):
            if c and c not in ("-", "—", "/"):
                counts[i][0 if is_number(c) or PERCENT.match(c) else 1] += 1
    return [n > 0 and n >= t for n, t in counts]


def _text_by_content(columns: tuple[Column, ...], body, readings: list[str]) -> tuple[Column, ...]:
    """An amount column whose cells are names, not figures, is a text column: its
    header was not understood (a label column under an unusual header)."""
    out = list(columns)
    for i, col in enumerate(columns):
        if not col.is_amount:
            continue
        values = [cells[i] for _, _, cells in body if i < len(cells) and cells[i]]
        words = [v for v in values if not is_number(v) and not PERCENT.match(v) and v not in ("-", "—", "/", "——", "－")
                 and not TOTAL.match(squeeze(v))]
        if values and len(words) * 2 > len(values):
            out[i] = replace(col, key=f"text:{col.label or i}", is_amount=False, period="")
            readings.append(f"column “{col.label}” holds names, not figures: read as text")
    return tuple(out)


def _raw_codes(body, columns, template) -> list[str]:
    code_in_name = re.compile(template.rows["code_in_name"])
    found = []
    for _, _, cells in body:
        for i, c in enumerate(cells):
            if i < len(columns) and not columns[i].is_amount:
                text = squeeze(c)
                if CODE.match(text):
                    found.append(text)
                else:
                    m = code_in_name.match(text)
                    if m:
                        found.append(m.group("code"))
                break
    return found


def _rows(body, columns: tuple[Column, ...], unit: str, scheme: str, identities: tuple[Identity, ...],
          template: Template, readings: list[str], attributes: bool = False, lone_total: bool = False) -> list[Row]:
    """``attributes``: the codes in this table describe its items (a procurement line's
    subject code) rather than identify its rows; they are not read as row codes."""
    text_cols = [i for i, c in enumerate(columns) if not c.is_amount]
    amount_cols = [i for i, c in enumerate(columns) if c.is_amount]
    slot = {col: k for k, col in enumerate(amount_cols)}
    split_idx = [i for i, c in enumerate(columns) if c.key in SPLIT_KEYS]
    code_in_name = re.compile(template.rows["code_in_name"])
    memo = re.compile(template.rows["memo"])
    positional_layout = len(text_cols) > 0 and text_cols == list(range(len(text_cols)))
    prefer = _code_preference(columns, text_cols, scheme)
    drafts = []
    inherited = ["", "", ""]
    for lineno, raw, cells in body:
        if positional_layout:
            cells = _total_first(cells, len(text_cols))
        texts = [cells[i] if i < len(cells) else "" for i in text_cols] if not positional_layout else (
            cells[: len(text_cols)] + [""] * max(0, len(text_cols) - len(cells)))
        total = any(TOTAL.match(squeeze(t)) for t in texts if t)
        code, note = None, ""
        if not total and not attributes:
            code, inherited, note = _code(texts, text_cols, columns, split_idx, inherited, scheme)
        label = _label(texts, text_cols, columns, projects=code is None and not attributes) if not total else "合计"
        if code is None and not total and not attributes:
            code, named = _code_in_cells(texts, text_cols, columns, scheme, code_in_name, prefer)
            if named:
                label = named
        if not label and not code:
            if lone_total and not text_cols:
                label, total = "合计", True  # a table of one unlabelled line of figures (a 收入总表 by fund): its total
            else:
                label = "三公经费" if not text_cols and any(c.key in ("total", "sangong") for c in columns) else "(row)"
        if note:
            readings.append(f"line {lineno}: {note}")
        values, bad = [], []
        source = [cells[i] if i < len(cells) else "" for i in amount_cols] if not positional_layout else cells[len(text_cols):]
        for k, c in enumerate(source):
            try:
                pct = k < len(amount_cols) and columns[amount_cols[k]].period == "pct" and PERCENT.match(c.strip())
                values.append(replace(parse_amount(c.strip()[:-1], "%"), text=c.strip()) if pct else parse_amount(c, unit))
            except NotANumber:
                bad.append(c)
                values.append(Amount.zero(unit))
        while len(values) > len(amount_cols) and values[-1].blank:
            values.pop()
        drafts.append((lineno, raw, total, code, label, values, tuple(bad), bool(memo.match(squeeze(label))), note))
    options, positional = [], []
    for d in drafts:
        values = d[5]
        pos = tuple(values[: len(amount_cols)]) + tuple(Amount.zero(unit) for _ in range(len(amount_cols) - len(values)))
        positional.append(pos)
        options.append([pos] if len(values) >= len(amount_cols) or not identities else _fitting(values, len(amount_cols), identities, slot, unit))
    options = settle(options, _families(drafts))
    rows = []
    for (lineno, raw, total, code, label, values, bad, is_memo, note), opts, pos in zip(drafts, options, positional):
        if len(values) > len(amount_cols):
            chosen, how, count = pos, "unaligned", 0
        elif len(opts) == 1:
            chosen, how, count = opts[0], ("positional" if _same(opts[0], pos) else "realigned"), 1
        elif opts:
            chosen = next((o for o in opts if _same(o, pos)), opts[0])
            how, count = "ambiguous", len(opts)
        else:
            chosen, how, count = pos, "unaligned", 0
        amounts: list[Amount | None] = [None] * len(columns)
        for col, value in zip(amount_cols, chosen):
            amounts[col] = value
        rows.append(Row(label, code, tuple(amounts), lineno, raw, total, alignment=how, candidates=count, bad_cells=bad,
                        memo=is_memo, note=note))
    return rows


def _total_first(cells: list[str], text_width: int) -> list[str]:
    """A 合计 row whose label spans the code and name columns: its figures start after them."""
    if cells and TOTAL.match(squeeze(cells[0])) and len(cells) > 1 and text_width > 1 and is_number(cells[1]):
        return [cells[0], *([""] * (text_width - 1)), *cells[1:]]
    return cells


def _structure(rows: list[Row], body, columns, indents, readings: list[str], scheme: str) -> list[Row]:
    """Levels and parents of rows without codes, from their indentation; a 类, 款 or 项
    (and an economic 类 or 款) named as in the catalogue gets its code back."""
    if any(r.code is not None for r in rows if not r.is_total):
        return rows
    label_col = next((i for i, c in enumerate(columns) if not c.is_amount), None)
    if label_col is None:
        return rows
    offsets = [indents.get(r.line, ())[label_col] if label_col < len(indents.get(r.line, ())) else None for r in rows]
    levels = indent_levels([None if r.is_total else o for r, o in zip(rows, offsets)])
    if levels is None:
        levels = _levels_by_catalogue(rows)
        if levels is None:
            return rows
        readings.append("rows have no codes and no indentation: the economic classes named as in the "
                        "classification are read as the parts of the heading row above them")
    else:
        readings.append("rows have no codes: their levels are read from the indentation of their names")
    last = 0
    for i, (row, level) in enumerate(zip(rows, levels)):
        if level is not None:
            last = level
        elif not row.is_total and last:
            levels[i] = last + 1  # a row with its label column blank: an item of the row above
    out: list[Row] = []
    stack: list[int] = []  # index of the last row seen at each level
    for i, (row, level) in enumerate(zip(rows, levels)):
        if row.is_total or level is None:
            out.append(row)
            continue
        del stack[level - 1:]
        parent = stack[-1] if stack else None
        stack.append(i)
        code = None
        if scheme == "functional" and level == 1:
            found = class_code(row.label)
            code = Code(found) if found else None
        elif scheme == "functional" and level <= 3 and parent is not None and out[parent].code is not None:
            found = function_code(row.label, out[parent].code.text, out[parent].label)
            code = Code(found) if found and len(found) == 2 * level + 1 else None
        elif scheme == "economic" and level <= 2:
            above = out[parent].code.text if parent is not None and out[parent].code is not None else ""
            found = economic_code(row.label, above) if level == 1 or above else None
            code = Code(found, "economic") if found else None
        out.append(replace(row, level=level, parent=parent, code=code))
    if any(r.code is not None for r in out):
        readings.append("the codes of rows printed by name were taken from the classification's names")
    return out


def _levels_by_catalogue(rows: list[Row]) -> list[int | None] | None:
    """Levels by the order of names when the indentation says nothing (基本支出 by unit
    and economic class, 广东 表11): each heading row (a unit) followed by rows named as
    the economic classes (工资福利支出, 商品和服务支出 …), which are its parts.  None
    unless every heading has such parts and no class comes before the first heading."""
    levels: list[int | None] = []
    headings = parts = 0
    for row in rows:
        if row.is_total:
            levels.append(None)
            continue
        if economic_code(row.label) is not None:
            if not headings:
                return None
            levels.append(2)
            parts += 1
            continue
        if headings and not parts:
            return None  # a heading without parts: not this layout
        levels.append(1)
        headings += 1
        parts = 0
    return levels if headings and parts else None


def sangong_rows(rows: list[Row], template: Template, readings: list[str]) -> list[Row]:
    """A 三公 table laid out as rows (项目 | 预算数): each row's quantity from its label,
    and the parts under their totals (出国, 车, 接待 under 三公; 购置, 运行 under 车)."""
    words = template.rows["sangong"]
    order = ("total", "abroad", "car", "purchase", "running", "reception", "admin_running", "meeting", "training")
    kinds: list[str] = []
    for row in rows:
        text = squeeze(re.sub(r"^\s*其中\s*[:：]", "", row.label))
        text = re.sub(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．])", "", text)
        kind = next((k for k in order if re.search(words[k], text)), "")
        kinds.append({"total": "sangong", "purchase": "car.purchase", "running": "car.running"}.get(kind, kind))
    if kinds.count("sangong") > 1 or not any(k in ("abroad", "car", "reception") for k in kinds):
        return rows
    at = {k: i for i, k in reversed(list(enumerate(kinds))) if k}
    inside = ("abroad", "car", "reception")
    if _total_adds_meetings(rows, kinds, at.get("sangong")):
        # ``“三公”经费及会议费、培训费``: a 合计 that adds 会议费 and 培训费 to the three is
        # not the 三公 total, and those two are its parts too
        inside += ("meeting", "training")
        kinds[at["sangong"]] = "sangong_and_meetings"
        readings.append("the 三公 table's 合计 adds 会议费 and 培训费: it is not the 三公 total")
    out = []
    for i, (row, kind) in enumerate(zip(rows, kinds)):
        parent = at.get("sangong") if kind in inside else at.get("car") if kind.startswith("car.") else None
        if kind == "sangong" and row.is_total:
            parent = None
        parent = parent if parent != i else None
        # a part is one level below its total, however the layout indents it
        # (``其中：（一）…`` printed left of ``（二）…``)
        level = out[parent].level + 1 if parent is not None and parent < i and out[parent].level else row.level
        out.append(replace(row, kind=kind, parent=parent, level=level, memo=False))
    readings.append("the 三公 table is laid out as rows: each row's quantity is read from its label")
    return out


def meetings_in_total(columns: tuple[Column, ...], kept, unit: str, template: Template,
                      readings: list[str]) -> tuple[Column, ...]:
    """A 三公 table laid out in columns whose plain 合计 (no 三公 小计 beside it) adds 会议费
    and 培训费 to the three 三公 items: its 合计 is keyed ``sangong_and_meetings``, so that
    the row identity takes the two in and no rule takes that 合计 for the 三公 total.
    The header does not say which the 合计 is; the figures do, as for the row layout
    (``_total_adds_meetings``): it adds them when that reading fits some row with a 会议费
    or 培训费 and the other reading fits none, or, where neither fits (the 合计 is wrong),
    when it is the nearer."""
    by_key = {c.key: i for i, c in enumerate(columns) if c.is_amount}
    out = list(columns)
    identities = row_identities(columns, template)
    for period in ("", "budget:", "prior:"):
        total = by_key.get(period + "total")
        extra = [by_key[k] for k in (period + "meeting", period + "training") if k in by_key]
        if total is None or not extra or period + "sangong" in by_key:
            continue
        identity = next((x for x in identities if x.total == total and not x.minus), None)
        if identity is None or set(extra) & set(identity.parts):
            continue
        fits_with = fits_without = 0
        off_with = off_without = Decimal(0)
        for _, _, cells in kept:
            values = {i: _cell_value(cells, i, unit) for i in (total, *identity.parts, *extra)}
            if any(v is None for v in values.values()) or not any(values[e].value for e in extra):  # type: ignore[union-attr]
                continue
            tol = max(a.quantum for a in values.values()) * len(values)  # type: ignore[union-attr]
            without = sum((values[p].value for p in identity.parts), Decimal(0))  # type: ignore[union-attr]
            more = sum((values[e].value for e in extra), Decimal(0))  # type: ignore[union-attr]
            gap_with = abs(without + more - values[total].value)  # type: ignore[union-attr]
            gap_without = abs(without - values[total].value)  # type: ignore[union-attr]
            off_with, off_without = off_with + gap_with, off_without + gap_without
            fits_with += gap_with <= tol
            fits_without += gap_without <= tol
        # neither fitting anywhere (the 合计 itself is wrong): the nearer reading, so that
        # the error says what the 合计 should be
        if (fits_with and not fits_without) or (not fits_with and not fits_without and off_with < off_without):
            out[total] = replace(columns[total], key=period + "sangong_and_meetings")
            readings.append(f"the 三公 table's {columns[total].label} adds 会议费 and 培训费: it is not the 三公 total")
    return tuple(out)


def _cell_value(cells: list[str], i: int, unit: str) -> Amount | None:
    try:
        return parse_amount(cells[i], unit) if i < len(cells) else None
    except NotANumber:
        return None


def _total_adds_meetings(rows: list[Row], kinds: list[str], total: int | None) -> bool:
    """Does the 合计 row of a row-laid 三公 table with 会议费/培训费 rows equal the three
    三公 items plus those two, in every column, where the three alone do not add up to it?
    The header does not say which the 合计 is; its figures do: it adds them when that
    reading fits a column and the other reading fits none (a 合计 wrong in one column
    is then an error there, not in the columns that agree)."""
    extra = [i for i, k in enumerate(kinds) if k in ("meeting", "training")]
    three = [i for i, k in enumerate(kinds) if k in ("abroad", "car", "reception")]
    if total is None or not extra or not three:
        return False
    fits_with = fits_without = 0
    for col, amount in enumerate(rows[total].amounts):
        if amount is None:
            continue
        parts = [rows[i].amounts[col] for i in three]
        more = [rows[i].amounts[col] for i in extra]
        if not any(a is not None and a.value for a in more):
            continue  # no 会议费 or 培训费 in this column: both readings agree
        tol = amount.quantum * (len(parts) + len(more) + 1)
        without = sum((a.value for a in parts if a is not None), Decimal(0))
        with_more = without + sum((a.value for a in more if a is not None), Decimal(0))
        fits_with += abs(with_more - amount.value) <= tol
        fits_without += abs(without - amount.value) <= tol
    return fits_with > 0 and fits_without == 0


def _fitting(values: list[Amount], width: int, identities, slot, unit: str) -> list[Assignment]:
    """Readings of a short row: trailing blanks, plus one (else two) lost inner blanks."""
    for lost in (1, 2):
        found = [p for p in _with_lost(values, width, lost, unit) if row_fits(p, identities, slot)]
        if found:
            return found
    return []


def _with_lost(values: list[Amount], width: int, lost: int, unit: str) -> list[Assignment]:
    blank = Amount.zero(unit)
    out: dict[tuple, Assignment] = {}
    for k in range(0, lost + 1):
        for spots in itertools.combinations(range(len(values) + k), k):
            cells, it = [], iter(values)
            for i in range(len(values) + k):
                cells.append(blank if i in spots else next(it))
            if len(cells) > width:
                continue
            row = tuple(cells) + tuple(blank for _ in range(width - len(cells)))
            out.setdefault(tuple((a.value, a.text) for a in row), row)
    return list(out.values()) if out else placements(values, width)


def _same(a: Assignment, b: Assignment) -> bool:
    return all(x.value == y.value and x.text == y.text for x, y in zip(a, b))


def _families(drafts) -> list[tuple[int, list[int]]]:
    by_code = {d[3].text: i for i, d in enumerate(drafts) if d[3] is not None}
    children: dict[int, list[int]] = {}
    tops: list[int] = []
    for i, d in enumerate(drafts):
        code = d[3]
        if code is None:
            continue
        parent = code.parent
        if parent is not None and parent.text in by_code:
            children.setdefault(by_code[parent.text], []).append(i)
        else:
            tops.append(i)
    families = [(p, kids) for p, kids in children.items()]
    total = next((i for i, d in enumerate(drafts) if d[2]), None)
    if total is not None and tops:
        families.append((total, tops))
    return families


def _code(texts, text_cols, columns, split_idx, inherited, scheme):
    """The row's code, the inherited split parts, and a note when a part was repaired."""
    if split_idx:
        parts = []
        for col in split_idx[:3]:
            value = texts[text_cols.index(col)] if col in text_cols and text_cols.index(col) < len(texts) else ""
            parts.append(squeeze(value))
        parts += [""] * (3 - len(parts))
        if parts[0] or parts[1] or parts[2]:
            filled = [p or (inherited[i] if any(parts[i + 1:]) else "") for i, p in enumerate(parts)]
            note = ""
            for i in (1, 2):
                if len(filled[i]) == 1 and filled[i].isdigit():
                    note = f"code part {filled[i]!r} lost its leading zero: read as {'0' + filled[i]!r}"
                    filled[i] = "0" + filled[i]
            code = Code.join(filled, scheme)
            return (code if CODE.match(code.text) else None), filled, note
        return None, inherited, ""
    for value, col in zip(texts, text_cols):
        if columns[col].key in ("code", "function_code") and CODE.match(squeeze(value)):
            return Code(squeeze(value), scheme), inherited, ""
    first = squeeze(texts[0]) if texts else ""
    return (Code(first, scheme) if CODE.match(first) else None), inherited, ""


def _code_preference(columns, text_cols, scheme: str) -> list[int]:
    """The order in which text columns are searched for the row's code: where a row
    carries several codes (功能 | 政府经济 | 部门经济), the one of the table's scheme."""
    def rank(col: int) -> int:
        head = squeeze(columns[col].label)
        if scheme == "economic":
            return 0 if "部门" in head and "经济" in head else 2 if "政府" in head else 1
        if scheme == "functional":
            return 0 if "功能" in head else 2 if "经济" in head else 1
        return 1
    return sorted(range(len(text_cols)), key=lambda k: (rank(text_cols[k]), k))


def _code_in_cells(texts, text_cols, columns, scheme: str, pattern, prefer: list[int]) -> tuple[Code | None, str]:
    """A code written in a cell, alone or before its name (``[2010501]行政运行``,
    ``30101-基本工资``), from the preferred column; and the name written with it."""
    for k in prefer:
        if k >= len(texts) or columns[text_cols[k]].key in SPLIT_KEYS:
            continue
        text = squeeze(texts[k])
        if CODE.match(text):
            return Code(text, scheme), ""
        m = pattern.match(text)
        if m and CODE.match(m.group("code")):
            raw = texts[k].strip().lstrip("[")
            name = raw.split("]", 1)[1] if "]" in raw else raw[len(m.group("code")):]
            return Code(m.group("code"), scheme), name.lstrip("-－— ").strip() or m.group("name")
    return None, ""


def _label(texts, text_cols, columns, projects: bool = False) -> str:
    """The row's name.  In a list of projects by unit (单位名称 | 项目名称) without a code
    the project names the row, not its unit; a row with a code keeps the name that goes
    with it (a transfer listed under its unit's code is named as the unit), and a
    procurement row is named by its item (采购品目名称), not by the project it serves."""
    for key in (("project_name",) if projects else ()) + ("name", "function_name"):
        for value, col in zip(texts, text_cols):
            if columns[col].key == key and value and (key != "project_name" or any(
                    columns[c].key == "name" for c in text_cols)):
                return value
    return next((t for t, col in zip(texts, text_cols) if t and not CODE.match(squeeze(t)) and columns[col].key not in SPLIT_KEYS
                 and columns[col].key not in ("code", "function_code")), "") or next(
        (t for t, col in zip(texts, text_cols) if t and not CODE.match(squeeze(t)) and columns[col].key not in SPLIT_KEYS), "")
