"""A change the prose states against last year, checked against the table's own 上年 column.

Why: many templates print last year's figure beside this year's (``2025年预算数 | 2026年
预算数``, ``上年 | 当年 | 增减``), so ``“三公”经费预算394.49万元，较2025年减少2.48万元`` can
be checked inside the one document: the 2.48 is the table's 2025 figure less its 2026
one.  Without the older document (``budgetcheck diff``, BC301) this is the only check
such a change gets beyond its own arithmetic (BC211).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from budgetcheck.claims import Change, Sentence
from budgetcheck.claims.extract import label_of
from budgetcheck.claims.figures import Figure
from budgetcheck.core.model import Amount, Document, Location, Row, Table
from budgetcheck.core.rounding import compare_derived, compare_sum
from budgetcheck.rules.arguments import said
from budgetcheck.rules.base import Fact, compared, rule, where
from budgetcheck.rules.context import Context

BASIS_YEAR = re.compile(r"(?:比|较|与)\s*(\d{4})\s*年")
#: what a change is against: ``比上年决算``, ``较2025年执行数``, ``比上年预算``
BASIS = re.compile(r"(?:比|较|与|同)\s*(?:\d{4}\s*年|上年|去年|上一年)度?(?P<word>决算|执行|实际|预算)?")


def _basis(text: str) -> str:
    """final (决算, 执行数, 实际) or budget (预算) when the words say which, else ""."""
    found = BASIS.search(text)
    word = (found.group("word") or "") if found else ""
    return "budget" if word == "预算" else "final" if word in ("决算", "执行", "实际") else ""


def _column_basis(label: str) -> str:
    text = re.sub(r"\s+", "", label)
    return "final" if re.search(r"决算|执行|实际", text) else "budget" if "预算" in text else ""


def paragraph_index(sentences: list[Sentence]) -> dict[int, list[Sentence]]:
    """The sentences of each paragraph (by the paragraph's identity), in order: built once
    per document, so that finding a change's subject does not scan every sentence."""
    out: dict[int, list[Sentence]] = {}
    for s in sentences:
        out.setdefault(id(s.paragraph), []).append(s)
    return out


def subject(c: Change, sentences: list[Sentence],
            index: dict[int, list[Sentence]] | None = None) -> tuple[Sentence, Figure] | None:
    """The figure a change speaks of: its own, or the first of its paragraph up to it
    (``index``: ``paragraph_index(sentences)``, when the caller asks for many changes)."""
    if c.value is not None:
        return c.sentence, c.value
    para = c.sentence.paragraph
    mine = (index if index is not None else paragraph_index(sentences)).get(id(para), [])
    for s in mine:
        if s.offset <= c.sentence.offset:
            for f in s.figs:
                if f.kind in ("money", "count") and not f.approx:
                    return s, f
    return None


def change_checks(c: Change, a: Amount, b: Amount | None):
    """(kind, stated text, comparison or None, offset) for each figure of a stated change
    of ``a`` against last year's ``b``: the delta D = a − b, the percentage P = D / b,
    or 与上年一致 (a = b)."""
    from budgetcheck.claims.extract import FLAT

    sign = Decimal(c.sign)
    if c.flat:
        found = FLAT.search(c.sentence.text)
        yield "flat", "与上年一致", compare_sum(a, [b]) if b is not None else None, found.start() if found else 0
        return
    if c.delta is not None:
        d = c.delta.amount.to(a.unit) if c.delta.kind == "money" else c.delta.amount
        yield "delta", c.delta.text, (compare_sum(Amount(sign * d.value, d.quantum, d.unit), [a, _neg(b)])
                                      if b is not None else None), c.delta.start
    if c.pct is not None and c.pct.kind == "percent":
        yield "percent", c.pct.text, (compare_derived(c.pct.amount, lambda x, y: sign * (x - y) / y, [a, b])
                                      if b is not None else None), c.pct.start


def _neg(a: Amount) -> Amount:
    return Amount(-a.value, a.quantum, a.unit, a.text)


def _cell_of(doc: Document, loc: Location) -> tuple[Table, Row, int] | None:
    for table in doc.by_role.get(loc.table or None, ()):
        if table.title != loc.title:
            continue
        col = next((i for i, c in enumerate(table.columns) if c.label == loc.column), None)
        row = next((r for r in table.rows if r.line == loc.line and (r.name == loc.row or r.label == loc.row)), None)
        if col is not None and row is not None:
            return table, row, col
    return None


def _prior(table: Table, row: Row, col: int) -> int | None:
    """The column of last year's figure for ``col``: the same key, as a comparison."""
    key = table.columns[col].key
    if table.columns[col].period != "" or ":" in key:
        return None
    return next((i for i, c in enumerate(table.columns) if c.period == "prior" and c.key == f"prior:{key}"), None)


@rule("BC219", "change-vs-prior-column", "error", "narrative")
def change_vs_prior_column(doc: Document, ctx: Context) -> Iterator[Fact]:
    """A change against last year agrees with the table's own 上年 column.

    ``A，比上年增加D，增长P%`` (较2025年减少D, 与上年持平): when A is a figure of a table
    that prints last year's figure beside it (a ``2025年预算数`` or ``上年`` column of the
    same quantity), D = A − 上年 and P = D ÷ 上年, each figure taken over its rounding
    interval.  A change that names another year than the one before the document's, one
    against another basis than the column's (``比上年执行数`` beside a 上年预算数 column),
    or a figure of a table without last year's column, is not checked here.
    """
    from budgetcheck.rules.quantities import resolve
    from budgetcheck.rules.years import document_year

    year = document_year(doc)
    claims = ctx.claims
    index = paragraph_index(claims.sentences)
    for c in claims.changes:
        named = BASIS_YEAR.search(c.sentence.text)
        if named and year and int(named.group(1)) != int(year) - 1:
            continue
        found = subject(c, claims.sentences, index)
        if found is None:
            continue
        s, f = found
        if f.kind != "money":
            continue
        resolved = resolve(doc, label_of(s, f), s.paragraph.headings, year=year)
        if not resolved or not resolved[1]:
            continue
        name, cells = resolved
        best = min(cells, key=lambda x: abs(x.amount.to(f.amount.unit).value - f.amount.value))
        place = _cell_of(doc, best.location)
        if place is None:
            continue
        table, row, col = place
        prior_col = _prior(table, row, col)
        before = row.amounts[prior_col] if prior_col is not None else None
        if before is None:
            continue
        said_basis, column_basis = _basis(c.sentence.text), _column_basis(table.columns[prior_col].label)  # type: ignore[index]
        if said_basis and column_basis and said_basis != column_basis:
            continue  # 比上年执行数 against a 上年预算数 column: another figure than the table's
        b = before.to(f.amount.unit)
        for kind, stated, comparison, at in change_checks(c, f.amount, b):
            if comparison is None:
                continue
            yield from compared(comparison, said(doc, c.sentence, f"change ({kind})", at),
                                f"{name}: stated {stated} against last year's {before.text} in {table.role or table.title}",
                                f"{name}：所述变动{stated}与表中上年数{before.text}不符",
                                [where(doc, table, row, prior_col)])
