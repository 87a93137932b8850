"""Every rule id a user can name, and the rule metadata that reporters receive.

``rules.REGISTRY`` holds every rule: the document rules the engine runs, and the pair
and run rules (a stated change against the older document, a waiver that matched
nothing) that are findings like any other, so they are listed, explained, selected and
ignored like any other.  This module resolves what users type (an id, a name or a
group) to ids, and hands reporters plain :class:`RuleInfo` records, so that reporters
never import the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from budgetcheck.core.errors import UsageError
from budgetcheck.rules.base import Rule


@dataclass(frozen=True)
class RuleInfo:
    """What a report says about a rule: SARIF's rule descriptors, JUnit's test names."""

    id: str
    name: str
    severity: str  # the configured severity of a violation
    group: str
    summary: str
    help: str  # the whole docstring, examples included
    description: str = ""  # the docstring without its examples


def all_rules() -> dict[str, Rule]:
    """Every rule, of every scope (document, pair, run), by id."""
    from budgetcheck.rules import REGISTRY

    return dict(REGISTRY)


def groups() -> list[str]:
    return sorted({r.group for r in all_rules().values()})


def resolve(items: Iterable[str], where: str = "") -> tuple[str, ...]:
    """Ids for what a user wrote: ``BC101``, ``row-crossfoot`` or a group (``codes``).

    Raises UsageError naming the first unknown item."""
    rules = all_rules()
    by_name = {r.name: r.id for r in rules.values()}
    out: list[str] = []
    for item in items:
        item = item.strip()
        if not item:
            continue
        if item.upper() in rules:
            out.append(item.upper())
        elif item in by_name:
            out.append(by_name[item])
        elif item.lower() in groups():
            out.extend(r.id for r in rules.values() if r.group == item.lower())
        else:
            raise UsageError(f"{where}unknown rule {item!r} (see `budgetcheck rules`; groups: {', '.join(groups())})")
    return tuple(dict.fromkeys(out))


def infos(ids: Iterable[str], severity: dict[str, str] | None = None) -> list[RuleInfo]:
    """Metadata for these rules, with their configured severity."""
    rules = all_rules()
    severity = severity or {}
    return [RuleInfo(r.id, r.name, severity.get(r.id, r.severity), r.group, r.summary, r.doc,
                     explain(r.doc).description) for r in (rules[i] for i in ids)]


_FAILS = re.compile(r"(?m)^Fails:\s*")
_PASSES = re.compile(r"\s*Passes:\s*")


@dataclass(frozen=True)
class Explained:
    """A rule docstring cut into its description, its two examples and its notes."""

    description: str
    fails: str
    passes: str
    notes: str


def explain(doc: str) -> Explained:
    """Split a rule docstring at its ``Fails:`` / ``Passes:`` examples.

    The passing example runs to the end of its sentence-ending line; what follows is
    a note (``A difference no larger than the rounding … is a notice.``)."""
    m = _FAILS.search(doc)
    if not m:
        return Explained(doc.strip(), "", "", "")
    description, rest = doc[: m.start()].strip(), doc[m.end():]
    p = _PASSES.search(rest)
    if not p:
        return Explained(description, _flat(rest), "", "")
    fails, after = rest[: p.start()], rest[p.end():]
    lines = after.split("\n")
    end = next((i for i, line in enumerate(lines) if line.rstrip().endswith((".", "。"))), len(lines) - 1)
    passes, notes = "\n".join(lines[: end + 1]), "\n".join(lines[end + 1:])
    return Explained(description, _flat(fails), _flat(passes), notes.strip())


def _flat(text: str) -> str:
    return " ".join(text.split())


def _cases(rule: Rule, lang: str) -> str:
    """The rule's cases from its file (rules/cases/BCxxx.toml), "" when it has none."""
    from budgetcheck.rules import cases

    try:
        return cases.describe(rule.id, lang)
    except cases.CaseError:
        return ""  # a broken case file: tests/test_rule_cases.py says why; explain shows the docstring's


def explanation(rule: Rule, severity: str | None = None, lang: str = "en") -> str:
    """The text of ``budgetcheck explain`` for one rule: its documentation as written,
    then its examples: the cases of its case file (each failing and passing case with
    the findings it gives), else the docstring's two pulled out, so that a reader (or a
    script) finds them at once.  In Chinese the heading, the summary and the labels are
    Chinese; the documentation itself is English, and says so."""
    if lang == "zh":
        return _explanation_zh(rule, severity)
    parts = explain(rule.doc)
    out = [f"{rule.id} {rule.name} (default severity: {rule.severity}"
           + (f", configured: {severity}" if severity and severity != rule.severity else "")
           + f", group: {rule.group})", "", rule.doc.strip(), ""]
    cases = _cases(rule, "en")
    if cases:
        out += ["Examples:", cases]
    elif parts.fails or parts.passes:
        out += ["Examples:", f"  fails:  {parts.fails}", f"  passes: {parts.passes}", ""]
    return "\n".join(out)


def _explanation_zh(rule: Rule, severity: str | None) -> str:
    from budgetcheck.core.i18n import RULE_SUMMARY_ZH, word

    parts = explain(rule.doc)
    out = [f"{rule.id} {rule.name}（{word('default_severity', 'zh')}：{word(rule.severity, 'zh')}"
           + (f"，{word('configured', 'zh')}：{word(severity, 'zh')}" if severity and severity != rule.severity else "")
           + f"，{word('in_group', 'zh')}：{rule.group}）", "", RULE_SUMMARY_ZH.get(rule.id, rule.summary), "",
           word("documentation", "zh") + "：", rule.doc.strip(), ""]
    cases = _cases(rule, "zh")
    if cases:
        out += [word("examples", "zh") + "：", cases]
    elif parts.fails or parts.passes:
        out += [word("examples", "zh") + "：", f"  {word('fails', 'zh')}：{parts.fails}",
                f"  {word('passes', 'zh')}：{parts.passes}", ""]
    return "\n".join(out)


def examples_of(rule: Rule, lang: str = "en") -> str:
    """``budgetcheck explain --examples``: the rule and its examples (its cases, else the
    docstring's two), nothing else."""
    cases = _cases(rule, lang)
    if cases:
        return f"{rule.id} {rule.name}\n{cases}"
    parts = explain(rule.doc)
    if not (parts.fails or parts.passes):  # every rule has a case file (tests/test_rule_cases.py)
        return f"{rule.id} {rule.name}\n  (no examples: rules/cases/{rule.id}.toml is missing or broken)\n"
    if lang == "zh":
        from budgetcheck.core.i18n import word

        return f"{rule.id} {rule.name}\n  {word('fails', 'zh')}：{parts.fails}\n  {word('passes', 'zh')}：{parts.passes}\n"
    return f"{rule.id} {rule.name}\n  fails:  {parts.fails}\n  passes: {parts.passes}\n"


__all__ = ["RuleInfo", "UsageError", "all_rules", "examples_of", "explain", "explanation", "groups", "infos", "resolve"]
