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


# --- the department's form (部门整体支出绩效自评表) run on to the next page, in a PDF ------

_TASKS = (  # page 1: the tasks and funds, a grid (9 columns)
    [40, 80, 150, 250, 300, 360, 420, 460, 510, 555],
    [(0, 0, 1, 2, "部门（单位）名称"), (0, 2, 1, 7, "某市某局"),
     (1, 0, 5, 1, "年度主要任务完成情况"),
     *[(1, i + 1, 2, 1, t) for i, t in enumerate(["任务名称", "主要内容", "完成情况"])],
     (1, 4, 1, 1, "全年预算数（万元）"), (1, 5, 1, 1, "全年执行数（万元）"),
     *[(1, i + 6, 2, 1, t) for i, t in enumerate(["分值", "执行率", "得分"])],
     (2, 4, 1, 1, "总额"), (2, 5, 1, 1, "总额"),
     *[(3, i + 1, 1, 1, t) for i, t in enumerate(
         ["一般公共服务支出", "保障机关运转", "任务完成", "100", "90", "5", "90.00%", "4.5"])],
     *[(4, i + 1, 1, 1, t) for i, t in enumerate(
         ["卫生健康支出", "提供医疗服务", "任务完成", "200", "200", "5", "100.00%", "5"])],
     (5, 1, 1, 3, "金额合计"), *[(5, i + 4, 1, 1, t) for i, t in enumerate(["300", "290", "10", "96.67%", "9.5"])]],
)
_GOALS = [(0, 0, 2, 1, "年度总体目标完成情况"), (0, 1, 1, 3, "预期目标（年初设定）"), (0, 4, 1, 4, "目标实际完成情况"),
          (1, 1, 1, 3, "目标1：保障机关运转"), (1, 4, 1, 4, "目标1：机关运转正常")]
_HEADER = [(0, 1, 1, 1, "一级指标"), *[(0, i + 2, 1, 1, t) for i, t in enumerate(
    ["二级指标", "指标内容", "年度指标值", "实际完成值", "分值", "得分"])]]
_INDICATORS = [(0, 1, 2, 1, "产出指标（50分）"),
               *[(0, i + 2, 1, 1, t) for i, t in enumerate(["数量指标", "指标1：覆盖单位数量", "28个", "28个", "30", "30"])],
               *[(1, i + 2, 1, 1, t) for i, t in enumerate(["质量指标", "指标1：工作质量", "达到标准", "达到标准", "20", "20"])],
               (2, 1, 1, 1, "效益指标（30分）"),
               *[(2, i + 2, 1, 1, t) for i, t in enumerate(["社会效益指标", "指标1：社会效益", "明显提升", "明显提升", "30", "28"])],
               (3, 1, 1, 1, "满意度指标（10分）"),
               *[(3, i + 2, 1, 1, t) for i, t in enumerate(["满意度指标", "指标1：群众满意率", "≥80%", "85%", "10", "10"])]]
_TOTAL = [(0, 0, 1, 6, "总分"), (0, 6, 1, 1, "100"), (0, 7, 1, 1, "97.5")]
_FORM_XS = [40, 80, 150, 230, 330, 400, 470, 510, 555]  # page 2: other columns, the same outer edges


def _page2(goals: bool = True, header: bool = True, indicators: bool = True):
    """The second page's grid: the goals (2 rows), the indicators' header, the
    indicators (4 rows, under 年度绩效指标完成情况 merged down column 0) and 总分."""
    cells, at = [], 0
    if goals:
        cells, at = list(_GOALS), 2
    first = at
    if header:
        cells += [(r + at, *k) for r, *k in _HEADER]
        at += 1
    if indicators:
        cells += [(r + at, *k) for r, *k in _INDICATORS]
        at += 4
    if at > first:
        cells.append((first, 0, at - first, 1, "年度绩效指标完成情况"))
    if indicators:
        cells += [(r + at, *k) for r, *k in _TOTAL]
    return _FORM_XS, cells


def _draw_grid(c, xs, cells, top, size=7.0, row_h=22.0):
    for r, col, rows, cols, text in cells:
        x0, x1 = xs[col], xs[col + cols]
        y0, y1 = top + r * row_h, top + (r + rows) * row_h
        c.rect(x0, 842 - y1, x1 - x0, y1 - y0, stroke=1, fill=0)
        per = max(1, int((x1 - x0 - 4) // size))  # CJK glyphs are one em wide: wrap inside the cell
        for k in range(0, len(text), per):
            part = text[k:k + per]
            c.drawString(x0 + 2, 842 - y0 - size - 2 - (k // per) * (size + 2), part if len(part) > 1 else part + " ")


def _department_pdf(path, page2, total="97.5"):
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = Canvas(str(path), pagesize=(595, 842))
    c.setFont("STSong-Light", 14)
    c.drawCentredString(297, 842 - 40, "某市某局2023年度部门决算")
    c.drawCentredString(297, 842 - 70, "某市某局部门整体支出绩效自评表")
    c.setFont("STSong-Light", 7)
    _draw_grid(c, *_TASKS, top=90)
    c.showPage()
    c.setFont("STSong-Light", 7)
    xs, cells = page2
    _draw_grid(c, xs, [(*k[:4], total) if k[4] == "97.5" else k for k in cells], top=60)
    c.showPage()
    c.save()
    return str(path)


def _department(path, page2, total="97.5"):
    from budgetcheck.app.api import verify_path

    report = verify_path(_department_pdf(path, page2, total))
    return report, [t for t in report.document.tables if t.role == "FSD" or t.role is None]


@pytest.mark.parametrize("header", [True, False], ids=["with-header", "without-header"])
def test_the_department_form_run_on_to_the_next_page_is_one_form(tmp_path, header):
    report, tables = _department(tmp_path / "fsd.pdf", _page2(goals=header, header=header))
    assert [t.role for t in tables] == ["FSD"]  # no untitled table on page 2
    rows = tables[0].rows
    assert [(r.label, r.page) for r in rows if r.kind == "indicator"] == [
        ("指标1：覆盖单位数量", 2), ("指标1：工作质量", 2), ("指标1：社会效益", 2), ("指标1：群众满意率", 2)]
    w, s = tables[0].column("count:分值"), tables[0].column("count:得分")
    total = next(r for r in rows if r.kind == "score_total")
    assert (total.page, total.amounts[w].text, total.amounts[s].text) == (2, "100", "97.5")
    assert [f for f in report.findings if f.severity != "notice"] == []


@pytest.mark.parametrize("header", [True, False], ids=["with-header", "without-header"])
def test_the_department_total_score_is_the_sum_of_the_funds_and_the_indicators(tmp_path, header):
    report, _ = _department(tmp_path / "fsd.pdf", _page2(goals=header, header=header), total="98.5")
    hits = [(f.rule, f.location.row, f.location.page) for f in report.findings if f.severity == "error"]
    assert hits == [("BC144", "总分", 2)], hits


def test_a_next_page_that_is_not_the_indicators_is_left_as_it_is(tmp_path):
    report, tables = _department(tmp_path / "fsd.pdf", _page2(goals=True, header=False, indicators=False))
    assert [t.role for t in tables] == ["FSD", None]
    assert not [r for r in tables[0].rows if r.kind in ("indicator", "score_total")]


def test_a_page_with_other_columns_is_not_read_by_the_header_of_the_first():
    """The indicators' header on page 1 puts 分值 | 得分 in cells 5 | 6; page 2 has one
    column more on the left, so its cells 5 | 6 are 实际完成值 | 分值: read by position,
    16 would be the weight and 5 the score.  Its line is read by its own plain numbers
    (three of them: not told apart), and its 总分 by the only two it has."""
    from budgetcheck.readers.selfeval import parse_selfeval

    lines = [(1, "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分"),
             (2, "产出指标（50分）\t数量指标\t培训人数\t≥300人\t366人\t50\t50"),
             (3, "\t效益指标（50分）\t社会效益指标\t工作质量\t≥16\t16\t5\t4"),
             (4, "总分\t\t\t\t\t\t100\t54")]
    table = parse_selfeval("FSE", "某项目绩效自评表", "万元", lines, 1, (), 0, layouts={1: 0, 2: 0, 3: 1, 4: 1})
    amounts = {r.label: (r.amounts[3], r.amounts[5]) for r in table.rows}
    assert [a.text for a in amounts["培训人数"]] == ["50", "50"]
    assert amounts["工作质量"] == (None, None)
    assert [a.text for a in amounts["总分"]] == ["100", "54"]
    assert any("工作质量" in r and "could not be told apart" in r for r in table.readings)
    same = parse_selfeval("FSE", "某项目绩效自评表", "万元", lines, 1, (), 0)  # one layout: read by position
    assert [a.text for a in next(r for r in same.rows if r.label == "工作质量").amounts if a] == ["16", "5"]
