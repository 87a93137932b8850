"""Renderers of a year-over-year diff: console (rich), JSON, Markdown and CSV.

Pure functions of the Diff data: amounts are printed in 万元 at two decimals, changes
with their sign, percentages against the older year.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from budgetcheck.core.figures import fmt
from budgetcheck.reporters.jsonout import finding

CENTS = Decimal("0.01")
ROLE_TITLES = {"T1": "收支总体", "T2": "收入", "T3": "支出", "T4": "财政拨款收支", "T5": "一般公共预算",
               "T6": "基本支出经济分类", "T7": "三公", "T8": "政府性基金", "T8b": "国有资本经营", "T9": "转移支付",
               "T11": "一级项目"}


def _amount(a) -> str:
    return "" if a is None else fmt(a.value, CENTS)


def _pct(c, mode: str = "years") -> str:
    if mode == "execution":  # 执行率: 决算数 / 预算数
        return "" if c.rate is None else f"{c.rate.quantize(CENTS)}%"
    return "" if c.percent is None else f"{c.percent.quantize(CENTS):+}%"


def _words(diff, lang: str) -> dict:
    w = dict(LABELS[lang])
    if getattr(diff, "mode", "years") == "execution":
        w.update(EXECUTION_LABELS[lang])
    return w


def _name(c) -> str:
    return c.new_name or c.old_name


def _row(c, mode: str = "years") -> dict:
    return {"table": c.role, "key": c.key, "name": _name(c), "old_name": c.old_name, "level": c.level,
            "column": c.column, "old": _amount(c.old), "new": _amount(c.new), "change": fmt(c.delta, CENTS),
            ("rate" if mode == "execution" else "percent"): _pct(c, mode).rstrip("%"), "status": c.status}


def _subject(r, mode: str = "years") -> dict:
    out = _row(r.total, mode)
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
        "version": 1, "old": diff.old.path, "new": diff.new.path, "unit": "万元", "mode": diff.mode,
        "rows": [_subject(r, diff.mode) for r in diff.rows(options)],
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
    columns = ["table", "key", "name", "old_name", "level", "column", "old", "new", "change",
               "rate" if diff.mode == "execution" else "percent", "status", "basic_change", "project_change"]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in diff.rows(options):
        writer.writerow(_subject(r, diff.mode))
    return out.getvalue()


def render_markdown(diff, options, lang: str = "en") -> str:
    w = _words(diff, lang)
    title = w["title"]
    code, name, table = ("科目编码", "名称", "表") if lang == "zh" else ("code", "name", "table")
    lines = [f"## {title}: {diff.old.path} → {diff.new.path} (万元)", "",
             f"| {table} | {code} | {name} | {w['old']} | {w['new']} | {w['change']} | {w['pct']} | {w['basic']} | {w['project']} |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in diff.rows(options):
        c = r.total
        lines.append(f"| {c.role} | {_code(c)} | {_name(c)} | {_amount(c.old)} | {_amount(c.new)} | "
                     f"{fmt(c.delta, CENTS)} | {_pct(c, diff.mode)} | {_split(r.basic)} | {_split(r.project)} |")
    if diff.mode == "execution":
        lines += [""] + [f"- {f.severity} {f.rule} {f.name} · {w['line']} {f.location.line}: "
                         f"{f.message_zh if lang == 'zh' and f.message_zh else f.message}" for f in diff.findings]
        lines += ["", w["execution_summary"].format(n=len(diff.rows(options)),
                                                     errors=sum(f.severity == "error" for f in diff.findings))]
        return "\n".join(lines) + "\n"
    for status in ("added", "removed", "renamed"):
        items = diff.by_status(status)
        if items:
            lines += ["", f"### {w[status].capitalize()}", ""]
            lines += [f"- {c.role} {_code(c)} {c.old_name + ' → ' if status == 'renamed' else ''}{_name(c)}" for c in items]
    lines += ["", f"### {w['stated'].capitalize()}", "",
              f"| {w['line']} | {w['quantity']} | {w['stated_as']} | {w['old']} | {w['new']} | {w['status']} |",
              "|---:|---|---|---:|---:|---|"]
    for i in diff.checked:
        lines.append(f"| {i.sentence.line()} | {i.quantity} | {i.stated} | {_amount(i.old)} | {_amount(i.new)} | "
                     f"{w[i.status]} |")
    s = _summary(diff)
    lines += ["", w["summary"].format(**s) + ("。" if lang == "zh" else ".")]
    return "\n".join(lines) + "\n"


def render_console(diff, options, console, lang: str = "en") -> None:
    """The change table, readable at 80 columns: each subject (table, code and name in
    one column) wraps, and no figure is ever cut or ellipsised (its column is as wide
    as its widest figure)."""
    from rich import box
    from rich.cells import cell_len
    from rich.markup import escape
    from rich.table import Table

    w = _words(diff, lang)
    rows = diff.rows(options)
    cells = [(_figures(r, diff.mode)) for r in rows]
    heads = (w["old"], w["new"], w["change"], w["pct"], w["basic"], w["project"])
    table = Table(title=f"{escape(diff.old.path)} → {escape(diff.new.path)} ({w['unit']})", box=box.SIMPLE_HEAD,
                  padding=(0, 1), collapse_padding=True, title_justify="left")
    table.add_column(w["subject"], ratio=1, overflow="fold", min_width=8)
    for k, head in enumerate(heads):
        widest = max([cell_len(head)] + [len(c[k]) for c in cells])
        table.add_column(head, justify="right", no_wrap=True, min_width=widest, max_width=widest)
    for r, figures in zip(rows, cells):
        c = r.total
        subject = " ".join(dict.fromkeys(p for p in (c.role, _code(c), _name(c)) if p))
        table.add_row(escape(subject), *figures)
    console.print(table)
    if diff.mode == "execution":  # no years to add or remove rows between: a findings list, and done
        for f in diff.findings:
            message = f.message_zh if lang == "zh" and f.message_zh else f.message
            console.print(f"[bold red]{w[f.severity]}[/] {f.rule} {f.name} · {w['line']} {f.location.line}: {escape(message)}")
        console.print(w["execution_summary"].format(n=len(rows), errors=sum(f.severity == "error" for f in diff.findings)))
        return
    for status in ("added", "removed", "renamed"):
        items = diff.by_status(status)
        if items:
            console.print(f"[bold]{w[status]}[/bold]: " + escape("; ".join(
                f"{c.role} {_code(c)} {c.old_name + ' → ' if status == 'renamed' else ''}{_name(c)}" for c in items)))
    claims = Table(title=w["stated"], box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True, title_justify="left")
    claims.add_column(w["line"], justify="right", no_wrap=True)
    claims.add_column(w["quantity"], ratio=1, overflow="fold", min_width=6)
    claims.add_column(w["stated_as"], ratio=1, overflow="fold", min_width=6)
    for head in (w["old"], w["new"]):
        claims.add_column(head, justify="right", no_wrap=True,
                          min_width=max([cell_len(head)] + [len(_amount(getattr(i, head_key(head, w))))
                                                            for i in diff.checked]))
    claims.add_column(w["status"], no_wrap=True)
    style = {"confirmed": "green", "contradicted": "bold red", "unchecked": "dim"}
    for i in diff.checked:
        claims.add_row(str(i.sentence.line()), escape(i.quantity), escape(i.stated), _amount(i.old), _amount(i.new),
                       f"[{style[i.status]}]{w[i.status]}[/]")
    console.print(claims)
    for f in diff.findings:
        message = f.message_zh if lang == "zh" and f.message_zh else f.message
        console.print(f"[bold red]{w[f.severity]}[/] {f.rule} {f.name} · {w['line']} {f.location.line}: {escape(message)}")
    s = _summary(diff)
    console.print(w["summary"].format(**s))


def head_key(head: str, w: dict) -> str:
    return "old" if head == w["old"] else "new"


def _figures(r, mode: str = "years") -> tuple[str, ...]:
    c = r.total
    return (_amount(c.old), _amount(c.new), fmt(c.delta, CENTS), _pct(c, mode), _split(r.basic), _split(r.project))


LABELS = {
    "en": {"title": "Budget changes", "pct": "%", "old": "old", "new": "new", "change": "change", "basic": "Δ basic", "project": "Δ project",
           "subject": "table · code · name", "unit": "万元", "added": "added", "removed": "removed",
           "renamed": "renamed", "stated": "stated changes", "stated_as": "stated", "line": "line", "quantity": "quantity",
           "status": "status", "confirmed": "confirmed", "contradicted": "contradicted", "unchecked": "unchecked",
           "error": "error", "warning": "warning", "notice": "notice",
           "summary": "{confirmed} confirmed, {contradicted} contradicted, {unchecked} unchecked"},
    "zh": {"title": "预算变化", "pct": "%", "old": "上年", "new": "本年", "change": "增减", "basic": "基本增减", "project": "项目增减",
           "subject": "表 · 科目编码 · 名称", "unit": "万元", "added": "新增", "removed": "取消", "renamed": "更名",
           "stated": "正文所述增减", "stated_as": "所述", "line": "行", "quantity": "项目", "status": "结论", "confirmed": "属实",
           "contradicted": "不符", "unchecked": "未核对", "error": "错误", "warning": "警告", "notice": "提示",
           "summary": "{confirmed}项属实，{contradicted}项不符，{unchecked}项未核对"},
}

#: A budget against its final accounts: the same table, other words.
EXECUTION_LABELS = {
    "en": {"title": "Budget execution", "old": "budget", "new": "final", "change": "difference", "pct": "rate",
           "basic": "Δ basic", "project": "Δ project",
           "execution_summary": "{n} subjects; {errors} stated 年初预算数 contradicted by the budget"},
    "zh": {"title": "预算执行", "old": "预算数", "new": "决算数", "change": "差额", "pct": "执行率",
           "basic": "基本差额", "project": "项目差额", "execution_summary": "共{n}个科目；{errors}处所述年初预算数与部门预算不符"},
}
