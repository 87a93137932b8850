"""What ``--annotate checked.pdf`` adds to verifying a PDF (issue 12: at most 50%).

For each PDF (default: ../shared/real/*.pdf), the median of ``--runs`` runs of
verifying it, and of verifying it and writing the marked copy; the ratio is the cost of
the copy.  Both run in this process, on the same file, one after the other.

Run:  python benchmarks/annotate.py [--runs 5] [FILE.pdf ...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pdf import _median  # noqa: E402  (benchmarks/pdf.py: the same median of runs after a warm-up)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = args.files or sorted((ROOT.parent / "shared" / "real").glob("*.pdf"))
    if not files:
        sys.exit("bench: no PDF given and ../shared/real/*.pdf is absent")
    from budgetcheck.app.api import verify_path
    from budgetcheck.writers.annotate_pdf import annotate_pdf

    out = Path(tempfile.mkdtemp()) / "checked.pdf"
    print(f"median of {args.runs} runs, seconds")
    print(f"{'file':48} {'verify':>7} {'+annotate':>9} {'added':>6}")
    totals = [0.0, 0.0]
    for path in files:
        plain = _median(lambda: verify_path(str(path)), args.runs)

        def both():
            report = verify_path(str(path))
            annotate_pdf(path, out, report.findings, "zh")

        marked = _median(both, args.runs)
        totals[0] += plain
        totals[1] += marked
        print(f"{path.name:48} {plain:>7.3f} {marked:>9.3f} {100 * (marked - plain) / plain:>5.0f}%")
    print(f"{'all ' + str(len(files)) + ' documents':48} {totals[0]:>7.3f} {totals[1]:>9.3f}"
          f" {100 * (totals[1] - totals[0]) / totals[0]:>5.0f}%")


if __name__ == "__main__":
    main()
