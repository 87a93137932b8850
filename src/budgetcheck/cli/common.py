"""What the commands share: the message language, the one-line failure, the options
of the configuration and their overrides.

Kept apart from ``cli/app.py`` so that every command module imports this and the app
imports the commands, never the other way round (no import cycle).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

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
    from budgetcheck.core.i18n import lang_of_argv
    from budgetcheck.cli.run import default_lang

    chosen = explicit or _LANGUAGE.get("lang") or lang_of_argv(sys.argv[1:]) or default_lang()
    return chosen if chosen in ("zh", "en") else "en"


def settle(lang: Optional[str]) -> str:
    if lang is not None and lang not in ("zh", "en"):
        _LANGUAGE["lang"] = "en"
        fail(f"--lang must be \"zh\" or \"en\", not {lang!r}")
    _LANGUAGE["lang"] = language(lang)
    return _LANGUAGE["lang"]


def fail(message: str) -> None:
    from budgetcheck.core.i18n import error_line

    typer.echo(error_line(message, language()), err=True)
    raise typer.Exit(2)


def split(values: Optional[List[str]]) -> Optional[list[str]]:
    """``--select A,B --select C`` → [A, B, C]; None when the option was not given."""
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def rule_ids(values: Optional[List[str]]) -> tuple[str, ...]:
    from budgetcheck.core.errors import UsageError
    from budgetcheck.rules.ruleset import resolve

    try:
        return resolve(split(values) or [])
    except UsageError as exc:
        fail(str(exc))
    return ()


def load_config(config_file: Optional[Path], no_config: bool, **overrides):
    """The effective configuration: file (found or given), then these overrides."""
    from budgetcheck.app.config import load
    from budgetcheck.core.errors import UsageError

    overrides["select"], overrides["ignore"] = split(overrides.get("select")), split(overrides.get("ignore"))
    if overrides.get("waivers") is not None:
        overrides["waivers"] = str(overrides["waivers"])
    if overrides.get("rounding") is not None:
        overrides["rounding"] = overrides["rounding"].value
    try:
        return load(config_file, no_config, overrides)
    except UsageError as exc:
        fail(str(exc))


# Options that verify and config share: the configuration and its overrides.
STRICT = typer.Option(None, "--strict/--no-strict", help="Treat rounding notices as errors (default: from config, else no).")
LANG = typer.Option(None, "--lang", help="Message language: zh or en (default: config, else the locale).")
SELECT = typer.Option(None, "--select", help="Only these rules: ids, names or groups, comma separated.")
IGNORE = typer.Option(None, "--ignore", help="Skip these rules: ids, names or groups.")
ROUNDING = typer.Option(None, "--rounding", help="How figures were rounded: nearest (default) or truncate.")
WAIVERS = typer.Option(None, "--waivers", help="TOML file of accepted findings (see README, Waivers).")
CONFIG = typer.Option(None, "--config", help="Use this budgetcheck.toml or pyproject.toml, not the one found.")
NO_CONFIG = typer.Option(False, "--no-config", help="Use no configuration file.")
