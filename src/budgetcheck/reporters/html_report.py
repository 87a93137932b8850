"""The HTML report of ``verify`` (``--format html -o report.html``): one file to open, send
or archive, for one document or a whole folder.

Why: the console and JSON reports say *where* a finding is; a reviewer who has to
answer for the document wants to *see* it.  So each document gets a summary line
(kind, tables found and missing, checks run and skipped, counts, verified or not, as
in reporters/jsonout.py and coverage.py), then every table as it was read, drawn as a
grid with the cells of each finding coloured by severity and its related cells
outlined (reporters/html_grid.py), the messages under the table with their expected,
actual, difference and tolerance, and the claims of the prose with their sentence.

A report made by a worker process (a folder checked with ``--jobs``) keeps its
document when the output is HTML (``app/folders.py`` ``keep_documents``), so that its
tables can be drawn; reporters never read files.  The file is self-contained and deterministic (reporters/html_page.py).
"""

from __future__ import annotations

from budgetcheck.core.i18n import html_word, translate
from budgetcheck.reporters.html_grid import grid, marks_of, worst
from budgetcheck.reporters.html_page import esc, finding_item, page

COUNTS = ("errors", "warnings", "notices")


def document_of(report):
    """The document a report was made from (a folder run for this report keeps it:
    ``app/folders.py`` ``keep_documents``); None for a report without one."""
    return report.document


def _kind(report, lang: str) -> str:
    cov = getattr(report, "coverage", None)
    if cov is None:
        return ""
    return html_word(cov.kind, lang) if cov.kind in ("budget", "final", "report", "other") else cov.kind


def _checks_run(report, rules) -> str:
    if rules is None or report.kind != "document" or report.error:
        return ""
    return str(max(0, sum(1 for r in rules if r.group != "waivers") - len(report.skipped)))


def _skipped(report, lang: str) -> str:
    return "<br>".join(f"{esc(rule)}: {esc(html_word('needs', lang, tables='/'.join(missing)))}"
                       for rule, missing in report.skipped)


def _missing(report, lang: str) -> str:
    cov = getattr(report, "coverage", None)
    if cov is None:
        return ""
    parts = [esc(", ".join(cov.missing))] if cov.missing else []
    if cov.not_understood:
        roles = ", ".join(dict.fromkeys(u.split(":", 1)[0] for u in cov.not_understood))
        text = html_word("not_understood", lang, tables=roles)
        if lang != "zh":  # the evidence is written by the rules in English only
            text = html_word("not_understood", lang, tables="; ".join(cov.not_understood))
        parts.append(esc(text))
    return "<br>".join(parts)


def summary_table(reports, lang: str, rules=None) -> str:
    heads = ("document", "kind", "found", "missing", "run", "skipped", *COUNTS, "status")
    lines = ['<table class="summary"><thead><tr>' + "".join(f"<th>{esc(html_word(h, lang))}</th>" for h in heads)
             + "</tr></thead><tbody>"]
    for d, report in enumerate(reports, 1):
        cov = getattr(report, "coverage", None)
        s = report.summary
        status = report.status
        cells = [f'<td><a href="#d{d}">{esc(report.path)}</a></td>', f"<td>{esc(_kind(report, lang))}</td>",
                 f"<td>{esc(', '.join(cov.found)) if cov else ''}</td>", f"<td>{_missing(report, lang)}</td>",
                 f'<td class="num n-run">{_checks_run(report, rules)}</td>', f"<td>{_skipped(report, lang)}</td>",
                 *(f'<td class="num n-{k}">{s[k]}</td>' for k in COUNTS),
                 f'<td class="status s-{status.replace(" ", "-")}" data-status="{esc(status)}">'
                 f"{esc(html_word(status, lang)) if report.kind == 'document' else ''}</td>"]  # a waiver file: no status
        lines.append(f'<tr data-path="{esc(report.path)}">' + "".join(cells) + "</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _items(numbers, findings, prefix: str, lang: str, doc=None) -> str:
    if not numbers:
        return ""
    out = ['<ol class="findings">']
    for n in numbers:
        f = findings[n - 1]
        extra = _sentence(f, doc, findings, n) if f.location.table == "narrative" else ""
        out.append(finding_item(f, lang, f"{prefix}-f{n}", extra).replace("<li ", f'<li value="{n}" ', 1))
    out.append("</ol>")
    return "\n".join(out)


def _sentence(f, doc, findings, n: int) -> str:
    """The sentence a claim is in: its whole line as read, coloured like a cell."""
    line = f.location.line
    text = doc.lines[line - 1] if doc is not None and line and 0 < line <= len(doc.lines) else f.location.row
    return (f'<div class="sentence c-{worst([n], findings)}" data-line="{esc(line or "")}" '
            f'data-findings="{n}">{esc(text)}</div>')


def document_section(report, d: int, lang: str) -> str:
    prefix = f"d{d}"
    findings = report.findings
    out = [f'<section class="document" id="{prefix}" data-path="{esc(report.path)}">', f"<h2>{esc(report.path)}</h2>"]
    if report.error:
        out.append(f'<p class="error-text">{esc(html_word("cannot", lang))}: {esc(translate(report.error, lang))}</p>')
    doc = document_of(report)
    marks = marks_of(doc, findings)
    if doc is None and report.kind == "document" and not report.error and report.tables:
        out.append(f"<p>{esc(html_word('reread', lang))}</p>")
    if doc is not None and doc.tables:
        out.append(f"<h3>{esc(html_word('tables', lang))}</h3>")
        for ti, table in enumerate(doc.tables):
            mine = marks.by_table.get(ti, [])
            counts = ""
            if mine:
                counts = " · " + ", ".join(f"{sum(findings[n - 1].severity == sev for n in mine)} "
                                           f"{html_word(sev + 's', lang)}" for sev in ("error", "warning", "notice")
                                           if any(findings[n - 1].severity == sev for n in mine))
            head = f"{table.label()} {table.title}{counts}"
            out.append(f'<details{" open" if mine else ""}><summary>{esc(head)}</summary>')
            out.append(grid(table, ti, marks, findings, prefix, lang))
            out.append(_items(mine, findings, prefix, lang))
            out.append("</details>")
    if marks.prose:
        out.append(f"<h3>{esc(html_word('prose', lang))}</h3>")
        out.append(_items(marks.prose, findings, prefix, lang, doc))
    if marks.unplaced:
        out.append(f"<h3>{esc(html_word('other_findings', lang))}</h3>")
        out.append(_items(marks.unplaced, findings, prefix, lang))
    if not findings and not report.error:
        out.append(f"<p>{esc(html_word('no_findings', lang))}</p>")
    out.append("</section>")
    return "\n".join(x for x in out if x)


def render(reports, lang: str = "en", rules=None) -> str:
    """The whole report: the summary of every document, then each document."""
    title = html_word("title", lang)
    if len(reports) == 1:
        title += f" · {reports[0].path}"
    body = [f"<h1>{esc(title)}</h1>", f'<p class="legend">{esc(html_word("legend", lang))}</p>']
    if len(reports) > 1:
        body.append(f"<p>{esc(html_word('documents', lang, n=len(reports)))}</p>")
    body.append(f"<h2>{esc(html_word('summary', lang))}</h2>")
    body.append(summary_table(reports, lang, rules))
    body += [document_section(r, d, lang) for d, r in enumerate(reports, 1)]
    return page(title, body, lang)
