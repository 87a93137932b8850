"""Renderers of a year-over-year diff: console (rich), JSON, Markdown and CSV.

Pure functions of the Diff data: amounts are printed in 万元 at two decimals, changes
with their sign, percentages against the older year.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from ..numbers import fmt
from .jsonout import finding

CENTS = Decimal("0.01")
ROLE_TITLES = {"T1": "收支总体", "T2": "收入", "T3": "支出", "T4": "财政拨款收支", "T5": "一般公共预算",
               "T6": "基本支出经济分类", "T7": "三公", "T8": "政府性基金", "T8b": "国有资本经营", "T9": "转移支付",
               "T11": "一级项目"}


def _amount(a) -> str:
    return "" if a is None else fmt(a.value, CENTS)


def _pct(c) -> str:
    return "" if c.percent is None else f"{c.percent.quantize(CENTS):+}%"


def _name(c) -> str:
    return c.new_name or c.old_name


def _row(c) -> dict:
    return {"table": c.role, "key": c.key, "name": _name(c), "old_name": c.old_name, "level": c.level,
            "column": c.column, "old": _amount(c.old), "new": _amount(c.new), "change": fmt(c.delta, CENTS),
            "percent": _pct(c).rstrip("%"), "status": c.status}


def _subject(r) -> dict:
    out = _row(r.total)
    for name in ("basic", "project"):
        part = getattr(r, name)
        out[f"{name}_change"] = fmt(part.delta, CENTS) if part is not None else ""
    return out


def _code(c) -> str:
    """A code or 合计 as printed; overview lines and projects are named, not coded."""
    return c.key if c.key == "合计" or c.key.isdigit() else ""


def _split(part) -> str:
    return "" if part is None else fmt(part.delta, CENTS)


def _claim(item) -> dict:
    return {"line": item.sentence.line(), "sentence": item.sentence.text.strip(), "quantity": item.quantity,
            "kind": item.kind, "stated": item.stated, "new": _amount(item.new), "old": _amount(item.old),
            "status": item.status}


def render_json(diff, options) -> str:
    data = {
        "version": 1, "old": diff.old.path, "new": diff.new.path, "unit": "万元",
        "rows": [_subject(r) for r in diff.rows(options)],
        "added": [_row(c) for c in diff.by_status("added")],
        "removed": [_row(c) for c in diff.by_status("removed")],
        "renamed": [_row(c) for c in diff.by_status("renamed")],
        "claims": [_claim(i) for i in diff.checked],
        "findings": [finding(f) for f in diff.findings],
        "summary": _summary(diff),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _summary(diff) -> dict:
    statuses = [i.status for i in diff.checked]
    return {"confirmed": statuses.count("confirmed"), "contradicted": statuses.count("contradicted"),
            "unchecked": statuses.count("unchecked"), "errors": sum(f.severity == "error" for f in diff.findings)}


def render_csv(diff, options) -> str:
    out = io.StringIO()
    columns = ["table", "key", "name", "old_name", "level", "column", "old", "new", "change", "percent", "status",
               "basic_change", "project_change"]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in diff.rows(options):
        writer.writerow(_subject(r))
    return out.getvalue()


def render_markdown(diff, options) -> str:
    lines = [f"## Budget changes: {diff.old.path} → {diff.new.path} (万元)", "",
             "| table | code | name | old | new | change | % | Δ basic | Δ project |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in diff.rows(options):
        c = r.total
        lines.append(f"| {c.role} | {_code(c)} | {_name(c)} | {_amount(c.old)} | {_amount(c.new)} | "
                     f"{fmt(c.delta, CENTS)} | {_pct(c)} | {_split(r.basic)} | {_split(r.project)} |")
    for status, title in (("added", "Added"), ("removed", "Removed"), ("renamed", "Renamed")):
        items = diff.by_status(status)
        if items:
            lines += ["", f"### {title}", ""]
            lines += [f"- {c.role} {_code(c)} {c.old_name + ' → ' if status == 'renamed' else ''}{_name(c)}" for c in items]
    lines += ["", "### Stated changes", "", "| line | quantity | stated | old | new | status |", "|---:|---|---|---:|---:|---|"]
    for i in diff.checked:
        lines.append(f"| {i.sentence.line()} | {i.quantity} | {i.stated} | {_amount(i.old)} | {_amount(i.new)} | {i.status} |")
    s = _summary(diff)
    lines += ["", f"{s['confirmed']} confirmed, {s['contradicted']} contradicted, {s['unchecked']} unchecked."]
    return "\n".join(lines) + "\n"


def render_console(diff, options, console) -> None:
    from rich.table import Table

    table = Table(title=f"{diff.old.path} → {diff.new.path} (万元)")
    for name in ("table", "code", "name", "old", "new", "change", "%", "Δ basic", "Δ project"):
        table.add_column(name, justify="left" if name in ("table", "code", "name") else "right",
                         no_wrap=name != "name", max_width=24 if name == "name" else None)
    for r in diff.rows(options):
        c = r.total
        table.add_row(c.role, _code(c), _name(c), _amount(c.old), _amount(c.new), fmt(c.delta, CENTS), _pct(c),
                      _split(r.basic), _split(r.project))
    console.print(table)
    for status, title in (("added", "added"), ("removed", "removed"), ("renamed", "renamed")):
        items = diff.by_status(status)
        if items:
            console.print(f"[bold]{title}[/bold]: " + "; ".join(
                f"{c.role} {_code(c)} {c.old_name + ' → ' if status == 'renamed' else ''}{_name(c)}" for c in items))
    claims = Table(title="stated changes")
    for name in ("line", "quantity", "stated", "old", "new", "status"):
        claims.add_column(name)
    style = {"confirmed": "green", "contradicted": "bold red", "unchecked": "dim"}
    for i in diff.checked:
        claims.add_row(str(i.sentence.line()), i.quantity, i.stated, _amount(i.old), _amount(i.new),
                       f"[{style[i.status]}]{i.status}[/]")
    console.print(claims)
    for f in diff.findings:
        console.print(f"[bold red]{f.severity}[/] {f.rule} {f.name} · line {f.location.line}: {f.message}")
    s = _summary(diff)
    console.print(f"{s['confirmed']} confirmed, {s['contradicted']} contradicted, {s['unchecked']} unchecked")
