"""Bad and odd inputs: each gives exit 2 (one ``budgetcheck: error:`` line) or findings,
never a traceback, and never touches the input file.

Every input is generated in ``tmp_path`` from the bundled sample, and the command line
is run as a subprocess (``python -m budgetcheck``) exactly as a user would run it.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import subprocess
import time
from pathlib import Path

import pytest
from .helpers import run_cli, run_cli_together
from .helpers import one_error_line

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "2023-xiamen-hrss-budget.txt"
# The sample's annex tables give 0 errors, 0 warnings and 20 rounding notices.  Rules on
# the narrative may add notices of their own, so whole-document results are compared with
# the sample's current report rather than with fixed counts.
SAMPLE_TABLE_NOTICES = 20
TABLE_ID = re.compile(r"^T\d+$")

# The T5 (一般公共预算支出情况表) row 2080101; its last cell (项目支出) is blank.
T5_ROW = "2080101\t行政运行\t2,510.33\t2,510.33\t1,950.01\t560.32\t\n"
# A T5 leaf row, to duplicate.
T5_LEAF = "2080106\t就业管理事务\t104.00\t\t\t\t104.00\n"
# The T5 row at which the truncated sample is cut.
T5_CUT_ROW = "2080150\t事业运行\t2,124.17\t2,124.17\t987.68\t1,136.50\t\n"




def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return run_cli(*args, timeout=timeout, traceback_ok=True)  # the tests look for tracebacks themselves


def run_together(*commands: tuple[str, ...], timeout: float = 60) -> list[subprocess.CompletedProcess]:
    """Run several independent command lines at once (the suite stays fast)."""
    return run_cli_together([(None, args) for args in commands], timeout=timeout, traceback_ok=True)


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def replaced(old: str, new: str) -> str:
    text = sample_text()
    assert text.count(old) == 1, f"the sample changed: {old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


class Untouched:
    """Records a file's bytes and mtime, and checks both are unchanged afterwards."""

    def __init__(self, path: Path):
        self.path = path
        self.exists = path.exists()
        if self.exists and path.is_file():
            self.digest = hashlib.sha256(path.read_bytes()).hexdigest()
            self.mtime = path.stat().st_mtime_ns

    def check(self) -> None:
        assert self.path.exists() == self.exists
        if self.exists and self.path.is_file():
            assert hashlib.sha256(self.path.read_bytes()).hexdigest() == self.digest, "the input file was modified"
            assert self.path.stat().st_mtime_ns == self.mtime, "the input file's mtime changed"


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "Traceback" not in proc.stdout, proc.stdout[-3000:]



def verify_unreadable(path: Path, *needles: str) -> str:
    """Console and JSON runs both end with exit 2, one error line, file untouched."""
    guard = Untouched(path)
    console, as_json = run_together(("verify", str(path)), ("verify", str(path), "--format", "json"))
    line = one_error_line(console, *needles)
    one_error_line(as_json, *needles)
    doc = json.loads(as_json.stdout)["documents"][0]
    assert doc["error"] and doc["findings"] == [] and doc["summary"] == {"errors": 0, "warnings": 0, "notices": 0}
    guard.check()
    return line


def verify_json(path: Path, *extra: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess, dict]:
    guard = Untouched(path)
    proc = run("verify", str(path), "--format", "json", *extra, timeout=timeout)
    no_traceback(proc)
    guard.check()
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr)
    report = json.loads(proc.stdout)
    return proc, report


def findings(report: dict) -> list[dict]:
    return [f for doc in report["documents"] for f in doc["findings"]]


def table_findings(report: dict) -> list[dict]:
    """Findings located in the annex tables (T1…T11), not in the narrative."""
    return [f for f in findings(report) if TABLE_ID.match(f["location"]["table"] or "")]


def comparable(report: dict) -> dict:
    """The report without the document paths (which differ between copies)."""
    out = json.loads(json.dumps(report))
    for doc in out["documents"]:
        doc.pop("path")
        for f in doc["findings"]:
            for loc in (f["location"], *f["related"]):
                loc.pop("path", None)
    return out


def check_sample(report: dict) -> dict:
    """The bundled sample's report, paths removed: the baseline its variants are compared with."""
    report = comparable(report)
    assert report["summary"]["errors"] == report["summary"]["warnings"] == 0
    tables = table_findings(report)
    assert len(tables) == SAMPLE_TABLE_NOTICES and all(f["severity"] == "notice" for f in tables)
    return report


def verify_json_and_sample(path: Path, timeout: float = 60) -> tuple[subprocess.CompletedProcess, dict, dict]:
    """Verify ``path`` and the sample side by side (same code, even while src/ is being edited)."""
    guard = Untouched(path)
    proc, sample = run_together(("verify", str(path), "--format", "json"),
                                ("verify", str(SAMPLE), "--format", "json"), timeout=timeout)
    guard.check()
    no_traceback(proc)
    no_traceback(sample)
    assert sample.returncode == 0, sample.stderr
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr)
    return proc, json.loads(proc.stdout), check_sample(json.loads(sample.stdout))


def test_sample_baseline():
    proc = run("verify", str(SAMPLE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    check_sample(json.loads(proc.stdout))


# --- unreadable inputs: exit 2 ------------------------------------------------------


def test_empty_file(tmp_path):
    verify_unreadable(write(tmp_path, "empty.txt", b""), "empty")


def test_whitespace_only_file(tmp_path):
    verify_unreadable(write(tmp_path, "blank.txt", b" \t\n\r\n  \n\n"), "empty")


def test_unicode_whitespace_only_file(tmp_path):
    # ideographic spaces and no-break spaces: not a table either
    verify_unreadable(write(tmp_path, "blank-cjk.txt", "\u3000\u3000\n\xa0\n\u3000\n"))


def test_binary_file_with_nuls(tmp_path):
    rng = random.Random(20230101)
    data = bytearray(rng.randbytes(4096))
    for i in range(0, len(data), 97):
        data[i] = 0
    verify_unreadable(write(tmp_path, "random.bin", bytes(data)), "binary")


def test_png_header(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
    verify_unreadable(write(tmp_path, "budget.png", png), "binary")


def test_pdf_header(tmp_path):
    verify_unreadable(write(tmp_path, "budget.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "PDF")


def test_xlsx_header(tmp_path):
    verify_unreadable(write(tmp_path, "budget.xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00"), "Excel")


def test_plain_prose_has_no_budget_tables(tmp_path):
    prose = (
        "厦门市人力资源和社会保障局2023年部门预算说明\n\n"
        "一、部门职责\n负责全市人力资源和社会保障工作，统筹推进就业创业、社会保险和人才队伍建设。\n\n"
        "二、机构设置\n本部门内设办公室、政策法规处、就业促进处等处室。\n"
    )
    verify_unreadable(write(tmp_path, "prose.txt", prose), "no budget tables found")


def test_directory_path(tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    verify_unreadable(folder, "directory")


def test_missing_file(tmp_path):
    verify_unreadable(tmp_path / "does-not-exist.txt", "no such file")


def test_invalid_utf8_and_invalid_gb18030(tmp_path):
    data = "部门预算\n".encode("utf-8") + b"\x80\xff\xfe\x80" + "\n收入\t1.00\n".encode("utf-8")
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(encoding)
    verify_unreadable(write(tmp_path, "garbled.txt", data), "cannot decode")


# --- damaged documents: findings, exit 1 ------------------------------------------


def test_truncated_in_the_middle_of_t5(tmp_path):
    text = sample_text()
    cut = text.index(T5_CUT_ROW) + len(T5_CUT_ROW)
    path = write(tmp_path, "truncated.txt", text[:cut])
    proc, report = verify_json(path)
    assert proc.returncode == 1
    errors = [f for f in findings(report) if f["severity"] == "error"]
    assert errors, "a document cut inside T5 should not verify cleanly"
    assert any(f["location"]["table"] == "T5" for f in errors)
    tables = [t["id"] for t in report["documents"][0]["tables"]]
    assert "T5" in tables and "T6" not in tables
    console = run("verify", str(path))
    no_traceback(console)
    assert console.returncode == 1


def test_truncated_in_the_middle_of_a_t5_row(tmp_path):
    text = sample_text()
    cut = text.index(T5_CUT_ROW) + len("2080150\t")  # the file ends just after the code
    path = write(tmp_path, "cut-mid-row.txt", text[:cut])
    guard = Untouched(path)
    proc = run("verify", str(path))
    guard.check()
    no_traceback(proc)
    assert proc.returncode == 1


def test_row_with_code_and_name_but_no_amounts(tmp_path):
    path = write(tmp_path, "no-amounts.txt", replaced(T5_CUT_ROW, "2080150\t事业运行\n"))
    proc = run("verify", str(path))
    no_traceback(proc)
    assert proc.returncode in (0, 1)


@pytest.mark.parametrize("mark", ["—", "-", "/", "（空）"])
def test_blank_marks_read_as_blank(tmp_path, mark):
    path = write(tmp_path, "blank-mark.txt", replaced(T5_ROW, T5_ROW[:-1] + mark + "\n"))
    proc, report, sample_report = verify_json_and_sample(path)
    assert proc.returncode == 0, proc.stderr
    assert report["summary"] == sample_report["summary"]
    assert not [f for f in findings(report) if f["rule"] == "BC002"]


def test_non_number_in_an_amount_column_is_a_bc002_warning(tmp_path):
    path = write(tmp_path, "typo.txt", replaced(T5_ROW, T5_ROW[:-1] + "12,3O4.00\n"))
    proc, report, sample_report = verify_json_and_sample(path)
    bc002 = [f for f in findings(report) if f["rule"] == "BC002"]
    assert len(bc002) == 1, bc002
    f = bc002[0]
    assert f["severity"] == "warning"
    assert "12,3O4.00" in f["message"] and "12,3O4.00" in f["message_zh"]
    assert f["location"]["table"] == "T5"
    assert f["location"]["row"] == "2080101"
    # read as blank, the cell changes no sum: no errors, so exit 0 (warnings do not fail)
    assert report["summary"] == {**sample_report["summary"], "warnings": 1}
    assert proc.returncode == 0


def test_non_number_inside_a_sum_gives_bc002_and_errors(tmp_path):
    row = T5_ROW.replace("560.32\t", "12,3O4.00\t")
    path = write(tmp_path, "typo-in-sum.txt", replaced(T5_ROW, row))
    proc, report = verify_json(path)
    rules = {f["rule"] for f in findings(report)}
    assert "BC002" in rules and "BC101" in rules
    assert proc.returncode == 1


def test_duplicate_code_in_t5(tmp_path):
    path = write(tmp_path, "duplicate.txt", replaced(T5_LEAF, T5_LEAF + T5_LEAF))
    proc, report = verify_json(path)
    assert proc.returncode == 1
    dup = [f for f in findings(report) if f["rule"] == "BC152"]
    assert len(dup) == 1, dup
    f = dup[0]
    assert f["severity"] == "error"
    assert f["location"]["table"] == "T5"
    assert f["location"]["row"] == "2080106"
    assert "2080106" in f["message"] and "2080106" in f["message_zh"]


def test_duplicate_row_is_not_reported_as_a_unit_error(tmp_path):
    path = write(tmp_path, "duplicate.txt", replaced(T5_LEAF, T5_LEAF + T5_LEAF))
    _, report = verify_json(path)
    assert not [f for f in findings(report) if f["rule"] == "BC161"]


# --- encodings and line endings: same result as the UTF-8 sample -------------------




@pytest.mark.parametrize("variant", ["gb18030", "utf-8-bom", "crlf", "bom-crlf", "utf-16", "utf-16-crlf",
                                     "utf-16le-no-bom", "utf-16be-no-bom"])
def test_encodings_and_line_endings(tmp_path, variant):
    text = sample_text()
    data = {
        "gb18030": text.encode("gb18030"),
        "utf-8-bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "bom-crlf": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
        "utf-16": text.encode("utf-16"),  # Windows Notepad's "Unicode": a BOM, then UTF-16LE
        "utf-16-crlf": text.replace("\n", "\r\n").encode("utf-16"),
        "utf-16le-no-bom": text.encode("utf-16-le"),  # no BOM: told by the NULs beside ASCII
        "utf-16be-no-bom": text.encode("utf-16-be"),
    }[variant]
    if variant == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    path = write(tmp_path, f"sample-{variant}.txt", data)
    proc, report, sample_report = verify_json_and_sample(path)
    assert proc.returncode == 0, proc.stderr
    assert comparable(report) == sample_report


# --- big inputs ------------------------------------------------------------------


def _big(tmp_path: Path, megabytes: int) -> Path:
    """The sample's narrative repeated until the file is ``megabytes`` large, then its tables."""
    text = sample_text()
    split = text.index("\n附件1\n") + 1
    narrative, tables = text[:split].encode("utf-8"), text[split:].encode("utf-8")
    copies = megabytes * 1024 * 1024 // len(narrative) + 1
    path = tmp_path / f"big-{megabytes}mb.txt"
    with path.open("wb") as handle:
        for _ in range(copies):
            handle.write(narrative)
        handle.write(tables)
    return path


def _same_tables(report: dict, sample_report: dict) -> None:
    """A big file (the narrative repeated, so every line number moves) reads the same
    annex tables as the sample and finds the same things in them."""

    def key(f: dict) -> tuple:
        loc = f["location"]
        return (f["rule"], f["severity"], loc["table"], loc["row"], loc["column"], f["expected"], f["actual"])

    assert report["summary"]["errors"] == report["summary"]["warnings"] == 0
    assert sorted(map(key, table_findings(report))) == sorted(map(key, table_findings(sample_report)))
    assert [t["id"] for t in report["documents"][0]["tables"] if t["id"]] == \
        [t["id"] for t in sample_report["documents"][0]["tables"] if t["id"]]


def test_large_file_2mb(tmp_path):
    path = _big(tmp_path, 2)
    started = time.monotonic()
    proc, report, sample_report = verify_json_and_sample(path, timeout=30)
    print(f"2 MB file verified in {time.monotonic() - started:.1f} s")  # measured, not asserted
    assert proc.returncode == 0, proc.stderr
    _same_tables(report, sample_report)


@pytest.mark.slow
def test_huge_file_50mb(tmp_path):
    path = _big(tmp_path, 50)
    assert path.stat().st_size >= 50 * 1024 * 1024
    started = time.monotonic()
    proc, report, sample_report = verify_json_and_sample(path, timeout=600)  # a bound, not a benchmark
    elapsed = time.monotonic() - started
    print(f"50 MB file verified in {elapsed:.1f} s")
    assert proc.returncode == 0, proc.stderr
    _same_tables(report, sample_report)
