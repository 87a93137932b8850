"""The regional wordings of the 决算 tables (issue 11 point 2): the bundled 决算 rewritten
as other regions print it, read with the same roles and verified as clean; and the
tables only some regions add (a 项目支出决算表 by economic class) read as their own,
never as a second F5 or F3.

Each variant is the bundled sample with its titles (and, for the extra table, one table
more) changed the way a region's template has them: 基本支出决算明细表 (Sichuan, Inner
Mongolia), 收入决算总表 / 支出决算总表 (Shaanxi counties), 一般公共预算财政拨款项目支出
决算表 (Sichuan).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetcheck.app.api import verify_text
from budgetcheck.core.figures import fmt

from .conftest import ROOT

CENT = Decimal("0.01")

FINAL = ROOT / "seeds" / "2023-xiamen-hrss-final.txt"
CORE = {"F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"}


def _text() -> str:
    return FINAL.read_text(encoding="utf-8")


def _retitled(old: str, new: str) -> str:
    text = _text()
    assert text.count(f"\n{old}\n") == 1, old
    return text.replace(f"\n{old}\n", f"\n{new}\n")


def _roles(report) -> list[str]:
    return [t.role for t in report.document.tables]


def _errors(report) -> list:
    return [f for f in report.findings if f.severity in ("error", "warning")]


@pytest.mark.parametrize("old,new", [
    ("一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算明细表"),
    ("收入决算表", "收入决算总表"),
    ("支出决算表", "支出决算总表"),
    ("一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算明细表"),
])
def test_a_regional_title_takes_the_same_role(old, new):
    report = verify_text(_retitled(old, new), "final.txt")
    roles = _roles(report)
    assert CORE <= set(roles) and all(roles.count(r) == 1 for r in CORE), roles
    assert not _errors(report), [(f.rule, f.message) for f in _errors(report)]


def _project_table(tweak: dict[str, Decimal] | None = None) -> str:
    """The sample with a 一般公共预算财政拨款项目支出决算表 after its F6: each subject's
    项目支出 of F5, split 30/70 into 商品和服务支出 and 对个人和家庭的补助 (parents summed
    from their leaves, so the table adds up); ``tweak`` adds to a code's 合计."""
    text = _text()
    lines = text.split("\n")
    start = lines.index("公开05表")
    first = next(i for i in range(start, len(lines)) if lines[i].startswith("合计\t"))
    rows = []
    for line in lines[first + 1:]:
        if not line.strip():
            break
        cells = line.split("\t") + [""] * 5
        if cells[4]:
            rows.append((cells[0], cells[1], Decimal(cells[4].replace(",", ""))))
    leaves = {c: v for c, _, v in rows if not any(o != c and o.startswith(c) for o, _, _ in rows)}
    goods_of = {c: (v * Decimal("0.3")).quantize(CENT) for c, v in leaves.items()}
    out = ["公开06-1表", "", "一般公共预算财政拨款项目支出决算表", "", "编制单位：厦门市人力资源和社会保障局", "单位：万元", "",
           "项目\t\t项目支出", "科目代码\t科目名称\t合计\t商品和服务支出\t对个人和家庭的补助"]

    def figures(code: str) -> tuple[Decimal, Decimal, Decimal]:
        mine = [c for c in leaves if c.startswith(code)]
        total = sum((leaves[c] for c in mine), Decimal(0))
        goods = sum((goods_of[c] for c in mine), Decimal(0))
        return total, goods, total - goods

    total, goods, grants = figures("")
    out.append(f"合计\t\t{fmt(total, CENT)}\t{fmt(goods, CENT)}\t{fmt(grants, CENT)}")
    for code, name, _ in rows:
        total, goods, grants = figures(code)
        extra = (tweak or {}).get(code, Decimal(0))
        out.append(f"{code}\t{name}\t{fmt(total + extra, CENT)}\t{fmt(goods, CENT)}\t{fmt(grants + extra, CENT)}")
    return text.replace("\n公开07表\n", "\n" + "\n".join(out) + "\n\n公开07表\n", 1)


def test_a_project_spending_table_is_its_own_table_and_agrees_with_f5():
    report = verify_text(_project_table(), "final.txt")
    roles = _roles(report)
    assert roles.count("F5") == 1 and roles.count("FPR") == 1 and CORE <= set(roles), roles
    assert not _errors(report), [(f.rule, f.message) for f in _errors(report)]


def test_a_project_spending_figure_that_is_not_f5s_is_an_error_at_its_row():
    # 2080116 引进人才费用 raised by 9.00 in both its 合计 and one part: the row still adds
    # up, its parents do not, and it is not F5's 项目支出 any more
    report = verify_text(_project_table({"2080116": Decimal("9.00")}), "final.txt")
    found = {(f.rule, f.location.table, f.location.row) for f in report.findings if f.severity == "error"}
    assert ("BC114", "FPR", "2080116") in found, found
    assert ("BC102", "FPR", "20801") in found, found


def _sangong_rows(total_budget: str, total_final: str) -> str:
    """The sample with its 三公 table as Shaanxi's counties print it: rows (项目 | 预算数 |
    决算数), 会议费 and 培训费 after the three items, under the title that names them."""
    text = _text()
    title = "一般公共预算财政拨款“三公”经费支出决算表"
    at = text.index(f"\n{title}\n")
    grid = text.index("预算数\t", at)
    end = text.index("\n\n", grid)
    rows = ["项目\t预算数\t决算数", f"合计\t{total_budget}\t{total_final}", "因公出国（境）费\t\t",
            "公务用车购置及运行维护费\t11.59\t10.87", "其中：公务用车购置费\t\t", "公务用车运行维护费\t11.59\t10.87",
            "公务接待费\t16.54\t9.62", "会议费\t2.00\t0.86", "培训费\t1.20\t1.11"]
    return (text[:at] + "\n一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表\n"
            + text[at + len(title) + 2:grid] + "\n".join(rows) + text[end:])


@pytest.mark.parametrize("budget,final", [("28.13", "20.49"), ("31.33", "22.46")], ids=["three-only", "with-meetings"])
def test_a_sangong_table_by_rows_with_meetings_is_read_either_way(budget, final):
    # 合计 may be the three 三公 items (28.13 | 20.49) or add 会议费 and 培训费 to them
    # (31.33 | 22.46): the figures say which, and either adds up
    report = verify_text(_sangong_rows(budget, final), "final.txt")
    assert "F9" in _roles(report)
    assert not _errors(report), [(f.rule, f.message) for f in _errors(report)]


def test_a_sangong_total_wrong_in_one_column_is_an_error_there_only():
    report = verify_text(_sangong_rows("31.33", "22.56"), "final.txt")
    found = [(f.location.table, f.location.row, f.location.column) for f in report.findings if f.severity == "error"]
    assert found == [("F9", "合计", "决算数")], found


BUDGET = ROOT / "seeds" / "2023-xiamen-hrss-budget.txt"


def _with_start_budget(change: dict[str, str] | None = None) -> str:
    """The sample's 一般公共预算财政拨款支出决算表 as some regions print it: a 年初预算数
    column before the 本年支出 (小计 · 基本 · 项目), filled with the budget's T5 合计 per
    code; ``change`` puts another figure in a code's 年初预算数."""
    from budgetcheck.readers import read_document

    t5 = read_document(str(BUDGET)).table("T5")
    col = t5.column("total")
    start = {r.code.text: r.amounts[col].text for r in t5.rows if r.code is not None and r.amounts[col] is not None}
    start["合计"] = t5.total_row.amounts[col].text
    start.update(change or {})
    text = _text()
    i = text.index("公开05表")
    j = text.index("注：本表反映部门本年度一般公共预算财政拨款支出情况。", i)
    out = []
    for line in text[i:j].split("\n"):
        cells = line.split("\t")
        if line.startswith("项目\t\t本年支出"):
            line = "项目\t\t年初预算数\t本年支出"
        elif line.startswith("科目代码\t科目名称\t小计"):
            line = "科目代码\t科目名称\t\t小计\t基本支出\t项目支出"
        elif line.startswith("栏次"):
            line = "栏次\t\t1\t2\t3\t4"
        elif len(cells) >= 3 and (cells[0] == "合计" or cells[0].isdigit()):
            line = "\t".join(cells[:2] + [start.get(cells[0], "")] + cells[2:])
        out.append(line)
    return text[:i] + "\n".join(out) + text[j:]


def test_a_start_budget_column_beside_the_final_keeps_the_final_columns_keys():
    report = verify_text(_with_start_budget(), "final.txt")
    f5 = next(t for t in report.document.tables if t.role == "F5")
    assert [c.key for c in f5.columns if c.is_amount] == ["budget:amount", "total", "basic", "project"]
    assert not _errors(report), [(f.rule, f.message) for f in _errors(report)]


def test_a_start_budget_column_is_the_prose_and_the_budgets(tmp_path):
    from budgetcheck.diff import diff_documents
    from budgetcheck.readers import read_document

    text = _with_start_budget({"2080101": "2,600.00"})
    report = verify_text(text, "final.txt")
    found = {(f.rule, f.location.table) for f in report.findings if f.severity == "error"}
    assert ("BC217", "narrative") in found and ("BC102", "F5") in found, found
    final = tmp_path / "2023决算.txt"
    final.write_text(text, encoding="utf-8")
    stated = diff_documents(read_document(str(BUDGET)), read_document(str(final))).findings
    assert [(f.rule, f.location.table) for f in stated] == [("BC302", "F5")], stated
