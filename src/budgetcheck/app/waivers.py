"""Waivers: findings a reviewer has accepted, each with a reason, kept in a TOML file.

Why a file and not comments in the document: the documents are published as they
are, and a waiver is a reviewer's decision that must be read, dated and reviewed on
its own.  A waiver names a rule and, optionally, a document (path glob), a table, a
row and a column; a finding it matches is still reported, marked waived, and no
longer fails the run.  A waiver that matched nothing (BC091) or has expired (BC092)
is itself reported at its line of the waiver file, so the file cannot rot::

    [[waiver]]
    rule = "BC151"                     # id or name
    document = "seeds/2023-*.txt"      # optional glob
    table = "T5"                       # optional: role or title
    row = "2080101"                    # optional: code or label
    column = "合计"                     # optional: label as reported
    reason = "名称按财政部2023年科目表"    # required
    expires = 2024-12-31               # optional
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from budgetcheck.core.errors import UsageError
from budgetcheck.core.model import Finding, Location

KEYS = {"rule", "document", "table", "row", "column", "reason", "expires"}


@dataclass(frozen=True)
class Waiver:
    rules: tuple[str, ...]
    rule_text: str
    reason: str
    line: int
    document: str = ""
    table: str = ""
    row: str = ""
    column: str = ""
    expires: dt.date | None = None

    def describe(self) -> str:
        where = [f"{k} {v}" for k, v in (("document", self.document), ("table", self.table),
                                         ("row", self.row), ("column", self.column)) if v]
        return f"{self.rule_text}" + (f" ({', '.join(where)})" if where else "")

    def covers(self, f: Finding) -> bool:
        loc = f.location
        return (f.rule in self.rules and (not self.table or self.table in (loc.table, loc.title))
                and (not self.row or self.row == loc.row) and (not self.column or self.column == loc.column))


@dataclass(frozen=True)
class WaiverFile:
    path: str  # as the user gave it: findings about the file point here
    waivers: tuple[Waiver, ...]

    def names(self, document: str, waiver: Waiver) -> bool:
        """Whether ``waiver.document`` matches this document path."""
        if not waiver.document:
            return True
        pattern = waiver.document.replace("\\", "/")
        candidates = {PurePosixPath(Path(document).as_posix()).as_posix()}
        base = Path(self.path).resolve().parent
        try:
            candidates.add(Path(document).resolve().relative_to(base).as_posix())
        except ValueError:
            pass
        if "/" not in pattern:
            candidates.add(Path(document).name)
        return any(fnmatchcase(c, pattern) for c in candidates)


def _header_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines(), 1) if re.match(r"\s*\[\[\s*waiver\s*\]\]", line)]


def load(path: str | Path) -> WaiverFile:
    """Read and validate a waiver file; any mistake is a UsageError naming it."""
    from budgetcheck.rules.ruleset import resolve

    from budgetcheck.app.config import read_toml

    p = Path(path)
    data = read_toml(p, "waiver")
    text = p.read_text(encoding="utf-8-sig")
    unknown = sorted(set(data) - {"waiver"})
    if unknown:
        raise UsageError(f"{path}: unknown key {unknown[0]!r} (a waiver file holds [[waiver]] tables)")
    entries = data.get("waiver", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise UsageError(f"{path}: 'waiver' must be a list of tables ([[waiver]])")
    lines = _header_lines(text)
    waivers = []
    for k, entry in enumerate(entries):
        line = lines[k] if len(lines) == len(entries) else 1
        where = f"{path}:{line}"
        bad = sorted(set(entry) - KEYS)
        if bad:
            raise UsageError(f"{where}: unknown waiver key {bad[0]!r} (keys: {', '.join(sorted(KEYS))})")
        for key in KEYS - {"expires"}:
            if key in entry and not isinstance(entry[key], str):
                raise UsageError(f"{where}: waiver key {key!r} must be a string")
        if not entry.get("rule"):
            raise UsageError(f"{where}: a waiver needs a 'rule'")
        if not str(entry.get("reason", "")).strip():
            raise UsageError(f"{where}: a waiver needs a 'reason'")
        expires = entry.get("expires")
        if isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError:
                raise UsageError(f"{where}: 'expires' must be a date like 2024-12-31") from None
        elif isinstance(expires, dt.datetime):
            expires = expires.date()
        elif expires is not None and not isinstance(expires, dt.date):
            raise UsageError(f"{where}: 'expires' must be a date like 2024-12-31")
        rules = resolve([entry["rule"]], f"{where}: ")
        waivers.append(Waiver(rules, entry["rule"], entry["reason"].strip(), line, entry.get("document", ""),
                              entry.get("table", ""), entry.get("row", ""), entry.get("column", ""), expires))
    return WaiverFile(str(path), tuple(waivers))


def apply(reports: list, waivers: WaiverFile, selected: set[str], severity: dict[str, str],
          today: dt.date | None = None) -> list:
    """Mark the findings waivers cover; add a report for the waiver file with its stale
    and expired waivers (when there are any).  ``selected`` are the rule ids that ran."""
    from budgetcheck.app.api import DocumentReport

    today = today or dt.date.today()
    used = [False] * len(waivers.waivers)
    relevant = [False] * len(waivers.waivers)
    out = []
    for report in reports:
        if report.kind != "document" or report.error:
            out.append(report)
            continue
        active = [(i, w) for i, w in enumerate(waivers.waivers)
                  if (w.expires is None or w.expires >= today) and waivers.names(report.path, w)]
        findings = []
        for f in report.findings:
            for i, w in active:
                if not f.suppressed and w.covers(f):
                    f = replace(f, suppressed="waived", reason=w.reason)
                    used[i] = True
            findings.append(f)
        for i, w in active:
            relevant[i] = relevant[i] or any(r in selected for r in w.rules)
        out.append(replace(report, findings=findings))
    found = []
    for i, w in enumerate(waivers.waivers):
        if w.expires is not None and w.expires < today and "BC092" in selected:
            found.append(_finding("BC092", "expired-waiver", severity, waivers.path, w,
                                  f"waiver for {w.describe()} expired on {w.expires.isoformat()}: it no longer applies",
                                  f"对 {w.describe()} 的豁免已于{w.expires.isoformat()}到期，不再生效"))
        elif relevant[i] and not used[i] and "BC091" in selected:
            found.append(_finding("BC091", "stale-waiver", severity, waivers.path, w,
                                  f"waiver for {w.describe()} matched no finding: remove it or correct it",
                                  f"对 {w.describe()} 的豁免未匹配任何问题：请删除或更正"))
    if found:
        out.append(DocumentReport(waivers.path, None, found, kind="waivers"))
    return out


def _finding(rule: str, name: str, severity: dict[str, str], path: str, w: Waiver, en: str, zh: str) -> Finding:
    return Finding(rule, name, severity.get(rule, "warning"), en, zh, Location(path=path, line=w.line))
