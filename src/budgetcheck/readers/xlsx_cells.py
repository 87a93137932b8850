"""One workbook cell as the text a reader of the printed table sees.

The written precision of a figure is part of its value, and in a workbook it lives in
the cell's number format, not in the float that openpyxl returns: 12689.76 formatted
``#,##0.00`` is written ``12,689.76`` (precision 0.01), formatted ``0`` it is ``12690``.
A ``General`` cell shows the digits of the value as typed; those come from the float's
shortest repr, rounded to at most 10 decimals so that binary noise
(0.30000000000000004) never becomes a precision.  Figures become exact Decimals here,
through their text, and a float never goes further.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

MAX_GENERAL_PLACES = 10
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_NUMBER = re.compile(r"[#0?,]*[0#?](?:\.[0#?]*)?|\.[0#?]+")
_DATE_CODES = re.compile(r"[dmyhsDMYHS]|AM/PM|上午/下午")


@lru_cache(maxsize=256)
def format_spec(number_format: str | None) -> tuple[int, int, int, bool, bool] | None:
    """(integer digits, min decimals, max decimals, grouped, percent) of a number format,
    or None for General, text and anything that is not a plain number format."""
    fmt = (number_format or "General").strip()
    if fmt in ("", "General", "@") or fmt.lower() == "general":
        return None
    section = fmt.split(";", 1)[0]
    plain = _QUOTED.sub("", section)
    if "E+" in plain.upper() or "E-" in plain.upper() or _DATE_CODES.search(plain):
        return None
    m = _NUMBER.search(plain)
    if not m:
        return None
    number = m.group(0)
    whole, _, frac = number.partition(".")
    return (whole.count("0"), frac.count("0"), len(frac), "," in whole, "%" in plain)


def general_decimal(value: float | int) -> Decimal:
    """The digits of a General number as typed: repr, at most 10 decimals, no noise."""
    if isinstance(value, int):
        return Decimal(value)
    d = Decimal(repr(value))
    if d.as_tuple().exponent < -MAX_GENERAL_PLACES:  # type: ignore[operator]
        d = d.quantize(Decimal(1).scaleb(-MAX_GENERAL_PLACES), rounding=ROUND_HALF_UP)
        d = d.normalize() if d else Decimal(0)
    return d


def number_text(value: float | int, number_format: str | None) -> str:
    """A numeric cell as displayed by its number format (with a minus sign, not colour)."""
    spec = format_spec(number_format)
    exact = general_decimal(value)
    if spec is None:
        if exact == exact.to_integral_value():
            exact = exact.quantize(Decimal(1))  # General shows 1.0 as 1
        text = format(exact, "f")
        return "0" if text in ("-0", "") else text
    if exact == 0 and _zero_is_dash(number_format or ""):
        return "-"  # accounting formats print a zero as a dash: a blank
    int_digits, min_places, max_places, grouped, percent = spec
    if percent:
        exact *= 100
    shown = exact.quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
    text = f"{shown:,.{max_places}f}" if grouped else f"{shown:.{max_places}f}"
    if max_places > min_places:  # optional digits (0.0#): trailing zeros are not shown
        head, _, frac = text.partition(".")
        frac = frac.rstrip("0").ljust(min_places, "0")
        text = f"{head}.{frac}" if frac else head
    sign = "-" if text.startswith("-") else ""
    body = text.lstrip("-")
    head, dot, tail = body.partition(".")
    if int_digits > 1 and not grouped:
        head = head.zfill(int_digits)
    if sign and not any(ch in "123456789" for ch in head + tail):
        sign = ""
    return f"{sign}{head}{dot}{tail}" + ("%" if percent else "")


def _zero_is_dash(number_format: str) -> bool:
    sections = number_format.split(";")
    if len(sections) < 3:
        return False
    shown = _QUOTED.sub("", sections[2])  # ? placeholders of a zero print as spaces
    return "-" in sections[2] and "0" not in shown and "#" not in shown


def cell_text(value: object, number_format: str | None = None) -> str:
    """Any cell value as one line of text: numbers by their format, text unbroken."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        try:
            return number_text(value, number_format)
        except (InvalidOperation, ValueError, OverflowError):  # inf, nan
            return str(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return " ".join(str(value).replace("\t", " ").splitlines()).strip()


def padded_code(value: object) -> str | None:
    """A 款 or 项 part typed as a number (5 for 05): the two digits it stands for."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 100:
        return f"{value:02d}"
    if isinstance(value, float) and value.is_integer() and 0 <= value < 100:
        return f"{int(value):02d}"
    return None


@dataclass
class SheetText:
    """One sheet as lines, and where each line came from."""

    name: str
    lines: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the sheet row of each line
    cols: list[tuple[int, ...]] = field(default_factory=list)  # the sheet column of each field
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    unknown: set[tuple[int, int]] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)

    def add(self, text: str, row: int, cols: tuple[int, ...]) -> None:
        self.lines.append(text)
        self.rows.append(row)
        self.cols.append(cols)
