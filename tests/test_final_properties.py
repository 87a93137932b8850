"""Property tests on the bundled 决算 (seeds/2023-xiamen-hrss-final.txt), as for budgets:
any one figure of its tables changed beyond rounding is an error at its table and row,
and a change that stays inside the written figure's rounding interval is never an error.

Hypothesis draws the cell and the change; the document is read once and changed in the
model (a changed figure keeps its written precision), then every rule runs again.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetcheck.core.model import Amount, Document
from budgetcheck.engine import check
from budgetcheck.readers import read_document
from budgetcheck.rules.sums import all_checks

from .conftest import ROOT

FINAL = ROOT / "seeds" / "2023-xiamen-hrss-final.txt"


@lru_cache(maxsize=1)
def _doc() -> Document:
    return read_document(str(FINAL))


@lru_cache(maxsize=1)
def _cells() -> tuple[tuple[int, int, int], ...]:
    """(table, row, column) of every written figure that a sum identity of its table uses."""
    doc = _doc()
    index = {id(t): i for i, t in enumerate(doc.tables)}
    out = set()
    for c in all_checks(doc):
        for term in (c.total, *c.parts):
            a = term.amount
            if a.value != 0 and a.quantum:
                out.add((index[id(c.table)], c.table.rows.index(term.row), term.column))
    return tuple(sorted(out))


def _changed(t: int, r: int, c: int, by: Decimal) -> Document:
    doc = _doc()
    table = doc.tables[t]
    row = table.rows[r]
    a = row.amounts[c]
    new = Amount(a.value + by, a.quantum, a.unit, a.text + "*")  # type: ignore[union-attr]
    rows = table.rows[:r] + (replace(row, amounts=row.amounts[:c] + (new,) + row.amounts[c + 1:]),) + table.rows[r + 1:]
    return replace(doc, tables=doc.tables[:t] + (replace(table, rows=rows),) + doc.tables[t + 1:])


def _errors(doc: Document) -> list:
    return [f for f in check(doc) if f.severity == "error"]


def test_the_final_accounts_have_cells_to_change_and_no_error():
    assert len(_cells()) > 200 and {_doc().tables[t].role for t, _, _ in _cells()} >= {"F2", "F3", "F5", "F6"}
    assert not _errors(_doc())


@settings(max_examples=60, deadline=None)
@given(cell=st.sampled_from(_cells()), units=st.integers(min_value=200, max_value=10**7), down=st.booleans())
def test_one_figure_beyond_rounding_is_an_error_at_its_row(cell, units, down):
    t, r, c = cell
    table, row = _doc().tables[t], _doc().tables[t].rows[r]
    quantum = row.amounts[c].quantum  # type: ignore[union-attr]
    # 200 units of the last digit and more: beyond what the rounding of a sum of up to
    # 400 written figures can explain (each stands for ± half a unit)
    by = quantum * units * (-1 if down else 1)
    found = _errors(_changed(t, r, c, by))
    assert any(loc.table == table.role and loc.row == row.name for f in found for loc in (f.location, *f.related)), \
        (table.role, row.name, table.columns[c].label, str(by), [(f.rule, f.location.table, f.location.row) for f in found])


@settings(max_examples=40, deadline=None)
@given(cell=st.sampled_from(_cells()), tenths=st.integers(min_value=-4, max_value=4))
def test_rounding_alone_is_never_an_error(cell, tenths):
    t, r, c = cell
    quantum = _doc().tables[t].rows[r].amounts[c].quantum  # type: ignore[union-attr]
    assert not _errors(_changed(t, r, c, quantum * Decimal(tenths) / 10))  # inside the written figure's interval
