"""The HTML report of ``diff`` (``--format html -o changes.html``): the change table, a bar
chart of the largest changes, and in execution mode (a budget against its final
accounts) the execution rate of each subject.

Why a chart: a change table of two hundred subjects is read for its few big moves;
the bars show which they are and in which direction before one reads a figure.  The
chart is inline SVG drawn from the same rows as the table (``Diff.rows``, largest
change first, so the order is stable), with coordinates printed at one decimal, so
two runs give the same bytes.  The rest is the page of reporters/html_page.py.
"""

from __future__ import annotations

from decimal import Decimal

from budgetcheck.core.i18n import html_word
from budgetcheck.core.figures import fmt
from budgetcheck.reporters.diffout import CENTS, _amount, _code, _name, _pct, _split, _summary
from budgetcheck.reporters.html_page import esc, finding_item, page

CHART_ROWS = 15  # bars in a chart: the largest changes (the table lists them all)
WIDTH, LABEL_W, BAR_W, VALUE_W, ROW_H = 760, 290, 340, 110, 22


def _subject(c) -> str:
    return " ".join(dict.fromkeys(p for p in (c.role, _code(c), _name(c)) if p))


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _heads(diff, lang: str) -> list[str]:
    if diff.mode == "execution":
        figures = ["budget_col", "final_col", "diff_col", "rate"]
    else:
        figures = ["old", "new", "change", "pct"]
    return [html_word(k, lang) for k in ("table", "code", "name", *figures, "basic", "project")]


def change_table(diff, rows, lang: str) -> str:
    lines = ['<table class="changes"><thead><tr>' + "".join(f"<th>{esc(h)}</th>" for h in _heads(diff, lang))
             + "</tr></thead><tbody>"]
    for r in rows:
        c = r.total
        sign = "up" if c.delta > 0 else "down" if c.delta < 0 else "flat"
        cells = [c.role, _code(c), _name(c)]
        figures = [_amount(c.old), _amount(c.new), fmt(c.delta, CENTS), _pct(c, diff.mode), _split(r.basic),
                   _split(r.project)]
        lines.append(f'<tr class="{sign}" data-role="{esc(c.role)}" data-key="{esc(c.key)}">'
                     + "".join(f"<td>{esc(x)}</td>" for x in cells)
                     + "".join(f'<td class="num">{esc(x)}</td>' for x in figures) + "</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _svg(title: str, bars: list[str], count: int, extra: str = "") -> str:
    height = ROW_H * count + 10
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}"><title>{esc(title)}</title>{extra}{"".join(bars)}</svg>')


def change_chart(diff, rows, lang: str) -> str:
    """Horizontal bars of the largest changes: increases right of the zero line, decreases left."""
    top = rows[:CHART_ROWS]
    if not top:
        return ""
    biggest = max(abs(r.total.delta) for r in top) or Decimal(1)
    zero = LABEL_W + BAR_W / 2
    bars = []
    for i, r in enumerate(top):
        c = r.total
        y = 5 + i * ROW_H
        length = float(abs(c.delta) / biggest) * (BAR_W / 2 - 5)
        x = zero if c.delta >= 0 else zero - length
        colour = "#1e63c6" if c.delta >= 0 else "#d0591e"
        name = _subject(c)
        bars.append(f'<g data-key="{esc(c.key)}"><title>{esc(name)}: {esc(fmt(c.delta, CENTS))}</title>'
                    f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end">{esc(_short(name))}</text>'
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{max(length, 0.5):.1f}" height="{ROW_H - 6}" fill="{colour}"/>'
                    f'<text x="{WIDTH - 4}" y="{y + 15}" text-anchor="end">{esc(fmt(c.delta, CENTS))}</text></g>')
    axis = f'<line x1="{zero:.1f}" y1="0" x2="{zero:.1f}" y2="{ROW_H * len(top) + 10}" stroke="#888"/>'
    return _svg(html_word("chart", lang), bars, len(top), axis)


def rate_chart(diff, rows, lang: str) -> str:
    """Execution mode: each subject's 决算数 / 预算数, with the 100% line."""
    rated = [r for r in rows if r.total.rate is not None][:CHART_ROWS]
    if not rated:
        return ""
    scale = max(Decimal(100), min(Decimal(200), max(r.total.rate for r in rated)))
    bars = []
    for i, r in enumerate(rated):
        c = r.total
        y = 5 + i * ROW_H
        length = float(min(c.rate, scale) / scale) * (BAR_W - 10)
        colour = "#e69500" if c.rate > 100 else "#2e8b57"
        name = _subject(c)
        rate = f"{c.rate.quantize(CENTS)}%"
        bars.append(f'<g data-key="{esc(c.key)}" data-rate="{esc(rate)}"><title>{esc(name)}: {esc(rate)}</title>'
                    f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end">{esc(_short(name))}</text>'
                    f'<rect x="{LABEL_W}" y="{y + 3}" width="{max(length, 0.5):.1f}" height="{ROW_H - 6}" fill="{colour}"/>'
                    f'<text x="{WIDTH - 4}" y="{y + 15}" text-anchor="end">{esc(rate)}</text></g>')
    hundred = LABEL_W + float(Decimal(100) / scale) * (BAR_W - 10)
    line = (f'<line x1="{hundred:.1f}" y1="0" x2="{hundred:.1f}" y2="{ROW_H * len(rated) + 10}" stroke="#888" '
            'stroke-dasharray="4 3"/>')
    return _svg(html_word("rate_chart", lang), bars, len(rated), line)


def _statuses(diff, lang: str) -> list[str]:
    out = []
    for status in ("added", "removed", "renamed"):
        items = diff.by_status(status)
        if items:
            out.append(f"<h3>{esc(html_word(status, lang))}</h3><ul>" + "".join(
                f"<li>{esc(c.role)} {esc(_code(c))} {esc(c.old_name + ' → ' if status == 'renamed' else '')}"
                f"{esc(_name(c))}</li>" for c in items) + "</ul>")
    return out


def _claims(diff, lang: str) -> list[str]:
    heads = ("line_head", "quantity", "stated_as", "old", "new", "status")
    rows = []
    for i in diff.checked:
        rows.append(f'<tr class="claim-{esc(i.status)}"><td class="num">{i.sentence.line()}</td><td>{esc(i.quantity)}'
                    f'<div class="sentence">{esc(i.sentence.text.strip())}</div></td><td>{esc(i.stated)}</td>'
                    f'<td class="num">{esc(_amount(i.old))}</td><td class="num">{esc(_amount(i.new))}</td>'
                    f"<td>{esc(html_word(i.status, lang))}</td></tr>")
    head = "".join(f"<th>{esc(html_word(h, lang))}</th>" for h in heads)
    return [f"<h3>{esc(html_word('stated', lang))}</h3>",
            f'<table class="claims"><thead><tr>{head}</tr></thead><tbody>' + "".join(rows) + "</tbody></table>"]


def render(diff, options, lang: str = "en") -> str:
    execution = diff.mode == "execution"
    title = f"{html_word('execution' if execution else 'years', lang)}: {diff.old.path} → {diff.new.path}"
    rows = diff.rows(options)
    body = [f"<h1>{esc(title)}</h1>", f"<p>{esc(html_word('unit', lang, unit='万元'))}</p>"]
    if rows:
        body += [f"<h2>{esc(html_word('chart', lang))}</h2>", change_chart(diff, rows, lang)]
        if execution:
            body += [f"<h2>{esc(html_word('rate_chart', lang))}</h2>", rate_chart(diff, rows, lang)]
    body.append(f"<h2>{esc(html_word('diff_title', lang))}</h2>")
    body.append(change_table(diff, rows, lang) if rows else f"<p>{esc(html_word('no_changes', lang))}</p>")
    if not execution:
        body += _statuses(diff, lang) + _claims(diff, lang)
    if diff.findings:
        body.append(f"<h2>{esc(html_word('findings', lang))}</h2><ol class=\"findings\">")
        body += [finding_item(f, lang, f"f{n}") for n, f in enumerate(diff.findings, 1)]
        body.append("</ol>")
    errors = sum(f.severity == "error" for f in diff.findings)
    summary = (html_word("execution_summary", lang, n=len(rows), errors=errors) if execution
               else html_word("diff_summary", lang, **{k: v for k, v in _summary(diff).items() if k != "errors"}))
    body.append(f'<p class="diff-summary">{esc(summary)}</p>')
    return page(title, body, lang)
