"""Parsing and printing of written figures, exactly.

A figure's written precision is part of its value, so parsing returns the quantum
together with the Decimal; printing uses thousands separators like the published
documents do.  Figures typed with full-width characters (``５６０．３２``, ``１，２３４``,
``－５``) are read through NFKC; the Amount keeps its text as written.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from budgetcheck.core.model import Amount

# Cells that publishers use for "nothing here"; they read as a blank (exact zero).
BLANK_MARKS = frozenset({"", "-", "—", "——", "－", "/", "／", "（空）", "(空)", "空", "无", "…"})

_NUMBER = re.compile(
    r"""^(?P<sign>[-−－]?)
        (?P<int>\d{1,3}(?:[,，]\d{3})+|\d+)
        (?:\.(?P<frac>\d+))?$""",
    re.X,
)
_UNIT_SUFFIX = re.compile(r"\s*(万元|亿元|元)$")


class NotANumber(ValueError):
    """A cell in an amount column holds text that is not a figure."""


@lru_cache(maxsize=8192)  # tables repeat their figures (and their blanks) many times
def parse_amount(text: str, unit: str) -> Amount:
    """Read one cell as an Amount in ``unit``; blanks are exact zeros.

    A unit written inside the cell (``33.00 万元``) is honoured and converted to the
    table's unit.  Raises NotANumber for anything else.
    """
    raw = text.strip().replace("\u3000", "").replace("\xa0", "")
    if raw in BLANK_MARKS:
        return Amount(Decimal(0), Decimal(0), unit, "")
    if not raw.isascii():  # full-width digits, separators and signs (５６０．３２, －): read as typed
        raw = unicodedata.normalize("NFKC", raw).replace("\u2212", "-").strip()
    if raw in BLANK_MARKS:
        return Amount(Decimal(0), Decimal(0), unit, "")
    cell_unit = unit
    m = _UNIT_SUFFIX.search(raw)
    if m:
        cell_unit = m.group(1)
        raw = raw[: m.start()].strip()
    negative = False
    if raw.startswith(("(", "（")) and raw.endswith((")", "）")):
        negative, raw = True, raw[1:-1].strip()
    m = _NUMBER.match(raw)
    if not m:
        raise NotANumber(text)
    digits = m.group("int").replace(",", "").replace("，", "")
    frac = m.group("frac") or ""
    try:
        value = Decimal(f"{digits}.{frac}" if frac else digits)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits digits only
        raise NotANumber(text) from exc
    if negative or m.group("sign"):
        value = -value
    quantum = Decimal(1).scaleb(-len(frac))
    amount = Amount(value, quantum, cell_unit, text.strip())
    return amount.to(unit) if cell_unit != unit else amount


def is_number(text: str) -> bool:
    """True when the cell is a figure (not a blank mark, not text)."""
    raw = text.strip()
    if raw in BLANK_MARKS:
        return False
    try:
        parse_amount(raw, "万元")
    except NotANumber:
        return False
    return True


def exponent(q: Decimal) -> int:
    return q.as_tuple().exponent if q else 0  # type: ignore[return-value]


def fmt(value: Decimal, quantum: Decimal | None = None) -> str:
    """Print a Decimal with thousands separators at the given precision."""
    places = max(0, -exponent(quantum)) if quantum else max(0, -exponent(value.normalize()) if value else 0)
    return f"{value:,.{places}f}"


def fmt_plain(value: Decimal, quantum: Decimal | None = None) -> str:
    """Print a Decimal without separators: at ``quantum``'s precision when given (a
    difference of written figures), else without trailing zeros (a tolerance)."""
    if quantum:
        return f"{value:.{max(0, -exponent(quantum))}f}"
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text
