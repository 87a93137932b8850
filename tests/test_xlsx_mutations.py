"""The mutations of tests/test_mutations.py, made to cells of the seed's workbook: a
digit transposition, a changed subtotal, an amount typed in 元, a deleted row, a
renamed subject.  Each is found and located to the cell (``Sheet!C12``).

A sample of the cells is mutated (every k-th, across all tables) to keep the run
short: each case writes and reads a whole workbook.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

from budgetcheck.app.api import verify_path
from budgetcheck.core.figures import fmt

from .test_mutations import _transpose
from .xlsx_builders import build, edit_cell, seed

CHECKED = ("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T9", "T10")
CELL = re.compile(r"^[^!]+![A-Z]{1,3}\d+$")


def _figures():
    seen = Counter((t.role, r.name, c.label) for t in seed().tables for r in t.rows for c in t.columns)
    for table in seed().tables:
        if table.role not in CHECKED:
            continue
        for row in table.rows:
            for col, amount in zip(table.columns, row.amounts):
                if amount is not None and amount.value != 0 and seen[(table.role, row.name, col.label)] == 1:
                    yield table, row, col, amount


def _mutations():
    for n, (table, row, col, amount) in enumerate(_figures()):
        where = f"{table.role}:{row.name}:{col.label}"
        key = (table.role, row.name, col.label)
        swapped = _transpose(amount.text)
        if swapped and n % 19 == 0:
            yield pytest.param(*key, Decimal(swapped.replace(",", "")), "transpose", id=f"transpose:{where}")
        if n % 23 == 5:
            yield pytest.param(*key, amount.value * 10000, "yuan", id=f"yuan:{where}")
        parent = row.is_total or row.kind in ("year_total", "grand_total") or (
            row.code is not None and len(row.code.text) < 7 and table.role != "T9")
        if parent and n % 9 == 2:
            yield pytest.param(*key, Decimal(fmt(amount.value + 100, amount.quantum).replace(",", "")), "subtotal",
                               id=f"subtotal:{where}")


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    built = build(tmp_path_factory.mktemp("m") / "annexes.xlsx")
    return built, built.path.read_bytes()


@pytest.mark.parametrize("role,row,column,new,kind", list(_mutations()))
def test_changed_cell_is_an_error_located_at_that_cell(plain, tmp_path, role, row, column, new, kind):
    built, data = plain
    ref = built.cells[(role, row, column)]
    path = tmp_path / "mutated.xlsx"
    path.write_bytes(edit_cell(data, ref, new))
    report = verify_path(str(path))
    errors = [f for f in report.findings if f.severity == "error"]
    assert errors, f"no error for {ref} → {new}"
    assert any(f.location.cell == ref or ref in {r.cell for r in f.related} for f in errors), \
        [(f.rule, f.location.cell) for f in errors]
    assert all(CELL.match(f.location.cell) for f in errors if f.location.row)
    if kind == "yuan" and role in ("T2", "T3", "T5", "T6", "T9"):
        assert any(f.rule == "BC161" and f.location.cell == ref for f in errors)


def _deletions():
    n = 0
    for table in seed().tables:
        if table.role not in ("T2", "T3", "T5", "T6", "T9"):
            continue
        for row in table.body:
            if any(a is not None and a.value != 0 for a in row.amounts):
                n += 1
                if n % 14 == 3:
                    parent = row.code.parent.text if row.code and row.code.parent else "合计"
                    yield pytest.param(table.role, row.name, parent, id=f"delete:{table.role}:{row.name}")


@pytest.mark.parametrize("role,code,parent", list(_deletions()))
def test_deleted_row_is_an_error_at_its_parent_cell(tmp_path, role, code, parent):
    built = build(tmp_path / "deleted.xlsx", drop=(role, code))
    report = verify_path(str(built.path))
    errors = [f for f in report.findings if f.severity == "error"]
    sheet = next(s for s, roles in built.sheets.items() if role in roles)
    parents = {parent, "合计", "403"} if role in ("T2", "T9") else {parent}
    located = [f for f in errors if f.location.table == role and f.location.row in parents]
    assert located or any(f"parent row {code}" in f.message for f in errors) or any(
        f.location.row == code for f in errors), [(f.rule, f.location.table, f.location.row) for f in errors]
    assert any(f.location.cell.startswith(sheet + "!") for f in errors)


def _renames():
    seen = Counter(r.code.text for t in seed().tables if t.role in ("T2", "T3", "T5", "T9") for r in t.body if r.code)
    n = 0
    for table in seed().tables:
        if table.role in ("T2", "T3", "T5", "T9"):
            name = table.columns[table.column("name")].label
            for row in table.body:
                if row.code is not None and seen[row.code.text] > 1 and row.label:
                    n += 1
                    if n % 12 == 1:
                        yield pytest.param(table.role, row.name, name, row.label, id=f"rename:{table.role}:{row.name}")


@pytest.mark.parametrize("role,code,column,name", list(_renames()))
def test_renamed_subject_is_a_warning_at_its_name_cell(plain, tmp_path, role, code, column, name):
    built, data = plain
    ref = built.cells[(role, code, column)]
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(edit_cell(data, ref, name[:-1] + "（改）"))
    report = verify_path(str(path))
    hits = [f for f in report.findings if f.rule == "BC151" and f.severity == "warning"]
    assert any(ref in {f.location.cell, *(r.cell for r in f.related)} for f in hits), [f.location.cell for f in hits]
    assert not [f for f in report.findings if f.severity == "error"]
