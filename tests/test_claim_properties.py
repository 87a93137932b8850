"""Property tests of the prose rules: claims made from consistent numbers, each figure
rounded to a random precision, are never flagged; a figure moved beyond the rounding
interval always is."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetcheck.app.api import verify_text

CENTS = st.integers(10_000, 100_000_000)  # 100.00 … 1,000,000.00 in hundredths
PLACES = st.sampled_from([0, 1, 2])


def _fmt(value: Decimal, places: int, sep: bool = True) -> str:
    q = Decimal(1).scaleb(-places)
    v = value.quantize(q, rounding=ROUND_HALF_UP)
    return f"{v:,.{places}f}" if sep else f"{v:.{places}f}"


def _errors(text: str):
    report = verify_text(text, "claims.txt")
    assert report.error == "", report.error
    return [(f.rule, f.expected, f.actual) for f in report.findings if f.severity == "error"]


@settings(max_examples=150, deadline=None)
@given(CENTS, st.integers(1, 49), PLACES, st.booleans(), st.booleans())
def test_consistent_change_claims_are_never_errors(old_cents, pct_of_old, places, up, sep):
    old = Decimal(old_cents) / 100
    delta = (old * pct_of_old / 100).quantize(Decimal("0.0001"))
    new = old + delta if up else old - delta
    pct = delta / old * 100
    words = ("增加", "增长") if up else ("减少", "下降")
    text = (f"本年支出预算为{_fmt(new, places, sep)}万元，比上年{words[0]}{_fmt(delta, places, sep)}万元，"
            f"{words[1]}{_fmt(pct, 2)}%。\n")
    assert _errors(text) == []


@settings(max_examples=150, deadline=None)
@given(CENTS, st.integers(1, 49), st.booleans(), st.integers(1, 500))
def test_a_percentage_beyond_its_interval_is_an_error(old_cents, pct_of_old, up, shift):
    old = Decimal(old_cents) / 100
    delta = (old * pct_of_old / 100).quantize(Decimal("0.01"))
    new = old + delta if up else old - delta
    wrong = delta / old * 100 + Decimal(shift) / 10  # 0.1 … 50 percentage points off
    words = ("增加", "增长") if up else ("减少", "下降")
    text = f"本年支出预算为{_fmt(new, 2)}万元，比上年{words[0]}{_fmt(delta, 2)}万元，{words[1]}{_fmt(wrong, 2)}%。\n"
    assert [e[0] for e in _errors(text)] == ["BC211"]


PARTS = st.lists(st.integers(0, 10_000_000), min_size=3, max_size=3)


@settings(max_examples=150, deadline=None)
@given(PARTS, PLACES)
def test_consistent_breakdowns_are_never_errors(cents, places):
    parts = [Decimal(c) / 100 for c in cents]
    total = sum(parts, Decimal(0))
    goods, works, services = (_fmt(p, places) for p in parts)
    text = (f"政府采购预算总额{_fmt(total, places)}万元，其中：政府采购货物预算{goods}万元，"
            f"政府采购工程预算{works}万元，政府采购服务预算{services}万元。\n")
    assert _errors(text) == []


@settings(max_examples=150, deadline=None)
@given(PARTS, st.integers(0, 2), st.integers(3, 100_000), st.sampled_from([-1, 1]))
def test_a_breakdown_part_beyond_rounding_is_an_error(cents, k, shift, sign):
    parts = [Decimal(c) / 100 for c in cents]
    total = sum(parts, Decimal(0))
    moved = parts[k] + sign * Decimal(shift) / 100
    # three parts and a total at 0.01 allow 0.02 of rounding; 0.03 and more must be caught
    if moved < 0:
        moved = parts[k] + Decimal(shift) / 100
    parts[k] = moved
    goods, works, services = (_fmt(p, 2) for p in parts)
    text = (f"政府采购预算总额{_fmt(total, 2)}万元，其中：政府采购货物预算{goods}万元，"
            f"政府采购工程预算{works}万元，政府采购服务预算{services}万元。\n")
    assert [e[0] for e in _errors(text)] == ["BC212"]


@settings(max_examples=150, deadline=None)
@given(st.integers(100, 100_000), st.integers(50, 200), st.integers(0, 2))
def test_consistent_target_claims_are_never_errors(target_hundredths, pct, places):
    target = Decimal(target_hundredths) / 100
    done = target * pct / 100
    rate = done / target * 100
    text = f"城镇新增就业人数{_fmt(done, 2)}万人，完成任务数{_fmt(target, 2)}万人的{_fmt(rate, places)}%。\n"
    assert _errors(text) == []


# parts of 1,000.00万元 and more: their rounding moves a share by far less than one written digit
SHARE_PARTS = st.lists(st.integers(100_000, 100_000_000), min_size=2, max_size=5)


def _shares(parts: list[Decimal], places: int, moved: int | None = None, by: int = 0) -> str:
    total = sum(parts, Decimal(0))
    q = Decimal(1).scaleb(-places)
    items = []
    for i, p in enumerate(parts):
        share = (p / total * 100).quantize(q, rounding=ROUND_HALF_UP) + (by * q if i == moved else 0)
        items.append(f"第{i + 1}类支出{_fmt(p, 2)}万元，占{_fmt(share, places)}%")
    return "；".join(items)


@settings(max_examples=150, deadline=None)
@given(SHARE_PARTS, st.sampled_from([0, 1, 2]), st.booleans())
def test_consistent_shares_are_never_errors(cents, places, stated):
    parts = [Decimal(c) / 100 for c in cents]
    head = f"支出合计{_fmt(sum(parts, Decimal(0)), 2)}万元，其中：" if stated else "按经济分类，包括"
    assert _errors(f"{head}{_shares(parts, places)}。\n") == []


@settings(max_examples=150, deadline=None)
@given(SHARE_PARTS, st.sampled_from([1, 2]), st.integers(0, 4), st.integers(2, 300), st.sampled_from([-1, 1]))
def test_a_share_beyond_its_interval_is_an_error(cents, places, k, by, sign):
    parts = [Decimal(c) / 100 for c in cents]
    k %= len(parts)
    q = Decimal(1).scaleb(-places)
    share = (parts[k] / sum(parts, Decimal(0)) * 100).quantize(q, rounding=ROUND_HALF_UP)
    if share + sign * by * q < 0:
        sign = 1
    text = f"支出合计{_fmt(sum(parts, Decimal(0)), 2)}万元，其中：{_shares(parts, places, k, sign * by)}。\n"
    assert [e[0] for e in _errors(text)] == ["BC215"]
