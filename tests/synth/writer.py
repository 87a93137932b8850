"""The text layout of the published documents, and the record of every cell.

Why a writer object: the document text and the list of :class:`SynthCell`
must agree to the character (tests and property checks locate findings by
line and column), so both are produced in one place.  The writer also
reproduces the one layout defect the reader must repair: after a page break
inside a table, rows lose one empty cell (the last one when it trails, any
one otherwise), so their values no longer sit under their headers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from tests.synth.money import fmt, quantum, round_to


@dataclass(frozen=True)
class SynthCell:
    """One non-blank amount cell of tables T1-T9 as written.

    ``row``: the row code as written ("2080101", "403001", "30101"), "合计"
    for total rows, the line label for T1/T4 ("一、一般公共预算拨款收入",
    "(八) 社会保障和就业支出", "本年收入合计"), "三公" for the T7 data row,
    the 单位编码 for T9 rows.  ``column``: header group and sub-header joined
    with "/" ("财政拨款/小计", "基本支出/人员经费", "合计"); "预算数" in T1,
    T4 and T9.  ``field``: 0-based index of the cell in ``line`` split on tabs
    (after any page-break cell drop).  ``exact``: the unrounded value.
    """

    role: str
    row: str
    column: str
    line: int
    text: str
    value: Decimal
    quantum: Decimal
    field: int = 0
    exact: Decimal = Decimal(0)


@dataclass(frozen=True)
class SynthDoc:
    """A generated document: its text and every amount cell of T1-T9.

    ``identity_sizes``: per role, the number of cells in the largest identity
    of that table (used to size perturbations beyond rounding).  ``breaks``:
    line numbers of the blank lines inserted as page breaks inside T3/T5;
    ``shifted``: line numbers of the rows that lost an empty cell after one.
    """

    text: str
    cells: tuple[SynthCell, ...]
    unit: str = "万元"
    decimals: int = 2
    identity_sizes: tuple[tuple[str, int], ...] = ()
    breaks: tuple[int, ...] = ()  # line numbers of the blank page-break lines
    shifted: tuple[int, ...] = ()  # lines that lost an empty cell after a break
    origin: tuple = field(default=(), repr=False, compare=False)

    def identity_size(self, role: str) -> int:
        return dict(self.identity_sizes).get(role, 2)

    def cells_of(self, role: str) -> list[SynthCell]:
        return [c for c in self.cells if c.role == role]


@dataclass(frozen=True)
class Amt:
    """An amount field: exact value (in the table's unit) and its column."""

    column: str
    exact: Decimal
    decimals: int
    row: str | None = None  # overrides the row key (two-sided tables)


class Writer:
    """Accumulates lines and cells.  ``broken`` = a page break occurred in the
    current table (rows then lose one empty amount cell)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []
        self.cells: list[SynthCell] = []
        self.broken = False
        self.sizes: dict[str, int] = {}
        self.breaks: list[int] = []
        self.shifted: list[int] = []

    def text(self, *lines: str) -> None:
        self.lines.extend(lines)

    def title(self, annex: int | None, title: str, unit: str | None, *, year: bool = False) -> None:
        """Title block as in the seed: [附件N, blank,] title, blank, unit/year, blank."""
        self.broken = False
        if annex is not None:
            self.text(f"附件{annex}", "")
        self.text(title, "")
        if unit is not None:
            self.text(f"单位：{unit}", "")
        if year:
            self.text("(2023年)", "")

    def page_break(self) -> None:
        self.text("")
        self.breaks.append(len(self.lines))
        self.broken = True

    def size(self, role: str, n: int) -> None:
        self.sizes[role] = max(self.sizes.get(role, 2), n)

    def row(self, role: str, key: str, fields: list[str | Amt],
            identities: tuple[tuple[int, tuple[int, ...]], ...] = ()) -> None:
        """Write one row.  ``identities`` (total, parts) index the row's amount
        fields; after a page break they steer which interior empty cell is
        dropped (see :func:`_drop`)."""
        texts = [f if isinstance(f, str) else self._fmt(f) for f in fields]
        keep = list(range(len(fields)))
        if self.broken:
            drop = _drop(self.rng, fields, texts, identities)
            if drop is not None:
                keep.remove(drop)
                self.shifted.append(len(self.lines) + 1)
        line_no = len(self.lines) + 1
        for pos, i in enumerate(keep):
            f = fields[i]
            if isinstance(f, Amt) and texts[i]:
                self.cells.append(SynthCell(
                    role=role, row=f.row or key, column=f.column, line=line_no,
                    text=texts[i], value=round_to(f.exact, f.decimals),
                    quantum=quantum(f.decimals), field=pos, exact=f.exact))
        self.lines.append("\t".join(texts[i] for i in keep))

    @staticmethod
    def _fmt(a: Amt) -> str:
        return fmt(round_to(a.exact, a.decimals), a.decimals)

    def finish(self, unit: str, decimals: int, origin: tuple) -> SynthDoc:
        return SynthDoc(text="\n".join(self.lines) + "\n", cells=tuple(self.cells), unit=unit,
                        decimals=decimals, identity_sizes=tuple(sorted(self.sizes.items())),
                        breaks=tuple(self.breaks), shifted=tuple(self.shifted), origin=origin)


def _drop(rng: random.Random, fields: list[str | Amt], texts: list[str],
          identities: tuple[tuple[int, tuple[int, ...]], ...]) -> int | None:
    """Which empty amount cell a page break removes from this row.

    The trailing empty cell when there is one (as in the seed).  Otherwise
    one interior empty cell chosen among those whose removal a reader can
    undo unambiguously: re-inserting a blank at every amount position must
    leave exactly one assignment satisfying the row identities.  If no
    interior cell qualifies, nothing is dropped (an inherently ambiguous
    row would make a consistent document draw a warning).
    """
    amounts = [i for i, f in enumerate(fields) if isinstance(f, Amt)]
    empty = [i for i in amounts if texts[i] == ""]
    if not empty:
        return None
    if empty[-1] == len(fields) - 1:
        return empty[-1]
    if not identities:
        return rng.choice(empty)
    first = amounts[0]
    good = [i for i in empty if _unique(texts[first:i] + texts[i + 1:], identities)]
    return rng.choice(good) if good else None


def _unique(values: list[str], identities: tuple[tuple[int, tuple[int, ...]], ...]) -> bool:
    """Exactly one way to re-insert the dropped blank satisfies the row."""
    found = set()
    for p in range(len(values) + 1):
        cand = tuple(values[:p] + [""] + values[p:])
        if all(_holds(cand, t, parts) for t, parts in identities):
            found.add(cand)
    return len(found) == 1


def _holds(cand: tuple[str, ...], total: int, parts: tuple[int, ...]) -> bool:
    nums = [Decimal(cand[i].replace(",", "")) if cand[i] else None for i in (total, *parts)]
    written = [n for n in nums if n is not None]
    slack = sum(Decimal(1).scaleb(n.as_tuple().exponent) for n in written) / 2
    return abs((nums[0] or 0) - sum(n or 0 for n in nums[1:])) <= slack


def national_title(role: str) -> str:
    """A table's title as the national template names it (templates/national.toml): the
    generator writes what the reader is told to recognise, not a copy of its own."""
    from budgetcheck import templates

    return templates.load("national").role_name(role)
