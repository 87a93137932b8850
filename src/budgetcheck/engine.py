"""Run the rules on a document and turn their facts into findings.

The engine is the only place that decides severity: a violation takes the rule's
severity (or the configured one), a difference explained by rounding is a notice
(an error under ``strict``), and a fact a rule could not decide is a warning.  It also
orders the findings, so that output is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .model import Document, Finding
from .numbers import fmt, fmt_plain
from .rules import REGISTRY
from .rules.base import ROUNDED, UNDECIDED, Fact, Rule

SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}


@dataclass(frozen=True)
class Settings:
    strict: bool = False
    select: tuple[str, ...] = ()  # rule ids; empty means all
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)


def selected(settings: Settings) -> list[Rule]:
    rules = [r for r in REGISTRY.values() if not settings.select or r.id in settings.select]
    return [r for r in rules if r.id not in settings.ignore]


def stamp(rule: Rule, fact: Fact, settings: Settings) -> Finding:
    if fact.status == ROUNDED:
        severity = "error" if settings.strict else "notice"
    elif fact.status == UNDECIDED:
        severity = "warning"
    else:
        severity = settings.severity.get(rule.id, rule.severity)
    c = fact.comparison
    expected = actual = difference = tolerance = unit = ""
    if c is not None:
        q = c.quantum if c.quantum else None
        expected, actual = fmt(c.expected, q), fmt(c.actual, q)
        difference = fmt_plain(c.difference, q)
        tolerance = fmt_plain(c.tolerance) if c.tolerance else "0"
        unit = c.unit
    return Finding(rule.id, rule.name, severity, fact.message, fact.message_zh, fact.location,
                   expected, actual, difference, tolerance, unit, fact.related)


def sort_key(f: Finding) -> tuple:
    loc = f.location
    return (loc.path, loc.line or 0, f.rule, loc.table, loc.row, loc.column, f.message)


def check(document: Document, settings: Settings | None = None) -> list[Finding]:
    settings = settings or Settings()
    findings: list[Finding] = []
    for rule in selected(settings):
        for fact in rule.check(document):
            findings.append(stamp(rule, fact, settings))
    return sorted(set(findings), key=sort_key)


def counts(findings: list[Finding]) -> dict[str, int]:
    return {
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
        "notices": sum(f.severity == "notice" for f in findings),
    }


__all__ = ["Settings", "check", "counts", "Decimal"]
