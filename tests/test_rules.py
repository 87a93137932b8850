"""What holds for every rule beside its cases (src/budgetcheck/rules/cases/, run by
test_rule_cases.py): each is documented with a failing and a passing example, and
``--strict`` turns the rounding notices of the sample into errors."""

from __future__ import annotations

from budgetcheck.app.api import verify_text
from budgetcheck.engine import Settings
from budgetcheck.rules import REGISTRY


def test_every_rule_is_documented():
    for rule in REGISTRY.values():
        assert len(rule.doc) > 80, rule.id  # its examples are its case file (tests/test_rule_cases.py)


def test_strict_turns_rounding_into_errors(sample_text):
    assert verify_text(sample_text, "s.txt").summary["notices"] == 23
    report = verify_text(sample_text, "s.txt", Settings(strict=True))
    assert report.summary == {"errors": 23, "warnings": 0, "notices": 0}  # 20 in the tables, 3 in the prose
