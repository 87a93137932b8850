"""Exact amounts, partitions, rounding and number formatting for the generator.

Why integers: every exact quantity is an ``int`` count of a *fine unit* (fu)
4 decimal places below the written precision.  Sums of ints are exact, so each
parent/total is computed exactly from its children and rounding happens only
when a cell is written (ROUND_HALF_UP, as budget offices do).  That gives
documents whose identities hold exactly before rounding and within the
interval bound after it - the legitimate rounding notices the checker must
tolerate.  Floats never touch money here.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

EXTRA_PLACES = 4  # fine precision below the written one
Q_FU = 10 ** EXTRA_PLACES  # one written quantum, in fine units


def quantum(decimals: int) -> Decimal:
    """The written quantum for ``decimals`` places: 0.01, 0.0001 or 1."""
    return Decimal(1).scaleb(-decimals)


def round_to(exact: Decimal, decimals: int) -> Decimal:
    """Round an exact value to the written precision (ROUND_HALF_UP)."""
    return exact.quantize(quantum(decimals), rounding=ROUND_HALF_UP)


def fmt(value: Decimal, decimals: int, *, zero: str = "") -> str:
    """Format like the seed: ``129,217.94``; zero is written blank in tables.

    ``value`` must already be rounded (``format`` would otherwise round
    half-even, not half-up)."""
    if value == 0:
        return zero
    return f"{value:,.{decimals}f}"


class Money:
    """Amount arithmetic of one document: its unit, precisions and draws.

    ``jitter`` (a separate Random) nudges *leaf* draws by at most half a
    written quantum without consuming the main rng, which is how
    :func:`tests.synth.rounding_jitter` re-rounds a document of the same
    shape from slightly different exact values.
    """

    def __init__(self, rng: random.Random, unit: str, decimals: int,
                 jitter: random.Random | None = None) -> None:
        self.rng = rng
        self.unit = unit
        self.decimals = decimals
        self.places = decimals + EXTRA_PLACES  # fu = 10**-places of the unit
        self.per_wan = 10 ** self.places * (10_000 if unit == "元" else 1)  # fu per 万元
        self.q = quantum(decimals)
        self.min_part = 10 * Q_FU  # smallest non-zero part of a partition
        self.jitter = jitter

    # -- conversions -------------------------------------------------------
    def exact(self, fu: int) -> Decimal:
        """The exact value of ``fu`` fine units, in the document unit."""
        return Decimal(fu).scaleb(-self.places)

    def written(self, fu: int) -> Decimal:
        return round_to(self.exact(fu), self.decimals)

    def text(self, fu: int, *, zero: str = "") -> str:
        return fmt(self.written(fu), self.decimals, zero=zero)

    def wan(self, amount: int | str) -> int:
        """``amount`` 万元 in fine units of this document."""
        return int(Decimal(amount) * self.per_wan)

    # -- draws ---------------------------------------------------------------
    def draw(self, lo_wan: int | str, hi_wan: int | str, *, whole: float = 0.0,
             leaf: bool = False) -> int:
        """A positive amount between lo and hi 万元, log-uniform by decade.

        ``whole``: probability to round to whole 万元 (budgets are full of
        round project amounts such as 1,000.00).  ``leaf``: apply the jitter.
        """
        rng = self.rng
        lo, hi = self.wan(lo_wan), self.wan(hi_wan)
        decades = []
        a = lo
        while a < hi:
            decades.append((a, min(a * 10, hi)))
            a *= 10
        a, b = decades[rng.randrange(len(decades))]
        value = rng.randint(a, b)
        if rng.random() < whole:
            step = self.per_wan
            value = max(step, value // step * step)
        if leaf and self.jitter is not None:
            half = Q_FU // 2
            value = max(self.min_part, value + self.jitter.randint(-half, half))
        return value

    def split(self, total: int, n: int, *, min_part: int | None = None) -> list[int]:
        """Partition ``total`` exactly into ``n`` parts, each >= min_part.

        Weights, not absolute draws, so that a jittered total still splits in
        the same proportions.  When the total is too small for ``n`` parts
        the tail parts are 0 (callers drop zero rows).
        """
        if n <= 0:
            return []
        mp = self.min_part if min_part is None else min_part
        k = max(1, min(n, total // mp)) if total > 0 else 0
        weights = [self.rng.randint(1, 1000) for _ in range(n)]
        if k == 0:
            return [0] * n
        w = weights[:k]
        spare = total - k * mp
        parts = [mp + spare * x // sum(w) for x in w]
        parts[-1] += total - sum(parts)
        return parts + [0] * (n - k)

    def share(self, total: int, lo_permille: int, hi_permille: int) -> int:
        """``total`` times a random fraction, exactly (integer permille)."""
        return total * self.rng.randint(lo_permille, hi_permille) // 1000

    def quanta(self, lo: int, hi: int) -> int:
        """A whole number of written quanta between lo and hi 万元 (for
        figures stated at written precision, e.g. T10 itemised amounts)."""
        return self.draw(lo, hi) // Q_FU * Q_FU or Q_FU
