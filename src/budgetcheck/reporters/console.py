"""The console report: findings grouped by table, each with its place and numbers.

Waived and baseline findings are shown dimmed, with why, and counted apart: the
reader sees what was accepted without it drowning what is new.  Several documents
end with one summary table, so a folder's result fits on a screen.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from budgetcheck.core.i18n import translate
from budgetcheck.core.i18n import word as _word

STYLE = {"error": "bold red", "warning": "yellow", "notice": "dim"}
WORD = {"en": {"error": "error", "warning": "warning", "notice": "notice"},
        "zh": {"error": "错误", "warning": "警告", "notice": "提示"}}
LABEL = {
    "en": {"row": "row", "column": "column", "line": "line", "expected": "expected", "actual": "actual",
           "difference": "difference", "tolerance": "tolerance", "cannot": "cannot read", "errors": "errors",
           "warnings": "warnings", "notices": "notices", "read": "tables read", "unknown": "not recognised",
           "skipped": "checks not run (table missing)", "partly verified": "partly verified",
           "not verified": "not verified", "kind": {"budget": "budget", "final": "final accounts", "report": "report",
                                                    "other": "other"}},
    "zh": {"row": "行", "column": "列", "line": "第", "expected": "应为", "actual": "实为", "difference": "差额",
           "tolerance": "允许误差", "cannot": "无法读取", "errors": "个错误", "warnings": "个警告", "notices": "个提示",
           "read": "张表已识别", "unknown": "未识别", "skipped": "缺表未能核对", "partly verified": "部分核对",
           "not verified": "未核对", "kind": {"budget": "预算", "final": "决算", "report": "报告", "other": "其他"}},
}


def make_console(file=None, stderr: bool = False) -> Console:
    """A console for the report: on a terminal, rich's own (colours, its width); into a
    pipe or a file, no colour and no hard wrapping, so that every message stays whole
    on its line (``grep`` finds it, a CI log shows it) and tables take the width they
    need."""
    import sys

    stream = file if file is not None else (sys.stderr if stderr else sys.stdout)
    if file is None and stream.isatty():
        return Console(highlight=False, stderr=stderr)
    return Console(file=stream, highlight=False, soft_wrap=True, width=100_000, no_color=True,
                   color_system=None)


def _place(f, lang: str = "en") -> str:
    loc, w = f.location, LABEL[lang]
    parts = [p for p in (loc.row and f"{w['row']} {loc.row}", loc.column and f"{w['column']} {loc.column}") if p]
    src = (f"{w['line']} {loc.line}" + ("行" if lang == "zh" else "")) if loc.line else ""
    if loc.cell:
        src = loc.cell
    if loc.page is not None:
        src = f"p.{loc.page}" + (f" {src}" if src else "")
    return ", ".join(parts + ([src] if src else []))


def render(reports, console: Console, lang: str = "en") -> None:
    for report in reports:
        console.print(f"[bold]{escape(report.path)}[/bold]")
        if report.error:
            colon = '：' if lang == 'zh' else ':'
            label = LABEL[lang]["not verified" if getattr(report, "coverage", None) is not None else "cannot"]
            console.print(f"  [bold red]{label}{colon}[/bold red] {escape(translate(report.error, lang))}")
            continue
        tables = report.tables
        titles = {t.role: t.title for t in reversed(tables) if t.role}
        order = {t.role: i for i, t in reversed(list(enumerate(tables))) if t.role}
        rank = {"error": 0, "warning": 1, "notice": 2}
        ordered = sorted(report.findings, key=lambda f: (order.get(f.location.table, -1), rank[f.severity],
                                                         f.location.line or 0, f.rule))
        for table_id, group in groupby(ordered, key=lambda f: f.location.table):
            label = table_id or _word("waivers" if report.kind == "waivers" else "document", lang)
            console.print(f"  [cyan]{escape(label)}[/cyan] {escape(titles.get(table_id, ''))}".rstrip())
            for f in group:
                _finding(f, console, lang)
        known = [t for t in tables if t.role]
        unknown = [t for t in tables if not t.role]
        s = report.summary
        w = LABEL[lang]
        counted = (f"  {s['errors']} {w['errors']}, {s['warnings']} {w['warnings']}, {s['notices']} {w['notices']}"
                   + _set_apart(s, lang))
        if report.kind != "document":
            console.print(counted)
            continue
        shown = "; ".join(t.title for t in unknown[:3]) + ("; …" if len(unknown) > 3 else "")
        console.print(counted + f" · {len(known)} {w['read']} ({escape(', '.join(dict.fromkeys(t.role for t in known)))})"
                      + (f", {len(unknown)} {w['unknown']}: " + escape(shown) if unknown else ""))
        covered = getattr(report, "coverage", None)
        if covered is not None and covered.status != "verified":
            console.print(f"  [bold yellow]{w[covered.status]}[/bold yellow] ({w['kind'][covered.kind]}): "
                          + escape("; ".join(covered.reasons)))
        skipped = getattr(report, "skipped", ())
        if skipped:
            console.print(f"  {w['skipped']}: " + escape(", ".join(f"{r} ({'/'.join(m)})" for r, m in skipped)),
                          style="dim")


def _finding(f, console: Console, lang: str) -> None:
    msg = f.message_zh if lang == "zh" else f.message
    word = f"[{STYLE[f.severity]}]{WORD[lang][f.severity]}[/]"
    tag = ""
    if f.suppressed == "waived":
        word, tag = f"[dim]{WORD[lang][f.severity]}[/]", f" [dim]({_word('waived', lang)}: {escape(f.reason)})[/]"
    elif f.suppressed == "baseline":
        word, tag = f"[dim]{WORD[lang][f.severity]}[/]", f" [dim]({_word('baseline', lang)})[/]"
    dim = "dim" if f.suppressed else None
    console.print(f"    {word} {f.rule} {f.name} · {escape(_place(f, lang))}{tag}", style=dim)
    console.print(f"      {escape(msg)}", style=dim)
    if f.expected or f.actual:
        w = LABEL[lang]
        console.print(f"      {w['expected']} {f.expected}  {w['actual']} {f.actual}  {w['difference']} {f.difference}"
                      f"  {w['tolerance']} ±{f.tolerance} {f.unit}", style="dim" if f.severity == "notice" or dim else None)


def _set_apart(summary: dict, lang: str = "en") -> str:
    parts = [f"{summary['waived']} {_word('waived', lang)}" if summary.get("waived") else "",
             f"{summary['baseline']} {_word('baseline', lang)}" if summary.get("baseline") else ""]
    return "".join(f", {p}" for p in parts if p)


def summary_table(reports, console: Console, lang: str = "en") -> None:
    """One line per document: its counts and status (ok, errors, unreadable)."""
    extra = [k for k in ("waived", "baseline") if any(r.summary.get(k) for r in reports)]
    heads = [_word(k, lang) for k in ("document", "errors", "warnings", "notices", *extra, "status")]
    table = RichTable(*heads, title=_word("summary", lang))
    for report in reports:
        s = report.summary
        status = ("not verified" if report.error and getattr(report, "coverage", None) is not None
                  else "unreadable" if report.error else "errors" if s["errors"]
                  else "partly verified" if getattr(report, "status", "verified") != "verified" else "ok")
        style = {"unreadable": "bold red", "not verified": "bold red", "errors": "red", "partly verified": "yellow",
                 "ok": "green"}[status]
        table.add_row(escape(report.path), str(s["errors"]), str(s["warnings"]), str(s["notices"]),
                      *(str(s.get(k, 0)) for k in extra), f"[{style}]{_word(status, lang)}[/]")
    console.print(table)


def rules_table(rules, console: Console, lang: str = "en") -> None:
    from budgetcheck.core.i18n import RULE_SUMMARY_ZH

    table = RichTable(*(_word(k, lang) for k in ("id", "name", "severity", "group", "checks")))
    for rule in rules:
        summary = RULE_SUMMARY_ZH.get(rule.id, rule.summary) if lang == "zh" else rule.summary
        table.add_row(rule.id, rule.name, _word(rule.severity, lang), rule.group, escape(summary))
    console.print(table)
