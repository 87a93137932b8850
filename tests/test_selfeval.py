"""Self-evaluation forms of final accounts (绩效自评表): read as tables, their own
arithmetic checked (BC103 funds, BC144 scores, BC145 execution rate, BC146 group weights),
and their indicator text never read as prose claims."""

from __future__ import annotations

import pytest

from budgetcheck.app.api import verify_text

FORM = """某市某局2023年度部门决算

培训项目绩效自评表
单位：万元
项目名称\t培训项目
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t120.00\t110.00\t99.00\t10\t90.00%\t9
\t其中：财政拨款\t100.00\t100.00\t90.00\t—\t—\t—
\t上年结转\t20.00\t10.00\t9.00\t—\t—\t—
\t其他资金\t0.00\t0.00\t0.00\t—\t—\t—
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
\t产出指标（50分）\t数量指标\t培训人数\t≥300人\t366人\t30\t30
\t\t质量指标\t培训合格率\t≥98%\t100%\t20\t20
\t效益指标（30分）\t社会效益指标\t工作质量\t有所提高\t有所提高\t30\t27
\t满意度指标（10分）\t满意度指标\t学员满意率\t≥95%\t100%\t10\t10
总分\t\t\t\t\t\t100\t96
"""

CASES = [
    # rule, severity, row, old, new
    ("BC103", "error", "年度资金总额", "\t上年结转\t20.00\t10.00", "\t上年结转\t20.00\t11.00"),
    ("BC144", "error", "总分", "100\t96\n", "100\t98\n"),
    ("BC144", "error", "工作质量", "有所提高\t30\t27", "有所提高\t30\t31"),
    ("BC145", "error", "年度资金总额", "10\t90.00%\t9", "10\t95.00%\t9"),
    ("BC146", "warning", "培训人数", "366人\t30\t30", "366人\t35\t30"),
]


def _findings(text: str):
    return [f for f in verify_text(text, "fse.txt").findings if f.severity != "notice"]


def test_the_form_is_consistent():
    assert _findings(FORM) == []


@pytest.mark.parametrize("rule,severity,row,old,new", CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_one_change_is_found_at_its_row(rule, severity, row, old, new):
    assert FORM.count(old) == 1
    hits = [f for f in _findings(FORM.replace(old, new)) if f.rule == rule]
    assert (severity, row) in [(f.severity, f.location.row) for f in hits], hits


def test_the_form_is_read_as_a_table():
    table = next(t for t in verify_text(FORM, "fse.txt").document.tables if t.role == "FSE")
    assert [r.label for r in table.rows][:4] == ["年度资金总额", "财政拨款", "上年结转", "其他资金"]
    assert [r.kind for r in table.rows].count("indicator") == 4
    total = table.total_row
    assert [a.text for a in total.amounts if a is not None] == ["120.00", "110.00", "99.00", "10", "90.00%", "9"]


def test_scores_that_cannot_be_told_apart_are_not_summed():
    text = FORM.replace("≥98%\t100%\t20\t20", "98\t100\t20")  # 三 plain numbers, no 得分
    assert not [f for f in _findings(text) if f.rule == "BC144"]
    table = next(t for t in verify_text(text, "fse.txt").document.tables if t.role == "FSE")
    assert any("could not be told apart" in r for r in table.readings)


def test_a_funds_line_left_out_of_the_total_is_said():
    text = FORM.replace("100\t96\n", "90\t87\n")
    hits = [f for f in _findings(text) if f.rule == "BC144" and f.location.row == "总分"]
    assert hits and "leaves out the funds line" in hits[0].message
