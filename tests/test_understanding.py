"""A table whose identity fails in most rows was not understood (BC010): one warning,
and no error that rests on it; a table where one row fails keeps that row's error."""

from __future__ import annotations

from budgetcheck.app.api import verify_text

HEAD = "附件5\n一般公共预算支出情况表\n\n单位：万元\n\n科目编码\t科目名称\t合计\t基本支出\t\t\t项目支出\n\t\t\t小计\t人员经费\t公用支出\t\n"


def _doc(rows: list[str]) -> str:
    return HEAD + "\n".join(rows) + "\n"


GOOD = [
    "合计：\t\t300.00\t200.00\t150.00\t50.00\t100.00",
    "205\t教育支出\t100.00\t100.00\t80.00\t20.00\t",
    "20503\t职业教育\t100.00\t100.00\t80.00\t20.00\t",
    "2050302\t中等职业教育\t100.00\t100.00\t80.00\t20.00\t",
    "208\t社会保障和就业支出\t200.00\t100.00\t70.00\t30.00\t100.00",
    "20801\t人力资源和社会保障管理事务\t200.00\t100.00\t70.00\t30.00\t100.00",
    "2080101\t行政运行\t200.00\t100.00\t70.00\t30.00\t100.00",
]


def _findings(text: str):
    report = verify_text(text, "t.txt")
    return [(f.rule, f.severity, f.location.row) for f in report.findings if f.severity != "notice"]


def test_one_row_wrong_is_an_error_at_that_row():
    rows = list(GOOD)
    rows[6] = "2080101\t行政运行\t200.00\t100.00\t70.00\t13.00\t100.00"  # 公用 30 → 13
    found = _findings(_doc(rows))
    assert ("BC101", "error", "2080101") in found
    assert not [f for f in found if f[0] == "BC010"]


def test_most_rows_wrong_is_one_warning_and_no_errors():
    # every 合计 is printed twice its parts: a column misread, not six wrong rows
    rows = [r.replace("300.00\t", "600.00\t", 1).replace("100.00\t100.00", "200.00\t100.00", 1)
            .replace("200.00\t100.00\t70.00", "400.00\t100.00\t70.00", 1) for r in GOOD]
    found = _findings(_doc(rows))
    assert [f for f in found if f[0] == "BC010" and f[1] == "warning"], found
    assert not [f for f in found if f[1] == "error"], found


def test_good_table_passes():
    found = _findings(_doc(GOOD))
    assert not [f for f in found if f[0] in ("BC010", "BC101", "BC102", "BC103")], found


def test_a_reader_failure_is_a_warning_on_that_table_and_the_rest_is_checked(monkeypatch, sample_text):
    from budgetcheck.readers import grid, text

    real = grid.parse_grid

    def broken(role, *args, **kwargs):
        if role == "T5":
            raise IndexError("list index out of range")
        return real(role, *args, **kwargs)

    monkeypatch.setattr(text, "parse_grid", broken)
    mutated = sample_text.replace("30217\t公务接待费\t7.44\t\t7.44", "30217\t公务接待费\t17.44\t\t17.44", 1)
    report = verify_text(mutated, "t.txt")
    assert report.error == ""
    failed = [f for f in report.findings if f.rule == "BC010" and f.location.table == "T5"]
    assert failed and "IndexError" in failed[0].message and failed[0].severity == "warning"
    assert "T5" in " ".join(report.coverage.not_understood) and report.coverage.status == "partly verified"
    # the other tables are still read and checked: T6's 公务接待费 above the 三公 budget is found
    assert any(f.rule == "BC121" and f.severity == "error" and f.location.row == "30217" for f in report.findings)
