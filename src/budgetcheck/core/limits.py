"""Bounds on the work one input can cause, and reading files without being trapped.

A hostile or broken file must end in one clear line (exit 2) long before it costs
the machine its memory: a workbook that unpacks to gigabytes, a "line" of ten
megabytes, a PDF of ten thousand pages, a FIFO that never delivers, ``/dev/zero``.
Every bound is far above what a real 部门预算 needs (the largest text line among
the real documents is about 4,000 characters, a budget PDF has tens of pages, an
annex workbook unpacks to well under a megabyte), and every refusal says which
bound was passed, so a user with a genuine document that large knows what happened.

``benchmarks/hostile.py`` measures the peak memory and time of the worst inputs
under these bounds (README, Performance).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from budgetcheck.core.errors import InputError

MiB = 1024 * 1024

#: Any input file (PDF, workbook, text): read whole into memory.
MAX_FILE_BYTES = 200 * MiB
#: A text document: its lines, sentences and figures take about 13 bytes of memory per
#: byte of text (a 50 MB text peaks near 660 MB), so text stops well below the 1 GB aim.
MAX_TEXT_BYTES = 64 * MiB
#: One line of text (a table row or a paragraph).
MAX_LINE_CHARS = 100_000
#: Cells in one table row (a real annex table has at most a few dozen columns).
MAX_ROW_CELLS = 1_000
#: A workbook's members, unpacked (sum of the sizes the zip directory declares, and
#: what is actually inflated), and how much more that may be than the packed file.
MAX_UNPACKED_BYTES = 32 * MiB
MAX_RATIO = 100
RATIO_FLOOR = 4 * MiB  # small workbooks are never judged by their ratio
#: Cells a workbook reader may visit (filled or not) over all sheets.
MAX_CELLS = 500_000
#: Pages of a PDF.
MAX_PAGES = 2_000
#: Seconds one document may take to read and check (BUDGETCHECK_TIME_LIMIT overrides;
#: 0 turns the limit off).
TIME_LIMIT = 120.0
#: Memory (resident, MB) a process may grow by while it reads and checks one document
#: (BUDGETCHECK_MEMORY_LIMIT overrides; 0 turns it off).  Checked ten times a second, so
#: the command's peak (some 40 MB before it reads) stays under 1 GB even for a text
#: dense with figures, whose claims cost some 50 bytes of memory per byte of text.
MEMORY_LIMIT_MB = 850
CHECK_EVERY = 0.1


def _setting(var: str, default: float) -> float:
    value = os.environ.get(var, "")
    try:
        return float(value) if value.strip() else default
    except ValueError:
        return default


def time_limit_seconds() -> float:
    return _setting("BUDGETCHECK_TIME_LIMIT", TIME_LIMIT)


def memory_limit_mb() -> float:
    return _setting("BUDGETCHECK_MEMORY_LIMIT", MEMORY_LIMIT_MB)


def _mb(n: int) -> str:
    return f"{n / MiB:,.1f} MB" if n < 10 * MiB else f"{n // MiB:,} MB"


class LimitExceeded(BaseException):
    """Raised by the alarm: a BaseException, so that no ``except Exception`` of a rule or
    a reader swallows it; ``api`` and the commands turn it into the document's error."""

    def describe(self, name: str) -> str:  # pragma: no cover - subclasses say what
        raise NotImplementedError


class TimeLimitExceeded(LimitExceeded):
    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds

    def describe(self, name: str) -> str:
        return time_message(name, self.seconds)


class MemoryLimitExceeded(LimitExceeded):
    def __init__(self, megabytes: float):
        super().__init__(megabytes)
        self.megabytes = megabytes

    def describe(self, name: str) -> str:
        return (f"{name}: reading and checking needed more than {self.megabytes:g} MB of memory; "
                "the document was not checked")


def time_message(name: str, seconds: float) -> str:
    return (f"{name}: reading and checking took longer than the {seconds:g} s limit; "
            "the document was not checked")


def resident_mb() -> float:
    """This process's resident memory now (Linux), else its peak so far."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / MiB
    except (OSError, ValueError, IndexError):
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / MiB if sys.platform == "darwin" else peak / 1024


@contextmanager
def time_limit(seconds: float | None = None, megabytes: float | None = None) -> Iterator[None]:
    """Raise TimeLimitExceeded when the block runs longer than ``seconds``, and
    MemoryLimitExceeded when the process grows by more than ``megabytes``.

    Uses SIGALRM, so it works in the main thread of a process (the CLI and each folder
    worker); elsewhere, or when an outer limit is already running, it does nothing."""
    seconds = time_limit_seconds() if seconds is None else seconds
    megabytes = memory_limit_mb() if megabytes is None else megabytes
    usable = ((seconds > 0 or megabytes > 0) and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return
    deadline = time.monotonic() + seconds
    ceiling = resident_mb() + megabytes  # growth, so a long folder run or a test session is not held to it

    def on_alarm(signum, frame):  # noqa: ARG001 - the signal handler's signature
        if seconds > 0 and time.monotonic() >= deadline:
            raise TimeLimitExceeded(seconds)
        if megabytes > 0 and resident_mb() > ceiling:
            raise MemoryLimitExceeded(megabytes)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, CHECK_EVERY, CHECK_EVERY)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- files -------------------------------------------------------------------------


def _stat(p: Path) -> os.stat_result:
    try:
        return p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            raise InputError(f"{p}: a symbolic link to a file that does not exist") from None
        raise InputError(f"{p}: no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{p}: a symbolic link loop (too many levels of symbolic links)") from None
        raise InputError(f"{p}: cannot read the file ({exc.strerror})") from None


def read_input(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of an input file, or one InputError.

    A regular file is read up to ``limit``; a pipe or FIFO (``<(…)``, ``/dev/stdin``) is
    read the same way, and one with no writer reads as empty instead of blocking; a
    device (``/dev/zero``, a terminal) or a socket is refused: it is not a document."""
    p = Path(path)
    st = _stat(p)
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise InputError(f"{p}: is a directory, not a document")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise InputError(f"{p}: a device, not a document file")
    if stat.S_ISSOCK(mode):
        raise InputError(f"{p}: a socket, not a document file")
    if stat.S_ISREG(mode) and st.st_size > limit:
        raise InputError(f"{p}: file is {_mb(st.st_size)}, larger than the {_mb(limit)} limit")
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror})") from None
    try:
        os.set_blocking(fd, True)  # opened without waiting for a writer; now read normally
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(4 * MiB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputError(f"{p}: more than the {_mb(limit)} limit")
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror})") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_head(path: str | Path, size: int = 4096) -> bytes:
    """The first bytes of a regular file, b"" for anything else or on any error: for
    sniffing a file's kind without ever blocking on a FIFO or a device."""
    try:
        p = Path(path)
        if not stat.S_ISREG(p.stat().st_mode):
            return b""
        with open(p, "rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def clip(text: str, limit: int = 200) -> str:
    """At most ``limit`` characters of raw input, cut in the middle with ``…``."""
    if len(text) <= limit:
        return text
    keep = limit - 1
    return text[: keep - keep // 2] + "…" + text[len(text) - keep // 2:]
