"""``budgetcheck rules`` and ``budgetcheck explain``: the rules and their documentation."""

from __future__ import annotations

from typing import List, Optional

import typer

from budgetcheck.cli.common import (LANG, RulesFormat, rule_ids, settle)


def rules(fmt: RulesFormat = typer.Option(RulesFormat.table, "--format", "-f"), lang: Optional[str] = LANG) -> None:
    """List the rules: id, name, default severity and what each checks."""
    from budgetcheck.core.i18n import RULE_SUMMARY_ZH, word
    from budgetcheck.rules import REGISTRY

    lang = settle(lang)
    if fmt is RulesFormat.markdown:
        heads = [word(k, lang) for k in ("id", "name", "severity", "checks")]
        typer.echo(f"| {' | '.join(heads)} |\n|---|---|---|---|")
        for rule in REGISTRY.values():
            summary = RULE_SUMMARY_ZH.get(rule.id, rule.summary) if lang == "zh" else rule.summary
            typer.echo(f"| {rule.id} | {rule.name} | {word(rule.severity, lang)} | {summary} |")
        return
    from budgetcheck.reporters.console import make_console, rules_table

    rules_table(REGISTRY.values(), make_console(), lang)


def explain(
    rule: Optional[List[str]] = typer.Argument(
        None, help="Rule ids (BC101), names (row-crossfoot) or groups (codes); none for every rule."),
    examples: bool = typer.Option(False, "--examples", help="Only each rule's failing and passing example."),
    lang: Optional[str] = LANG,
) -> None:
    """Show the full documentation of rules, with an example that fails and one that passes."""
    from budgetcheck.rules.ruleset import all_rules, examples_of, explanation

    lang = settle(lang)
    rules = all_rules()
    ids = rule_ids(rule) if rule else tuple(rules)
    if examples:
        typer.echo("".join(examples_of(rules[i], lang=lang) for i in ids), nl=False)
    else:
        typer.echo("\n".join(explanation(rules[i], lang=lang) for i in ids), nl=False)
