"""``budgetcheck tables [FILE…]``: what the templates recognise, and why.

Without a file: every template (the national base and its regional overlays) with the
tables it knows, their layout and the title patterns that name them.  With files: each
table found in each document, the template chosen for it, the pattern that named it,
and how its columns and rows were read (meanings, periods, readings), so that a
reviewer sees why a table was, or was not, recognised.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from budgetcheck.cli.common import fail


def tables_command(
    files: Optional[List[Path]] = typer.Argument(None, help="Documents to explain; none for the templates themselves."),
    template: Optional[str] = typer.Option(None, "--template", help="Only this template (national, guangdong, …)."),
    columns: bool = typer.Option(False, "--columns", help="Also every column's key and period."),
) -> None:
    """Show the tables the templates recognise, or how each document's tables were recognised and read."""
    from budgetcheck import templates

    names = templates.available()
    if template is not None and template not in names:
        fail(f"--template {template!r}: unknown template (known: {', '.join(names)})")
    if not files:
        for name in [template] if template else names:
            t = templates.load(name)
            typer.echo(f"{name}: {t.description}" + (f" (extends {' → '.join(t.chain[:-1])})" if len(t.chain) > 1 else ""))
            if t.markers:
                typer.echo(f"  chosen when the first pages name: {', '.join(t.markers)}")
            for spec in t.tables:
                if name != "national" and spec.source != name:
                    continue
                patterns = " | ".join(p.pattern for p in spec.titles)
                typer.echo(f"  {spec.role:<4} {spec.layout:<8} {spec.name}{' (extra)' if spec.extra else ''}")
                typer.echo(f"       titles: {patterns}" + (f"; not: {' | '.join(p.pattern for p in spec.excluded)}"
                                                            if spec.excluded else ""))
        return
    from budgetcheck.core.errors import InputError
    from budgetcheck.readers import read_document
    from budgetcheck.templates.schema import understood

    for path in files:
        try:
            doc = read_document(path)
        except InputError as exc:
            fail(str(exc))
        t = templates.load(doc.template)
        typer.echo(f"{path}: template {doc.template}")
        for table in doc.tables:
            where = f"p.{table.page}" if table.page else f"line {table.line}"
            typer.echo(f"  {table.role or '—':<4} {where:<8} {len(table.rows):>4} rows  {t.why(table.title)}")
            if columns:
                for c in table.columns:
                    meaning = ("text" if not c.is_amount else c.period or "this year") + (
                        "" if not c.is_amount or understood(c) else ", not understood")
                    typer.echo(f"         {c.label} → {c.key} ({meaning})")
            for reading in table.readings:
                typer.echo(f"         · {reading}")
