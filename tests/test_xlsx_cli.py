"""The workbook features from the command line, run as a user runs them: verify a
workbook, hand it back annotated, export any document as a workbook, check a text and
a workbook as one budget; and every bad workbook gives one line and exit 2."""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from budgetcheck.app.api import verify_path
from budgetcheck.readers import read_document
from budgetcheck.writers.annotate import FILLS

from .conftest import ROOT, SAMPLE
from .test_seed import SEED_NOTICES
from .xlsx_builders import build, edit_cell, model_of, notices, seed
from .helpers import run_inprocess


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run_inprocess(*args, cwd=cwd)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """A workbook with formulas (saved values), one error, one hidden row; and its copy."""
    folder = tmp_path_factory.mktemp("annotate")
    built = build(folder / "built.xlsx", formulas="cached", hide_rows=(("T6", "30199", "本年一般公共预算基本支出/合计"),))
    ref = built.cells[("T5", "2080101", "基本支出/公用支出")]
    source = folder / "annexes.xlsx"
    source.write_bytes(edit_cell(built.path.read_bytes(), ref, Decimal("506.32")))
    before = sha(source)
    proc = run("verify", str(source), "--annotate", str(folder / "checked.xlsx"), "--format", "json", "--lang", "zh")
    return built, source, before, folder / "checked.xlsx", proc, ref


def test_verify_a_workbook_from_the_command_line(tmp_path):
    built = build(tmp_path / "annexes.xlsx")
    proc = run("verify", str(built.path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["documents"][0]
    assert doc["summary"] == {"errors": 0, "warnings": 0, "notices": 20}
    assert all("!" in f["location"]["cell"] for f in doc["findings"])


def test_annotated_copy_marks_exactly_the_cells_findings_name(marked):
    built, source, before, target, proc, ref = marked
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["documents"][0]["findings"]
    named = {f["location"]["cell"] for f in findings if f["location"].get("cell")}
    assert ref in {r.get("cell") for f in findings for r in [f["location"], *f["related"]]}
    book = load_workbook(target)
    colour = {v: k for k, v in FILLS.items()}
    filled, commented = {}, set()
    for ws in book.worksheets[1:]:
        for row in ws.iter_rows():
            for c in row:
                rgb = (c.fill.fgColor.rgb or "")[-6:] if c.fill is not None and c.fill.fill_type == "solid" else ""
                if rgb in colour:
                    filled[f"{ws.title}!{c.coordinate}"] = colour[rgb]
                if c.comment is not None:
                    commented.add(f"{ws.title}!{c.coordinate}")
    assert set(filled) == named == commented
    worst = {}
    for f in findings:
        cell = f["location"].get("cell")
        if cell and (cell not in worst or ["error", "warning", "notice"].index(f["severity"]) < ["error", "warning", "notice"].index(worst[cell])):
            worst[cell] = f["severity"]
    assert filled == worst
    sheet, coord = next(f["location"]["cell"] for f in findings if f["severity"] == "error").split("!")
    text = book[sheet][coord].comment.text
    assert "应为" in text and "差额" in text and "BC1" in text


def test_annotated_copy_lists_every_finding_with_a_link(marked):
    _, _, _, target, proc, _ = marked
    findings = json.loads(proc.stdout)["documents"][0]["findings"]
    book = load_workbook(target)
    summary = book.worksheets[0]
    assert summary.title == "核对结果" and book.active.title == "核对结果"
    rows = list(summary.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(findings)
    cells = [(summary.cell(r, 8).value, summary.cell(r, 8).hyperlink) for r in range(2, len(rows) + 2)]
    assert sum(1 for value, _ in cells if value) == sum(1 for f in findings if f["location"].get("cell"))
    for value, link in cells:
        if value:  # a finding about a whole row (a hidden one, here) has no cell to link
            sheet, coord = value.split("!")
            assert link.location == f"'{sheet}'!{coord}"
        else:
            assert link is None


def test_annotated_copy_keeps_the_workbook_and_leaves_the_input_alone(marked):
    built, source, before, target, proc, _ = marked
    assert sha(source) == before
    original, copy = load_workbook(source), load_workbook(target)
    assert copy.sheetnames[1:] == original.sheetnames
    for ws in original.worksheets:
        other = copy[ws.title]
        assert {str(r) for r in other.merged_cells.ranges} == {str(r) for r in ws.merged_cells.ranges}
        assert {k: d.width for k, d in other.column_dimensions.items() if d.width} == \
               {k: d.width for k, d in ws.column_dimensions.items() if d.width}
        assert [[c.number_format for c in row] for row in other.iter_rows()] == \
               [[c.number_format for c in row] for row in ws.iter_rows()]
    for ref, formula in built.formulas.items():
        sheet, coord = ref.split("!")
        assert copy[sheet][coord].value == formula
    # the values Excel saved are kept with the formulas: the copy reads as the original
    again = verify_path(str(target))
    first = verify_path(str(source))
    assert sorted((f.rule, f.location.cell) for f in again.findings) == sorted((f.rule, f.location.cell) for f in first.findings)


def test_annotating_is_deterministic_and_keeps_macros(tmp_path):
    built = build(tmp_path / "annexes.xlsm", macros=True)
    for n in (1, 2):
        proc = run("verify", str(built.path), "--annotate", str(tmp_path / f"checked{n}.xlsm"), "-q")
        assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "checked1.xlsm").read_bytes() == (tmp_path / "checked2.xlsm").read_bytes()
    assert "xl/vbaProject.bin" in zipfile.ZipFile(tmp_path / "checked1.xlsm").namelist()


def test_annotate_refuses_to_overwrite_the_input_or_mark_text(tmp_path):
    built = build(tmp_path / "annexes.xlsx")
    before = sha(built.path)
    proc = run("verify", str(built.path), "--annotate", str(built.path))
    assert proc.returncode == 2 and proc.stderr.startswith("budgetcheck: error:") and len(proc.stderr.splitlines()) == 1
    assert sha(built.path) == before
    proc = run("verify", str(SAMPLE), "--annotate", str(tmp_path / "x.xlsx"))
    assert proc.returncode == 2 and "one Excel workbook" in proc.stderr


def test_export_round_trips_the_seed(tmp_path):
    target = tmp_path / "annexes.xlsx"
    proc = run("export", str(SAMPLE), "--to", str(target))
    assert proc.returncode == 0 and "20 tables written" in proc.stdout, proc.stderr
    assert model_of(read_document(target)) == model_of(seed())
    report = verify_path(str(target))
    assert report.summary == verify_path(str(SAMPLE)).summary == {"errors": 0, "warnings": 0, "notices": 23}  # its 说明 sheet too
    assert [n for n in notices(report) if n[1] != "narrative"] == sorted(SEED_NOTICES)
    again = tmp_path / "again.xlsx"
    assert run("export", str(target), "--to", str(again)).returncode == 0  # a workbook exports to itself
    assert again.read_bytes() == target.read_bytes()


def test_export_needs_an_xlsx_name_and_a_document_with_tables(tmp_path):
    assert run("export", str(SAMPLE), "--to", str(tmp_path / "a.csv")).returncode == 2
    prose = tmp_path / "prose.txt"
    prose.write_text("只有一段说明文字，没有表格。\n", encoding="utf-8")
    proc = run("export", str(prose), "--to", str(tmp_path / "a.xlsx"))
    assert proc.returncode == 2 and "no budget tables" in proc.stderr


def test_text_and_workbook_as_one_budget(tmp_path):
    """The narrative's 行政运行 2,510.33 is checked against the workbook's T5 (where it
    was changed), not against the tables of the text."""
    built = build(tmp_path / "built.xlsx")
    ref = built.cells[("T5", "2080101", "合计")]
    book = tmp_path / "annexes.xlsx"
    book.write_bytes(edit_cell(built.path.read_bytes(), ref, Decimal("2150.33")))
    proc = run("verify", str(SAMPLE), str(book), "--as-one", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    documents = json.loads(proc.stdout)["documents"]
    assert len(documents) == 1
    findings = documents[0]["findings"]
    prose = [f for f in findings if f["location"]["table"] == "narrative" and f["severity"] == "error"]
    assert any("2080101" in f["message"] or "行政运行" in f["location"]["row"] for f in prose), prose
    assert any(f["location"].get("cell") == ref for f in findings if f["severity"] == "error")
    alone = run("verify", str(SAMPLE), "--format", "json")
    assert json.loads(alone.stdout)["summary"]["errors"] == 0


def test_workbook_tables_win_and_the_prose_is_kept(tmp_path):
    from budgetcheck.readers.combine import combine

    built = build(tmp_path / "annexes.xlsx")
    doc = combine([read_document(SAMPLE), read_document(built.path)])
    assert len(doc.lines) == len(read_document(SAMPLE).lines)
    assert all(t.rows[0].refs for t in doc.tables if t.role and t.rows)
    assert [t.role for t in doc.tables].count("T11") == 10
    assert [t.index for t in doc.tables] == list(range(len(doc.tables)))


def _no_tables() -> bytes:
    from io import BytesIO

    book = Workbook()
    book.active.append(["姓名", "金额"])
    book.active.append(["张三", 12.5])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BAD = {
    "corrupt.xlsx": lambda: b"PK\x03\x04" + b"\x00" * 200,
    "encrypted.xlsx": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le") + b"junk" * 64,
    "old.xls": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"junk" * 128,
    "notables.xlsx": _no_tables,
    "renamed.xlsx": lambda: "科目编码,科目名称,合计\n208,社会保障和就业支出,125072.67\n".encode("utf-8"),
    "empty.xlsx": lambda: b"",
    "document.xlsx": lambda: _zip({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"}),
    "truncated.xlsx": lambda: _truncated(),
}


def _zip(parts: dict[str, bytes]) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _truncated() -> bytes:
    from io import BytesIO

    from budgetcheck.writers.export import workbook

    buffer = BytesIO()
    workbook(seed()).save(buffer)
    return buffer.getvalue()[:5000]


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_workbook_gives_one_line_and_exit_2(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BAD[name]())
    before = sha(path)
    proc = run("verify", str(path))
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("budgetcheck: error:") and name in lines[0], proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert sha(path) == before
