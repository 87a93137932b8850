"""Rule documentation: ``explain`` shows each rule's failing and passing examples (its
case file's cases, else its docstring's two), and every rule, document rules and run
rules alike, has both in its docstring."""

from __future__ import annotations

import subprocess

from budgetcheck.rules.ruleset import all_rules, explain

from .conftest import ROOT
from .helpers import run_inprocess


def run(*args: str) -> subprocess.CompletedProcess:
    return run_inprocess(*args)


def test_every_rule_is_documented_once():
    """A rule's docstring says what it checks; its examples are its case file's, run by
    the tests, not prose that is never executed (issue 13)."""
    from budgetcheck.rules import cases

    for rule in all_rules().values():
        parts = explain(rule.doc)
        assert len(parts.description) > 60 and not parts.fails and not parts.passes, rule.id
        assert cases.has_cases(rule.id), rule.id


def test_examples_are_cut_at_their_sentence():
    parts = explain("Summary.\n\nBody.\n\nFails: a ``1 | 2``\nstill failing.  Passes: b.\nA note.")
    assert (parts.description, parts.fails, parts.passes, parts.notes) == \
        ("Summary.\n\nBody.", "a ``1 | 2`` still failing.", "b.", "A note.")


def test_explain_shows_the_examples():
    """A rule with a case file (rules/cases/BC101.toml) shows its cases: each one's why,
    its edit and the findings it gives."""
    proc = run("explain", "BC101")
    assert proc.returncode == 0
    out = proc.stdout
    assert out.startswith("BC101 row-crossfoot")
    assert "Within every row, each subtotal equals the sum of its columns." in out  # the documentation as written
    assert "Examples:\n  fails 1: T5 行政运行: 公用支出 typed 506.32" in out
    assert "\n      was: 2080101 | 行政运行 | 2,510.33 | 2,510.33 | 1,950.01 | 560.32\n" in out
    assert "\n      now: 2080101 | 行政运行 | 2,510.33 | 2,510.33 | 1,950.01 | 506.32\n" in out
    assert "\n      gives: error T5 row 2080101 column 基本支出/小计\n" in out
    assert "\n  passes 2: " in out and "\n      gives: nothing\n" in out
    assert "(cases from rules/cases/BC101.toml)" in out


def test_explain_without_a_case_file_says_so(monkeypatch):
    """A rule whose case file is missing (or broken) says so instead of showing nothing.
    Every rule has a file today, so one is taken away."""
    from budgetcheck.rules import cases
    from budgetcheck.rules.ruleset import examples_of

    rule = all_rules()["BC091"]
    assert "(cases from rules/cases/BC091.toml)" in examples_of(rule)
    monkeypatch.setattr(cases, "has_cases", lambda rule_id: False)
    assert examples_of(rule) == "BC091 stale-waiver\n  (no examples: rules/cases/BC091.toml is missing or broken)\n"
    monkeypatch.undo()

    def broken(rule_id):
        raise cases.CaseError("BC091.toml: not valid TOML")

    monkeypatch.setattr(cases, "load", broken)
    assert examples_of(rule) == "BC091 stale-waiver\n  (no examples: rules/cases/BC091.toml is missing or broken)\n"


def test_explain_shows_every_kind_of_case():
    """Edits of the 说明, several documents, a workbook, a waiver file, other settings:
    each case says what it is made of, in English and in Chinese."""
    out = run("explain", "BC201").stdout
    assert "  fails 1: the prose gives 基本支出 as 15,635.19" in out
    assert ("\n      in the 说明 (before 附件1):\n        was: 1. 基本支出15,653.19万元\n"
            "        now: 1. 基本支出15,635.19万元\n      gives: error narrative row 基本支出15,635.19 column 基本支出\n") in out
    out = run("explain", "BC214").stdout
    assert ("\n      documents, in this order:\n        document 1: a text of 2 lines\n          2023年工作情况\n"
            "          全年，全市共处理劳动人事争议案件2.08万件。\n        document 2: a text of 2 lines\n") in out
    assert "\n      gives: error narrative row 2.18万件 line 2\n" in out
    out = run("explain", "BC301", "--examples").stdout
    assert "\n        document 2: the base sample (seeds/2023-xiamen-hrss-budget.txt), as published\n" in out
    out = run("explain", "BC003").stdout
    assert ("\n      workbook: the sample exported to .xlsx\n        T5 row 2080199 is hidden\n"
            "      gives: warning T5 row 2080199\n") in out
    assert "\n        the sheet of T7 is hidden\n" in out
    assert "(cases from rules/cases/BC003.toml)" in out
    out = run("explain", "BC091", "--examples").stdout
    assert out.startswith("BC091 stale-waiver\n  fails 1: the waiver accepts a wrong name")
    assert ("\n      the base sample (seeds/2023-xiamen-hrss-budget.txt), as published\n      waiver file:\n"
            "         1  [[waiver]]\n         2  rule = \"BC151\"\n") in out
    assert "\n      gives: warning line 1\n" in out and "\n      settings: select = BC101\n" in out
    out = run("explain", "BC007", "--examples").stdout
    assert "\n      settings: require_tables = true\n      was: 一般公共预算基本支出情况表" in out


def test_explain_every_kind_of_case_in_chinese():
    out = run("explain", "BC091", "--examples", "--lang", "zh").stdout
    assert out.startswith("BC091 stale-waiver\n  不通过 1：")
    assert "\n      豁免文件：\n         1  [[waiver]]\n" in out and "\n      结果：警告 第 1 行\n" in out
    assert "\n      设置：select = BC101\n" in out and "(用例文件 rules/cases/BC091.toml)" in out
    out = run("explain", "BC214", "--lang", "zh").stdout
    assert "\n      多个文件，按此顺序：\n        文件 1：一段文本，共 2 行\n" in out
    out = run("explain", "BC003", "--lang", "zh").stdout
    assert "\n      工作簿：样本导出为 .xlsx\n        T5 行 2080199 隐藏\n      结果：警告 T5 行 2080199\n" in out
    out = run("explain", "BC201", "--lang", "zh").stdout
    assert "\n      说明部分（附件1之前）：\n        原文：1. 基本支出15,653.19万元\n        改为：1. 基本支出15,635.19万元\n" in out


def test_explain_cases_in_chinese():
    out = run("explain", "BC101", "--examples", "--lang", "zh").stdout
    assert out.startswith("BC101 row-crossfoot\n  不通过 1：")
    assert "\n      原文：2080101 | 行政运行" in out and "\n      结果：错误 T5 行 2080101 列 基本支出/小计\n" in out


def test_explain_every_rule_and_groups():
    every = run("explain").stdout
    assert all(f"\n{rule_id} " in "\n" + every for rule_id in all_rules())
    assert every.count("Examples:") == len(all_rules())
    codes = run("explain", "codes").stdout
    assert codes.startswith("BC151") and "BC101" not in codes
    brief = run("explain", "--examples").stdout.splitlines()
    headers = [line for line in brief if not line.startswith(" ")]
    assert headers == [f"{r.id} {r.name}" for r in all_rules().values()]
    assert run("explain", "BC091").stdout.startswith("BC091 stale-waiver")


def test_precommit_hook_definition():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: budgetcheck\n" in text
    assert "  entry: budgetcheck verify\n" in text and "  language: python\n" in text
    assert "  files: '\\.(txt|xlsx|pdf)$'\n" in text
