"""The published PDFs of ../shared/real (Shanghai Putuo 2025, another region's
template): every table of the 目录 read with all its rows, and every finding checked
by hand against the printed pages.

Both documents' tables are internally consistent to the cent: no table rule reports
anything.  What budgetcheck reports comes from the narrative (amounts in 万元 with
two decimals against tables in 元): each one is listed below with the reason it was
found to be right (a rounding notice) or, for the narrative engine's known false
alarms, why it is wrong and not a reading mistake.
"""

from __future__ import annotations

import re

import pytest

from budgetcheck.app.api import verify_path
from budgetcheck.readers import read_document
from budgetcheck.readers.pdf import contents, read_pages
from budgetcheck.readers.contents import entry_title

from .conftest import shared_path

OFFICE = "上海市普陀区人民政府办公室2025年部门预算.pdf"
COMMERCE = "上海市普陀区商务委员会2025年部门预算.pdf"

# role, title, unit, rows read, pages, the 合计 row (or the only row) as printed
TABLES = {
    OFFICE: [
        ("T1", "2025年部门财务收支预算总表", "元", 13, [8], ["91,016,775.35"]),
        ("T2", "2025年部门收入预算总表", "元", 21, [9, 10], ["91,016,775.35", "91,016,775.35", "", "", ""]),
        ("T3", "2025年部门支出预算总表", "元", 21, [11, 12], ["91,016,775.35", "24,606,775.35", "66,410,000.00"]),
        ("T4", "2025年部门财政拨款收支预算总表", "元", 9, [13], ["91,016,775.35"]),
        ("T5", "2025年部门一般公共预算支出功能分类预算表", "元", 21, [14, 15],
         ["91,016,775.35", "24,606,775.35", "66,410,000.00"]),
        ("T8", "2025年部门政府性基金预算支出功能分类预算表", "元", 1, [16], ["", "", ""]),
        ("T8b", "2025年部门国有资本经营预算支出功能分类预算表", "元", 1, [17], ["", "", ""]),
        ("T6", "2025年部门一般公共预算基本支出部门预算经济分类预算表", "元", 30, [18, 19],
         ["24,606,775.35", "22,473,997.81", "2,132,777.54"]),
        ("T7", "2025年部门“三公”经费和机关运行经费预算表", "万元", 1, [20],
         ["867.50", "839.00", "28.50", "", "", "", "213.28"]),
    ],
    COMMERCE: [
        ("T1", "2025年部门财务收支预算总表", "元", 16, [9], ["371,514,655.00"]),
        ("T2", "2025年部门收入预算总表", "元", 31, [10, 11], ["371,514,655.00", "371,514,655.00", "", "", ""]),
        ("T3", "2025年部门支出预算总表", "元", 31, [12, 13], ["371,514,655.00", "19,830,655.00", "351,684,000.00"]),
        ("T4", "2025年部门财政拨款收支预算总表", "元", 12, [14], ["371,514,655.00"]),
        ("T5", "2025年部门一般公共预算支出功能分类预算表", "元", 31, [15, 16],
         ["371,514,655.00", "19,830,655.00", "351,684,000.00"]),
        ("T8", "2025年部门政府性基金预算支出功能分类预算表", "元", 1, [17], ["", "", ""]),
        ("T8b", "2025年部门国有资本经营预算支出功能分类预算表", "元", 1, [18], ["", "", ""]),
        ("T6", "2025年部门一般公共预算基本支出部门预算经济分类预算表", "元", 31, [19, 20],
         ["19,830,655.00", "18,120,593.00", "1,710,062.00"]),
        ("T7", "2025年部门“三公”经费和机关运行经费预算表", "万元", 1, [21], ["1.00", "", "1.00", "", "", "", "171.01"]),
    ],
}

ROUNDING = "the narrative states the 元 figure of the table rounded to 0.01万元 (or 1万元): a rounding notice"
# Every finding each PDF gives, (rule, severity, line, difference in 万元) → why, each
# checked on the printed page.  No finding is an error: both documents add up.
FINDINGS = {
    OFFICE: {
        ("BC201", "notice", 35, "0.002465"): "收入预算 9,101.68万元 vs T1 收入总计 91,016,775.35元 (p.6, p.8): " + ROUNDING,
        ("BC201", "notice", 35, "0.002465 "): "财政拨款收入 9,101.68万元 vs T1 一般公共预算资金 91,016,775.35元: " + ROUNDING,
        ("BC201", "notice", 36, "0.002465"): "支出预算, 财政拨款支出预算, 一般公共预算拨款支出预算 9,101.68万元 vs "
                                             "T1 支出总计 / T4 支出总计 / T5 合计 91,016,775.35元: " + ROUNDING,
        ("BC202", "notice", 39, "-0.000184"): "行政运行 1,202.95万元 vs T5 12,029,501.84元 (p.6, p.14): " + ROUNDING,
        ("BC202", "notice", 41, "0.000442"): "事业运行 380.73万元 vs 3,807,295.58元: " + ROUNDING,
        ("BC202", "notice", 43, "-0.002000"): "行政单位离退休 155.42万元 vs 1,554,220.00元: " + ROUNDING,
        ("BC202", "notice", 44, "0.004048"): "基本养老保险缴费 176.32万元 vs 1,763,159.52元: " + ROUNDING,
        ("BC202", "notice", 45, "0.002024"): "职业年金缴费 88.16万元 vs 881,579.76元: " + ROUNDING,
        ("BC202", "notice", 46, "-0.002000"): "其他养老 1.48万元 vs 14,820.00元: " + ROUNDING,
        ("BC202", "notice", 47, "0.004472"): "行政单位医疗 78.29万元 vs 782,855.28元 (p.7, p.15): " + ROUNDING,
        ("BC202", "notice", 48, "-0.001815"): "事业单位医疗 31.42万元 vs 314,218.15元: " + ROUNDING,
        ("BC202", "notice", 49, "-0.004522"): "住房公积金 174.14万元 vs 1,741,445.22元: " + ROUNDING,
        ("BC202", "notice", 50, "0.002000"): "购房补贴 186.77万元 vs 1,867,680.00元: " + ROUNDING,
    },
    COMMERCE: {
        ("BC201", "notice", 34, "0.004500"): "收入预算 / 财政拨款收入 37,151.47万元 vs T1 371,514,655.00元 (p.7, p.9): "
                                             + ROUNDING,
        ("BC201", "notice", 35, "0.004500"): "支出预算, 财政拨款支出预算, 一般公共预算拨款支出预算 37,151.47万元 vs "
                                             "T1 / T4 / T5 371,514,655.00元: " + ROUNDING,
        ("BC202", "notice", 38, "-0.001300"): "行政运行 938.99万元 vs T5 9,389,913.00元 (p.7, p.15): " + ROUNDING,
        ("BC202", "notice", 40, "-0.002000"): "事业运行 290.18万元 vs 2,901,820.00元: " + ROUNDING,
        ("BC202", "notice", 43, "-0.001600"): "行政单位离退休 166.12万元 vs 1,661,216.00元: " + ROUNDING,
        ("BC202", "notice", 44, "0.002000"): "事业单位离退休 1.73万元 vs 17,280.00元: " + ROUNDING,
        ("BC202", "notice", 45, "0.001400"): "基本养老保险缴费 141.09万元 vs 1,410,886.00元: " + ROUNDING,
        ("BC202", "notice", 46, "-0.004300"): "职业年金缴费 70.54万元 vs 705,443.00元: " + ROUNDING,
        ("BC202", "notice", 47, "0.004000"): "其他养老 1.33万元 vs 13,260.00元: " + ROUNDING,
        ("BC202", "notice", 48, "-0.004100"): "行政单位医疗 63.19万元 vs 631,941.00元 (p.8, p.16): " + ROUNDING,
        ("BC202", "notice", 49, "0.003800"): "事业单位医疗 24.99万元 vs 249,862.00元: " + ROUNDING,
        ("BC202", "notice", 52, "-0.003400"): "住房公积金 136.10万元 vs 1,361,034.00元: " + ROUNDING,
    },
}


@pytest.fixture(scope="module", params=[OFFICE, COMMERCE])
def real(request):
    path = shared_path("real", request.param)
    return request.param, path, read_document(path), verify_path(str(path))


def test_every_table_of_the_contents_is_read_with_all_its_rows(real):
    name, path, doc, _ = real
    expected = TABLES[name]
    got = []
    for t in doc.tables:
        row = t.total_row or t.rows[0]
        got.append((t.role, t.title, t.unit, len(t.rows), sorted({r.page for r in t.rows}),
                    [a.text for a in row.amounts if a is not None]))
    assert got == expected
    listed = [entry_title(e) for e in contents(read_pages(path.read_bytes(), name))]
    tables = [re.sub(r"^\d+\s*[.．]\s*", "", e) for e in listed if e.endswith("表") and re.match(r"^\d", e)]
    assert len(tables) == 9 and tables == [t.title for t in doc.tables]


def test_rows_are_read_cell_by_cell(real):
    name, _, doc, _ = real
    t6 = doc.table("T6")
    office = name == OFFICE
    row = next(r for r in t6.rows if r.name == "30217")
    assert row.label == "公务接待费" and row.page == (19 if office else 20)
    assert [a.text for a in row.amounts if a is not None] == (["185,000.00", "", "185,000.00"] if office
                                                              else ["10,000.00", "", "10,000.00"])
    t7 = doc.table("T7")
    assert [c.key for c in t7.columns] == ["sangong", "abroad", "reception", "car", "car.purchase", "car.running",
                                           "admin_running"]
    t2 = doc.table("T2")
    assert {r.code.scheme for r in t2.body} == {"functional"} and t2.rows[0].label.endswith("一般公共服务支出")
    assert all(r.page for t in doc.tables for r in t.rows)


def test_empty_tables_keep_their_statement(real):
    _, _, doc, _ = real
    for role in ("T8", "T8b"):
        assert any("本表为空表" in n for n in doc.table(role).notes)


def test_no_table_rule_reports_anything(real):
    _, _, _, report = real
    assert report.error == ""
    assert [f for f in report.findings if f.location.table.startswith("T")] == []


def test_every_finding_was_checked_by_hand(real):
    name, _, _, report = real
    checked = {(rule, severity, line, diff.strip()) for rule, severity, line, diff in FINDINGS[name]}
    got = {(f.rule, f.severity, f.location.line, f.difference) for f in report.findings}
    assert got == checked, (got - checked, checked - got)
    assert report.summary["errors"] == 0 and report.summary["warnings"] == 0


def test_narrative_is_read_in_order_with_sentences_intact(real):
    name, _, doc, _ = real
    assert len(doc.line_pages) == len(doc.lines)
    text = "\n".join(doc.lines)
    assert not [l for l in doc.lines if re.match(r"^目\s*录$", l)] and not re.search(r"…{4}", text)  # no 目录
    if name == OFFICE:
        line = next(l for l in doc.lines if l.startswith("2.“一般公共服务支出-"))
        assert line.endswith("科目4,614万元，主要用于为行政单位未单独设置项级科目的其他项目支出。")
        assert "本部门面向中小企业预留政府采购项目预算金额34万元" in text
    else:
        line = next(l for l in doc.lines if l.startswith("2025年，上海市普陀区商务委员会收入预算"))
        assert "比2024年预算执行数增加24,558.18万元；事业收入0万元" in line  # joined across the wrap
        assert "“资源勘探工业信息等支出（类）支持中小企业发展和管理支出（款)其他支持中小企业发展和管理支出（项）”29,381.00万元" in text
