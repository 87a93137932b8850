"""Figures in prose: amounts with their unit and scale, counts, percentages.

``1,844.11万元``, ``2.08万件``, ``41.99%``, ``92.52个百分点`` are figures; ``2023年``,
``12月31日`` and ``[2020]17号`` are not (no unit of measure).  A figure keeps the
precision it is written with, scaled exactly by 万/亿, so ``2.56万件`` stands for
[25,550, 25,650] 件; a whole count (``20个``) is exact.  Approximate figures (``1400多人``, ``近84万件``, ``约1738.885万元``)
are marked: no arithmetic claim is checked on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

from budgetcheck.core.model import Amount

COUNT_UNITS = ("人次", "人", "家次", "家", "户次", "户", "件", "个", "项", "场次", "场", "笔", "本", "辆", "台", "名",
               "条", "份", "次", "批", "所", "架次", "车次", "天次", "岗位", "套", "期")
FIGURE = re.compile(
    r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?\s*"
    r"(?:(?P<pct>%|％)|(?P<pp>个百分点)|(?P<scale>万|亿)?(?P<unit>元|" + "|".join(COUNT_UNITS) + r"))"
)
APPROX_WORDS = ("约", "近", "超过", "超", "逾", "大约", "将近", "上")  # just before the figure
APPROX_TAILS = ("多", "余", "左右", "以上", "以下")  # just after it
QUANTA = {n: Decimal(1).scaleb(-n) for n in range(0, 7)}
SCALE = {None: Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a sentence.

    ``kind`` is money, count, percent or pp (个百分点).  ``amount`` holds the value as an
    exact Amount: money in the unit it is written in (万元, 亿元, 元), counts in the base
    measure (人, 件 …, 万 already applied), percentages in percent.
    """

    kind: str
    amount: Amount
    start: int
    end: int
    text: str
    approx: bool = False

    @property
    def measure(self) -> str:
        return self.amount.unit

    def same_measure(self, other: Figure) -> bool:
        if self.kind != other.kind:
            return False
        return self.kind == "money" or self.amount.unit == other.amount.unit


_DIGIT = re.compile(r"\d")


def figures(text: str) -> list[Figure]:
    """The figures of a text, in order (a new list: the caller may keep or change it)."""
    if not _DIGIT.search(text):  # most prose sentences state no figure at all
        return []
    return list(_figures(text))


@lru_cache(maxsize=8192)
def _figures(text: str) -> tuple[Figure, ...]:
    """Read once per text: the claims, the breakdowns and several rules read the same
    sentence's figures, each on its own."""
    out: list[Figure] = []
    for m in FIGURE.finditer(text):
        num, frac, pct, pp, scale, unit = m.group("num", "frac", "pct", "pp", "scale", "unit")
        digits = num.replace(",", "")
        value = Decimal(f"{digits}.{frac}" if frac else digits)
        quantum = QUANTA.get(len(frac or "")) or Decimal(1).scaleb(-len(frac or ""))
        written = m.group(0)
        if pct:
            kind, amount = "percent", Amount(value, quantum, "%", written)
        elif pp:
            kind, amount = "pp", Amount(value, quantum, "个百分点", written)
        elif unit == "元":
            kind, amount = "money", Amount(value, quantum, f"{scale or ''}元", written)
        else:
            factor = SCALE[scale]
            # a whole count (20个, 1,403人次) is exact: people and cases are not rounded to
            # the unit; one scaled by 万/亿 (2.56万件) or with decimals stands for an interval
            exact = scale is None and not frac
            kind, amount = "count", Amount(value * factor, Decimal(0) if exact else quantum * factor, unit, written)
        start, end = m.span()
        approx = text[max(0, start - 2):start].endswith(APPROX_WORDS) or text[end:end + 2].startswith(APPROX_TAILS)
        out.append(Figure(kind, amount, start, end, written, approx))
    return tuple(out)
