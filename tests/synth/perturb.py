"""Single-cell corruption of a generated document, for mutation testing.

Why the size rule: an identity of k cells tolerates |total - Σ parts| up to
k half-quanta, and a cell may sit in several identities.  A change of at
least (2k + 4) quanta, k being the largest identity of the cell's table, can
therefore never be explained by rounding, so a checker that misses it (or
reports it as a mere notice) is wrong.  The written format (thousands
separators, decimals) is kept so the corruption is invisible to a reader
that only checks syntax.
"""

from __future__ import annotations

import random
from decimal import Decimal

from tests.synth.money import fmt
from tests.synth.writer import SynthCell, SynthDoc


def min_delta(doc: SynthDoc, cell: SynthCell) -> Decimal:
    """The smallest change of ``cell`` that no rounding can explain."""
    return cell.quantum * (2 * doc.identity_size(cell.role) + 4)


def perturb(doc: SynthDoc, rng: random.Random, *,
            beyond_rounding: bool = True) -> tuple[str, SynthCell, Decimal]:
    """Change exactly one amount cell of T1-T9; return (text, cell, new value).

    The table is chosen uniformly among those with cells, then a cell of it,
    so rare tables (T7, T9) are hit as often as T3.  Rows that lost a cell
    at a page break are never chosen: a corrupted row there cannot be
    realigned, and the reader would rightly report a layout warning instead
    of the arithmetic error this function promises.  ``beyond_rounding=False``
    changes the cell by exactly one quantum instead: the smallest visible
    change, which may or may not exceed the slack of its identities (use it
    to probe notice/error boundaries, not as a guaranteed error).
    """
    if not doc.cells:
        raise ValueError("document has no amount cells")
    shifted = set(doc.shifted)
    pool = [c for c in doc.cells if c.line not in shifted]
    roles = sorted({c.role for c in pool})
    role = rng.choice(roles)
    cell = rng.choice([c for c in pool if c.role == role])
    if beyond_rounding:
        delta = min_delta(doc, cell) + cell.quantum * rng.randint(0, 40)
    else:
        delta = cell.quantum
    new = cell.value - delta if rng.random() < 0.5 and cell.value - delta > 0 else cell.value + delta
    decimals = -cell.quantum.as_tuple().exponent
    lines = doc.text.split("\n")
    fields = lines[cell.line - 1].split("\t")
    if fields[cell.field] != cell.text:
        raise AssertionError(f"cell {cell} not found at its line")
    fields[cell.field] = fmt(new, decimals)
    lines[cell.line - 1] = "\t".join(fields)
    return "\n".join(lines), cell, new
