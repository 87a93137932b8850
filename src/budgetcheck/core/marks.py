"""How budgetcheck marks what it writes, so that its readers and guards know it again.

A reader must skip the findings page an annotated PDF ends with, the guards must
recognise an annotated workbook or PDF before overwriting anything: both sides need
the same marks, so they live here, below readers and writers alike.
"""

from __future__ import annotations

#: The sheet an annotated workbook opens with, and the PDF producer we stamp.
ANNOTATED_SHEET = "核对结果"
PDF_PRODUCER = b"budgetcheck"

#: The first line of the findings page an annotated PDF ends with: the PDF reader skips it.
PDF_LIST_HEADING = "budgetcheck findings"
