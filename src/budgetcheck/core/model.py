"""The document model: small immutable records that readers produce and rules read.

Every reader (text today; Excel and PDF later) turns its input into these records and
nothing else, so that the rules never know where a figure came from.  An ``Amount``
keeps the precision it was *written* with: ``12,689.76`` stands for any value in
[12,689.755, 12,689.765], and that interval decides whether a difference is a rounding
notice or an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

#: Exact scale of each unit in 元; conversions multiply by powers of ten only.
UNIT_SCALE: dict[str, Decimal] = {
    "元": Decimal(1),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
}
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Amount:
    """A money figure as written: exact value, written precision and unit.

    ``quantum`` is the value of one unit in the last written digit (``0.01`` for
    ``1,234.56``); a blank cell is an exact zero with quantum 0, so it adds no
    rounding slack to an identity.
    """

    value: Decimal
    quantum: Decimal
    unit: str = "万元"
    text: str = ""

    @property
    def half(self) -> Decimal:
        """Half the written precision: the rounding radius of this figure."""
        return self.quantum / 2

    @property
    def blank(self) -> bool:
        return self.text == "" and self.value == 0

    def to(self, unit: str) -> Amount:
        """The same figure in another unit, converted exactly."""
        if unit == self.unit:
            return self
        factor = UNIT_SCALE[self.unit] / UNIT_SCALE[unit]
        return Amount(self.value * factor, self.quantum * factor, unit, self.text)

    def negated(self) -> Amount:
        """The same figure taken away (a part an identity subtracts), its precision kept."""
        return Amount(-self.value, self.quantum, self.unit, self.text)

    @staticmethod
    def zero(unit: str = "万元") -> Amount:
        return Amount(ZERO, ZERO, unit, "")


CODE_LEVELS = {
    # scheme: lengths of the codes at level 1, 2, 3 (economic codes have a third level
    # in some regions: 3010201 规范性津补贴 under 30102)
    "functional": (3, 5, 7),
    "economic": (3, 5, 7),
    "unit": (3, 6),
}


@dataclass(frozen=True, slots=True)
class Code:
    """A classification code; its parent is the prefix one level up."""

    text: str
    scheme: str = "functional"

    @property
    def level(self) -> int:
        lengths = CODE_LEVELS[self.scheme]
        return lengths.index(len(self.text)) + 1 if len(self.text) in lengths else 0

    @property
    def parent(self) -> Code | None:
        lengths = CODE_LEVELS[self.scheme]
        if self.level <= 1:
            return None
        return Code(self.text[: lengths[self.level - 2]], self.scheme)

    @staticmethod
    def join(parts: list[str], scheme: str = "functional") -> Code:
        """Join codes split over 类|款|项 columns (``208``|``05``|``06``)."""
        return Code("".join(p.strip() for p in parts), scheme)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table.

    ``key`` is the canonical meaning (``total``, ``basic``, ``fiscal.project``…) that
    cross-table rules use; ``label`` is the header as written, group and sub-header
    joined with ``/``, which is what a finding shows.
    """

    key: str
    label: str
    group: str = ""
    is_amount: bool = True
    is_subtotal: bool = False
    # what the figures are: "" (this year's amounts), "prior" (a comparison year such as
    # 上年 or 2025年预算数), "change" (增减额) or "pct" (增减%); "count" for numbers that
    # are not money (数量, 人数), "unknown" when the header is not understood
    period: str = ""
    path: tuple[str, ...] = ()  # the header cells above the column, outermost first


@dataclass(frozen=True, slots=True)
class Row:
    """A body row; ``amounts`` is parallel to the table's columns (None for text)."""

    label: str
    code: Code | None
    amounts: tuple[Amount | None, ...]
    line: int
    raw: str = ""
    is_total: bool = False
    side: str = ""  # "income" / "expenditure" in two-sided overview tables
    kind: str = ""  # overview tables: item, year_total, carry, grand_total, group
    refs: tuple[str, ...] = ()  # per-cell source references (sheet!cell), when known
    alignment: str = "positional"  # positional | realigned | ambiguous | unaligned
    candidates: int = 1  # alignments that fit the identities, when not positional
    bad_cells: tuple[str, ...] = ()  # cells in amount columns that are not numbers
    page: int | None = None
    # workbooks: each cell's formula ("" for a typed value), parallel to ``refs``; a
    # formula saved without its value is also in ``bad_cells`` (its value is unknown)
    formulas: tuple[str, ...] = ()
    hidden: bool = False  # a hidden workbook row (or a row of a hidden sheet)
    # structure read from the layout when there are no codes: the level (1 = 类 or the
    # outermost line) and the index in ``Table.rows`` of the row this one belongs to
    level: int = 0
    parent: int | None = None
    memo: bool = False  # a 其中 row: part of its parent, not one more part of the table
    heading: bool = False  # a unit (or group) heading row that sums the rows under it
    note: str = ""  # how the row was read when it was not as printed (a code's lost zero)

    @property
    def name(self) -> str:
        """What a finding calls this row: its code, else its label.  Overview lines are
        named as printed (their code is only derived from the class name)."""
        return self.code.text if self.code and not self.side else self.label


@dataclass(frozen=True, slots=True)
class Goal:
    """A performance goal of T10 whose cell itemises project amounts."""

    label: str
    items: tuple[tuple[str, Amount], ...]
    stated: Amount | None
    line: int
    ref: str = ""  # the workbook cell of ``stated`` (sheet!cell), when known


@dataclass(frozen=True, slots=True)
class Table:
    """A table as read; ``role`` is its place in budget-rules §2 (T1…T11) or None."""

    role: str | None
    title: str
    unit: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    line: int
    index: int = 0
    notes: tuple[str, ...] = ()
    goals: tuple[Goal, ...] = ()
    page: int | None = None
    hidden_columns: tuple[int, ...] = ()  # workbooks: columns hidden in the sheet
    # how the table was read, in words a reviewer checks (a repeated header skipped, a
    # comparison column kept out of the sums, a column not understood)
    readings: tuple[str, ...] = ()

    def column(self, key: str) -> int | None:
        for i, col in enumerate(self.columns):
            if col.key == key:
                return i
        return None

    @property
    def amount_columns(self) -> list[int]:
        return [i for i, c in enumerate(self.columns) if c.is_amount]

    @property
    def body(self) -> list[Row]:
        return [r for r in self.rows if not r.is_total]

    @property
    def total_row(self) -> Row | None:
        return next((r for r in self.rows if r.is_total), None)

    @property
    def part(self) -> str | None:
        """The budget table this one plays the part of (F3 支出决算表 → T3): the rules that
        hold for both name the budget role."""
        return PART_OF.get(self.role, self.role) if self.role else self.role

    def label(self) -> str:
        return self.role or self.title


#: In final accounts (部门决算), the table that plays a budget table's part: the rules that
#: hold for both ask for the budget role (T3) and get the final-accounts table (F3).
FINAL_PART = {"T1": "F1", "T2": "F2", "T3": "F3", "T4": "F4", "T5": "F5", "T6": "F6", "T7": "F9", "T8": "F7",
              "T8b": "F8"}
PART_OF = {v: k for k, v in FINAL_PART.items()}


#: how Document.line_chars packs its positions (array / memoryview type code)
POSITIONS = "i"


@dataclass(frozen=True, slots=True)
class Document:
    """A read document: its tables in order, and its text lines for narrative rules.

    ``line_pages`` is parallel to ``lines`` when the input has pages (a PDF): the page
    of each line, so that a finding about the text can say where it is printed.
    """

    path: str
    tables: tuple[Table, ...]
    lines: tuple[str, ...] = ()
    encoding: str = "utf-8"
    kind: str = "text"
    line_pages: tuple[int, ...] = ()
    line_cells: tuple[str, ...] = ()  # a workbook's prose lines: the cell each came from (说明!A3)
    # a PDF's lines: where each is on its page, (page, x0, y0, x1, y1) in PDF points, one
    # rectangle per printed line joined into it; and for a grid row its column edges
    line_boxes: tuple[tuple[tuple[int, float, float, float, float], ...], ...] = ()
    line_columns: tuple[tuple[float, ...], ...] = ()
    # parallel to line_boxes, for the running text: per printed line of a line, the
    # offset in the line's text where it starts and where its characters are printed
    # (the x where each starts, then where the last ends, in tenths of a point packed
    # as POSITIONS: 4 bytes a character); () for a line not known so (a title, a row)
    line_chars: tuple[tuple[tuple[int, bytes], ...], ...] = ()
    template: str = "national"  # the template the tables were read with (templates/)
    category: str = ""  # budget, final, report or other (readers/kind.py); "" until it is known
    # how the reader had to interpret the text, when not as written: the tables' tabs
    # restored from spaces (readers/spaces.py); rule BC004 reports it
    reading: tuple[str, ...] = ()
    # a PDF's 目录 (table of contents), which is not part of ``lines``: each entry as
    # printed and its page; rule BC006 compares the tables it lists with those read
    contents: tuple[tuple[str, int], ...] = ()
    # the tables by role, made once per document (a rule asks for a table at every
    # figure, and a long document has many tables): not a field one passes
    by_role: dict[str | None, tuple[Table, ...]] = field(init=False, repr=False, compare=False, default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        index: dict[str | None, list[Table]] = {}
        for t in self.tables:
            index.setdefault(t.role, []).append(t)
        object.__setattr__(self, "by_role", {k: tuple(v) for k, v in index.items()})

    def tables_of(self, role: str) -> list[Table]:
        if self.category == "final":
            role = FINAL_PART.get(role, role)
        return list(self.by_role.get(role, ()))

    def table(self, role: str) -> Table | None:
        found = self.tables_of(role)
        return found[0] if found else None


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: table, row, column and the source position."""

    path: str = ""
    table: str = ""
    title: str = ""
    row: str = ""
    column: str = ""
    line: int | None = None
    cell: str = ""
    page: int | None = None
    # on a PDF: the rectangles it names, (page, x0, y0, x1, y1) in PDF points (origin at
    # the page's lower left): a table cell, a row, or a sentence's characters (one per printed line)
    boxes: tuple[tuple[int, float, float, float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A stamped result: what the engine hands to reporters."""

    rule: str
    name: str
    severity: str  # error | warning | notice
    message: str
    message_zh: str
    location: Location
    expected: str = ""
    actual: str = ""
    difference: str = ""
    tolerance: str = ""
    unit: str = ""
    related: tuple[Location, ...] = field(default=())
    # set after checking, by waivers and baselines: reported, but not counted
    suppressed: str = ""  # "" | "waived" | "baseline"
    reason: str = ""  # the waiver's reason, when waived
