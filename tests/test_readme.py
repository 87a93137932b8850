"""The README stays true: its rule list, its commands, its sample."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_list_is_current():
    generated = subprocess.run([sys.executable, "-m", "budgetcheck", "rules", "--format", "markdown"],
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
