"""The claims a document's prose makes, extracted once per document.

Several rules read the same claims; extracting them is the costly part, so the engine
extracts them once per document and keeps them in the rules' context
(``rules/context.py``).

Imports core and templates only (readers use it to tell prose from tables).
"""

from __future__ import annotations

from dataclasses import dataclass

from budgetcheck.core.model import Document
from budgetcheck.claims.breakdown import Breakdown, inline, listed
from budgetcheck.claims.extract import Change, Count, Ratio, Sentence, Share, all_sentences, changes, counts, ratios, shares, with_priors
from budgetcheck.claims.prose import Paragraph, paragraphs


@dataclass(frozen=True)
class Claims:
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    changes: list[Change]
    ratios: list[Ratio]
    breakdowns: list[Breakdown]
    counts: list[Count]
    shares: list[Share]


def table_lines(doc: Document) -> set[int]:
    """Source lines that are table text, not prose: the prose rules skip them.

    These are the lines of every recognised table (title to last row) and, in a PDF,
    every row of a ruled grid, recognised or not (a grid row is written with its cells
    tab-separated): the indicator cells of a performance table or the rows of a table
    no template names state figures, but they are not sentences of the narrative.  In
    a text document an unrecognised table may be prose laid out in cells (a work
    report's 相关工作数据), so only recognised tables are skipped there.
    """
    skip: set[int] = set()
    for table in doc.tables:
        if table.role is None or any(r.refs for r in table.rows[:1]):  # a workbook's rows are sheet rows
            continue
        last = max([r.line for r in table.rows] + [g.line for g in table.goals] + [table.line])
        skip.update(range(table.line, last + 1))
    if doc.kind == "pdf":
        skip.update(n for n, line in enumerate(doc.lines, 1) if "\t" in line)
    return skip


def claims_of(doc: Document) -> Claims:
    """The claims of the prose.  Computed afresh on each call: the engine keeps one per
    document in its context (``rules/context.py``); callers outside it keep their own."""
    paras = paragraphs(doc.lines, table_lines(doc))
    sents = all_sentences(paras)
    result = Claims(
        paras,
        sents,
        with_priors(sents, [c for s in sents for c in changes(s)]),
        [r for s in sents for r in ratios(s)],
        [b for s in sents for b in inline(s)] + listed(paras),
        [c for s in sents for c in counts(s)],
        [x for s in sents for x in shares(s)],
    )
    return result


__all__ = ["Breakdown", "Change", "Claims", "Count", "Ratio", "Sentence", "Share", "claims_of"]
