"""The command line as a user runs it: ``python -m budgetcheck …`` in a subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from .helpers import cli_env, one_error_line, run_cli
from .helpers import run_inprocess

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "2023-xiamen-hrss-budget.txt"
# The sample's annex tables give 0 errors, 0 warnings and 20 rounding notices; rules on the
# narrative text may add notices of their own, so those are counted separately.
SAMPLE_TABLE_NOTICES = 20
TABLE_ID = re.compile(r"^T\d+$")
GOOD_ROW = "2,510.33\t2,510.33\t1,950.01\t560.32"
BAD_ROW = "2,510.33\t2,510.33\t1,950.01\t506.32"  # 1,950.01 + 506.32 ≠ 2,510.33

FINDING_KEYS = {"rule", "name", "severity", "message", "message_zh", "location",
                "expected", "actual", "difference", "tolerance", "unit", "related"}
LOCATION_KEYS = {"table", "title", "row", "column", "line"}
TABLE_KEYS = {"id", "title", "rows", "unit", "line"}
AMOUNT_KEYS = ("expected", "actual", "difference", "tolerance")


_env = cli_env


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return run_inprocess(*args, env=env or _env())


def run_json(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    proc = run("verify", *args, "--format", "json", env=env)
    return proc, json.loads(proc.stdout)



def findings(report: dict) -> list[dict]:
    return [f for doc in report["documents"] for f in doc["findings"]]


def table_findings(report: dict) -> list[dict]:
    """Findings located in the annex tables (T1…T11), not in the narrative."""
    return [f for f in findings(report) if TABLE_ID.match(f["location"]["table"] or "")]


def number(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("+", ""))


@pytest.fixture(scope="module")
def mutated(tmp_path_factory) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(GOOD_ROW) == 1
    path = tmp_path_factory.mktemp("mutated") / "mutated.txt"
    path.write_text(text.replace(GOOD_ROW, BAD_ROW), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample_json() -> tuple[subprocess.CompletedProcess, dict]:
    return run_json(str(SAMPLE))


# --- verify ------------------------------------------------------------------------


def test_verify_sample_console():
    proc = run("verify", str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    summary = [line for line in proc.stdout.splitlines() if "0 errors" in line]
    assert summary, proc.stdout[-2000:]
    assert re.search(r"\b0 errors, 0 warnings, \d+ notices", summary[-1]), summary[-1]


def test_verify_sample_json_shape(sample_json):
    proc, report = sample_json
    assert proc.returncode == 0, proc.stderr
    assert set(report) == {"version", "documents", "summary"}
    assert report["version"] == 1
    [doc] = report["documents"]
    assert {"path", "tables", "findings", "summary"} <= set(doc)
    assert "error" not in doc
    assert report["summary"] == doc["summary"]
    assert doc["summary"] == {"errors": 0, "warnings": 0, "notices": len(doc["findings"])}
    in_tables = table_findings(report)
    assert len(in_tables) == SAMPLE_TABLE_NOTICES
    assert doc["tables"], "the sample's tables are listed"
    for table in doc["tables"]:
        assert TABLE_KEYS <= set(table), table
        assert isinstance(table["rows"], int) and isinstance(table["line"], int)
    ids = {t["id"] for t in doc["tables"]}
    assert {f"T{n}" for n in range(1, 12)} <= ids
    for f in doc["findings"]:
        assert FINDING_KEYS <= set(f), f
        assert LOCATION_KEYS <= set(f["location"]), f["location"]
        assert f["severity"] == "notice"
        for key in (*AMOUNT_KEYS, "unit"):
            assert isinstance(f[key], str), (key, f)
        for key in AMOUNT_KEYS:
            number(f[key])  # a decimal figure, written exactly
        for loc in f["related"]:
            assert LOCATION_KEYS <= set(loc)


def test_mutated_copy_gives_a_located_bc101_error(mutated):
    proc, report = run_json(str(mutated))
    assert proc.returncode == 1, proc.stderr
    errors = [f for f in findings(report) if f["severity"] == "error"]
    assert report["summary"]["errors"] == len(errors) > 0
    hits = [f for f in errors if f["rule"] == "BC101"
            and f["location"]["table"] == "T5" and f["location"]["row"] == "2080101"]
    assert hits, errors
    f = hits[0]
    assert f["name"] == "row-crossfoot"
    for key in AMOUNT_KEYS:
        assert isinstance(f[key], str) and f[key], (key, f)
    assert number(f["actual"]) == Decimal("2510.33")
    assert number(f["expected"]) == Decimal("1950.01") + Decimal("506.32")
    assert abs(number(f["difference"])) == Decimal("54.00")
    assert Decimal(0) < number(f["tolerance"]) < Decimal("0.1")
    assert f["unit"] == "万元"
    assert f["location"]["line"] > 0


def test_mutated_copy_console(mutated):
    proc = run("verify", str(mutated))
    assert proc.returncode == 1
    assert "BC101" in proc.stdout and "2080101" in proc.stdout


def test_strict_turns_notices_into_errors(sample_json):
    notices = sample_json[1]["summary"]["notices"]
    assert notices >= SAMPLE_TABLE_NOTICES
    proc, report = run_json(str(SAMPLE), "--strict")
    assert proc.returncode == 1
    assert report["summary"] == {"errors": notices, "warnings": 0, "notices": 0}
    assert run("verify", str(SAMPLE), "--strict").returncode == 1


def test_lang_zh_and_en():
    zh = run("verify", str(SAMPLE), "--lang", "zh")
    en = run("verify", str(SAMPLE), "--lang", "en")
    assert zh.returncode == en.returncode == 0
    # the findings' messages, not only the (always Chinese) table titles
    assert "四舍五入" in zh.stdout and "提示" in zh.stdout
    assert "四舍五入" not in en.stdout and "within the rounding" in en.stdout


def test_lang_from_locale():
    proc = run("verify", str(SAMPLE), env=_env(LANG="zh_CN.UTF-8"))
    assert proc.returncode == 0
    assert "四舍五入" in proc.stdout


def test_lang_unknown():
    one_error_line(run("verify", str(SAMPLE), "--lang", "fr"), "fr")


def test_select_only_reports_that_rule(mutated):
    proc, report = run_json(str(SAMPLE), str(mutated), "--select", "BC101")
    rules = {f["rule"] for f in findings(report)}
    assert rules == {"BC101"}
    assert proc.returncode == 1
    _, by_name = run_json(str(SAMPLE), "--select", "row-crossfoot")
    assert {f["rule"] for f in findings(by_name)} == {"BC101"}


def test_ignore_drops_that_rule():
    proc, report = run_json(str(SAMPLE), "--ignore", "BC101,BC102")
    rules = {f["rule"] for f in findings(report)}
    assert rules and not rules & {"BC101", "BC102"}
    assert proc.returncode == 0


def test_select_unknown_rule():
    line = one_error_line(run("verify", str(SAMPLE), "--select", "NOPE"), "NOPE")
    assert "Traceback" not in line


def test_format_xml_is_refused():
    proc = run("verify", str(SAMPLE), "--format", "xml")
    assert proc.returncode == 2
    assert proc.stdout == ""


def test_format_xml_gives_one_error_line():
    one_error_line(run("verify", str(SAMPLE), "--format", "xml"), "xml")


def test_unknown_option_gives_one_error_line():
    one_error_line(run("verify", str(SAMPLE), "--no-such-option"))


def test_output_file_gets_the_json(tmp_path, sample_json):
    target = tmp_path / "report.json"
    proc = run("verify", str(SAMPLE), "--format", "json", "--output", str(target))
    assert proc.returncode == 0
    assert proc.stdout.strip() == ""
    assert target.read_text(encoding="utf-8") == sample_json[0].stdout
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["errors"] == 0


def test_output_file_console_format(tmp_path):
    target = tmp_path / "report.txt"
    proc = run("verify", str(SAMPLE), "-o", str(target))
    assert proc.returncode == 0
    assert "0 errors" in target.read_text(encoding="utf-8")


def test_output_file_unwritable(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "budgetcheck", "verify", str(SAMPLE), "--format", "json",
         "--output", str(tmp_path / "no-such-dir" / "report.json")],
        capture_output=True, text=True, encoding="utf-8", errors="replace", env=_env(), timeout=60, cwd=ROOT,
    )
    one_error_line(proc)
    assert "Traceback" not in proc.stderr


def test_output_file_is_a_directory(tmp_path):
    one_error_line(run("verify", str(SAMPLE), "--output", str(tmp_path)))


# --- rules, explain, version ----------------------------------------------------------


def test_rules_table_lists_bc101():
    proc = run("rules")
    assert proc.returncode == 0
    assert "BC101" in proc.stdout and "row-crossfoot" in proc.stdout


def test_rules_markdown():
    proc = run("rules", "--format", "markdown")
    assert proc.returncode == 0
    lines = proc.stdout.strip().splitlines()
    assert re.match(r"^\|\s*id\s*\|", lines[0]), lines[0]
    assert re.match(r"^\|(\s*:?-+:?\s*\|)+$", lines[1]), lines[1]
    width = lines[0].count("|")
    rows = lines[2:]
    assert all(line.startswith("|") and line.endswith("|") and line.count("|") == width for line in rows), rows
    assert any(line.startswith("| BC101 |") for line in rows)
    from budgetcheck.rules import REGISTRY

    assert len(rows) == len(REGISTRY)


def test_explain_prints_the_docstring():
    from budgetcheck.rules import REGISTRY

    proc = run("explain", "BC101")
    assert proc.returncode == 0
    assert proc.stdout.startswith("BC101")
    assert REGISTRY["BC101"].doc.strip() in proc.stdout
    assert run("explain", "row-crossfoot").stdout == proc.stdout


def test_explain_unknown_rule():
    one_error_line(run("explain", "BC999"), "BC999")


def test_version():
    from budgetcheck import __version__

    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"budgetcheck {__version__}"


# --- determinism, several files ---------------------------------------------------------


def test_json_is_deterministic(mutated):
    # two real processes: a hash seed only takes at interpreter start
    first = run_cli("verify", str(SAMPLE), str(mutated), "--format", "json", env=_env(PYTHONHASHSEED="1"))
    second = run_cli("verify", str(SAMPLE), str(mutated), "--format", "json", env=_env(PYTHONHASHSEED="2"))
    assert first.returncode == second.returncode == 1
    assert first.stdout.encode() == second.stdout.encode()


def test_several_files_sample_and_missing(tmp_path, sample_json):
    missing = tmp_path / "missing.txt"
    proc, report = run_json(str(SAMPLE), str(missing))
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert proc.stderr.startswith("budgetcheck: error:") and "missing.txt" in proc.stderr
    good, bad = report["documents"]
    assert good["summary"] == sample_json[1]["summary"] and "error" not in good
    assert bad["error"] and bad["findings"] == []


def test_several_files_sample_and_mutated(mutated):
    proc, report = run_json(str(SAMPLE), str(mutated))
    assert proc.returncode == 1
    assert [d["summary"]["errors"] for d in report["documents"]][0] == 0
    assert report["documents"][1]["summary"]["errors"] > 0
    assert report["summary"]["errors"] == report["documents"][1]["summary"]["errors"]
    console = run("verify", str(SAMPLE), str(mutated))
    assert console.returncode == 1


def test_several_files_mutated_and_missing(tmp_path, mutated):
    proc = run("verify", str(mutated), str(tmp_path / "missing.txt"))
    assert proc.returncode == 2
