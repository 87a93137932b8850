"""Rule documentation: ``explain`` shows each rule's failing and passing example, and
every rule, document rules and run rules alike, has both."""

from __future__ import annotations

import subprocess
import sys

from budgetcheck.rules.ruleset import all_rules, explain

from .conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetcheck", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=60)


def test_every_rule_has_both_examples():
    for rule in all_rules().values():
        parts = explain(rule.doc)
        assert parts.description and parts.fails and parts.passes, rule.id
        assert "Passes:" not in parts.fails and "Fails:" not in parts.passes, rule.id


def test_examples_are_cut_at_their_sentence():
    parts = explain("Summary.\n\nBody.\n\nFails: a ``1 | 2``\nstill failing.  Passes: b.\nA note.")
    assert (parts.description, parts.fails, parts.passes, parts.notes) == \
        ("Summary.\n\nBody.", "a ``1 | 2`` still failing.", "b.", "A note.")


def test_explain_shows_the_examples():
    proc = run("explain", "BC101")
    assert proc.returncode == 0
    out = proc.stdout
    assert out.startswith("BC101 row-crossfoot")
    assert "Examples:\n  fails:  ``2080101 行政运行 2,510.33 | 2,510.33 | 1,950.01 | 506.32 |``" in out
    assert "\n  passes: ``2080101 行政运行 2,510.33 | 2,510.33 | 1,950.01 | 560.32 |``." in out


def test_explain_every_rule_and_groups():
    every = run("explain").stdout
    assert all(f"\n{rule_id} " in "\n" + every for rule_id in all_rules())
    assert every.count("Examples:") == len(all_rules())
    codes = run("explain", "codes").stdout
    assert codes.startswith("BC151") and "BC101" not in codes
    brief = run("explain", "--examples").stdout.splitlines()
    assert len(brief) == 3 * len(all_rules())
    assert run("explain", "BC091").stdout.startswith("BC091 stale-waiver")


def test_precommit_hook_definition():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: budgetcheck\n" in text
    assert "  entry: budgetcheck verify\n" in text and "  language: python\n" in text
    assert "  files: '\\.(txt|xlsx|pdf)$'\n" in text
