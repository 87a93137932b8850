"""The command line, kept thin: parse options, call the library, pick a reporter.

Heavy modules (rich, the rules) are imported inside the commands, so that starting
the program costs little more than starting Python and typer.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Verify Chinese departmental budget disclosures (部门预算公开).")


class Format(str, Enum):
    console = "console"
    json = "json"


class RulesFormat(str, Enum):
    table = "table"
    markdown = "markdown"


def _default_lang() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _fail(message: str) -> None:
    typer.echo(f"budgetcheck: error: {message}", err=True)
    raise typer.Exit(2)


def _ids(values: Optional[List[str]]) -> tuple[str, ...]:
    from .rules import REGISTRY

    by_name = {r.name: r.id for r in REGISTRY.values()}
    out = []
    for value in values or []:
        for item in filter(None, (v.strip() for v in value.split(","))):
            rule = item.upper() if item.upper() in REGISTRY else by_name.get(item)
            if rule is None:
                _fail(f"unknown rule {item!r} (see `budgetcheck rules`)")
            out.append(rule)
    return tuple(out)


@app.command()
def verify(
    files: List[Path] = typer.Argument(..., help="Budget documents to check (text extracted from a 部门预算说明)."),
    fmt: Format = typer.Option(Format.console, "--format", "-f", help="Output format."),
    strict: bool = typer.Option(False, "--strict", help="Treat rounding notices as errors."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Message language: zh or en (default: from the locale)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (ids or names, comma separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (ids or names)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
) -> None:
    """Check every table identity of the documents; exit 1 on errors, 2 on unreadable input."""
    from .api import verify_path
    from .engine import Settings

    language = (lang or _default_lang()).lower()
    if language not in ("zh", "en"):
        _fail(f"unknown language {lang!r}: use zh or en")
    settings = Settings(strict=strict, select=_ids(select), ignore=_ids(ignore))
    reports = [verify_path(str(f), settings) for f in files]
    for report in reports:
        if report.error:
            typer.echo(f"budgetcheck: error: {report.error}", err=True)
    _emit(reports, fmt, language, output)
    raise typer.Exit(max(r.exit_code for r in reports))


def _emit(reports, fmt: Format, language: str, output: Optional[Path]) -> None:
    if fmt is Format.json:
        from .reporters.jsonout import render

        text = render(reports) + "\n"
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return
    from rich.console import Console

    from .reporters.console import render as render_console

    if output:
        with output.open("w", encoding="utf-8") as handle:
            render_console(reports, Console(file=handle, width=120, no_color=True), language)
    else:
        render_console(reports, Console(highlight=False), language)


@app.command()
def rules(fmt: RulesFormat = typer.Option(RulesFormat.table, "--format", "-f")) -> None:
    """List the rules: id, name, default severity and what each checks."""
    from .rules import REGISTRY

    if fmt is RulesFormat.markdown:
        typer.echo("| id | name | severity | what it checks |\n|---|---|---|---|")
        for rule in REGISTRY.values():
            typer.echo(f"| {rule.id} | {rule.name} | {rule.severity} | {rule.summary} |")
        return
    from rich.console import Console

    from .reporters.console import rules_table

    rules_table(REGISTRY.values(), Console())


@app.command()
def explain(rule: str = typer.Argument(..., help="A rule id (BC101) or name (row-crossfoot).")) -> None:
    """Show the full documentation of one rule."""
    from .rules import REGISTRY

    rule_id = _ids([rule])[0]
    r = REGISTRY[rule_id]
    typer.echo(f"{r.id} {r.name} (default severity: {r.severity}, group: {r.group})\n\n{r.doc}")


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"budgetcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """budgetcheck: every arithmetic and consistency error of a budget disclosure, located."""


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)
