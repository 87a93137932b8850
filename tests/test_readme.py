"""The README stays true: its rule list, its commands, its sample."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_list_is_current():
    generated = subprocess.run([sys.executable, "-m", "budgetcheck", "rules", "--format", "markdown", "--lang", "en"],
                               capture_output=True, text=True, check=True).stdout.strip()
    section = README.split("<!-- rules:start -->", 1)[1].split("<!-- rules:end -->", 1)[0].strip()
    assert section == generated, "run `budgetcheck rules --format markdown` and paste it into README.md"


def test_test_command_is_the_one_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "test-command" in ci
    after = README.split("<!-- test-command -->", 1)[1].splitlines()
    assert after[1:3] == ["```sh", "python -m pytest"]


def test_install_command_verifies_the_bundled_sample():
    assert "budgetcheck verify seeds/2023-xiamen-hrss-budget.txt" in README
    assert (ROOT / "seeds" / "2023-xiamen-hrss-budget.txt").exists()


def _block(marker_start: str, marker_end: str) -> str:
    return README.split(marker_start, 1)[1].split(marker_end, 1)[0]


def test_examples_run_on_the_bundled_samples(tmp_path):
    """Every command of "Using it" runs as written in seeds/ (here a copy of it)."""
    import shlex
    import shutil

    from .helpers import run_cli

    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    block = _block("<!-- examples:start -->", "<!-- examples:end -->")
    commands = [shlex.split(line, comments=True) for line in block.splitlines() if line.startswith("budgetcheck ")]
    assert len(commands) >= 15 and "cd seeds" in block
    for argv in commands:
        proc = run_cli(*argv[1:], "--no-config", cwd=seeds) if argv[1] in ("verify", "config") else \
            run_cli(*argv[1:], cwd=seeds)
        assert proc.returncode in (0, 1), (argv, proc.stderr[-2000:])
        assert "budgetcheck: error" not in proc.stderr, (argv, proc.stderr[-2000:])


def _quoted(heading: str, nth: int = 0) -> list[str]:
    """The lines of the nth ```text block after ``heading``, without the elided ones."""
    after = README.split(heading, 1)[1]
    block = after.split("```text\n")[nth + 1].split("```", 1)[0]
    return [line.rstrip() for line in block.splitlines() if line.strip() and line.strip() != "…"]


def _in_order(expected: list[str], output: str) -> None:
    lines = [line.rstrip() for line in output.splitlines()]
    at = 0
    for want in expected:
        want = want.rstrip("…").rstrip() if want.endswith("…") else want
        hit = next((i for i in range(at, len(lines)) if lines[i].startswith(want)), None)
        assert hit is not None, f"README line not in the current output (in order): {want!r}"
        at = hit + 1


def test_sample_output_is_the_current_output(tmp_path):
    """The README's quoted reports are what `budgetcheck verify` prints today."""
    from .helpers import run_cli

    sample = "seeds/2023-xiamen-hrss-budget.txt"
    proc = run_cli("verify", sample, "--no-config", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    _in_order(_quoted("### Sample output"), proc.stdout)
    text = (ROOT / sample).read_text(encoding="utf-8")
    typo = tmp_path / "typo.txt"
    typo.write_text(text.replace("1,950.01\t560.32", "1,950.01\t506.32"), encoding="utf-8")
    proc = run_cli("verify", str(typo), "--no-config", "--lang", "en")
    assert proc.returncode == 1, proc.stderr
    _in_order(_quoted("### Sample output", 1), proc.stdout)
