"""Whole folders: find the documents, check them in parallel, keep the order stable.

Why processes: checking is pure Python and CPU-bound, so threads would share one
core.  Each worker returns a light report (findings and a table outline, no
document), which is plain data that pickles quickly.  Results are put back in the
order of the paths, which are sorted within each folder, so the output is the same
for any ``--jobs``.  One unreadable document is a report with an error (exit 2 for
it); it never stops the others, and neither does a bug in a reader: an unexpected
exception becomes that document's error, not a traceback.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Callable, ContextManager, Iterator

from budgetcheck.app.api import DocumentReport, verify_path
from budgetcheck.engine import Settings
from budgetcheck.app.outputs import written_by_us

DEFAULT_GLOB = "*.txt"

#: Renders a report's part of the output in a worker: (the text, what it was made from).
Render = Callable[[DocumentReport], tuple[str, int]]


def _walk(folder: Path, pattern: str) -> list[str]:
    """Files below ``folder`` matching ``pattern`` (by name, or by relative path when
    the pattern has a ``/``), skipping hidden folders such as ``.git`` and ``.venv``."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if fnmatchcase(rel if "/" in pattern else name, pattern) and not written_by_us(path):
                found.append(path)
    return sorted((str(p) for p in found), key=lambda s: Path(s).as_posix())


def discover(paths: list[str], pattern: str = DEFAULT_GLOB) -> list[str | DocumentReport]:
    """The documents to check, in order: files as given, folders expanded and sorted.

    A folder with no matching document gives a report in error (exit 2) rather than
    silently checking nothing."""
    out: list[str | DocumentReport] = []
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = _walk(p, pattern)
            if not found:
                out.append(DocumentReport(given, None, [], f"{given}: directory has no documents matching {pattern!r}"))
            items = found
        else:
            items = [given]
        for item in items:
            if item not in seen:
                seen.add(item)
                out.append(item)
    return out


def check_one(path: str, settings: Settings) -> DocumentReport:
    """Verify one document; whatever happens, a report comes back."""
    try:
        return verify_path(path, settings)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a folder
        return DocumentReport(path, None, [], f"{path}: internal error while checking "
                                              f"({type(exc).__name__}: {exc}); please report it")


def _light_batch(paths: list[str], settings: Settings, render: Render | None = None,
                 keep_documents: bool = False) -> list[DocumentReport]:
    reports = [check_one(path, settings) if keep_documents else _light(path, settings) for path in paths]
    if render is None:
        return reports
    from dataclasses import replace

    return [replace(r, rendered=render(r)) for r in reports]


def _light(path: str, settings: Settings) -> DocumentReport:
    return check_one(path, settings).light()


def run(items: list[str | DocumentReport], settings: Settings, jobs: int = 1,
        bar: Callable[[int], ContextManager[Callable[[int], None]]] | None = None,
        render: Render | None = None, keep_documents: bool = False) -> list[DocumentReport]:
    """Check every path (reports already made are kept), in the order given.

    ``bar(total)`` gives a context whose value is called with each document done; it
    starts after the workers are forked, so that no progress thread is copied.  With
    ``render`` (a module-level function, so that it can be sent to a worker: the JSON
    reporter's ``prerender``) the workers also render each document's part of the report;
    this module does not know what the part is.  With ``keep_documents`` (HTML output,
    which draws every table) the workers send the documents back with their reports."""
    paths = [(i, item) for i, item in enumerate(items) if isinstance(item, str)]
    results: list[DocumentReport | None] = [item if not isinstance(item, str) else None for item in items]
    bar = bar or _no_bar
    jobs = workers(jobs, len(paths))
    if jobs <= 1 or len(paths) <= 1:
        with bar(len(paths)) as tick:
            for i, path in paths:
                results[i] = check_one(path, settings)
                tick(1)
    else:
        # documents go to the workers in small batches: one task per document would spend
        # a noticeable share of the time pickling settings and results one by one
        size = max(1, min(16, len(paths) // (jobs * 8)))
        batches = [paths[k:k + size] for k in range(0, len(paths), size)]
        from concurrent.futures import ProcessPoolExecutor, as_completed  # only when there are workers

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(_light_batch, [p for _, p in b], settings, render, keep_documents): b for b in batches}
            with bar(len(paths)) as tick:
                for future in as_completed(futures):
                    for (i, _), report in zip(futures[future], future.result()):
                        results[i] = report
                    tick(len(futures[future]))
    return [r for r in results if r is not None]


@contextmanager
def _no_bar(total: int) -> Iterator[Callable[[int], None]]:
    yield lambda n: None


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr, gone when done."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking", total=total)
        yield lambda n: bar.advance(task, n)


def default_jobs() -> int:
    return os.cpu_count() or 1


def workers(jobs: int, documents: int) -> int:
    """The processes to start: never more than the documents, nor than twice the cores
    (``--jobs 1000`` on a laptop must not fork a thousand interpreters)."""
    return max(1, min(jobs, documents, 2 * default_jobs()))


def wants_bar(quiet: bool, count: int) -> bool:
    """A progress bar only for a person watching several documents: both streams on a
    terminal, and not ``--quiet``."""
    return not quiet and count > 1 and sys.stdout.isatty() and sys.stderr.isatty()
