"""No output can overwrite an input (issue 14, point 1).

Every output option (``-o``, ``--write-baseline``, ``--annotate``, ``export --to``,
``diff -o``) is tried against every input kind (text, workbook, PDF), named directly,
through a symlink and through a hard link, and as a file inside a folder given as
input: each is refused with one line and exit 2 before anything is read, and the
input's bytes are unchanged.  Reports written into a folder are not checked as
budgets on the next folder run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from budgetcheck.app.outputs import guard, write_atomic, written_by_us
from budgetcheck.core.errors import UsageError

from .conftest import SAMPLE
from .helpers import one_error_line, run_inprocess

OPTIONS = [
    ("verify", "-o"),
    ("verify", "--write-baseline"),
    ("verify", "--annotate"),
    ("verify-as-one", "--annotate"),
    ("verify-json", "-o"),
    ("export", "--to"),
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    text = folder / "说明.txt"
    shutil.copy(SAMPLE, text)
    book = folder / "annexes.xlsx"
    assert run_inprocess("export", str(text), "--to", str(book)).returncode == 0
    pdf = folder / "预算.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    return {"text": text, "workbook": book, "pdf": pdf}


def _args(command: str, option: str, source: Path, target: Path) -> list[str]:
    if command == "export":
        return ["export", str(source), "--to", str(target)]
    if command == "verify-as-one":
        return ["verify", str(source), str(SAMPLE), "--as-one", option, str(target)]
    if command == "verify-json":
        return ["verify", str(source), "-f", "json", option, str(target)]
    return ["verify", str(source), option, str(target)]


@pytest.mark.parametrize("kind", ["text", "workbook", "pdf"])
@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "relative"])
@pytest.mark.parametrize("command,option", OPTIONS)
def test_no_output_overwrites_an_input(inputs, tmp_path, kind, how, command, option):
    source = inputs[kind]
    before = _digest(source)
    if how == "same":
        target = source
    elif how == "relative":
        target = Path(os.path.relpath(source, Path.cwd()))
    else:
        target = tmp_path / ("link" + source.suffix)
        (target.symlink_to if how == "symlink" else target.hardlink_to)(source)
    proc = run_inprocess(*_args(command, option, source, target))
    one_error_line(proc)
    assert _digest(source) == before


def test_second_of_two_inputs(inputs, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SAMPLE, a)
    shutil.copy(SAMPLE, b)
    before = _digest(b)
    line = one_error_line(run_inprocess("verify", str(a), str(b), "-o", str(b)), "--output", "input")
    assert "b.txt" in line and _digest(b) == before


def test_file_inside_an_input_folder(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    before = _digest(tmp_path / "a.txt")
    one_error_line(run_inprocess("verify", str(tmp_path), "-o", str(tmp_path / "a.txt")))
    assert _digest(tmp_path / "a.txt") == before


def test_waivers_and_baseline_files_are_inputs_too(tmp_path):
    waivers = tmp_path / "waivers.toml"
    waivers.write_text("", encoding="utf-8")
    one_error_line(run_inprocess("verify", str(SAMPLE), "--waivers", str(waivers), "-o", str(waivers)))
    base = tmp_path / "base.json"
    assert run_inprocess("verify", str(SAMPLE), "--write-baseline", str(base)).returncode == 0
    before = _digest(base)
    one_error_line(run_inprocess("verify", str(SAMPLE), "--baseline", str(base), "-o", str(base)))
    assert _digest(base) == before
    # rewriting the baseline one reads is how a baseline is updated
    assert run_inprocess("verify", str(SAMPLE), "--baseline", str(base), "--write-baseline", str(base)).returncode == 0


def test_two_outputs_on_one_file(tmp_path):
    out = tmp_path / "r.json"
    one_error_line(run_inprocess("verify", str(SAMPLE), "-o", str(out), "--write-baseline", str(out)), "same file")
    assert not out.exists()


def test_diff_output_onto_a_document(tmp_path):
    a, b = tmp_path / "2022.txt", tmp_path / "2023.txt"
    shutil.copy(SAMPLE.with_name("2022-xiamen-hrss-budget.txt"), a)
    shutil.copy(SAMPLE, b)
    before = _digest(b)
    one_error_line(run_inprocess("diff", str(a), str(b), "-o", str(b)), "input")
    assert _digest(b) == before


FORMATS = ["console", "json", "sarif", "junit", "github"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_reports_are_not_checked_as_budgets(tmp_path, fmt):
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    report = tmp_path / f"report-{fmt}.txt"
    assert run_inprocess("verify", str(tmp_path), "-f", fmt, "-o", str(report)).returncode in (0, 1)
    assert written_by_us(report)
    proc = run_inprocess("verify", str(tmp_path), "-f", "json")
    paths = [Path(d["path"]).name for d in json.loads(proc.stdout)["documents"]]
    assert paths == ["a.txt"]


@pytest.mark.parametrize("fmt", ["console", "json", "markdown", "csv"])
def test_diff_reports_are_recognised(tmp_path, fmt):
    out = tmp_path / f"diff-{fmt}.txt"
    args = ("diff", str(SAMPLE.with_name("2022-xiamen-hrss-budget.txt")), str(SAMPLE), "-f", fmt, "-o", str(out))
    assert run_inprocess(*args).returncode in (0, 1)
    assert written_by_us(out)


def test_baseline_and_annotated_copy_are_recognised(tmp_path, inputs):
    base = tmp_path / "base.txt"
    assert run_inprocess("verify", str(SAMPLE), "--write-baseline", str(base)).returncode == 0
    assert written_by_us(base)
    marked = tmp_path / "marked.xlsx"
    assert run_inprocess("verify", str(inputs["workbook"]), "--annotate", str(marked)).returncode in (0, 1)
    assert written_by_us(marked)
    assert not written_by_us(inputs["workbook"]) and not written_by_us(SAMPLE)


def test_documents_are_not_mistaken_for_reports():
    for path in (SAMPLE, SAMPLE.with_name("2022-xiamen-hrss-budget.txt")):
        assert not written_by_us(path)


def test_atomic_write_leaves_no_half_file(tmp_path, monkeypatch):
    target = tmp_path / "r.txt"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(UsageError, match="No space left"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


def test_guard_accepts_new_files(tmp_path):
    guard({"--output": tmp_path / "new.json"}, [SAMPLE])
    with pytest.raises(UsageError):
        guard({"--output": SAMPLE}, [SAMPLE])
