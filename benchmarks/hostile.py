"""Peak memory and wall time of ``budgetcheck verify`` on the worst hostile inputs.

Each input is made in a temporary folder by ``tests.synth.hostile`` (the same
makers as tests/test_hostile.py, at their worst sizes), then the command line runs as
the child of a small wrapper that reads the child's peak resident memory with
``resource.getrusage(RUSAGE_CHILDREN)``; the wall time is the child's.  The figures go
to README.md (Performance).  ``--quick`` skips the cases that take minutes.

    python benchmarks/hostile.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
for path in (SRC, ROOT):  # the package from this checkout, and the tests' generator (tests/synth)
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from tests.synth import hostile as H  # noqa: E402

WRAPPER = r"""
import json, resource, subprocess, sys, time
started = time.monotonic()
proc = subprocess.run(sys.argv[1:], capture_output=True)
elapsed = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
print(json.dumps({"code": proc.returncode, "peak_kb": peak, "seconds": elapsed, "lines": len(lines),
                  "first": lines[0] if lines else ""}))
"""


def measure(args: list[str], env: dict[str, str] | None = None) -> dict:
    environment = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, "-c", WRAPPER, sys.executable, "-m", "budgetcheck", *args],
                         capture_output=True, text=True, env=environment, check=True)
    return json.loads(out.stdout)


def _size(path: Path) -> str:
    if path.is_dir():
        return f"{sum(1 for _ in path.iterdir()):,} files"
    n = path.stat().st_size
    return f"{n / 1024 / 1024:,.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:,.0f} KB"


def cases(folder: Path, quick: bool):
    """(name, path or folder, extra args, env) for each hostile input, worst first."""
    yield "workbook: 0.6 MB that unpacks to 200 MB of sheet XML (issue 14)", H.xlsx_bomb(folder / "bomb.xlsx", 200, 1), (), {}
    yield "workbook: 30 MB of sheet XML (ratio 70, under the size bounds)", H.xlsx_bomb(folder / "cells.xlsx", 30), (), {}
    yield "workbook: zip directory lies about the sheet's size", H.xlsx_lying_sizes(folder / "lying.xlsx", 30), (), {}
    yield "workbook: 50,000 rows, one cell each in column XFD", H.xlsx_wide_sparse(folder / "wide.xlsx"), (), {}
    yield "workbook: sheet XML cut in the middle of a row", H.xlsx_cut_sheet(folder / "cut.xlsx"), (), {}
    yield "workbook: 100,000 nested elements in one cell", H.xlsx_nested(folder / "nested.xlsx"), (), {}
    yield "text: one table row of 10 MB (issue 14: 1.5 GB, 72 s)", H.long_row(folder / "row.txt", 10), (), {}
    yield "text: one sentence of 800,000 figures (8 MB line)", H.long_sentence(folder / "sentence.txt"), (), {}
    big = folder / "over.txt"
    with big.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)
    yield "text: 65 MB (over the text limit)", big, (), {}
    yield "PDF: 10,000 empty pages", H.pdf(folder / "pages.pdf", 10_000), (), {}
    yield "PDF: 1,999 empty pages (under the page limit)", H.pdf(folder / "under.pdf", 1_999), (), {}
    yield "PDF: no pages", H.pdf(folder / "none.pdf", 0), (), {}
    aligned = folder / "aligned.txt"
    aligned.write_text(H.tabless(H.with_typo(), "aligned"), encoding="utf-8")
    yield "text: the sample with its tabs turned into aligned spaces", aligned, (), {}
    fifo = folder / "fifo.txt"
    os.mkfifo(fifo)
    yield "a FIFO with no writer", fifo, (), {}
    if quick:
        return
    many = folder / "many"
    many.mkdir()
    for n in range(10_000):
        (many / f"{n:05d}.txt").write_bytes(b"x")
    yield "folder: 10,000 one-byte files, --jobs 2", many, ("--jobs", "2", "--format", "json"), {}
    text = H.sample_text()
    at = text.index("\n附件1\n")
    slow = folder / "slow.txt"
    slow.write_text(text[:at] + "\n" + ("其中：" + "人员支出1.00万元，" * 9000 + "\n") * 40 + text[at:], encoding="utf-8")
    yield "text: 40 sentences of 9,000 figures each (the time limit)", slow, (), {}
    dense = folder / "dense.txt"
    dense.write_text(text[:at] + "\n" + ("其中：" + "人员支出1.00万元，" * 200 + "\n") * 9_000 + text[at:], encoding="utf-8")
    yield "text: 45 MB of prose that is all figures (the memory limit)", dense, (), {}
    yield "text: 64 MB, the largest text accepted (the sample's prose repeated)", H.big_text(folder / "big.txt", 63), (), {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the cases that take minutes")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, path, extra, env in cases(Path(tmp), args.quick):
            size = _size(path)
            started = time.monotonic()
            result = measure(["verify", str(path), "--no-config", *extra], env)
            rows.append((name, size, result))
            print(f"{name}: exit {result['code']}, {result['peak_kb'] / 1024:,.0f} MB, {result['seconds']:.2f} s "
                  f"({time.monotonic() - started:.1f} s with the wrapper)", file=sys.stderr)
    print("| input | size | exit | peak memory | wall time | stderr (first line, cut) |")
    print("|---|---|---|---|---|---|")
    for name, size, r in rows:
        first = r["first"].replace("budgetcheck: error: ", "").split(": ", 1)[-1]
        first = first if len(first) <= 70 else first[:69] + "…"
        lines = f" ({r['lines']:,} lines)" if r["lines"] > 1 else ""
        print(f"| {name} | {size} | {r['code']} | {r['peak_kb'] / 1024:,.0f} MB | {r['seconds']:.2f} s | "
              f"{first.replace('|', '/')}{lines} |")
    print(f"\nPeak over all cases: {max(r['peak_kb'] for _, _, r in rows) / 1024:,.0f} MB; cores: {os.cpu_count()}.")


if __name__ == "__main__":
    main()
