"""Formulas: read by the value Excel saved; without one, named and skipped (never an
error); and a total whose SUM leaves out a row is an error at that cell (BC171)."""

from __future__ import annotations

import pytest

from budgetcheck.app.api import verify_path
from budgetcheck.readers import read_document
from budgetcheck.rules import REGISTRY

from .test_seed import SEED_NOTICES
from .xlsx_builders import build, notices


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    return build(tmp_path_factory.mktemp("f") / "cached.xlsx", formulas="cached")


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    return build(tmp_path_factory.mktemp("f") / "bare.xlsx", formulas="bare")


def test_formulas_with_saved_values_read_as_those_values(cached):
    assert len(cached.formulas) > 100
    doc = read_document(cached.path)
    seen = {ref: f for t in doc.tables for r in t.rows for ref, f in zip(r.refs, r.formulas) if f}
    assert seen == cached.formulas
    report = verify_path(str(cached.path))
    assert report.summary == {"errors": 0, "warnings": 0, "notices": 20}
    assert notices(report) == sorted(SEED_NOTICES)


def test_formulas_without_saved_values_are_named_and_decide_nothing(bare):
    report = verify_path(str(bare.path))
    warnings = [f for f in report.findings if f.severity == "warning"]
    assert report.summary["errors"] == 0
    assert {f.rule for f in warnings} == {"BC002"}
    assert {f.location.cell: f.message.split()[2] for f in warnings} == bare.formulas  # "the formula =SUM(…) has…"
    assert all("no saved value" in f.message and "公式" in f.message_zh for f in warnings)
    # what is left are notices that rest on no formula cell, and all of them are the seed's
    assert set(notices(report)) < set(SEED_NOTICES)
    unknown = set(bare.formulas)
    for f in report.findings:
        if f.severity != "warning":
            assert f.location.cell not in unknown and not {r.cell for r in f.related} & unknown


@pytest.mark.parametrize("role,row,column,missing", [
    ("T5", "20801", "合计", "2080199"),
    ("T5", "合计", "合计", "215"),
    ("T3", "20805", "财政拨款/基本支出", "2080506"),
    ("T6", "302", "本年一般公共预算基本支出/公用支出", "30299"),
    ("T2", "403", "本年收入/事业单位经营收入", "403015"),  # the row left out is blank: still wrong
])
def test_a_sum_that_misses_a_row_is_an_error_at_its_cell(tmp_path, role, row, column, missing):
    built = build(tmp_path / "miss.xlsx", formulas="cached", miss=(role, row, column))
    ref = built.cells[(role, row, column)]
    report = verify_path(str(built.path))
    errors = [f for f in report.findings if f.severity == "error"]
    assert [(f.rule, f.location.cell, f.location.row) for f in errors] == [("BC171", ref, row)]
    assert [r.row for r in errors[0].related] == [missing]
    assert built.formulas[ref] in errors[0].message
    assert notices(report) == sorted(SEED_NOTICES)  # the saved values still add up


def test_a_formula_of_another_shape_is_not_judged(tmp_path):
    from openpyxl import load_workbook

    built = build(tmp_path / "a.xlsx", formulas="cached")
    ref = built.cells[("T5", "20801", "合计")]
    sheet, coord = ref.split("!")
    book = load_workbook(built.path)
    book[sheet][coord] = "=ROUND(" + built.formulas[ref][1:] + ",2)"
    book.save(tmp_path / "b.xlsx")  # openpyxl drops every saved value: BC002, and no BC171
    report = verify_path(str(tmp_path / "b.xlsx"))
    assert not [f for f in report.findings if f.rule == "BC171"]
    assert report.summary["errors"] == 0


def test_workbook_rules_are_documented_and_registered():
    for rule in ("BC003", "BC171"):
        from budgetcheck.rules import cases

        assert len(REGISTRY[rule].doc) > 80 and cases.has_cases(rule)
    assert REGISTRY["BC171"].group == "tables" and REGISTRY["BC171"].severity == "error"
