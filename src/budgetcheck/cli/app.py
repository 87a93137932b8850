"""The command line, kept thin: the typer application and its commands.

Each command lives in its own module (verify, diff, tables, config, rules) and
imports only ``cli/common.py``; this module imports them to register them.  Heavy
modules (rich, the rules, the readers) are imported inside the commands, so that
starting the program costs little more than starting Python and typer.
"""

from __future__ import annotations

import sys

import typer

from budgetcheck.cli import config, diff, rules, tables, verify
from budgetcheck.cli.common import language

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Verify Chinese departmental budget disclosures (部门预算公开).")
app.command("verify")(verify.verify)
app.command("export")(verify.export)
app.command("diff")(diff.diff_command)
app.command("tables")(tables.tables_command)
app.command("config")(config.show_config)
app.command("rules")(rules.rules)
app.command("explain")(rules.explain)


def _version(value: bool) -> None:
    if value:
        from budgetcheck import __version__

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
        from budgetcheck.core.i18n import error_line

        typer.echo(error_line(exc.format_message(), language()), err=True)
        code = exc.exit_code
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        code = 130
    sys.exit(code if isinstance(code, int) else 0)
