"""Workbooks made from the figures of the 2023 seed, in the layouts real annexes use.

The seed is read with the text reader, each recognised table becomes a block of cells
(writers/layout.py, the export's layout), and a layout is a set of changes to those
blocks and to where they go: sheets in another order with other names, several tables
on one sheet, codes split over 类|款|项 columns (parents blank or repeated, parts as
text or numbers), figures as text, totals as formulas (with or without the values
Excel saves), a SUM that misses a row, hidden rows and columns, a macro workbook.
``Built.cells`` says where each figure went, so tests can name the cell they expect.
"""

from __future__ import annotations

import random
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from budgetcheck.core.model import Column
from budgetcheck.readers import read_document
from budgetcheck.readers.xlsx_parts import sheet_parts
from budgetcheck.templates.schema import GRID_ROLES
from budgetcheck.writers.cached import with_saved_values
from budgetcheck.writers.export import place
from budgetcheck.writers.layout import Block, number_format, recognised, table_block

from .conftest import SAMPLE


@lru_cache(maxsize=1)
def seed():
    return read_document(SAMPLE)


def model_of(doc, columns: bool = True):
    """What must survive a trip through a workbook: tables, rows, figures and precisions."""
    def amount(a):
        return None if a is None else (a.value, a.quantum, a.unit)

    out = []
    for t in doc.tables:
        if t.role is None:
            continue
        rows = tuple((r.label, r.code.text if r.code else None, r.is_total, r.side, r.kind,
                      tuple(amount(a) for a in r.amounts if columns or a is not None)) for r in t.rows)
        goals = tuple((g.label, tuple((n, amount(a)) for n, a in g.items), amount(g.stated)) for g in t.goals)
        cols = tuple((c.key, c.label, c.group, c.is_amount, c.is_subtotal) for c in t.columns) if columns else ()
        out.append((t.role, t.title, t.unit, cols, rows, goals, t.notes))
    return out


def notices(report):
    return sorted((f.rule, f.location.table, f.location.row, f.location.column, f.difference)
                  for f in report.findings if f.severity == "notice")


@dataclass
class Built:
    path: Path
    # (role, row, column label) → Sheet!C12; "" when the key names several cells (T4's two 一般公共预算拨款)
    cells: dict[tuple[str, str, str], str] = field(default_factory=dict)
    formulas: dict[str, str] = field(default_factory=dict)  # Sheet!C12 → formula
    values: dict[str, Decimal] = field(default_factory=dict)  # Sheet!C12 → the value its formula gives
    sheets: dict[str, list[str]] = field(default_factory=dict)  # sheet → roles on it


def build(path: Path, *, stacked: bool = False, shuffle: bool = False, split: str = "", text_numbers: bool = False,
          merge_total: bool = False, unit_in_title: bool = False, formulas: str = "", miss: tuple = (),
          hide_rows: tuple = (), hide_cols: tuple = (), macros: bool = False, drop: tuple = ()) -> Built:
    """Write the seed's tables to ``path`` in the layout asked for (see the module doc).

    split: "" | "blank" (parent parts left blank) | "full" | "numbers" (款/项 as numbers);
    formulas: "" | "cached" | "bare"; miss: (role, row, column label) whose SUM skips a row;
    drop: (role, row) left out of the workbook."""
    blocks = [table_block(t) for t in recognised(seed().tables)]
    for block in blocks:
        if drop and block.table.role == drop[0]:
            _drop(block, drop[1])
        if split and block.table.role in ("T3", "T5", "T6"):
            _split_codes(block, split)
        if text_numbers:
            for (r, c), fmt in list(block.formats.items()):
                value = block.cells[r][c]
                if isinstance(value, Decimal):
                    block.cells[r][c] = f"{value:,.{len(fmt.partition('.')[2])}f}"
                    del block.formats[(r, c)]
        if merge_total and block.table.role in GRID_ROLES:
            r = next((k for k, row in block.rows.items() if row.is_total), None)
            if r is not None and sum(1 for c in block.columns if c is not None and not c.is_amount) >= 2:
                block.merges.append((r, 0, r, 1))
        if unit_in_title:
            unit = next(k for k, kind in enumerate(block.kinds) if kind == "unit")
            block.cells[0][block.width - 1], block.cells[unit] = block.cells[unit][-1], [None] * block.width
            block.merges[0] = (0, 0, 0, max(0, block.width - 2))
    book = Workbook()
    book.remove(book.active)
    built = Built(Path(path))
    groups = _groups(blocks, stacked)
    order = list(range(len(groups)))
    if shuffle:
        random.Random(4).shuffle(order)
    for n, k in enumerate(order):
        name = f"数据{n + 1}" if shuffle else (f"第{n + 1}页" if stacked else _name(groups[k][0], n))
        ws = book.create_sheet(name)
        built.sheets[name] = [b.table.role for b in groups[k]]
        top = 1
        for block in groups[k]:
            place(ws, block, top, 1)
            _record(built, ws.title, block, top)
            if formulas and block.table.role in ("T2", "T3", "T5", "T6"):
                _formulas(ws, block, top, built, miss)
            top += len(block.cells) + 2
    for role, row, column in hide_rows:
        sheet, coord = built.cells[(role, row, column)].split("!")
        book[sheet].row_dimensions[int(re.sub(r"\D", "", coord))].hidden = True
    for role, row, column in hide_cols:
        sheet, coord = built.cells[(role, row, column)].split("!")
        book[sheet].column_dimensions[re.sub(r"\d", "", coord)].hidden = True
    buffer = BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if formulas == "cached":
        saved: dict[str, dict[str, object]] = {}
        for ref, value in built.formulas.items():
            sheet, coord = ref.split("!")
            saved.setdefault(sheet, {})[coord] = float(built.values[ref])
        data = with_saved_values(data, saved)
    if macros:
        data = with_macros(data)
    built.path.write_bytes(data)
    return built


def _drop(block: Block, name: str) -> None:
    """Leave one body row out, moving what is below it up."""
    r = next(k for k, row in block.rows.items() if row.name == name)
    del block.cells[r], block.kinds[r]
    up = lambda k: k - 1 if k > r else k  # noqa: E731
    block.rows = {up(k): row for k, row in block.rows.items() if k != r}
    block.formats = {(up(a), b): f for (a, b), f in block.formats.items() if a != r}
    block.merges = [(up(a), b, up(c), d) for a, b, c, d in block.merges if a != r]


def _name(block: Block, n: int) -> str:
    return f"{block.table.role}-{n + 1}"


def _groups(blocks: list[Block], stacked: bool) -> list[list[Block]]:
    if not stacked:
        return [[b] for b in blocks]
    pages: dict[str, list[Block]] = {}
    for b in blocks:
        key = "a" if b.table.role in ("T1", "T2", "T3", "T4") else "b" if b.table.role in GRID_ROLES else "c"
        pages.setdefault(key, []).append(b)
    return list(pages.values())


def _record(built: Built, sheet: str, block: Block, top: int) -> None:
    for r, row in block.rows.items():
        for c, col in enumerate(block.columns or []):
            if col is not None:
                _put(built, (block.table.role, row.name, col.label), f"{sheet}!{get_column_letter(c + 1)}{top + r}")
        if block.table.role in ("T1", "T4", "T10", "T11"):
            _record_form(built, sheet, block, top, r, row)


def _record_form(built: Built, sheet: str, block: Block, top: int, r: int, row) -> None:
    labels = {"T10": ("资金总额", "其中：财政资金"), "T11": ("预算资金", "其中：财政拨款数")}.get(block.table.role, ("预算数",))
    values = block.cells[r]
    if block.table.role in ("T1", "T4"):  # a line holds an income and an expenditure label
        for c in (0, 2):
            if values[c]:
                _put(built, (block.table.role, values[c], "预算数"), f"{sheet}!{get_column_letter(c + 2)}{top + r}")
        return
    if block.table.role == "T10":
        at = [1, 2]
    else:
        at = [2, 5]
    for label, c in zip(labels, at):
        _put(built, (block.table.role, row.name, label), f"{sheet}!{get_column_letter(c + 1)}{top + r}")


def _put(built: Built, key: tuple[str, str, str], ref: str) -> None:
    built.cells[key] = "" if key in built.cells else ref


def _split_codes(block: Block, how: str) -> None:
    """The code column becomes 类|款|项 (or 类|款 for economic codes) under 科目编码."""
    col = next(k for k, c in enumerate(block.columns) if c is not None and c.key == "code")
    parts = 3 if block.table.role != "T6" else 2
    headers = [k for k, kind in enumerate(block.kinds) if kind == "header"]
    for k, values in enumerate(block.cells):
        old = values[col]
        row = block.rows.get(k)
        if k in headers:
            new = ["类", "款", "项"][:parts] if k == headers[-1] else [old or "科目编码"] + [None] * (parts - 1)
        elif row is not None and row.code is not None:
            text = row.code.text
            pieces = [text[:3], text[3:5], text[5:7]][:parts]
            depth = row.code.level
            new = [p if (i == depth - 1 or how != "blank") and i < depth else "" for i, p in enumerate(pieces)]
            if how == "numbers":
                new = [new[0]] + [int(p) if p else "" for p in new[1:]]
        else:
            new = [old] + [None] * (parts - 1)
        values[col:col + 1] = new
    block.columns[col:col + 1] = [Column("code_class", "类", is_amount=False)] + [None] * (parts - 1)
    shift = parts - 1
    block.formats = {(r, c + shift if c > col else c): f for (r, c), f in block.formats.items()}
    merges = []
    for r1, c1, r2, c2 in block.merges:
        if c1 == col == c2 and r1 != r2:  # the code header spanned two rows: now it spans the parts
            merges.append((r1, col, r1, col + shift))
            continue
        merges.append((r1, c1 + shift if c1 > col else c1, r2, c2 + shift if c2 >= col and r1 > 0 else c2))
    block.merges = merges


def _formulas(ws, block: Block, top: int, built: Built, miss: tuple) -> None:
    """Parents and the 合计 row as SUMs of their items, where the figures add up exactly."""
    rows = {row.code.text: r for r, row in block.rows.items() if row.code is not None}
    kids: dict[int, list[int]] = {}
    for r, row in block.rows.items():
        if row.code is None:
            continue
        parent = row.code.parent
        key = rows.get(parent.text) if parent is not None else None
        if key is None:
            key = next((k for k, x in block.rows.items() if x.is_total), None)
        if key is not None:
            kids.setdefault(key, []).append(r)
    for r, children in kids.items():
        row = block.rows[r]
        for c, col in enumerate(block.columns):
            if col is None or not col.is_amount:
                continue
            idx = block.table.columns.index(col)
            total = row.amounts[idx]
            parts = [block.rows[k].amounts[idx] for k in children]
            if total is None or total.blank or sum(p.value for p in parts) != total.value:
                continue
            use = children[:-1] if (block.table.role, row.name, col.label) == miss else children
            letter = get_column_letter(c + 1)
            cells = [f"{letter}{top + k}" for k in use]
            contiguous = all(b - a == 1 for a, b in zip(use, use[1:]))
            formula = f"=SUM({cells[0]}:{cells[-1]})" if contiguous else "=SUM(" + ",".join(cells) + ")"
            ref = f"{ws.title}!{letter}{top + r}"
            ws[f"{letter}{top + r}"] = formula
            ws[f"{letter}{top + r}"].number_format = number_format(total.quantum)
            built.formulas[ref] = formula
            built.values[ref] = total.value


def with_macros(data: bytes) -> bytes:
    """The workbook as an .xlsm: a (dummy) VBA project, its relationship and content types."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            raw = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                raw = raw.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                  b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
                raw = raw.replace(b"<Default ", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ', 1)
            if info.filename == "xl/_rels/workbook.xml.rels":
                raw = raw.replace(b"</Relationships>", b'<Relationship Id="rIdVBA" Type="http://schemas.microsoft.com/office/'
                                  b'2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
            target.writestr(info, raw)
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"dummy vba project" * 8)
    return out.getvalue()


def edit_cell(data: bytes, ref: str, value: Decimal | str) -> bytes:
    """``data`` with one cell's value replaced (a number, or text), at the XML level:
    much faster than loading and saving the workbook, and nothing else changes."""
    sheet, coord = ref.split("!")
    source = zipfile.ZipFile(BytesIO(data))
    part = sheet_parts(source)[sheet][0]
    pattern = re.compile(rb'<c r="' + coord.encode() + rb'"([^>]*?)(?:/>|>.*?</c>)', re.S)
    if isinstance(value, Decimal):
        body = b' t="n"><v>' + str(value).encode() + b"</v></c>"
    else:
        body = b' t="inlineStr"><is><t>' + value.replace("&", "&amp;").replace("<", "&lt;").encode() + b"</t></is></c>"

    def new(m: re.Match[bytes]) -> bytes:
        attrs = re.sub(rb'\s+t="[^"]*"', b"", m.group(1))
        return b'<c r="' + coord.encode() + b'"' + attrs + body
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            raw = source.read(info.filename)
            if info.filename == part:
                raw, n = pattern.subn(new, raw, count=1)
                assert n == 1, f"no cell {ref}"
            target.writestr(info, raw)
    return out.getvalue()
