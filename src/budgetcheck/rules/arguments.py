"""The prose's own arithmetic: changes, breakdowns and rates must add up as stated."""

from __future__ import annotations

import re

from decimal import Decimal
from typing import Iterator

from budgetcheck.core.rounding import VIOLATION, compare_derived, compare_sum, total_of
from budgetcheck.claims import Sentence
from budgetcheck.claims.prose import clean, excerpt
from budgetcheck.core.model import Amount, Document, Location
from budgetcheck.rules.base import UNDECIDED, compared, rule, span_boxes, Fact
from budgetcheck.rules.context import Context

ONE = Decimal(1)


def said(doc: Document, s: Sentence, what: str, at: int = 0) -> Location:
    """Where a claim is: the narrative, its sentence (shortened) and its line."""
    line = s.line(at)
    pages = getattr(doc, "line_pages", ())
    page = pages[line - 1] if 0 < line <= len(pages) else None
    cells = getattr(doc, "line_cells", ())
    cell = cells[line - 1] if 0 < line <= len(cells) else ""
    boxes = getattr(doc, "line_boxes", ())
    box = (sentence_boxes(doc, s) or boxes[line - 1]) if 0 < line <= len(boxes) else ()
    return Location(doc.path, "narrative", "", excerpt(s.text, at), what, line, cell=cell, page=page, boxes=box)


def sentence_boxes(doc: Document, s: Sentence) -> tuple:
    """The rectangles of the sentence's characters, first to last: one per printed line
    it is on (a line whose clean text is not its text as read, a watermark taken out,
    counts whole)."""
    text = s.text
    start, end = s.offset + len(text) - len(text.lstrip()), s.offset + len(text.rstrip())
    out: list = []
    for line, lo, hi in s.paragraph.pieces(start, end):
        if not 0 < line <= len(doc.lines):
            continue
        raw = doc.lines[line - 1]
        out.extend(span_boxes(doc, line, lo, hi) if len(clean(raw)) == len(raw) else doc.line_boxes[line - 1])
    return tuple(out)


@rule("BC211", "change-arithmetic", "error", "narrative")
def change_arithmetic(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A stated change agrees with itself: ``A，比上年增加D，增长P%`` means P = D / (A − D).

    For a decrease P = D / (A + D).  A sentence that opens with the comparison
    (``…支出2,906.63万元，主要用于审计事务。与上年相比减少17.08万元，减少0.58%``) speaks of
    the one figure of the sentence before.  When last year's figure B is written as well
    as the change (``A，比2025年年初预算数B增加D，增长P%``), D = A − B too.  When last year's figure B is written instead of
    the change (``较2022年B…下降P%``), P = |A − B| / B and the direction must match.  Each
    figure is taken over its rounding interval, so ``55.37万人，较2019年底增加1.23万人，
    增幅2.28%`` is consistent (1.23 / 54.14 ≈ 2.27% is within reach), while a
    percentage no choice of rounded values gives is an error.
    """
    for c in ctx.claims.changes:
        value = c.value or c.prior
        if c.pct is None or value is None or c.pct.kind != "percent":
            continue
        if c.delta is not None and c.base is not None and c.delta.same_measure(value) and c.base.same_measure(value):
            yield from _delta_of_base(doc, c, value)
        if c.delta is not None and c.delta.same_measure(value):
            a, d = value.amount, c.delta.amount.to(value.amount.unit) if value.kind == "money" else c.delta.amount
            formula = (lambda a, d: d / (a - d)) if c.sign > 0 else (lambda a, d: d / (a + d))
            comparison = compare_derived(c.pct.amount, formula, [a, d])
            what = f"{c.pct.text} = {c.delta.text} / ({value.text} {'−' if c.sign > 0 else '+'} {c.delta.text})"
        elif c.base is not None and c.base.same_measure(value):
            a = value.amount
            b = c.base.amount.to(a.unit) if value.kind == "money" else c.base.amount
            sign = Decimal(c.sign)
            comparison = compare_derived(c.pct.amount, lambda a, b: sign * (a - b) / b, [a, b])
            what = f"{c.pct.text} = |{value.text} − {c.base.text}| / {c.base.text}"
        else:
            continue
        if comparison is not None:
            yield from compared(comparison, said(doc, c.sentence, "change", c.pct.start), what,
                                f"变动比例{what}")


def _delta_of_base(doc: Document, c, value) -> Iterator[Fact]:
    """``A，比2025年B增加D``: D = A − B (B − A for a decrease)."""
    unit = value.amount.unit
    a = value.amount
    b = c.base.amount.to(unit) if value.kind == "money" else c.base.amount
    d = c.delta.amount.to(unit) if value.kind == "money" else c.delta.amount
    high, low = (a, b) if c.sign > 0 else (b, a)
    what = f"{c.delta.text} = {(value if c.sign > 0 else c.base).text} − {(c.base if c.sign > 0 else value).text}"
    yield from compared(compare_sum(d, [high, Amount(-low.value, low.quantum, low.unit, low.text)]),
                        said(doc, c.sentence, "change", c.delta.start), what, f"变动额{what}")


@rule("BC212", "breakdown-sum", "error", "narrative")
def breakdown_sum(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A total and the parts listed under it (``其中：``, ``分别是``, an enumerated list) agree.

    When the list is exhaustive (分别是/分别为, 具体情况如下/包括 followed by a numbered
    list, or labels forming a complete set: 人员 + 公用, 货物 + 工程 + 服务, the three 三公
    items, the three fund types, vehicles by kind ending in 其他用车) the parts add up to
    the total.  Otherwise they may not
    exceed it; an enumerated list under 其中 that adds up to less is a warning (complete
    or not, only its author knows).  When several figures precede the list, the total is
    the one the parts add up to.
    """
    for b in ctx.claims.breakdowns:
        unit = b.totals[0].amount.unit
        parts = total_of([p.amount for p in b.parts], unit)
        options = [compare_sum(t.amount, [parts]) for t in b.totals]
        best = min(options, key=lambda c: abs(c.difference))
        where_ = said(doc, b.sentence, "breakdown", 0)
        names = " + ".join(p.text for p in b.parts) if len(b.parts) <= 6 else f"the {len(b.parts)} listed parts"
        if b.exhaustive:
            yield from compared(best, where_, f"total = {names}", f"合计应等于{names}")
            continue
        biggest = max(options, key=lambda c: c.actual)
        if biggest.status == VIOLATION and biggest.difference < 0:
            yield from compared(biggest, where_, f"parts {names} exceed the total", f"分项{names}之和超过总额")
        elif b.listed and best.status == VIOLATION and all(c.difference > 0 for c in options):
            yield Fact(UNDECIDED, where_,
                       f"the listed parts {names} add up to {best.expected} {unit}, less than the total "
                       f"{best.actual}: if the list is complete, a figure is wrong",
                       f"所列分项{names}之和为{best.expected}{unit}，小于总额{best.actual}：若为完整列举，则有数字有误",
                       best)


@rule("BC213", "ratio-arithmetic", "error", "narrative")
def ratio_arithmetic(doc: Document, ctx: Context) -> Iterator[Fact]:
    """Stated rates agree with their figures: ``完成A，完成任务数T的P%`` means P = A / T,
    and ``涉及N，已整改M，整改率为P%`` means P = M / N (also 追回率, 结案率, 办结率…).

    An average per vehicle (``保有量为15辆，全年公务用车运行维护费支出40.61万元，平均每辆2.71
    万元``) is the amount before it over the number of vehicles its paragraph states
    (the last one before it; none, or an approximate one, and it is not checked).
    """
    for r in ctx.claims.ratios:
        comparison = compare_derived(r.pct.amount, lambda a, b: a / b, [r.part.amount, r.whole.amount])
        if comparison is None:
            continue
        what = f"{r.pct.text} = {r.part.text} / {r.whole.text}"
        yield from compared(comparison, said(doc, r.sentence, r.kind, r.pct.start), what, f"比率{what}")
    yield from _per_vehicle(doc, ctx.claims.sentences)


_PER_VEHICLE = re.compile(r"平均每辆(?:车)?(?:为|约)?\s*$")


def _per_vehicle(doc: Document, sentences) -> Iterator[Fact]:
    for i, s in enumerate(sentences):
        if "平均每辆" not in s.text:
            continue
        for k, y in enumerate(s.figs):
            if y.kind != "money" or y.approx or not _PER_VEHICLE.search(s.text[max(0, y.start - 8):y.start]):
                continue
            amount = next((f for f in reversed(s.figs[:k]) if f.kind == "money"), None)
            vehicles = None
            for prior in [x for x in sentences[:i + 1] if x.paragraph is s.paragraph]:
                for f in prior.figs:
                    if f.kind == "count" and f.amount.unit == "辆" and (prior is not s or f.start < y.start):
                        vehicles = f
            if amount is None or amount.approx or vehicles is None or vehicles.approx or not vehicles.amount.value:
                continue
            comparison = compare_derived(y.amount, lambda a, b: a / b, [amount.amount, vehicles.amount], scale=Decimal(1))
            if comparison is None:
                continue
            what = f"{y.text} = {amount.text} / {vehicles.text}"
            yield from compared(comparison, said(doc, s, "per vehicle", y.start), what, f"平均每辆{what}")


@rule("BC215", "share-arithmetic", "error", "narrative")
def share_arithmetic(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A stated share agrees with its figures: ``X，占P%`` means P = X / T.

    T is the whole the share names (``占本年支出预算64.37%``: the table quantity that the
    phrase names, found as for narrative-figures) or, when it names none, the total
    that the list of shares breaks down: the one amount stated before the first share
    of its sentence (``支出预算合计4,651.67万元，其中：基本支出4,312.17万元，占92.7%``),
    else the sum of the parts when the shares of the list add up to 100% within their
    rounding (a list of shares runs over sentences ending in ；).  A share whose whole
    cannot be told is not checked.  Each figure is taken over its rounding interval.
    """
    from budgetcheck.claims.breakdown import _change_delta
    from budgetcheck.rules.years import document_year
    from budgetcheck.rules.quantities import resolve

    claims = ctx.claims
    if not claims.shares:
        return
    index = {id(s): i for i, s in enumerate(claims.sentences)}
    year = document_year(doc)
    runs: list[list] = []
    last = -2
    for x in claims.shares:
        i = index[id(x.sentence)]
        if x.base:
            found = resolve(doc, x.base, (), year=year)
            cells = [c for c in (found[1] if found else []) if c.amount.value != 0]
            wholes = [(c.amount, c.location.table + " " + x.base, c.location) for c in cells]
            if not wholes:
                stated = _stated_before(claims.sentences, i, x)
                wholes = [(stated.amount, stated.text, None)] if stated is not None else []
            yield from _share_checked(doc, x, wholes)
            continue
        previous = claims.sentences[last].text.rstrip() if last >= 0 else ""
        if runs and (runs[-1][-1].sentence is x.sentence or (i == last + 1 and previous.endswith(("；", ";")))):
            runs[-1].append(x)
        else:
            runs.append([x])
        last = i
    for run in runs:
        first = run[0]
        s = first.sentence
        before = [f for f in s.figs if f.kind == "money" and f.end <= first.part.start and not f.approx
                  and (not s.free or s.free[f.start]) and not _change_delta(s.text, f)]
        unit = first.part.amount.unit
        if len(before) == 1 and before[0].same_measure(first.part):
            whole = [(before[0].amount.to(unit), before[0].text, None)]
        elif len(run) >= 2 and abs(sum(x.pct.amount.value for x in run) - 100) <= sum(x.pct.amount.half for x in run):
            parts = total_of([x.part.amount for x in run], unit)
            names = " + ".join(x.part.text for x in run) if len(run) <= 4 else f"the {len(run)} parts"
            whole = [(parts, f"({names})", None)]
        else:
            continue
        for x in run:
            yield from _share_checked(doc, x, whole)


def _stated_before(sentences, i: int, x):
    """The figure the prose gave earlier for the whole a share names, when no table has
    it (``政府采购支出总额1967.42万元，…授予中小企业合同金额1820.69万元，占政府采购支出总额的
    92.54%``): the last figure before the share, in its paragraph, whose words end in the
    share's (four characters at least), of the same measure."""
    from budgetcheck.claims.extract import label_of

    base = re.sub(r"[\s“”\"]", "", x.base)
    if len(base) < 4:
        return None
    paragraph = x.sentence.paragraph
    for k in range(i, -1, -1):
        s = sentences[k]
        if s.paragraph is not paragraph:
            break
        for f in reversed(s.figs):
            if (s is x.sentence and f.start >= x.part.start) or f.approx or not f.same_measure(x.part):
                continue
            if re.sub(r"[\s“”\"]", "", label_of(s, f)).rstrip("为是达共计").endswith(base):
                return f
    return None


def _share_checked(doc: Document, x, wholes) -> Iterator[Fact]:
    """One share against its candidate wholes (amount, how it is named, table location)."""
    options = []
    for amount, named, location in wholes:
        total = amount.to(x.part.amount.unit) if amount.unit != x.part.amount.unit else amount
        comparison = compare_derived(x.pct.amount, lambda a, t: a / t, [x.part.amount, total])
        if comparison is not None:
            options.append((comparison, named, location))
    if not options:
        return
    comparison, named, location = min(options, key=lambda o: (o[0].status == VIOLATION, abs(o[0].difference)))
    what = f"{x.pct.text} = {x.part.text} / {named}"
    yield from compared(comparison, said(doc, x.sentence, "share", x.pct.start), what, f"占比{what}",
                        [location] if location is not None else [])
