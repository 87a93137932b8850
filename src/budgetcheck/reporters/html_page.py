"""What every HTML report shares: the page around it, its style, and one finding's block.

Why a module of its own: ``verify`` and ``diff`` write the same kind of page, and the
two promises of that page are kept here once.  It is *self-contained* (the style is
inline, charts are inline SVG, there is no script, no font, no image and no link to
load; a Content-Security-Policy forbids them, so that a document's text could not
bring one in even if it escaped) and *deterministic* (no time, no random id: the same
findings give the same bytes, so a report can be diffed, cached or signed).  Every
piece of document text goes through ``esc`` (``html.escape``): budgets are untrusted
input, and a cell holding ``<script>`` must show as text.
"""

from __future__ import annotations

import html

from budgetcheck.core.i18n import html_word

SEVERITIES = ("error", "warning", "notice")
RANK = {s: i for i, s in enumerate(SEVERITIES)}

#: What a reader of the file recognises it by (outputs.written_by_us, like the others).
GENERATOR = '<meta name="generator" content="budgetcheck">'
CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
       "style-src 'unsafe-inline'; img-src data:\">")

CSS = """
body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:1.5em;color:#222;
line-height:1.4}
h1{font-size:1.5em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
th{background:#f3f3f3;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td{font-weight:600}tr.hidden td{font-style:italic;color:#777}
.c-error{background:#f6c5c5;box-shadow:inset 0 0 0 2px #c62828}
.c-warning{background:#fde3a7;box-shadow:inset 0 0 0 2px #e69500}
.c-notice{background:#e4e4e4;box-shadow:inset 0 0 0 1px #888}
.rel{outline:2px dashed #1e63c6;outline-offset:-3px}.rel-notice{outline:1px dotted #777}
.s-verified{color:#1b7f3b}.s-partly-verified{color:#b36b00}.s-not-verified{color:#c62828;font-weight:600}
ol.findings{padding-left:2em}ol.findings li{margin:.4em 0}
.sev{display:inline-block;min-width:4.5em;font-weight:600}
.sev-error{color:#c62828}.sev-warning{color:#b36b00}.sev-notice{color:#666}
.suppressed{opacity:.6}
.figures{color:#444;font-size:.9em}.figures span{margin-right:1.2em}
.sentence{background:#fafafa;border-left:3px solid #ccc;padding:.2em .6em;margin:.3em 0}
.legend{color:#555;font-size:.9em}
sup a{text-decoration:none;font-size:.75em}
details>summary{cursor:pointer;font-weight:600;margin:.6em 0}
.error-text{color:#c62828}
svg text{font-size:12px;font-family:inherit}
"""


def esc(value: object) -> str:
    """Any text for an element or an attribute (quotes included)."""
    return html.escape("" if value is None else str(value), quote=True)


def page(title: str, body: list[str], lang: str) -> str:
    """The whole file: one document, its style inline, nothing to fetch."""
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        GENERATOR,
        CSP,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
    ]) + "\n"


def severity_word(f, lang: str) -> str:
    return html_word(f.severity, lang)


def message(f, lang: str) -> str:
    return f.message_zh if lang == "zh" and f.message_zh else f.message


def figures(f, lang: str) -> str:
    """Expected, actual, difference and tolerance of a finding, when it has them."""
    if not (f.expected or f.actual or f.difference):
        return ""
    unit = f" {esc(f.unit)}" if f.unit else ""
    parts = [f"<span>{esc(html_word(k, lang))} <b>{esc(getattr(f, k))}</b></span>"
             for k in ("expected", "actual", "difference") if getattr(f, k)]
    if f.tolerance:
        parts.append(f"<span>{esc(html_word('tolerance', lang))} ±{esc(f.tolerance)}{unit}</span>")
    elif unit:
        parts.append(f"<span>{esc(f.unit)}</span>")
    return f'<div class="figures">{"".join(parts)}</div>'


def place(loc, lang: str) -> str:
    """Where a finding is, in words: row, column, and line, cell or page."""
    parts = []
    if loc.row:
        parts.append(f"{html_word('row', lang)} {loc.row}")
    if loc.column:
        parts.append(f"{html_word('column', lang)} {loc.column}")
    if loc.cell:
        parts.append(loc.cell)
    elif loc.line:
        parts.append(html_word("line", lang, n=loc.line))
    if loc.page is not None:
        parts.append(f"p.{loc.page}")
    return ", ".join(parts)


def finding_item(f, lang: str, anchor: str, extra: str = "") -> str:
    """One finding as a list item: severity, rule, place, message and its figures."""
    tag = ""
    if f.suppressed == "waived":
        tag = f" ({esc(html_word('waived', lang))}: {esc(f.reason)})"
    elif f.suppressed == "baseline":
        tag = f" ({esc(html_word('baseline', lang))})"
    where = place(f.location, lang)
    cls = f"f-{f.severity}" + (" suppressed" if f.suppressed else "")
    return (f'<li id="{esc(anchor)}" class="{cls}" data-rule="{esc(f.rule)}" data-severity="{esc(f.severity)}">'
            f'<span class="sev sev-{esc(f.severity)}">{esc(severity_word(f, lang))}</span> '
            f"<b>{esc(f.rule)}</b> {esc(f.name)}{' · ' + esc(where) if where else ''}{tag}"
            f"{extra}<div>{esc(message(f, lang))}</div>{figures(f, lang)}</li>")
