"""The narrative rules on the phrasing of the regional templates: for each way a budget
说明 words a claim, a small document written here (prose and the annex tables it speaks
of) where the claim holds, and the same with one figure changed, where it is reported.

The documents are made up for the tests: the figures are small round numbers and the
sentences follow the template phrasing, not any published document.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetcheck.app.api import verify_text
from budgetcheck.claims import claims_of
from budgetcheck.core.model import Amount, Code, Column, Document, Row, Table
from budgetcheck.readers import read_bytes
from budgetcheck.rules.narrative import matches, narrative_subjects, subjects_omitted
from .helpers import facts

T1 = """部门收支预算总体情况表

单位：万元

收 入\t\t支 出\t
项 目\t预算数\t项 目\t预算数
一、一般公共预算拨款收入\t1,000.00\t一、一般公共服务支出\t1,000.00
二、政府性基金预算拨款收入\t\t\t
三、其他收入\t20.00\t二、社会保障和就业支出\t20.00
本年收入合计\t1,020.00\t本年支出合计\t1,020.00
上年结转结余\t5.00\t年终结转结余\t5.00
收入总计\t1,025.00\t支出总计\t1,025.00"""

T3 = """部门支出预算总体情况表

单位：万元

科目编码\t科目名称\t合计\t基本支出\t项目支出\t事业单位经营支出\t上缴上级支出\t对附属单位补助支出
合计\t\t1,020.00\t800.00\t220.00\t\t\t
201\t一般公共服务支出\t1,000.00\t800.00\t200.00\t\t\t
208\t社会保障和就业支出\t20.00\t\t20.00\t\t\t"""

T5 = """一般公共预算支出情况表

单位：万元

科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t1,000.00\t790.00\t210.00
201\t一般公共服务支出\t1,000.00\t790.00\t210.00
20108\t审计事务\t1,000.00\t790.00\t210.00
2010801\t行政运行\t790.00\t790.00\t
2010802\t一般行政管理事务\t210.00\t\t210.00"""

T7 = """一般公共预算“三公”经费、会议费、培训费支出情况表

单位：万元

“三公”经费合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t会议费\t培训费
\t\t小计\t购置费\t运行费\t\t\t
12.00\t2.00\t6.00\t\t6.00\t4.00\t3.00\t9.00"""

TAR = """一般公共预算机关运行经费支出预算表

单位：万元

科目编码\t科目名称\t机关运行经费支出
合计\t\t66.60
302\t商品和服务支出\t66.60
30201\t办公费\t66.60"""

TGP = """政府采购预算明细表

单位：万元

采购类别\t金额
A-货物\t30.00
C-服务\t45.55
合计\t75.55"""

TABLES = (T1, T3, T5, T7, TAR, TGP)


def budget(prose: str, tables=TABLES) -> str:
    """A small 部门预算: the prose, then the annex tables (附件1 …)."""
    annex = "\n\n".join(f"附件{i}\n\n{t}" for i, t in enumerate(tables, 1))
    return f"某局2026年部门预算\n\n{prose.strip()}\n\n{annex}\n"


def narrative(text: str) -> list[tuple[str, str, int]]:
    report = verify_text(text, "budget.txt")
    assert report.error == "", report.error
    return [(f.rule, f.severity, f.location.line) for f in report.findings if f.rule.startswith("BC2")]


def errors(text: str, rule: str) -> list[str]:
    report = verify_text(text, "budget.txt")
    return [f.location.row for f in report.findings if f.rule == rule and f.severity == "error"]


def quantities(text: str) -> dict[str, str]:
    doc = read_bytes(text.encode("utf-8"), "budget.txt")
    return {f.text: f"{name} {best.location.table}" for _, f, name, _, best in matches(doc)}


# --- 1. a phrase names its quantity ---------------------------------------------------

PHRASES = [
    # (sentence, figure, quantity and table it must be compared with)
    ("本局2026年度财政拨款基本支出预算790.00万元。", "790.00万元", "基本支出 T5"),
    ("本局2026年度一般公共预算财政拨款基本支出预算790.00万元。", "790.00万元", "基本支出 T5"),
    ("本局2026年度一般公共预算拨款安排的“三公”经费支出预算12.00万元。", "12.00万元", "三公经费 T7"),
    ("2026年政府采购支出预算总额75.55万元。", "75.55万元", "政府采购 TGP"),
    ("本部门一般公共预算机关运行经费预算支出66.60万元。", "66.60万元", "机关运行经费 TAR"),
    ("本局2026年收入预算合计1,025.00万元。", "1,025.00万元", "收入预算 T1"),
    ("2026年一般公共预算当年拨款1,000.00万元。", "1,000.00万元", "一般公共预算支出 T5"),
    ("本局会议费预算支出3.00万元，培训费预算支出9.00万元。", "9.00万元", "培训费 T7"),
    ("（二）本年其他资金收入20.00万元。", "20.00万元", "其他资金收入 T1"),
    ("（三）年终结转结余资金5.00万元。", "5.00万元", "年终结转结余 T1"),
    # a T3 without a 财政拨款 split: 项目支出 is T3's, all funds (not T5's 210.00)
    ("（二）项目支出。项目支出预算220.00万元。", "220.00万元", "项目支出 T3"),
    ("1.本年支出合计1,020.00万元。", "1,020.00万元", "本年支出 T1"),
]


@pytest.mark.parametrize("sentence,figure,quantity", PHRASES, ids=[p[2] for p in PHRASES])
def test_a_phrase_is_compared_with_the_quantity_it_names(sentence, figure, quantity):
    text = budget(sentence)
    assert quantities(text)[figure] == quantity
    assert narrative(text) == []


@pytest.mark.parametrize("sentence,figure,quantity", PHRASES, ids=[p[2] for p in PHRASES])
def test_the_same_phrase_with_another_figure_is_an_error(sentence, figure, quantity):
    wrong = figure.replace(".00万元", ".40万元").replace(".55万元", ".95万元").replace(".60万元", ".20万元")
    assert wrong != figure
    hits = errors(budget(sentence.replace(figure, wrong)), "BC201")
    assert len(hits) == 1 and wrong.replace("万元", "") in hits[0]


def test_a_phrase_about_last_year_is_not_this_years_figure():
    # the 三公 table of this year says 12.00: last year's figure is not compared with it
    assert quantities(budget("2025年“三公”经费预算15.00万元，2026年“三公”经费预算12.00万元。")) == {
        "12.00万元": "三公经费 T7"}


def test_a_figure_no_table_carries_is_not_checked():
    tables = (T1, T3, T5)  # no 政府采购 table
    text = budget("2026年政府采购预算总额99.00万元，其中：政府采购货物预算99.00万元。", tables)
    assert narrative(text) == []


def test_procurement_parts_come_from_the_category_rows():
    ok = "2026年政府采购预算总额75.55万元，其中：政府采购货物预算30.00万元，政府采购工程预算0万元，政府采购服务预算45.55万元。"
    assert narrative(budget(ok)) == []
    # a part that is within the total's breakdown but not the table's category row
    wrong = ok.replace("货物预算30.00万元", "货物预算30.10万元").replace("服务预算45.55万元", "服务预算45.45万元")
    assert len(errors(budget(wrong), "BC201")) == 2


# --- 2. two 其中 lists in one sentence; a memo list after 项目支出 --------------------

CHANGE_LIST = ("2026年收入预算1,025.00万元，其中：一般公共预算拨款收入1,000.00万元，其他收入20.00万元，"
               "收入比上年增加25.00万元，其中：一般公共预算拨款收入增加24.00万元；其他收入增加1.00万元。")


def test_a_second_list_breaks_down_the_change_not_the_total():
    assert [r for r, *_ in narrative(budget(CHANGE_LIST))] == []
    # a change part larger than the change is still reported
    assert errors(budget(CHANGE_LIST.replace("增加24.00万元", "增加26.00万元")), "BC212")


def test_a_change_of_a_subject_named_anew_is_not_of_the_figure_before():
    doc = read_bytes(budget(CHANGE_LIST).encode("utf-8"), "budget.txt")
    # 收入比上年增加25.00万元 is the change of 收入, not of 其他收入20.00万元 just before it
    assert [(c.value, c.delta.text) for c in claims_of(doc).changes if c.delta and c.delta.text == "25.00万元"] == [
        (None, "25.00万元")]


def test_the_first_list_stops_before_the_change():
    text = budget(CHANGE_LIST.replace("其他收入20.00万元", "其他收入30.00万元"))
    report = verify_text(text, "budget.txt")
    # 1,000.00 + 30.00 exceed 1,025.00; the change 25.00 and its parts are not parts of the total
    assert [f.message.split(" exceed")[0] for f in report.findings if f.rule == "BC212"] == [
        "parts 1,000.00万元 + 30.00万元"]


MEMO_LIST = """（二）项目支出。项目支出预算220.00万元，占本年支出预算21.57%。其中：
1.事业单位经营支出0万元。
2.上缴上级支出0万元。
3.对附属单位补助支出0万元。"""


def test_the_other_spending_kinds_after_project_spending_are_not_its_parts():
    assert narrative(budget(MEMO_LIST)) == []
    listed = MEMO_LIST.replace("1.事业单位经营支出0万元", "1.人员类项目150.00万元").replace(
        "2.上缴上级支出0万元", "2.运转类项目80.00万元")
    assert errors(budget(listed), "BC212")  # 150 + 80 + 0 > 220: a real list is still checked


# --- 3. wrapped lines: a figure at the start of a line is not an item number ----------

WRAPPED = """1.审计事务（款）事业运行（项）支出225.13万元，与上年相比增加10.09万元，增长
4.69%。主要原因是人员增加。"""


def test_a_line_that_starts_with_a_percentage_continues_the_sentence():
    doc = read_bytes(budget(WRAPPED).encode("utf-8"), "budget.txt")
    changes = [(c.value.text, c.delta.text, c.pct.text) for c in claims_of(doc).changes if c.pct]
    assert changes == [("225.13万元", "10.09万元", "4.69%")]
    assert errors(budget(WRAPPED.replace("4.69%", "4.96%")), "BC211")


def test_pdf_lines_wrapped_before_a_figure_are_joined():
    from budgetcheck.readers.pdf_page import TextLine
    from budgetcheck.readers.pdf_text import Paragraphs

    text = Paragraphs()
    text.add(TextLine("2026年收入预算1,025.00万元，比上年增加25.00万元，增长", 90, 100, 505, 116), 5, 90, 505)
    text.add(TextLine("2.50%，主要原因是人员增加。", 90, 128, 300, 144), 5, 90, 505)
    text.add(TextLine("2.其他收入20.00万元。", 122, 156, 330, 172), 5, 90, 505)
    # a page break: the open line carries on to the first line of the next page
    text.add(TextLine("其中：因公出国（境）费用", 90, 700, 505, 716), 5, 90, 505)
    text.add(TextLine("2.00万元，与上年持平。", 90, 80, 260, 96), 6, 90, 505)
    assert text.lines == ["2026年收入预算1,025.00万元，比上年增加25.00万元，增长2.50%，主要原因是人员增加。",
                          "2.其他收入20.00万元。", "其中：因公出国（境）费用2.00万元，与上年持平。"]
    assert text.pages == [5, 5, 5]


def test_the_page_margin_is_the_texts_not_a_running_heads():
    from budgetcheck.readers.pdf_page import Page, TextLine
    from budgetcheck.readers.pdf_text import margins

    head = TextLine("某局2026年度部门预算公开（页眉）", 41, 10, 190, 19)
    body = [TextLine("（一）收入预算总计1,025.00万元，比上年增加", 96, 170 + 30 * i, 533, 186 + 30 * i) for i in range(3)]
    body.append(TextLine("25.00万元，增长2.50%。主要原因是人员增加。", 63, 300, 471, 316))
    page = Page(3, 595, 842, (head, *body), (), 0, 0)
    assert margins(page) == (63.0, 533)


# --- 4. text inside tables is never prose --------------------------------------------

def _doc(kind: str) -> Document:
    lines = ("说明", "本局2026年支出预算1,025.00万元。", "指标\t年度资金总额10.00万元，其中：培训支出50.00万元，会议支出60.00万元")
    table = Table(None, "项目绩效目标表", "万元", (Column("text:指标", "指标", is_amount=False),), (), 3, page=2)
    return Document("d", (table,), lines, kind=kind, line_pages=(1, 1, 2) if kind == "pdf" else ())


def test_the_rows_of_a_pdf_grid_are_not_prose_even_when_no_template_names_the_table():
    assert claims_of(_doc("pdf")).breakdowns == []
    # in a text document an unrecognised table may be a work report's prose cells
    assert claims_of(_doc("text")).breakdowns


# --- 5. a 情况说明 and its 报表 in two files ------------------------------------------

PROSE_FILE = """某局2026年部门预算情况说明

一、收支预算总体情况
2026年支出预算1,025.00万元，比上年增加25.00万元，增长2.50%。
二、政府采购
2026年政府采购预算总额75.55万元，其中：政府采购货物预算30.00万元，政府采购服务预算45.56万元。
"""


def _pair(tmp_path):
    prose = tmp_path / "某局2026年部门预算_附件1情况说明.txt"
    tables = tmp_path / "某局2026年部门预算_附件2报表.txt"
    prose.write_text(PROSE_FILE, encoding="utf-8")
    # the 政府采购 table in 万元 to the yuan (six decimals), as some regions print it
    exact = TGP.replace("45.55", "45.553268").replace("75.55", "75.553268")
    tables.write_text(budget("", (T1, T3, T5, T7, TAR, exact)).split("\n\n", 1)[1], encoding="utf-8")
    return prose, tables


def test_the_narrative_of_the_first_file_is_checked_against_the_tables_of_the_second(tmp_path):
    from budgetcheck.app.api import verify_together

    prose, tables = _pair(tmp_path)
    report = verify_together([str(prose), str(tables)])
    found = [(f.rule, f.severity, f.location.line) for f in report.findings if f.rule.startswith("BC2")]
    # 75.55 is the 合计 75.553268 rounded (a notice); 45.56 is not the 服务 row's 45.553268
    # (45.55 rounded): an error, on line 6 of the first file
    assert found == [("BC201", "notice", 6), ("BC201", "error", 6)]
    doc = report.document
    assert all(t.line > len(PROSE_FILE.splitlines()) for t in doc.tables)


def test_a_narrative_and_its_tables_are_paired_by_name(tmp_path):
    from budgetcheck.readers.combine import pairs

    prose, tables = _pair(tmp_path)
    other = tmp_path / "某局2025年部门预算_附件2报表.txt"
    assert pairs([str(prose), str(tables), str(other)]) == {str(prose): (str(prose), str(tables)),
                                                           str(tables): (str(prose), str(tables))}
    assert pairs([str(prose), str(other)]) == {}  # another year
    assert pairs([str(prose)]) == {}


def test_verify_of_the_two_files_checks_them_as_one(tmp_path):
    import json

    from .helpers import run_inprocess

    prose, tables = _pair(tmp_path)
    proc = run_inprocess("verify", str(prose), str(tables), "--format", "json", "--no-config", "-q")
    docs = json.loads(proc.stdout)["documents"]
    assert [d["path"] for d in docs] == [f"{prose} + {tables}"]
    assert [(f["rule"], f["severity"], f["location"]["line"]) for f in docs[0]["findings"]
            if f["rule"].startswith("BC2")] == [("BC201", "notice", 6), ("BC201", "error", 6)]
    assert proc.returncode == 1


# --- 6. enumerated subjects ------------------------------------------------------------

SUBJECTS = [
    "（一）2010801-行政运行790.00万元。主要用于机关运转。\n（二）2010802-一般行政管理事务210.00万元。",
    "1.行政运行（2010801）790.00万元，较上年增加10.00万元；\n2.一般行政管理事务（2010802）210.00万元。",
    "（一）一般公共服务支出（类）\n1.审计事务（款）行政运行（项）支出790.00万元。\n2.审计事务（款）一般行政管理事务（项）支出210.00万元。",
]


@pytest.mark.parametrize("prose", SUBJECTS, ids=["code-name", "name(code)", "heading class"])
def test_enumerated_subjects_in_the_regional_forms(prose):
    assert narrative(budget(prose)) == []
    assert errors(budget(prose.replace("790.00万元", "709.00万元")), "BC202")
    # a 项 left out of the prose is a warning
    omitted = prose.split("\n")[0] if "（类）" not in prose else "\n".join(prose.split("\n")[:2])
    assert ("BC203", "warning") in [(r, s) for r, s, _ in narrative(budget(omitted))]


def test_a_subject_the_table_leaves_out_is_not_a_warning_when_it_states_nothing():
    prose = SUBJECTS[1] + "\n3.其他审计事务支出（2010899）0.00万元，较上年减少3.00万元。"
    assert narrative(budget(prose)) == []
    assert [r for r, *_ in narrative(budget(prose.replace("0.00万元，较上年减少", "3.00万元，较上年减少")))] == ["BC202"]


def _names_only(prose: str) -> Document:
    """A T5 printed with names only (the levels read from the layout: Row.level/parent)."""
    def row(label, level, parent, total, line):
        return Row(label, Code("201") if level == 1 else None, (None, Amount(Decimal(total), Decimal("0.01"))),
                   line, level=level, parent=parent)
    rows = (Row("合计", None, (None, Amount(Decimal(1000), Decimal("0.01"))), 20, is_total=True),
            row("一般公共服务支出", 1, None, "1000.00", 21), row("审计事务", 2, 1, "1000.00", 22),
            row("行政运行", 3, 2, "790.00", 23), row("一般行政管理事务", 3, 2, "210.00", 24))
    t5 = Table("T5", "一般公共预算支出预算表", "万元", (Column("function_name", "科目名称", is_amount=False),
                                                  Column("total", "合计")), rows, 19)
    return Document("d", (t5,), tuple(prose.split("\n")) + ("",) * 20)


def test_subjects_against_a_t5_printed_with_names_only():
    prose = ("（1）一般公共服务支出（类）审计事务（款）行政运行（项）790.00万元，主要用于机关运转。\n"
             "（2）一般公共服务支出（类）审计事务（款）一般行政管理事务（项）210.00万元。")
    doc = _names_only(prose)
    assert facts(narrative_subjects, doc) == [] and facts(subjects_omitted, doc) == []
    wrong = _names_only(prose.replace("790.00", "799.00"))
    assert [f.status for f in facts(narrative_subjects, wrong)] == ["violation"]
    omitted = _names_only(prose.split("\n")[0])
    assert [f.location.row for f in facts(subjects_omitted, omitted)] == ["一般行政管理事务"]


# --- 7. a change whose figure is in the sentence before ----------------------------------

PREVIOUS = "（1）一般公共服务支出（类）支出1,000.00万元，主要用于审计事务。与上年相比减少40.00万元，减少3.85%。"


def test_a_change_takes_the_figure_of_the_sentence_before():
    doc = read_bytes(budget(PREVIOUS).encode("utf-8"), "budget.txt")
    assert [(c.prior.text, c.delta.text) for c in claims_of(doc).changes if c.pct] == [("1,000.00万元", "40.00万元")]
    assert narrative(budget(PREVIOUS)) == []
    assert errors(budget(PREVIOUS.replace("3.85%", "3.58%")), "BC211")


def test_a_change_after_a_sentence_of_several_figures_is_not_checked():
    prose = "公务用车运行维护费6.00万元，比上年减少1.00万元。比上年减少1.50万元，下降30.00%。"
    doc = read_bytes(budget(prose).encode("utf-8"), "budget.txt")
    assert [c.prior for c in claims_of(doc).changes if c.pct] == [None]
    assert "BC211" not in [r for r, *_ in narrative(budget(prose))]


def test_unchanged_from_last_year_without_last_years_figure_is_not_checked():
    prose = "（一）因公出国（境）费用\n2026年预算安排2.00万元，与上年持平。"
    assert narrative(budget(prose)) == []


# --- 8. shares -------------------------------------------------------------------------

SHARES = "2.按经济分类，包括工资福利支出600.00万元，占58.5%；商品和服务支出200.00万元，占19.5%；资本性支出225.00万元，占22.0%。"


def test_a_share_of_a_list_that_adds_up_to_100_percent():
    # 600 / 1,025 is 58.54%, 200 / 1,025 is 19.51%, 225 / 1,025 is 21.95%
    assert narrative(budget(SHARES)) == []
    forced = SHARES.replace("58.5%", "58.6%").replace("22.0%", "21.9%")  # still adds up to 100.0
    hits = errors(budget(forced), "BC215")
    assert len(hits) == 2 and "58.6%" in hits[0] and "21.9%" in hits[1]


def test_a_share_of_the_stated_total():
    prose = "本年支出合计1,020.00万元，其中：基本支出800.00万元，占78.4%；项目支出220.00万元，占21.6%。"
    assert narrative(budget(prose)) == []
    assert len(errors(budget(prose.replace("78.4%", "87.4%")), "BC215")) == 1


def test_a_share_of_a_named_quantity():
    prose = "（一）基本支出。基本支出预算800.00万元，占本年支出预算78.43%。"  # 800 / 1,020 (本年支出合计)
    assert narrative(budget(prose)) == []
    assert len(errors(budget(prose.replace("78.43%", "78.05%")), "BC215")) == 1  # 800 / 1,025 (支出总计)


def test_a_share_whose_whole_cannot_be_told_is_not_checked():
    prose = "项目支出220.00万元，占22.0%；其他支出10.00万元，占5.0%。"
    assert narrative(budget(prose)) == []
