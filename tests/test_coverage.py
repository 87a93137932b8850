"""Coverage on every report: the document's kind, the core tables found and missing,
partly verified when one is missing, and --require-tables (BC007) for a gate."""

from __future__ import annotations

import json

from budgetcheck.app.api import verify_text
from budgetcheck.engine import Settings

from .helpers import run_inprocess


def _without_t6(text: str) -> str:
    """The sample with its T6 (一般公共预算基本支出情况表) left out."""
    start = text.index("附件6")
    end = text.index("附件7")
    return text[:start] + text[end:]


def test_the_sample_is_a_verified_budget(sample_text):
    report = verify_text(sample_text, "s.txt")
    assert report.coverage.kind == "budget" and report.coverage.status == "verified"
    assert report.coverage.missing == () and "T5" in report.coverage.found


def test_a_missing_core_table_is_partly_verified_not_a_pass(sample_text):
    report = verify_text(_without_t6(sample_text), "s.txt")
    assert report.coverage.status == "partly verified" and report.coverage.missing == ("T6",)
    assert report.exit_code == 0  # the exit code rule stays: no errors
    assert not [f for f in report.findings if f.rule == "BC007"]


def test_require_tables_makes_a_missing_table_an_error(sample_text):
    report = verify_text(_without_t6(sample_text), "s.txt", Settings(require_tables=True))
    hits = [f for f in report.findings if f.rule == "BC007"]
    assert [(f.severity, f.location.table) for f in hits] == [("error", "T6")]
    assert report.exit_code == 1
    assert not [f for f in verify_text(sample_text, "s.txt", Settings(require_tables=True)).findings
                if f.rule == "BC007"]


def test_coverage_in_json_and_console(tmp_path, sample_text):
    path = tmp_path / "budget.txt"
    path.write_text(_without_t6(sample_text), encoding="utf-8")
    doc = json.loads(run_inprocess("verify", str(path), "-f", "json", "--no-config").stdout)["documents"][0]
    assert doc["coverage"]["status"] == "partly verified" and doc["coverage"]["tables_missing"] == ["T6"]
    assert doc["coverage"]["kind"] == "budget"
    console = run_inprocess("verify", str(path), "--no-config").stdout
    assert "partly verified" in console and "T6" in console
    gated = run_inprocess("verify", str(path), "--no-config", "--require-tables")
    assert gated.returncode == 1 and "BC007" in gated.stdout


def test_final_accounts_are_read_as_final_accounts(tmp_path):
    text = ("中央某部门2024年度部门决算\n\n收入支出决算总表\n单位：万元\n项目\t行次\t金额\n"
            "本年收入合计\t1\t100.00\n")
    report = verify_text(text, "f.txt")
    assert report.coverage.kind == "final" and report.coverage.status == "partly verified"
    assert "F2" in report.coverage.missing and "T2" not in report.coverage.missing
    assert report.exit_code == 0


def test_kind_can_be_given(sample_text):
    forced = verify_text(sample_text, "s.txt", Settings(kind="final"))
    assert forced.coverage.kind == "final" and forced.coverage.status == "not verified"
    assert forced.exit_code == 2
    assert verify_text(sample_text, "s.txt", Settings(kind="budget")).coverage.kind == "budget"


def test_a_work_report_keeps_its_claim_rules():
    text = "2023年上半年工作情况\n共处理案件120件，完成任务数200件的60%。\n"
    report = verify_text(text, "r.txt")
    assert report.coverage.kind == "report" and report.error == ""
