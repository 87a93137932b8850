"""Render what budgetcheck read and reported on one document as a reviewable snapshot.

Why: a change in a reader or a rule shows up on a real document as a different table,
row, figure or finding.  A snapshot of all of it, committed under ``fixtures/real/`` and
compared by ``tests/test_real_snapshots.py``, turns any such change into a diff that a
reviewer reads (the way ruff's and insta's snapshot tests work), instead of a change
nobody notices.

The text is markdown, deterministic and machine independent: paths as seen from the
project root, no timestamps, the report's own order.  Every table row is one line.

Each error or warning carries a ``- reason:`` line, written by the person who checked
it against the page.  Those lines are the only hand-written part: ``render`` takes them
from the previous snapshot, matching a finding by its rule, table, row, column and
message (figures included), else by rule, table, row and column; a finding without one
gets ``TODO``.  A reason is one line.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

TODO = "TODO (check against the page)"
BLANK = "·"
UPDATE_COMMAND = "BUDGETCHECK_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_real_snapshots.py"
NEEDS_REASON = ("error", "warning")


def _one_line(value: object) -> str:
    return " ⏎ ".join(str(value).splitlines()).strip()


def _attributes(obj: object, names: tuple[str, ...]) -> list[str]:
    """``name=value`` for each attribute the object has with a non-default value (the
    model gains attributes as the readers are rewritten; absent ones are left out, and a
    method is called)."""
    out = []
    for name in names:
        value = getattr(obj, name, None)
        if callable(value):
            value = value()
        if value is None or value is False or value == "" or value == ():
            continue
        out.append(name if value is True else f"{name}={_one_line(value)}")
    return out


# --- the document -------------------------------------------------------------------


def _column(col) -> str:
    flags = _attributes(col, ("meaning", "period"))
    if not col.is_amount:
        flags.append("text")
    if col.is_subtotal:
        flags.append("subtotal")
    return f"  {_one_line(col.label)} → {col.key}" + (f" ({', '.join(flags)})" if flags else "")


def _row(row, columns) -> str:
    name = row.name
    if row.label and row.label != name:
        name += f" {row.label}"
    elif row.code and row.code.text != name:  # an overview line: its code derived from the class name
        name += f" [{row.code.text}]"
    parts = [_one_line(name)]
    if row.page is not None:
        parts.append(f"p.{row.page}")
    figures = []
    for i, amount in enumerate(row.amounts):
        if amount is None and not (i < len(columns) and columns[i].is_amount):
            continue  # a text column: its content is the row's name
        figures.append(amount.text if amount is not None and amount.text else BLANK)
    parts.append("[" + " | ".join(figures) + "]")
    attrs = []
    if row.is_total:
        attrs.append("total")
    attrs += [v for v in (row.side, row.kind) if v]
    if getattr(row, "alignment", "positional") != "positional":
        attrs.append(f"alignment={row.alignment}"
                     + (f" ({row.candidates} candidates)" if getattr(row, "candidates", 1) > 1 else ""))
    if row.bad_cells:
        attrs.append("bad cells: " + ", ".join(_one_line(c) for c in row.bad_cells))
    attrs += _attributes(row, ("level", "parent", "memo", "heading", "hidden"))
    if attrs:
        parts.append(", ".join(attrs))
    return "  " + " · ".join(parts)


def _table(table) -> list[str]:
    head = [table.role or "—", _one_line(table.title)]
    if table.page is not None:
        head.append(f"p.{table.page}")
    head.append(table.unit)
    lines = ["### " + " · ".join(head), "", "```text", f"columns ({len(table.columns)}):"]
    lines += [_column(c) for c in table.columns]
    lines.append(f"rows ({len(table.rows)}):")
    lines += [_row(r, table.columns) for r in table.rows]
    if table.goals:
        lines.append(f"goals ({len(table.goals)}):")
        for g in table.goals:
            items = "; ".join(f"{_one_line(n)} {a.text or BLANK}" for n, a in g.items)
            stated = g.stated.text if g.stated is not None and g.stated.text else BLANK
            lines.append(f"  {_one_line(g.label)} · stated {stated} · items: {items or '(none)'}")
    if table.notes:
        lines.append("notes:")
        lines += [f"  {_one_line(n)}" for n in table.notes]
    return lines + ["```", ""]


# --- the findings -------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A finding as the snapshot shows it (parsed back from a snapshot, or made from a
    ``Finding``): what identifies it, and its reason."""

    severity: str
    rule: str
    table: str = ""
    row: str = ""
    column: str = ""
    message: str = ""
    reason: str = ""
    at: str = ""

    @property
    def key(self) -> tuple[str, ...]:
        return (self.rule, self.table, self.row, self.column, self.message)

    @property
    def loose_key(self) -> tuple[str, ...]:
        return self.key[:4]


def _entry(f) -> Entry:
    loc = f.location
    return Entry(f.severity, f.rule, _one_line(loc.table), _one_line(loc.row), _one_line(loc.column),
                 _one_line(f.message))


def _where(f) -> str:
    loc = f.location
    out = [f"p.{loc.page}"] if loc.page is not None else []
    if loc.cell:
        out.append(f"cell {loc.cell}")
    if loc.line is not None:
        out.append(f"line {loc.line}")
    return ", ".join(out)


def parse(text: str) -> list[Entry]:
    """The findings of a snapshot, with their reasons, in order."""
    out: list[Entry] = []
    section, current = "", None
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        if section.startswith("Findings") and line.startswith("### "):
            if current:
                out.append(Entry(**current))
            severity, rule, *_ = line[4:].split() + ["", ""]
            current = {"severity": severity, "rule": rule}
        elif current is not None and line.startswith("- ") and ": " in line:
            key, value = line[2:].split(": ", 1)
            if key in ("table", "row", "column", "message", "reason", "at"):
                current[key] = value.strip()
        elif current is not None and line.startswith("#"):
            out.append(Entry(**current))
            current = None
    if current:
        out.append(Entry(**current))
    return out


def carry_reasons(entries: list[Entry], previous: list[Entry]) -> list[str]:
    """Each entry's reason from the previous snapshot: the same finding (message and
    figures included) first, else the same rule, table, row and column; each previous
    reason is used once.  An error or warning left without one gets ``TODO``."""
    exact, loose = defaultdict(list), defaultdict(list)
    for i, p in enumerate(previous):
        if p.reason:
            exact[p.key].append(i)
            loose[p.loose_key].append(i)
    used: set[int] = set()
    reasons = [""] * len(entries)
    for pass_keys in ((lambda e: exact[e.key]), (lambda e: loose[e.loose_key])):
        for n, e in enumerate(entries):
            if reasons[n] or e.severity not in NEEDS_REASON:
                continue  # a notice needs no reason, and takes none from a former error
            found = next((i for i in pass_keys(e) if i not in used), None)
            if found is not None:
                used.add(found)
                reasons[n] = previous[found].reason
    return [r or (TODO if e.severity in NEEDS_REASON else "") for e, r in zip(entries, reasons)]


def _findings(report, previous: list[Entry]) -> list[str]:
    entries = [_entry(f) for f in report.findings]
    reasons = carry_reasons(entries, previous)
    s = report.summary
    lines = [f"## Findings (errors {s['errors']}, warnings {s['warnings']}, notices {s['notices']})", ""]
    for f, e, reason in zip(report.findings, entries, reasons):
        lines.append(f"### {f.severity} {f.rule} {f.name}")
        for key in ("table", "row", "column"):
            if getattr(e, key):
                lines.append(f"- {key}: {getattr(e, key)}")
        if _where(f):
            lines.append(f"- at: {_where(f)}")
        lines.append(f"- message: {e.message}")
        figures = [f"{k} {v}" for k, v in (("expected", f.expected), ("actual", f.actual),
                                             ("difference", f.difference)) if v]
        if figures:
            if f.tolerance:
                figures.append(f"tolerance ±{f.tolerance}")
            lines.append("- figures: " + " · ".join(figures) + (f" {f.unit}" if f.unit else ""))
        if reason:
            lines.append(f"- reason: {reason}")
        lines.append("")
    return lines


# --- the whole snapshot -------------------------------------------------------------


def render(report, shown: str, pages: int | None = None, previous: str = "") -> str:
    """The snapshot of one ``api.DocumentReport``: ``shown`` is the document's path as
    seen from the project root, ``pages`` its page count when known, ``previous`` the
    committed snapshot (for its reasons)."""
    document = report.document
    name = shown.rsplit("/", 1)[-1]
    lines = [f"# {name}", "",
             "What budgetcheck reads and reports on this document, compared by tests/test_real_snapshots.py.",
             f"Regenerate with `{UPDATE_COMMAND}`",
             "and review the diff. Only the `- reason:` lines are written by hand: for each error and warning,",
             "why it is right or wrong, checked against the page.",
             "", f"- path: {shown}"]
    if document is not None:
        lines.append(f"- format: {document.kind}")
        lines += [f"- {a.replace('=', ': ', 1)}" for a in _attributes(document, ("kind_of",))]
    if pages is not None:
        lines.append(f"- pages: {pages}")
    if report.error:
        lines.append(f"- error: {_one_line(report.error)}")
    tables = document.tables if document is not None else ()
    roles = [t.role for t in tables if t.role]
    lines.append(f"- tables: {len(tables)}" + (f" ({', '.join(roles) or 'none recognised'}; "
                                               f"{len(tables) - len(roles)} not recognised)" if tables else ""))
    lines += ["", "## Tables", ""]
    for t in tables:
        lines += _table(t)
    if not tables:
        lines += ["(none)", ""]
    lines += _findings(report, parse(previous))
    lines += ["## Skipped checks", ""]
    lines += [f"- {rule}: missing {', '.join(missing)}" for rule, missing in report.skipped] or ["(none)"]
    return "\n".join(lines).rstrip("\n") + "\n"


def unreviewed(text: str) -> list[Entry]:
    """The errors and warnings of a snapshot whose reason is missing or still TODO."""
    return [e for e in parse(text) if e.severity in NEEDS_REASON and (not e.reason or e.reason.startswith("TODO"))]
