"""Run the rules on a document and turn their facts into findings.

The engine is the only place that decides severity: a violation takes the rule's
severity (or the configured one), a difference explained by rounding is a notice
(an error under ``strict``), and a fact a rule could not decide is a warning.  It also
orders the findings, so that output is deterministic.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from decimal import Decimal

from budgetcheck.core.rounding import NEAREST, policy
from budgetcheck.core.limits import clip
from budgetcheck.core.model import Document, Finding, Location
from budgetcheck.core.figures import fmt, fmt_plain
from budgetcheck.rules import REGISTRY
from budgetcheck.rules.context import Context
from budgetcheck.rules.base import ROUNDED, UNDECIDED, Fact, Rule

SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}
#: A message quotes raw input (a row, a cell, a sentence) shortened by its rule; these
#: bounds are the net under every rule, so no finding can echo a whole hostile line.
MAX_MESSAGE = 600
MAX_FIELD = 200


@dataclass(frozen=True)
class Settings:
    strict: bool = False
    select: tuple[str, ...] = ()  # rule ids; empty means all
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    rounding: str = NEAREST  # nearest | truncate (arith.Policy)
    tolerance: dict[str, Decimal] = field(default_factory=dict)  # extra absolute bound per unit
    require_tables: bool = False  # a missing core table is an error (BC007), for a pre-publication gate
    kind: str | None = None  # the document's kind as given (--kind), else read from the document

    def rounding_policy(self):
        """The arith policy of these settings; a no-op context for the default."""
        if self.rounding == NEAREST and not self.tolerance:
            return nullcontext()
        return policy(self.rounding, self.tolerance)


def selected(settings: Settings) -> list[Rule]:
    out = []
    for rule in REGISTRY.values():
        if rule.scope != "document":
            continue  # pair and run rules are checked where both their inputs are
        flag = rule.on_request or None
        if (settings.select and rule.id not in settings.select) or rule.id in settings.ignore:
            continue
        if flag is not None and not getattr(settings, flag):
            continue
        out.append(rule)
    return out


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
        tolerance = fmt_plain(_readable(c.bound, c.quantum)) if c.bound else "0"
        unit = c.unit
    return Finding(rule.id, rule.name, severity, clip(fact.message, MAX_MESSAGE), clip(fact.message_zh, MAX_MESSAGE),
                   _bounded(fact.location), expected, actual, difference, tolerance, unit, fact.related)


def _bounded(loc: Location) -> Location:
    """A location whose row, column or title is raw input (a cell of the document) echoes
    at most a few hundred characters of it."""
    if max(len(loc.row), len(loc.column), len(loc.title)) <= MAX_FIELD:
        return loc
    return replace(loc, row=clip(loc.row, MAX_FIELD), column=clip(loc.column, MAX_FIELD), title=clip(loc.title, MAX_FIELD))


def _readable(tolerance: Decimal, quantum: Decimal) -> Decimal:
    """A tolerance derived by division has endless digits: keep three beyond the figure's."""
    places = Decimal(1).scaleb((quantum.as_tuple().exponent if quantum else 0) - 3)  # type: ignore[operator]
    return tolerance if tolerance == tolerance.quantize(places) else tolerance.quantize(places)


def sort_key(f: Finding) -> tuple:
    loc = f.location
    return (loc.path, loc.line or 0, f.rule, loc.table, loc.row, loc.column, f.message)


def check(document: Document, settings: Settings | None = None, ctx: Context | None = None) -> list[Finding]:
    """Every selected rule on the document, in one context (the work rules share is done once)."""
    settings = settings or Settings()
    ctx = ctx or Context(document, settings)
    findings: list[Finding] = []
    with settings.rounding_policy():
        for rule in selected(settings):
            try:
                for fact in rule.check(document, ctx):
                    findings.append(stamp(rule, fact, settings))
            except Exception as exc:  # a rule's bug must not cost the user the other rules' findings
                findings.append(Finding(rule.id, rule.name, "warning",
                                        f"internal error, this rule did not finish ({type(exc).__name__}: {exc}); "
                                        "please report it", f"内部错误，本规则未能完成（{type(exc).__name__}）",
                                        Location(document.path)))
    from budgetcheck.rules.understanding import discount  # errors resting on a misread table are not reported

    return sorted(set(discount(findings, ctx, "BC010")), key=sort_key)


def counts(findings: list[Finding]) -> dict[str, int]:
    """Findings by severity; waived and baseline findings are counted apart (and only
    when present, so that a report without them keeps its shape)."""
    active = [f for f in findings if not f.suppressed]
    out = {
        "errors": sum(f.severity == "error" for f in active),
        "warnings": sum(f.severity == "warning" for f in active),
        "notices": sum(f.severity == "notice" for f in active),
    }
    for kind in ("waived", "baseline"):
        n = sum(f.suppressed == kind for f in findings)
        if n:
            out[kind] = n
    return out


__all__ = ["Settings", "check", "counts", "Decimal"]
