"""Speed of the workbook features, on the seed's annexes exported as a workbook.

Why these figures: (a) verifying the workbook in-process, beside the same check on the
text seed, is what a library user pays per workbook, and the difference is the cost of
reading Excel; (b) the CLI wall time is what a user waits; (c) the breakdown says where
reading time goes (openpyxl's load and cell walk, the second load for the values saved
with formulas) and what python-calamine, a Rust reader, would save on the values; (d)
export and annotation are the write side.

Run:  python benchmarks/xlsx.py [--runs 20] [--cli-runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "2023-xiamen-hrss-budget.txt"
sys.path.insert(0, str(ROOT / "src"))


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up: imports and first-use caches are not counted
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return round(statistics.median(times) * 1000, 1)


def breakdown(data: bytes, runs: int) -> dict:
    """Where reading goes: openpyxl with formats and formulas, openpyxl for saved values,
    and python-calamine for the same values when it is installed."""
    from io import BytesIO

    from budgetcheck.readers.xlsx import _cells, load

    def openpyxl_cells():
        book = load(data, "x", read_only=True, data_only=False, keep_links=False)
        [_cells(ws) for ws in book.worksheets]
        book.close()

    def openpyxl_values():
        book = load(data, "x", read_only=True, data_only=True, keep_links=False)
        for ws in book.worksheets:
            ws.reset_dimensions()
            for _ in ws.iter_rows(values_only=True):
                pass
        book.close()

    out = {"openpyxl_cells_ms": median_ms(openpyxl_cells, runs), "openpyxl_values_ms": median_ms(openpyxl_values, runs)}
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        out["calamine_values_ms"] = None
        return out

    def calamine_values():
        book = CalamineWorkbook.from_filelike(BytesIO(data))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()

    out["calamine_values_ms"] = median_ms(calamine_values, runs)
    return out


def cli_ms(path: Path, runs: int) -> float:
    cmd = [sys.executable, "-m", "budgetcheck", "verify", str(path), "--format", "json", "--quiet"]
    return median_ms(lambda: subprocess.run(cmd, capture_output=True, cwd=ROOT, check=False), runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--cli-runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from budgetcheck.app.api import verify_path
    from budgetcheck.readers import read_document
    from budgetcheck.writers.annotate import annotate
    from budgetcheck.writers.export import export

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "annexes.xlsx"
        doc = read_document(SEED)
        export(doc, book)
        report = verify_path(str(book))
        r = {
            "workbook": {"sheets": len(doc.tables) - 1, "bytes": book.stat().st_size,
                         "summary": report.summary},
            "verify_xlsx_ms": median_ms(lambda: verify_path(str(book)), args.runs),
            "verify_text_ms": median_ms(lambda: verify_path(str(SEED)), args.runs),
            "read_xlsx_ms": median_ms(lambda: read_document(book), args.runs),
            "read_text_ms": median_ms(lambda: read_document(SEED), args.runs),
            "breakdown": breakdown(book.read_bytes(), args.runs),
            "export_ms": median_ms(lambda: export(doc, Path(tmp) / "again.xlsx"), args.runs),
            "annotate_ms": median_ms(lambda: annotate(book, Path(tmp) / "checked.xlsx", report.findings),
                                     max(3, args.runs // 4)),
        }
        if args.cli_runs:
            r["cli_xlsx_ms"] = cli_ms(book, args.cli_runs)
            r["cli_text_ms"] = cli_ms(SEED, args.cli_runs)
    if args.json:
        print(json.dumps(r, ensure_ascii=False, indent=2))
        return 0
    b = r["breakdown"]
    rows = [
        ("(a) verify workbook, in-process", r["verify_xlsx_ms"], f"{r['workbook']['sheets']} sheets; {r['workbook']['summary']}"),
        ("    verify text seed, in-process", r["verify_text_ms"], "the same tables as text"),
        ("    read workbook / read text", f"{r['read_xlsx_ms']} / {r['read_text_ms']}", ""),
    ]
    if "cli_xlsx_ms" in r:
        rows += [("(b) budgetcheck verify, workbook", r["cli_xlsx_ms"], "CLI wall time"),
                 ("    budgetcheck verify, text", r["cli_text_ms"], "")]
    rows += [("(c) openpyxl load + cell walk", b["openpyxl_cells_ms"], "read-only, formats and formulas"),
             ("    openpyxl saved values", b["openpyxl_values_ms"], "second load, only with formulas"),
             ("    python-calamine values", b["calamine_values_ms"] if b["calamine_values_ms"] is not None
              else "not installed", "the same values, for comparison"),
             ("(d) export", r["export_ms"], ""), ("    annotate", r["annotate_ms"], "")]
    for name, value, note in rows:
        shown = f"{value} ms" if isinstance(value, (int, float)) else str(value)
        print(f"{name:<36} {shown:>16}  {note}".rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
