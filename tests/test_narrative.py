"""The narrative: which claims of the sample are checked, that they hold, and that a
figure changed in the prose only is reported quoting its sentence."""

from __future__ import annotations

import pytest

from budgetcheck.app.api import verify_text
from budgetcheck.claims import claims_of
from budgetcheck.readers import read_document
from budgetcheck.rules.narrative import _subjects, matches

from .conftest import SAMPLE, shared_path
from budgetcheck.rules.context import Context


@pytest.fixture(scope="module")
def doc():
    return read_document(SAMPLE)


def _matched(doc):
    return [(name, f.text, best.location.table, c.status) for s, f, name, c, best in matches(doc)]


def test_income_and_expenditure_components_are_checked(doc):
    m = _matched(doc)
    income = [x for x in m if x[0] in ("收入项目", "上年结转结余")]
    assert [x[1] for x in income] == ["129,217.94万元", "0.00万元", "0.00万元", "0.00万元", "0.00万元", "1,932.30万元",
                                      "147.00万元", "0.00万元", "0.00万元", "0.00万元"]
    spending = {x[0]: x[1] for x in m if x[0] in ("基本支出", "人员支出", "公用支出", "项目支出", "非财政拨款支出")}
    assert spending == {"基本支出": "15,653.19万元", "人员支出": "12,689.76万元", "公用支出": "2,963.42万元",
                        "项目支出": "113,564.76万元", "非财政拨款支出": "2,079.30万元"}
    assert ("收入预算", "131,297.24万元", "T1", "ok") in m and ("支出预算", "131,297.24万元", "T1", "ok") in m
    assert ("财政拨款收入", "129,217.94万元", "T1", "ok") in m
    assert all(status == "ok" for *_, status in m)


def test_totals_sangong_transfers_projects_are_checked(doc):
    m = {(x[0], x[1]) for x in _matched(doc)}
    for expected in [("一般公共预算支出", "129,217.94万元"), ("政府性基金支出", "0.00万元"), ("三公经费", "28.13万元"),
                     ("因公出国（境）费", "0.00万元"), ("公务接待费", "16.54万元"), ("公务用车购置及运行费", "11.59万元"),
                     ("公务用车运行费", "11.59万元"), ("公务用车购置费", "0.00万元"), ("市对区转移支付", "17,940.30万元"),
                     ("一级项目财政拨款", "126,361.92万元"), ("项目预算", "1000万元"), ("项目预算", "4,592万元"),
                     ("项目预算", "16,532万元")]:
        assert expected in m, expected


def test_all_33_enumerated_subjects_match_their_t5_rows(doc):
    found = _subjects(Context(doc))
    assert len(found) == 33
    assert all(row is not None for _, _, row, _ in found)
    assert [row.code.text for _, _, row, _ in found][:3] == ["2050302", "2080101", "2080102"]


def test_project_count_breakdowns_and_changes_are_extracted(doc):
    claims = claims_of(doc)
    assert [c.figure.text for c in claims.counts] == ["10个"]
    breakdowns = {(b.totals[0].text, len(b.parts), b.exhaustive) for b in claims.breakdowns}
    assert ("1,844.11万元", 3, True) in breakdowns  # 政府采购 = 货物 + 工程 + 服务
    assert ("4,592万元", 5, False) in breakdowns  # 技工院校中等职业教育
    assert ("16,532万元", 2, False) in breakdowns  # 人才扶持(对区转移支付)
    assert ("131,297.24万元", 8, True) in breakdowns and ("131,297.24万元", 3, True) in breakdowns
    assert ("28.13万元", 3, True) in breakdowns and ("129,217.94万元", 33, True) in breakdowns
    with_pct = [(c.value.text, c.delta.text, c.pct.text) for c in claims.changes if c.pct and c.delta]
    assert with_pct == [("131,297.24万元", "38,828.47万元", "41.99%"), ("131,297.24万元", "38,828.47万元", "41.99%"),
                        ("129,217.94万元", "38,751.37万元", "42.84%"), ("1672.90万元", "182.43万元", "9.83%")]
    assert [c.pct.text for c in claims.changes if c.pct and not c.delta] == ["15.40%"]


def test_narrative_rounding_notices_are_exactly_these(doc):
    report = verify_text(SAMPLE.read_text(encoding="utf-8"), "sample.txt")
    narrative = [(f.rule, f.location.line, f.difference) for f in report.findings if f.rule.startswith("BC2")]
    # 基本 + 项目 + 非财政 = 131,297.25; 人员 + 公用 = 15,653.18; the 33 项 add up to 129,217.95
    assert narrative == [("BC212", 129, "-0.01"), ("BC212", 131, "0.01"), ("BC212", 141, "-0.01")]


MUTATIONS = [
    # (what, old, new, rule, words of the sentence the finding must quote)
    ("figure in prose", "1. 基本支出15,653.19万元", "1. 基本支出15,635.19万元", "BC201", "基本支出15,635.19"),
    ("subject figure", "劳动保障监察(项)1,730.50万元", "劳动保障监察(项)1,703.50万元", "BC202", "劳动保障监察"),
    ("percentage", "增长41.99%", "增长41.89%", "BC211", "41.89%"),
    ("breakdown part", "(2) 助学金项目200.8万元", "(2) 助学金项目208.0万元", "BC212", "4,592万元"),
    ("procurement part", "政府采购服务预算1,755.97万元", "政府采购服务预算1,755.79万元", "BC212", "1,844.11"),
    ("project count", "一级项目10个", "一级项目11个", "BC204", "一级项目11个"),
    ("三公 figure", "公务接待费16.54万元", "公务接待费16.45万元", "BC201", "公务接待费16.45"),
    ("transfer total", "转移支付项目预算17,940.30万元", "转移支付项目预算17,904.30万元", "BC201", "17,904.30"),
    ("project amount", "一般公共预算4,592万元", "一般公共预算4,529万元", "BC201", "4,529"),
    # 113,564.76 / 131,297.24 is 86.49%: a share worked out from another figure
    ("share", "2. 项目支出113,564.76万元；", "2. 项目支出113,564.76万元，占支出预算的85.5%；", "BC215", "85.5%"),
]


@pytest.mark.parametrize("what,old,new,rule,quote", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_prose_mutation_is_an_error_quoting_the_sentence(sample_text, what, old, new, rule, quote):
    assert sample_text.count(old) >= 1, old
    report = verify_text(sample_text.replace(old, new, 1), "mutated.txt")
    hits = [f for f in report.findings if f.rule == rule and f.severity == "error"]
    assert hits, [(f.rule, f.severity, f.location.row) for f in report.findings if f.severity != "notice"]
    assert any(quote in f.location.row for f in hits), [f.location.row for f in hits]
    assert all(f.location.line for f in hits)


def test_omitted_subject_is_a_warning(sample_text):
    lines = sample_text.split("\n")
    lines = [line for line in lines if "其他资源勘探工业信息等支出（项）33.00万元" not in line]
    report = verify_text("\n".join(lines), "mutated.txt")
    hits = [f for f in report.findings if f.rule == "BC203"]
    assert [(f.severity, f.location.table, f.location.row) for f in hits] == [("warning", "T5", "2159999")]


# --- work reports: every finding checked by hand -------------------------------------

WORK_REPORT_FINDINGS = {
    # 5.81 / 3.6 = 161.39%, not 168.89% (the figure of the next claim, 1.52 / 0.9, was copied)
    "000_6213311199dddaba.txt": [("BC213", "error", 10)],
    "001_36bc8922b3e255d6.txt": [],
    # 1.23 / (55.37 − 1.23) = 2.27%: 2.28% is reached only within the rounding of the figures
    "002_018b6d58d0bf8554.txt": [("BC211", "notice", 15)],
    "004_7e97ff98d8e8a41e.txt": [],
}


@pytest.mark.parametrize("name", sorted(WORK_REPORT_FINDINGS))
def test_work_report_findings_are_the_true_ones(name):
    path = shared_path("seeds", name)
    from budgetcheck.app.api import verify_path

    report = verify_path(str(path))
    assert report.error == ""
    assert [(f.rule, f.severity, f.location.line) for f in report.findings] == WORK_REPORT_FINDINGS[name]


def test_work_report_claims_that_only_look_like_breakdowns_hold():
    """000 lists partial breakdowns (其中 one kind of case among others); none is an error."""
    doc = read_document(shared_path("seeds", "000_6213311199dddaba.txt"))
    claims = claims_of(doc)
    assert len(claims.breakdowns) >= 15 and len(claims.ratios) >= 7
    report = verify_text(shared_path("seeds", "000_6213311199dddaba.txt").read_text(encoding="utf-8"), "000.txt")
    assert not [f for f in report.findings if f.rule == "BC212"]


def test_ratio_claim_in_the_prose_is_checked(sample_text):
    sentence = "截至12月底，城镇失业人员再就业人数5.81万人，完成任务数3.6万人的168.89%。\n"
    text = sample_text.replace("第三部分 名词解释", sentence + "\n第三部分 名词解释", 1)
    report = verify_text(text, "mutated.txt")
    hits = [f for f in report.findings if f.rule == "BC213"]
    assert [(f.severity, f.expected, f.actual) for f in hits] == [("error", "161.39", "168.89")]
