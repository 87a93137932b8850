"""Each rule's cases as data (src/budgetcheck/rules/cases/BC101.toml …, FORMAT.md there):
every case of every file gives exactly the findings it expects, however it is run (an
edit of the sample, a whole text, several documents, a workbook, a waiver file, other
settings), and every rule has a file with at least two failing and two passing cases."""

from __future__ import annotations

import dataclasses

import pytest

from budgetcheck.core.model import Finding, Location
from budgetcheck.engine import Settings
from budgetcheck.rules import cases
from budgetcheck.rules.ruleset import all_rules

from .rule_cases import findings, mismatch, settings_of

ALL = cases.all_cases()
MIN_CASES = 2


@pytest.mark.parametrize("case", ALL, ids=[c.id for c in ALL])
def test_case(case):
    problem = mismatch(case)
    assert not problem, problem


@pytest.mark.parametrize("rule_id", list(all_rules()))
def test_every_rule_has_its_cases(rule_id):
    assert cases.has_cases(rule_id), f"{rule_id} has no file src/budgetcheck/rules/cases/{rule_id}.toml"
    rc = cases.load(rule_id)
    assert len(rc.fails) >= MIN_CASES and len(rc.passes) >= MIN_CASES, \
        f"{rule_id}: {len(rc.fails)} failing and {len(rc.passes)} passing cases; at least {MIN_CASES} of each"


def test_every_file_names_its_rule_and_loads():
    known = set(all_rules())
    for rule_id in cases.rule_ids():
        assert rule_id in known, f"{rule_id}.toml: no such rule"
        rc = cases.load(rule_id)  # raises CaseError naming the file and the case
        assert rc.rule == rule_id
        for case in rc.cases:
            case.texts() if case.documents else case.document()  # every replacement occurs exactly once
            settings_of(case)  # every option is a setting


def test_every_kind_of_case_is_run():
    """The runner is not left with a kind of case it never meets."""
    runs = {c.run for c in ALL}
    assert runs == {"document", "documents", "workbook", "waivers"}, runs
    assert any(c.options for c in ALL) and any(c.replace_prose for c in ALL) and any(c.text for c in ALL)
    assert any(c.edited and c.run == "workbook" for c in ALL) and any(c.edited and c.run == "waivers" for c in ALL)


# -- the runner is honest: a wrong expectation fails ------------------------------------

def _one_of_each_run():
    out = {}
    for case in ALL:
        out.setdefault((case.run, case.kind, case.edited), case)
    return sorted(out.values(), key=lambda c: c.id)


@pytest.mark.parametrize("case", _one_of_each_run(), ids=lambda c: c.id)
def test_a_wrong_expectation_is_reported(case):
    """For one case of every kind: expecting nothing, one finding more, or another
    severity (for each expected finding in turn) is a mismatch, and says what was got."""
    got = findings(case)
    extra = cases.Expected("error" if case.kind == "fail" else "notice", table="T99")
    wrong = [(), case.expect + (extra,)]
    for n, e in enumerate(case.expect):
        other = "warning" if e.severity != "warning" else "error"
        wrong.append(case.expect[:n] + (dataclasses.replace(e, severity=other),) + case.expect[n + 1:])
        for key in ("table", "row", "column", "line", "cell"):
            if getattr(e, key) is not None:  # a location given wrong
                bad = 999 if key == "line" else "no such place"
                wrong.append(case.expect[:n] + (dataclasses.replace(e, **{key: bad}),) + case.expect[n + 1:])
    for expect in wrong:
        if not expect and not got:
            continue  # a passing case that rightly gives nothing: expecting nothing is right
        problem = mismatch(dataclasses.replace(case, expect=expect))  # run again, the base reused
        assert problem.startswith(f"{case.source} {case.id}") and "\n  expected\n" in problem, (case.id, expect)
        assert all(f"    {f.severity} {f.location.table} " in problem for f in got) or not got, problem
    assert mismatch(case) == ""


def test_an_edit_case_is_compared_with_what_its_edit_brings():
    """BC212: the sample itself gives three notices (lists off by 0.01); the case that
    is the sample expects them, an edit of it expects only its own finding."""
    rc = cases.load("BC212")
    sample = next(c for c in rc.passes if not c.edited)
    assert len(sample.expect) == 3 and not mismatch(sample)
    edit = rc.fails[0]
    assert edit.edited and [e.severity for e in edit.expect] == ["error"] and not mismatch(edit)
    everything = dataclasses.replace(edit, expect=edit.expect + sample.expect)
    assert mismatch(everything)  # the base's own notices are not the edit's


# -- the loader ------------------------------------------------------------------------

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
    ({"rule": "BC101", "fail": [{"why": "x", "replace": [["a", "b"]], "expect": [{"severity": "notice"}]}]},
     "a failing case must expect at least one error or warning"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace": [["a", "b"]], "expect": [{"severity": "warning"}]}]},
     "never errors or warnings"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace": [["a", "b"]], "expect": [{"severity": "bad"}]}]},
     "severity must be one of"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace": [["a", "b"]], "expect": [{"severity": "notice", "place": "A1"}]}]},
     "unknown key(s) place"),
    ({"rule": "BC101", "pass": [{"why": "x", "expect": [{"severity": "notice", "line": "3"}]}]},
     "line must be a line number"),
    ({"rule": "BC101", "pass": [{"why": "x", "text": "t", "replace": [["a", "b"]], "expect": []}]},
     "not both"),
    ({"rule": "BC101", "pass": [{"why": "x", "text": "t", "replace_prose": [["a", "b"]], "expect": []}]},
     "not both"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace": [["a"]], "expect": []}]}, "[old, new] pairs"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace_prose": [["a", "a"]], "expect": []}]}, "changes nothing"),
    ({"rule": "BC101", "pass": [{"why": "x", "replace": [["a", "b"]]}]}, "`expect` is missing"),
    ({"rule": "BC101", "pass": [{"why": "x", "options": {"strict": {"a": 1}}, "expect": []}]}, "options.strict"),
    ({"rule": "BC101", "pass": [{"why": "x", "documents": [{"base": "sample"}], "expect": []}]}, "at least two"),
    ({"rule": "BC101", "pass": [{"why": "x", "documents": [{"base": "sample"}, {"text": "t", "base": "sample"}],
                                "expect": []}]}, "document 2: give `text`"),
    ({"rule": "BC101", "pass": [{"why": "x", "documents": [{"base": "sample"}, {"base": "sample", "where": 1}],
                                "expect": []}]}, "document 2: unknown key(s) where"),
    ({"rule": "BC101", "pass": [{"why": "x", "documents": [{"base": "x"}, {"base": "sample"}], "expect": []}]},
     "document 1: unknown base 'x'"),
    ({"rule": "BC101", "pass": [{"why": "x", "text": "t", "documents": [{}, {}], "expect": []}]},
     "no text beside it"),
    ({"rule": "BC101", "pass": [{"why": "x", "workbook": {"colour": "red"}, "expect": []}]},
     "workbook: unknown key(s) colour"),
    ({"rule": "BC101", "pass": [{"why": "x", "workbook": {"miss": ["T5", "208"]}, "expect": []}]},
     "workbook.miss must be a cell"),
    ({"rule": "BC101", "pass": [{"why": "x", "workbook": {"miss": ["T5", "208", "合计"]}, "expect": []}]},
     "needs workbook.formulas"),
    ({"rule": "BC101", "pass": [{"why": "x", "workbook": {"formula": [["T5", "208", "合计", "D1"]]}, "expect": []}]},
     "workbook.formula must be"),
    ({"rule": "BC101", "pass": [{"why": "x", "workbook": {}, "replace": [["a", "b"]], "expect": []}]},
     "no replace beside it"),
    ({"rule": "BC101", "base": "sample-2022", "pass": [{"why": "x", "workbook": {}, "expect": []}]},
     "exported from the base 'sample'"),
    ({"rule": "BC101", "pass": [{"why": "x", "waivers": "rule = 1", "expect": []}]}, "text of a waiver file"),
])
def test_bad_files_are_named(data, message):
    with pytest.raises(cases.CaseError) as err:
        cases.parse(data, "BC101.toml", "BC101")
    assert str(err.value).startswith("BC101.toml") and message in str(err.value), str(err.value)


def test_a_replacement_must_occur_once():
    for key, part in (("replace", "in the annex"), ("replace_prose", "before the line 附件1")):
        rc = cases.parse({"rule": "BC101", "fail": [{"why": "x", key: [["合计", "总计"]],
                                                     "expect": [{"severity": "error"}]}]}, "BC101.toml", "BC101")
        with pytest.raises(cases.CaseError, match=rf"BC101.toml BC101-fail-1: {key} 1: '合计' occurs \d+ times {part}"):
            rc.fails[0].document()
    rc = cases.parse({"rule": "BC101", "fail": [{"why": "x", "replace": [["no such text", "b"]],
                                                 "expect": [{"severity": "error"}]}]}, "BC101.toml", "BC101")
    with pytest.raises(cases.CaseError, match="occurs 0 times"):
        rc.fails[0].document()
    rc = cases.parse({"rule": "BC301", "fail": [{"why": "x", "documents": [
        {"base": "sample"}, {"base": "sample", "replace_prose": [["no such text", "b"]]}],
        "expect": [{"severity": "error"}]}]}, "BC301.toml", "BC301")
    with pytest.raises(cases.CaseError, match="BC301-fail-1 document 2: replace_prose 1: 'no such text' occurs 0"):
        rc.fails[0].texts()


def test_an_unknown_option_is_named():
    rc = cases.parse({"rule": "BC101", "pass": [{"why": "x", "options": {"stirct": True}, "expect": []}]},
                     "BC101.toml", "BC101")
    with pytest.raises(cases.CaseError, match=r"BC101-pass-1: options: unknown setting\(s\) stirct"):
        settings_of(rc.passes[0])
    rc = cases.parse({"rule": "BC101", "pass": [{"why": "x", "options": {"select": ["BC101"]}, "expect": []}]},
                     "BC101.toml", "BC101")
    assert settings_of(rc.passes[0]) == Settings(select=("BC101",))


def test_expected_findings_match_as_a_multiset():
    def finding(sev, row, column="", table="T5", line=None):
        return Finding("BC101", "row-crossfoot", sev, "m", "m", Location(table=table, row=row, column=column, line=line))

    rc = cases.parse({"rule": "BC101", "fail": [{"why": "x", "replace": [["a", "b"]], "expect": [
        {"severity": "error", "table": "T5"}, {"severity": "error", "row": "2080101", "column": "公用支出"}]}]},
        "BC101.toml", "BC101")
    case = rc.fails[0]
    both = [finding("error", "2080101", "基本支出/公用支出"), finding("error", "208")]
    assert case.mismatch(both) == ""
    assert case.mismatch(both[:1])  # one too few
    assert case.mismatch(both + [finding("notice", "20801")])  # one too many
    assert case.mismatch([finding("error", "208"), finding("error", "20801")])  # the specific one unmatched
    # in the prose the expected row is a few words of the sentence; elsewhere it is the whole row
    prose = cases.Expected("error", table="narrative", row="基本支出15,635.19", line=12)
    assert prose.matches(finding("error", "1. 基本支出15,635.19万元，", table="narrative", line=12))
    assert not prose.matches(finding("error", "1. 基本支出15,635.19万元，", table="narrative", line=13))
    assert not cases.Expected("error", table="T5", row="行政").matches(finding("error", "2080101 行政运行"))


def test_describe_needs_no_seeds(monkeypatch):
    monkeypatch.setattr(cases, "_ROOT", cases._ROOT / "nowhere")
    text = cases.describe("BC101")
    assert "fails 1:" in text and "passes 1:" in text and "gives: error T5 row 2080101" in text
    for rule_id in cases.rule_ids():
        assert cases.describe(rule_id) and cases.describe(rule_id, "zh")
    with pytest.raises(cases.CaseError, match="not there"):
        cases.load("BC101").fails[0].document()
    assert cases.describe("BC999") == ""
