"""One workbook cell as written: number formats give the precision, floats never do;
and the sum formulas that BC171 judges."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetcheck.core.figures import parse_amount
from budgetcheck.readers.xlsx_cells import cell_text, format_spec, number_text
from budgetcheck.rules.workbook import formula_cells


@pytest.mark.parametrize("value,fmt,text", [
    (12689.76, "#,##0.00", "12,689.76"),
    (12689.76, "0", "12690"),
    (12689.76, "0.00", "12689.76"),
    (12689.755, "#,##0.00", "12,689.76"),  # Excel rounds half away from zero
    (2510.3, "#,##0.00", "2,510.30"),
    (0.30000000000000004, "General", "0.3"),  # float noise is not a precision
    (1 / 3, "General", "0.3333333333"),  # at most 10 decimals
    (2510.33, None, "2510.33"),
    (1.0, "General", "1"),
    (208, "General", "208"),
    (5, "00", "05"),  # a 款 part typed as a number with a two-digit format
    (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
    (-1234.5, "#,##0.00_);(#,##0.00)", "-1,234.50"),
    (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"),  # accounting zero: a dash, a blank
    (1234.5, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "1,234.50"),
    (7, '"¥"#,##0.00', "7.00"),
    (12.3, "0.0#", "12.3"),
    (0.4199, "0.00%", "41.99%"),
])
def test_number_text_follows_the_number_format(value, fmt, text):
    assert number_text(value, fmt) == text


@pytest.mark.parametrize("value,fmt,quantum", [
    (12689.76, "#,##0.00", "0.01"), (12690, "0", "1"), (12690.0, "#,##0", "1"), (33.0, "0.000", "0.001"),
    (0.1 + 0.2, "General", "0.1"), (2510.33, "General", "0.01"),
])
def test_the_written_precision_comes_from_the_format(value, fmt, quantum):
    amount = parse_amount(cell_text(value, fmt), "万元")
    assert amount.quantum == Decimal(quantum)
    assert isinstance(amount.value, Decimal)


def test_text_cells_are_one_line_and_dates_are_not_figures():
    from datetime import date

    assert cell_text("人才\t扶持\n专项") == "人才 扶持 专项"
    assert cell_text(date(2023, 1, 1)) == "2023-01-01"
    assert cell_text(True) == "TRUE"
    assert format_spec("yyyy-mm-dd") is None and format_spec("@") is None and format_spec("0.00E+00") is None


@pytest.mark.parametrize("formula,cells", [
    ("=SUM(C5:C7)", {(3, 5), (3, 6), (3, 7)}),
    ("=SUM(C5,C9)+C12", {(3, 5), (3, 9), (3, 12)}),
    ("=$D$8+G8", {(4, 8), (7, 8)}),
    ("=sum(C5:D6)", {(3, 5), (3, 6), (4, 5), (4, 6)}),
    ("='T5 表'!C5+C6", {(3, 5), (3, 6)}),  # its own sheet, quoted
    ("=T5!C5", {(3, 5)}),
])
def test_plain_sum_formulas_are_understood(formula, cells):
    sheet = "T5 表" if "'" in formula else "T5"
    assert formula_cells(formula, sheet) == cells


@pytest.mark.parametrize("formula", ["=C5-C6", "=ROUND(SUM(C5:C9),2)", "=Other!C5+C6", "=C5*2", "=SUMIF(A:A,1,C:C)"])
def test_other_formulas_are_not_judged(formula):
    assert formula_cells(formula, "T5") is None
