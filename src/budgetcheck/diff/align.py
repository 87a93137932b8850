"""Two years of one department, row against row.

Rows are aligned by what identifies them in each table role: functional codes (T3, T5,
T8), economic codes (T6), unit codes (T2), class codes derived from names and fund
types (T1, T4), 三公 components (T7), transfers and performance projects by name (T9,
T11).  Amounts are compared in 万元, converted exactly, so a year published in 元 and
one in 万元 line up.  A code that keeps its place under a new name is a rename, not a
removal and an addition.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from budgetcheck.core.catalogue import normalise_name, strip_enumerator
from budgetcheck.core.model import ZERO, Amount, Document, Row, Table
from budgetcheck.templates.schema import fund_key

UNIT = "万元"
COLUMNS = {
    "T1": ("amount",), "T4": ("amount",),
    "T2": ("total", "current", "current.gpb", "carryover"),
    "T3": ("total", "fiscal", "fiscal.basic", "fiscal.project", "nonfiscal", "basic", "project"),
    "T5": ("total", "basic", "personnel", "public", "project"),
    "T6": ("total", "personnel", "public"),
    "T7": ("total", "abroad", "car", "car.purchase", "car.running", "reception"),
    "T8": ("total", "basic", "project"), "T8b": ("total", "basic", "project"),
    "T9": ("amount",), "T11": ("budget", "fiscal"),
}
ROLES = tuple(COLUMNS)


@dataclass(frozen=True, slots=True)
class Line:
    """One row of one year: its key, name, level and amounts by column key (in 万元)."""

    role: str
    key: str
    name: str
    level: int
    amounts: dict[str, Amount]


@dataclass(frozen=True, slots=True)
class Change:
    role: str
    key: str
    old_name: str
    new_name: str
    level: int
    column: str
    old: Amount | None
    new: Amount | None

    @property
    def status(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "renamed" if _norm(self.old_name) != _norm(self.new_name) else "kept"

    @property
    def delta(self) -> Decimal:
        return (self.new.value if self.new else ZERO) - (self.old.value if self.old else ZERO)

    @property
    def rate(self) -> Decimal | None:
        """new / old in per cent: the execution rate when old is the budget and new the 决算."""
        if self.old is None or self.new is None or self.old.value == 0:
            return None
        return self.new.value / self.old.value * 100

    @property
    def percent(self) -> Decimal | None:
        if self.old is None or self.old.value == 0:
            return None
        return self.delta / self.old.value * 100


def _norm(name: str) -> str:
    """A name without spacing, bracket widths or its list enumerator (一、 (八) 1.): an
    overview line that moved in the list keeps its name."""
    return normalise_name(strip_enumerator(name))


def _key(role: str, row: Row) -> tuple[str, int] | None:
    if role in ("T1", "T4"):
        if row.kind in ("year_total", "grand_total", "carry"):
            return f"{row.side}:{row.kind}", 0
        if row.side == "expenditure" and row.code is not None:
            return row.code.text, 1
        fund = fund_key(row.label)
        return (f"income:{fund}", 1) if fund else None
    if role in ("T9", "T11"):
        return _norm(row.label) or None, 1  # type: ignore[return-value]
    if row.is_total:
        return "合计", 0
    if role == "T7":
        return "三公", 0
    return (row.code.text, row.code.level) if row.code is not None else None


def lines(doc: Document, role: str) -> dict[str, Line]:
    """The rows of every table of ``role`` (T11 has one per project), by key."""
    out: dict[str, Line] = {}
    for table in doc.tables_of(role):
        for row in table.rows:
            key = _key(role, row)
            if key is None:
                continue
            name = key[0]
            if role in ("T9", "T11"):  # two projects may share a name: number the later ones
                n = 2
                while name in out:
                    name, n = f"{key[0]} ({n})", n + 1
            if name not in out:
                out[name] = Line(role, name, row.label, key[1], _amounts(table, row, role))
    return out


def _amounts(table: Table, row: Row, role: str) -> dict[str, Amount]:
    out: dict[str, Amount] = {}
    for column in COLUMNS[role]:
        idx = 0 if role in ("T1", "T4") else table.column(column)
        if role == "T7" and column == "total" and table.column("sangong") is not None:
            idx = table.column("sangong")  # the 三公 total, not a 合计 that adds 会议费 and 培训费
        if idx is None or idx >= len(row.amounts) or row.amounts[idx] is None:
            continue
        out[column] = row.amounts[idx].to(UNIT)  # type: ignore[union-attr]
    for part in ("basic", "project"):
        if part in COLUMNS[role] and part not in out:
            out.update(_across_groups(table, row, part))
    return out


def _across_groups(table: Table, row: Row, part: str) -> dict[str, Amount]:
    """基本支出 (or 项目支出) of all funds where a table prints it only per fund group (a
    budget's T3: 财政拨款 / 非财政拨款, each with 基本支出 and 项目支出), so that it lines up
    with a table that prints it once (决算 支出决算表)."""
    from budgetcheck.core.rounding import total_of

    idx = [table.column(f"{group}.{part}") for group in ("fiscal", "nonfiscal")]
    if idx[0] is None:
        return {}
    cells = [row.amounts[i] for i in idx if i is not None and i < len(row.amounts) and row.amounts[i] is not None]
    if not cells:
        return {}
    total = cells[0].to(UNIT) if len(cells) == 1 else total_of(cells, UNIT)  # type: ignore[arg-type]
    return {part: total}


def compare(old: Document, new: Document, role: str) -> list[Change]:
    before, after = lines(old, role), lines(new, role)
    changes: list[Change] = []
    for key in sorted(set(before) | set(after), key=_order):
        a, b = before.get(key), after.get(key)
        level = (b or a).level  # type: ignore[union-attr]
        for column in COLUMNS[role]:
            x = a.amounts.get(column) if a else None
            y = b.amounts.get(column) if b else None
            if x is None and y is None:
                continue  # a column neither year's table has
            # a row present in a year counts a missing cell as zero; an absent row stays None
            x = x if x is not None or a is None else Amount.zero(UNIT)
            y = y if y is not None or b is None else Amount.zero(UNIT)
            changes.append(Change(role, key, a.name if a else "", b.name if b else "", level, column, x, y))
    return changes


def _order(key: str) -> tuple:
    return (0 if key == "合计" else 1, key)
