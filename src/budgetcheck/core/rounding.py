"""Rounding-aware comparisons with the interval semantics of budget-rules §4.

Each written figure stands for the interval [v − q/2, v + q/2].  A sum identity holds
when some choice of values inside those intervals satisfies it, that is when
|total − Σ parts| ≤ q_total/2 + Σ q_i/2.  A difference of zero is a pass, a difference
inside that bound is a rounding notice, anything larger is a violation.  Readers use
the same test to realign rows, so reading and checking never disagree.

A configuration may choose the ``truncate`` reading instead, where a written figure v
stands for [v, v + q) (the publisher cut the digits off), and may add an absolute
tolerance per unit.  Both are a :class:`Policy` held in a context variable: the rules
and readers call the same functions, and only ``api``/``engine`` set the policy, so
the default behaviour cannot change by accident.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Iterator, Mapping

from budgetcheck.core.model import ZERO, Amount

#: The one vocabulary of outcomes: a comparison is ok, explained by rounding, or a
#: violation; a rule that cannot decide says undecided (rules/base.py re-exports them).
OK, ROUNDING, VIOLATION, UNDECIDED = "ok", "rounding", "violation", "undecided"
NEAREST, TRUNCATE = "nearest", "truncate"


@dataclass(frozen=True)
class Policy:
    """How written figures are read: the rounding mode and extra tolerance per unit."""

    mode: str = NEAREST
    extra: Mapping[str, Decimal] = field(default_factory=dict)


DEFAULT_POLICY = Policy()
_POLICY: ContextVar[Policy] = ContextVar("budgetcheck_rounding_policy", default=DEFAULT_POLICY)


@contextmanager
def policy(mode: str = NEAREST, extra: Mapping[str, Decimal] | None = None) -> Iterator[Policy]:
    """Compare under this rounding mode and extra tolerance while the block runs."""
    token = _POLICY.set(Policy(mode, dict(extra or {})))
    try:
        yield _POLICY.get()
    finally:
        _POLICY.reset(token)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of one identity: both sides, their difference and the bound."""

    expected: Decimal
    actual: Decimal
    tolerance: Decimal
    unit: str
    quantum: Decimal
    relation: str = "="  # "=" or "<="
    lower: Decimal | None = None  # bound for a negative difference, when not ``tolerance``
    closed: bool = True  # False under truncation: the bound itself is not reachable

    @property
    def difference(self) -> Decimal:
        return self.actual - self.expected

    @property
    def bound(self) -> Decimal:
        """The bound that applies to this difference (its side, under truncation)."""
        if self.lower is not None and self.difference < 0:
            return self.lower
        return self.tolerance

    @property
    def status(self) -> str:
        diff = self.difference
        if diff == 0 or (self.relation == "<=" and diff < 0):
            return OK
        size, bound = abs(diff), self.bound
        return ROUNDING if (size <= bound if self.closed else size < bound) else VIOLATION


def _common(amounts: Iterable[Amount], unit: str) -> list[Amount]:
    return [a.to(unit) for a in amounts]


def compare_sum(total: Amount, parts: Iterable[Amount]) -> Comparison:
    """total = Σ parts, in the total's unit.

    One pass over the parts: this runs for every identity of every table (and for every
    candidate placement while rows are realigned), so it is the hot path of a check.
    """
    unit = total.unit
    expected = ZERO
    quanta = total.quantum  # Σ of the written precisions, total included
    part_quanta = ZERO
    # shown at the finest written precision, so 9,101.68万元 against 91,016,775.35元 reads
    # 9,101.6775 and 9,101.68, not two equal-looking figures
    finest = total.quantum
    for a in parts:
        if a.unit != unit:
            a = a.to(unit)
        expected += a.value
        q = a.quantum
        if q:
            part_quanta += q
            if not finest or q < finest:
                finest = q
    quanta += part_quanta
    rule = _POLICY.get()
    if rule is DEFAULT_POLICY:  # the common case
        return Comparison(expected, total.value, quanta / 2, unit, finest)
    extra = rule.extra.get(unit, ZERO)
    if rule.mode == TRUNCATE:
        # total + e_t = Σ (p_i + e_i) with e in [0, q): total − Σ p lies in (−q_total, Σ q_i)
        return Comparison(expected, total.value, part_quanta + extra, unit, finest, "=", total.quantum + extra, False)
    return Comparison(expected, total.value, quanta / 2 + extra, unit, finest)


def compare_equal(actual: Amount, expected: Amount) -> Comparison:
    """actual = expected (the same quantity stated in two places)."""
    return compare_sum(actual, [expected])


def compare_at_most(small: Amount, big: Amount) -> Comparison:
    """small ≤ big, allowing for the rounding of both figures."""
    other = big.to(small.unit)
    quantum = max(small.quantum, other.quantum)
    rule = _POLICY.get()
    extra = rule.extra.get(small.unit, ZERO)
    if rule.mode == TRUNCATE:  # small ≤ big is possible when small − big < q_big
        return Comparison(other.value, small.value, other.quantum + extra, small.unit, quantum, "<=", None, False)
    return Comparison(other.value, small.value, small.half + other.half + extra, small.unit, quantum, "<=")


def total_of(amounts: Iterable[Amount], unit: str) -> Amount:
    """The sum of rounded figures as one figure: its rounding radius is the sum of theirs."""
    converted = _common(amounts, unit)
    return Amount(sum((a.value for a in converted), ZERO), sum((a.quantum for a in converted), ZERO), unit, "Σ")


def compare_derived(stated: Amount, formula, inputs: list[Amount], scale: Decimal = Decimal(100)) -> Comparison | None:
    """A stated figure against a formula of other stated figures (a percentage from an
    increase and a total, say), each taken over its rounding interval.

    The formula must be monotone in each input, so its range over the intervals is
    reached at the corners.  Passes when the value from the figures as written rounds
    to the stated figure; a notice when the two intervals still meet; else a violation.
    None when the formula cannot be evaluated (a zero denominator).
    """
    import itertools

    try:
        mid = formula(*(a.value for a in inputs)) * scale
        corners = [formula(*c) * scale for c in itertools.product(*((a.value - a.half, a.value + a.half) for a in inputs))]
    except (ArithmeticError, ZeroDivisionError):
        return None
    lo, hi = min(corners), max(corners)
    q = stated.quantum or Decimal(1)
    expected = mid.quantize(q, rounding="ROUND_HALF_UP")
    reach = (hi - expected) if stated.value >= expected else (expected - lo)
    return Comparison(expected, stated.value, max(reach, ZERO) + stated.half, stated.unit, q)


def holds(comparison: Comparison) -> bool:
    return comparison.status != VIOLATION
