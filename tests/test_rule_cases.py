"""Each rule's cases as data (src/budgetcheck/rules/cases/BC101.toml …): every case
gives exactly the findings it expects, and every rule has a file with at least two
failing and two passing cases."""

from __future__ import annotations

import pytest

from budgetcheck.rules import cases
from budgetcheck.rules.ruleset import all_rules

ALL = cases.all_cases()
MIN_CASES = 2
# Part B (BC003, BC007, BC010 and the rules from BC171 up, written in another worktree)
# is in progress: until it is merged, a missing file of theirs is an expected failure.
# Make this strict at merge (drop the xfail).
PART_B_FROM = "BC171"
PART_B = {"BC003", "BC007", "BC010"}
# Rules that neither part writes cases for: the run rules (a waiver that matched
# nothing, an expired waiver) need a waiver file, which a case cannot give today.
# Listed so the gap is visible; to be decided at merge.
UNASSIGNED = {"BC091", "BC092"}


@pytest.mark.parametrize("case", ALL, ids=[c.id for c in ALL])
def test_case(case):
    problem = case.mismatch(case.findings())
    assert not problem, problem


def _coverage_params():
    out = []
    for rule_id in all_rules():
        if rule_id >= PART_B_FROM or rule_id in PART_B:
            marks = [pytest.mark.xfail(reason="part B's case files (merged later)", strict=False)]
        elif rule_id in UNASSIGNED:
            marks = [pytest.mark.xfail(reason="no case file planned yet (see UNASSIGNED)", strict=False)]
        else:
            marks = []
        out.append(pytest.param(rule_id, marks=marks, id=rule_id))
    return out


@pytest.mark.parametrize("rule_id", _coverage_params())
def test_every_rule_has_its_cases(rule_id):
    assert cases.has_cases(rule_id), f"{rule_id} has no file src/budgetcheck/rules/cases/{rule_id}.toml"
    rc = cases.load(rule_id)
    assert len(rc.fails) >= MIN_CASES and len(rc.passes) >= MIN_CASES, \
        f"{rule_id}: {len(rc.fails)} failing and {len(rc.passes)} passing cases; at least {MIN_CASES} of each"


def test_missing_case_files_are_listed():
    """Not a check: the rules still without a file, for whoever runs ``pytest -rA``."""
    missing = [r for r in all_rules() if not cases.has_cases(r)]
    print("rules without a case file:", ", ".join(missing) or "none")


def test_every_file_names_its_rule_and_loads():
    known = set(all_rules())
    for rule_id in cases.rule_ids():
        assert rule_id in known, f"{rule_id}.toml: no such rule"
        rc = cases.load(rule_id)  # raises CaseError naming the file and the case
        assert rc.rule == rule_id
        for case in rc.cases:
            case.document()  # every replacement occurs exactly once


@pytest.mark.parametrize("data,message", [
    ({"rule": "BC101", "colour": 1}, "unknown key(s) colour"),
    ({"base": "sample"}, "`rule = \"BC…\"` is missing"),
    ({"rule": "BC102"}, "says rule = 'BC102'"),
    ({"rule": "BC101", "base": "elsewhere"}, "unknown base 'elsewhere'"),
    ({"rule": "BC101", "fail": [{"replace": [["a", "b"]], "expect": [{"severity": "error"}]}]},
     "BC101-fail-1: `why` is missing"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace": [["a", "b"]], "expect": [], "note": ""}]},
     "BC101-pass-1: unknown key(s) note"),
    ({"rule": "BC101", "fail": [{"why": "x", "replace": [["a", "b"]], "expect": []}]},
     "a failing case must expect at least one error or warning"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace": [["a", "b"]], "expect": [{"severity": "warning"}]}]},
     "never errors or warnings"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace": [["a", "b"]], "expect": [{"severity": "bad"}]}]},
     "severity must be one of"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace": [["a", "b"]], "expect": [{"severity": "notice", "cell": "A1"}]}]},
     "unknown key(s) cell"),
    ({"rule": "BC101", "pass": [{"why": "x", "text": "t", "replace": [["a", "b"]], "expect": []}]},
     "not both"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace": [["a"]], "expect": []}]}, "[old, new] pairs"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace": [["a", "b"]]}]}, "`expect` is missing"),
])
def test_bad_files_are_named(data, message):
    with pytest.raises(cases.CaseError) as err:
        cases.parse(data, "BC101.toml", "BC101")
    assert str(err.value).startswith("BC101.toml") and message in str(err.value), str(err.value)


def test_a_replacement_must_occur_once():
    rc = cases.parse({"rule": "BC101", "fail": [{"why": "x", "replace": [["合计", "总计"]],
                                                 "expect": [{"severity": "error"}]}]}, "BC101.toml", "BC101")
    with pytest.raises(cases.CaseError, match=r"BC101.toml BC101-fail-1: replacement 1: '合计' occurs \d+ times"):
        rc.fails[0].document()


def test_expected_findings_match_as_a_multiset():
    from budgetcheck.core.model import Finding, Location

    def finding(sev, row, column=""):
        return Finding("BC101", "row-crossfoot", sev, "m", "m", Location(table="T5", row=row, column=column))

    rc = cases.parse({"rule": "BC101", "fail": [{"why": "x", "replace": [["a", "b"]], "expect": [
        {"severity": "error", "table": "T5"}, {"severity": "error", "row": "2080101", "column": "公用支出"}]}]},
        "BC101.toml", "BC101")
    case = rc.fails[0]
    both = [finding("error", "2080101", "基本支出/公用支出"), finding("error", "208")]
    assert case.mismatch(both) == ""
    assert case.mismatch(both[:1])  # one too few
    assert case.mismatch(both + [finding("notice", "20801")])  # one too many
    assert case.mismatch([finding("error", "208"), finding("error", "20801")])  # the specific one unmatched


def test_describe_needs_no_seeds(monkeypatch):
    monkeypatch.setattr(cases, "_ROOT", cases._ROOT / "nowhere")
    text = cases.describe("BC101")
    assert "fails 1:" in text and "passes 1:" in text and "gives: error T5 row 2080101" in text
    with pytest.raises(cases.CaseError, match="not there"):
        cases.load("BC101").fails[0].document()
    assert cases.describe("BC999") == ""
