"""The JSON report: one object on stdout, amounts as exact decimal strings.

Waived and baseline findings carry ``"waived": true, "waiver_reason": …`` or
``"baseline": true``; those keys (and the summary's ``waived``/``baseline`` counts)
appear only when used, so that a plain run's report keeps its documented shape.
"""

from __future__ import annotations

from budgetcheck.core.i18n import translate

import json
from dataclasses import asdict

from budgetcheck.core.model import Finding, Location


def _location(loc: Location) -> dict:
    out = {"table": loc.table, "title": loc.title, "row": loc.row, "column": loc.column, "line": loc.line}
    if loc.cell:
        out["cell"] = loc.cell
    if loc.page is not None:
        out["page"] = loc.page
    if loc.boxes:  # PDF points, origin at the page's lower left: [page, x0, y0, x1, y1]
        out["bbox"] = [list(b) for b in loc.boxes]
    return out


def finding(f: Finding) -> dict:
    return {
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "message_zh": f.message_zh,
        "location": _location(f.location),
        "expected": f.expected,
        "actual": f.actual,
        "difference": f.difference,
        "tolerance": f.tolerance,
        "unit": f.unit,
        "related": [_location(r) for r in f.related],
    } | _suppression(f)


def _suppression(f: Finding) -> dict:
    if f.suppressed == "waived":
        return {"waived": True, "waiver_reason": f.reason}
    if f.suppressed == "baseline":
        return {"baseline": True}
    return {}


def table(t) -> dict:
    """A table read (``api.TableInfo``)."""
    return {"id": t.role, "title": t.title, "rows": t.rows, "unit": t.unit, "line": t.line}


def document(report) -> dict:
    """One document's part of the report."""
    doc = {"path": report.path}
    if report.error:
        doc["error"] = report.error
        doc["error_zh"] = translate(report.error, "zh")
    doc["tables"] = [table(t) for t in report.tables]
    doc["findings"] = [finding(f) for f in report.findings]
    doc["summary"] = report.summary
    if getattr(report, "coverage", None) is not None:
        doc["coverage"] = report.coverage.as_dict()
    if getattr(report, "skipped", ()):
        doc["skipped"] = [{"rule": rule, "missing": list(missing)} for rule, missing in report.skipped]
    return doc


def key(report) -> int:
    """What a pre-rendered document part was made from: it is reused only while this holds
    (waivers, baselines and --cross change findings after the workers are done)."""
    return hash((report.path, report.error, tuple((f.rule, f.severity, f.suppressed, f.message, f.location.line)
                                                  for f in report.findings)))


def document_text(report) -> str:
    """The document's part as it stands inside the whole report (indented two levels).

    Workers of a folder run render their documents with this, in parallel: Python's
    indenting JSON encoder is pure Python, and one report of 15,000 findings would
    otherwise take seconds of serial time in the parent."""
    text = json.dumps(document(report), ensure_ascii=False, indent=2)
    return text.replace("\n", "\n    ")


def prerender(report) -> tuple[str, int]:
    """A document's part and its key, for a folder's workers (``app/folders.py`` ``render``)."""
    return document_text(report), key(report)


def render(reports) -> str:
    total = {"errors": 0, "warnings": 0, "notices": 0}
    parts = []
    for report in reports:
        cached = getattr(report, "rendered", None)
        parts.append(cached[0] if cached and cached[1] == key(report) else document_text(report))
        for name, n in report.summary.items():
            total[name] = total.get(name, 0) + n
    if not parts:
        return json.dumps({"version": 1, "documents": [], "summary": total}, ensure_ascii=False, indent=2)
    summary = json.dumps(total, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    return ('{\n  "version": 1,\n  "documents": [\n    ' + ",\n    ".join(parts)
            + f"\n  ],\n  \"summary\": {summary}\n}}")


__all__ = ["render", "finding", "asdict"]
