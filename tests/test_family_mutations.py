"""One figure changed in a table of each regional family is an error at that row.

The real documents of ../shared/real are read once; then, for a sample of the cells
that an identity covers (a row sum, a parent's sum, a 合计), the figure is changed by
far more than rounding allows in the model read from the PDF (the PDFs themselves are
never touched) and the rules are run again: an error must name that table and row
(as the finding's place or as one of the places it relates to).  A change within the
rounding of the figure is never an error.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

import pytest

from budgetcheck.engine import check
from budgetcheck.core.model import Amount, Document
from budgetcheck.readers import read_document
from budgetcheck.templates.schema import row_identities

from .conftest import shared_path

FAMILIES = {
    "guangzhou": "广州市统计局2026年部门预算.pdf",
    "chongqing": "重庆市人民政府办公厅2026年部门预算.pdf",
    "beijing": "北京市统计局2026年部门预算_附件2报表.pdf",
    "hangzhou": "杭州市司法局2026年部门预算.pdf",
    "suzhou": "苏州市审计局2026年部门预算.pdf",
    "fuzhou": "福州市医疗保障局2026年部门预算.pdf",
    "xian": "西安市统计局2026年部门预算.pdf",
    # the final accounts (部门决算): the central template and Shaanxi's
    "central-final": "国家信访局2024年度部门决算.pdf",
    "xian-final": "西安市卫生健康委员会2022年度部门决算.pdf",
}
PER_DOCUMENT = 24  # cells changed per document (spread over its tables)


@lru_cache(maxsize=None)
def _read(name: str) -> Document:
    return read_document(str(shared_path("real", name)))


def _cells(doc: Document) -> list[tuple[int, int, int]]:
    """(table, row, column) of non-blank cells that a row identity of their table uses."""
    out = []
    for t, table in enumerate(doc.tables):
        if table.role is None or any(r.side for r in table.rows):
            continue
        used = {c for i in row_identities(table.columns) for c in (i.total, *i.parts)}
        for r, row in enumerate(table.rows):
            for c in sorted(used):
                a = row.amounts[c] if c < len(row.amounts) else None
                if a is not None and a.value != 0 and a.quantum:
                    out.append((t, r, c))
    step = max(1, len(out) // PER_DOCUMENT)
    return out[::step][:PER_DOCUMENT]


def _changed(doc: Document, t: int, r: int, c: int, by: Decimal) -> Document:
    table = doc.tables[t]
    row = table.rows[r]
    a = row.amounts[c]
    new = Amount(a.value + by, a.quantum, a.unit, a.text + "*")  # type: ignore[union-attr]
    amounts = row.amounts[:c] + (new,) + row.amounts[c + 1:]
    rows = table.rows[:r] + (replace(row, amounts=amounts),) + table.rows[r + 1:]
    tables = doc.tables[:t] + (replace(table, rows=rows),) + doc.tables[t + 1:]
    return replace(doc, tables=tables)


def _cases():
    return [pytest.param(family, id=family) for family in FAMILIES]


@pytest.mark.parametrize("family", _cases())
def test_a_changed_figure_is_an_error_at_its_row(family):
    doc = _read(FAMILIES[family])
    before = {(f.rule, f.location.table, f.location.row) for f in check(doc) if f.severity == "error"}
    cells = _cells(doc)
    assert len(cells) >= 10, f"{family}: too few checked cells ({len(cells)})"
    missed = []
    for t, r, c in cells:
        table, row = doc.tables[t], doc.tables[t].rows[r]
        quantum = row.amounts[c].quantum  # type: ignore[union-attr]
        mutated = _changed(doc, t, r, c, max(quantum * 1000, Decimal(1)))
        hits = [f for f in check(mutated) if f.severity == "error"
                and (f.rule, f.location.table, f.location.row) not in before
                and any(loc.table == (table.role or "") and loc.row == row.name for loc in (f.location, *f.related))]
        if not hits:
            missed.append(f"{table.role} {row.name} {table.columns[c].label}")
    assert not missed, f"{family}: changes not found at their row: {missed}"


@pytest.mark.parametrize("family", _cases())
def test_rounding_alone_is_never_an_error(family):
    doc = _read(FAMILIES[family])
    errors = {(f.rule, f.location.table, f.location.row, f.location.column) for f in check(doc) if f.severity == "error"}
    for t, r, c in _cells(doc)[:8]:
        quantum = doc.tables[t].rows[r].amounts[c].quantum  # type: ignore[union-attr]
        mutated = _changed(doc, t, r, c, quantum * Decimal("0.4"))  # still inside the written figure's interval
        after = {(f.rule, f.location.table, f.location.row, f.location.column) for f in check(mutated)
                 if f.severity == "error"}
        assert after <= errors, (family, after - errors)
