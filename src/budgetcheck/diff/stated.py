"""The changes the newer document states, checked against the older document.

``A，比上年增加D，增长P%`` and ``与上年一致`` speak of a quantity in two years.  The
quantity is found the way the narrative rules find it (its phrase resolved to a table
cell, in both documents), or, when no table holds it (机关运行经费), by the same phrase
in the older document's prose.  The newer figure is the one the sentence states (or,
for ``与上年预算相比下降15.40%`` standing alone, the first figure of its paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetcheck.core.catalogue import strip_enumerator
from budgetcheck.core.rounding import VIOLATION, Comparison
from budgetcheck.claims import Change, claims_of
from budgetcheck.claims.extract import Sentence, label_of
from budgetcheck.claims.figures import Figure
from budgetcheck.core.model import UNIT_SCALE, Amount, Document, Location
from budgetcheck.rules.arguments import said
from budgetcheck.rules.quantities import resolve
from budgetcheck.rules.base import Fact, compared
from budgetcheck.rules.prior_column import change_checks as _checks, paragraph_index, subject as _subject

YEARS = re.compile(r"\d{4}年度?")


@dataclass(frozen=True)
class Checked:
    """One stated change: what it says, what the two documents give, and the verdict."""

    sentence: Sentence
    quantity: str
    kind: str  # delta | percent | flat
    stated: str
    new: Amount | None
    old: Amount | None
    comparison: Comparison | None
    old_place: Location | None = None
    at: int = 0  # where in the sentence the stated figure is

    @property
    def status(self) -> str:
        if self.comparison is None:
            return "unchecked"
        return "contradicted" if self.comparison.status == VIOLATION else "confirmed"


def _phrase(s: Sentence, f: Figure) -> str:
    return YEARS.sub("", re.sub(r"[\s“”\"]", "", label_of(s, f)))


def _old_value(old: Document, old_sentences: list[Sentence], s: Sentence, f: Figure) -> tuple[Amount, Location] | None:
    found = resolve(old, label_of(s, f), s.paragraph.headings)
    if found and found[1]:
        cell = found[1][0]
        return cell.amount, cell.location
    phrase = _phrase(s, f)
    if len(phrase) < 4:
        return None
    matches = [(s0, f0) for s0 in old_sentences for f0 in s0.figs
               if f0.same_measure(f) and not f0.approx and _phrase(s0, f0) == phrase]
    if len(matches) != 1:
        return None
    s0, f0 = matches[0]
    return f0.amount, said(old, s0, "prior year", f0.start)


BASIS_YEAR = re.compile(r"(?:比|较|与)(\d{4})\s*年")


def _comparable(c: Change, old_year: str | None, new_year: str | None) -> bool:
    """Is the older document the year this claim compares with?"""
    named = BASIS_YEAR.search(c.sentence.text)
    if named and old_year:
        return named.group(1) == old_year
    if old_year and new_year:
        return int(new_year) - int(old_year) == 1
    return True


def check_stated(old: Document, new: Document) -> list[Checked]:
    from budgetcheck.rules.years import year_of

    old_year, new_year = year_of(old), year_of(new)
    out: list[Checked] = []
    claims, old_sentences = claims_of(new), claims_of(old).sentences
    index = paragraph_index(claims.sentences)
    for c in claims.changes:
        subject = _subject(c, claims.sentences, index)
        if subject is None:
            continue
        s, f = subject
        named = resolve(new, label_of(s, f), s.paragraph.headings)
        quantity = named[0] if named else (re.sub(r"^[，,：:]", "", strip_enumerator(_phrase(s, f))) or "?")
        before = _old_value(old, old_sentences, s, f) if _comparable(c, old_year, new_year) else None
        a = f.amount
        b = None
        if before is not None:
            money = a.unit in UNIT_SCALE and before[0].unit in UNIT_SCALE
            b = before[0].to(a.unit) if money else before[0]
        place = before[1] if before else None
        for kind, stated, comparison, at in _checks(c, a, b):
            out.append(Checked(c.sentence, quantity, kind, stated, a, b, comparison, place, at))
    return out


def facts(doc: Document, checked: list[Checked]) -> list[Fact]:
    out: list[Fact] = []
    for item in checked:
        if item.comparison is None:
            continue
        where_ = said(doc, item.sentence, f"stated change ({item.kind})", item.at)
        related = [item.old_place] if item.old_place else []
        out.extend(compared(item.comparison, where_,
                            f"{item.quantity}: stated {item.stated} against last year's {item.old.text if item.old else '?'}",
                            f"{item.quantity}：所述变动{item.stated}与上年数{item.old.text if item.old else '?'}不符",
                            related))
    return out
