"""Tables printed as column groups side by side, read as one list of rows.

The national 决算 基本支出 table (公开06表), and some budget templates' 基本支出 tables,
print three groups across the page: ``人员经费: 科目代码 | 科目名称 | 决算数`` then
``公用经费: 科目代码 | 科目名称 | 决算数`` twice, each group a column of its own rows.  Read
as one line per printed line, a row would mix 302 and 310 with 301; read group by group,
each group is a list of coded rows whose figure belongs to its group's column (人员经费 or
公用经费).  The 合计 line is one row whose figures are placed by the label before them
(``人员经费合计 7,967.72 … 公用经费合计 2,266.65``).
"""

from __future__ import annotations

import re

from budgetcheck.templates import Template, squeeze

_CODE = re.compile(r"代码|编码|科目代?码?$")
_NAME = re.compile(r"名称")
_TOTAL = re.compile(r"合计|总计")


def _segments(paths: list[tuple[str, ...]]) -> list[range]:
    """Column ranges, each starting at a code column; one range when the header does
    not repeat itself."""
    starts = [i for i, p in enumerate(paths) if p and _CODE.search(squeeze(p[-1])) and not _NAME.search(squeeze(p[-1]))]
    if len(starts) < 2 or starts[0] != 0:
        return [range(len(paths))]
    bounds = starts + [len(paths)]
    segments = [range(a, b) for a, b in zip(bounds, bounds[1:])]
    leaves = [tuple(squeeze(paths[i][-1]) for i in s) for s in segments]
    widths = {len(s) for s in segments}
    if len(widths) != 1 or len({tuple(_kind(x) for x in leaf) for leaf in leaves}) != 1:
        return [range(len(paths))]
    return segments


def _kind(leaf: str) -> str:
    return "code" if _CODE.search(leaf) and not _NAME.search(leaf) else "name" if _NAME.search(leaf) else "amount"


def _group(path: tuple[str, ...], template: Template) -> str:
    """The key of a group header (人员经费 → personnel), by the template's leaf words."""
    top = squeeze(path[0]) if len(path) > 1 else ""
    for entry in template.columns.get("leaves", []):
        if entry["word"] in top:
            return entry["key"]
    return top


def unstack(paths: list[tuple[str, ...]], body: list[tuple[int, str, list[str]]], template: Template,
            readings: list[str]) -> tuple[list[tuple[str, ...]], list[tuple[int, str, list[str]]]]:
    """(paths, body lines) of a side-by-side table as one list; unchanged otherwise."""
    segments = _segments(paths)
    if len(segments) < 2:
        return paths, body
    groups = [_group(paths[s[0]], template) for s in segments]
    tops = [squeeze(paths[s[0]][0]) if len(paths[s[0]]) > 1 else "" for s in segments]
    by_code = _by_code(groups, body, template)  # no group headers: the 合计 line names the groups
    if by_code is not None:
        groups, tops = [next(iter(by_code[1]))] * len(segments), [""] * len(segments)
    order = list(dict.fromkeys(groups)) if by_code is None else list(by_code[1])
    first = segments[0]
    kinds = [_kind(squeeze(paths[i][-1])) for i in first]
    text_width = kinds.index("amount") if "amount" in kinds else len(kinds)
    amounts_per = len(first) - text_width
    new_paths = [paths[i][-1:] for i in first[:text_width]]
    for g in order:
        top = (by_code[1][g] if by_code is not None else
               next(paths[s[0]][0] for s, gg in zip(segments, groups) if gg == g))
        new_paths += [(top, paths[i][-1]) for i in first[text_width:]]
    if by_code is not None:
        tops = [by_code[1][g] for g in groups]
    out: list[tuple[int, str, list[str]]] = []
    totals: list[tuple[int, str, list[str]]] = []
    for seg, g in zip(segments, groups):
        for lineno, raw, cells in body:
            part = [cells[i] if i < len(cells) else "" for i in seg]
            if any(_TOTAL.search(squeeze(c)) for c in cells):
                continue
            if not any(part):
                continue
            if by_code is not None:
                g = next((k for k, pattern in by_code[0] if pattern.match(part[0].strip())), order[-1])
            slot = order.index(g)
            row = part[:text_width] + [""] * (amounts_per * len(order))
            row[text_width + slot * amounts_per: text_width + (slot + 1) * amounts_per] = part[text_width:]
            out.append((lineno, "\t".join(row), row))
    for lineno, raw, cells in body:
        if any(_TOTAL.search(squeeze(c)) for c in cells):
            named = [by_code[1][g] for g in order] if by_code is not None else tops
            totals.append(_total_line(lineno, cells, segments, groups if by_code is None else [order[0]] * len(segments),
                                      named if by_code is None else [by_code[1][order[0]]] * len(segments),
                                      order, text_width, amounts_per, by_code[1] if by_code is not None else None))
    if by_code is not None:
        readings.append(f"{len(segments)} column groups side by side without group headers, read one after another; "
                        f"each row's figure goes to {' or '.join(by_code[1].values())} by its economic class, as the 合计 line names them")
    else:
        readings.append(f"{len(segments)} column groups side by side "
                        f"({', '.join(dict.fromkeys(squeeze(paths[s[0]][0]) for s in segments))}) read one after another")
    return new_paths, out + totals


def _by_code(groups: list[str], body, template: Template) -> tuple[list[tuple[str, re.Pattern[str]]], dict[str, str]] | None:
    """Groups without headers over them (科目代码 | 科目名称 | 决算数, three times), whose
    合计 line names them (人员经费合计 … 公用经费合计): each row's group is its economic
    class's (template ``[side_by_side]``: 301 and 303 are 人员经费)."""
    spec = template.columns.get("side_by_side", {})
    names = spec.get("groups", {})
    if len(set(groups)) != 1 or not names:
        return None
    text = "".join(squeeze(c) for _, _, cells in body for c in cells if _TOTAL.search(squeeze(c)))
    if not all(name in text for name in names.values()):
        return None
    patterns = [(key, re.compile(p)) for key, p in spec.get("codes", {}).items()]
    return patterns, dict(names)


def _total_line(lineno: int, cells: list[str], segments: list[range], groups: list[str], tops: list[str],
                order: list[str], text_width: int, amounts_per: int,
                names: dict[str, str] | None = None) -> tuple[int, str, list[str]]:
    """The 合计 line: each figure goes to the group its label names (人员经费合计 → the
    人员经费 column), else to the group of the segment it is printed in."""
    row = [""] * (text_width + amounts_per * len(order))
    current: str | None = None
    seen: dict[str, int] = {}
    for i, cell in enumerate(cells):
        text = squeeze(cell)
        if not text:
            continue
        seg = next((k for k, s in enumerate(segments) if i in s), len(segments) - 1)
        if _TOTAL.search(text):
            if names is not None:
                current = next((g for g, name in names.items() if name in text), groups[seg])
            else:
                current = next((g for g, top in zip(groups, tops) if top and top in text), groups[seg])
            continue
        if re.search(r"\d", text) and current is not None:
            slot = order.index(current)
            k = seen.get(current, 0)
            if k < amounts_per:
                row[text_width + slot * amounts_per + k] = cell
                seen[current] = k + 1
    row[max(text_width - 1, 0)] = "合计"  # one row for the line: 人员经费合计 and 公用经费合计 in their columns
    return lineno, "\t".join(row), row
