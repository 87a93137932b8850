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


def test_every_rule_has_both_examples():
    for rule in all_rules().values():
        parts = explain(rule.doc)
        assert parts.description and parts.fails and parts.passes, rule.id
        assert "Passes:" not in parts.fails and "Fails:" not in parts.passes, rule.id


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
    assert "Fails: ``2080101 行政运行 2,510.33 | 2,510.33 | 1,950.01 | 506.32 |``" in out  # the documentation as written
    assert "Examples:\n  fails 1: T5 行政运行: 公用支出 typed 506.32" in out
    assert "\n      was: 2080101 | 行政运行 | 2,510.33 | 2,510.33 | 1,950.01 | 560.32\n" in out
    assert "\n      now: 2080101 | 行政运行 | 2,510.33 | 2,510.33 | 1,950.01 | 506.32\n" in out
    assert "\n      gives: error T5 row 2080101 column 基本支出/小计\n" in out
    assert "\n  passes 2: " in out and "\n      gives: nothing\n" in out
    assert "(cases from rules/cases/BC101.toml)" in out


def test_explain_falls_back_to_the_docstring():
    """A rule without a case file shows its docstring's two examples."""
    from budgetcheck.rules import cases

    rule = all_rules()["BC091"]  # a run rule: its cases would need a waiver file
    assert not cases.has_cases(rule.id)
    parts = explain(rule.doc)
    out = run("explain", rule.id, "--examples").stdout
    assert out == f"BC091 stale-waiver\n  fails:  {parts.fails}\n  passes: {parts.passes}\n"
    assert f"Examples:\n  fails:  {parts.fails}\n" in run("explain", rule.id).stdout


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
