"""Waivers and baselines: accepted findings are reported as such and stop counting;
stale and expired waivers are reported at their line; a baseline's fingerprints do
not depend on where the tables are in the text."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from budgetcheck.app.api import verify_path, verify_text
from budgetcheck.app.baselines import fingerprint, template
from budgetcheck.core.errors import UsageError
from budgetcheck.app.waivers import apply, load
from .helpers import run_inprocess

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "2023-xiamen-hrss-budget.txt"
GOOD_ROW = "2,510.33\t2,510.33\t1,950.01\t560.32"
BAD_ROW = "2,510.33\t2,510.33\t1,950.01\t506.32"  # BC101 at 2080101 and BC102 at 20801 (T5)
T6_ROW = "30201\t办公费\t332.14\t\t332.14"
T6_BAD = "30201\t办公费\t333.14\t\t333.14"  # another, independent error

WAIVERS = """\
# accepted findings of the 2023 budget
[[waiver]]
rule = "BC101"
document = "*.txt"
table = "T5"
row = "2080101"
reason = "typo acknowledged; corrected in the printed edition"

[[waiver]]
rule = "subtotal-tree"
document = "doc.txt"
table = "一般公共预算支出情况表"
row = "20801"
column = "基本支出/公用支出"
reason = "follows from the same typo"

[[waiver]]
rule = "BC101"
row = "9999999"
reason = "a row that does not exist"

[[waiver]]
rule = "BC152"
reason = "was accepted last year"
expires = 2020-12-31

[[waiver]]
rule = "BC151"
document = "other-*.txt"
reason = "names another document: never stale here"
"""


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return run_inprocess(*args, cwd=cwd)


def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def mutated(text: str | None = None) -> str:
    text = text or sample()
    assert text.count(GOOD_ROW) == 1
    return text.replace(GOOD_ROW, BAD_ROW)


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "doc.txt").write_text(mutated(), encoding="utf-8")
    (tmp_path / "waivers.toml").write_text(WAIVERS, encoding="utf-8")
    return tmp_path


# --- waivers -----------------------------------------------------------------------------


def test_waived_findings_are_reported_and_do_not_count(folder):
    assert run(folder, "verify", "doc.txt", "--no-config").returncode == 1
    proc = run(folder, "verify", "doc.txt", "--no-config", "--waivers", "waivers.toml", "--format", "json")
    assert proc.returncode == 0, proc.stdout[-2000:]
    report = json.loads(proc.stdout)
    doc, waivers = report["documents"]
    waived = [f for f in doc["findings"] if f.get("waived")]
    assert {(f["rule"], f["location"]["row"]) for f in waived} == {("BC101", "2080101"), ("BC102", "20801")}
    assert waived[0]["waiver_reason"] in ("typo acknowledged; corrected in the printed edition",
                                          "follows from the same typo")
    assert all("waived" not in f for f in doc["findings"] if f not in waived)
    assert doc["summary"]["errors"] == 0 and doc["summary"]["waived"] == 2
    assert report["summary"]["waived"] == 2


def test_stale_and_expired_waivers_are_reported_at_their_line(folder):
    proc = run(folder, "verify", "doc.txt", "--no-config", "--waivers", "waivers.toml", "--format", "json")
    waivers = json.loads(proc.stdout)["documents"][1]
    assert waivers["path"] == "waivers.toml" and waivers["tables"] == []
    lines = WAIVERS.splitlines()
    got = {(f["rule"], f["name"], f["severity"], f["location"]["line"]) for f in waivers["findings"]}
    stale_line = next(i for i, line in enumerate(lines, 1) if "9999999" in line) - 2
    expired_line = next(i for i, line in enumerate(lines, 1) if "2020-12-31" in line) - 3
    assert lines[stale_line - 1] == lines[expired_line - 1] == "[[waiver]]"
    assert got == {("BC091", "stale-waiver", "warning", stale_line), ("BC092", "expired-waiver", "warning", expired_line)}
    assert waivers["summary"] == {"errors": 0, "warnings": 2, "notices": 0}


def test_console_dims_and_counts_waived(folder):
    proc = run(folder, "verify", "doc.txt", "--no-config", "--waivers", "waivers.toml", "--lang", "en")
    assert proc.returncode == 0
    assert "waived: typo acknowledged" in proc.stdout
    assert "0 errors, 0 warnings" in proc.stdout and "2 waived" in proc.stdout
    assert "BC091 stale-waiver" in proc.stdout and "BC092 expired-waiver" in proc.stdout


def test_expired_waiver_no_longer_applies(folder):
    waivers = load(folder / "waivers.toml")
    report = verify_path(folder / "doc.txt")
    duplicate = verify_text(sample().replace(T6_ROW + "\n", T6_ROW + "\n" + T6_ROW + "\n"), str(folder / "doc.txt"))
    assert any(f.rule == "BC152" for f in duplicate.findings)
    selected = {"BC091", "BC092", "BC101", "BC102", "BC152"}
    for today, counted in ((dt.date(2020, 12, 31), False), (dt.date(2021, 1, 1), True)):
        [out, *rest] = apply([duplicate], waivers, selected, {}, today)
        assert any(f.rule == "BC152" and not f.suppressed for f in out.findings) is counted
        assert any(f.rule == "BC092" for r in rest for f in r.findings) is counted
    [out, _] = apply([report], waivers, selected, {"BC091": "error"}, dt.date(2024, 1, 1))
    assert out.exit_code == 0


def test_waivers_from_the_configuration_file(folder):
    (folder / "budgetcheck.toml").write_text('waivers = "waivers.toml"\n', encoding="utf-8")
    sub = folder / "sub"
    sub.mkdir()
    proc = run(sub, "verify", "../doc.txt", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["waived"] == 2


def test_a_stale_waiver_can_be_made_an_error(folder):
    (folder / "budgetcheck.toml").write_text('waivers = "waivers.toml"\n[severity]\nstale-waiver = "error"\n',
                                             encoding="utf-8")
    proc = run(folder, "verify", "doc.txt")
    assert proc.returncode == 1 and "BC091" in proc.stdout


@pytest.mark.parametrize("content,needle", [
    ('[[waiver]]\nrule = "BC101"\n', "reason"),
    ('[[waiver]]\nreason = "x"\n', "rule"),
    ('[[waiver]]\nrule = "BC999"\nreason = "x"\n', "BC999"),
    ('[[waiver]]\nrule = "BC101"\nreason = "x"\nrows = "1"\n', "'rows'"),
    ('[[waiver]]\nrule = "BC101"\nreason = "x"\nexpires = "soon"\n', "expires"),
    ('[[waivers]]\nrule = "BC101"\nreason = "x"\n', "'waivers'"),
    ('[[waiver]\n', "invalid TOML"),
])
def test_bad_waiver_file(tmp_path, content, needle):
    path = tmp_path / "w.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load(path)
    assert needle in str(info.value) and "w.toml" in str(info.value)


def test_bad_waiver_file_on_the_command_line(folder):
    (folder / "bad.toml").write_text('[[waiver]]\nrule = "BC101"\n', encoding="utf-8")
    proc = run(folder, "verify", "doc.txt", "--no-config", "--waivers", "bad.toml")
    assert proc.returncode == 2 and proc.stderr.startswith("budgetcheck: error: bad.toml:1: a waiver needs a 'reason'")
    proc = run(folder, "verify", "doc.txt", "--no-config", "--waivers", "missing.toml")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and "missing.toml" in proc.stderr


# --- baseline ----------------------------------------------------------------------------


def move_annex_7(text: str) -> str:
    """The whole 附件7 block (the 三公 table) moved up, before 附件5."""
    start, end = text.index("附件7\n"), text.index("附件8\n")
    block, rest = text[start:end], text[:start] + text[end:]
    at = rest.index("附件5\n")
    return rest[:at] + block + rest[at:]


def test_fingerprints_survive_moving_a_table_and_shifting_lines():
    original = verify_text(mutated(), "doc.txt")
    moved_text = "\n\n" + move_annex_7(mutated())
    moved = verify_text(moved_text, "doc.txt")
    assert [t.role for t in moved.document.tables].index("T7") < [t.role for t in moved.document.tables].index("T5")
    assert {f.location.line for f in original.findings} != {f.location.line for f in moved.findings}
    assert sorted(map(fingerprint, original.findings)) == sorted(map(fingerprint, moved.findings))
    assert len(set(map(fingerprint, original.findings))) == len(original.findings)


def test_fingerprint_ignores_values_but_not_the_place():
    assert template("403 = sum of its 10 sub-items: differs by -0.03 万元") == "# = sum of its # sub-items: differs by # 万元"
    report = verify_text(mutated(), "doc.txt")
    bc101 = next(f for f in report.findings if f.rule == "BC101" and f.location.row == "2080101")
    again = verify_text(mutated().replace("2,510.33\t2,510.33\t1,950.01\t506.32",
                                          "2,510.33\t2,510.33\t1,950.01\t507.32"), "doc.txt")
    same = next(f for f in again.findings if f.rule == "BC101" and f.location.row == "2080101")
    assert bc101.difference != same.difference and fingerprint(bc101) == fingerprint(same)
    other = next(f for f in report.findings if f.rule == "BC101" and f.location.row != "2080101")
    assert fingerprint(other) != fingerprint(bc101)


def test_baseline_counts_only_new_findings(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(mutated(), encoding="utf-8")
    proc = run(tmp_path, "verify", "doc.txt", "--no-config", "--write-baseline", "baseline.json", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["findings"] and {e["document"] for e in data["findings"]} == {"doc.txt"}
    assert json.loads(proc.stdout)["summary"]["baseline"] == len(data["findings"])

    doc.write_text(move_annex_7(mutated()), encoding="utf-8")  # re-laid out: still nothing new
    proc = run(tmp_path, "verify", "doc.txt", "--no-config", "--baseline", "baseline.json", "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["summary"]["baseline"] == len(data["findings"])
    assert all(f.get("baseline") for f in report["documents"][0]["findings"])

    doc.write_text(move_annex_7(mutated()).replace(T6_ROW, T6_BAD), encoding="utf-8")  # one new error
    proc = run(tmp_path, "verify", "doc.txt", "--no-config", "--baseline", "baseline.json", "--format", "json")
    report = json.loads(proc.stdout)
    new = [f for f in report["documents"][0]["findings"] if not f.get("baseline")]
    assert proc.returncode == 1 and new and all(f["location"]["table"] == "T6" for f in new if f["severity"] == "error")
    sarif = run(tmp_path, "verify", "doc.txt", "--no-config", "--baseline", "baseline.json", "--format", "sarif")
    states = {r["baselineState"] for r in json.loads(sarif.stdout)["runs"][0]["results"]}
    assert states == {"new", "unchanged"}

    doc.write_text(mutated(), encoding="utf-8")
    sub = tmp_path / "sub"  # the baseline names documents relative to itself, not to the working directory
    sub.mkdir()
    assert run(sub, "verify", "../doc.txt", "--no-config", "--baseline", "../baseline.json").returncode == 0
    assert run(sub, "verify", "../doc.txt", "--no-config").returncode == 1


def test_bad_baseline_file(tmp_path):
    (tmp_path / "doc.txt").write_text(sample(), encoding="utf-8")
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    for name in ("b.json", "missing.json"):
        proc = run(tmp_path, "verify", "doc.txt", "--no-config", "--baseline", name)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and name in proc.stderr


def test_machine_formats_with_waivers_and_a_baseline(folder):
    import xml.etree.ElementTree as ET

    from .test_formats import assert_valid_sarif

    args = ("verify", "doc.txt", "--no-config", "--waivers", "waivers.toml", "--write-baseline", "b.json")
    log = assert_valid_sarif(run(folder, *args, "--format", "sarif").stdout)
    [sarif_run] = log["runs"]
    results = sarif_run["results"]
    waived = [r for r in results if r.get("suppressions")]
    assert len(waived) == 2 and all(r["suppressions"][0]["justification"] for r in waived)
    about_waivers = [r for r in results if r["ruleId"] in ("BC091", "BC092")]
    assert len(about_waivers) == 2
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in about_waivers} == {"waivers.toml"}
    assert {"BC091", "BC092"} <= {rule["id"] for rule in sarif_run["tool"]["driver"]["rules"]}
    assert {r["baselineState"] for r in results if r["ruleId"] not in ("BC091", "BC092")} == {"unchanged", "new"}

    root = ET.fromstring(run(folder, *args, "--format", "junit").stdout)
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"doc.txt", "waivers.toml"} and root.get("failures") == "0"
    assert [c.get("name") for c in suites["waivers.toml"].findall("testcase")] == ["BC091 stale-waiver",
                                                                                  "BC092 expired-waiver"]
    github = run(folder, *args, "--format", "github").stdout.splitlines()
    assert any(line.startswith("::warning file=waivers.toml,line=") for line in github)
    assert not any("title=BC101" in line for line in github)  # accepted: not annotated
