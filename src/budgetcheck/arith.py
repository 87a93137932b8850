"""Rounding-aware comparisons with the interval semantics of budget-rules §4.

Each written figure stands for the interval [v − q/2, v + q/2].  A sum identity holds
when some choice of values inside those intervals satisfies it, that is when
|total − Σ parts| ≤ q_total/2 + Σ q_i/2.  A difference of zero is a pass, a difference
inside that bound is a rounding notice, anything larger is a violation.  Readers use
the same test to realign rows, so reading and checking never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from .model import ZERO, Amount

OK, ROUNDING, VIOLATION = "ok", "rounding", "violation"


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of one identity: both sides, their difference and the bound."""

    expected: Decimal
    actual: Decimal
    tolerance: Decimal
    unit: str
    quantum: Decimal
    relation: str = "="  # "=" or "<="

    @property
    def difference(self) -> Decimal:
        return self.actual - self.expected

    @property
    def status(self) -> str:
        diff = self.difference
        if self.relation == "<=":
            if diff <= 0:
                return OK
            return ROUNDING if diff <= self.tolerance else VIOLATION
        if diff == 0:
            return OK
        return ROUNDING if abs(diff) <= self.tolerance else VIOLATION


def _common(amounts: Iterable[Amount], unit: str) -> list[Amount]:
    return [a.to(unit) for a in amounts]


def compare_sum(total: Amount, parts: Iterable[Amount]) -> Comparison:
    """total = Σ parts, in the total's unit."""
    unit = total.unit
    converted = _common(parts, unit)
    expected = sum((a.value for a in converted), ZERO)
    tolerance = total.half + sum((a.half for a in converted), ZERO)
    quantum = max([total.quantum, *(a.quantum for a in converted)])
    return Comparison(expected, total.value, tolerance, unit, quantum)


def compare_equal(actual: Amount, expected: Amount) -> Comparison:
    """actual = expected (the same quantity stated in two places)."""
    return compare_sum(actual, [expected])


def compare_at_most(small: Amount, big: Amount) -> Comparison:
    """small ≤ big, allowing for the rounding of both figures."""
    other = big.to(small.unit)
    return Comparison(
        other.value, small.value, small.half + other.half, small.unit, max(small.quantum, other.quantum), "<="
    )


def total_of(amounts: Iterable[Amount], unit: str) -> Amount:
    """The sum of rounded figures as one figure: its rounding radius is the sum of theirs."""
    converted = _common(amounts, unit)
    return Amount(sum((a.value for a in converted), ZERO), sum((a.quantum for a in converted), ZERO), unit, "Σ")


def holds(comparison: Comparison) -> bool:
    return comparison.status != VIOLATION
