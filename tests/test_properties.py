"""Property tests: consistent budgets of varied shape and precision never produce an
error; one figure moved beyond its rounding bound always does, at that row."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetcheck.app.api import verify_text
from budgetcheck.core.rounding import OK, ROUNDING, VIOLATION, compare_sum
from budgetcheck.core.model import Amount
from tests.synth import generate, perturb, rounding_jitter

SHAPES = st.tuples(st.integers(0, 2**32 - 1), st.sampled_from(["万元", "元"]), st.booleans())
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _doc(shape):
    seed, unit, breaks = shape
    rng = random.Random(seed)
    return rng, generate(rng, unit=unit, page_breaks=breaks)


def _not_errors(report):
    return [(f.rule, f.location.table, f.location.row, f.location.column, f.difference, f.tolerance)
            for f in report.findings if f.severity != "notice"]


@FAST
@given(SHAPES)
def test_consistent_budget_has_no_error_and_no_warning(shape):
    _, doc = _doc(shape)
    report = verify_text(doc.text, "synthetic.txt")
    assert report.error == ""
    assert _not_errors(report) == []


@FAST
@given(SHAPES)
def test_rounding_alone_is_never_an_error(shape):
    rng, doc = _doc(shape)
    report = verify_text(rounding_jitter(doc, rng), "jitter.txt")
    assert report.summary["errors"] == 0, _not_errors(report)


ALIASES = {"三公": {"三公", "三公经费"}}


@FAST
@given(SHAPES)
def test_one_figure_beyond_rounding_is_an_error_at_its_row(shape):
    rng, doc = _doc(shape)
    text, cell, new = perturb(doc, rng)
    report = verify_text(text, "perturbed.txt")
    errors = [f for f in report.findings if f.severity == "error"]
    names = ALIASES.get(cell.row, {cell.row})
    located = [f for f in errors if f.location.table == cell.role and f.location.row in names]
    related = [f for f in errors if any(r.table == cell.role and r.row in names for r in f.related)]
    assert located or related, (cell, new, [(f.rule, f.location.table, f.location.row) for f in errors])


# --- the interval arithmetic on its own -------------------------------------------

VALUES = st.lists(st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False, allow_infinity=False),
                  min_size=1, max_size=25)
PLACES = st.sampled_from([0, 1, 2])


def _round(value: Decimal, places: int) -> Amount:
    q = Decimal(1).scaleb(-places)
    return Amount(value.quantize(q, rounding=ROUND_HALF_UP), q, "万元")


@settings(max_examples=300, deadline=None)
@given(VALUES, PLACES)
def test_correctly_rounded_sums_are_never_violations(values, places):
    parts = [_round(v, places) for v in values]
    total = _round(sum(values, Decimal(0)), places)
    assert compare_sum(total, parts).status in (OK, ROUNDING)


@settings(max_examples=300, deadline=None)
@given(VALUES, PLACES, st.integers(0, 24), st.sampled_from([-1, 1]), st.integers(1, 1000))
def test_a_part_moved_beyond_the_bound_is_a_violation(values, places, k, sign, units):
    parts = [_round(v, places) for v in values]
    total = _round(sum(values, Decimal(0)), places)
    k %= len(parts)
    q = parts[k].quantum
    bound = total.half + sum(p.half for p in parts)
    delta = sign * (2 * bound + q * units)
    moved = Amount(parts[k].value + delta, q, "万元")
    assert compare_sum(total, parts[:k] + [moved] + parts[k + 1:]).status == VIOLATION
