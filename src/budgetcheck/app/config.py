"""Configuration: ``budgetcheck.toml`` or ``[tool.budgetcheck]`` in ``pyproject.toml``.

Why a file: a department or a finance bureau settles its house rules once (which
rules, which severities, how its figures are rounded) and every run, local or CI,
must apply the same ones.  The file is looked for from the current directory
upwards; in each folder ``budgetcheck.toml`` comes before ``pyproject.toml``, and
the first file with a budgetcheck section wins.  The command line overrides it.
Every value remembers where it came from, for ``budgetcheck config``.  A mistake
(an unknown key, an unknown rule, a float where money is meant) names itself and
ends the run with exit 2: a silently ignored setting is worse than none.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from budgetcheck.core.errors import UsageError

DEFAULTS: dict[str, Any] = {
    "select": [],
    "ignore": [],
    "severity": {},
    "rounding": "nearest",
    "tolerance": {},
    "strict": False,
    "lang": None,  # from the locale
    "waivers": None,
    "require_tables": False,  # a missing core table is an error (a pre-publication gate)
    "kind": None,  # budget or final: what every document is, instead of reading it from each
}
#: Kept apart from the settings: ``documents`` (year → file) is read by ``budgetcheck diff`` (diff/locate.py).
RESERVED = {"documents"}
SEVERITIES = ("error", "warning", "notice")
DEFAULT, COMMAND_LINE = "default", "command line"


@dataclass
class Config:
    """The effective settings and, per key, ``default``, a file path or ``command line``."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict[str, str] = field(default_factory=lambda: {k: DEFAULT for k in DEFAULTS})
    file: Path | None = None
    reserved: dict[str, Any] = field(default_factory=dict)

    def settings(self):
        """The engine's Settings for these values."""
        from budgetcheck.engine import Settings
        from budgetcheck.rules.ruleset import resolve

        return Settings(strict=bool(self.values["strict"]), select=resolve(self.values["select"]),
                        ignore=resolve(self.values["ignore"]), severity=self.severity_by_id(),
                        rounding=self.values["rounding"], tolerance=dict(self.values["tolerance"]),
                        require_tables=bool(self.values.get("require_tables")), kind=self.values.get("kind"))

    def severity_by_id(self) -> dict[str, str]:
        from budgetcheck.rules.ruleset import resolve

        out: dict[str, str] = {}
        for key, level in self.values["severity"].items():
            for rule in resolve([key]):
                out[rule] = level
        return out


def read_toml(path: Path, what: str) -> dict:
    """A TOML file (configuration, waivers) as a dict; any problem is one UsageError line."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UsageError(f"{path}: {what} file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the {what} file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None


def section_of(path: Path) -> dict | None:
    """The budgetcheck section of a file, or None when it has none."""
    data = read_toml(path, "configuration")
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("budgetcheck")
        if section is not None and not isinstance(section, dict):
            raise UsageError(f"{path}: [tool.budgetcheck] must be a table")
        return section
    return data


def discover(start: Path) -> Path | None:
    """The first budgetcheck.toml, or pyproject.toml with [tool.budgetcheck], upwards."""
    for folder in (start.resolve(), *start.resolve().parents):
        own = folder / "budgetcheck.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and section_of(pyproject) is not None:
            return pyproject
    return None


def _strings(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where}: {key!r} must be a list of rule ids, names or groups")
    return [part.strip() for v in value for part in v.split(",") if part.strip()]


def _amount(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise UsageError(f"{where}: write the tolerance as a decimal string, e.g. \"0.01\" (money is never a float)")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise UsageError(f"{where}: {value!r} is not a decimal number") from None
    if not amount.is_finite() or amount < 0:
        raise UsageError(f"{where}: a tolerance must be zero or more, not {value!r}")
    return amount


def _at(where: str, key: str) -> str:
    """How a message names a setting: ``--lang`` on the command line, else file and key."""
    return f"--{key}" if where == COMMAND_LINE else f"{where}: {key!r}"


def validate(raw: dict, where: str) -> dict[str, Any]:
    """Check and normalise the keys of one source (a file or the command line)."""
    from budgetcheck.core.model import UNIT_SCALE
    from budgetcheck.rules.ruleset import resolve

    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in RESERVED:
            if not isinstance(value, dict):
                raise UsageError(f"{where}: {key!r} must be a table")
            out[key] = value
        elif key in ("select", "ignore"):
            out[key] = _strings(value, key, where)
            resolve(out[key], f"{_at(where, key)}: ")
        elif key == "severity":
            if not isinstance(value, dict):
                raise UsageError(f"{where}: 'severity' must be a table, e.g. [tool.budgetcheck.severity]")
            for rule, level in value.items():
                resolve([rule], f"{where}: 'severity': ")
                if level not in SEVERITIES:
                    raise UsageError(f"{where}: severity of {rule} must be one of {', '.join(SEVERITIES)}, not {level!r}")
            out[key] = dict(value)
        elif key == "rounding":
            if value not in ("nearest", "truncate"):
                raise UsageError(f"{_at(where, key)} must be \"nearest\" or \"truncate\", not {value!r}")
            out[key] = value
        elif key == "tolerance":
            if not isinstance(value, dict):
                raise UsageError(f"{where}: 'tolerance' must be a table of unit = \"amount\"")
            for unit in value:
                if unit not in UNIT_SCALE:
                    raise UsageError(f"{where}: unknown unit {unit!r} in 'tolerance' (units: {', '.join(UNIT_SCALE)})")
            out[key] = {unit: _amount(v, f"{where}: tolerance.{unit}") for unit, v in value.items()}
        elif key in ("strict", "require_tables"):
            if not isinstance(value, bool):
                raise UsageError(f"{_at(where, key)} must be true or false")
            out[key] = value
        elif key == "lang":
            if value not in ("zh", "en"):
                raise UsageError(f"{_at(where, key)} must be \"zh\" or \"en\", not {value!r}")
            out[key] = value
        elif key == "kind":
            if value not in ("budget", "final"):
                raise UsageError(f"{_at(where, key)} must be \"budget\" or \"final\", not {value!r}")
            out[key] = value
        elif key == "waivers":
            if not isinstance(value, str) or not value:
                raise UsageError(f"{where}: 'waivers' must be a file path")
            out[key] = value
        else:
            known = ", ".join(sorted([*DEFAULTS, *RESERVED]))
            raise UsageError(f"{where}: unknown configuration key {key!r} (known keys: {known})")
    return out


def load(explicit: Path | None = None, no_config: bool = False, overrides: dict[str, Any] | None = None,
         cwd: Path | None = None) -> Config:
    """The effective configuration: defaults, then the file, then the command line."""
    config = Config()
    if explicit is not None and no_config:
        raise UsageError("--config and --no-config cannot be used together")
    path = explicit if explicit is not None else (None if no_config else discover(cwd or Path.cwd()))
    if path is not None:
        if explicit is not None and path.is_dir():
            raise UsageError(f"{path}: --config needs a file, not a folder")
        section = section_of(path)
        if section is None:
            raise UsageError(f"{path}: has no [tool.budgetcheck] table")
        values = validate(section, str(path))
        if "waivers" in values:  # a path in a file is relative to that file
            values["waivers"] = str((path.parent / values["waivers"]))
        config.file = path
        _merge(config, values, str(path))
    _merge(config, validate({k: v for k, v in (overrides or {}).items() if v is not None}, COMMAND_LINE),
           COMMAND_LINE)
    return config


def _merge(config: Config, values: dict[str, Any], source: str) -> None:
    for key, value in values.items():
        if key in RESERVED:
            config.reserved[key] = value
        else:
            config.values[key] = value
            config.sources[key] = source
