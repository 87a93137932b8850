"""Reading rules on layouts that are not defects: a table declared empty in the
document's own list of tables, a one-row 收入总表, a performance table without money."""

from __future__ import annotations

from budgetcheck.core.model import Column, Document, Row, Table
from budgetcheck.core.figures import parse_amount
from budgetcheck.rules.reading import incomplete_table, listed_empty, unread_table
from .helpers import facts


def _catalogue(flag: str) -> Table:
    columns = (Column("text:报表", "报表", is_amount=False), Column("name", "报表名称", is_amount=False),
               Column("text:是否空表", "是否空表", is_amount=False), Column("text:理由", "表格为空的理由", is_amount=False))
    row = Row("表9", None, (None, None, None, None), 3, f"表9\t部门综合预算政府性基金收支表\t{flag}\t不涉及")
    return Table(None, "报表目录", "元", columns, (row,), 2)


def _empty_t8() -> Table:
    return Table("T8", "部门综合预算政府性基金收支表", "元", (Column("total", "合计"),), (), 10)


def test_a_table_the_catalogue_declares_empty_is_not_unread():
    doc = Document("d.pdf", (_catalogue("是"), _empty_t8()))
    assert "政府性基金收支表" in listed_empty(doc)
    assert not facts(unread_table, doc)
    doc = Document("d.pdf", (_catalogue("否"), _empty_t8()))
    assert [f.location.table for f in facts(unread_table, doc)] == ["T8"]


def test_a_one_row_income_table_is_its_own_total():
    amount = parse_amount("51,036.219169", "万元")
    one = Table("T2", "收入总表", "万元", (Column("total", "合计"),), (Row("(row)", None, (amount,), 5),), 4)
    assert not facts(incomplete_table, Document("d.pdf", (one,)))
    two = Table("T2", "收入总表", "万元", (Column("total", "合计"),),
                (Row("(row)", None, (amount,), 5), Row("(row)", None, (amount,), 6)), 4)
    assert [f.location.table for f in facts(incomplete_table, Document("d.pdf", (two,)))] == ["T2"]


def test_a_performance_table_without_money_is_not_unread():
    from budgetcheck.readers.forms import parse_t10

    lines = [(1, "当年整体绩效目标\t提高办文办会质量"), (2, "绩效指标\t指标名称\t指标性质\t指标值\t指标权重(%)"),
             (3, "\t办文办会差错率\t≤\t1\t10")]
    t10 = parse_t10("2026年部门整体绩效目标表", "万元", lines, 1, (), 0)
    assert not facts(unread_table, Document("d.pdf", (t10,)))
    with_money = [(1, "资金总额\t100.00"), *lines]
    t10 = parse_t10("2026年部门整体绩效目标表", "万元", with_money, 1, (), 0)
    assert [f.location.table for f in facts(unread_table, Document("d.pdf", (t10,)))] == ["T10"]


def test_functional_codes_below_the_class_come_from_names_and_the_pattern():
    """Zhejiang prints names only: a 款 or 项 gets its code from the catalogue or the
    classification's pattern, and a name neither knows keeps none."""
    from budgetcheck.core.catalogue import function_code

    assert function_code("司法", "204", "公共安全支出") == "20406"
    assert function_code("行政运行", "20406", "司法") == "2040601"
    assert function_code("事业运行", "20105", "统计信息事务") == "2010550"
    assert function_code("其他司法支出", "20406", "司法") == "2040699"
    assert function_code("其他一般公共服务支出", "201", "一般公共服务支出") == "20199"
    assert function_code("其他一般公共服务支出", "20199", "其他一般公共服务支出") == "2019999"
    assert function_code("其他共产党事务支出", "201", "一般公共服务支出") == "20136"  # listed, not the bucket
    # 其他… that is not the parent's bucket: 2100407 其他专业公共卫生机构, 22904 其他政府性基金…
    assert function_code("其他专业公共卫生机构", "21004", "公共卫生") is None
    assert function_code("其他政府性基金及对应专项债务收入安排的支出", "229", "其他支出") is None
    assert function_code("社会工作事务", "201", "一般公共服务支出") is None
    assert function_code("行政运行", "", "") is None


def test_basic_expenditure_by_unit_without_indentation_is_read_by_the_order_of_names():
    """广东 表11 printed without indentation: each unit heading sums the economic classes
    under it, so the 合计 is the sum of the units, not of every row."""
    from budgetcheck.readers.grid import _structure

    def row(label, line, total=False):
        return Row(label, None, (parse_amount("1.00", "万元"),), line, is_total=total)

    rows = [row("合计", 1, True), row("某某局（本级）", 2), row("工资福利支出", 3), row("商品和服务支出", 4),
            row("某某中心", 5), row("工资福利支出", 6), row("对个人和家庭的补助", 7)]
    columns = (Column("text:单位", "支出项目类别", is_amount=False), Column("total", "总计"))
    readings: list[str] = []
    out = _structure(rows, [], columns, {}, readings, "functional")
    assert [(r.level, r.parent) for r in out] == [(0, None), (1, None), (2, 1), (2, 1), (1, None), (2, 4), (2, 4)]
    assert any("no indentation" in r for r in readings)
    # a heading without parts is not this layout: nothing is guessed
    rows2 = rows[:2] + [row("某某中心", 5), row("工资福利支出", 6)]
    assert [r.level for r in _structure(rows2, [], columns, {}, [], "functional")] == [0, 0, 0, 0]
