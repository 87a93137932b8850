"""Whole folders: every document below is found (sorted, hidden folders skipped), bad
ones are reported without stopping the others, and the output is the same for any
``--jobs``.  (Speed is measured by benchmarks/folder.py, not asserted here.)"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from budgetcheck.app.folders import discover, run
from budgetcheck.engine import Settings
from budgetcheck.reporters.jsonout import render
from tests.synth import generate
from .helpers import run_inprocess

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "2023-xiamen-hrss-budget.txt"


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return run_inprocess(*args, cwd=cwd)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """Synthetic documents in nested folders, plus an empty, a binary and a table-less file."""
    root = tmp_path_factory.mktemp("tree")
    master = random.Random(7)
    for i in range(8):
        folder = root / ("b" if i % 2 else "a") / ("deep" if i % 3 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        doc = generate(random.Random(master.getrandbits(64)), page_breaks=bool(i % 2))
        (folder / f"doc-{i}.txt").write_text(doc.text, encoding="utf-8")
    (root / "a" / "empty.txt").write_bytes(b"")
    (root / "b" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "b" / "prose.txt").write_text("部门预算说明\n\n一、部门职责\n负责全市工作。\n", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.txt").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "a" / "notes.md").write_text("# notes\n", encoding="utf-8")
    return root


def test_discover_sorts_and_skips_hidden_folders(tree):
    found = discover([str(tree)])
    rel = [Path(p).relative_to(tree).as_posix() for p in found]
    assert rel == sorted(rel) and len(rel) == 11
    assert not any(r.startswith(".git") for r in rel) and "a/notes.md" not in rel
    assert [Path(p).relative_to(tree).as_posix() for p in discover([str(tree)], "*.md")] == ["a/notes.md"]
    assert [Path(p).name for p in discover([str(tree / "a"), str(tree / "a" / "empty.txt")])].count("empty.txt") == 1


def test_parallel_gives_the_same_reports_in_process(tree):
    items = discover([str(tree)])
    one, two = run(items, Settings(), jobs=1), run(items, Settings(), jobs=2)
    assert render(one) == render(two)
    assert [r.path for r in two] == [p for p in items]


def test_cli_folder_same_output_for_any_jobs(tree):
    runs = {jobs: cli(tree, "verify", ".", "--format", "json", "--jobs", str(jobs), "--no-config") for jobs in (1, 2)}
    assert runs[1].stdout == runs[2].stdout and runs[1].stderr == runs[2].stderr
    assert runs[1].returncode == runs[2].returncode == 2
    report = json.loads(runs[1].stdout)
    paths = [d["path"] for d in report["documents"]]
    assert paths == sorted(paths) and len(paths) == 11
    broken = {Path(d["path"]).name for d in report["documents"] if d.get("error")}
    assert broken == {"empty.txt", "binary.txt", "prose.txt"}
    assert all(d["summary"]["errors"] == 0 for d in report["documents"] if not d.get("error"))
    errors = runs[1].stderr.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("budgetcheck: error:") for line in errors)
    assert "\x1b" not in runs[1].stderr  # no progress bar when not on a terminal


def test_console_ends_with_a_summary_table(tree):
    proc = cli(tree, "verify", "a", "b", "--jobs", "2", "--quiet", "--no-config")
    assert proc.returncode == 2
    tail = proc.stdout[proc.stdout.index("Summary"):]
    for name, status in (("a/empty.txt", "unreadable"), ("b/prose.txt", "not verified"), ("a/deep/doc-0.txt", "ok"), ("b/doc-1.txt", "ok")):
        row = next(line for line in tail.splitlines() if name in line)
        assert status in row
    assert "errors" in tail and "warnings" in tail and "notices" in tail and "status" in tail


def test_errors_and_worst_exit_code(tree, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace("2,510.33\t2,510.33\t1,950.01\t560.32",
                                                       "2,510.33\t2,510.33\t1,950.01\t506.32")
    (tmp_path / "bad.txt").write_text(text, encoding="utf-8")
    (tmp_path / "good.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    proc = cli(tmp_path, "verify", ".", "--no-config")
    assert proc.returncode == 1
    assert "bad.txt" in proc.stdout and "errors" in proc.stdout[proc.stdout.index("Summary"):]


def test_empty_folder_and_bad_jobs(tmp_path):
    (tmp_path / "nothing").mkdir()
    proc = cli(tmp_path, "verify", "nothing", "--no-config")
    assert proc.returncode == 2 and proc.stderr.count("budgetcheck: error:") == 1 and "directory" in proc.stderr
    proc = cli(tmp_path, "verify", str(SAMPLE), "--jobs", "0", "--no-config")
    assert proc.returncode == 2 and proc.stderr.startswith("budgetcheck: error: --jobs")


def test_prerendered_json_is_not_reused_once_findings_change(tmp_path):
    """Workers render each document's JSON part; waivers, baselines and --cross change the
    findings afterwards, and then the part must be rendered again, not reused."""
    from dataclasses import replace

    from budgetcheck.app.folders import run as run_batch
    from budgetcheck.reporters.jsonout import prerender, render

    paths = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(str(path))
    reports = run_batch(paths, Settings(), jobs=2, render=prerender)
    assert all(r.rendered for r in reports)
    plain = [replace(r, rendered=None) for r in reports]
    assert render(reports) == render(plain)
    changed = [replace(reports[0], findings=reports[0].findings[1:]), reports[1]]
    assert render(changed) == render([replace(r, rendered=None) for r in changed])
    assert render(changed) != render(reports)
