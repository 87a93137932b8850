"""How fast budgetcheck reads a published PDF, next to pdfplumber's table finder.

Why this yardstick: pdfplumber's ``page.extract_tables()`` over every page is what a
user would otherwise reach for to get these tables out of a PDF; budgetcheck's reader
(pypdfium2 geometry, then the same table builders as the text reader) must beat it
clearly to be worth its own code.  Both run in this process, on the same files, one
after the other, and the medians of ``--runs`` runs are compared.

Run:  python benchmarks/pdf.py [--runs 5] [--json] [FILE.pdf ...]
      (default files: ../shared/real/*.pdf; pdfplumber from the ``bench`` extra)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _median(fn, runs: int) -> float:
    fn()  # warm-up: imports and first-use caches are not counted
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    files = args.files or sorted((ROOT.parent / "shared" / "real").glob("*.pdf"))
    if not files:
        sys.exit("bench: no PDF given and ../shared/real/*.pdf is absent")
    try:
        import pdfplumber
    except ImportError:
        sys.exit("bench: pdfplumber is the yardstick; install it with pip install '.[bench]'")
    from budgetcheck.app.api import verify_path
    from budgetcheck.readers import read_document

    def plumber(path: Path):
        with pdfplumber.open(path) as pdf:
            return [page.extract_tables() for page in pdf.pages]

    rows = []
    for path in files:
        pages = len(plumber(path))
        ours_read = _median(lambda: read_document(path), args.runs)
        ours_verify = _median(lambda: verify_path(str(path)), args.runs)
        theirs = _median(lambda: plumber(path), args.runs)
        rows.append({"file": path.name, "pages": pages, "pdfplumber_extract_tables_s": round(theirs, 3),
                     "budgetcheck_read_s": round(ours_read, 3), "budgetcheck_verify_s": round(ours_verify, 3),
                     "speed-up (read)": round(theirs / ours_read, 1)})
    pages = sum(r["pages"] for r in rows)
    total = {key: sum(r[key] for r in rows) for key in ("pdfplumber_extract_tables_s", "budgetcheck_read_s",
                                                         "budgetcheck_verify_s")}
    summary = {"documents": len(rows), "pages": pages,
               **{k.replace("_s", "_pages_per_s"): round(pages / v, 1) for k, v in total.items() if v},
               **{k.replace("_s", "_documents_per_s"): round(len(rows) / v, 2) for k, v in total.items() if v}}
    if args.json:
        print(json.dumps({"files": rows, "total": summary}, ensure_ascii=False, indent=2))
        return
    print(f"median of {args.runs} runs, seconds")
    print(f"{'file':48} {'pages':>5} {'pdfplumber':>10} {'read':>7} {'verify':>7} {'faster':>7}")
    for r in rows:
        print(f"{r['file']:48} {r['pages']:>5} {r['pdfplumber_extract_tables_s']:>10.3f} {r['budgetcheck_read_s']:>7.3f}"
              f" {r['budgetcheck_verify_s']:>7.3f} {r['speed-up (read)']:>6.1f}x")
    print(f"{'all ' + str(len(rows)) + ' documents':48} {pages:>5} {total['pdfplumber_extract_tables_s']:>10.3f}"
          f" {total['budgetcheck_read_s']:>7.3f} {total['budgetcheck_verify_s']:>7.3f}"
          f" {total['pdfplumber_extract_tables_s'] / total['budgetcheck_read_s']:>6.1f}x")
    print(f"pages per second: pdfplumber {summary.get('pdfplumber_extract_tables_pages_per_s')}, "
          f"budgetcheck read {summary.get('budgetcheck_read_pages_per_s')}, "
          f"verify {summary.get('budgetcheck_verify_pages_per_s')}")
    print(f"documents per second: pdfplumber {summary.get('pdfplumber_extract_tables_documents_per_s')}, "
          f"budgetcheck read {summary.get('budgetcheck_read_documents_per_s')}, "
          f"verify {summary.get('budgetcheck_verify_documents_per_s')}")


if __name__ == "__main__":
    main()
