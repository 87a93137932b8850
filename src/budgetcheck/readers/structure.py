"""The structure of rows printed without codes: levels from indentation or numbering.

Why: several regions print the functional tree by name only (``公共安全支出`` /
``　司法`` / ``　　行政运行``), the 三公 table as rows (``（一）因公出国（境）费`` …), and
the overview tables with 一、 > （一） > 1. lines.  Without a level every line would be
summed as a part of the 合计, which turns a correct table into a list of false errors.
A level is read only when the evidence is a clean ladder; otherwise none is read, and
the table's checks that need it are not made.
"""

from __future__ import annotations

import re

STEP = 3.0  # points: two indentation levels differ by at least this much
SAME = 1.5  # points: offsets this close are one level

#: Enumerators from the outermost level in: 一、 > （一） > 1、/1. > （1）.
ENUMERATORS = (
    re.compile(r"^\s*[一二三四五六七八九十]+\s*、"),
    re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]+\s*[)）]"),
    re.compile(r"^\s*\d+\s*[、.．](?!\d)"),
    re.compile(r"^\s*[（(]\s*\d+\s*[)）]"),
)


def enumerator_rank(label: str) -> int | None:
    """0 for 一、, 1 for （一）, 2 for 1. / 1、, 3 for （1）; None for an unnumbered label.
    A leading 其中： is looked through (``其中：（1）公务用车购置费``)."""
    text = re.sub(r"^\s*其中\s*[:：]\s*", "", label)
    for rank, pattern in enumerate(ENUMERATORS):
        if pattern.match(text):
            return rank
    return None


def indent_levels(offsets: list[float | None]) -> list[int | None] | None:
    """Levels (1, 2, 3 …) from the text offsets of a column, or None when the offsets
    are not a ladder (centred text, one level only, or a row jumping two levels)."""
    values = sorted(o for o in offsets if o is not None)
    if len(values) < 3:
        return None
    centres: list[list[float]] = []
    for v in values:
        if centres and v - centres[-1][-1] <= SAME:
            centres[-1].append(v)
        else:
            centres.append([v])
    if not 2 <= len(centres) <= 5:
        return None
    means = [sum(c) / len(c) for c in centres]
    if any(b - a < STEP for a, b in zip(means, means[1:])):
        return None
    levels: list[int | None] = []
    previous = 0
    for o in offsets:
        if o is None:
            levels.append(None)
            continue
        level = min(range(len(means)), key=lambda k: abs(means[k] - o)) + 1
        if level > previous + 1:
            return None
        levels.append(level)
        previous = level
    return levels


def enumerated_levels(labels: list[str]) -> list[int]:
    """Levels from the numbering of labels, outermost first: the ranks that occur are
    numbered 1, 2 … in the order of their rank; an unnumbered label after a numbered
    one is one level below it (a memo line such as ``一般公共预算`` under ``一、财政拨款``)."""
    ranks = [enumerator_rank(label) for label in labels]
    used = sorted({r for r in ranks if r is not None})
    level_of = {r: k + 1 for k, r in enumerate(used)}
    out = []
    last = 0
    for r in ranks:
        if r is None:
            out.append(last + 1 if last else 1)
        else:
            last = level_of[r]
            out.append(last)
    return out
