"""The console report: findings grouped by table, each with its place and numbers."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

STYLE = {"error": "bold red", "warning": "yellow", "notice": "dim"}
WORD = {"en": {"error": "error", "warning": "warning", "notice": "notice"},
        "zh": {"error": "错误", "warning": "警告", "notice": "提示"}}


def _place(f) -> str:
    loc = f.location
    parts = [p for p in (loc.row and f"row {loc.row}", loc.column and f"column {loc.column}") if p]
    src = f"line {loc.line}" if loc.line else ""
    if loc.cell:
        src = loc.cell
    if loc.page is not None:
        src = f"p.{loc.page}" + (f" {src}" if src else "")
    return ", ".join(parts + ([src] if src else []))


def render(reports, console: Console, lang: str = "en") -> None:
    for report in reports:
        console.print(f"[bold]{escape(report.path)}[/bold]")
        if report.error:
            console.print(f"  [bold red]cannot read:[/bold red] {escape(report.error)}")
            continue
        tables = report.document.tables
        titles = {t.role: t.title for t in reversed(tables) if t.role}
        order = {t.role: i for i, t in reversed(list(enumerate(tables))) if t.role}
        rank = {"error": 0, "warning": 1, "notice": 2}
        ordered = sorted(report.findings, key=lambda f: (order.get(f.location.table, -1), rank[f.severity],
                                                         f.location.line or 0, f.rule))
        for table_id, group in groupby(ordered, key=lambda f: f.location.table):
            console.print(f"  [cyan]{escape(table_id or 'document')}[/cyan] {escape(titles.get(table_id, ''))}")
            for f in group:
                msg = f.message_zh if lang == "zh" else f.message
                console.print(f"    [{STYLE[f.severity]}]{WORD[lang][f.severity]}[/] {f.rule} {f.name} · {escape(_place(f))}")
                console.print(f"      {escape(msg)}")
                if f.expected or f.actual:
                    console.print(f"      expected {f.expected}  actual {f.actual}  difference {f.difference}"
                                  f"  tolerance ±{f.tolerance} {f.unit}", style="dim" if f.severity == "notice" else None)
        known = [t for t in tables if t.role]
        unknown = [t for t in tables if not t.role]
        s = report.summary
        console.print(f"  {s['errors']} errors, {s['warnings']} warnings, {s['notices']} notices · "
                      f"{len(known)} tables read ({escape(', '.join(dict.fromkeys(t.role for t in known)))})"
                      + (f", {len(unknown)} not recognised: " + escape("; ".join(t.title for t in unknown)) if unknown else ""))


def rules_table(rules, console: Console) -> None:
    table = RichTable("id", "name", "severity", "group", "what it checks")
    for rule in rules:
        table.add_row(rule.id, rule.name, rule.severity, rule.group, rule.summary)
    console.print(table)
