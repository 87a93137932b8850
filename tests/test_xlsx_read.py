"""The seed's annexes as workbooks, in every layout the reader accepts: each reads to the
seed's own model and gives exactly the seed's results (no error, no warning, the same
20 rounding notices), with every finding located to its cell."""

from __future__ import annotations

import re

import pytest

from budgetcheck.app.api import verify_path
from budgetcheck.readers import read_document

from .test_seed import SEED_NOTICES
from .xlsx_builders import build, model_of, notices, seed

LAYOUTS = {
    "one sheet per table": {},
    "several tables per sheet": {"stacked": True},
    "any sheet order and names": {"shuffle": True},
    "codes split 类|款|项, parents blank": {"split": "blank"},
    "codes split 类|款|项, parents repeated": {"split": "full"},
    "codes split, 款/项 typed as numbers": {"split": "numbers"},
    "figures as text with separators": {"text_numbers": True},
    "合计 merged over code and name": {"merge_total": True},
    "单位 line in the title row": {"unit_in_title": True},
    "totals as formulas with saved values": {"formulas": "cached"},
    "macro workbook (.xlsm)": {"macros": True},
    "stacked, split, text figures, formulas": {"stacked": True, "split": "blank", "text_numbers": True,
                                               "formulas": "cached", "shuffle": True},
}
SAME_COLUMNS = {"one sheet per table", "several tables per sheet", "figures as text with separators",
                "合计 merged over code and name", "单位 line in the title row", "totals as formulas with saved values",
                "macro workbook (.xlsm)", "any sheet order and names"}
CELL = re.compile(r"^[^!]+![A-Z]{1,3}\d+$")


@pytest.fixture(scope="module", params=list(LAYOUTS))
def workbook(request, tmp_path_factory):
    suffix = ".xlsm" if LAYOUTS[request.param].get("macros") else ".xlsx"
    path = tmp_path_factory.mktemp("layout") / f"annexes{suffix}"
    return request.param, build(path, **LAYOUTS[request.param])


def test_layout_gives_the_seed_results(workbook):
    name, built = workbook
    report = verify_path(str(built.path))
    assert report.error == ""
    assert report.summary == {"errors": 0, "warnings": 0, "notices": 20}, name
    assert notices(report) == sorted(SEED_NOTICES), name
    for f in report.findings:
        assert CELL.match(f.location.cell), f
        assert all(CELL.match(r.cell) for r in f.related), f


def test_layout_reads_to_the_seed_model(workbook):
    name, built = workbook
    doc = read_document(built.path)
    columns = name in SAME_COLUMNS
    assert sorted(model_of(doc, columns), key=repr) == sorted(model_of(seed(), columns), key=repr), name
    assert doc.kind == "xlsx" and doc.lines == ()


def test_refs_name_the_cells_the_figures_were_written_to(tmp_path):
    built = build(tmp_path / "a.xlsx", stacked=True)
    doc = read_document(built.path)
    checked = 0
    for table in doc.tables:
        for row in table.rows:
            for col, amount, ref in zip(table.columns, row.amounts, row.refs):
                key = (table.role, row.name, col.label)
                if amount is not None and built.cells.get(key):
                    assert ref == built.cells[key], key
                    checked += 1
    assert checked > 500


def test_t10_goals_and_t11_figures_keep_their_cells(tmp_path):
    built = build(tmp_path / "a.xlsx")
    doc = read_document(built.path)
    goal = next(g for g in doc.table("T10").goals if g.label == "促进和谐劳动关系")
    assert re.match(r"^T10-\d+!D\d+$", goal.ref)
    t11 = doc.tables_of("T11")[2]
    assert [a.text for a in t11.rows[0].amounts] == ["766.50", "766.50"]
    assert [r.rpartition("!")[2][0] for r in t11.rows[0].refs] == ["C", "F"]


def test_hidden_rows_and_columns_are_read_and_said(tmp_path):
    built = build(tmp_path / "hidden.xlsx", hide_rows=(("T5", "2080199", "合计"),),
                  hide_cols=(("T3", "2080102", "非财政拨款/小计"),))
    report = verify_path(str(built.path))
    assert report.summary == {"errors": 0, "warnings": 2, "notices": 20}
    assert notices(report) == sorted(SEED_NOTICES)
    hidden = sorted((f.rule, f.location.table, f.location.row, f.location.column) for f in report.findings
                    if f.severity == "warning")
    # a hidden column is said at its first figure (here the 合计 row), a hidden row at the row
    assert hidden == [("BC003", "T3", "合计", "非财政拨款/小计"), ("BC003", "T5", "2080199", "")]


def test_a_hidden_sheet_is_said_once(tmp_path):
    from openpyxl import load_workbook

    built = build(tmp_path / "a.xlsx")
    book = load_workbook(built.path)
    book[built.cells[("T7", "三公经费", "公务接待费")].split("!")[0]].sheet_state = "hidden"
    book.save(tmp_path / "b.xlsx")
    report = verify_path(str(tmp_path / "b.xlsx"))
    assert [(f.rule, f.location.table) for f in report.findings if f.severity == "warning"] == [("BC003", "T7")]
