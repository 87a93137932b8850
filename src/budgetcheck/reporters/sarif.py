"""SARIF 2.1.0: the format code-scanning services read (GitHub's upload-sarif action).

One run; the driver lists the rules that ran with their ids, names and help (passed
in by the CLI: reporters never import rules).  Each finding is a result with its
level (notice → ``note``), a physical location (the file and its line; the page in
the location's properties for paged inputs) and a logical location naming the
table, row and column.  Waived findings carry an external, accepted suppression;
with a baseline, every result has a ``baselineState``.  Unreadable documents are
tool execution notifications, so the log stays valid and says what was not checked.
"""

from __future__ import annotations

import json

from budgetcheck import __version__
from budgetcheck.app.baselines import fingerprint
from budgetcheck.core.i18n import translate
from budgetcheck.reporters.plain import figures, message, place, uri

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "notice": "note"}


def _physical(path: str, loc) -> dict:
    out: dict = {"artifactLocation": {"uri": uri(path)}}
    if loc.line:
        out["region"] = {"startLine": loc.line}
    props = {k: v for k, v in (("page", loc.page), ("cell", loc.cell)) if v not in (None, "")}
    if loc.boxes:  # the rectangles on the page, in PDF points: [page, x0, y0, x1, y1]
        props["bbox"] = [list(b) for b in loc.boxes]
    if props:
        out["properties"] = props
    return out


def _logical(loc) -> list[dict]:
    if not (loc.table or loc.row or loc.column):
        return []
    name = loc.column or loc.row or loc.table
    props = {k: v for k, v in (("table", loc.table), ("title", loc.title), ("row", loc.row),
                               ("column", loc.column)) if v}
    return [{"name": name, "fullyQualifiedName": place(loc), "kind": "element", "properties": props}]


def _location(path: str, loc, **extra) -> dict:
    out = {**extra, "physicalLocation": _physical(loc.path or path, loc)}
    logical = _logical(loc)
    if logical:
        out["logicalLocations"] = logical
    return out


def _result(report, f, index: dict[str, int], lang: str, baseline: bool) -> dict:
    nums = figures(f, lang)
    result: dict = {"ruleId": f.rule}
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    result["level"] = LEVEL[f.severity]
    result["message"] = {"text": message(f, lang) + (f" ({nums})" if nums else "")}
    result["locations"] = [_location(report.path, f.location)]
    if f.related:
        result["relatedLocations"] = [
            # the message names the cell; a logical location per term would only repeat it
            {"id": i, "message": {"text": place(r) or "related"}, "physicalLocation": _physical(r.path or report.path, r)}
            for i, r in enumerate(f.related, 1)
        ]
    result["partialFingerprints"] = {"budgetcheck/v1": fingerprint(f)}
    if f.suppressed == "waived":
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": f.reason}]
    if baseline:
        result["baselineState"] = "unchanged" if f.suppressed == "baseline" else "new"
    props = {k: getattr(f, k) for k in ("expected", "actual", "difference", "tolerance", "unit") if getattr(f, k)}
    props["severity"] = f.severity
    result["properties"] = props
    return result


def _rule(info, lang: str = "en") -> dict:
    from budgetcheck.core.i18n import RULE_SUMMARY_ZH

    summary = RULE_SUMMARY_ZH.get(info.id, info.summary) if lang == "zh" else info.summary
    return {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": info.description or info.summary},
        "help": {"text": info.help},
        "defaultConfiguration": {"level": LEVEL.get(info.severity, "warning")},
        "properties": {"group": info.group, "tags": [info.group]},
    }


def render(reports, rules, lang: str = "en", baseline: bool = False, exit_code: int = 0) -> str:
    """The SARIF log as text; ``rules`` are ``ruleset.RuleInfo`` records."""
    index = {r.id: i for i, r in enumerate(rules)}
    results, notes = [], []
    for report in reports:
        if report.error:
            notes.append({"level": "error", "message": {"text": translate(report.error, lang)},
                          "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(report.path)}}}]})
            continue
        results += [_result(report, f, index, lang, baseline) for f in report.findings]
    invocation = {"executionSuccessful": not notes, "exitCode": exit_code}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    covered = [{"uri": uri(r.path), **r.coverage.as_dict()} for r in reports if getattr(r, "coverage", None) is not None]
    run = {
        "tool": {"driver": {"name": "budgetcheck", "version": __version__, "semanticVersion": __version__,
                            "rules": [_rule(r, lang) for r in rules]}},
        "invocations": [invocation],
        "results": results,
    }
    if covered:
        run["properties"] = {"coverage": covered}
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)
