"""How much of a document the checks cover: each figure changed alone, is it found at its place?

For every document given, a sample of its table cells (per table role) and of the money
figures of its prose is changed one at a time, in the model read once (the file itself is
never touched), and the rules run again.  A table cell counts as *found* when a new error
names its table, row and line (as its place or a related one), *elsewhere* when a new
error appears somewhere else, and *missed* when nothing new is reported.  A prose figure
counts as found when a new error or warning is on its line.  What is missed is where a
wrong figure in a real document would go unseen: the list says which.

    python benchmarks/coverage.py ../shared/real/国家信访局2024年度部门决算.pdf
    python benchmarks/coverage.py seeds/*.txt --cells 30 --prose 80

Stdlib only; runs from a checkout (puts ``src/`` on the path).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from budgetcheck.core.model import Amount, Document  # noqa: E402
from budgetcheck.engine import check  # noqa: E402
from budgetcheck.readers import read_document  # noqa: E402

FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})\s*万元")


def _key(f) -> tuple:
    return (f.rule, f.location.table, f.location.row, f.location.line, f.location.column)


def _changed_cell(doc: Document, t: int, r: int, c: int) -> Document:
    table = doc.tables[t]
    row = table.rows[r]
    a = row.amounts[c]
    col = table.columns[c]
    if col.period in ("count", "pct"):
        by = Decimal(5)
    else:
        by = a.quantum * 1000 if a.unit != "元" else Decimal(100000)
    new = Amount(a.value + by, a.quantum, a.unit, a.text + "*")
    rows = table.rows[:r] + (replace(row, amounts=row.amounts[:c] + (new,) + row.amounts[c + 1:]),) + table.rows[r + 1:]
    return replace(doc, tables=doc.tables[:t] + (replace(table, rows=rows),) + doc.tables[t + 1:])


def tables(doc: Document, per_role: int) -> tuple[dict[str, Counter], dict[str, list[str]]]:
    before = {_key(f) for f in check(doc) if f.severity == "error"}
    by_role: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for t, table in enumerate(doc.tables):
        if not table.role:
            continue
        for r, row in enumerate(table.rows):
            for c, a in enumerate(row.amounts):
                if a is not None and a.value and a.quantum:
                    by_role[table.role].append((t, r, c))
    stats: dict[str, Counter] = defaultdict(Counter)
    missed: dict[str, list[str]] = defaultdict(list)
    for role, cells in by_role.items():
        step = max(1, len(cells) // per_role)
        for t, r, c in cells[::step][:per_role]:
            table, row = doc.tables[t], doc.tables[t].rows[r]
            new = [f for f in check(_changed_cell(doc, t, r, c)) if f.severity == "error" and _key(f) not in before]
            at = [f for f in new if any(loc.table == role and loc.row == row.name and loc.line == row.line
                                        for loc in (f.location, *f.related))]
            verdict = "found" if at else "elsewhere" if new else "missed"
            stats[role][verdict] += 1
            if verdict != "found":
                missed[role].append(f"{verdict}: {row.name} | {table.columns[c].label}")
    return stats, missed


def prose(doc: Document, sample: int, seed: int) -> tuple[int, int, list[str]]:
    before = {_key(f) for f in check(doc) if f.severity in ("error", "warning")}
    in_tables = {r.line for t in doc.tables for r in t.rows if r.line}
    figures = [(i, m) for i, line in enumerate(doc.lines) if i + 1 not in in_tables for m in FIGURE.finditer(line)]
    chosen = random.Random(seed).sample(figures, min(sample, len(figures)))
    found, missed = 0, []
    for i, m in chosen:
        line = doc.lines[i]
        value = int(m.group(1).replace(",", ""))
        changed = line[:m.start(1)] + str(value + max(1, value // 13)) + line[m.end(1):]
        mutated = replace(doc, lines=doc.lines[:i] + (changed,) + doc.lines[i + 1:])
        new = [f for f in check(mutated) if f.severity in ("error", "warning") and _key(f) not in before]
        if any(f.location.line == i + 1 or any(x.line == i + 1 for x in f.related) for f in new):
            found += 1
        else:
            missed.append(line[max(0, m.start() - 30):m.end() + 10].strip())
    return found, len(chosen), missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("files", nargs="+", help="documents (text, workbook or PDF)")
    parser.add_argument("--cells", type=int, default=12, help="table cells changed per table role (default 12)")
    parser.add_argument("--prose", type=int, default=40, help="prose figures changed per document (default 40)")
    parser.add_argument("--seed", type=int, default=1, help="the sample of prose figures (default 1)")
    args = parser.parse_args(argv)
    for name in args.files:
        doc = read_document(name)
        stats, missed = tables(doc, args.cells)
        found, total, unseen = prose(doc, args.prose, args.seed)
        print(f"{Path(name).name}")
        for role in sorted(stats):
            s = stats[role]
            print(f"  {role:5} found {s['found']:3}  elsewhere {s['elsewhere']:3}  missed {s['missed']:3}"
                  + ("   e.g. " + "; ".join(missed[role][:2]) if missed[role] else ""))
        print(f"  prose found {found} of {total}")
        for text in unseen[:8]:
            print(f"    missed: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
