"""``budgetcheck config``: the effective configuration, each value with its source.

Printed as TOML that could be pasted into ``budgetcheck.toml``, one key a line, with
a comment saying where the value came from (``default``, the file's path, or
``command line``), because "why did this rule not run?" is the first question a
reviewer asks of a CI gate.
"""

from __future__ import annotations

import json
from decimal import Decimal


def _toml(value) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, Decimal)):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    return json.dumps(value, ensure_ascii=False)


def _key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isascii() and key.replace("_", "").replace("-", "").isalnum() \
        else json.dumps(key, ensure_ascii=False)


def _effective(config) -> dict:
    from budgetcheck.cli.run import default_lang

    values = dict(config.values)
    sources = dict(config.sources)
    if values["lang"] is None:
        values["lang"], sources["lang"] = default_lang(), "default (from the locale)"
    return {"values": values, "sources": sources}


def _source(source: str, lang: str) -> str:
    from budgetcheck.core.i18n import word

    if lang != "zh":
        return source
    return {"default": word("default", "zh"), "command line": word("command_line", "zh"),
            "default (from the locale)": word("from_locale", "zh")}.get(source, source)


def render(config, fmt: str = "toml", lang: str = "en") -> str:
    from budgetcheck.core.i18n import word

    data = _effective(config)
    values, sources = data["values"], data["sources"]
    if fmt == "json":
        out = {"file": str(config.file) if config.file else None,
               "values": json.loads(json.dumps(values, default=str)), "sources": sources}
        if config.reserved:
            out["reserved"] = json.loads(json.dumps(config.reserved, default=str))
        return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
    sep = "：" if lang == "zh" else ": "
    lines = [f"# {word('file', lang)}{sep}{config.file if config.file else word('none', lang)}"]
    texts = {k: (f"{k} = {_toml(v)}" if v is not None else f"# {k} ({word('not_set', lang)})") for k, v in values.items()}
    width = max(len(t) for t in texts.values())
    for key, text in texts.items():
        lines.append(f"{text:<{width}}  # {_source(sources[key], lang)}")
    for key, value in config.reserved.items():
        lines.append(f"{key} = {_toml(value)}  # {config.file} ({word('reserved', lang)})")
    return "\n".join(lines) + "\n"
