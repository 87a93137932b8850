"""Configuration: where it is found, what it may say, how the command line overrides it,
and the two things it changes in the arithmetic (rounding mode, extra tolerance)."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from budgetcheck.core.rounding import OK, ROUNDING, VIOLATION, compare_at_most, compare_sum, policy
from budgetcheck.app.config import discover, load
from budgetcheck.core.errors import UsageError
from budgetcheck.core.model import Amount
from .helpers import run_inprocess

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "2023-xiamen-hrss-budget.txt"
# T5 names 2080101 行政运行 as T3 does; renaming it in T5 is a BC151 (warning) finding
T5_NAME = "2080101\t行政运行\t2,510.33\t2,510.33\t1,950.01"
T5_RENAMED = "2080101\t行政管理\t2,510.33\t2,510.33\t1,950.01"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return run_inprocess(*args, cwd=cwd)


def one_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-500:], proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("budgetcheck: error:"), proc.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.fixture
def renamed(tmp_path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(T5_NAME) == 1
    path = tmp_path / "doc.txt"
    path.write_text(text.replace(T5_NAME, T5_RENAMED), encoding="utf-8")
    return path


def a(text: str) -> Amount:
    return Amount(Decimal(text), Decimal("0.01"), "万元", text)


# --- arithmetic under a policy -------------------------------------------------------


def test_nearest_is_the_default_and_unchanged():
    c = compare_sum(a("10.00"), [a("5.00"), a("5.01")])
    assert c.status == ROUNDING and c.tolerance == Decimal("0.015") and c.bound == Decimal("0.015")


def test_truncate_reads_a_figure_as_the_interval_from_it_upwards():
    with policy("truncate"):
        # total ∈ [10.00, 10.01), parts ∈ [5.00, 5.01) + [5.01, 5.02): parts ≥ 10.01 > total
        assert compare_sum(a("10.00"), [a("5.00"), a("5.01")]).status == VIOLATION
        # total 10.01 against parts summing to 10.00 (+ up to 0.02): within truncation
        c = compare_sum(a("10.01"), [a("5.00"), a("5.00")])
        assert c.status == ROUNDING and c.bound == Decimal("0.02")
        assert compare_sum(a("10.02"), [a("5.00"), a("5.00")]).status == VIOLATION  # the bound is open
        assert compare_sum(a("10.02"), [a("3.00"), a("3.00"), a("4.00")]).status == ROUNDING
        assert compare_sum(a("10.00"), [a("5.00"), a("5.00")]).status == OK
        # small ≤ big: 5.01 ≤ [5.00, 5.01) fails; 5.00 ≤ 5.00 holds
        assert compare_at_most(a("5.01"), a("5.00")).status == VIOLATION
        assert compare_at_most(a("5.00"), a("5.00")).status == OK
    assert compare_sum(a("10.00"), [a("5.00"), a("5.01")]).status == ROUNDING  # back to the default


def test_extra_tolerance_is_added_in_its_unit_only():
    c = compare_sum(a("10.00"), [a("5.00"), a("5.02")])
    assert c.status == VIOLATION
    with policy("nearest", {"万元": Decimal("0.01")}):
        c = compare_sum(a("10.00"), [a("5.00"), a("5.02")])
        assert c.status == ROUNDING and c.tolerance == Decimal("0.025")
        yuan = Amount(Decimal(10), Decimal(1), "元", "10")
        assert compare_sum(yuan, [Amount(Decimal(12), Decimal(1), "元", "12")]).status == VIOLATION


def test_the_sample_under_truncation_and_extra_tolerance():
    from budgetcheck.app.api import verify_path
    from budgetcheck.engine import Settings

    default = verify_path(SAMPLE)
    assert default.summary == {"errors": 0, "warnings": 0, "notices": len(default.findings)}
    loose = verify_path(SAMPLE, Settings(tolerance={"万元": Decimal("0.05")}))
    assert loose.summary["errors"] == 0
    assert {f.tolerance for f in loose.findings if f.rule == "BC101"} == {"0.065"}
    truncated = verify_path(SAMPLE, Settings(rounding="truncate"))
    assert truncated.error == "" and truncated.summary["errors"] > 0  # these figures were rounded, not cut


# --- discovery -----------------------------------------------------------------------


def test_discovery_walks_upwards_and_first_section_wins(tmp_path):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert discover(deep) is None or not str(discover(deep)).startswith(str(tmp_path))
    (tmp_path / "budgetcheck.toml").write_text('strict = true\n', encoding="utf-8")
    assert discover(deep) == tmp_path / "budgetcheck.toml"
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert discover(deep) == tmp_path / "budgetcheck.toml"  # no section: keep looking
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.budgetcheck]\nlang = "zh"\n', encoding="utf-8")
    assert discover(deep) == tmp_path / "a" / "pyproject.toml"
    (deep / "budgetcheck.toml").write_text("", encoding="utf-8")
    assert discover(deep) == deep / "budgetcheck.toml"


def test_load_merges_file_and_command_line(tmp_path):
    (tmp_path / "budgetcheck.toml").write_text(
        'select = ["tables", "BC151"]\nstrict = true\nwaivers = "w.toml"\n[severity]\ncode-name = "error"\n'
        '[tolerance]\n"万元" = "0.01"\n[documents]\n2023 = "a.txt"\n', encoding="utf-8")
    config = load(overrides={"strict": False}, cwd=tmp_path)
    path = str(tmp_path / "budgetcheck.toml")
    assert config.sources == {"select": path, "ignore": "default", "severity": path, "rounding": "default",
                              "tolerance": path, "strict": "command line", "lang": "default", "waivers": path,
                              "require_tables": "default", "kind": "default"}
    settings = config.settings()
    assert settings.strict is False
    assert "BC101" in settings.select and "BC151" in settings.select and "BC001" not in settings.select
    assert settings.severity == {"BC151": "error"}
    assert settings.tolerance == {"万元": Decimal("0.01")}
    assert config.values["waivers"] == str(tmp_path / "w.toml")
    assert config.reserved == {"documents": {"2023": "a.txt"}}
    assert load(no_config=True, cwd=tmp_path).sources["strict"] == "default"


@pytest.mark.parametrize("content,needle", [
    ("colour = true\n", "'colour'"),
    ('select = ["BC999"]\n', "'BC999'"),
    ('ignore = ["no-such-rule"]\n', "'no-such-rule'"),
    ('[severity]\nBC998 = "error"\n', "'BC998'"),
    ('[severity]\nBC151 = "fatal"\n', "fatal"),
    ('rounding = "up"\n', "'up'"),
    ('[tolerance]\n"万元" = 0.01\n', "decimal string"),
    ('[tolerance]\n"千元" = "1"\n', "'千元'"),
    ('strict = "yes"\n', "strict"),
    ('lang = "fr"\n', "'fr'"),
    ("select = [\n", "invalid TOML"),
])
def test_bad_configuration_names_the_problem(tmp_path, content, needle):
    (tmp_path / "budgetcheck.toml").write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=None) as info:
        load(cwd=tmp_path)
    assert needle in str(info.value) and "budgetcheck.toml" in str(info.value)


# --- the command line ------------------------------------------------------------------


def test_configured_severity_changes_the_exit_code(tmp_path, renamed):
    assert run(tmp_path, "verify", "doc.txt").returncode == 0  # BC151 is a warning
    (tmp_path / "budgetcheck.toml").write_text('[severity]\nBC151 = "error"\n', encoding="utf-8")
    proc = run(tmp_path, "verify", "doc.txt", "--format", "json")
    assert proc.returncode == 1
    assert {f["severity"] for f in json.loads(proc.stdout)["documents"][0]["findings"] if f["rule"] == "BC151"} \
        == {"error"}
    assert run(tmp_path, "verify", "doc.txt", "--no-config").returncode == 0


def test_pyproject_section_from_a_subfolder(tmp_path, renamed):
    (tmp_path / "pyproject.toml").write_text('[tool.budgetcheck]\nignore = ["codes"]\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    proc = run(sub, "verify", str(renamed), "--format", "json")
    rules = {f["rule"] for f in json.loads(proc.stdout)["documents"][0]["findings"]}
    assert rules and not rules & {"BC151", "BC152", "BC153", "BC154"}


def test_explicit_config_file_and_command_line_override(tmp_path, renamed):
    cfg = tmp_path / "house.toml"
    cfg.write_text('strict = true\nselect = ["BC101"]\n', encoding="utf-8")
    proc = run(tmp_path, "verify", "doc.txt", "--config", str(cfg), "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 1 and {f["rule"] for f in report["documents"][0]["findings"]} == {"BC101"}
    proc = run(tmp_path, "verify", "doc.txt", "--config", str(cfg), "--no-strict", "--format", "json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["summary"]["errors"] == 0


def test_config_command_shows_sources(tmp_path):
    (tmp_path / "budgetcheck.toml").write_text('rounding = "truncate"\n[documents]\n2023 = "a.txt"\n',
                                               encoding="utf-8")
    proc = run(tmp_path, "config", "--strict", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    path = str(tmp_path / "budgetcheck.toml")
    assert data["file"] == path
    assert data["values"]["rounding"] == "truncate" and data["sources"]["rounding"] == path
    assert data["values"]["strict"] is True and data["sources"]["strict"] == "command line"
    assert data["sources"]["select"] == "default"
    text = run(tmp_path, "config", "--lang", "zh").stdout
    assert 'rounding = "truncate"' in text and f"# {path}" in text
    assert 'lang = "zh"' in text and "# 命令行" in text  # --lang zh: the comments are Chinese too
    assert "documents" in text and "budgetcheck diff" in text


@pytest.mark.parametrize("args,needle", [
    (("--config", "missing.toml"), "missing.toml"),
    (("--config", "budgetcheck.toml", "--no-config"), "--no-config"),
    (("--select", "nonsense"), "'nonsense'"),
    (("--rounding", "nearest", "--lang", "xx"), "'xx'"),
])
def test_bad_command_line(tmp_path, args, needle):
    (tmp_path / "budgetcheck.toml").write_text("", encoding="utf-8")
    one_error(run(tmp_path, "config", *args), needle)


def test_unknown_key_in_a_found_file_stops_verify(tmp_path, renamed):
    (tmp_path / "budgetcheck.toml").write_text("stirct = true\n", encoding="utf-8")
    one_error(run(tmp_path, "verify", "doc.txt"), "stirct", "budgetcheck.toml")


def test_pyproject_given_without_a_section(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    one_error(run(tmp_path, "config", "--config", "pyproject.toml"), "[tool.budgetcheck]")
