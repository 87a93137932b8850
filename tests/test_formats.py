"""The CI formats: SARIF 2.1.0 (validated against the official schema), JUnit XML and
GitHub workflow commands, with golden files for the sample and a mutated copy.

Golden files live in fixtures/golden/.  After an intended change of output, regenerate
them with ``BUDGETCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_formats.py`` and
review the diff.  The runs use ``--no-config --lang en`` and the table rules only
(``--select reading,tables,codes``), so that a new narrative rule does not change
every golden file; document paths are relative (the run's working directory is the
document's folder or the project root).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from .helpers import run_cli_together

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "fixtures" / "golden"
SCHEMA = ROOT / "fixtures" / "data" / "sarif-schema-2.1.0.json"
SAMPLE = "seeds/2023-xiamen-hrss-budget.txt"
GOOD_ROW = "2,510.33\t2,510.33\t1,950.01\t560.32"
BAD_ROW = "2,510.33\t2,510.33\t1,950.01\t506.32"
FIXED = ("--no-config", "--lang", "en", "--select", "reading,tables,codes")
FORMATS = {"sarif": "sarif", "junit": "junit.xml", "github": "github.txt"}
UPDATE = os.environ.get("BUDGETCHECK_UPDATE_GOLDEN") == "1"


def run_all(commands: list[tuple[Path, tuple[str, ...]]]) -> list[subprocess.CompletedProcess]:
    """Run several `budgetcheck verify` command lines at once (cwd, args), as a user would."""
    return run_cli_together([(cwd, ("verify", *args)) for cwd, args in commands])


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[tuple[str, str], subprocess.CompletedProcess]:
    folder = tmp_path_factory.mktemp("formats")
    text = (ROOT / SAMPLE).read_text(encoding="utf-8")
    assert text.count(GOOD_ROW) == 1
    (folder / "mutated.txt").write_text(text.replace(GOOD_ROW, BAD_ROW), encoding="utf-8")
    plan = [((name, fmt), cwd, (path, "--format", fmt, *FIXED))
            for name, cwd, path in (("sample", ROOT, SAMPLE), ("mutated", folder, "mutated.txt"))
            for fmt in (*FORMATS, "json")]
    done = run_all([(cwd, args) for _, cwd, args in plan])
    return {key: proc for (key, _, _), proc in zip(plan, done)}


@pytest.mark.parametrize("name", ["sample", "mutated"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_golden(outputs, name, fmt):
    proc = outputs[(name, fmt)]
    assert proc.returncode == (0 if name == "sample" else 1), proc.stderr
    golden = GOLDEN / f"{name}.{FORMATS[fmt]}"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(proc.stdout, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run with BUDGETCHECK_UPDATE_GOLDEN=1"
    assert proc.stdout == golden.read_text(encoding="utf-8"), \
        f"{golden.name} differs: if the change is intended, regenerate with BUDGETCHECK_UPDATE_GOLDEN=1"


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def assert_valid_sarif(text: str) -> dict:
    log = json.loads(text)
    errors = sorted(_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [(list(e.path), e.message[:300]) for e in errors[:5]]
    return log


@pytest.mark.parametrize("name", ["sample", "mutated"])
def test_sarif_validates_and_matches_the_json(outputs, name):
    log = assert_valid_sarif(outputs[(name, "sarif")].stdout)
    report = json.loads(outputs[(name, "json")].stdout)
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert rules and all(r["id"] and r["name"] and r["help"]["text"] for r in rules)
    findings = [f for d in report["documents"] for f in d["findings"]]
    assert len(run["results"]) == len(findings)
    levels = {"error": "error", "warning": "warning", "notice": "note"}
    for result, f in zip(run["results"], findings):
        assert result["ruleId"] == f["rule"] and rules[result["ruleIndex"]]["id"] == f["rule"]
        assert result["level"] == levels[f["severity"]]
        [loc] = result["locations"]
        assert loc["physicalLocation"]["region"]["startLine"] == f["location"]["line"]
        logical = loc["logicalLocations"][0]["properties"]
        assert logical["table"] == f["location"]["table"] and logical.get("row", "") == f["location"]["row"]
        assert logical.get("column", "") == f["location"]["column"]
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_mutated_points_at_the_changed_row(outputs):
    run = json.loads(outputs[("mutated", "sarif")].stdout)["runs"][0]
    hits = [r for r in run["results"] if r["ruleId"] == "BC101" and r["level"] == "error"]
    assert any(r["locations"][0]["logicalLocations"][0]["properties"]["row"] == "2080101" for r in hits)
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "mutated.txt" for r in hits)


@pytest.mark.parametrize("name", ["sample", "mutated"])
def test_junit_parses_and_counts_match(outputs, name):
    root = ET.fromstring(outputs[(name, "junit")].stdout)
    report = json.loads(outputs[(name, "json")].stdout)
    rules = json.loads(outputs[(name, "sarif")].stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == int(suite.get("tests")) == int(root.get("tests")) == len(rules)
    errors_by_rule = {}
    for f in report["documents"][0]["findings"]:
        if f["severity"] == "error":
            errors_by_rule[f["rule"]] = errors_by_rule.get(f["rule"], 0) + 1
    failed = {c.get("name").split()[0]: c.find("failure") for c in cases if c.find("failure") is not None}
    assert set(failed) == set(errors_by_rule)
    assert int(suite.get("failures")) == int(root.get("failures")) == len(errors_by_rule)
    for rule, failure in failed.items():
        assert failure.get("message").startswith(f"{errors_by_rule[rule]} error")
        assert len(failure.text.splitlines()) == errors_by_rule[rule]
    assert suite.get("errors") == "0"


GITHUB_LINE = re.compile(r"^::(error|warning|notice)( [a-z]+=[^,:\r\n]*(,[a-z]+=[^,:\r\n]*)*)?::[^\r\n]*$")


@pytest.mark.parametrize("name", ["sample", "mutated"])
def test_github_commands_syntax(outputs, name):
    lines = outputs[(name, "github")].stdout.splitlines()
    report = json.loads(outputs[(name, "json")].stdout)
    findings = [f for d in report["documents"] for f in d["findings"]]
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(findings) and lines[-1].startswith("budgetcheck: ")
    kinds = {"error": "error", "warning": "warning", "notice": "notice"}
    for line, f in zip(commands, findings):
        assert GITHUB_LINE.match(line), line
        assert line.startswith(f"::{kinds[f['severity']]} file=")
        assert f",line={f['location']['line']},title={f['rule']}::" in line


def test_github_escaping():
    from budgetcheck.reporters.github import command, escape_data, escape_property

    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = command("error", {"file": "预算/a,b:c.txt", "line": 3, "title": "BC101"}, "x: 1,2\n3%")
    assert line == "::error file=预算/a%2Cb%3Ac.txt,line=3,title=BC101::x: 1,2%0A3%25"
    assert GITHUB_LINE.match(line)
    assert command("notice", {"file": "", "line": None}, "m") == "::notice::m"


def test_unreadable_document_in_every_format(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sample = ROOT / SAMPLE
    runs = run_all([(tmp_path, (str(sample), "empty.txt", "--format", fmt, "--no-config")) for fmt in FORMATS])
    sarif, junit, github = runs
    assert all(p.returncode == 2 for p in runs)
    log = assert_valid_sarif(sarif.stdout)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "empty" in note["message"]["text"]
    root = ET.fromstring(junit.stdout)
    bad = [s for s in root.findall("testsuite") if s.get("name") == "empty.txt"][0]
    assert bad.get("errors") == "1" and bad.find("testcase/error") is not None
    assert root.get("errors") == "1"
    assert any(line.startswith("::error file=empty.txt,title=budgetcheck::") for line in github.stdout.splitlines())


def test_output_file_for_every_format(tmp_path, outputs):
    runs = run_all([(ROOT, (SAMPLE, "--format", fmt, *FIXED, "--output", str(tmp_path / f"out.{fmt}")))
                    for fmt in FORMATS])
    for fmt, proc in zip(FORMATS, runs):
        assert proc.returncode == 0 and proc.stdout == ""
        assert (tmp_path / f"out.{fmt}").read_text(encoding="utf-8") == outputs[("sample", fmt)].stdout


def test_output_file_that_cannot_be_written(tmp_path):
    [proc] = run_all([(ROOT, (SAMPLE, "--format", "sarif", "--output", str(tmp_path / "no" / "x.sarif")))])
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("budgetcheck: error:") and "x.sarif" in lines[0]
