"""``budgetcheck config``: the effective configuration (rendered by ``cli/config_show.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from budgetcheck.cli.common import (CONFIG, IGNORE, LANG, NO_CONFIG, ROUNDING, SELECT, STRICT, WAIVERS, ConfigFormat,
                                    Rounding, load_config, settle)


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
    from budgetcheck.cli.config_show import render

    settle(lang)
    config = load_config(config_file, no_config, strict=strict, lang=lang, select=select, ignore=ignore,
                     rounding=rounding, waivers=waivers)
    typer.echo(render(config, fmt.value, settle(config.values["lang"])), nl=False)
