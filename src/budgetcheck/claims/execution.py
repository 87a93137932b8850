"""Execution claims of final accounts: ``年初预算为A万元，支出决算为B万元，完成年初预算的P%``.

A 决算 说明 states, for its totals, its 三公 and every 类/款/项 of 一般公共预算 spending,
the budget it started from (A), what was spent (B), often the rate (P = B / A) and, in
the same or the next sentence, a comparison word (决算数大于/小于/等于预算数).  The
subject is named before A in the sentence (``财政拨款支出年初预算为…``) or in the
sentence before, when that sentence names only the subject (``1.一般公共服务（类）信访
事务（款）行政运行（项）。年初预算为…``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetcheck.claims.extract import Sentence
from budgetcheck.claims.figures import Figure

BUDGET = re.compile(r"(?:年初|调整|全年)?预算(?:数)?(?:为|是|安排)?$")
FINAL = re.compile(r"(?:支出)?决算(?:数)?(?:为|是)?$|实际支出(?:为)?$|执行数(?:为)?$")
RATE = re.compile(r"完成(?:了)?(?:年初|调整|全年)?预算(?:数)?的$")
RELATION = re.compile(r"决算数?(?P<word>大于|小于|等于|高于|低于|超过|少于|持平|与[^，。]{0,8}?(?:持平|一致|相同)|"
                      r"比(?:年初|调整|全年)?预算数?(?:增加|减少|多|少|节约|超支))")
#: what may stand between the comparison and the difference it states: ``决算数小于预算数38.75
#: 万元``, ``决算数比预算数减少28.75万元``
GAP = re.compile(r"^(?:(?:年初|调整|全年)?预算数?)?(?:的)?(?:为|了)?\s*$")
SUBJECT_ONLY = re.compile(r"[（(]项[)）]\s*$|[（(]款[)）]\s*$|[（(]类[)）]\s*$")


@dataclass(frozen=True, slots=True)
class Execution:
    sentence: Sentence
    subject: str  # the words naming what was budgeted and spent
    budget: Figure
    final: Figure
    rate: Figure | None
    relation: str  # 大于 | 小于 | 等于 | "" (none stated)
    relation_at: tuple[Sentence, int] | None  # where the comparison word is
    gap: Figure | None = None  # the difference the comparison states (决算数小于预算数D)


def executions(sentences: list[Sentence]) -> list[Execution]:
    out: list[Execution] = []
    for i, s in enumerate(sentences):
        figs = s.figs
        for k, a in enumerate(figs):
            if a.kind != "money" or a.approx or not BUDGET.search(_before(s, a)):
                continue
            b = next((f for f in figs[k + 1:] if f.kind == "money"), None)
            if b is None or b.approx or not FINAL.search(_before(s, b)) or _between_has_money(figs, a, b):
                continue
            rate = next((f for f in figs if f.kind == "percent" and f.start > b.end and RATE.search(_before(s, f))), None)
            subject = _subject(s, a, sentences[i - 1] if i else None)
            relation, at, gap = _relation(s, b, sentences[i + 1] if i + 1 < len(sentences) else None)
            out.append(Execution(s, subject, a, b, rate, relation, at, gap))
            break
    return out


def _before(s: Sentence, f: Figure) -> str:
    cut = max(s.text.rfind(c, 0, f.start) for c in "，,。；;：:")
    previous = [g.end for g in s.figs if g.end <= f.start]
    return s.text[max([cut + 1, *previous]):f.start].strip()


def _between_has_money(figs, a: Figure, b: Figure) -> bool:
    return any(f.kind == "money" and a.end <= f.start and f.end <= b.start for f in figs)


def _subject(s: Sentence, a: Figure, previous: Sentence | None) -> str:
    own = s.text[:a.start]
    own = BUDGET.sub("", own.rstrip()).strip(" ，,")
    if own:
        return own
    if previous is None:
        return ""
    text = previous.text.rstrip("。；; ")
    if not previous.figs and SUBJECT_ONLY.search(text):
        return text  # ``1.X（类）Y（款）Z（项）。`` on its own line: the subject of the sentence after
    if previous.paragraph is s.paragraph:
        return text  # ``1.某项目综述：…。项目全年预算数为…``: what the paragraph is about
    return ""


_WORD = {"大于": "大于", "高于": "大于", "超过": "大于", "小于": "小于", "低于": "小于", "少于": "小于",
         "等于": "等于", "持平": "等于", "增加": "大于", "多": "大于", "超支": "大于", "减少": "小于", "少": "小于",
         "节约": "小于"}


def _relation(s: Sentence, b: Figure, following: Sentence | None
              ) -> tuple[str, tuple[Sentence, int] | None, Figure | None]:
    for sentence, start in ((s, b.end), (following, 0)):
        if sentence is None or (sentence is not s and sentence.paragraph is not s.paragraph):
            continue
        m = RELATION.search(sentence.text, start)
        if m and (sentence is s or m.start() <= 2):  # the next sentence opens with it: 决算数大于预算数的主要原因是…
            word = m.group("word")
            key = next((w for w in _WORD if word.endswith(w)), "")
            gap = next((f for f in sentence.figs if f.kind == "money" and not f.approx and f.start >= m.end()
                        and f.start - m.end() <= 8 and GAP.match(sentence.text[m.end():f.start])), None)
            return _WORD.get(key, "等于"), (sentence, m.start()), gap
    return "", None, None
