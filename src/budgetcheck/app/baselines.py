"""Baselines: the findings a document already had, so that only new ones fail a run.

A finding's fingerprint must survive what does not change its meaning: moving a whole
annex table elsewhere in the text, re-flowing pages, a corrected figure elsewhere in
the same sum.  So it is a hash of the rule, the table role, the row (code or label),
the column label and the English message with every number replaced by ``#`` — never
of line numbers or values.  The baseline file is JSON, sorted, one entry per finding
with its context in clear, so that a reviewer can read what was accepted.  Documents
are named relative to the baseline file's folder, so the same baseline works from any
working directory.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from budgetcheck.core.errors import UsageError
from budgetcheck.core.model import Finding

_NUMBER = re.compile(r"[-+−]?\d[\d,，]*(?:\.\d+)?")
VERSION = 1


def template(message: str) -> str:
    """The message with its figures (and codes, which the row already names) as ``#``."""
    return _NUMBER.sub("#", message)


def fingerprint(f: Finding) -> str:
    """A stable id of a finding (see the module docstring).  A row named by its code
    keeps it; a row named by text (a sentence of the narrative) has its figures masked."""
    loc = f.location
    row = loc.row if loc.row.isdigit() else template(loc.row)
    key = "\x1f".join((f.rule, loc.table, row, loc.column, template(f.message)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _document_key(path: str, base: Path) -> str:
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def entries(reports, base: Path) -> list[dict]:
    """The baseline entries of every counted finding of the readable documents."""
    out = []
    for report in reports:
        if report.kind != "document" or report.error:
            continue
        doc = _document_key(report.path, base)
        for f in report.findings:
            if not f.suppressed:
                loc = f.location
                out.append({"document": doc, "fingerprint": fingerprint(f), "rule": f.rule,
                            "table": loc.table, "row": loc.row, "column": loc.column})
    return sorted(out, key=lambda e: (e["document"], e["fingerprint"], e["rule"], e["table"], e["row"], e["column"]))


def write(path: str | Path, reports) -> None:
    p = Path(path)
    data = {"version": VERSION, "tool": "budgetcheck", "findings": entries(reports, p.parent)}
    from budgetcheck.app.outputs import write_atomic

    write_atomic(p, json.dumps(data, ensure_ascii=False, indent=1) + "\n", "the baseline")


def load(path: str | Path) -> Counter:
    """(document, fingerprint) → how many findings the baseline accepts."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"{path}: not a budgetcheck baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise UsageError(f"{path}: not a budgetcheck baseline (version {VERSION} expected)")
    try:
        return Counter((e["document"], e["fingerprint"]) for e in data["findings"])
    except (KeyError, TypeError):
        raise UsageError(f"{path}: not a budgetcheck baseline (entries need document and fingerprint)") from None


def apply(reports, known: Counter, base: Path) -> list:
    """Mark the findings the baseline knows (each entry matches one finding)."""
    left = Counter(known)
    out = []
    for report in reports:
        if report.kind != "document" or report.error:
            out.append(report)
            continue
        doc = _document_key(report.path, base)
        findings = []
        for f in report.findings:
            key = (doc, fingerprint(f))
            if not f.suppressed and left[key] > 0:
                left[key] -= 1
                f = replace(f, suppressed="baseline")
            findings.append(f)
        out.append(replace(report, findings=findings))
    return out
