"""Arithmetic claims of prose: changes, ratios, counts (breakdowns: breakdown.py).

Each claim keeps its sentence and the figures it relates, so a finding can quote the
sentence and show what the stated numbers imply.  Extraction is conservative: a
pattern that is not clearly a claim yields nothing, because a wrong reading would be
a false alarm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from budgetcheck.claims.figures import Figure, figures
from budgetcheck.claims.prose import Paragraph, sentences

UP = ("增加", "增长", "上升", "提高", "增")
DOWN = ("减少", "下降", "降低", "减")
BASIS = r"(?:上年|去年|上一年|\d{4}\s*年度?(?:预算|底|末)?|去年同期|上年同期|年初)"
TRIGGER = re.compile(
    r"(?:(?:比|较)" + BASIS + r"[^，,。；;：\d%％]{0,16}?|与" + BASIS + r"[^，,。；;\d]{0,6}?相比(?:[，,]?[^，,。；;：\d%％]{0,12}?)|同比)"
    r"(?P<dir>增加|增长|上升|提高|减少|下降|降低|增|减)"
)
# ``较2022年27845件`` and ``比2025年年初预算数45557.68万元``: words that say which figure of
# that year, but no direction (``比2022年预算数增加D`` states the change, not the base)
BASE_FIRST = re.compile(r"(?:比|较)" + BASIS + r"[^，,。；;：\d%％增减降升提]{0,8}?(?=\d)")
PCT_AFTER = re.compile(r"^[^，,。；;\d]{0,2}[，,]?\s*(?:同比)?(?P<dir>增长|增加|下降|减少|上升|提高|降低|增幅|降幅|幅度)(?:为|了|达)?\s*$")
FLAT = re.compile(r"与" + BASIS + r"(?:预算)?(?:数)?(?:一致|相同|持平)|持平")
TARGET = re.compile(r"完成(?:全年|年度)?任务数?$")
RATE_WORDS = re.compile(r"(整改|追回|结案|办结|完成|覆盖|签订)[^，,。；\d]{0,6}率(?:为|达|是)?\s*$")
#: The number of 一级项目 stated as the whole: ``一级项目11个``, ``一级项目共11个``,
#: ``一级项目11项``, ``共11个一级项目``.  ``新增2个一级项目`` states a part, not the whole,
#: so a figure before the words counts only after 共/合计.
COUNT = re.compile(r"(?P<what>一级项目)(?:共|合计|总计)?(?P<n>\d+)(?:个|项)|(?:共|合计|总计)(?P<n2>\d+)(?:个|项)一级项目")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its figures and bracket map, computed once for every rule."""

    paragraph: Paragraph
    offset: int
    text: str
    figs: tuple[Figure, ...] = ()
    free: tuple[bool, ...] = ()

    def line(self, at: int = 0) -> int:
        return self.paragraph.line_at(self.offset + at)


@dataclass(frozen=True, slots=True)
class Change:
    """``value，比上年增加delta，增长pct`` (or only some of them); ``base`` when the
    sentence gives last year's figure itself (``较2022年27845件…下降7.8%``)."""

    sentence: Sentence
    sign: int
    value: Figure | None
    delta: Figure | None
    pct: Figure | None
    base: Figure | None = None
    flat: bool = False
    # the sentence opens with the comparison (``与上年相比减少17.08万元，减少0.58%``): its
    # figure is the one the sentence before states, found by claims_of as ``prior``
    opening: bool = False
    prior: Figure | None = None


@dataclass(frozen=True, slots=True)
class Ratio:
    """``pct`` = ``part`` / ``whole``: a target (完成任务数T的P%) or a rate (整改率)."""

    sentence: Sentence
    kind: str  # target | rate
    part: Figure
    whole: Figure
    pct: Figure


@dataclass(frozen=True, slots=True)
class Share:
    """``part，占[base的]pct``: a figure's share of a whole; ``base`` is the phrase naming
    the whole (``本年支出预算``, ``“三公”经费``), "" when the whole is the list's total."""

    sentence: Sentence
    part: Figure
    pct: Figure
    base: str = ""


@dataclass(frozen=True, slots=True)
class Count:
    sentence: Sentence
    what: str
    figure: Figure


def all_sentences(paragraphs: list[Paragraph]) -> list[Sentence]:
    out = []
    for p in paragraphs:
        for off, text in sentences(p):
            figs = tuple(figures(text))
            # the bracket map only matters where there are figures to place
            out.append(Sentence(p, off, text, figs, tuple(outside_brackets(text)) if figs else ()))
    return out


def outside_brackets(text: str) -> list[bool]:
    """For each character: True when it is not inside （…） or (…)."""
    if "(" not in text and "（" not in text:
        return [True] * len(text)
    depth, out = 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        out.append(depth == 0)
        if ch in "）)" and depth:
            depth -= 1
    return out


def _before(figs, at: int, like: Figure | None = None, free=None) -> Figure | None:
    """The nearest exact money or count figure ending before ``at`` (same measure as
    ``like``), not inside brackets."""
    for f in reversed(figs):
        if free is not None and not free[f.start]:
            continue
        if f.end <= at and f.kind in ("money", "count") and (like is None or f.same_measure(like)):
            return None if f.approx else f
    return None


def changes(s: Sentence) -> list[Change]:
    figs = s.figs
    out: list[Change] = []
    used: set[int] = set()
    for m in TRIGGER.finditer(s.text):
        sign = 1 if m.group("dir") in UP else -1
        after = [f for f in figs if f.start >= m.end()]
        nxt = after[0] if after and after[0].start - m.end() <= 2 else None
        delta = pct = None
        if nxt is not None and nxt.kind in ("money", "count"):
            delta = nxt
            pct = _pct_after(s.text, figs, nxt)
        elif nxt is not None and nxt.kind == "percent" and nxt.start not in used:
            pct = nxt
        if delta is None and pct is None:
            continue
        if pct is not None:
            used.add(pct.start)
        value = _before(figs, m.start(), delta, s.free)
        if value is not None and _NEW_SUBJECT.search(s.text[value.end:m.start()]):
            value = None  # ``事业收入812.48万元，收入比上年增加D``: the change is of 收入, not of that figure
        opening = value is None and not any(f.end <= m.start() for f in figs) and len(s.text[:m.start()].strip(" ，,")) <= 6
        out.append(Change(s, sign, value, delta, pct, opening=opening))
    out.extend(_base_first(s, figs))
    if FLAT.search(s.text):
        out.append(Change(s, 0, _before(figs, FLAT.search(s.text).start(), None, s.free), None, None, flat=True))
    return out


# a clause that names its own subject between a figure and a comparison (``，收入比上年``)
_NEW_SUBJECT = re.compile(r"[，,；;][^，,；;\d]*?[\u4e00-\u9fa5]{2}[^，,；;\d]*$")


def with_priors(sentences: list[Sentence], found: list[Change]) -> list[Change]:
    """Changes that open their sentence take their figure from the sentence before:
    ``（1）…支出2,906.63万元，主要用于审计事务。与上年相比减少17.08万元，减少0.58%``.  That
    sentence is the one before in the same paragraph, or the last of the paragraph just
    above when this one starts with the comparison (a line break after 。); it must state
    exactly one figure of the change's measure, or the change stays without one."""
    if not any(c.opening for c in found):
        return found
    index = {id(s): i for i, s in enumerate(sentences)}
    out = []
    for c in found:
        i = index.get(id(c.sentence), 0)
        if not c.opening or i == 0:
            out.append(c)
            continue
        prev, s = sentences[i - 1], c.sentence
        adjacent = prev.paragraph is s.paragraph or (
            s.offset == 0 and prev.paragraph.line_at(len(prev.paragraph.text) - 1) + 1 == s.paragraph.line)
        like = c.delta
        figs = [f for f in prev.figs if f.kind in ("money", "count") and (like is None or f.same_measure(like))
                and (not prev.free or prev.free[f.start])]
        if adjacent and len(figs) == 1 and not figs[0].approx:
            c = replace(c, prior=figs[0])
        out.append(c)
    return out


def _pct_after(text: str, figs, delta: Figure) -> Figure | None:
    for f in figs:
        if f.start >= delta.end and f.kind == "percent":
            return f if PCT_AFTER.match(text[delta.end:f.start]) else None
    return None


def _base_first(s: Sentence, figs) -> list[Change]:
    """``A（…）较2022年B（…）下降P%``: the basis figure is written out."""
    out = []
    for m in BASE_FIRST.finditer(s.text):
        base = next((f for f in figs if f.start == m.end() and f.kind in ("money", "count")), None)
        if base is None:
            continue
        value = _before(figs, m.start(), base, s.free)
        tail = re.sub(r"[（(][^）)]*[)）]", lambda x: " " * len(x.group(0)), s.text[base.end:])
        d = re.match(r"^\s*[，,]?\s*(?P<dir>增长|增加|下降|减少|上升|降低)(?:了)?\s*", tail)
        if d is None:
            continue
        at = base.end + d.end()
        pct = next((f for f in figs if f.start == at and f.kind == "percent"), None)
        # ``比2025年年初预算数B增加D，增长P%``: the change is written out as well
        delta = None if pct is not None else next((f for f in figs if f.start == at and f.same_measure(base)), None)
        if delta is not None:
            pct = _pct_after(s.text, figs, delta)
        if value is not None and pct is not None and not base.approx and not (delta is not None and delta.approx):
            out.append(Change(s, 1 if d.group("dir") in UP else -1, value, delta, pct, base))
    return out


def ratios(s: Sentence) -> list[Ratio]:
    figs = s.figs
    out: list[Ratio] = []
    for i, f in enumerate(figs):
        if f.kind != "percent" or i < 1:
            continue
        prev = figs[i - 1]
        between = s.text[prev.end:f.start]
        if between == "的" and TARGET.search(s.text[:prev.start]):
            part = _before(figs, TARGET.search(s.text[:prev.start]).start(), prev, s.free)
            if part is not None and not prev.approx:
                out.append(Ratio(s, "target", part, prev, f))
        elif RATE_WORDS.search(s.text[prev.end:f.start]) and i >= 2:
            whole = figs[i - 2]
            gap = s.text[whole.end:prev.start]
            if whole.same_measure(prev) and re.match(r"^[，,]\s*(已|累计)", gap) and not (whole.approx or prev.approx):
                out.append(Ratio(s, "rate", prev, whole, f))
    return out


SHARE = re.compile(r"^\s*[，,]?\s*(?:分别)?占(?:比)?(?P<base>[^，,。；;：:\d%％（）()]{0,24}?)(?:的)?(?:比重|比例|比)?(?:为|是|达)?\s*$")


def shares(s: Sentence) -> list[Share]:
    """``人员支出58,486.35万元，占59.0%``, ``基本支出预算32780.46万元，占本年支出预算64.37%``:
    an exact money figure, then 占 (its whole named or not) and the percentage."""
    if "占" not in s.text:
        return []
    figs, out = s.figs, []
    for f, g in zip(figs, figs[1:]):
        if f.kind != "money" or g.kind != "percent" or f.approx or g.approx or (s.free and not s.free[f.start]):
            continue
        m = SHARE.match(s.text[f.end:g.start])
        if m:
            out.append(Share(s, f, g, m.group("base").strip()))
    return out


def counts(s: Sentence) -> list[Count]:
    out = []
    for m in COUNT.finditer(s.text):
        group = "n" if m.group("n") else "n2"
        fig = next((f for f in s.figs if f.start == m.start(group)), None)
        if fig is not None:
            out.append(Count(s, "一级项目", fig))
    return out


LABEL_CUT = "，,。；;：:、"


def label_of(s: Sentence, f: Figure) -> str:
    """The words a figure belongs to: back to the previous clause mark or figure."""
    start = max(s.text.rfind(c, 0, f.start) for c in LABEL_CUT) + 1
    previous = [g.end for g in s.figs if g.end <= f.start]
    return s.text[max([start, *previous]):f.start]
