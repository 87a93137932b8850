"""Figures in prose: amounts with their unit and scale, counts, percentages.

``1,844.11万元``, ``2.08万件``, ``41.99%``, ``92.52个百分点`` are figures; ``2023年``,
``12月31日`` and ``[2020]17号`` are not (no unit of measure).  A figure keeps the
precision it is written with, scaled exactly by 万/亿, so ``2.56万件`` stands for
[25,550, 25,650] 件.  Approximate figures (``1400多人``, ``近84万件``, ``约1738.885万元``)
are marked: no arithmetic claim is checked on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Amount

COUNT_UNITS = ("人次", "人", "家次", "家", "户次", "户", "件", "个", "项", "场次", "场", "笔", "本", "辆", "台", "名",
               "条", "份", "次", "批", "所", "架次", "车次", "天次", "岗位", "套", "期")
FIGURE = re.compile(
    r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?\s*"
    r"(?:(?P<pct>%|％)|(?P<pp>个百分点)|(?P<scale>万|亿)?(?P<unit>元|" + "|".join(COUNT_UNITS) + r"))"
)
APPROX_BEFORE = re.compile(r"(约|近|超过|超|逾|大约|将近|上)$")
APPROX_AFTER = re.compile(r"^(多|余|左右|以上|以下)")
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


def figures(text: str) -> list[Figure]:
    out: list[Figure] = []
    for m in FIGURE.finditer(text):
        digits = m.group("num").replace(",", "")
        frac = m.group("frac") or ""
        value = Decimal(f"{digits}.{frac}" if frac else digits)
        quantum = Decimal(1).scaleb(-len(frac))
        if m.group("pct"):
            kind, amount = "percent", Amount(value, quantum, "%", m.group(0))
        elif m.group("pp"):
            kind, amount = "pp", Amount(value, quantum, "个百分点", m.group(0))
        elif m.group("unit") == "元":
            kind = "money"
            amount = Amount(value, quantum, f"{m.group('scale') or ''}元", m.group(0))
        else:
            scale = SCALE[m.group("scale")]
            kind, amount = "count", Amount(value * scale, quantum * scale, m.group("unit"), m.group(0))
        approx = bool(APPROX_BEFORE.search(text[max(0, m.start() - 2):m.start()])
                      or APPROX_AFTER.match(text[m.end():m.end() + 2]))
        out.append(Figure(kind, amount, m.start(), m.end(), m.group(0), approx))
    return out
