"""The bundled 决算 sample (issue 11 point 8): ``seeds/2023-xiamen-hrss-final.txt``, the
2023 部门决算 of the department whose 2023 部门预算 is the budget sample.

It is read as final accounts with the nine national tables (公开01–09表) and all their
rows, verifies clean, and its execution against the budget checks every stated 年初预算数
clean.  One figure changed in any 决算 table (a cell an identity covers) is an error at
that table and row; one figure changed in the prose is an error at its sentence; a
change within rounding is never an error.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from functools import lru_cache

import pytest

from budgetcheck.app.api import verify_path, verify_text
from budgetcheck.core.figures import fmt
from budgetcheck.diff import diff_documents
from budgetcheck.readers import read_document

from .conftest import ROOT, SAMPLE
from .helpers import run_inprocess

FINAL = ROOT / "seeds" / "2023-xiamen-hrss-final.txt"

# role → rows read
TABLES = {"F1": 42, "F2": 49, "F3": 49, "F4": 38, "F5": 49, "F6": 42, "F7": 1, "F8": 1, "F9": 1}


@lru_cache(maxsize=1)
def _doc():
    return read_document(FINAL)


def _text() -> str:
    return FINAL.read_text(encoding="utf-8")


def _errors_and_warnings(text: str):
    return [f for f in verify_text(text, "final.txt").findings if f.severity != "notice"]


# --- what is read -----------------------------------------------------------------------

def test_it_is_read_as_final_accounts():
    assert _doc().category == "final"


def test_the_nine_tables_are_read_with_all_their_rows():
    doc = _doc()
    roles = [t.role for t in doc.tables if t.role]
    assert roles == ["F1", "F2", "F3", "F4", "F5", "F6", "F9", "F7", "F8", "FSE", "FSE"]
    assert not [t for t in doc.tables if not t.role]
    for role, rows in TABLES.items():
        assert len(next(t for t in doc.tables if t.role == role).rows) == rows, role
    # and the project's own 绩效自评表 (readers/selfeval.py): funds, indicators, 总分
    forms = [t for t in doc.tables if t.role == "FSE"]
    assert [(t.title, len(t.rows), t.rows[-1].amounts[-1].text) for t in forms] == [
        ("创业担保贷款贴息项目绩效自评表", 10, "97.47"), ("技工院校中等职业教育项目绩效自评表", 10, "96.62")]


def _table(role):
    return next(t for t in _doc().tables if t.role == role)


def _figures(role, name):
    table = _table(role)
    row = next(r for r in table.rows if r.name == name or r.label == name)
    return {c.key: (a.text if a is not None else "") for c, a in zip(table.columns, row.amounts) if c.is_amount}


def test_the_overview_tables_have_their_line_numbers_out_and_their_sides_split():
    f1 = _table("F1")
    assert [c.key for c in f1.columns] == ["amount"]
    codes = [r.code.text for r in f1.rows if r.side == "expenditure" and r.kind == "item"]
    assert len(codes) == 26 and codes[:2] == ["201", "202"] and codes[-1] == "234"
    # 财政拨款收入支出决算总表: one figure on the income side, four on the expenditure side
    f4 = _table("F4")
    assert [c.key for c in f4.columns] == ["amount", "gpb", "gov_fund", "soe"]
    spent = next(r for r in f4.rows if r.side == "expenditure" and r.kind == "year_total")
    assert [a.text if a else "" for a in spent.amounts][:2] == ["129,431.17", "129,431.17"]
    assert sum(r.side == "income" for r in f4.rows) == 9 and sum(r.side == "expenditure" for r in f4.rows) == 29


def test_rows_are_read_into_their_columns():
    assert _figures("F2", "2080150") == {"total": "3,583.62", "fiscal": "2,131.46", "superior": "", "service": "",
                                         "operating": "1,452.16", "affiliate": "", "other": ""}
    assert _figures("F3", "2080105") == {"total": "1,729.04", "basic": "1,652.84", "project": "76.20",
                                         "to_superior": "", "operating_exp": "", "to_affiliate": ""}
    assert _figures("F5", "合计") == {"total": "129,431.17", "basic": "15,554.63", "project": "113,876.54"}
    assert _figures("F6", "30217") == {"personnel": "", "public": "5.86"}
    assert _figures("F6", "合计") == {"personnel": "12,632.98", "public": "2,921.65"}
    sangong = _figures("F9", "三公经费")
    assert (sangong["budget:total"], sangong["total"], sangong["reception"]) == ("28.13", "20.49", "9.62")


def test_the_empty_fund_tables_say_so():
    for role in ("F7", "F8"):
        assert any("故本表无数据" in n for n in _table(role).notes), role


# --- verify and diff --------------------------------------------------------------------

def test_it_verifies_clean():
    report = verify_path(str(FINAL))
    assert report.error == ""
    assert [(f.rule, f.severity, f.message) for f in report.findings if f.severity != "notice"] == []


def _pair(tmp_path, final_text: str | None = None):
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    (tmp_path / FINAL.name).write_text(final_text if final_text is not None else _text(), encoding="utf-8")
    return tmp_path / SAMPLE.name, tmp_path / FINAL.name


def test_the_execution_against_the_budget_is_clean(tmp_path):
    budget, final = _pair(tmp_path)
    result = diff_documents(read_document(budget), read_document(final))
    assert result.mode == "execution" and result.findings == []
    total = next(c for c in result.changes if c.role == "T5" and c.key == "合计" and c.column == "total")
    assert (str(total.old.value), str(total.new.value), f"{total.rate:.2f}") == ("129217.94", "129431.17", "100.17")
    # the budget's T3 splits 基本/项目 by fund group; the 决算's 支出决算表 prints them once
    basic = next(c for c in result.changes if c.role == "T3" and c.key == "2080109" and c.column == "basic")
    assert (str(basic.old.value), str(basic.new.value)) == ("4113.84", "4026.58")


def test_every_stated_budget_is_checked(tmp_path):
    """Each 年初预算为A of the prose names a subject the budget has: changing any one
    of them is a BC302 error at its line."""
    budget, final = _pair(tmp_path)
    lines = _text().split("\n")
    stated = [i for i, line in enumerate(lines) if "年初预算为" in line and "年初预算为0.00" not in line]
    assert len(stated) >= 36
    for i in stated[::6]:
        changed = list(lines)
        at = changed[i].index("年初预算为") + len("年初预算为")
        digit = changed[i][at]
        changed[i] = changed[i][:at] + ("8" if digit == "9" else str(int(digit) + 1)) + changed[i][at + 1:]
        final.write_text("\n".join(changed), encoding="utf-8")
        found = diff_documents(read_document(budget), read_document(final)).findings
        assert [(f.rule, f.severity, f.location.line) for f in found if f.rule == "BC302"] == [("BC302", "error", i + 1)], \
            lines[i]


def test_diff_by_year_in_the_seeds_folder(tmp_path):
    _pair(tmp_path)
    out = run_inprocess("diff", "2023", "2023决算", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 stated 年初预算数 contradicted" in out.stdout and "100.17%" in out.stdout
    out = run_inprocess("diff", SAMPLE.name, FINAL.name, cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_contradicted_budget_exits_1(tmp_path):
    text = _text()
    old = "年初预算为1,730.50万元，支出决算为1,729.04万元，完成年初预算的99.92%"
    assert text.count(old) == 1
    budget, final = _pair(tmp_path, text.replace(old, "年初预算为1,703.50万元，支出决算为1,729.04万元，完成年初预算的101.50%。"
                                                       "决算数大于预算数的主要原因是追加"))
    line = next(i for i, s in enumerate(final.read_text(encoding="utf-8").split("\n"), 1) if "1,703.50" in s)
    found = diff_documents(read_document(budget), read_document(final)).findings
    assert [(f.rule, f.severity, f.location.line) for f in found] == [("BC302", "error", line)]
    out = run_inprocess("diff", "2023", "2023决算", cwd=tmp_path)
    assert out.returncode == 1 and "BC302" in out.stdout


def test_the_sangong_budget_half_is_the_budgets(tmp_path):
    text = _text()
    row = "28.13\t\t11.59\t\t11.59\t16.54\t20.49"
    assert text.count(row) == 1
    budget, final = _pair(tmp_path, text.replace(row, "28.13\t\t11.59\t\t11.59\t16.54\t20.49".replace("16.54", "16.45")
                                                 .replace("28.13", "28.04")))
    found = diff_documents(read_document(budget), read_document(final)).findings
    assert {(f.rule, f.location.table) for f in found} >= {("BC302", "F9")}, found


# --- mutations of the tables ------------------------------------------------------------

def _transpose(text: str) -> str | None:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    for a, b in zip(digits, digits[1:]):
        if text[a] != text[b]:
            return text[:a] + text[b] + text[a + 1:b] + text[a] + text[b + 1:]
    return None


# a sample of the rows of each table, every one covered by a row, tree or cross-table identity
SAMPLED = {
    "F1": ("一、一般公共预算财政拨款收入", "六、经营收入", "八、社会保障和就业支出", "本年收入合计", "本年支出合计", "年末结转和结余"),
    "F2": ("合计", "208", "20801", "2080150", "2080701", "2101102"),
    "F3": ("合计", "208", "20805", "2080109", "2080199", "2130804"),
    "F4": ("一、一般公共预算财政拨款", "五、教育支出", "八、社会保障和就业支出", "本年支出合计", "年末财政拨款结转和结余"),
    "F5": ("合计", "208", "20807", "2080105", "2080116", "2101101"),
    "F6": ("合计", "301", "30102", "303", "302", "30226", "31002"),
    "F9": ("三公经费",),
}


def _field(line: str, row, old: str) -> int:
    """The field of ``old`` in a printed line: the first one after the row's own label
    (a line prints two overview rows, or three economic classes side by side)."""
    fields = line.split("\t")
    start = next((i for i, f in enumerate(fields) if f.strip() in (row.label, row.name) and f.strip()), 0)
    return next(i for i, f in enumerate(fields) if i >= start and f.strip() == old)


def _table_mutations():
    for role, names in SAMPLED.items():
        table = _table(role)
        for name in names:
            row = next(r for r in table.rows if r.name == name or r.label == name)
            for col, amount in zip(table.columns, row.amounts):
                if amount is None or amount.value == 0 or not col.is_amount:
                    continue
                swapped = _transpose(amount.text)
                if swapped and swapped != amount.text:
                    yield pytest.param(role, row, amount.text, swapped, id=f"transpose:{role}:{name}:{col.label}")
                if row.is_total or row.kind in ("year_total", "grand_total") or role in ("F6", "F9"):
                    yield pytest.param(role, row, amount.text, fmt(amount.value + 100, amount.quantum),
                                       id=f"plus100:{role}:{name}:{col.label}")


def _mutated(row, old: str, new: str) -> str:
    lines = _text().split("\n")
    line = lines[row.line - 1]
    fields = line.split("\t")
    fields[_field(line, row, old)] = new
    lines[row.line - 1] = "\t".join(fields)
    return "\n".join(lines)


@pytest.mark.parametrize("role,row,old,new", list(_table_mutations()))
def test_a_changed_table_figure_is_an_error_at_its_row(role, row, old, new):
    errors = [f for f in verify_text(_mutated(row, old, new), "mutated.txt").findings if f.severity == "error"]
    assert errors, f"no error for {old} → {new}"
    names = {(f.location.table, f.location.row) for f in errors} | {(r.table, r.row) for f in errors for r in f.related}
    assert (role, row.name) in names or (role, row.label) in names, sorted(names)


def test_a_table_change_within_rounding_is_not_an_error():
    for role, name, old, new in (("F5", "2080105", "1,729.04", "1,729.0"), ("F3", "合计", "131,498.34", "131,498.3"),
                                 ("F6", "30102", "3,368.92", "3,368.9")):
        row = next(r for r in _table(role).rows if r.name == name)
        assert _errors_and_warnings(_mutated(row, old, new)) == [], (role, name)


# --- mutations of the prose -------------------------------------------------------------

PROSE = [
    # (rule, where the finding is: the start of its sentence, old, new)
    ("BC201", "2023年度收入总计", "2023年度收入总计132,463.40万元", "2023年度收入总计132,436.40万元"),
    ("BC201", "2023年度收入总计", "支出总计132,463.40万元，收支平衡", "支出总计132,643.40万元，收支平衡"),
    ("BC201", "2023年度财政拨款收入总计", "2023年度财政拨款收入总计130,017.41万元", "2023年度财政拨款收入总计130,107.41万元"),
    ("BC201", "2023年度财政拨款收入总计", "其中：本年收入130,017.41万元", "其中：本年收入130,107.41万元"),
    ("BC201", "2023年度本年收入合计", "其中：财政拨款收入130,017.41万元", "其中：财政拨款收入130,071.41万元"),
    ("BC201", "2023年度本年支出合计", "其中：基本支出15,554.63万元", "其中：基本支出15,545.63万元"),
    ("BC201", "2023年度财政拨款支出总计", "其中：本年支出129,431.17万元", "其中：本年支出129,413.17万元"),
    ("BC216", "2023年度财政拨款支出年初预算", "完成年初预算的100.17%。决算数大于预算数的主要原因是新引进",
     "完成年初预算的101.17%。决算数大于预算数的主要原因是新引进"),
    ("BC217", "2.社会保障和就业支出（类）", "支出决算为2,486.27万元", "支出决算为2,468.27万元"),
    ("BC216", "年初预算为4,592.00万元", "完成年初预算的96.22%", "完成年初预算的96.62%"),
    ("BC216", "决算数小于预算数的主要原因是新引进人才生活补贴申领人数超过", "决算数大于预算数的主要原因是新引进人才生活补贴申领人数超过",
     "决算数小于预算数的主要原因是新引进人才生活补贴申领人数超过"),
    ("BC201", "2023年度一般公共预算财政拨款基本支出", "其中：人员经费12,632.98万元", "其中：人员经费12,623.98万元"),
    ("BC217", "2023年度“三公”经费财政拨款支出年初预算", "支出决算为20.49万元，完成年初预算的72.84%",
     "支出决算为20.94万元，完成年初预算的74.44%"),
    ("BC217", "年初预算为16.54万元", "支出决算为9.62万元，完成年初预算的58.16%", "支出决算为9.26万元，完成年初预算的55.99%"),
    ("BC217", "（一）创业担保贷款贴息项目绩效自评综述", "执行数946.73万元，完成预算的94.67%", "执行数964.73万元，完成预算的96.47%"),
    ("BC217", "项目自评得分为96.26分", "项目自评得分为96.62分", "项目自评得分为96.26分"),
    ("BC216", "（二）技工院校中等职业教育项目绩效自评综述", "完成预算的96.22%。项目自评得分为96.62分", "完成预算的92.62%。项目自评得分为96.62分"),
]


def _prose_errors(old: str, new: str):
    text = _text()
    assert text.count(old) == 1, old
    return [f for f in verify_text(text.replace(old, new), "mutated.txt").findings if f.severity == "error"]


@pytest.mark.parametrize("rule,where,old,new", PROSE, ids=[f"{p[0]}-{p[1][:10]}" for p in PROSE])
def test_a_changed_prose_figure_is_an_error_at_its_sentence(rule, where, old, new):
    errors = _prose_errors(old, new)
    assert errors, f"no error for {old} → {new}"
    hits = [f for f in errors if f.rule == rule or rule == "BC201" and f.rule.startswith("BC2")]
    assert hits, [(f.rule, f.location.row) for f in errors]
    assert any(where in f.location.row or f.location.row.lstrip("…")[:12] in _text() and
               where in _sentence_of(f.location.row.lstrip("…")) for f in hits), [f.location.row for f in hits]


def _sentence_of(fragment: str) -> str:
    """The line of the text a finding's row (a sentence, maybe cut at its start) is on."""
    head = fragment.rstrip("…")[:16]
    return next((line for line in _text().split("\n") if head in line), "")


def test_a_prose_change_within_rounding_is_not_an_error():
    for old, new in (("完成年初预算的96.22%", "完成年初预算的96.2%"), ("占98.39%", "占98.4%"),
                     ("支出决算为20.49万元，完成年初预算的72.84%", "支出决算为20.49万元，完成年初预算的72.8%")):
        text = _text()
        assert text.count(old) == 1, old
        assert _errors_and_warnings(text.replace(old, new)) == [], old


# --- the general readings the sample needed, on their own ------------------------------

SANGONG_BY_ROWS = """某局2023年度部门决算

一、“三公”经费财政拨款支出决算情况

2023年度“三公”经费财政拨款支出年初预算为28.13万元，支出决算为20.49万元，完成年初预算的72.84%。决算数小于预算数的主要原因是压减开支。

财政拨款“三公”经费支出决算表
单位：万元
项目\t“三公”经费合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费
\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t
预算数\t28.13\t\t11.59\t\t11.59\t16.54
决算数\t20.49\t\t10.87\t\t10.87\t9.62
"""


def test_a_sangong_table_with_its_periods_as_rows_gives_the_final_row():
    """The 三公 决算 a sentence states is the table's 决算数 row, not its 预算数 row."""
    assert _errors_and_warnings(SANGONG_BY_ROWS) == []
    wrong = SANGONG_BY_ROWS.replace("支出决算为20.49", "支出决算为20.94").replace("72.84%", "74.44%")
    assert [(f.rule, f.severity) for f in _errors_and_warnings(wrong)] == [("BC217", "error")]


F4_TEXT = """某局2023年度部门决算

财政拨款收入支出决算总表
单位：万元
收入\t\t\t支出
项目\t行次\t金额\t项目\t行次\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款
栏次\t\t1\t栏次\t\t2\t3\t4\t5
一、一般公共预算财政拨款\t1\t100.00\t一、一般公共服务支出\t33\t90.00\t90.00\t\t
二、政府性基金预算财政拨款\t2\t\t二、外交支出\t34\t\t\t\t
本年收入合计\t27\t100.00\t本年支出合计\t59\t90.00\t90.00\t\t
年初财政拨款结转和结余\t28\t\t年末财政拨款结转和结余\t60\t10.00\t10.00\t\t
总计\t32\t100.00\t总计\t64\t100.00\t100.00\t\t
"""


def test_a_text_overview_with_line_numbers_is_read_by_its_header():
    """One figure on the income side and four on the expenditure side: the header's 收入 |
    支出 row says which cells are whose, which a reading by content cannot tell."""
    doc = read_document_text(F4_TEXT)
    f4 = doc.tables[0]
    assert [c.key for c in f4.columns] == ["amount", "gpb", "gov_fund", "soe"]
    sides = [(r.side, r.label, [a.text if a else "" for a in r.amounts][:2]) for r in f4.rows]
    assert sides[:2] == [("income", "一、一般公共预算财政拨款", ["100.00", ""]),
                         ("expenditure", "一、一般公共服务支出", ["90.00", "90.00"])]
    assert _errors_and_warnings(F4_TEXT) == []
    broken = F4_TEXT.replace("年末财政拨款结转和结余\t60\t10.00", "年末财政拨款结转和结余\t60\t11.00")
    assert [(f.rule, f.location.row) for f in _errors_and_warnings(broken)] == [("BC104", "年末财政拨款结转和结余"),
                                                                            ("BC104", "总计")]


def read_document_text(text: str):
    return verify_text(text, "f4.txt").document


@pytest.mark.parametrize("old,new", [
    ("\t年度资金总额\t1,000.00\t1,000.00\t946.73", "\t年度资金总额\t1,100.00\t1,000.00\t946.73"),
    ("\t其中：财政拨款\t4,592.00\t4,592.00\t4,418.36", "\t其中：财政拨款\t4,529.00\t4,592.00\t4,418.36"),
])
def test_a_self_evaluations_start_budget_is_the_budgets_project(tmp_path, old, new):
    """The 年初预算数 of a 绩效自评表 is what the budget's 项目支出绩效目标表 of the same
    project gave it (预算资金, 其中：财政拨款数): a changed one is a BC302 error at its form."""
    text = _text()
    assert text.count(old) == 1
    budget, final = _pair(tmp_path, text.replace(old, new))
    line = next(i for i, s in enumerate(final.read_text(encoding="utf-8").split("\n"), 1) if s.startswith(new))
    found = diff_documents(read_document(budget), read_document(final)).findings
    assert [(f.rule, f.severity, f.location.table, f.location.line) for f in found if f.rule == "BC302"] == \
        [("BC302", "error", "FSE", line)], found


def _rows(report, role: str) -> list[int]:
    return [len(t.rows) for t in report.document.tables if t.role == role]


def test_export_round_trips_the_final_accounts_forms_included(tmp_path):
    """The 决算 exported to a workbook reads back as the same document: the nine tables
    and the 绩效自评表, each form written as printed (not as a grid, which would not be
    the same form read back), and it verifies as the text does."""
    from budgetcheck.writers.export import export

    target = tmp_path / "final.xlsx"
    export(_doc(), target)
    back, text = verify_path(str(target)), verify_path(str(FINAL))
    assert back.summary == text.summary == {"errors": 0, "warnings": 0, "notices": 0}
    assert _rows(back, "FSE") == _rows(text, "FSE") and len(_rows(back, "FSE")) == 2


def test_export_of_a_real_final_account_keeps_its_findings(tmp_path):
    from .conftest import shared_path
    from budgetcheck.writers.export import export

    pdf = shared_path("real", "国家信访局2024年度部门决算.pdf")
    target = tmp_path / "xf.xlsx"
    export(read_document(str(pdf)), target)
    back, original = verify_path(str(target)), verify_path(str(pdf))
    errors = lambda r: sorted((f.rule, f.location.table) for f in r.findings if f.severity != "notice")  # noqa: E731
    assert errors(back) == errors(original) == [("BC211", "narrative"), ("BC217", "narrative")]
    assert _rows(back, "FSE") == _rows(original, "FSE")
