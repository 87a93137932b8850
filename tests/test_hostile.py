"""Hostile and damaged inputs (issue 14): each gives its exit code and, when it cannot
be read, exactly one ``budgetcheck: error:`` line; no input's bytes ever change; and
each stays inside its bound.

Every file is made here, into ``tmp_path``, by ``tests.synth.hostile`` (nothing
large is committed).  The command line runs as a child of a small wrapper process
that reports the child's peak memory (``resource.getrusage(RUSAGE_CHILDREN)``), so the
memory bound is measured on the real program.  Times are never asserted: the
timeouts below are generous safety limits, and the measurements themselves are in
``benchmarks/hostile.py`` and the README.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from budgetcheck.core.figures import is_number
from tests.synth import hostile as H

from .conftest import SAMPLE as _SAMPLE

H.SAMPLE = _SAMPLE  # the checkout's sample, whether budgetcheck runs from the source tree or installed

from .helpers import ROOT, cli_env

PEAK_MB = 1024  # the bound of issue 14: no input takes a gigabyte
TYPO_ROW = "2080101"

WRAPPER = r"""
import json, resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], capture_output=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
sys.stdout.write(json.dumps({"code": proc.returncode, "out": proc.stdout.decode("utf-8", "replace"),
                             "err": proc.stderr.decode("utf-8", "replace"), "peak_kb": peak}))
"""


@dataclass
class Run:
    code: int
    out: str
    err: str
    peak_mb: float

    def one_error(self, *needles: str) -> str:
        assert "Traceback" not in self.err + self.out, self.err[-2000:]
        assert self.code == 2, (self.code, self.err[-2000:])
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, self.err[-2000:]
        assert lines[0].startswith("budgetcheck: error:"), lines[0]
        for needle in needles:
            assert needle in lines[0], (needle, lines[0])
        return lines[0]

    def report(self) -> dict:
        return json.loads(self.out)


def measured(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300) -> Run:
    """``python -m budgetcheck ARGS`` as a child of the wrapper, with its peak memory."""
    proc = subprocess.run([sys.executable, "-c", WRAPPER, sys.executable, "-m", "budgetcheck", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env or cli_env(), cwd=cwd or ROOT,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    run = Run(data["code"], data["out"], data["err"], data["peak_kb"] / 1024)
    assert run.peak_mb < PEAK_MB, f"peak memory {run.peak_mb:.0f} MB"
    assert "Traceback" not in run.err, run.err[-2000:]
    return run


class Unchanged:
    """The bytes (and mtime) of the inputs before a run, checked after it."""

    def __init__(self, *paths: Path):
        self.before = {p: self._state(p) for p in paths}

    @staticmethod
    def _state(p: Path):
        if not p.is_file():
            return None
        return hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns

    def check(self) -> None:
        for p, state in self.before.items():
            assert self._state(p) == state, f"{p} changed"


def verify_refused(path: Path, *needles: str, extra: tuple[str, ...] = (), env=None, timeout: float = 300) -> Run:
    guard = Unchanged(path)
    run = measured("verify", str(path), "--no-config", *extra, env=env, timeout=timeout)
    run.one_error(*needles)
    guard.check()
    return run


def findings(report: dict) -> list[dict]:
    return [f for doc in report["documents"] for f in doc["findings"]]


# --- damaged text: read, or refused; never a pass -------------------------------------------


@pytest.mark.parametrize("how", ["unit2", "unit4", "expand8", "display8", "aligned"])
def test_tabless_copy_is_read_and_the_typo_found_at_its_row(tmp_path, how):
    path = tmp_path / f"tabless-{how}.txt"
    path.write_text(H.tabless(H.with_typo(), how), encoding="utf-8")
    guard = Unchanged(path)
    run = measured("verify", str(path), "--format", "json", "--no-config", "--lang", "en")
    guard.check()
    assert run.code == 1, run.err
    report = run.report()
    bc101 = [f for f in findings(report) if f["rule"] == "BC101" and f["severity"] == "error"]
    assert any(f["location"]["table"] == "T5" and f["location"]["row"] == TYPO_ROW for f in bc101), bc101
    # the reading is said: the tabs were given back from the spacing
    assert any(f["rule"] == "BC004" and "lost its tabs" in f["message"] for f in findings(report))


@pytest.mark.parametrize("how", ["random", "single"])
def test_tabless_copy_that_cannot_be_read_is_refused(tmp_path, how):
    path = tmp_path / f"tabless-{how}.txt"
    path.write_text(H.tabless(H.with_typo(), how), encoding="utf-8")
    verify_refused(path, "none of their rows could be read")
    # with the table rules only, it is still refused, never "0 errors"
    verify_refused(path, "none of their rows could be read", extra=("--select", "tables"))


def test_tabless_sample_without_the_typo_has_no_table_errors(tmp_path):
    path = tmp_path / "tabless.txt"
    path.write_text(H.tabless(H.sample_text(), "unit4"), encoding="utf-8")
    run = measured("verify", str(path), "--format", "json", "--no-config")
    assert run.code == 0, run.err
    assert not [f for f in findings(run.report()) if f["severity"] == "error"]


def test_text_cut_inside_an_annex_table_is_a_warning(tmp_path):
    text = H.sample_text()
    row = "2080150\t事业运行\t2,124.17\t2,124.17\t987.68\t1,136.50\t\n"
    path = tmp_path / "cut.txt"
    path.write_text(text[: text.index(row) + len(row)], encoding="utf-8")
    report = measured("verify", str(path), "--format", "json", "--no-config").report()
    rules = {f["rule"]: f for f in findings(report)}
    assert "ends inside T5" in rules["BC005"]["message"], rules["BC005"]
    assert "T6, T7, T8, T9, T10, T11" in rules["BC006"]["message"]


def test_text_cut_between_annex_tables_is_a_warning(tmp_path):
    text = H.sample_text()
    path = tmp_path / "cut-after-t8.txt"
    path.write_text(text[: text.index("市对区转移支付支出预算表\n")], encoding="utf-8")
    run = measured("verify", str(path), "--format", "json", "--no-config")
    bc006 = [f for f in findings(run.report()) if f["rule"] == "BC006"]
    assert len(bc006) == 1 and "T9, T10, T11" in bc006[0]["message"], bc006
    assert bc006[0]["severity"] == "warning"


# --- what people have --------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_are_read_and_the_typo_found(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(H.with_typo().replace("\n", "\r\n").encode(encoding))
    run = measured("verify", str(path), "--format", "json", "--no-config")
    assert run.code == 1, run.err
    assert any(f["rule"] == "BC101" and f["location"]["row"] == TYPO_ROW for f in findings(run.report()))


def _full_width(text: str) -> str:
    """Every figure of the annex tables (a cell with a decimal point or a thousands
    separator; codes have neither) typed with full-width digits, separators and signs."""
    head, annex = text.split("附件1\n", 1)
    table = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")

    def cell(c: str) -> str:
        return c.translate(table) if ("." in c or "," in c) and is_number(c) else c

    return head + "附件1\n" + "\n".join("\t".join(map(cell, line.split("\t"))) for line in annex.split("\n"))


def test_full_width_figures_read_as_figures(tmp_path):
    clean, typo = tmp_path / "fw.txt", tmp_path / "fw-typo.txt"
    clean.write_text(_full_width(H.sample_text()), encoding="utf-8")
    typo.write_text(_full_width(H.with_typo()), encoding="utf-8")
    assert "５６０．３２" in clean.read_text(encoding="utf-8")
    run = measured("verify", str(clean), "--format", "json", "--no-config")
    assert run.code == 0, run.err
    assert not [f for f in findings(run.report()) if f["rule"] == "BC002"]
    bad = measured("verify", str(typo), "--format", "json", "--no-config")
    hits = [f for f in findings(bad.report()) if f["rule"] == "BC101" and f["location"]["row"] == TYPO_ROW]
    assert hits and hits[0]["actual"] == "2,510.33", hits


def test_decode_error_names_its_true_byte_and_line(tmp_path):
    data = H.SAMPLE.read_bytes()
    at = 30_000
    while data[at] & 0xC0 == 0x80:  # not inside a character
        at += 1
    path = tmp_path / "bad-byte.txt"
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    line = data[:at].count(b"\n") + 1
    verify_refused(path, f"byte {at:,}", f"line {line:,}", "not UTF-8")


def test_every_unreadable_file_is_reported_and_the_rest_checked(tmp_path):
    missing, empty, binary = tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "binary.txt"
    empty.write_bytes(b"")
    binary.write_bytes(b"\x00\x01" * 100)
    for extra in ((), ("--as-one",)):
        run = measured("verify", str(missing), str(H.SAMPLE), str(empty), str(binary), "--format", "json",
                       "--no-config", *extra)
        assert run.code == 2
        lines = run.err.strip().splitlines()
        assert len(lines) == 3 and all(line.startswith("budgetcheck: error:") for line in lines), lines
        docs = run.report()["documents"]
        checked = [d for d in docs if not d.get("error")]
        assert len(checked) == 1 and checked[0]["summary"]["notices"] > 0, docs


def test_diff_finds_years_from_first_lines_in_any_encoding(tmp_path):
    old = _SAMPLE.parent / "2022-xiamen-hrss-budget.txt"
    new = H.SAMPLE
    (tmp_path / "old.txt").write_bytes(old.read_text(encoding="utf-8").encode("utf-16"))
    # GB18030, padded so that byte 4,096 (where the year search stops reading) falls inside a character
    text = new.read_text(encoding="utf-8")
    for pad in range(4):
        data = ("\n" * pad + text).encode("gb18030")
        try:
            data[:4096].decode("gb18030")
        except UnicodeDecodeError:
            break
    else:
        pytest.fail("no padding puts byte 4,096 inside a character")
    (tmp_path / "new.txt").write_bytes(data)
    run = measured("diff", "2022", "2023", "--dir", str(tmp_path), "--format", "json", cwd=tmp_path)
    assert run.code == 0, run.err
    data = run.report()
    assert data["old"].endswith("old.txt") and data["new"].endswith("new.txt")


# --- bounds ----------------------------------------------------------------------------------


def test_workbook_bomb_is_refused_quickly(tmp_path):
    """Issue 14's case: a workbook of a few hundred KB that unpacks to 200 MB of sheet XML."""
    path = H.xlsx_bomb(tmp_path / "bomb.xlsx", 200, distinct=1)
    assert path.stat().st_size < 2 * 1024 * 1024
    run = verify_refused(path, "unpacks to 200 MB", timeout=120)
    assert run.peak_mb < 200


def test_workbook_with_a_bomb_ratio_is_refused(tmp_path):
    path = H.xlsx_bomb(tmp_path / "ratio.xlsx", 10, distinct=1)
    verify_refused(path, "times its size", "zip bomb")


def test_workbook_lying_about_its_sizes_is_one_line(tmp_path):
    path = H.xlsx_lying_sizes(tmp_path / "lying.xlsx", 30)
    verify_refused(path, "damaged")


def test_workbook_of_too_many_cells_is_refused(tmp_path):
    path = H.xlsx_wide_sparse(tmp_path / "wide.xlsx")
    verify_refused(path, "more than 500,000 cells")


def test_workbook_whose_sheet_xml_is_cut_is_one_line(tmp_path):
    run = verify_refused(H.xlsx_cut_sheet(tmp_path / "cut.xlsx"), "damaged")
    assert "internal error" not in run.err


def test_workbook_with_deeply_nested_xml(tmp_path):
    verify_refused(H.xlsx_nested(tmp_path / "nested.xlsx"))


def test_workbook_with_a_huge_shared_string(tmp_path):
    verify_refused(H.xlsx_shared_strings(tmp_path / "strings.xlsx", 40), "unpacks to")


def test_ten_megabyte_table_row_is_refused_in_bounds(tmp_path):
    """Issue 14: one 10 MB row took 1.5 GB and its warning echoed all of it."""
    run = verify_refused(H.long_row(tmp_path / "row.txt", 10), "characters long")
    assert len(run.err) < 400


def test_endless_sentence_is_refused(tmp_path):
    verify_refused(H.long_sentence(tmp_path / "sentence.txt", 800_000), "characters long")


@pytest.mark.slow
def test_time_limit_ends_a_slow_document(tmp_path):
    """Lines under the length bound, but many figures to a sentence: the time bound."""
    text = H.sample_text()
    at = text.index("\n附件1\n")
    sentence = "其中：" + "人员支出1.00万元，" * 9000 + "\n"
    path = tmp_path / "slow.txt"
    path.write_text(text[:at] + "\n" + sentence * 20 + text[at:], encoding="utf-8")
    env = {**cli_env(), "BUDGETCHECK_TIME_LIMIT": "2"}
    verify_refused(path, "longer than the 2 s limit", env=env, timeout=120)


@pytest.mark.slow
def test_memory_limit_ends_a_document_dense_with_figures(tmp_path):
    """A text under every size bound whose prose is all figures: its claims cost some
    50 bytes a byte, so the memory bound is what ends it (here set low, to be quick)."""
    text = H.sample_text()
    at = text.index("\n附件1\n")
    line = "其中：" + "人员支出1.00万元，" * 200 + "\n"
    path = tmp_path / "dense.txt"
    path.write_text(text[:at] + "\n" + line * 2000 + text[at:], encoding="utf-8")
    env = {**cli_env(), "BUDGETCHECK_MEMORY_LIMIT": "150"}
    run = verify_refused(path, "more than 150 MB of memory", env=env, timeout=300)
    assert run.peak_mb < 400


def test_text_over_the_size_limits_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(65 * 1024 * 1024)
    run = verify_refused(big, "64 MB limit")
    assert run.peak_mb < 300
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(201 * 1024 * 1024)
    run = verify_refused(huge, "200 MB limit")
    assert run.peak_mb < 100  # refused by its size, before a byte is read


def test_pdf_of_ten_thousand_pages_is_refused(tmp_path):
    verify_refused(H.pdf(tmp_path / "pages.pdf", 10_000), "10,000 pages")


def test_pdf_of_many_empty_pages_under_the_limit(tmp_path):
    verify_refused(H.pdf(tmp_path / "empty-pages.pdf", 1_500), "no text")


def test_pdf_with_no_pages(tmp_path):
    run = verify_refused(H.pdf(tmp_path / "none.pdf", 0), "the PDF has no pages")
    assert "Success" not in run.err


def test_binary_garbage(tmp_path):
    import random

    rng = random.Random(14)
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(100_000)))
    verify_refused(path, "binary")
    high = tmp_path / "high-bytes.txt"
    high.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(100_000)))
    verify_refused(high, "cannot decode")


def test_fifo_without_a_writer_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    verify_refused(fifo, "empty", timeout=60)
    # and a folder holding one is walked without blocking
    run = measured("verify", str(tmp_path), "--no-config", timeout=60)
    assert run.code == 2


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused(device):
    if not Path(device).exists():
        pytest.skip(f"{device} is absent")
    run = measured("verify", device, "--no-config", timeout=60)
    run.one_error("a device")


def test_symlink_loop_and_dangling_link(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    verify_refused(tmp_path / "a.txt", "symbolic link loop")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    verify_refused(tmp_path / "gone.txt", "does not exist")


@pytest.mark.slow
def test_folder_of_ten_thousand_tiny_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(10_000):
        (folder / f"{n:05d}.txt").write_bytes(b"x")
    run = measured("verify", str(folder), "--format", "json", "--no-config", "--jobs", "2", timeout=900)
    assert run.code == 2
    lines = run.err.strip().splitlines()
    assert len(lines) == 10_000 and all(line.startswith("budgetcheck: error:") for line in lines)
    assert len(run.report()["documents"]) == 10_000


def test_jobs_never_start_more_processes_than_documents_or_twice_the_cores(monkeypatch):
    from budgetcheck.app import folders as batch
    from budgetcheck.engine import Settings

    cores = os.cpu_count() or 1
    assert batch.workers(1000, 60) == min(60, 2 * cores)
    assert batch.workers(1000, 2) == min(2, 2 * cores)
    assert batch.workers(0, 5) == 1
    started = []

    import concurrent.futures

    class Recording(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers=None, **kw):
            started.append(max_workers)
            super().__init__(max_workers=max_workers, **kw)

    # folders imports the pool only when it starts workers, from concurrent.futures
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Recording)
    paths = [str(H.SAMPLE), str(_SAMPLE.parent / "2022-xiamen-hrss-budget.txt"), str(H.SAMPLE)]
    reports = batch.run(paths, Settings(), jobs=1000)
    assert len(reports) == 3 and started == [min(3, 2 * cores)]


def test_a_warning_never_echoes_a_whole_hostile_line(tmp_path):
    text = H.sample_text()
    row = "2080106\t就业管理事务\t104.00\t\t\t\t104.00"
    assert text.count(row) == 1
    giant = "X" * 50_000
    path = tmp_path / "giant-cell.txt"
    path.write_text(text.replace(row, f"2080106\t就业管理事务\t104.00\t{giant}\t\t\t104.00"), encoding="utf-8")
    report = measured("verify", str(path), "--format", "json", "--no-config").report()
    echoed = [f for f in findings(report) if "XXXX" in f["message"]]
    assert echoed, "the bad cell should be reported"
    for f in findings(report):
        assert len(f["message"]) <= 600 and len(f["message_zh"]) <= 600, f["rule"]
        assert all(len(f["location"][k] or "") <= 200 for k in ("row", "column", "title"))
    assert all("…" in f["message"] for f in echoed)


# --- output that survives a pipe, and speaks the language asked for ------------------------


def test_console_report_into_a_pipe_keeps_every_message_on_one_line(tmp_path):
    path = tmp_path / "typo.txt"
    path.write_text(H.with_typo(), encoding="utf-8")
    env = {**cli_env(), "COLUMNS": "80"}
    console = measured("verify", str(path), "--no-config", env=env)
    lines = [line.strip() for line in console.out.splitlines()]
    as_json = measured("verify", str(path), "--no-config", "--format", "json", env=env).report()
    for f in findings(as_json):
        assert f["message"] in lines, f["message"]
    out = tmp_path / "report.txt"
    measured("verify", str(path), "--no-config", "-o", str(out), env=env)
    written = [line.strip() for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(f["message"] in written for f in findings(as_json))


def test_diff_console_table_at_80_columns_keeps_every_figure_whole():
    from io import StringIO

    from rich.console import Console

    from budgetcheck.diff import Options, diff_documents
    from budgetcheck.readers import read_document
    from budgetcheck.reporters.diffout import _figures, render_console

    result = diff_documents(read_document(_SAMPLE.parent / "2022-xiamen-hrss-budget.txt"), read_document(H.SAMPLE))
    for lang in ("en", "zh"):
        buffer = StringIO()
        render_console(result, Options(), Console(file=buffer, width=80, no_color=True), lang)
        text = buffer.getvalue()
        assert max(len(line) for line in text.splitlines()) <= 80
        assert "…" not in text
        body = text.split("\n")
        for row in result.rows(Options()):
            figures = [f for f in _figures(row) if f]
            assert any(all(f in line for f in figures) for line in body), figures


def test_error_lines_in_chinese(tmp_path):
    run = measured("verify", str(tmp_path / "missing.txt"), "--lang", "zh", "--no-config")
    line = run.one_error("文件不存在")
    assert "no such file" not in line
    run = measured("verify", "--lang", "zh", "--frob")
    run.one_error("没有这个选项")
    run = measured("diff", "1999", "2000", "--dir", str(tmp_path), "--lang", "zh", cwd=tmp_path)
    run.one_error("年份1999")


def test_every_command_takes_lang():
    for args in (("rules",), ("explain", "BC101"), ("config", "--no-config"),
                 ("diff", "2022", "2023", "--format", "markdown")):
        zh = measured(*args, "--lang", "zh", cwd=_SAMPLE.parent)
        en = measured(*args, "--lang", "en", cwd=_SAMPLE.parent)
        assert zh.code == en.code == 0, (args, zh.err)
        assert zh.out != en.out, args
    zh = measured("rules", "--lang", "zh").out
    assert "每一行中，各小计等于其所含各列之和" in zh


@pytest.mark.parametrize("fmt", ["github", "junit", "sarif", "console"])
def test_formats_use_the_chosen_language(tmp_path, fmt):
    path = tmp_path / "typo.txt"
    path.write_text(H.with_typo(), encoding="utf-8")
    missing = tmp_path / "missing.txt"
    run = measured("verify", str(path), str(missing), "--format", fmt, "--lang", "zh", "--no-config")
    assert run.code == 2
    assert "超出四舍五入可解释的范围" in run.out, run.out[:2000]  # the finding, in Chinese
    assert "文件不存在" in run.out  # the unreadable file, in Chinese
    assert "文件不存在" in run.err and run.err.count("\n") == 1
    if fmt != "sarif":  # SARIF's property names (expected, difference) are its schema, not words
        assert "expected" not in run.out and "difference" not in run.out
