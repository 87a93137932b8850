"""``budgetcheck diff``: alignment, the change table, stated changes, years, outputs."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetcheck.diff import Options, diff_documents
from budgetcheck.readers import read_bytes, read_document
from tests.synth import generate

from .conftest import ROOT, SAMPLE
from .helpers import run_inprocess

SEEDS = ROOT / "seeds"
OLD = SEEDS / "2022-xiamen-hrss-budget.txt"


def _doc(text: str, name: str = "x.txt"):
    return read_bytes(text.encode("utf-8"), name)


def _run(*args, cwd=None):
    return run_inprocess("diff", *args, cwd=cwd)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(["万元", "元"]))
def test_diff_with_itself_is_empty(seed, unit):
    doc = _doc(generate(random.Random(seed), unit=unit).text)
    result = diff_documents(doc, doc)
    assert result.rows(Options()) == []
    assert result.exit_code == 0
    assert not result.by_status("added") and not result.by_status("removed") and not result.by_status("renamed")


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))
def test_diff_rows_are_antisymmetric(seed_a, seed_b):
    a = _doc(generate(random.Random(seed_a)).text, "a.txt")
    b = _doc(generate(random.Random(seed_b), unit="元").text, "b.txt")
    ab = {(c.role, c.key, c.column): c.delta for c in diff_documents(a, b).changes}
    ba = {(c.role, c.key, c.column): c.delta for c in diff_documents(b, a).changes}
    assert ab.keys() == ba.keys()
    assert all(ab[k] == -ba[k] for k in ab)


def _in_yuan(text: str) -> str:
    """The sample with tables T1–T9 written in 元 (every figure × 10,000, no decimals)."""
    from decimal import Decimal

    from budgetcheck.core.figures import NotANumber, fmt, parse_amount

    head, annex = text.split("附件1\n", 1)
    tables, rest = annex.split("部门（单位）整体支出绩效目标表", 1)
    out = []
    for line in tables.split("\n"):
        if line.startswith("单位："):
            out.append("单位：元")
            continue
        cells = []
        for cell in line.split("\t"):
            try:
                if "." not in cell:  # codes and blanks stay as they are
                    raise NotANumber(cell)
                amount = parse_amount(cell, "万元")
            except NotANumber:
                cells.append(cell)
                continue
            cells.append(fmt(amount.value * 10000, Decimal(1)) if cell.strip() else cell)
        out.append("\t".join(cells))
    return head + "附件1\n" + "\n".join(out) + "部门（单位）整体支出绩效目标表" + rest


def test_units_are_compared_exactly():
    text = SAMPLE.read_text(encoding="utf-8")
    wan, yuan = _doc(text, "wan.txt"), _doc(_in_yuan(text), "yuan.txt")
    assert yuan.table("T5").unit == "元" and yuan.table("T5").total_row.amounts[2].text == "1,292,179,400"
    result = diff_documents(wan, yuan)
    assert [c for c in result.changes if c.delta != 0] == []
    assert len([c for c in result.changes if c.role == "T5"]) > 100


def test_rename_addition_removal_are_listed_apart():
    base = SAMPLE.read_text(encoding="utf-8")
    renamed = base.replace("2080101\t行政运行\t", "2080101\t行政运行事务\t")
    old, new = _doc(base, "2022.txt"), _doc(renamed, "2023.txt")
    result = diff_documents(old, new)
    assert {(c.role, c.key, c.old_name, c.new_name) for c in result.by_status("renamed")} >= {
        ("T3", "2080101", "行政运行", "行政运行事务"), ("T5", "2080101", "行政运行", "行政运行事务")}
    lines = [line for line in base.split("\n") if not line.startswith("2080106\t")]
    dropped = _doc("\n".join(lines), "2023.txt")
    removed = diff_documents(old, dropped).by_status("removed")
    assert {(c.role, c.key) for c in removed} == {("T3", "2080106"), ("T5", "2080106")}
    added = diff_documents(dropped, old).by_status("added")
    assert {(c.role, c.key) for c in added} == {("T3", "2080106"), ("T5", "2080106")}


def test_year_resolution_errors_list_what_was_found(tmp_path):
    (tmp_path / "a-2022.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b-2022.txt").write_text("x", encoding="utf-8")
    proc = _run("2021", "2022", cwd=tmp_path)
    assert proc.returncode == 2 and "found 0 (none)" in proc.stderr and "Traceback" not in proc.stderr
    proc = _run("2022", "2021", cwd=tmp_path)
    assert proc.returncode == 2 and "found 2" in proc.stderr and "a-2022.txt" in proc.stderr


def test_year_resolution_through_config(tmp_path):
    (tmp_path / "budgets").mkdir()
    (tmp_path / "budgets" / "old.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "budgetcheck.toml").write_text('[documents]\n2022 = "budgets/old.txt"\n2023 = "budgets/old.txt"\n',
                                              encoding="utf-8")
    proc = _run("2022", "2023", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["rows"] == []


@pytest.fixture(scope="module")
def years():
    if not OLD.exists():
        pytest.skip("seeds/2022-xiamen-hrss-budget.txt not written yet")
    return read_document(OLD), read_document(SAMPLE)


def test_seed_years_diff_confirms_every_stated_change(years):
    old, new = years
    result = diff_documents(old, new)
    verdicts = [(c.quantity, c.kind, c.status) for c in result.checked]
    assert verdicts == [
        ("收入预算", "delta", "confirmed"), ("收入预算", "percent", "confirmed"),
        ("支出预算", "delta", "confirmed"), ("支出预算", "percent", "confirmed"),
        ("一般公共预算支出", "delta", "confirmed"), ("一般公共预算支出", "percent", "confirmed"),
        ("政府性基金支出", "flat", "confirmed"), ("因公出国（境）费", "flat", "confirmed"),
        ("公务接待费", "flat", "confirmed"), ("公务用车购置及运行费", "percent", "confirmed"),
        (verdicts[10][0], "delta", "confirmed"), (verdicts[11][0], "percent", "confirmed"),
    ]
    assert "机关运行经费" in verdicts[10][0]
    assert result.exit_code == 0 and result.findings == []
    assert result.rows(Options(top=5))


def test_cli_diff_in_seeds_by_year():
    if not OLD.exists():
        pytest.skip("seeds/2022-xiamen-hrss-budget.txt not written yet")
    proc = _run("2022", "2023", cwd=SEEDS)
    assert proc.returncode == 0, proc.stderr
    assert "12 confirmed, 0 contradicted, 0 unchecked" in proc.stdout
    for fmt in ("json", "markdown", "csv"):
        out = _run("2022", "2023", "--format", fmt, "--table", "T5", "--level", "项", "--top", "5", cwd=SEEDS)
        assert out.returncode == 0, out.stderr
    data = json.loads(_run("2022", "2023", "--format", "json", cwd=SEEDS).stdout)
    assert data["summary"]["contradicted"] == 0 and data["added"] and data["removed"] and data["renamed"]


def test_contradicted_change_exits_1_with_the_finding(tmp_path):
    if not OLD.exists():
        pytest.skip("seeds/2022-xiamen-hrss-budget.txt not written yet")
    text = SAMPLE.read_text(encoding="utf-8").replace("增长41.99%，按来源分列如下", "增长40.99%，按来源分列如下")
    new = tmp_path / "2023.txt"
    new.write_text(text, encoding="utf-8")
    proc = _run(str(OLD), str(new), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    assert [(f["rule"], f["severity"], f["location"]["column"]) for f in findings] == [
        ("BC301", "error", "stated change (percent)")]
    assert "40.99%" in findings[0]["location"]["row"]


def test_bad_input_is_exit_2(tmp_path):
    proc = _run(str(tmp_path / "missing.txt"), str(SAMPLE))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = _run(str(SAMPLE), str(SAMPLE), "--min-change", "abc")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_paths_are_relative_to_the_repo():
    assert Path(SAMPLE).exists()


def test_diff_reads_published_pdfs():
    """The two shared PDFs are two departments of one year: the diff runs on them, a class
    line that moved in the overview list is not a rename, and no stated change is checked
    (neither document is the other's previous year)."""
    from .conftest import shared_path

    office = shared_path("real", "上海市普陀区人民政府办公室2025年部门预算.pdf")
    commerce = shared_path("real", "上海市普陀区商务委员会2025年部门预算.pdf")
    result = diff_documents(read_document(office), read_document(commerce))
    assert result.exit_code == 0
    assert not [c for c in result.by_status("renamed") if c.role in ("T1", "T4")]
    assert result.checked and all(c.status == "unchecked" for c in result.checked)
    assert result.rows(Options(table="T5", top=3))
