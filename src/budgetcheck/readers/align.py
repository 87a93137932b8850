"""Realign rows whose empty cells were lost (budget-rules §5).

Published text drops empty cells: trailing ones always, and after a page break a row
may have one empty cell fewer than its header, so its figures slide left into the
wrong columns.  A short row is placed by its identities: every way of putting its
cells, in order, into the table's amount columns is tried, and the ones under which
each row identity holds survive.  Rows left with several survivors are settled by the
table's own sums (parent = Σ children, 合计 = Σ top rows), tried jointly.  Whatever
stays ambiguous, or fits nothing, is marked on the row for a warning: never a silent
guess.
"""

from __future__ import annotations

import itertools
from typing import Sequence

from budgetcheck.core.rounding import compare_sum, holds
from budgetcheck.core.model import Amount
from budgetcheck.templates.schema import Identity

Assignment = tuple[Amount, ...]  # one Amount per amount column, blanks as zeros
MAX_CANDIDATES = 5000
MAX_COMBINATIONS = 4096


def row_fits(values: Assignment, identities: Sequence[Identity], index: dict[int, int]) -> bool:
    """True when every row identity holds for these values (within rounding)."""
    return all(
        holds(compare_sum(values[index[i.total]], [values[index[p]] for p in i.parts]
                          + [values[index[m]].negated() for m in i.minus])) for i in identities
    )


def placements(cells: Sequence[Amount], width: int) -> list[Assignment]:
    """Every distinct way to put ``cells`` in order into ``width`` columns."""
    if len(cells) >= width:
        return [tuple(cells[:width])]
    blank = Amount.zero(cells[0].unit) if cells else None
    seen: dict[tuple, Assignment] = {}
    for count, slots in enumerate(itertools.combinations(range(width), len(cells))):
        if count >= MAX_CANDIDATES:
            break
        row: list[Amount] = [blank] * width  # type: ignore[list-item]
        for cell, slot in zip(cells, slots):
            row[slot] = cell
        key = tuple((a.value, a.text) for a in row)
        seen.setdefault(key, tuple(row))
    return list(seen.values())


def candidates_for(
    cells: Sequence[Amount], width: int, identities: Sequence[Identity], index: dict[int, int]
) -> tuple[Assignment, list[Assignment]]:
    """(positional reading, readings that satisfy the row identities)."""
    positional = tuple(cells[:width]) + tuple(
        Amount.zero(cells[0].unit if cells else "万元") for _ in range(width - len(cells))
    )
    if len(cells) >= width or not identities:
        return positional, [positional]
    fitting = [c for c in placements(cells, width) if row_fits(c, identities, index)]
    return positional, fitting


def settle(
    options: list[list[Assignment]], families: Sequence[tuple[int, Sequence[int]]]
) -> list[list[Assignment]]:
    """Narrow each row's readings with the table's sums, until nothing changes.

    ``families`` are (parent row, child rows) pairs: a 合计 row and its top rows, or a
    code and its children.  For every family with an undecided member, all joint
    readings (up to a bound) are tried; a reading survives if some joint reading that
    uses it makes every column add up.  A family that cannot add up under any reading
    is a real error for the rules to report, and narrows nothing.
    """
    options = [list(o) for o in options]
    changed = True
    while changed:
        changed = False
        for parent, children in families:
            members = [parent, *children]
            if all(len(options[m]) <= 1 for m in members) or any(not options[m] for m in members):
                continue
            sizes = [len(options[m]) for m in members]
            total = 1
            for s in sizes:
                total *= s
            if total > MAX_COMBINATIONS:
                continue
            used: list[set[int]] = [set() for _ in members]
            for combo in itertools.product(*(range(s) for s in sizes)):
                head = options[parent][combo[0]]
                rest = [options[m][k] for m, k in zip(children, combo[1:])]
                if all(holds(compare_sum(head[c], [r[c] for r in rest])) for c in range(len(head))):
                    for slot, k in enumerate(combo):
                        used[slot].add(k)
            if not used[0]:
                continue
            for slot, m in enumerate(members):
                if len(options[m]) > 1 and len(used[slot]) < len(options[m]):
                    options[m] = [o for k, o in enumerate(options[m]) if k in used[slot]]
                    changed = True
    return options
