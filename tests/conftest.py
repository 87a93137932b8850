"""Shared fixtures: the bundled sample, and the real documents in ../shared when present.

Tests that read ../shared skip with a clear reason in a user's clone (where shared/ is
absent) and fail under CI=true, so that CI always runs them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed set of examples, so that a landing never depends
# on the draw; on a developer's machine they explore new examples on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() == "true":
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent

# ``PYTHONPATH=src python -m pytest`` (as when checking a worktree): made absolute, so
# that every command-line run a test starts in another folder (tmp_path, a copy of
# seeds/) imports the code under test, not an installed copy of budgetcheck.
if os.environ.get("PYTHONPATH"):
    os.environ["PYTHONPATH"] = os.pathsep.join(
        os.path.abspath(p) for p in os.environ["PYTHONPATH"].split(os.pathsep) if p)
SAMPLE = ROOT / "seeds" / "2023-xiamen-hrss-budget.txt"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: the real documents of ../shared are not in this checkout"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + " (CI must run these tests)")
        pytest.skip(reason)
    return path


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def real_seed() -> Path:
    return shared_path("seeds", "003_ea1bb5bc2e951766.txt")
