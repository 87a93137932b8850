"""The narrative rules on the real budgets of ../shared/real: every narrative finding,
each checked by hand against the rendered page (../shared/tools/page FILE.pdf N), and the
claims that must be read for the rules to say anything at all.

A finding is named by its rule, severity, page and a few words of the sentence it
quotes (not its line: line numbers follow the table readers, which change).  Rounding
notices are the prose's 万元 figure against a table figure with more digits (元, or 万元
to six decimals) that rounds to it.  The Shanghai Putuo PDFs are in test_pdf_real.py.
"""

from __future__ import annotations

import pytest

from budgetcheck.app.api import verify_path, verify_together
from budgetcheck.claims import claims_of
from budgetcheck.rules.narrative import _subjects, matches

from .conftest import shared_path
from budgetcheck.rules.context import Context

BEIJING = ("北京市统计局2026年部门预算_附件1情况说明.pdf", "北京市统计局2026年部门预算_附件2报表.pdf")
ROUNDING = "notice"

# document → [(rule, severity, page, words of the quoted sentence)], in report order
FINDINGS = {
    # 情况说明 against 报表 (six-decimal 万元): each figure rounded to 0.01万元 is a notice, except
    # 政府采购服务预算5177.89万元: 预算10表 C-服务 is 5,177.883268, which rounds to 5,177.88
    # (附件1 p.7 against 附件2 p.25; the parts were made to add up to the 9065.06 total)
    BEIJING: [
        ("BC201", ROUNDING, 4, "收入预算51036.22"), ("BC201", ROUNDING, 4, "本年财政拨款收入50665.50"),
        ("BC201", ROUNDING, 4, "一般公共预算拨款收入50665.50"), ("BC201", ROUNDING, 4, "本年其他资金收入0.96"),
        ("BC201", ROUNDING, 4, "其他收入0.96"), ("BC201", ROUNDING, 4, "上年结转结余369.77"),
        ("BC201", ROUNDING, 4, "上年结转结余369.77"), ("BC201", ROUNDING, 5, "支出预算51036.22"),
        ("BC201", ROUNDING, 5, "基本支出预算32780.46"), ("BC201", ROUNDING, 5, "项目支出预算18147.49"),
        ("BC201", ROUNDING, 6, "年终结转结余资金108.27"), ("BC201", ROUNDING, 7, "预算总额9065.06"),
        ("BC201", "error", 7, "服务预算5177.89"), ("BC201", ROUNDING, 7, "货物预算3887.17"),
    ],
    # p.5: 人员支出58,486.35万元 is 58.94% of 99,230.46, written 59.0% (the three shares were
    # made to add up to 100.0%; 12.3% and 28.7% are right)
    "杭州市司法局2026年部门预算.pdf": [("BC215", "error", 5, "占59.0%")],
    # p.40: 252.619 + 0 + 118 = 370.619, stated 370.62: within the rounding of 370.62 and 118
    "福州市医疗保障局2026年部门预算.pdf": [("BC212", ROUNDING, 40, "政府采购预算总额370.62")],
    # every claim holds exactly (the analysis checked each one by hand)
    "苏州市审计局2026年部门预算.pdf": [],
    "广州市统计局2026年部门预算.pdf": [],
    "重庆市人民政府办公厅2026年部门预算.pdf": [],
    # tables in 元, prose in 万元: 62,109,297.20元 is 6,210.93万元 rounded, and so is every 项
    "西安市统计局2026年部门预算.pdf": [
        *[("BC201", ROUNDING, 14, w) for w in ("一般公共预算拨款6,210.93", "一般公共预算拨款6,210.93", "预算支出6,210.93",
                                               "预算收入6,210.93")],
        *[("BC201", ROUNDING, 15, w) for w in ("一般公共预算拨款支出6,210.93", "一般公共预算拨款收入6,210.93",
                                               "财政拨款支出6,210.93", "财政拨款收入6,210.93",
                                               "一般公共预算拨款支出6,210.93", "一般公共预算支出6,210.93")],
        ("BC202", ROUNDING, 15, "行政运行（2010501）"),
        *[("BC202", ROUNDING, 16, w) for w in ("2080501", "2080505", "2080506", "2089999")],
        *[("BC202", ROUNDING, 17, w) for w in ("2101101", "2101103", "2210201", "2210203")],
        ("BC201", ROUNDING, 17, "一般公共预算支出6,210.93"), ("BC201", ROUNDING, 18, "一般公共预算支出6,210.93"),
    ],
}


_REPORTS: dict = {}


def report_of(name):
    if name not in _REPORTS:
        if isinstance(name, tuple):
            _REPORTS[name] = verify_together([str(shared_path("real", n)) for n in name])
        else:
            _REPORTS[name] = verify_path(str(shared_path("real", name)))
    return _REPORTS[name]


@pytest.mark.parametrize("name", list(FINDINGS), ids=["北京" if isinstance(n, tuple) else n[:4] for n in FINDINGS])
def test_every_narrative_finding_was_checked_on_the_page(name):
    report = report_of(name)
    assert report.error == ""
    got = [f for f in report.findings if f.rule.startswith("BC2")]
    assert [(f.rule, f.severity, f.location.page) for f in got] == [e[:3] for e in FINDINGS[name]]
    for f, (*_, words) in zip(got, FINDINGS[name]):
        assert words in f.location.row.replace(" ", ""), (words, f.location.row)


def test_the_two_true_defects_are_errors_with_their_figures():
    beijing = [f for f in report_of(BEIJING).findings if f.severity == "error" and f.rule == "BC201"]
    assert [(f.location.page, f.expected, f.actual, f.related[0].table, f.related[0].row) for f in beijing] == [
        (7, "5,177.883268", "5,177.890000", "TGP", "C-服务")]
    hangzhou = [f for f in report_of("杭州市司法局2026年部门预算.pdf").findings if f.rule == "BC215"]
    assert [(f.expected, f.actual) for f in hangzhou] == [("58.9", "59.0")]


def _doc(name):
    return report_of(name).document


def _quantities(name):
    return {(f.text, n, b.location.table) for _, f, n, _, b in matches(_doc(name))}


def test_phrases_ending_in_zhichu_yusuan_are_their_own_quantities():
    """苏州: 财政拨款基本支出预算, “三公”经费支出预算, 政府采购支出预算总额 and 机关运行经费预算支出
    were all compared with 支出总计 before; each is its own table quantity and holds."""
    found = _quantities("苏州市审计局2026年部门预算.pdf")
    for expected in [("4,312.17万元", "基本支出", "T5f"), ("4,312.17万元", "基本支出", "T5"), ("10万元", "三公经费", "T7"),
                     ("188.5万元", "政府采购", "TGP"), ("5.5万元", "政府采购货物", "TGP"), ("183万元", "政府采购服务", "TGP"),
                     ("395.6万元", "机关运行经费", "TAR"), ("10万元", "会议费", "T7"), ("43万元", "培训费", "T7"),
                     ("4,651.67万元", "本年收入", "T1")]:
        assert expected in found, expected
    assert not [x for x in found if x[1] == "支出预算" and x[0] != "4,651.67万元"]


def test_hangzhou_project_spending_and_appropriation_are_the_tables_that_carry_them():
    found = _quantities("杭州市司法局2026年部门预算.pdf")
    assert ("28,506.17万元", "项目支出", "T3") in found  # all funds: T5's is 21,118.51
    assert ("91,842.80万元", "一般公共预算支出", "T5") in found  # 当年拨款 includes the 347.32 carried over


def test_chongqing_sangong_figures_are_this_years_columns():
    cells = {f.text: b.location.column for _, f, n, _, b in matches(_doc("重庆市人民政府办公厅2026年部门预算.pdf"))
             if n in ("三公经费", "公务用车运行费")}
    assert cells == {"394.49万元": "2026年预算数/合计",
                     "200.00万元": "2026年预算数/公务用车购置及运行费/公务用车运行费"}


def test_enumerated_subjects_are_all_matched():
    for name, count in [("杭州市司法局2026年部门预算.pdf", 28), ("福州市医疗保障局2026年部门预算.pdf", 15),
                        ("苏州市审计局2026年部门预算.pdf", 8), ("西安市统计局2026年部门预算.pdf", 12)]:
        found = _subjects(Context(_doc(name)))
        assert sum(row is not None for _, _, row, _ in found) == count, name
    # 西安's 4.行政运行（2050101）0.00万元 names a 项 the table leaves out: no row, no finding
    xian = [s for _, s, row, _ in _subjects(Context(_doc("西安市统计局2026年部门预算.pdf"))) if row is None]
    assert [(s.code, s.amount) for s in xian] == [("2050101", "0.00万元")]


def test_changes_take_their_figure_from_the_sentence_before():
    for name, checked in [("杭州市司法局2026年部门预算.pdf", 36), ("苏州市审计局2026年部门预算.pdf", 17)]:
        changes = [c for c in claims_of(_doc(name)).changes if c.pct]
        assert len(changes) == checked and all(c.value or c.prior for c in changes), name
    suzhou = [(c.prior.text, c.delta.text, c.pct.text) for c in claims_of(_doc("苏州市审计局2026年部门预算.pdf")).changes
              if c.prior is not None]
    assert ("2,906.63万元", "17.08万元", "0.58%") in suzhou


def test_lists_broken_by_a_page_or_a_wrapped_figure_are_whole_again():
    xian = [b for b in claims_of(_doc("西安市统计局2026年部门预算.pdf")).breakdowns if b.listed]
    assert [len(b.parts) for b in xian if b.totals[0].text == "6,210.93万元"] == [13, 4, 4]
    chongqing = {b.parts[0].text for b in claims_of(_doc("重庆市人民政府办公厅2026年部门预算.pdf")).breakdowns}
    assert "184.49万元" in chongqing  # 因公出国（境）费用 | page break | 184.49万元


def test_the_final_accounts_are_not_worse():
    """The two 决算 are read as final accounts: the indicator cells of their performance
    self-evaluation tables are not read as prose, and the true defect of the central
    account's narrative is found."""
    xian = report_of("西安市卫生健康委员会2022年度部门决算.pdf")
    assert xian.coverage.kind == "final" and xian.status != "not verified"
    assert not [f for f in xian.findings if f.rule in ("BC212", "BC213", "BC215")]
    central = [f for f in report_of("国家信访局2024年度部门决算.pdf").findings if f.rule == "BC211"]
    # p.17: 5834.37 / (22066.59 − 5834.37) = 35.94%, printed 35.74%
    assert [(f.severity, f.location.page, f.expected, f.actual) for f in central] == [("error", 17, "35.94", "35.74")]