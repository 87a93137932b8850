"""The library entry points: verify a path or a text, get findings back.

The CLI, the benchmarks and the tests all go through here, so that what a user runs
and what is measured are the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .engine import Settings, check, counts
from .errors import InputError
from .model import Document, Finding
from .readers import read_bytes, read_document


@dataclass(frozen=True)
class DocumentReport:
    """The result for one document: what was read and what was found."""

    path: str
    document: Document | None
    findings: list[Finding] = field(default_factory=list)
    error: str = ""  # set when the input could not be read (exit code 2)

    @property
    def summary(self) -> dict[str, int]:
        return counts(self.findings)

    @property
    def exit_code(self) -> int:
        if self.error:
            return 2
        return 1 if self.summary["errors"] else 0


def _report(document: Document, settings: Settings | None) -> DocumentReport:
    if not any(t.role for t in document.tables):
        return DocumentReport(document.path, document, [], f"{document.path}: no budget tables found")
    return DocumentReport(document.path, document, check(document, settings))


def verify_path(path: str, settings: Settings | None = None) -> DocumentReport:
    """Read and check one file; an unreadable file gives a report with ``error`` set."""
    try:
        document = read_document(path)
    except InputError as exc:
        return DocumentReport(str(path), None, [], str(exc))
    return _report(document, settings)


def verify_text(text: str, name: str = "<text>", settings: Settings | None = None) -> DocumentReport:
    """Check a document given as text (as if read from a UTF-8 file called ``name``)."""
    try:
        document = read_bytes(text.encode("utf-8"), name)
    except InputError as exc:
        return DocumentReport(name, None, [], str(exc))
    return _report(document, settings)
