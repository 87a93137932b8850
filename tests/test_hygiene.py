"""Document hygiene: BC051 (a template placeholder left in), BC052 (a year that is not
the document's), BC053 (another department's name in a header) and BC006 (a table the
目录 lists but the document lacks) on final accounts and on a PDF's 目录.

Each case is data: a text fragment put into the bundled sample (or a small 决算), and
the rule it must raise, or None.  Most cases are legitimate texts that must not fire:
a checker that cries wolf is switched off.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from budgetcheck.app.api import verify_text
from budgetcheck.engine import Settings
from budgetcheck.rules.hygiene import placeholder, placeholders
from budgetcheck.rules.hygiene_name import unit_name
from budgetcheck.rules.hygiene_year import wrong_year
from .helpers import facts

ONLY = Settings(select=("BC006", "BC051", "BC052", "BC053"))
#: a line of the sample's prose (第一部分, 部门主要职责) that fragments replace
PROSE = "（十二）依规承担安全生产相关职责。"
PROSE_LINE = 69


def _report(text: str, name: str = "hygiene.txt"):
    return verify_text(text, name, ONLY)


def _found(text: str, name: str = "hygiene.txt") -> list:
    return [f for f in _report(text, name).findings if f.severity != "notice"]


def _in_prose(sample: str, fragment: str) -> str:
    assert sample.count(PROSE) == 1
    return sample.replace(PROSE, fragment)


def _edited(sample: str, old: str, new: str) -> str:
    assert old in sample, old
    return sample.replace(old, new, 1)


def test_the_sample_is_clean(sample_text):
    assert _found(sample_text) == []


# --- BC051 placeholders ---------------------------------------------------------------------

PLACEHOLDER_CASES = [
    # left in: the template was never filled in
    ("本部门为XX局所属的行政单位。", "BC051"),
    ("XX单位2023年部门预算收入100.00万元。", "BC051"),
    ("××局负责本项工作。", "BC051"),
    ("××", "BC051"),
    ("xx单位承担具体工作。", "BC051"),
    ("ＸＸ局负责本项工作。", "BC051"),  # full-width
    ("本项目X年内完成。", "BC051"),
    ("XXXX年度部门预算安排如下。", "BC051"),
    ("20XX年部门预算。", "BC051"),
    ("202X年预算安排。", "BC051"),
    ("20××年部门预算。", "BC051"),
    ("因公出国（境）费x,xxx.xx万元。", "BC051"),
    ("合计XX.XX万元。", "BC051"),
    ("经费支出xx万元。", "BC051"),
    ("共有车辆X辆。", "BC051"),
    ("于X月X日前完成。", "BC051"),
    ("待填写", "BC051"),
    ("项目概况：待补充", "BC051"),
    ("（待补充）", "BC051"),
    ("{单位}2023年部门预算", "BC051"),
    ("{{department}}部门预算", "BC051"),
    ("｛单位名称｝负责", "BC051"),
    ("【单位名称】2023年部门预算说明", "BC051"),
    ("[部门名称]负责本项工作。", "BC051"),
    ("【填写单位全称】", "BC051"),
    ("某某局负责本项工作。", "BC051"),
    ("第XX届人才交流大会。", "BC051"),
    # legitimate text: letters in words and codes, × between figures, document numbers
    ("购置X射线体层摄影设备（CT）1台。", None),
    ("移动式C型臂X光机购置项目。", None),
    ("CT、MRI、X线检查设备更新。", None),
    ("功能分类编码A05，项目编号XM-2023-001。", None),
    ("采购型号XR-200的设备2台。", None),
    ("制作规格3×4米的展板。", None),
    ("按3 × 4计算。", None),
    ("补助标准2000元/人×月。", None),
    ("按闽医保办【2016】29号文要求执行。", None),
    ("依据市卫函[2021]424号文件。", None),
    ("（市卫发〔2021〕171号）", None),
    ("升级Windows XP系统终端。", None),
    ("定制XXL码工作服。", None),
    ("数据以Excel、XML格式报送。", None),
    ("第Ⅹ章 附则", None),  # a Roman numeral is not a letter X
    ("XXI世纪人才战略。", None),
    ("相关制度有待补充完善。", None),
    ("资料尚待补充。", None),
    ("中央某部门2024年度部门决算。", None),
    ("某单位向本局申请补贴。", None),
    ("按2x计算倍率。", None),
    ("PM2.5监测点位建设。", None),
    ("X、Y两个方向的坐标。", None),
    ("网址：www.hrss.xm.gov.cn", None),
    ("“十四五”规划（2021—2025年）。", None),
    ("项目支出**万元", None),
]


@pytest.mark.parametrize("fragment,expected", PLACEHOLDER_CASES, ids=[c[0][:16] for c in PLACEHOLDER_CASES])
def test_placeholder_in_the_prose(sample_text, fragment, expected):
    found = [f for f in _found(_in_prose(sample_text, fragment)) if f.rule == "BC051"]
    if expected is None:
        assert found == [], [f.message for f in found]
        return
    assert found and all(f.severity == "error" for f in found)
    f = found[0]
    assert (f.location.line, f.location.table) == (PROSE_LINE, "narrative")
    assert "placeholder" in f.message and "占位符" in f.message_zh


def test_placeholder_in_a_table_cell_names_the_table_and_row(sample_text):
    text = _edited(sample_text, "403013\t厦门市人事考试测评中心", "403013\tXX单位")
    [f] = [f for f in _found(text) if f.rule == "BC051"]
    assert (f.location.table, f.location.row, f.severity) == ("T2", "403013", "error")
    assert "“XX”" in f.message and "“XX”" in f.message_zh


def test_placeholders_are_found_where_they_are():
    assert placeholders("因公出国（境）费x,xxx.xx万元，XX局") == [(8, "x,xxx.xx", "amount"), (19, "XX", "name")]
    assert placeholders("20XX年") == [(0, "20XX年", "year")]
    assert placeholders("X射线、X光、CT、A05、3×4") == []


def test_a_work_report_is_not_judged():
    """Texts of work reports circulate anonymised (``XX县``): they are not budgets."""
    report = verify_text("XX县2023年上半年工作情况\n共处理案件120件，完成任务数200件的60%。\n", "r.txt", ONLY)
    assert report.coverage.kind == "report" and not report.findings


# --- BC052 the year -------------------------------------------------------------------------

YEAR_EDITS = [
    # (text of the sample, replacement, severity or None)
    ("一级项目绩效目标表 (2023年)", "一级项目绩效目标表 (2022年)", "error"),
    ("部门（单位）整体支出绩效目标表\n\n(2023年)", "部门（单位）整体支出绩效目标表\n\n(2022年)", "error"),
    ("一、2023年部门预算收支总体情况\n\n", "一、2022年部门预算收支总体情况\n\n", "error"),
    ("第四部分 2023年部门预算附表", "第四部分 2024年部门预算附表", "error"),
    ("截至2022年12月31日，本局", "截至2021年12月31日，本局", "warning"),  # two years back: stale, or meant?
    ("截至2022年12月31日，本局", "截至2019年12月31日，本局", "error"),
    ("截至2022年12月31日，本局", "截至2024年6月30日，本局", "error"),
    ("截至2022年12月31日，本局", "截至2020年底，本局", "error"),
    ("截至2022年12月31日，本局", "截至2022年8月31日，本局", None),
    ("截至2022年12月31日，本局", "截至2023年1月31日，本局", None),
    ("截至2022年12月31日，本局", "截至上年底，本局", None),
]


@pytest.mark.parametrize("old,new,severity", YEAR_EDITS, ids=[c[1][:18] for c in YEAR_EDITS])
def test_year_edits(sample_text, old, new, severity):
    found = [f for f in _found(_edited(sample_text, old, new)) if f.rule == "BC052"]
    if severity is None:
        assert found == [], [f.message for f in found]
        return
    assert [f.severity for f in found] == [severity], [f.message for f in found]
    assert "2023" in found[0].message and "2023" in found[0].message_zh


YEAR_CASES = [
    # a line of the narrative of the 2023 budget, and whether it names the wrong year
    ("2022年部门预算说明", "BC052"),
    ("（五）2022年度“三公”经费预算情况说明", "BC052"),
    ("二、2024年部门预算收支总体情况", "BC052"),
    ("截至2020年12月31日，本局共有车辆5辆。", "BC052"),
    ("此外，截至2020年12月31日，本局共有车辆5辆。", "BC052"),
    ("（四）国有资产占有使用情况。截至2024年12月，所属各预算单位共有车辆46辆。", "BC052"),
    ("截至2022年12月31日，本局共有车辆4辆。", None),
    ("2023年预算比2022年预算数增加38,828.47万元。", None),
    ("比2022年预算数增加38,828.47万元，增长41.99%。", None),
    ("（一）2022年预算执行情况", None),
    ("二、2022年部门决算情况", None),
    ("三、2021—2025年发展规划预算", None),
    ("四、2022年工作完成情况", None),
    ("五、“三公”经费预算与2022年对比", None),
    ("2022年度", None),  # a period line away from any table title: 实施周期 and the like
    ("实施周期：2021年-2023年", None),
    ("本部门2022年部门预算编制范围内共有以下单位：", None),
    ("截至2021年底，全市城镇新增就业1.2万人。", None),  # history, not the department's assets
    ("与截至2021年12月31日相比，车辆减少1辆。", None),
    ("有效期至2024年12月31日。", None),
    ("2022年预算数", None),  # a column caption printed outside its grid
    ("2024年预算", None),
    ("2023年1月", None),
    ("2024年预计完成城镇新增就业5万人。", None),
]


@pytest.mark.parametrize("fragment,expected", YEAR_CASES, ids=[c[0][:16] for c in YEAR_CASES])
def test_year_in_the_narrative(sample_text, fragment, expected):
    found = [f for f in _found(_in_prose(sample_text, fragment)) if f.rule == "BC052"]
    assert [f.rule for f in found] == ([expected] if expected else []), [f.message for f in found]
    if expected:
        assert found[0].severity == "error" and found[0].location.line == PROSE_LINE


def test_a_date_of_issue_on_the_cover_is_not_the_year():
    """The accounts of 2024 are issued in 2025: the cover's date is not the year meant."""
    text = _edited(FINAL, "2024年度部门决算\n", "2024年度部门决算\n2025年7月\n")
    assert _found(text) == []
    wrong = _edited(text, "第三部分 2024年度部门决算情况说明", "第三部分 2023年度部门决算情况说明")
    assert [(f.rule, f.severity) for f in _found(wrong)] == [("BC052", "error")]


def test_title_and_tables_that_disagree_are_a_warning(sample_text):
    """Every table says 2022 and the title 2023: which is wrong cannot be told."""
    found = [f for f in _found(sample_text.replace("(2023年)", "(2022年)")) if f.rule == "BC052"]
    assert [(f.severity, f.location.line) for f in found] == [("warning", 1)]
    assert "2022" in found[0].message and "2023" in found[0].message


FINAL = """厦门市测试局2024年度部门决算

目录
一、收入支出决算总表
二、收入决算表
三、支出决算表

第一部分 部门概况
一、部门职责
本部门负责全市测试工作，所属单位为厦门市测试中心。

第二部分 2024年度部门决算表

收入支出决算总表
公开01表
部门：厦门市测试局\t金额单位：万元
项目\t行次\t金额\t项目\t行次\t金额
一、一般公共预算财政拨款收入\t1\t100.00\t一、一般公共服务支出\t32\t100.00
本年收入合计\t2\t100.00\t本年支出合计\t33\t100.00
收入总计\t3\t100.00\t支出总计\t34\t100.00

收入决算表
公开02表
部门：厦门市测试局\t金额单位：万元
科目编码\t科目名称\t本年收入合计\t财政拨款收入
201\t一般公共服务支出\t100.00\t100.00
合计\t\t100.00\t100.00

支出决算表
公开03表
部门：厦门市测试局\t金额单位：万元
科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出
201\t一般公共服务支出\t100.00\t60.00\t40.00
合计\t\t100.00\t60.00\t40.00

第三部分 2024年度部门决算情况说明
一、收入支出决算总体情况说明
2024年度收入总计100.00万元，比2023年度决算增加10.00万元。
二、国有资产占用情况说明
截至2024年12月31日，本部门共有车辆3辆。
十一、关于2024年度预算绩效情况说明
"""

FINAL_EDITS = [
    ("第三部分 2024年度部门决算情况说明", "第三部分 2023年度部门决算情况说明", "BC052"),
    ("厦门市测试局2024年度部门决算\n", "厦门市测试局2024年度部门决算\n\n第二部分 2025年度部门决算表\n", "BC052"),
    ("截至2024年12月31日", "截至2023年12月31日", "BC052"),
    ("截至2024年12月31日", "截至2025年12月31日", "BC052"),
    ("截至2024年12月31日", "截至2024年底", None),
    ("截至2024年12月31日", "截至2025年6月30日", None),  # when the accounts were written
    ("十一、关于2024年度预算绩效情况说明", "十一、关于2023年度预算绩效情况说明", None),  # 预算 in a 决算: not judged
    ("一、收入支出决算总体情况说明\n", "一、2023年度决算与2024年度决算对比\n", None),
    ("部门：厦门市测试局\t金额单位：万元\n科目编码\t科目名称\t本年收入合计",
     "部门：厦门市统计局\t金额单位：万元\n科目编码\t科目名称\t本年收入合计", "BC053"),
    ("部门：厦门市测试局\t金额单位：万元\n科目编码\t科目名称\t本年收入合计",
     "部门：厦门市测试中心\t金额单位：万元\n科目编码\t科目名称\t本年收入合计", None),  # its own unit
    ("部门：厦门市测试局\t金额单位：万元\n科目编码\t科目名称\t本年收入合计",
     "部门：厦门市测试局（汇总）\t金额单位：万元\n科目编码\t科目名称\t本年收入合计", None),
    ("二、收入决算表\n", "二、收入决算表\n四、财政拨款收入支出决算总表\n", "BC006"),
]


def test_the_final_accounts_sample_is_clean():
    report = _report(FINAL)
    assert report.document.category == "final"
    assert {t.role for t in report.document.tables} == {"F1", "F2", "F3"}
    assert [f for f in report.findings if f.severity != "notice"] == []


@pytest.mark.parametrize("old,new,expected", FINAL_EDITS, ids=[c[1][:18] for c in FINAL_EDITS])
def test_final_accounts(old, new, expected):
    found = _found(_edited(FINAL, old, new))
    assert [f.rule for f in found] == ([expected] if expected else []), [f.message for f in found]


def test_a_table_the_final_accounts_list_but_lack_is_bc006():
    text = _edited(FINAL, "支出决算表\n公开03表", "（略）\n公开03表")
    [f] = _found(text)
    assert (f.rule, f.severity, f.location.line) == ("BC006", "warning", 6)
    assert "F3" in f.message and "支出决算表" in f.message_zh


# --- BC053 the department's name ------------------------------------------------------------

UNIT_CASES = [
    # the 单位名称 of T10 (部门（单位）整体支出绩效目标表), and whether it is another department
    ("厦门市民政局", "BC053"),
    ("厦门市教育局", "BC053"),
    ("厦门市人力资源和社会保障局", None),
    ("厦门市人力资源和社会保障局本级", None),
    ("厦门市人力资源和社会保障局（汇总）", None),
    ("厦门市人力资源和社会保障局机关", None),
    ("厦门市人才服务中心", None),  # a unit of the department (部门预算单位构成, T2)
    ("厦门市劳动保障监察支队", None),
    ("厦门市财政局", None),  # named in the prose: not a stray copy
    ("厦门市就业服务中心", None),  # a unit's name (中心, 站, 院): only departments are judged
    ("厦门市人力资源和社会保障局湖里分局", None),
    ("人力资源和社会保障局", None),
    ("合计", None),
    ("经费性质", None),
]


@pytest.mark.parametrize("name,expected", UNIT_CASES, ids=[c[0] for c in UNIT_CASES])
def test_unit_name(sample_text, name, expected):
    text = _edited(sample_text, "单位名称\t厦门市人力资源和社会保障局\t", f"单位名称\t{name}\t")
    found = [f for f in _found(text) if f.rule == "BC053"]
    assert [f.rule for f in found] == ([expected] if expected else []), [f.message for f in found]
    if expected:
        f = found[0]
        assert (f.severity, f.location.table) == ("warning", "T10")
        assert name in f.message and "厦门市人力资源和社会保障局" in f.message_zh


HEADER_CASES = [
    # a header line put above T6's 单位 line
    ("编制单位：厦门市民政局", "BC053"),
    ("编制部门：厦门市民政局 单位：万元", "BC053"),
    ("部门：厦门市民政局", "BC053"),
    ("单位名称：厦门市民政局", "BC053"),
    ("编制单位：厦门市人力资源和社会保障局", None),
    ("编制部门：厦门市劳动就业中心", None),
    ("部门：", None),
    ("本部门：负责全市人社工作", None),
]


@pytest.mark.parametrize("line,expected", HEADER_CASES, ids=[c[0] for c in HEADER_CASES])
def test_unit_name_in_a_header_line(sample_text, line, expected):
    title = "一般公共预算基本支出情况表（细化至经济分类款级科目）\n"
    text = _edited(sample_text, title, title + line + "\n")
    found = [f for f in _found(text) if f.rule == "BC053"]
    assert [f.rule for f in found] == ([expected] if expected else []), [f.message for f in found]
    if expected:
        assert found[0].location.table == "T6"


# --- real documents: a change in one place is found, with its page ------------------------

def _pdf(name: str):
    from budgetcheck.readers import read_document

    from .conftest import shared_path

    return read_document(shared_path("real", name))


def test_a_pdf_header_of_another_department_is_found_with_its_page():
    doc = _pdf("上海市普陀区人民政府办公室2025年部门预算.pdf")
    assert facts(unit_name, doc) == []
    header = "编制部门：上海市普陀区人民政府办公室 单位：元"
    n = [i for i, line in enumerate(doc.lines) if line == header][3]
    lines = list(doc.lines)
    lines[n] = "编制部门：上海市普陀区教育局 单位：元"
    [fact] = facts(unit_name, replace(doc, lines=tuple(lines)))
    assert fact.location.line == n + 1 and fact.location.page == doc.line_pages[n] and fact.location.table


def test_a_pdf_table_title_of_another_year_is_found():
    doc = _pdf("上海市普陀区商务委员会2025年部门预算.pdf")
    assert facts(wrong_year, doc) == [] and facts(placeholder, doc) == []
    t5 = doc.table("T5")
    tables = tuple(replace(t, title=t.title.replace("2025", "2024")) if t is t5 else t for t in doc.tables)
    [fact] = facts(wrong_year, replace(doc, tables=tables))
    assert fact.status == "violation" and fact.location.table == "T5" and fact.location.page == t5.page


def test_a_table_the_pdf_contents_list_but_the_document_lacks_is_bc006():
    from budgetcheck.rules.reading import missing_tables

    doc = _pdf("国家信访局2024年度部门决算.pdf")
    assert doc.category == "final" and len(doc.contents) > 20 and facts(missing_tables, doc) == []
    f8 = doc.table("F8")  # the page of 公开08表 lost: its table and its lines
    lines = tuple("" if page == f8.page else line for line, page in zip(doc.lines, doc.line_pages))
    cut = replace(doc, tables=tuple(t for t in doc.tables if t is not f8), lines=lines)
    [fact] = facts(missing_tables, cut)
    assert "F8" in fact.message and fact.location.page == 2  # the 目录 page
