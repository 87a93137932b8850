"""``budgetcheck diff OLD NEW``: the change table and the check of stated changes.

Kept in its own module so that each command module stays small; cli/app.py registers
the command on the shared typer app.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from budgetcheck.cli.common import LANG, fail, settle


class DiffFormat(str, Enum):
    console = "console"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


class Level(str, Enum):
    lei = "类"
    kuan = "款"
    xiang = "项"


def diff_command(
    old: str = typer.Argument(..., help="The older document, or its year (2022)."),
    new: str = typer.Argument(..., help="The newer document, or its year (2023)."),
    folder: Optional[Path] = typer.Option(None, "--dir", help="Where to look for the documents of a year."),
    fmt: DiffFormat = typer.Option(DiffFormat.console, "--format", "-f", help="Output format."),
    level: Optional[Level] = typer.Option(None, "--level", help="Only rows of this level: 类, 款 or 项."),
    table: Optional[str] = typer.Option(None, "--table", help="Only this table (T1 … T11)."),
    top: int = typer.Option(0, "--top", help="Only the N largest changes (0: all)."),
    min_change: str = typer.Option("0", "--min-change", help="Hide changes smaller than this, in 万元."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    lang: Optional[str] = LANG,
) -> None:
    """What changed between two years, and whether the newer document's stated changes are true.

    Exit 0, or 1 when a stated change is contradicted, 2 on bad input.
    """
    from decimal import Decimal, InvalidOperation

    from budgetcheck.diff import Options, diff_documents, read_year
    from budgetcheck.diff.locate import resolve
    from budgetcheck.core.errors import InputError, UsageError
    from budgetcheck.core.limits import LimitExceeded, time_limit

    lang = settle(lang)
    try:
        Decimal(min_change)
    except InvalidOperation:
        fail(f"--min-change {min_change!r} is not a number")
    if table and not table.upper().startswith("T"):
        fail(f"--table {table!r}: give a table role such as T5")
    base = folder or Path.cwd()
    from budgetcheck.app.outputs import guard

    try:
        old_paths, new_paths = resolve(old, base), resolve(new, base)
        guard({"--output": output}, [*old_paths, *new_paths])
        with time_limit():
            old_doc = read_year(old_paths)
            new_doc = read_year(new_paths)
            result = diff_documents(old_doc, new_doc)
    except (UsageError, InputError) as exc:
        fail(str(exc))
    except LimitExceeded as exc:
        fail(exc.describe(f"{old} → {new}"))
    options = Options(level.value if level else "", (table or "").upper(), top, min_change)
    _emit(result, options, fmt, output, lang)
    raise typer.Exit(result.exit_code)


def _emit(result, options, fmt: DiffFormat, output: Optional[Path], lang: str = "en") -> None:
    from budgetcheck.reporters import diffout

    if fmt is DiffFormat.console:
        from io import StringIO

        from budgetcheck.reporters.console import make_console

        handle = StringIO() if output else None
        diffout.render_console(result, options, make_console(handle), lang)
        if handle:
            _write(output, handle.getvalue())
        return
    if fmt is DiffFormat.markdown:
        text = diffout.render_markdown(result, options, lang)
    elif fmt is DiffFormat.html:
        from budgetcheck.reporters.html_diff import render as as_html

        text = as_html(result, options, lang)
    else:
        text = {"json": diffout.render_json, "csv": diffout.render_csv}[fmt.value](result, options)
    if output:
        _write(output, text)
    else:
        sys.stdout.write(text)


def _write(output: Path, text: str) -> None:
    from budgetcheck.core.errors import UsageError
    from budgetcheck.app.outputs import write_atomic

    try:
        write_atomic(output, text)
    except UsageError as exc:
        fail(str(exc))
