"""The JSON report: one object on stdout, amounts as exact decimal strings.

Waived and baseline findings carry ``"waived": true, "waiver_reason": …`` or
``"baseline": true``; those keys (and the summary's ``waived``/``baseline`` counts)
appear only when used, so that a plain run's report keeps its documented shape.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from ..model import Finding, Location


def _location(loc: Location) -> dict:
    out = {"table": loc.table, "title": loc.title, "row": loc.row, "column": loc.column, "line": loc.line}
    if loc.cell:
        out["cell"] = loc.cell
    if loc.page is not None:
        out["page"] = loc.page
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


def render(reports) -> str:
    documents = []
    total = {"errors": 0, "warnings": 0, "notices": 0}
    for report in reports:
        doc = {"path": report.path}
        if report.error:
            doc["error"] = report.error
        doc["tables"] = [table(t) for t in report.tables]
        doc["findings"] = [finding(f) for f in report.findings]
        doc["summary"] = report.summary
        if getattr(report, "skipped", ()):
            doc["skipped"] = [{"rule": rule, "missing": list(missing)} for rule, missing in report.skipped]
        for key, n in report.summary.items():
            total[key] = total.get(key, 0) + n
        documents.append(doc)
    return json.dumps({"version": 1, "documents": documents, "summary": total}, ensure_ascii=False, indent=2)


__all__ = ["render", "finding", "asdict"]
