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

from .extract import Sentence, outside_brackets
from .figures import Figure, figures
from .prose import Paragraph

INLINE = re.compile(r"其中[：:，,]?|分别(?:是|为)[：:]?")
LIST_INTRO = re.compile(r"(其中|具体情况如下|情况如下|如下|包括|分别是|分别为)[：:]\s*$")
EXHAUSTIVE_INTRO = ("如下", "包括", "分别")
# a part list ends at a clause mark, a new topic, or a comparison with last year
STOP = re.compile(r"[；;。]|[，,]\s*(?:此外|另外|另|同时|并|还|比|较|与上年|同比)")
STYLES = (
    re.compile(r"^\s*[-•]?\s*(\d+)\s*(?:[.．](?!\d)|、)"),
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
    """Do the parts' labels (the words before each figure) form one known complete set?"""
    labels = _labels(text, parts, start)
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
            stop = STOP.search(s.text, m.end())
            end = stop.start() if stop else len(s.text)
            region = [f for f in figs if m.end() <= f.start < end and free[f.start]]
            totals = [f for f in figs if f.end <= m.start() and free[f.start]]
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
        items = _items(paragraphs[i + 1:])
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


def _items(following: list[Paragraph]) -> list[Paragraph]:
    """The consecutive enumerated paragraphs of one style, numbered 1, 2, 3 …"""
    if not following:
        return []
    style = next((st for st in STYLES if st.match(following[0].text)), None)
    if style is None:
        return []
    items = []
    for p in following:
        m = style.match(p.text)
        if not m:
            break
        items.append(p)
    return items
