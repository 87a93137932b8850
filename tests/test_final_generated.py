"""Property tests on generated final accounts (issue 11: "property tests as for budgets").

tests/synth/final.py writes consistent 部门决算 of varied shape (one to six 类, 万元 or
元, page breaks inside 支出决算表 and 一般公共预算财政拨款支出决算表, the regional wordings of
the titles, a 年初预算数 column beside the 决算, and Inner Mongolia's information table of
机构运行经费, 政府采购 and 国有资产占用 with the 说明's statements of it) in the bundled
sample's layout.  A consistent one is read with all nine tables and verifies without an
error or a warning; the same one re-rounded from slightly different exact values is
never an error; one figure of any table moved beyond what rounding explains is an error
at that table and row.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetcheck.app.api import verify_text
from tests.synth import perturb
from tests.synth.final import generate_final

SHAPES = st.tuples(st.integers(0, 2**32 - 1), st.sampled_from([("万元", 2), ("元", 0)]), st.booleans(), st.booleans())
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NINE = {"F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"}


def _doc(shape, jitter: random.Random | None = None):
    seed, (unit, decimals), breaks, regional = shape
    return generate_final(random.Random(seed), unit=unit, decimals=decimals, page_breaks=breaks, jitter=jitter,
                          regional=regional)


def _not_notices(report):
    return [(f.rule, f.location.table, f.location.row, f.location.column, f.message)
            for f in report.findings if f.severity != "notice"]


@FAST
@given(SHAPES)
def test_consistent_final_accounts_have_no_error_and_no_warning(shape):
    doc = _doc(shape)
    report = verify_text(doc.text, "synthetic-final.txt")
    assert report.error == "" and report.document.category == "final"
    roles = {t.role for t in report.document.tables}
    assert NINE <= roles <= NINE | {"FOI"}, roles  # half the regional ones add the information table
    assert _not_notices(report) == []


@FAST
@given(SHAPES, st.integers(0, 2**32 - 1))
def test_rounding_alone_is_never_an_error(shape, jseed):
    doc = _doc(shape, random.Random(jseed))
    report = verify_text(doc.text, "jitter-final.txt")
    assert report.summary["errors"] == 0, _not_notices(report)


@FAST
@given(SHAPES, st.integers(0, 2**32 - 1))
def test_one_figure_beyond_rounding_is_an_error_at_its_row(shape, pseed):
    doc = _doc(shape)
    text, cell, new = perturb(doc, random.Random(pseed))
    report = verify_text(text, "perturbed-final.txt")
    names = {"三公", "三公经费"} if cell.row == "三公" else {cell.row}
    errors = [f for f in report.findings if f.severity == "error"]
    assert any(loc.table == cell.role and loc.row in names for f in errors for loc in (f.location, *f.related)), \
        (cell, new, [(f.rule, f.location.table, f.location.row) for f in errors])


def test_every_cell_is_written_at_its_line():
    doc = generate_final(random.Random(7), page_breaks=True)
    lines = doc.text.split("\n")
    assert len(doc.cells) > 60 and {c.role for c in doc.cells} == NINE - {"F7", "F8"}
    for c in doc.cells:
        assert lines[c.line - 1].split("\t")[c.field] == c.text, c
