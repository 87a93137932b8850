"""Project self-evaluation forms of final accounts (项目支出绩效自评表).

A form, not a grid: a funds block (年度资金总额, 其中：财政拨款, 上年结转, 其他资金 under
年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分), then goals in prose, then the
indicators (一级/二级/三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因), then 总分.
The funds block is read by the header above it; an indicator's 分值 and 得分 are the
last two plain numbers of its line (an indicator's values are words or figures with
units; cells shift between pages, so positions are not reliable).  An indicator line
whose scores cannot be told apart is left without them, and the table says so.
"""

from __future__ import annotations

import re

from budgetcheck.core.model import Amount, Column, Row, Table
from budgetcheck.core.figures import NotANumber, parse_amount
from budgetcheck.templates import squeeze

COLUMNS = (
    Column("start:total", "年初预算数", period="start"),
    Column("budget:total", "全年预算数", period="budget"),
    Column("total", "全年执行数"),
    Column("count:分值", "分值", period="count"),
    Column("pct:rate", "执行率", period="pct"),
    Column("count:得分", "得分", period="count"),
)
_HEAD = (("start:total", re.compile(r"年初预算")), ("budget:total", re.compile(r"全年预算|调整预算")),
         ("total", re.compile(r"全年执行|执行数|实际支出")), ("count:分值", re.compile(r"^分值$")),
         ("pct:rate", re.compile(r"执行率")), ("count:得分", re.compile(r"^得分$")))
_FUNDS = re.compile(r"^(?:其中[:：]?)?(年度资金总额|资金总额|(?:当年)?财政拨款|上年结转(?:资金)?|其他资金)[:：]?$")
_SCORE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
_TOTAL_SCORE = re.compile(r"^总\s*分$")
_INDICATOR_HEAD = re.compile(r"三级指标|指标名称")
#: The self-evaluation forms: a project's (FSE), read as a form, and the department's
#: (FSD), whose tasks and funds are a grid and whose indicators run on as a form.
SELFEVAL_ROLES = ("FSE", "FSD")
_INDICATOR_LEVEL = re.compile(r"^(?:产出|效益|满意度|成本)指标")
_RATE = re.compile(r"^(\d{1,4}(?:\.\d+)?)\s*[%％]$")


def is_indicator_header(squeezed: list[str]) -> bool:
    """The indicators' header line: 一级指标 二级指标 三级指标 (or 指标名称, or 指标内容 in
    the department's form) … 分值 得分."""
    return any(_INDICATOR_HEAD.search(c) for c in squeezed) or (
        "一级指标" in squeezed and "分值" in squeezed and "得分" in squeezed)


def reads_as_indicators(rows: list[list[str]]) -> bool:
    """Rows that are a self-evaluation form's indicators: under their header line, or,
    without it, starting with a group (产出指标 / 效益指标 / 满意度指标 / 成本指标) in one
    of the first cells of the first filled line."""
    filled = [[squeeze(c) for c in cells] for cells in rows if any(cells)]
    if any(is_indicator_header(cells) for cells in filled):
        return True
    return bool(filled) and any(_INDICATOR_LEVEL.match(c) for c in filled[0][:3] if c)


def parse_selfeval(role: str, title: str, unit: str, tab_lines: list[tuple[int, str]], start: int,
                   notes: tuple[str, ...], index: int, layouts: dict[int, int] | None = None,
                   indicators: bool = False) -> Table:
    """The form's rows.  ``layouts`` gives each line's column layout (lines of a page whose
    columns differ from those of the indicators' header are not read by the header's
    positions); ``indicators``: the lines start inside the indicators (a continuation)."""
    rows: list[Row] = []
    readings: list[str] = []
    head: dict[int, str] = {}
    in_indicators = indicators
    positions = (-1, -1)
    layouts = layouts or {}
    header_layout: int | None = None
    for lineno, raw in tab_lines:
        cells = [c.strip() for c in raw.split("\t")]
        squeezed = [squeeze(c) for c in cells]
        found = {i: key for i, c in enumerate(squeezed) for key, p in _HEAD if c and p.search(c)}
        if len(set(found.values())) >= 3 and not in_indicators:
            head = found
            continue
        if is_indicator_header(squeezed):
            in_indicators = True
            positions = (squeezed.index("分值") if "分值" in squeezed else -1, squeezed.index("得分") if "得分" in squeezed else -1)
            header_layout = layouts.get(lineno)
            continue
        if not in_indicators and head and any(_INDICATOR_LEVEL.match(c) for c in squeezed):
            in_indicators = True  # the indicators' header printed outside the grid, above it
            positions = (-1, -1)
        # a page with other columns than the header's: its cells are not under the header's
        at = positions if layouts.get(lineno) == header_layout else (-1, -1)
        label_at = next((i for i, c in enumerate(squeezed) if _FUNDS.match(c)), None)
        if label_at is not None and head and not in_indicators:
            rows.append(_funds_row(cells, squeezed[label_at], head, unit, lineno, raw))
            continue
        if any(_TOTAL_SCORE.match(c) for c in squeezed):
            rows.append(_score_row("总分", cells, lineno, raw, "score_total", readings, at))
            in_indicators = False
            continue
        if in_indicators:
            label = _indicator_label(squeezed)
            if label:
                rows.append(_score_row(label, cells, lineno, raw, "indicator", readings, at))
    if not any(r.is_total for r in rows):
        readings.append("no 年度资金总额 line with figures under 预算数 / 执行数: the funds were not read")
    return Table(role, title, unit, COLUMNS, tuple(rows), start, index, notes, readings=tuple(dict.fromkeys(readings)))


def _amount(text: str, unit: str, key: str) -> Amount | None:
    text = text.strip()
    if not text or text in ("-", "--", "—", "——", "/"):
        return None if key.startswith(("pct", "count")) else Amount.zero(unit)
    if key == "pct:rate":
        m = _RATE.match(text)
        if not m:
            return None
        try:
            a = parse_amount(m.group(1), "%")
        except NotANumber:
            return None
        return Amount(a.value, a.quantum, "%", text)
    try:
        a = parse_amount(text, "" if key.startswith("count") else unit)
    except NotANumber:
        return None
    return Amount(a.value, a.quantum, a.unit, text)


def _funds_row(cells: list[str], label: str, head: dict[int, str], unit: str, lineno: int, raw: str) -> Row:
    amounts: list[Amount | None] = [None] * len(COLUMNS)
    keys = [c.key for c in COLUMNS]
    for i, key in head.items():
        if i < len(cells):
            amounts[keys.index(key)] = _amount(cells[i], unit, key)
    name = _FUNDS.match(label).group(1)  # type: ignore[union-attr]
    total = name in ("年度资金总额", "资金总额")
    if not total:
        amounts[keys.index("pct:rate")] = None  # the parts' 执行率 cells are filler (0.0%) in the national form
        amounts[keys.index("count:得分")] = None
        amounts[keys.index("count:分值")] = None
    return Row(name, None, tuple(amounts), lineno, raw, is_total=total, kind="funds")


_SECTION = re.compile(r"^(?:年度)?绩效指标(?:完成情况)?$")  # the section's label, merged down the indicators


def _indicator_label(squeezed: list[str]) -> str:
    texts = [c for c in squeezed if c and not _SCORE.match(c) and not _SECTION.match(c)]
    words = [c for c in texts if not re.search(r"指标[（(]?\d*分?[)）]?$", c) or "：" in c]
    return words[0] if words else ""


def _score_row(label: str, cells: list[str], lineno: int, raw: str, kind: str, readings: list[str],
               positions: tuple[int, int]) -> Row:
    """分值 and 得分: the cells under their headers when both are plain numbers, else the
    only two plain numbers of the line; otherwise they are not told apart."""
    amounts: list[Amount | None] = [None] * len(COLUMNS)
    plain = [c.strip() for c in cells if _SCORE.match(c.strip())]
    at = [cells[i].strip() if 0 <= i < len(cells) else "" for i in positions]
    if all(_SCORE.match(c) for c in at):
        weight, score = at
    elif len(plain) == 2:
        weight, score = plain
    else:
        if kind == "indicator" or plain:
            readings.append(f"line {lineno}: the 分值 and 得分 of “{label}” could not be told apart")
        return Row(label, None, tuple(amounts), lineno, raw, kind=kind)
    amounts[3] = _amount(weight, "", "count:分值")
    amounts[5] = _amount(score, "", "count:得分")
    return Row(label, None, tuple(amounts), lineno, raw, kind=kind)
