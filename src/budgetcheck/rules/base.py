"""What a rule is and what it yields.

A rule is a function from a Document to Facts.  A Fact says what was found (a
violation, a difference that rounding explains, or something the rule cannot decide)
and where; the engine, not the rule, gives it an id, a name and a severity, and the
reporters, not the rule, format it.  The docstring of a rule's check function is its
user documentation (``budgetcheck rules`` and ``budgetcheck explain``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from budgetcheck.core.rounding import OK, ROUNDING, Comparison, UNDECIDED, VIOLATION  # noqa: F401  (the rules' vocabulary)
from budgetcheck.core.model import POSITIONS, Document, Location, Row, Table

ROUNDED = ROUNDING  # a fact whose difference rounding explains (core/rounding.py has the vocabulary)


@dataclass(frozen=True, slots=True)
class Fact:
    status: str  # violation | rounding | undecided
    location: Location
    message: str
    message_zh: str
    comparison: Comparison | None = None
    related: tuple[Location, ...] = ()


#: Where a rule looks: one document, a pair of documents (``diff``, ``--cross``), or
#: the run itself (the waivers file).  Only document rules run in the engine; the others
#: are declared here, like any rule, and checked by the module that has both inputs.
SCOPES = ("document", "pair", "run")


@dataclass(frozen=True)
class Rule:
    """One rule's declaration: everything the engine, the reports and ``explain`` know of it."""

    id: str
    name: str
    severity: str  # the severity of a violation: error or warning
    group: str
    check: Callable[[Document], Iterable[Fact]] | None = None  # document rules only
    scope: str = "document"
    requires: tuple[str, ...] = ()  # the tables it cannot run without (a missing one is reported as skipped)
    on_request: str = ""  # the setting that must be on for it to run (``require_tables``)
    text: str = ""  # its documentation, when it has no check function here

    @property
    def doc(self) -> str:
        import inspect  # only `rules` and `explain` need it; keep start-up light

        return inspect.cleandoc(self.text) if self.text else inspect.getdoc(self.check) or ""

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ")


def rule(id: str, name: str, severity: str, group: str, *, requires: tuple[str, ...] = (),
         on_request: str = "") -> Callable:
    """Declare a document rule on its check function; its docstring is its documentation.

    The declaration sits on the function so that a rule's id, name, severity, group,
    the tables it needs and its documentation are read in one place.
    """
    def mark(check: Callable[[Document], Iterable[Fact]]) -> Callable[[Document], Iterable[Fact]]:
        check.rule = Rule(id, name, severity, group, check, "document", tuple(requires), on_request)  # type: ignore[attr-defined]
        return check
    return mark


def declare(id: str, name: str, severity: str, group: str, *, scope: str, doc: str) -> Rule:
    """Declare a pair or run rule, checked where both its inputs are (diff, waivers)."""
    if scope not in SCOPES or scope == "document":
        raise ValueError(f"{id}: a declared rule is a pair or run rule, not {scope!r}")
    return Rule(id, name, severity, group, None, scope, (), "", doc)


def where(doc: Document, table: Table, row: Row | None = None, column: int | None = None) -> Location:
    """The location of a table, a row, or one cell of a row."""
    col = table.columns[column].label if column is not None and column < len(table.columns) else ""
    ref = row.refs[column] if row is not None and column is not None and column < len(row.refs) else ""
    return Location(
        path=doc.path,
        table=table.role or "",
        title=table.title,
        row=row.name if row is not None else "",
        column=col,
        line=row.line if row is not None else table.line,
        cell=ref,
        page=(row.page if row is not None else None) or table.page,
        boxes=boxes_of(doc, table, row, column),
    )


def boxes_of(doc: Document, table: Table, row: Row | None, column: int | None) -> tuple:
    """Where on a PDF's page a table, row or cell is: the cell's rectangle when the row
    was read cell for cell under the grid's columns, else the row's, else the title's."""
    boxes = doc.line_boxes
    line = row.line if row is not None else table.line
    if not boxes or not line or line > len(boxes):
        return ()
    found = boxes[line - 1]
    edges = doc.line_columns[line - 1] if line <= len(doc.line_columns) else ()
    if (row is not None and column is not None and found and len(edges) == len(table.columns) + 1
            and row.alignment == "positional" and not row.side and column < len(table.columns)):
        page, _, y0, _, y1 = found[0]
        return ((page, edges[column], y0, edges[column + 1], y1),)
    return found


def span_boxes(doc: Document, line: int, start: int, end: int) -> tuple:
    """The rectangles of characters ``start``..``end`` (offsets into ``doc.lines[line]``,
    1-based line): one per printed line the span is on, from its first character's
    left edge to its last one's right edge; the whole printed lines when the reader
    kept no character positions for the line."""
    boxes = doc.line_boxes
    if not boxes or not 0 < line <= len(boxes):
        return ()
    found = boxes[line - 1]
    positions = getattr(doc, "line_chars", ())
    chars = positions[line - 1] if line <= len(positions) else ()
    if len(chars) != len(found) or not all(xs for _, xs in chars):
        return found
    out = []
    for (page, _, y0, _, y1), (first, packed) in zip(found, chars):
        xs = memoryview(packed).cast(POSITIONS)
        lo, hi = max(start, first) - first, min(end, first + len(xs) - 1) - first
        if lo < hi:
            a, b = xs[lo] / 10, xs[hi] / 10
            out.append((page, min(a, b), y0, max(a, b), y1))
    return tuple(out)


def compared(comparison: Comparison, location: Location, what: str, what_zh: str,
             related: Iterable[Location] = ()) -> Iterator[Fact]:
    """A Fact for a comparison that does not hold exactly; nothing when it does."""
    status = comparison.status
    if status == OK:
        return
    kind = ROUNDED if status == ROUNDING else VIOLATION
    if kind == ROUNDED:
        en = f"{what}: differs by {comparison.difference:+} {comparison.unit}, within the rounding of the figures"
        zh = f"{what_zh}：相差{comparison.difference:+}{comparison.unit}，在四舍五入允许范围内"
    else:
        en = f"{what}: differs by {comparison.difference:+} {comparison.unit}, more than rounding explains"
        zh = f"{what_zh}：相差{comparison.difference:+}{comparison.unit}，超出四舍五入可解释的范围"
    yield Fact(kind, location, en, zh, comparison, tuple(related))
