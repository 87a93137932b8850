"""Breakdowns: a total and the parts the prose lists under it.

``总额T，其中：a、b、c`` and ``T（其中a）`` inside a sentence, and a paragraph ending
``其中：`` / ``具体情况如下：`` / ``包括：`` followed by an enumerated list (1. … 2. … or
(1) … (2) …).  Whether the parts must add up to the total depends on whether the list
is exhaustive: it is when introduced by 分别是/分别为 or 如下/包括, or when its labels
form a complete set (人员 + 公用; 货物 + 工程 + 服务; the three 三公 items; the three
fund types).  Otherwise the parts may only not exceed the total.  The total is not
always the nearest figure (``预算16,532万元，同时各区级财政拟分担资金15518万元。其中：``), so
every exact figure of the same measure before the marker is a candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetcheck.claims.extract import TRIGGER, Sentence, outside_brackets
from budgetcheck.claims.figures import Figure, figures
from budgetcheck.claims.prose import Paragraph

INLINE = re.compile(r"其中[：:，,]?|分别(?:是|为)[：:]?")
LIST_INTRO = re.compile(r"(其中|具体情况如下|情况如下|如下|包括|分别是|分别为)[：:]\s*$")
EXHAUSTIVE_INTRO = ("如下", "包括", "分别")
# a part list ends at a clause mark, a new topic, or a comparison with last year
STOP = re.compile(r"[；;。]|[，,]\s*(?:此外|另外|另|同时|并|还|比|较|与上年|同比)")
STYLES = (
    re.compile(r"^\s*[-•]?\s*(\d+)\s*(?:[.．](?!\d+(?:\.\d+)?\s*(?:%|％|万|亿|元|个))|、)"),
    re.compile(r"^\s*[-•]?\s*[（(]\s*(\d+)\s*[)）]"),
    re.compile(r"^\s*[-•]?\s*([一二三四五六七八九十]+)、"),
    re.compile(r"^\s*[-•]?\s*[（(]\s*([一二三四五六七八九十]+)\s*[)）]"),
)
COMPLETE_SETS = (
    ("人员", "公用"),
    ("货物", "工程", "服务"),
    ("因公出国", "公务接待", "公务用车"),
    ("一般公共预算", "政府性基金", "国有资本经营"),
    ("购置", "运行"),
)


@dataclass(frozen=True, slots=True)
class Breakdown:
    sentence: Sentence
    totals: tuple[Figure, ...]
    parts: tuple[Figure, ...]
    exhaustive: bool
    listed: bool = False  # an enumerated list (1. … 2. …) rather than inline parts
    part_lines: tuple[int, ...] = ()


def _labels(text: str, parts: list[Figure], start: int) -> list[str]:
    out, prev = [], start
    for f in parts:
        cut = max(text.rfind(c, prev, f.start) for c in "，,、；;：:")
        out.append(text[max(cut + 1, prev):f.start])
        prev = f.end
    return out


def complete_set(text: str, parts: list[Figure], start: int = 0) -> bool:
    """Do the parts' labels (the words before each figure) form one known complete set?

    Besides the sets above, a list of vehicles by kind (``…用车N辆``, the national
    公务用车 classes) that ends in ``其他用车`` names every kind: the rest are 其他."""
    labels = _labels(text, parts, start)
    kinds = ["".join(lab.split()) for lab in labels]
    if len(kinds) >= 2 and all(k.endswith("用车") for k in kinds) and kinds[-1].startswith("其他"):
        return True
    for words in COMPLETE_SETS:
        if len(labels) == len(words) and all(sum(w in lab for lab in labels) == 1 for w in words) \
                and all(any(w in lab for w in words) for lab in labels):
            return True
    return False


def inline(s: Sentence) -> list[Breakdown]:
    if not s.figs or ("其中" not in s.text and "分别" not in s.text):
        return []
    figs, free = s.figs, s.free
    out: list[Breakdown] = []
    for m in INLINE.finditer(s.text):
        bracketed = not free[m.start()]
        if bracketed:
            open_at = max(s.text.rfind("（", 0, m.start()), s.text.rfind("(", 0, m.start()))
            close = min([i for i in (s.text.find("）", m.end()), s.text.find(")", m.end())) if i >= 0] or [len(s.text)])
            region = [f for f in figs if m.end() <= f.start < close]
            totals = [f for f in figs if f.end <= open_at and free[f.start]][-1:]
        else:
            end = _region_end(s.text, m)
            region = [f for f in figs if m.end() <= f.start < end and free[f.start]]
            totals = [f for f in figs if f.end <= m.start() and free[f.start]]
            if totals and _change_delta(s.text, totals[-1]):
                # ``收入比上年增加D，其中：a增加d1…`` breaks down the change; ``A，较上年减少D，
                # 其中：a…`` breaks down A: the change is its total only when the parts are changes
                changes = region and all(_is_delta(s.text, f) for f in region)
                totals = totals[-1:] if changes else totals[:-1]
        exhaustive_word = m.group(0).startswith("分别")
        for measure in _measures(region):
            parts = [f for f in region if f.same_measure(measure)]
            cands = tuple(t for t in totals if t.same_measure(measure) and not t.approx)
            if not cands or any(p.approx for p in parts):
                continue
            exhaustive = exhaustive_word or complete_set(s.text, parts, m.end())
            if exhaustive_word and len(parts) < 2:
                continue
            out.append(Breakdown(s, cands, tuple(parts), exhaustive))
    return out


def _region_end(text: str, m: re.Match[str]) -> int:
    """Where the parts after a 其中 end: at a clause mark or a new topic (STOP), at the
    next 其中 (a second list), and before a clause that states a change (``，收入比上年
    增加D``: a change is not one more part)."""
    stop = STOP.search(text, m.end())
    end = stop.start() if stop else len(text)
    after = INLINE.search(text, m.end())
    if after is not None:
        end = min(end, after.start())
    trigger = TRIGGER.search(text, m.end(), end)
    if trigger is not None:
        clause = max(text.rfind(c, m.end(), trigger.start()) for c in "，,、")
        end = min(end, clause if clause >= 0 else trigger.start())
    return end


def _change_delta(text: str, figure: Figure) -> bool:
    """Is ``figure`` the change a comparison states (``比上年增加2,784.38万元``)?"""
    return any(0 <= figure.start - t.end() <= 2 for t in TRIGGER.finditer(text, 0, figure.start))


_DELTA_WORD = re.compile(r"(?:增加|减少|增长|下降|降低|上升|增|减)(?:了|为)?\s*$")


def _is_delta(text: str, figure: Figure) -> bool:
    """Is ``figure`` stated as a change (``财政拨款增加2,781.90万元``)?"""
    return bool(_DELTA_WORD.search(text[max(0, figure.start - 4):figure.start]))


def _measures(figs: list[Figure]) -> list[Figure]:
    seen: list[Figure] = []
    for f in figs:
        if f.kind in ("money", "count") and not any(f.same_measure(x) for x in seen):
            seen.append(f)
    return seen


def listed(paragraphs: list[Paragraph]) -> list[Breakdown]:
    """Breakdowns whose parts are the enumerated paragraphs after an intro ending in ：."""
    out: list[Breakdown] = []
    for i, intro in enumerate(paragraphs):
        m = LIST_INTRO.search(intro.text)
        if not m:
            continue
        items = _items(paragraphs, i + 1)
        if len(items) < 2:
            continue
        firsts = []
        for item in items:
            figs = [f for f in figures(item.text) if f.kind in ("money", "count")]
            if not figs or figs[0].approx:
                firsts = []
                break
            firsts.append((item, figs[0]))
        if not firsts:
            continue
        measure = firsts[0][1]
        if not all(f.same_measure(measure) for _, f in firsts):
            continue
        if all(OTHER_SPENDING.match(_lead(item.text, f.start)) for item, f in firsts):
            continue  # 事业单位经营/上缴上级/对附属单位补助 stand beside 基本 and 项目, not inside them
        free = outside_brackets(intro.text)
        cands = tuple(f for f in figures(intro.text[:m.start()])
                      if f.same_measure(measure) and not f.approx and free[f.start])
        if not cands:
            continue
        sentence = Sentence(intro, 0, intro.text)
        exhaustive = any(w in m.group(1) for w in EXHAUSTIVE_INTRO)
        out.append(Breakdown(sentence, cands, tuple(f for _, f in firsts), exhaustive, True,
                             tuple(p.line_at(f.start) for p, f in firsts)))
    return out


# spending kinds printed beside 基本支出 and 项目支出 (T3's last columns): a list of them
# after 项目支出 is not its breakdown
OTHER_SPENDING = re.compile(r"^(?:事业单位经营支出|上缴上级(?:单位)?支出|对附属单位补助支出)")


def _lead(text: str, at: int) -> str:
    """An item's words before its first figure, without its number."""
    head = text[:at]
    for style in STYLES:
        m = style.match(head)
        if m:
            return head[m.end():].strip()
    return head.strip()


def _items(paragraphs: list[Paragraph], start: int) -> list[Paragraph]:
    """The consecutive enumerated paragraphs of one style from ``start`` on, numbered 1, 2,
    3 … (read in place: a copy of the rest of the document for every intro would make
    a long document's reading quadratic)."""
    if start >= len(paragraphs):
        return []
    style = next((st for st in STYLES if st.match(paragraphs[start].text)), None)
    if style is None:
        return []
    items = []
    for j in range(start, len(paragraphs)):
        p = paragraphs[j]
        m = style.match(p.text)
        if not m:
            break
        items.append(p)
    return items
