"""Plain-text pieces shared by the machine formats (SARIF, JUnit, GitHub): where a
finding is and what its figures are, in one line, without rich markup."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}


def place(loc) -> str:
    """``T5 row 2080101, column 基本支出/小计`` (the table, row and column a finding names)."""
    parts = [p for p in (loc.table, loc.row and f"row {loc.row}", loc.column and f"column {loc.column}") if p]
    if loc.page is not None:
        parts.append(f"p.{loc.page}")
    if loc.cell:
        parts.append(loc.cell)
    return ", ".join(parts)


def message(f, lang: str = "en") -> str:
    return f.message_zh if lang == "zh" and f.message_zh else f.message


def figures(f) -> str:
    if not (f.expected or f.actual):
        return ""
    return (f"expected {f.expected}, actual {f.actual}, difference {f.difference}, "
            f"tolerance ±{f.tolerance} {f.unit}").rstrip()


def line(f, lang: str = "en") -> str:
    """One self-contained line: rule, place, message and figures."""
    where = place(f.location)
    src = f", line {f.location.line}" if f.location.line else ""
    text = f"{f.severity} {f.rule} {f.name} · {where}{src}: {message(f, lang)}" if where or src else \
        f"{f.severity} {f.rule} {f.name}: {message(f, lang)}"
    nums = figures(f)
    return text + (f" ({nums})" if nums else "") + (f" [waived: {f.reason}]" if f.suppressed == "waived" else "") \
        + (" [in baseline]" if f.suppressed == "baseline" else "")


def uri(path: str) -> str:
    """A URI reference for a document path: relative paths stay relative (CI tools resolve
    them against the checkout), absolute ones become ``file://`` URIs."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/-._~!$&'()*+,;=@")
