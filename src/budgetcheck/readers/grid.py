"""Coded grid tables (T2, T3, T5–T9): header, body rows, codes and realignment.

The parser is layout-driven, not annex-number-driven: a body row starts with a code or
a 合计 label (or, for the 三公 table, is all figures); the tab lines before the first
body row are the header, whatever their count.  Codes split over 类|款|项 columns are
joined, inheriting blank parent parts from the row above.
"""

from __future__ import annotations

import itertools
import re

from ..model import Amount, Code, Column, Row, Table
from ..numbers import NotANumber, is_number, parse_amount
from ..schema import Identity, build_columns, row_identities
from .align import Assignment, placements, row_fits, settle

CODE = re.compile(r"^\d{3}(?:\d{2}|\d{3})?(?:\d{2})?$")
TOTAL = re.compile(r"^(合\s*计|总\s*计)\s*[:：]?$")
SPLIT_KEYS = ("code_class", "code_kuan", "code_item")


def is_body(cells: list[str], role: str | None) -> bool:
    first = next((c for c in cells if c), "")
    if role == "T7":
        return any(cells) and all(not c or is_number(c) for c in cells)
    return bool(CODE.match(first) or TOTAL.match(first))


def scheme_of(columns: tuple[Column, ...], role: str | None) -> str:
    head = " ".join(c.label for c in columns if not c.is_amount)
    if role == "T6" or "经济分类" in head:
        return "economic"
    if re.search(r"单位(代码|编码)", head) or (role in ("T2", "T9") and "功能分类" not in head):
        return "unit"  # some templates list T2 income by functional code, not by unit
    return "functional"


def parse_grid(role: str | None, title: str, unit: str, tab_lines: list[tuple[int, str]], start: int,
               notes: tuple[str, ...], index: int) -> Table:
    split = [(n, raw, [c.strip() for c in raw.split("\t")]) for n, raw in tab_lines]
    first_body = next((i for i, (_, _, cells) in enumerate(split) if is_body(cells, role)), len(split))
    if role is None and first_body == len(split):
        first_body = 1  # no codes: an unrecognised block, read its first line as the header
    header = [cells for _, _, cells in split[:first_body]][-2:]
    columns = build_columns(header)
    body = split[first_body:]
    if not columns:
        width = max((len(c) for _, _, c in body), default=0)
        columns = tuple(Column(f"c{i}", f"#{i + 1}") for i in range(width))
    scheme = scheme_of(columns, role)
    rows = _rows(body, columns, unit, scheme, row_identities(columns))
    return Table(role, title, unit, columns, tuple(rows), start, index, notes)


def _rows(body, columns: tuple[Column, ...], unit: str, scheme: str, identities: tuple[Identity, ...]) -> list[Row]:
    text_cols = [i for i, c in enumerate(columns) if not c.is_amount]
    amount_cols = [i for i, c in enumerate(columns) if c.is_amount]
    slot = {col: k for k, col in enumerate(amount_cols)}
    split_idx = [i for i, c in enumerate(columns) if c.key in SPLIT_KEYS]
    drafts = []
    inherited = ["", "", ""]
    for lineno, raw, cells in body:
        total = bool(cells and TOTAL.match(cells[0]))
        if total and len(cells) > 1 and len(text_cols) > 1 and is_number(cells[1]):
            cells = [cells[0], *([""] * (len(text_cols) - 1)), *cells[1:]]
        texts = cells[: len(text_cols)] + [""] * max(0, len(text_cols) - len(cells))
        code = None
        if not total:
            code, inherited = _code(texts, text_cols, columns, split_idx, inherited, scheme)
        label = _label(texts, text_cols, columns) if not total else re.sub(r"[:：\s]", "", cells[0])
        if not label and not code:
            label = "三公经费" if "total" in {c.key for c in columns} and not text_cols else "(row)"
        values, bad = [], []
        for cell in cells[len(text_cols):]:
            try:
                values.append(parse_amount(cell, unit))
            except NotANumber:
                bad.append(cell)
                values.append(Amount.zero(unit))
        while len(values) > len(amount_cols) and values[-1].blank:
            values.pop()
        drafts.append((lineno, raw, total, code, label, values, tuple(bad)))
    options, positional = [], []
    for _, _, _, _, _, values, _ in drafts:
        pos = tuple(values[: len(amount_cols)]) + tuple(Amount.zero(unit) for _ in range(len(amount_cols) - len(values)))
        positional.append(pos)
        options.append([pos] if len(values) >= len(amount_cols) or not identities else _fitting(values, len(amount_cols), identities, slot, unit))
    options = settle(options, _families(drafts))
    rows = []
    for (lineno, raw, total, code, label, values, bad), opts, pos in zip(drafts, options, positional):
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
        rows.append(Row(label, code, tuple(amounts), lineno, raw, total, alignment=how, candidates=count, bad_cells=bad))
    return rows


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
    if split_idx:
        parts = []
        for n, col in enumerate(split_idx[:3]):
            value = texts[text_cols.index(col)] if col in text_cols else ""
            parts.append(value)
        if parts[0] or parts[1] or parts[2]:
            filled = [p or (inherited[i] if any(parts[i + 1:]) else "") for i, p in enumerate(parts)]
            code = Code.join(filled, scheme)
            return (code if CODE.match(code.text) else None), filled
        return None, inherited
    for value, col in zip(texts, text_cols):
        if columns[col].key == "code" and CODE.match(value):
            return Code(value, scheme), inherited
    first = texts[0] if texts else ""
    return (Code(first, scheme) if CODE.match(first) else None), inherited


def _label(texts, text_cols, columns) -> str:
    for value, col in zip(texts, text_cols):
        if columns[col].key == "name":
            return value
    return next((t for t, col in zip(texts, text_cols) if t and not CODE.match(t) and columns[col].key not in SPLIT_KEYS),
                "")
