"""The templates as data: the national base, regional overlays merged into it, and the
``tables`` command that shows what is recognised and why."""

from __future__ import annotations

import pytest

from budgetcheck import templates

from .conftest import SAMPLE
from .helpers import run_inprocess

TITLES = [  # (title as printed, role) across the families of ../shared/real and the sample
    ("附件1 2023年部门收支预算总体情况表", "T1"), ("预算05表 一般公共预算支出表", "T5"), ("表1：2026年市级部门收支预算总表", "T1"),
    ("2026 年度一般公共预算“三公”经费支出预算表", "T7"), ("2026年度一般公共预算支出经济分类情况表", "T5x"),
    ("部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）", "T5b"),
    ("部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）", "T6"), ("一般公共预算机关运行经费支出预算表", "TAR"),
    ("部门综合预算政府性基金收支表", "T8"), ("2026年市级重点专项资金绩效目标表（一级项目）", "T11"),
    ("一般公共预算项目支出情况表（按经济分类科目）", "T6p"), ("2025年部门“三公”经费和机关运行经费预算表", "T7"),
    ("部门（单位）整体支出绩效目标表", "T10"), ("市对区转移支付支出预算表", "T9"), ("2026年政府采购预算明细表", "TGP"),
    ("财政拨款安排的行政经费及“三公”经费预算表", "T7"), ("本年支出总体情况表", "T3"), ("2026年财政拨款收支总体情况表", "T4"),
]


@pytest.mark.parametrize("title,role", TITLES)
def test_national_titles(title, role):
    assert templates.load().recognise(title).role == role


@pytest.mark.parametrize("line", ["单位名称：广州市统计局 单位：万元", "公开07表", "表6", "（2026年度）",
                                  "详见附表：部门收支预算总体情况表", "第二部分 2026年部门预算表"])
def test_lines_that_are_not_titles(line):
    assert templates.load().recognise(line) is None


def test_overlays_extend_the_base():
    base, gd = templates.load("national"), templates.load("guangdong")
    assert gd.chain == ("national", "guangdong") and len(gd.tables) == len(base.tables)
    tbu = gd.spec("TBU")
    assert tbu.source == "guangdong" and tbu.titles[0].pattern == "部门预算基本支出预算表$"
    assert set(templates.available()) >= {"national", "guangdong", "jiangsu", "zhejiang", "fujian", "chongqing",
                                          "shaanxi", "shanghai", "beijing"}


def test_the_overlay_is_chosen_from_the_document():
    assert templates.detect(["重庆市人民政府办公厅", "2026年部门预算情况说明"]) == "chongqing"
    assert templates.detect(["某某市某局2026年部门预算"]) == "national"
    assert templates.detect(["广州市统计局", "苏州市审计局"]) == "national"  # a tie keeps the base


def test_tables_command_lists_templates_and_explains_a_document():
    listing = run_inprocess("tables", "--template", "jiangsu")
    assert listing.returncode == 0 and "T5f" in listing.stdout and "titles:" in listing.stdout
    explained = run_inprocess("tables", str(SAMPLE), "--columns")
    assert explained.returncode == 0
    assert "template national" in explained.stdout and "→ T5" in explained.stdout and "合计 → total" in explained.stdout
    bad = run_inprocess("tables", "--template", "nowhere")
    assert bad.returncode == 2 and "unknown template" in bad.stderr
