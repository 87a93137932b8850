"""Execution claims of final accounts: ``年初预算为A，支出决算为B，完成年初预算的P%`` and
its comparison word (BC216), B against the tables and a project's self-evaluation form,
its score included (BC217)."""

from __future__ import annotations

import pytest

from budgetcheck.app.api import verify_text

FINAL = """某市某局2023年度部门决算

第二部分 2023年度部门决算情况说明

一、财政拨款支出决算情况

本局2023年度财政拨款支出年初预算为1,200.00万元，支出决算为1,100.00万元，完成年初预算的91.67%。
1.一般公共服务支出（类）人大事务（款）行政运行（项）。
年初预算为700.00万元，支出决算为650.00万元，完成年初预算的92.86%。决算数小于预算数的主要原因是人员减少。
2.一般公共服务支出（类）人大事务（款）一般行政管理事务（项）。年初预算为500.00万元，支出决算为450.00万元，完成年初预算的90%。
二、绩效评价情况
1.干部培训专项项目绩效自评综述：全年预算数110.00万元，执行数99.00万元，完成预算的90%。项目自评得分为96分。

一般公共预算财政拨款支出决算表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t1,100.00\t650.00\t450.00
201\t一般公共服务支出\t1,100.00\t650.00\t450.00
20101\t人大事务\t1,100.00\t650.00\t450.00
2010101\t行政运行\t650.00\t650.00\t
2010102\t一般行政管理事务\t450.00\t\t450.00

干部培训专项项目绩效自评表
单位：万元
项目名称\t干部培训专项
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
    # rule, sentence start, old, new
    ("BC216", "本局2023年度财政拨款支出", "完成年初预算的91.67%", "完成年初预算的96.17%"),
    ("BC216", "决算数大于预算数", "决算数小于预算数", "决算数大于预算数"),
    ("BC216", "年初预算为500.00万元", "完成年初预算的90%", "完成年初预算的80%"),
    ("BC217", "年初预算为700.00万元", "支出决算为650.00万元", "支出决算为560.00万元"),
    ("BC217", "1.干部培训专项项目绩效自评综述", "执行数99.00万元，完成预算的90%", "执行数90.00万元，完成预算的81.82%"),
    ("BC217", "项目自评得分为98分", "项目自评得分为96分", "项目自评得分为98分"),
]


def _errors(text: str):
    return [f for f in verify_text(text, "final.txt").findings if f.severity != "notice"]


def test_the_final_account_is_consistent():
    assert _errors(FINAL) == []


@pytest.mark.parametrize("rule,where,old,new", CASES, ids=[f"{c[0]}-{c[2][:8]}" for c in CASES])
def test_one_change_is_an_error_at_its_sentence(rule, where, old, new):
    assert FINAL.count(old) == 1
    hits = [f for f in _errors(FINAL.replace(old, new)) if f.rule == rule]
    assert hits and hits[0].severity == "error", _errors(FINAL.replace(old, new))
    assert any(where in f.location.row or f.location.row.lstrip("…") in FINAL for f in hits)


def test_a_subject_on_its_own_line_names_the_next_sentence():
    from budgetcheck.claims import claims_of
    from budgetcheck.claims.execution import executions

    doc = verify_text(FINAL, "final.txt").document
    found = executions(claims_of(doc).sentences)
    assert [e.subject.split("（类）")[0][-8:] for e in found][1:3] == ["一般公共服务支出", "一般公共服务支出"]
    assert [e.relation for e in found][:2] == ["", "小于"]


def test_a_budget_of_zero_has_no_rate_to_check():
    text = FINAL.replace("年初预算为500.00万元，支出决算为450.00万元，完成年初预算的90%",
                         "年初预算为0万元，支出决算为450.00万元，决算数大于年初预算数的主要原因是追加")
    assert _errors(text) == []


def test_a_final_above_its_budget_needs_a_reason():
    above = FINAL.replace("年初预算为500.00万元，支出决算为450.00万元，完成年初预算的90%",
                          "年初预算为400.00万元，支出决算为450.00万元，完成年初预算的112.5%")
    hits = [f for f in verify_text(above, "final.txt").findings if f.rule == "BC218"]
    assert [(f.severity, f.location.row[:10]) for f in hits] == [("warning", "年初预算为400.0")]
    explained = above.replace("完成年初预算的112.5%。", "完成年初预算的112.5%，主要原因是年中追加了预算。")
    assert not [f for f in verify_text(explained, "final.txt").findings if f.rule == "BC218"]
