"""One figure changed at a time, across every table of the sample: each change is an
error (a rename a warning) that names the table and the row.

The mutations are built here from the sample's own rows, so every cell that an
identity covers is exercised: a digit transposition, a changed subtotal, a deleted
row, an amount typed in 元, a renamed subject.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pytest

from budgetcheck.app.api import verify_text
from budgetcheck.core.figures import fmt
from budgetcheck.readers import read_document
from budgetcheck.reporters.jsonout import finding as as_json

from .conftest import SAMPLE

CHECKED = ("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T9", "T10")


@lru_cache(maxsize=1)
def _doc():
    return read_document(SAMPLE)


def _lines():
    return SAMPLE.read_text(encoding="utf-8").split("\n")


def _replace_field(line: str, old: str, new: str, last: bool = False) -> str:
    fields = line.split("\t")
    matches = [i for i, f in enumerate(fields) if f.strip() == old]
    k = matches[-1] if last else matches[0]
    fields[k] = new
    return "\t".join(fields)


def _transpose(text: str) -> str | None:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    for a, b in zip(digits, digits[1:]):
        if text[a] != text[b]:
            return text[:a] + text[b] + text[a + 1:b] + text[a] + text[b + 1:]
    return None


def _cells():
    for table in _doc().tables:
        if table.role not in CHECKED:
            continue
        for row in table.rows:
            for col, amount in zip(table.columns, row.amounts):
                if amount is not None and amount.value != 0:
                    yield table, row, col, amount


#: The whole sweep (every cell, three kinds of change) is in the full run; the fast loop
#: (``-m "not slow"``) keeps one mutation in this many, and the first of each table.
FAST_EVERY = 12


def _mutations():
    seen: set[str] = set()
    for i, param in enumerate(_every_mutation()):
        role = param.values[0]
        if i % FAST_EVERY == 0 or role not in seen:
            seen.add(role)
            yield param
        else:
            yield pytest.param(*param.values, id=param.id, marks=pytest.mark.slow)


def _every_mutation():
    for table, row, col, amount in _cells():
        where = f"{table.role}:{row.name}:{col.label}"
        last = row.side == "expenditure" or (table.role == "T10" and row.line == _partner_line(table, row))
        swapped = _transpose(amount.text)
        if swapped:
            yield pytest.param(table.role, row.name, row.line, amount.text, swapped, last, id=f"transpose:{where}")
        in_yuan = fmt(amount.value * 10000, Decimal("0.01"))
        yield pytest.param(table.role, row.name, row.line, amount.text, in_yuan, last, id=f"yuan:{where}")
        if row.is_total or row.kind in ("year_total", "grand_total") or (row.code and len(row.code.text) < 7
                                                                         and table.role != "T9"):
            changed = fmt(amount.value + 100, amount.quantum)
            yield pytest.param(table.role, row.name, row.line, amount.text, changed, last, id=f"subtotal:{where}")


def _names(finding) -> set[tuple[str, str]]:
    return {(finding.location.table, finding.location.row)} | {(r.table, r.row) for r in finding.related}


def _check_json(finding) -> None:
    data = as_json(finding)
    for key in ("rule", "name", "severity", "message", "message_zh", "location", "expected", "actual", "difference",
                "tolerance"):
        assert key in data
    for key in ("table", "row", "column", "line"):
        assert key in data["location"]
    for key in ("expected", "actual", "difference", "tolerance"):
        assert isinstance(data[key], str)


def _partner_line(table, row):
    """T10 prints two structures per line: the second one's figures are the later fields."""
    first = next(r for r in table.rows if r.line == row.line)
    return row.line if first is not row else -1


@pytest.mark.parametrize("role,row,line,old,new,last", list(_mutations()))
def test_changed_figure_is_an_error_at_its_row(role, row, line, old, new, last):
    lines = _lines()
    lines[line - 1] = _replace_field(lines[line - 1], old, new, last)
    report = verify_text("\n".join(lines), "mutated.txt")
    errors = [f for f in report.findings if f.severity == "error"]
    assert errors, f"no error for {old} → {new}"
    located = [f for f in errors if f.location.table == role and f.location.row == row]
    assert located or any((role, row) in _names(f) for f in errors), \
        [(f.rule, f.location.table, f.location.row) for f in errors]
    for f in errors:
        _check_json(f)


def _deletions():
    for table in _doc().tables:
        if table.role not in ("T2", "T3", "T5", "T6", "T9"):
            continue
        for row in table.body:
            if any(a is not None and a.value != 0 for a in row.amounts):
                parent = row.code.parent.text if row.code and row.code.parent else "合计"
                yield pytest.param(table.role, row.name, parent, row.line, id=f"delete:{table.role}:{row.name}")


@pytest.mark.parametrize("role,code,parent,line", list(_deletions()))
def test_deleted_row_is_an_error_naming_its_parent(role, code, parent, line):
    lines = _lines()
    del lines[line - 1]
    report = verify_text("\n".join(lines), "mutated.txt")
    errors = [f for f in report.findings if f.severity == "error"]
    rows = {(f.location.table, f.location.row) for f in errors}
    parents = {parent, "合计", "403"} if role in ("T2", "T9") else {parent}
    # the parent's sum fails, or the other table misses the row, or its children lose their parent
    assert (any((role, p) in rows for p in parents) or any(r == code for _, r in rows)
            or any(f"parent row {code}" in f.message for f in errors)
            or any("none of its sub-items" in f.message for f in errors if (role, f.location.row) in rows)), rows


def _renames():
    doc = _doc()
    seen: dict[str, int] = {}
    for table in doc.tables:
        if table.role in ("T2", "T3", "T5", "T9"):
            for row in table.body:
                if row.code is not None:
                    seen[row.code.text] = seen.get(row.code.text, 0) + 1
    for table in doc.tables:
        if table.role in ("T2", "T3", "T5", "T9"):
            for row in table.body:
                if row.code is not None and seen[row.code.text] > 1 and row.label:
                    yield pytest.param(table.role, row.name, row.line, row.label, id=f"rename:{table.role}:{row.name}")


@pytest.mark.parametrize("role,code,line,name", list(_renames()))
def test_renamed_subject_is_a_warning_naming_the_row(role, code, line, name):
    lines = _lines()
    lines[line - 1] = _replace_field(lines[line - 1], name, name[:-1] + "（改）")
    report = verify_text("\n".join(lines), "mutated.txt")
    hits = [f for f in report.findings if f.rule == "BC151" and f.severity == "warning"]
    assert any((role, code) in _names(f) for f in hits), [(f.location.table, f.location.row) for f in hits]
    assert not [f for f in report.findings if f.severity == "error"]
