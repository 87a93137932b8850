"""The 2023 seed: every table recognised, every row read right, and nothing but the
rounding notices it really has."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetcheck.app.api import verify_path
from budgetcheck.readers import read_document

from .conftest import SAMPLE

# Every one- to three-cent difference of the seed, each checked by hand against the
# published figures: (rule, table, row, column, actual − expected).
SEED_NOTICES = [
    ("BC102", "T2", "403", "合计", "-0.03"),
    ("BC102", "T2", "403", "本年收入/一般公共预算", "-0.03"),
    ("BC102", "T2", "403", "本年收入/小计", "-0.03"),
    ("BC101", "T3", "合计", "财政拨款/小计", "-0.01"),
    ("BC101", "T3", "208", "财政拨款/小计", "-0.01"),
    ("BC102", "T3", "208", "合计", "-0.01"),
    ("BC102", "T3", "208", "财政拨款/小计", "-0.01"),
    ("BC101", "T5", "合计", "合计", "-0.01"),
    ("BC101", "T5", "合计", "基本支出/小计", "0.01"),
    ("BC101", "T5", "208", "合计", "-0.01"),
    ("BC101", "T5", "208", "基本支出/小计", "0.01"),
    ("BC102", "T5", "208", "合计", "-0.01"),
    ("BC102", "T5", "208", "基本支出/人员经费", "-0.01"),
    ("BC102", "T5", "20801", "基本支出/公用支出", "-0.01"),
    ("BC101", "T5", "2080150", "基本支出/小计", "-0.01"),
    ("BC101", "T6", "合计", "本年一般公共预算基本支出/合计", "0.01"),
    ("BC103", "T6", "合计", "本年一般公共预算基本支出/人员支出", "-0.01"),
    ("BC102", "T6", "301", "本年一般公共预算基本支出/人员支出", "0.01"),
    ("BC102", "T6", "301", "本年一般公共预算基本支出/合计", "0.01"),
    ("BC141", "T10", "人员支出", "资金总额", "-0.01"),
]

# role → (rows read, the 合计 or first figure)
TABLES = {
    "T1": 45, "T2": 12, "T3": 49, "T4": 42, "T5": 49, "T6": 42, "T7": 1, "T8": 1, "T9": 5, "T10": 6,
}


def _notices(path):
    report = verify_path(str(path))
    assert report.error == ""
    assert report.summary["errors"] == 0, [f.message for f in report.findings if f.severity == "error"]
    assert report.summary["warnings"] == 0, [f.message for f in report.findings if f.severity == "warning"]
    # the narrative's own three rounding notices are listed in test_narrative.py
    return [(f.rule, f.location.table, f.location.row, f.location.column, f.difference) for f in report.findings
            if not f.rule.startswith("BC2")]


def test_real_seed_has_only_its_rounding_notices(real_seed):
    assert _notices(real_seed) == SEED_NOTICES


def test_bundled_sample_has_the_same_notices():
    assert _notices(SAMPLE) == SEED_NOTICES


def test_every_notice_is_within_three_cents():
    for *_, diff in SEED_NOTICES:
        assert Decimal("0") < abs(Decimal(diff)) <= Decimal("0.03")


@pytest.fixture(scope="module")
def doc():
    return read_document(SAMPLE)


def test_every_annex_table_is_recognised(doc):
    roles = [t.role for t in doc.tables if t.role]
    for role, rows in TABLES.items():
        assert roles.count(role) == 1, role
        assert len(doc.table(role).rows) == rows, role
    assert roles.count("T11") == 10
    assert [t.rows[0].amounts[1].text.split()[0] for t in doc.tables_of("T11")] == [
        "33,976.00", "16,532.00", "766.50", "33.00", "61,151.00", "194.00", "1,000.00", "1,214.30", "4,592.00",
        "6,903.12"]


def test_unrecognised_block_is_listed_not_dropped(doc):
    unknown = [t for t in doc.tables if t.role is None]
    assert len(unknown) == 1 and len(unknown[0].rows) == 10


def _row(doc, role, code):
    table = doc.table(role)
    row = next(r for r in table.rows if r.name == code)
    return {c.key: (a.text if a is not None else None) for c, a in zip(table.columns, row.amounts) if c.is_amount}, row


@pytest.mark.parametrize("code,expected", [
    ("20807", {"total": "6,903.12", "basic": "", "personnel": "", "public": "", "project": "6,903.12"}),
    ("2080701", {"total": "2,247.00", "basic": "", "personnel": "", "public": "", "project": "2,247.00"}),
    ("20899", {"total": "274.08", "basic": "", "personnel": "", "public": "", "project": "274.08"}),
    ("213", {"total": "1,000.00", "basic": "", "personnel": "", "public": "", "project": "1,000.00"}),
    ("2159999", {"total": "33.00", "basic": "", "personnel": "", "public": "", "project": "33.00"}),
    # short rows that two placements fit: settled by the table's sums
    ("210", {"total": "599.57", "basic": "599.57", "personnel": "599.57", "public": "", "project": ""}),
    ("2101199", {"total": "28.98", "basic": "28.98", "personnel": "28.98", "public": "", "project": ""}),
    ("2080506", {"total": "535.52", "basic": "535.52", "personnel": "535.52", "public": "", "project": ""}),
])
def test_misaligned_t5_rows_are_read_into_their_columns(doc, code, expected):
    values, row = _row(doc, "T5", code)
    assert values == expected
    assert row.alignment in ("realigned", "positional")


def test_short_t3_rows_are_settled_by_the_tree(doc):
    values, _ = _row(doc, "T3", "2080506")
    assert values["fiscal.basic"] == "535.52" and values["fiscal.project"] == ""
    values, _ = _row(doc, "T3", "2101101")
    assert values["fiscal.basic"] == "346.56" and values["fiscal.project"] == ""


def test_t2_income_columns_are_realigned_by_t1(doc):
    values, row = _row(doc, "T2", "403012")
    assert values["current.operating"] == "1,932.30" and values["current.superior"] == ""
    assert row.alignment == "realigned"
    values, _ = _row(doc, "T2", "403001")
    assert values["current.superior"] == "147.00"


def test_t10_goal_split_over_a_page_break_is_joined(doc):
    goal = next(g for g in doc.table("T10").goals if g.label == "健全社会保障体系")
    assert len(goal.items) == 14
    assert sum(a.value for _, a in goal.items) == Decimal("16735.02") == goal.stated.value


def test_overview_classes_resolve_to_codes(doc):
    t1 = doc.table("T1")
    codes = [r.code.text for r in t1.rows if r.side == "expenditure" and r.kind == "item"]
    assert len(codes) == 30 and codes[0] == "201" and codes[-1] == "234"
