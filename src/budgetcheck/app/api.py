"""The library entry points: verify a path or a text, get findings back.

The CLI, the benchmarks and the tests all go through here, so that what a user runs
and what is measured are the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from budgetcheck.app.coverage import NOT_VERIFIED, Coverage, coverage_of
from budgetcheck.engine import Settings, check, counts
from budgetcheck.core.errors import InputError
from budgetcheck.core.limits import LimitExceeded, time_limit
from budgetcheck.core.model import Document, Finding, Table
from budgetcheck.readers import read_bytes, read_document


@dataclass(frozen=True)
class TableInfo:
    """What reporters show of a table read: enough to list it, small enough to pickle
    back from a worker process (``verify`` on folders runs documents in parallel)."""

    role: str | None
    title: str
    rows: int
    unit: str
    line: int
    page: int | None = None

    @staticmethod
    def of(table: Table) -> TableInfo:
        return TableInfo(table.role, table.title, len(table.rows), table.unit, table.line, table.page)


@dataclass(frozen=True)
class DocumentReport:
    """The result for one document: what was read and what was found.

    ``kind`` is ``waivers`` for the report about a waiver file itself (stale and
    expired waivers), which reporters show like a document without tables.
    """

    path: str
    document: Document | None
    findings: list[Finding] = field(default_factory=list)
    error: str = ""  # set when the input could not be read (exit code 2)
    outline: tuple[TableInfo, ...] = ()  # the tables, when ``document`` was dropped
    kind: str = "document"
    skipped: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (rule, missing tables): checks that could not run
    # what a worker process rendered of this report, with the renderer the caller gave
    # (app/folders.py ``render``): its text and a key of what it was made from
    rendered: tuple[str, int] | None = None
    coverage: Coverage | None = None  # the document's kind, the tables found and missing, the status

    @property
    def tables(self) -> tuple[TableInfo, ...]:
        if self.document is not None:
            return tuple(TableInfo.of(t) for t in self.document.tables)
        return self.outline

    def light(self) -> DocumentReport:
        """The same report without the document: plain, small data for another process."""
        return replace(self, document=None, outline=self.tables)

    @property
    def status(self) -> str:
        """verified, partly verified or not verified."""
        if self.error:
            return NOT_VERIFIED
        return self.coverage.status if self.coverage is not None else "verified"

    @property
    def summary(self) -> dict[str, int]:
        return counts(self.findings)

    @property
    def exit_code(self) -> int:
        if self.error or self.status == NOT_VERIFIED:
            return 2  # never a pass: nothing, or nothing it rests on, was checked
        return 1 if self.summary["errors"] else 0


def _report(document: Document, settings: Settings | None) -> DocumentReport:
    from budgetcheck.readers.kind import document_kind

    settings = settings or Settings()
    claims = _has_claims(document)
    kind = settings.kind or (document.category if document.category in ("budget", "final") else
                             document_kind(document, claims))
    if kind != document.category:
        document = replace(document, category=kind)
    if not any(t.role for t in document.tables) and not claims:
        return DocumentReport(document.path, document, [], f"{document.path}: no budget tables found (and no figures in its text)",
                              coverage=Coverage(kind=kind, template=document.template, status=NOT_VERIFIED))
    titled = [t for t in document.tables if t.role]
    if titled and all(not t.rows and not t.goals for t in titled):
        return DocumentReport(document.path, document, [], unread_message(document.path, len(titled)),
                              coverage=Coverage(kind=kind, template=document.template, status=NOT_VERIFIED))
    from budgetcheck.rules.context import Context
    from budgetcheck.rules.understanding import not_understood
    from budgetcheck.rules.workbook import settled  # a formula saved without its value decides nothing

    skipped = skipped_checks(document, settings)
    ctx = Context(document, settings)
    findings = settled(check(document, settings, ctx), document)
    covered = coverage_of(document, kind, skipped, not_understood(ctx))
    return DocumentReport(document.path, document, findings, skipped=skipped, coverage=covered)


def unread_message(path: str, count: int) -> str:
    """A document whose tables were all found by their titles and none read: refused,
    since checking only its prose would pass what was never read (rules/reading.py)."""
    return (f"{path}: {count} annex table{'s were' if count != 1 else ' was'} found by "
            f"{'their titles' if count != 1 else 'its title'}, but none of their rows could be read "
            "(the cells are not separated by tabs, nor by spaces in aligned columns); "
            "save the text with its tabs, or check the PDF or workbook itself")


def skipped_checks(document: Document, settings: Settings | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The selected cross-table checks that could not run because a table is missing
    (only said of budget documents: a work report has no tables to miss)."""
    from budgetcheck.engine import selected
    from budgetcheck.core.model import FINAL_PART

    present = {t.role for t in document.tables if t.role}
    if not present:
        return ()
    final = document.category == "final"
    out = []
    for rule in selected(settings or Settings()):
        needs = rule.requires
        if final:
            if any(r not in FINAL_PART for r in needs):
                continue  # a budget-only table (T10, T11): final accounts have none to miss
            needs = tuple(FINAL_PART[r] for r in needs)
        missing = tuple(r for r in needs if r not in present)
        if missing:
            out.append((rule.id, missing))
    return tuple(out)


def _has_claims(document: Document) -> bool:
    """A work report has no tables, but its prose states figures to check."""
    from budgetcheck.claims.figures import figures
    from budgetcheck.claims.prose import clean

    return any(figures(clean(line)) for line in document.lines)


def verify_path(path: str, settings: Settings | None = None) -> DocumentReport:
    """Read and check one file; an unreadable file gives a report with ``error`` set."""
    settings = settings or Settings()
    with settings.rounding_policy():  # reading realigns rows with the same comparisons
        try:
            with time_limit():
                return _report(read_document(path), settings)
        except InputError as exc:
            return DocumentReport(str(path), None, [], str(exc))
        except LimitExceeded as exc:
            return DocumentReport(str(path), None, [], exc.describe(str(path)))


def verify_together(paths: list[str], settings: Settings | None = None) -> DocumentReport:
    """Check several files as one budget (``verify --as-one``): the prose of the text
    documents against the tables of all of them, a workbook's table winning over the
    same table in text (readers/combine.py)."""
    return verify_together_reports(paths, settings)[0]


def verify_together_reports(paths: list[str], settings: Settings | None = None) -> list[DocumentReport]:
    """``--as-one``: the readable files checked as one budget (the first report), then one
    report per file that could not be read (exit 2 for each), so one bad file does not
    stop the others from being checked."""
    from budgetcheck.readers.combine import combine

    settings = settings or Settings()
    documents, unreadable = [], []
    with settings.rounding_policy():
        for p in paths:
            try:
                with time_limit():
                    documents.append(read_document(p))
            except InputError as exc:
                unreadable.append(DocumentReport(str(p), None, [], str(exc)))
            except LimitExceeded as exc:
                unreadable.append(DocumentReport(str(p), None, [], exc.describe(str(p))))
        if not documents:
            return unreadable
        try:
            with time_limit():
                together = _report(combine(documents), settings)
        except LimitExceeded as exc:
            name = " + ".join(d.path for d in documents)
            together = DocumentReport(name, None, [], exc.describe(name))
    return [together, *unreadable]


def verify_text(text: str, name: str = "<text>", settings: Settings | None = None) -> DocumentReport:
    """Check a document given as text (as if read from a UTF-8 file called ``name``)."""
    settings = settings or Settings()
    with settings.rounding_policy():
        try:
            with time_limit():
                return _report(read_bytes(text.encode("utf-8"), name), settings)
        except InputError as exc:
            return DocumentReport(name, None, [], str(exc))
        except LimitExceeded as exc:
            return DocumentReport(name, None, [], exc.describe(name))
