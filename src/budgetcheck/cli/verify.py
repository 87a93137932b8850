"""``budgetcheck verify`` and ``budgetcheck export``: options in, the work in ``cli/run.py``."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from budgetcheck.cli.common import (CONFIG, IGNORE, LANG, NO_CONFIG, ROUNDING, SELECT, STRICT, WAIVERS, Format,
                                    Rounding, fail, load_config, settle)


def verify(
    files: List[Path] = typer.Argument(..., help="Budget documents, or folders to search for them."),
    fmt: Format = typer.Option(Format.console, "--format", "-f", help="Output format."),
    strict: Optional[bool] = STRICT,
    lang: Optional[str] = LANG,
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    rounding: Optional[Rounding] = ROUNDING,
    waivers: Optional[Path] = WAIVERS,
    config_file: Optional[Path] = CONFIG,
    no_config: bool = NO_CONFIG,
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Count only findings not in this baseline."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record the findings as a baseline."),
    glob: str = typer.Option("*.txt", "--glob", help="Which files of a folder to check (e.g. '*.xlsx')."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Documents checked at once (default: the cores)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    cross: bool = typer.Option(False, "--cross", help="Also check that a figure stated in several of the "
                               "documents (same department and year) is the same everywhere."),
    as_one: bool = typer.Option(False, "--as-one", help="Check the files as one budget: the prose of the text "
                                "against the tables of all of them (a workbook's table wins over text)."),
    annotate: Optional[Path] = typer.Option(None, "--annotate", help="Write a copy of the Excel workbook or PDF "
                                            "checked, its findings marked on their cells and listed."),
    annotate_dir: Optional[Path] = typer.Option(None, "--annotate-dir", help="Write a marked copy of every workbook "
                                                "and PDF checked into this folder, names kept."),
    require_tables: Optional[bool] = typer.Option(None, "--require-tables/--no-require-tables",
                                                  help="A core table (T1–T8) missing from a budget is an error."),
    kind: Optional[str] = typer.Option(None, "--kind", help="What the documents are: budget or final "
                                       "(default: read from each document's title and tables)."),
) -> None:
    """Check every table identity of the documents; exit 1 on errors, 2 on unreadable input."""
    from budgetcheck.app.folders import default_jobs
    from budgetcheck.core.errors import UsageError
    from budgetcheck.cli.run import Request
    from budgetcheck.cli.run import verify as run_verify

    settle(lang)
    config = load_config(config_file, no_config, strict=strict, lang=lang, select=select, ignore=ignore,
                     rounding=rounding, waivers=waivers, require_tables=require_tables, kind=kind)
    settle(config.values["lang"])
    request = Request([str(f) for f in files], fmt.value, output, baseline, write_baseline, glob,
                      default_jobs() if jobs is None else jobs, quiet, as_one=as_one, annotate=annotate, annotate_dir=annotate_dir,
                      cross=cross)
    try:
        code = run_verify(request, config)
    except UsageError as exc:
        fail(str(exc))
    raise typer.Exit(code)


def export(
    document: Path = typer.Argument(..., help="A budget document: extracted text, an Excel workbook or a PDF."),
    to: Path = typer.Option(..., "--to", help="The workbook to write (.xlsx)."),
    lang: Optional[str] = LANG,
) -> None:
    """Write the tables read from DOCUMENT as a clean Excel workbook, one sheet per table."""
    from budgetcheck.core.errors import InputError
    from budgetcheck.core.limits import LimitExceeded, time_limit

    lang = settle(lang)
    from budgetcheck.readers import read_document
    from budgetcheck.writers.export import export as write

    if to.suffix.lower() != ".xlsx":
        fail(f"{to}: the export is an .xlsx workbook; give a name ending in .xlsx")
    from budgetcheck.core.errors import UsageError
    from budgetcheck.app.outputs import guard

    try:
        guard({"--to": to}, [document])
        with time_limit():
            written = write(read_document(document), to)
    except (InputError, UsageError) as exc:
        fail(str(exc))
    except LimitExceeded as exc:
        fail(exc.describe(str(document)))
    typer.echo(f"{to}：已写入{written}张表" if lang == "zh" else f"{to}: {written} tables written")
