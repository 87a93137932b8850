"""The information table of 机关运行经费, 政府采购 and 国有资产占用 (FOI; Inner Mongolia's
机构运行经费支出、国有资产占用情况及政府采购支出信息表), issue 11 points 2 and 4.

The bundled 决算 with that table added after its nine (figures of its own 说明: 机关运行
经费 1,598.37, 政府采购 1,736.52 = 81.20 + 0 + 1,655.32, 3 vehicles, 19 pieces of
equipment) reads every item with its meaning and unit, verifies clean, and finds one
changed figure of the table or of the prose at its row or sentence; the same table
without a header, in a PDF and through an exported workbook reads the same.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetcheck.app.api import verify_path, verify_text
from budgetcheck.readers.information import parse_information

from .conftest import ROOT

FINAL = ROOT / "seeds" / "2023-xiamen-hrss-final.txt"
TITLE = "机构运行经费支出、国有资产占用情况及政府采购支出信息表"
HEADER = ["项目", "行次", "金额", "项目", "行次", "数量"]
LEFT = [("一、机构运行经费支出", "1", "1,598.37"), ("二、政府采购支出", "2", "1,736.52"),
        ("（一）政府采购货物支出", "3", "81.20"), ("（二）政府采购工程支出", "4", ""),
        ("（三）政府采购服务支出", "5", "1,655.32"), ("授予中小企业合同金额", "6", "1,402.66"),
        ("其中：授予小微企业合同金额", "7", "1,120.35")]
RIGHT = [("三、国有资产占用情况", "8", ""), ("（一）车辆（辆）", "9", "3"), ("其中：副部（省）级及以上领导用车", "10", ""),
         ("主要负责人用车", "11", ""), ("机要通信用车", "12", ""), ("应急保障用车", "13", ""), ("执法执勤用车", "14", ""),
         ("一般公务用车", "15", "3"), ("其他用车", "16", ""), ("（二）单价50万元以上通用设备（台，套）", "17", "19"),
         ("（三）单价100万元以上专用设备（台，套）", "18", "0")]
KEYS = {"一、机构运行经费支出": "admin_running", "二、政府采购支出": "procurement",
        "（一）政府采购货物支出": "procurement.goods", "（二）政府采购工程支出": "procurement.works",
        "（三）政府采购服务支出": "procurement.services", "授予中小企业合同金额": "procurement.sme",
        "其中：授予小微企业合同金额": "procurement.small", "（一）车辆（辆）": "vehicles",
        "其中：副部（省）级及以上领导用车": "vehicles.leaders", "主要负责人用车": "vehicles.principal",
        "机要通信用车": "vehicles.confidential", "应急保障用车": "vehicles.emergency", "执法执勤用车": "vehicles.law",
        "一般公务用车": "vehicles.general", "其他用车": "vehicles.other",
        "（二）单价50万元以上通用设备（台，套）": "equipment.general",
        "（三）单价100万元以上专用设备（台，套）": "equipment.special", "三、国有资产占用情况": ""}


def _grid(change: dict[str, str] | None = None, header: bool = True) -> list[list[str]]:
    change = change or {}
    rows = [HEADER, ["栏次", "", "1", "栏次", "", "2"]] if header else []
    for k in range(max(len(LEFT), len(RIGHT))):
        cells: list[str] = []
        for half in (LEFT, RIGHT):
            label, number, figure = half[k] if k < len(half) else ("", "", "")
            cells += [label, number, change.get(label, figure)]
        rows.append(cells)
    return rows


def _block(change: dict[str, str] | None = None, header: bool = True) -> str:
    lines = ["公开10表", "", TITLE, "", "编制单位：厦门市人力资源和社会保障局", "单位：万元", ""]
    return "\n".join(lines + ["\t".join(r) for r in _grid(change, header)]) + "\n\n"


def _document(change: dict[str, str] | None = None, prose: tuple[str, str] | None = None, header: bool = True) -> str:
    text = FINAL.read_text(encoding="utf-8")
    if prose is not None:
        assert text.count(prose[0]) == 1, prose[0]
        text = text.replace(*prose)
    at = text.index("\n第五部分 项目支出绩效自评表")
    return text[:at] + "\n" + _block(change, header) + text[at:]


def _serious(report) -> list:
    return [f for f in report.findings if f.severity in ("error", "warning")]


def _item(report, key: str):
    rows = [r for r in report.document.table("FOI").rows if r.kind == key]
    assert len(rows) == 1, (key, rows)
    return rows[0]


@pytest.mark.parametrize("header", [True, False], ids=["header", "no-header"])
def test_every_item_is_read_with_its_meaning_and_unit(header):
    report = verify_text(_document(header=header), "final.txt")
    table = report.document.table("FOI")
    assert {r.label: r.kind for r in table.rows} == KEYS
    assert _item(report, "procurement").amounts[0].value == Decimal("1736.52")
    assert _item(report, "procurement.works").amounts[0].value == 0
    cars, kit = _item(report, "vehicles").amounts[0], _item(report, "equipment.general").amounts[0]
    assert (cars.value, cars.unit, cars.quantum) == (3, "辆", 0)  # a count, exact
    assert (kit.value, kit.unit) == (19, "台")
    assert not table.readings
    # the right half in order after the left, its lines without a left item included
    assert [r.side for r in table.rows] == ["left"] * len(LEFT) + ["right"] * len(RIGHT)
    assert [r.label for r in table.rows] == [x[0] for x in LEFT + RIGHT]


def test_the_sample_with_the_table_verifies_clean():
    report = verify_text(_document(), "final.txt")
    assert "FOI" in [t.role for t in report.document.tables]
    assert not _serious(report), [(f.rule, f.message) for f in _serious(report)]


# one figure of the table changed: (label, new figure); the error is at its row, or names
# its row among the figures it compares (a part of a total; the 说明's figure of it)
TABLE_CHANGES = [
    ("一、机构运行经费支出", "1,599.37"), ("二、政府采购支出", "1,737.52"), ("（一）政府采购货物支出", "82.20"),
    ("（二）政府采购工程支出", "1.00"), ("（三）政府采购服务支出", "1,656.32"), ("授予中小企业合同金额", "1,403.66"),
    ("其中：授予小微企业合同金额", "1,121.35"), ("（一）车辆（辆）", "4"), ("执法执勤用车", "1"), ("一般公务用车", "2"),
    ("其他用车", "1"), ("（二）单价50万元以上通用设备（台，套）", "20"), ("（三）单价100万元以上专用设备（台，套）", "1"),
]


@pytest.mark.parametrize("label,figure", TABLE_CHANGES, ids=[c[0] for c in TABLE_CHANGES])
def test_a_changed_figure_of_the_table_is_an_error_that_names_its_row(label, figure):
    report = verify_text(_document({label: figure}), "final.txt")
    row = next(r for r in report.document.table("FOI").rows if r.label == label)
    errors = [f for f in report.findings if f.severity == "error"]
    assert errors, label
    assert any(loc.table == "FOI" and loc.line == row.line and loc.row == label
               for f in errors for loc in (f.location, *f.related)), [(f.rule, f.message) for f in errors]


PROSE_CHANGES = [
    ("机关运行经费支出1,598.37万元", "机关运行经费支出1,589.37万元", "机关运行经费"),
    ("政府采购支出总额1,736.52万元", "政府采购支出总额1,763.52万元", "政府采购"),
    ("政府采购货物支出81.20万元", "政府采购货物支出81.30万元", "政府采购货物"),
    ("授予中小企业合同金额1,402.66万元", "授予中小企业合同金额1,402.96万元", "授予中小企业合同金额"),
    ("授予小微企业合同金额1,120.35万元", "授予小微企业合同金额1,121.35万元", "授予小微企业合同金额"),
    ("本部门共有车辆3辆", "本部门共有车辆4辆", "车辆"),
    ("一般公务用车3辆", "一般公务用车2辆", "各类车辆"),
    ("单位价值50万元以上通用设备19台", "单位价值50万元以上通用设备18台", "通用设备"),
]


@pytest.mark.parametrize("old,new,quantity", PROSE_CHANGES, ids=[c[2] for c in PROSE_CHANGES])
def test_a_changed_figure_of_the_prose_is_an_error_at_its_sentence(old, new, quantity):
    report = verify_text(_document(prose=(old, new)), "final.txt")
    found = [f for f in report.findings if f.rule == "BC201" and f.severity == "error"]
    assert [f.location.column for f in found] == [quantity], [(f.rule, f.message) for f in found]
    assert found[0].location.table == "narrative" and any(loc.table == "FOI" for loc in found[0].related)


def test_a_count_is_never_compared_with_money_nor_money_with_a_count():
    # the 三公 section's vehicles (公务用车保有量) are not the table's 车辆, and the
    # 机关运行经费 is not compared with a count
    report = verify_text(_document(prose=("本部门公务用车保有量为3辆", "本部门公务用车保有量为2辆")), "final.txt")
    assert not [f for f in report.findings if f.rule == "BC201"]


def test_an_item_followed_by_one_number_where_others_show_a_line_number_is_not_guessed():
    lines = [(1, "一、机构运行经费支出\t1\t86.40"), (2, "二、政府采购支出\t2"), (3, "（一）车辆（辆）\t3\t2")]
    table = parse_information("FOI", TITLE, "万元", lines, 1, (), 0)
    by = {r.label: r.amounts[0] for r in table.rows}
    assert by["一、机构运行经费支出"].value == Decimal("86.40") and by["（一）车辆（辆）"].value == 2
    assert by["二、政府采购支出"] is None
    assert any("二、政府采购支出" in r for r in table.readings)
    text = "某旗统计局2023年度部门决算\n\n" + TITLE + "\n单位：万元\n" + "\n".join(r for _, r in lines) + "\n"
    found = [f for f in verify_text(text, "final.txt").findings if f.rule == "BC123"]
    assert [(f.severity, f.location.row) for f in found] == [("warning", "二、政府采购支出")]


def test_a_table_of_items_none_of_which_is_known_is_not_understood():
    lines = [(1, "项目\t金额"), (2, "某某情况\t12.00"), (3, "另一情况\t3.00")]
    text = "某旗统计局2023年度部门决算\n\n" + TITLE + "\n单位：万元\n" + "\n".join(r for _, r in lines) + "\n"
    report = verify_text(text, "final.txt")
    found = [f for f in report.findings if f.rule == "BC123"]
    assert [f.severity for f in found] == ["warning"] and "not understood" in found[0].message


def test_the_table_through_an_exported_workbook_reads_the_same_items(tmp_path):
    from budgetcheck.writers.export import export

    source = tmp_path / "final.txt"
    source.write_text(_document(), encoding="utf-8")
    first = verify_path(source)
    book = tmp_path / "final.xlsx"
    export(first.document, book)
    again = verify_path(book)
    items = {r.kind: (r.amounts[0].value, r.amounts[0].unit) for r in again.document.table("FOI").rows if r.kind}
    assert items == {r.kind: (r.amounts[0].value, r.amounts[0].unit) for r in first.document.table("FOI").rows if r.kind}
    assert all(r.refs and r.refs[0].endswith(f"B{r.line}") for r in again.document.table("FOI").rows)
    assert not _serious(again), [(f.rule, f.message) for f in _serious(again)]


def test_the_table_in_a_pdf_reads_the_same_items(tmp_path):
    pytest.importorskip("reportlab")
    from .test_pdf_seed import Writer

    path = tmp_path / "final.pdf"
    out = Writer(path)
    out.paragraph("某旗统计局2023年度部门决算", size=14, indent=False, centre=True)
    out.paragraph(TITLE, size=12, indent=False, centre=True)
    out.paragraph("单位：万元", size=9, indent=False)
    grid = _grid({"（三）政府采购服务支出": "1,655.42"})
    out.table("FOI", grid[:1], grid[1:], {2, 5})
    out.save()
    report = verify_path(path)
    table = report.document.table("FOI")
    assert {r.label: r.kind for r in table.rows} == KEYS
    found = [f for f in report.findings if f.rule == "BC123" and f.severity == "error"]
    assert [(f.location.row, f.location.page) for f in found] == [("二、政府采购支出", 1)]
