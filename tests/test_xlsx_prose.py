"""A workbook's prose sheets (编制说明, 其他相关情况说明: text in cells, as budget systems
export it) are the document's narrative (issue 11 point 7): a workbook alone is checked
whole, and a finding in its prose names the cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from budgetcheck.app.api import verify_path

from .xlsx_builders import build

SEED = Path(__file__).resolve().parent.parent / "seeds" / "2023-xiamen-hrss-budget.txt"


def _prose_lines() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").split("附件1\n")[0].splitlines() if line.strip()]


def _workbook(path: Path, lines: list[str]) -> Path:
    build(path)
    book = load_workbook(path)
    sheet = book.create_sheet("编制说明", 0)
    for i, line in enumerate(lines, 1):
        sheet.cell(i, 1, line)
    book.save(path)
    return path


@pytest.fixture(scope="module")
def with_prose(tmp_path_factory):
    return _workbook(tmp_path_factory.mktemp("prose") / "budget.xlsx", _prose_lines())


def test_the_prose_sheet_is_checked_like_the_text(with_prose):
    book, text = verify_path(str(with_prose)), verify_path(str(SEED))
    key = lambda r: sorted((f.rule, f.severity, f.location.table) for f in r.findings)  # noqa: E731
    assert key(book) == key(text) and book.summary == text.summary
    assert all(f.location.cell.startswith("编制说明!A") for f in book.findings if f.location.table == "narrative")


def test_a_changed_figure_in_the_prose_is_an_error_at_its_cell(tmp_path):
    lines = _prose_lines()
    k = next(i for i, line in enumerate(lines) if "基本支出15,653.19万元" in line)
    lines[k] = lines[k].replace("基本支出15,653.19万元", "基本支出15,635.19万元")
    report = verify_path(str(_workbook(tmp_path / "b.xlsx", lines)))
    errors = [f for f in report.findings if f.severity == "error"]
    assert errors and f"编制说明!A{k + 1}" in {f.location.cell for f in errors}
    assert all(f.location.cell.startswith("编制说明!A") for f in errors)


def test_a_sheet_without_sentences_adds_no_prose(tmp_path):
    report = verify_path(str(_workbook(tmp_path / "c.xlsx", ["附件", "单位：万元"])))
    assert report.document.lines == ()


def test_a_blank_template_workbook_fails_the_hygiene_rules(tmp_path):
    lines = _prose_lines()
    lines[0] = "XX局2023年部门预算说明"
    k = next(i for i, line in enumerate(lines) if "基本支出15,653.19万元" in line)
    lines[k] = lines[k].replace("基本支出15,653.19万元", "基本支出x,xxx.xx万元")
    found = [f for f in verify_path(str(_workbook(tmp_path / "t.xlsx", lines))).findings if f.rule == "BC051"]
    assert {f.location.cell for f in found} >= {"编制说明!A1", f"编制说明!A{k + 1}"}
    assert all(f.severity == "error" for f in found)
