"""A budget against the final accounts of its year (issue 11 point 6): the execution
table, and every 年初预算数 the 决算 states checked against the budget (BC302); two
years of final accounts: 年初结转和结余 against last year's 年末结转和结余 (BC303)."""

from __future__ import annotations

import shutil

from budgetcheck.diff import diff_documents
from budgetcheck.readers import read_document

from .helpers import ROOT, run_inprocess

FINAL = """厦门市人力资源和社会保障局2023年度部门决算

第二部分 2023年度部门决算情况说明

一、一般公共预算财政拨款支出决算情况

1.社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）。年初预算为2,510.33万元，支出决算为2,480.00万元，完成年初预算的98.79%。决算数小于预算数的主要原因是人员减少。
2.社会保障和就业支出（类）人力资源和社会保障管理事务（款）劳动保障监察（项）。年初预算为1,730.50万元，支出决算为1,700.00万元，完成年初预算的99.79%。

二、“三公”经费财政拨款支出决算情况

2023年度“三公”经费财政拨款支出预算为28.13万元，支出决算为20.00万元，完成预算的71.10%。

一般公共预算财政拨款支出决算表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t4,180.00\t4,180.00\t
208\t社会保障和就业支出\t4,180.00\t4,180.00\t
20801\t人力资源和社会保障管理事务\t4,180.00\t4,180.00\t
2080101\t行政运行\t2,480.00\t2,480.00\t
2080105\t劳动保障监察\t1,700.00\t1,700.00\t

财政拨款“三公”经费支出决算表
单位：万元
预算数\t\t\t\t\t\t决算数\t\t\t\t\t
合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费
\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t
28.13\t\t11.59\t\t11.59\t16.54\t20.00\t\t8.00\t\t8.00\t12.00
"""


def _pair(tmp_path, final=FINAL):
    shutil.copy(ROOT / "seeds" / "2023-xiamen-hrss-budget.txt", tmp_path / "2023-xiamen-hrss-budget.txt")
    (tmp_path / "2023决算.txt").write_text(final, encoding="utf-8")
    return tmp_path / "2023-xiamen-hrss-budget.txt", tmp_path / "2023决算.txt"


def test_execution_table_and_stated_budgets(tmp_path):
    budget, final = _pair(tmp_path)
    result = diff_documents(read_document(budget), read_document(final))
    assert result.mode == "execution" and result.findings == []
    row = next(c for c in result.changes if c.role == "T5" and c.key == "2080101" and c.column == "total")
    assert (str(row.old.value), str(row.new.value), f"{row.rate:.2f}") == ("2510.33", "2480.00", "98.79")


def test_either_order_and_by_year(tmp_path):
    budget, final = _pair(tmp_path)
    assert diff_documents(read_document(final), read_document(budget)).mode == "execution"
    out = run_inprocess("diff", "2023", "2023决算", cwd=tmp_path)
    assert out.returncode == 0 and "98.79%" in out.stdout


def test_a_stated_budget_the_budget_contradicts_exits_1(tmp_path):
    budget, final = _pair(tmp_path, FINAL.replace("年初预算为1,730.50万元", "年初预算为1,703.50万元")
                          .replace("完成年初预算的99.79%", "完成年初预算的99.80%"))
    result = diff_documents(read_document(budget), read_document(final))
    assert [(f.rule, f.severity, f.location.line) for f in result.findings] == [("BC302", "error", 8)]
    assert run_inprocess("diff", str(budget), str(final), cwd=tmp_path).returncode == 1


def test_the_sangong_budget_half_is_the_budget(tmp_path):
    wrong = FINAL.replace("28.13\t\t11.59\t\t11.59\t16.54\t20.00", "28.13\t\t11.59\t\t11.59\t15.54\t20.00") \
                 .replace("28.13\t\t11.59", "27.13\t\t11.59", 1)
    budget, final = _pair(tmp_path, wrong)
    result = diff_documents(read_document(budget), read_document(final))
    rules = {(f.rule, f.location.table) for f in result.findings}
    assert ("BC302", "T7") in rules or ("BC302", "F9") in rules, result.findings


def test_a_budget_and_final_accounts_of_other_years_are_refused(tmp_path):
    _, final = _pair(tmp_path)
    shutil.copy(ROOT / "seeds" / "2022-xiamen-hrss-budget.txt", tmp_path / "2022.txt")
    out = run_inprocess("diff", str(tmp_path / "2022.txt"), str(final), cwd=tmp_path)
    assert out.returncode == 2 and "its own year" in (out.stdout + out.stderr)


def _f1(year: int, opening: str, closing: str, spent: str) -> str:
    total = f"{100 + float(opening):.2f}"
    return (f"某局{year}年度部门决算\n\n收入支出决算总表\n单位：万元\n"
            "项目\t行次\t决算数\t项目\t行次\t决算数\n"
            f"一、一般公共预算财政拨款收入\t1\t100.00\t一、一般公共服务支出\t32\t{spent}\n"
            f"本年收入合计\t27\t100.00\t本年支出合计\t58\t{spent}\n"
            f"年初结转和结余\t29\t{opening}\t年末结转和结余\t60\t{closing}\n"
            f"总计\t31\t{total}\t总计\t62\t{total}\n")


def test_this_years_opening_balance_is_last_years_closing(tmp_path):
    (tmp_path / "2023决算.txt").write_text(_f1(2023, "10.00", "20.00", "90.00"), encoding="utf-8")
    (tmp_path / "2024决算.txt").write_text(_f1(2024, "20.00", "30.00", "90.00"), encoding="utf-8")
    old, new = read_document(tmp_path / "2023决算.txt"), read_document(tmp_path / "2024决算.txt")
    assert old.category == new.category == "final"
    assert [f.rule for f in diff_documents(old, new).findings if f.severity == "error"] == []
    (tmp_path / "2024决算.txt").write_text(_f1(2024, "25.00", "35.00", "90.00"), encoding="utf-8")
    found = diff_documents(old, read_document(tmp_path / "2024决算.txt")).findings
    assert [(f.rule, f.severity, f.location.row) for f in found if f.rule == "BC303"] == [("BC303", "error", "年初结转和结余")]
