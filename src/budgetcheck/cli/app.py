"""The command line, kept thin: the typer application and its commands.

Each command lives in its own module (verify, diff, tables, config, rules) and
imports only ``cli/common.py``; this module imports them to register them.  Heavy
modules (rich, the rules, the readers) are imported inside the commands, so that
starting the program costs little more than starting Python and typer.
"""

from __future__ import annotations

import sys
from importlib import import_module

import typer

from budgetcheck.cli.common import language

#: Every command: its name → (module of budgetcheck.cli, function).  A run imports and
#: builds only the command it was asked for (``budgetcheck verify …`` never builds the
#: options of ``diff`` or ``export``); ``--help`` and a mistyped command build them all.
COMMANDS: dict[str, tuple[str, str]] = {
    "verify": ("verify", "verify"),
    "export": ("verify", "export"),
    "diff": ("diff", "diff_command"),
    "tables": ("tables", "tables_command"),
    "config": ("config", "show_config"),
    "rules": ("rules", "rules"),
    "explain": ("rules", "explain"),
}


def build(only: str | None = None) -> typer.Typer:
    """The application with every command, or with only the one named."""
    application = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                              help="Verify Chinese departmental budget disclosures (部门预算公开).")
    for name, (module, function) in COMMANDS.items():
        if only is None or name == only:
            application.command(name)(getattr(import_module(f"budgetcheck.cli.{module}"), function))
    application.callback()(main_options)
    return application


def __getattr__(name: str):
    if name == "app":  # the whole application, for tools that import it
        return build()
    raise AttributeError(name)


def _version(value: bool) -> None:
    if value:
        from budgetcheck import __version__

        typer.echo(f"budgetcheck {__version__}")
        raise typer.Exit()


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

    from budgetcheck.cli import common

    common._LANGUAGE.clear()  # a new run (the tests run many in one process) starts with no language settled
    try:
        first = sys.argv[1] if len(sys.argv) > 1 else None
        application = build(first if first in COMMANDS else None)
        code = get_command(application).main(args=sys.argv[1:], prog_name="budgetcheck", standalone_mode=False)
    except NoArgsIsHelpError as exc:  # bare `budgetcheck` or `budgetcheck verify`: show the help
        typer.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        code = 0 if exc.ctx and exc.ctx.parent is None else 2
    except ClickException as exc:
        from budgetcheck.core.i18n import error_line

        import re

        message = re.sub(r"( Did you mean [^?]+\?)\1+", r"\1", exc.format_message())  # click says it twice
        typer.echo(error_line(message, language()), err=True)
        code = exc.exit_code
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        code = 130
    sys.exit(code if isinstance(code, int) else 0)
