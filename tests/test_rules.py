"""Each rule: a failing case made from the sample by one edit, and the sample itself as
the passing case.  The cases are data: (rule, expected severity, table, row, old, new)."""

from __future__ import annotations

import pytest

from budgetcheck.app.api import verify_text
from budgetcheck.rules import REGISTRY

ANNEX = "附件1\n"
# rules whose failing cases live with their feature's tests (file formats, multi-document runs)
EXTERNAL: set[str] = {"BC003", "BC007", "BC010", "BC144", "BC145", "BC146", "BC171", "BC214", "BC216", "BC217", "BC218", "BC301", "BC302", "BC303", "BC091", "BC092"}
# (BC091, BC092: test_waivers) test_xlsx_read, test_coverage, test_understanding, test_selfeval (3), test_xlsx_formulas, test_execution (3), test_execution_diff (BC302, BC303), test_crossdoc, test_diff

CASES = [
    # rule, severity, table, row, text in the annex, replacement
    ("BC001", "warning", "T5", "20810", "20810\t社会福利\t475.77\t\t\t475.77", "20810\t社会福利\t475.77\t\t\t457.77"),
    ("BC002", "warning", "T6", "30203", "30203\t咨询费\t1.50\t\t1.50", "30203\t咨询费\t1.50\t\t1.5O"),
    # T7's one row typed with spaces between its cells: the table is found, no row is read
    ("BC004", "warning", "T7", "", "28.13\t\t11.59\t\t11.59\t16.54", "28.13 11.59 11.59 16.54"),
    # T5 without its 合计 row
    ("BC005", "warning", "T5", "2159999", "合计：\t\t129,217.94\t15,653.19\t12,689.76\t2,963.42\t113,564.76\n", ""),
    # the 市对区转移支付 table (T9) left out: the document's list of annexes still names it
    ("BC006", "warning", "", "", "市对区转移支付支出预算表\n", "（略）\n"),
    # hygiene (tests/test_hygiene.py has the legitimate texts that must not fire)
    ("BC051", "error", "T2", "403013", "403013\t厦门市人事考试测评中心", "403013\tXX单位"),
    ("BC052", "error", "T11", "", "一级项目绩效目标表 (2023年)", "一级项目绩效目标表 (2022年)"),
    ("BC053", "warning", "T10", "单位名称 厦门市民政局", "单位名称\t厦门市人力资源和社会保障局\t", "单位名称\t厦门市民政局\t"),
    ("BC101", "error", "T5", "2080101", "2,510.33\t2,510.33\t1,950.01\t560.32", "2,510.33\t2,510.33\t1,950.01\t506.32"),
    ("BC102", "error", "T5", "20805", "20805\t行政事业单位养老支出\t6,162.17\t2,765.18\t2,765.18\t\t3,396.99",
     "20805\t行政事业单位养老支出\t6,126.17\t2,765.18\t2,765.18\t\t3,360.99"),
    ("BC103", "error", "T5", "合计", "合计：\t\t129,217.94\t15,653.19\t12,689.76\t2,963.42\t113,564.76",
     "合计：\t\t129,117.94\t15,653.19\t12,689.76\t2,963.42\t113,464.76"),
    ("BC104", "error", "T1", "本年收入合计", "本年收入合计\t131,297.24", "本年收入合计\t131,297.42"),
    ("BC111", "error", "T1", "八、社会保障和就业支出", "八、社会保障和就业支出\t125,072.67", "八、社会保障和就业支出\t125,027.67"),
    ("BC112", "error", "T3", "2080105", "2080105\t劳动保障监察\t1,730.50\t1,730.50\t1,647.50\t83.00",
     "2080105\t劳动保障监察\t1,730.50\t1,730.50\t1,674.50\t56.00"),
    ("BC113", "error", "T6", "30201", "30201\t办公费\t332.14\t\t332.14", "30201\t办公费\t332.14\t332.14\t"),
    ("BC121", "error", "T6", "30217", "30217\t公务接待费\t7.44\t\t7.44", "30217\t公务接待费\t17.44\t\t17.44"),
    ("BC131", "error", "T8", "合计", "合计：\t\t\t\t\n\n说明", "合计：\t\t120.00\t\t120.00\n\n说明"),
    ("BC141", "error", "T10", "合计", "部门专项\t7,853.94\t5,909.64", "部门专项\t7,853.94\t5,990.64"),
    ("BC142", "error", "T10", "促进和谐劳动关系", "劳动监察业务费83.00万元\t612.12", "劳动监察业务费83.00万元\t621.12"),
    ("BC143", "error", "T11", "人社管理经费", "766.50\t万元\t其中：财政拨款数\t766.50", "766.50\t万元\t其中：财政拨款数\t767.50"),
    ("BC151", "warning", "T5", "2080101", "2080101\t行政运行\t2,510.33\t2,510.33\t1,950.01", "2080101\t行政管理\t2,510.33\t2,510.33\t1,950.01"),
    ("BC152", "error", "T6", "30202", "30202\t印刷费\t1.20\t\t1.20\n", "30202\t印刷费\t1.20\t\t1.20\n30202\t印刷费\t1.20\t\t1.20\n"),
    ("BC153", "error", "T6", "30402", "30202\t印刷费\t1.20\t\t1.20", "30402\t印刷费\t1.20\t\t1.20"),
    ("BC154", "warning", "T1", "八、社会保障与就业支出", "八、社会保障和就业支出\t125,072.67", "八、社会保障与就业支出\t125,072.67"),
    ("BC161", "error", "T5", "2080102", "2080102\t一般行政管理事务\t826.00\t\t\t\t826.00",
     "2080102\t一般行政管理事务\t8,260,000.00\t\t\t\t8,260,000.00"),
]


def mutate(text: str, old: str, new: str) -> str:
    head, annex = text.split(ANNEX, 1)
    assert annex.count(old) == 1, f"{old!r} must occur once in the annex"
    return head + ANNEX + annex.replace(old, new)


def test_every_rule_has_a_failing_case():
    from .test_narrative import MUTATIONS

    narrative = {m[3] for m in MUTATIONS} | {"BC203", "BC213"}  # test_omitted_subject…, test_ratio_…
    covered = {c[0] for c in CASES} | narrative | EXTERNAL
    assert covered >= set(REGISTRY), set(REGISTRY) - covered


@pytest.mark.parametrize("rule,severity,table,row,old,new", CASES, ids=[c[0] for c in CASES])
def test_rule_fails_on_its_case(sample_text, rule, severity, table, row, old, new):
    report = verify_text(mutate(sample_text, old, new), "mutated.txt")
    hits = [f for f in report.findings if f.rule == rule and f.severity == severity]
    assert hits, f"{rule} not reported; got {[(f.rule, f.severity, f.location.row) for f in report.findings if f.severity != 'notice']}"
    assert any(f.location.table == table and f.location.row == row for f in hits), [(f.location.table, f.location.row) for f in hits]
    if severity == "error":
        assert report.exit_code == 1


@pytest.mark.parametrize("rule", sorted(REGISTRY))
def test_rule_passes_on_the_sample(sample_text, rule):
    report = verify_text(sample_text, "sample.txt")
    assert not [f for f in report.findings if f.rule == rule and f.severity != "notice"]


def test_every_rule_is_documented():
    for rule in REGISTRY.values():
        assert len(rule.doc) > 80 and "Fails" in rule.doc and "Passes" in rule.doc, rule.id


def test_strict_turns_rounding_into_errors(sample_text):
    from budgetcheck.engine import Settings

    report = verify_text(sample_text, "s.txt", Settings(strict=True))
    assert report.summary == {"errors": 23, "warnings": 0, "notices": 0}  # 20 in the tables, 3 in the prose
