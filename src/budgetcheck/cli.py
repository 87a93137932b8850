"""The command line, kept thin: parse options, call the library, pick a reporter.

Heavy modules (rich, the rules) are imported inside the commands, so that starting
the program costs little more than starting Python and typer.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Verify Chinese departmental budget disclosures (部门预算公开).")


class Format(str, Enum):
    console = "console"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    html = "html"


class Rounding(str, Enum):
    nearest = "nearest"
    truncate = "truncate"


class ConfigFormat(str, Enum):
    toml = "toml"
    json = "json"


class RulesFormat(str, Enum):
    table = "table"
    markdown = "markdown"


_LANGUAGE: dict[str, str] = {}  # the run's language once a command knows it (--lang, config, locale)


def language(explicit: Optional[str] = None) -> str:
    """The language of messages: --lang, else what the command settled (the
    configuration's ``lang``), else --lang read from the raw arguments, else the locale."""
    from .i18n import lang_of_argv
    from .runner import default_lang

    chosen = explicit or _LANGUAGE.get("lang") or lang_of_argv(sys.argv[1:]) or default_lang()
    return chosen if chosen in ("zh", "en") else "en"


def _settle(lang: Optional[str]) -> str:
    if lang is not None and lang not in ("zh", "en"):
        _LANGUAGE["lang"] = "en"
        _fail(f"--lang must be \"zh\" or \"en\", not {lang!r}")
    _LANGUAGE["lang"] = language(lang)
    return _LANGUAGE["lang"]


def _fail(message: str) -> None:
    from .i18n import error_line

    typer.echo(error_line(message, language()), err=True)
    raise typer.Exit(2)


def _split(values: Optional[List[str]]) -> Optional[list[str]]:
    """``--select A,B --select C`` → [A, B, C]; None when the option was not given."""
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _ids(values: Optional[List[str]]) -> tuple[str, ...]:
    from .errors import UsageError
    from .ruleset import resolve

    try:
        return resolve(_split(values) or [])
    except UsageError as exc:
        _fail(str(exc))
    return ()


def _config(config_file: Optional[Path], no_config: bool, **overrides):
    """The effective configuration: file (found or given), then these overrides."""
    from .config import load
    from .errors import UsageError

    overrides["select"], overrides["ignore"] = _split(overrides.get("select")), _split(overrides.get("ignore"))
    if overrides.get("waivers") is not None:
        overrides["waivers"] = str(overrides["waivers"])
    if overrides.get("rounding") is not None:
        overrides["rounding"] = overrides["rounding"].value
    try:
        return load(config_file, no_config, overrides)
    except UsageError as exc:
        _fail(str(exc))


# Options that verify and config share: the configuration and its overrides.
STRICT = typer.Option(None, "--strict/--no-strict", help="Treat rounding notices as errors (default: from config, else no).")
LANG = typer.Option(None, "--lang", help="Message language: zh or en (default: config, else the locale).")
SELECT = typer.Option(None, "--select", help="Only these rules: ids, names or groups, comma separated.")
IGNORE = typer.Option(None, "--ignore", help="Skip these rules: ids, names or groups.")
ROUNDING = typer.Option(None, "--rounding", help="How figures were rounded: nearest (default) or truncate.")
WAIVERS = typer.Option(None, "--waivers", help="TOML file of accepted findings (see README, Waivers).")
CONFIG = typer.Option(None, "--config", help="Use this budgetcheck.toml or pyproject.toml, not the one found.")
NO_CONFIG = typer.Option(False, "--no-config", help="Use no configuration file.")


@app.command()
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
    from .batch import default_jobs
    from .errors import UsageError
    from .runner import Request
    from .runner import verify as run_verify

    _settle(lang)
    config = _config(config_file, no_config, strict=strict, lang=lang, select=select, ignore=ignore,
                     rounding=rounding, waivers=waivers, require_tables=require_tables, kind=kind)
    _settle(config.values["lang"])
    request = Request([str(f) for f in files], fmt.value, output, baseline, write_baseline, glob,
                      default_jobs() if jobs is None else jobs, quiet, as_one=as_one, annotate=annotate, annotate_dir=annotate_dir,
                      cross=cross)
    try:
        code = run_verify(request, config)
    except UsageError as exc:
        _fail(str(exc))
    raise typer.Exit(code)


@app.command()
def export(
    document: Path = typer.Argument(..., help="A budget document: extracted text, an Excel workbook or a PDF."),
    to: Path = typer.Option(..., "--to", help="The workbook to write (.xlsx)."),
    lang: Optional[str] = LANG,
) -> None:
    """Write the tables read from DOCUMENT as a clean Excel workbook, one sheet per table."""
    from .errors import InputError
    from .limits import LimitExceeded, time_limit

    lang = _settle(lang)
    from .readers import read_document
    from .writers.export import export as write

    if to.suffix.lower() != ".xlsx":
        _fail(f"{to}: the export is an .xlsx workbook; give a name ending in .xlsx")
    from .errors import UsageError
    from .outputs import guard

    try:
        guard({"--to": to}, [document])
        with time_limit():
            written = write(read_document(document), to)
    except (InputError, UsageError) as exc:
        _fail(str(exc))
    except LimitExceeded as exc:
        _fail(exc.describe(str(document)))
    typer.echo(f"{to}：已写入{written}张表" if lang == "zh" else f"{to}: {written} tables written")


@app.command("config")
def show_config(
    fmt: ConfigFormat = typer.Option(ConfigFormat.toml, "--format", "-f", help="toml (annotated) or json."),
    strict: Optional[bool] = STRICT,
    lang: Optional[str] = LANG,
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    rounding: Optional[Rounding] = ROUNDING,
    waivers: Optional[Path] = WAIVERS,
    config_file: Optional[Path] = CONFIG,
    no_config: bool = NO_CONFIG,
) -> None:
    """Print the effective configuration and where each value comes from."""
    from .configshow import render

    _settle(lang)
    config = _config(config_file, no_config, strict=strict, lang=lang, select=select, ignore=ignore,
                     rounding=rounding, waivers=waivers)
    typer.echo(render(config, fmt.value, _settle(config.values["lang"])), nl=False)


@app.command()
def rules(fmt: RulesFormat = typer.Option(RulesFormat.table, "--format", "-f"), lang: Optional[str] = LANG) -> None:
    """List the rules: id, name, default severity and what each checks."""
    from .i18n import RULE_SUMMARY_ZH, word
    from .rules import REGISTRY

    lang = _settle(lang)
    if fmt is RulesFormat.markdown:
        heads = [word(k, lang) for k in ("id", "name", "severity", "checks")]
        typer.echo(f"| {' | '.join(heads)} |\n|---|---|---|---|")
        for rule in REGISTRY.values():
            summary = RULE_SUMMARY_ZH.get(rule.id, rule.summary) if lang == "zh" else rule.summary
            typer.echo(f"| {rule.id} | {rule.name} | {word(rule.severity, lang)} | {summary} |")
        return
    from .reporters.console import make_console, rules_table

    rules_table(REGISTRY.values(), make_console(), lang)


@app.command()
def explain(
    rule: Optional[List[str]] = typer.Argument(
        None, help="Rule ids (BC101), names (row-crossfoot) or groups (codes); none for every rule."),
    examples: bool = typer.Option(False, "--examples", help="Only each rule's failing and passing example."),
    lang: Optional[str] = LANG,
) -> None:
    """Show the full documentation of rules, with an example that fails and one that passes."""
    from .ruleset import all_rules, examples_of, explanation

    lang = _settle(lang)
    rules = all_rules()
    ids = _ids(rule) if rule else tuple(rules)
    if examples:
        typer.echo("".join(examples_of(rules[i], lang=lang) for i in ids), nl=False)
    else:
        typer.echo("\n".join(explanation(rules[i], lang=lang) for i in ids), nl=False)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"budgetcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """budgetcheck: every arithmetic and consistency error of a budget disclosure, located."""


def main() -> None:
    """Run the CLI; a command-line mistake is one ``budgetcheck: error:`` line and exit 2."""
    try:  # typer bundles click from 0.26 on; before, click is its own package
        from typer._click.exceptions import ClickException, NoArgsIsHelpError
    except ImportError:  # pragma: no cover - depends on the installed typer
        from click.exceptions import ClickException, NoArgsIsHelpError  # type: ignore[no-redef]
    from typer.main import get_command

    try:
        code = get_command(app).main(args=sys.argv[1:], prog_name="budgetcheck", standalone_mode=False)
    except NoArgsIsHelpError as exc:  # bare `budgetcheck` or `budgetcheck verify`: show the help
        typer.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        code = 0 if exc.ctx and exc.ctx.parent is None else 2
    except ClickException as exc:
        from .i18n import error_line

        typer.echo(error_line(exc.format_message(), language()), err=True)
        code = exc.exit_code
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        code = 130
    sys.exit(code if isinstance(code, int) else 0)


from . import cli_diff, cli_tables  # noqa: E402,F401  (register the `diff` and `tables` commands)
