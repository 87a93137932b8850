"""Each rule without a case file (src/budgetcheck/rules/cases/, see test_rule_cases.py): a
failing case made from the sample by one edit, and the sample itself as the passing
case.  The cases are data: (rule, expected severity, table, row, old, new)."""

from __future__ import annotations

import pytest

from budgetcheck.app.api import verify_text
from budgetcheck.rules import REGISTRY, cases

WITH_CASE_FILES = set(cases.rule_ids())

ANNEX = "附件1\n"
# rules whose failing cases live with their feature's tests (file formats, multi-document runs)
EXTERNAL: set[str] = {"BC003", "BC007", "BC010", "BC144", "BC145", "BC146", "BC171", "BC214", "BC216", "BC217", "BC218", "BC301", "BC302", "BC303", "BC091", "BC092"}
# (BC091, BC092: test_waivers) test_xlsx_read, test_coverage, test_understanding, test_selfeval (3), test_xlsx_formulas, test_execution (3), test_execution_diff (BC302, BC303), test_crossdoc, test_diff

# Rules with a case file (src/budgetcheck/rules/cases/BCxxx.toml, run by
# tests/test_rule_cases.py) have their failing and passing cases there; a tuple stays
# here only for a rule without one.
CASES: list[tuple[str, str, str, str, str, str]] = [
    # rule, severity, table, row, text in the annex, replacement
]


def mutate(text: str, old: str, new: str) -> str:
    head, annex = text.split(ANNEX, 1)
    assert annex.count(old) == 1, f"{old!r} must occur once in the annex"
    return head + ANNEX + annex.replace(old, new)


def test_every_rule_has_a_failing_case():
    from .test_narrative import MUTATIONS

    narrative = {m[3] for m in MUTATIONS} | {"BC203", "BC213"}  # test_omitted_subject…, test_ratio_…
    covered = {c[0] for c in CASES} | narrative | EXTERNAL | WITH_CASE_FILES
    assert covered >= set(REGISTRY), set(REGISTRY) - covered


@pytest.mark.parametrize("rule,severity,table,row,old,new", CASES, ids=[c[0] for c in CASES])
def test_rule_fails_on_its_case(sample_text, rule, severity, table, row, old, new):
    report = verify_text(mutate(sample_text, old, new), "mutated.txt")
    hits = [f for f in report.findings if f.rule == rule and f.severity == severity]
    assert hits, f"{rule} not reported; got {[(f.rule, f.severity, f.location.row) for f in report.findings if f.severity != 'notice']}"
    assert any(f.location.table == table and f.location.row == row for f in hits), [(f.location.table, f.location.row) for f in hits]
    if severity == "error":
        assert report.exit_code == 1


@pytest.mark.parametrize("rule", sorted(set(REGISTRY) - WITH_CASE_FILES))
def test_rule_passes_on_the_sample(sample_text, rule):
    report = verify_text(sample_text, "sample.txt")
    assert not [f for f in report.findings if f.rule == rule and f.severity != "notice"]


def test_every_rule_is_documented():
    for rule in REGISTRY.values():
        assert len(rule.doc) > 80 and "Fails" in rule.doc and "Passes" in rule.doc, rule.id


def test_strict_turns_rounding_into_errors(sample_text):
    from budgetcheck.engine import Settings

    report = verify_text(sample_text, "s.txt", Settings(strict=True))
    assert report.summary == {"errors": 23, "warnings": 0, "notices": 0}  # 20 in the tables, 3 in the prose
