"""Every file budgetcheck writes goes through here: guarded, atomic, recognisable.

Why one module: an output that lands on an input destroys the document a user asked
us to check, and the first version refused that in two places out of six.  So every
command names all its outputs and all its inputs to ``guard`` before anything is
read, and ``guard`` refuses (one line, exit 2) any output that *is* an input: the
same path, a symlink to it, or a hard link (same device and inode).

``write_atomic`` writes to a temporary file beside the target and renames it into
place, so an interrupted or failed run never leaves half a report, and an existing
file is replaced only by a complete one.

``written_by_us`` recognises the files budgetcheck writes (reports in every format,
baselines, annotated copies) by their content, so that a folder run never checks its
own earlier report as if it were a budget.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Iterable

from budgetcheck.core.errors import UsageError
from budgetcheck.core.marks import ANNOTATED_SHEET, PDF_PRODUCER


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()  # follows symlinks: a link to an input is that input
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _files_of(path: Path) -> Iterable[Path]:
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                yield Path(root) / name
    else:
        yield path


def guard(outputs: dict[str, Path | str | None], inputs: Iterable[str | Path]) -> None:
    """Refuse any output that resolves to an input file (or to a file inside an input
    folder).  ``outputs`` maps the option that names it (``--output``) to its path."""
    named = {opt: Path(p) for opt, p in outputs.items() if p is not None}
    if not named:
        return
    by_identity: dict[tuple[int, int], Path] = {}
    by_path: dict[Path, Path] = {}
    for given in inputs:
        for f in _files_of(Path(given)):
            ident = _identity(f)
            if ident is not None:
                by_identity.setdefault(ident, f)
            by_path.setdefault(Path(os.path.abspath(f)), f)
    for option, out in named.items():
        if out.is_dir():
            continue  # a folder output (--annotate-dir) is checked file by file by its writer
        ident = _identity(out)
        hit = by_identity.get(ident) if ident is not None else None
        if hit is None:
            hit = by_path.get(Path(os.path.abspath(out)))
        if hit is not None:
            raise UsageError(f"{option} {out}: that is an input ({hit}); it would be overwritten. "
                             "Give another file name")
    seen: dict[tuple[int, int] | Path, str] = {}
    for option, out in named.items():
        key = _identity(out) or Path(os.path.abspath(out))
        if key in seen:
            raise UsageError(f"{option} {out}: {seen[key]} writes the same file; give two different names")
        seen[key] = option


def write_atomic(path: Path | str, data: bytes | str, what: str = "the report") -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".budgetcheck-", suffix=target.suffix, dir=str(target.parent or "."))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise UsageError(f"{target}: cannot write {what} ({exc.strerror or exc})") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


#: What the start of each text file budgetcheck writes looks like.
_TEXT_MARKS = (
    re.compile(r'^\{\s*"version":\s*"?[\d.]+"?,\s*"(documents|tool|old)"'),  # JSON report, baseline, diff
    re.compile(r'"tool":\s*"budgetcheck"'),  # baseline
    re.compile(r'"name":\s*"budgetcheck"'),  # SARIF driver
    re.compile(r'<testsuites[^>]*name="budgetcheck"'),  # JUnit
    re.compile(r"^::(error|warning|notice) [^\n]*title=BC\d{3}", re.M),  # GitHub commands
    re.compile(r"^budgetcheck: \d+ errors?, \d+ warnings?, \d+ notices? in \d+ documents?", re.M),  # GitHub, clean
    re.compile(r"^budgetcheck: \d+份文档中\d+个错误，\d+个警告，\d+个提示", re.M),  # GitHub, clean, in Chinese
    re.compile(r"^\s+(error|warning|notice|错误|警告|提示) BC\d{3} ", re.M),  # console report
    re.compile(r"^\s+\d+ (errors|个错误), \d+ (warnings|个警告), \d+ (notices|个提示)", re.M),  # console, clean
    re.compile(r"^## Budget changes: ", re.M),  # diff, markdown
    re.compile(r"^table,key,name,old_name,level,column,old,new,change,percent,status"),  # diff, csv
    re.compile(r"^┏━[━┳┓]*\n┃ tab", re.M),  # diff, console (before issue 14)
    re.compile(r"^ +(table · code · name|表 · 科目编码 · 名称) ", re.M),  # diff, console
    re.compile(r'<meta name="generator" content="budgetcheck">'),  # HTML report (reporters/html_page.py)
)


def written_by_us(path: str | Path) -> bool:
    """True for a file that budgetcheck wrote: a report, a baseline or an annotated copy."""
    from budgetcheck.core.limits import read_head

    head = read_head(path)  # b"" for a FIFO or a device: never block on one
    if not head:
        return False
    if head.startswith(b"PK\x03\x04"):
        return _annotated_workbook(path)
    if head.startswith(b"%PDF-"):
        return _annotated_pdf(path)
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    return any(mark.search(text) for mark in _TEXT_MARKS)


def _annotated_workbook(path: str | Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("xl/workbook.xml")
            if info.file_size > 1_000_000:
                return False
            xml = z.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False
    first = re.search(r"<(?:\w+:)?sheet\b[^>]*\bname=\"([^\"]*)\"", xml)
    return bool(first and first.group(1) == ANNOTATED_SHEET)


def _annotated_pdf(path: str | Path) -> bool:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 65536))
            tail = handle.read()
    except OSError:
        return False
    return b"/Producer (" + PDF_PRODUCER in tail or b"/Creator (" + PDF_PRODUCER in tail
