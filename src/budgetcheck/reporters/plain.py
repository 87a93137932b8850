"""Plain-text pieces shared by the machine formats (SARIF, JUnit, GitHub): where a
finding is and what its figures are, in one line, without rich markup."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}


LABELS = {"en": {"row": "row ", "column": "column ", "line": "line ", "expected": "expected ", "actual": "actual ",
                  "difference": "difference ", "tolerance": "tolerance ", "sep": ", ", "waived": "waived: ",
                  "baseline": "in baseline", "error": "error", "warning": "warning", "notice": "notice"},
          "zh": {"row": "行", "column": "列", "line": "第", "expected": "应为", "actual": "实为", "difference": "差额",
                 "tolerance": "允许误差", "sep": "，", "waived": "已豁免：", "baseline": "在基线中",
                 "error": "错误", "warning": "警告", "notice": "提示"}}


def place(loc, lang: str = "en") -> str:
    """``T5 row 2080101, column 基本支出/小计`` (the table, row and column a finding names)."""
    w = LABELS.get(lang, LABELS["en"])
    parts = [p for p in (loc.table, loc.row and f"{w['row']}{loc.row}", loc.column and f"{w['column']}{loc.column}")
             if p]
    if loc.page is not None:
        parts.append(f"p.{loc.page}")
    if loc.cell:
        parts.append(loc.cell)
    return ", ".join(parts)


def message(f, lang: str = "en") -> str:
    return f.message_zh if lang == "zh" and f.message_zh else f.message


def figures(f, lang: str = "en") -> str:
    if not (f.expected or f.actual):
        return ""
    w = LABELS.get(lang, LABELS["en"])
    return (f"{w['expected']}{f.expected}{w['sep']}{w['actual']}{f.actual}{w['sep']}{w['difference']}{f.difference}"
            f"{w['sep']}{w['tolerance']}±{f.tolerance} {f.unit}").rstrip()


def line(f, lang: str = "en") -> str:
    """One self-contained line: rule, place, message and figures."""
    w = LABELS.get(lang, LABELS["en"])
    where = place(f.location, lang)
    src = (f"{w['sep']}{w['line']}{f.location.line}" + ("行" if lang == "zh" else "")) if f.location.line else ""
    severity = w[f.severity]
    text = f"{severity} {f.rule} {f.name} · {where}{src}: {message(f, lang)}" if where or src else \
        f"{severity} {f.rule} {f.name}: {message(f, lang)}"
    nums = figures(f, lang)
    return text + (f" ({nums})" if nums else "") + (f" [{w['waived']}{f.reason}]" if f.suppressed == "waived" else "") \
        + (f" [{w['baseline']}]" if f.suppressed == "baseline" else "")


def uri(path: str) -> str:
    """A URI reference for a document path: relative paths stay relative (CI tools resolve
    them against the checkout), absolute ones become ``file://`` URIs."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/-._~!$&'()*+,;=@")
