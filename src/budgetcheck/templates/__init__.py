"""Templates as data: what a budget's tables are called and how their headers read.

Why data: every region publishes the same national tables under its own titles,
column words and layouts (budget-rules §6), and a checker that hard-codes one
region's wording reads the others wrong.  The national base (``national.toml``)
holds the nine tables and the words every region uses; a regional overlay
(``guangdong.toml`` …) says ``extends = "national"`` and adds its own wording, its
extra tables and its detection markers, the way sqlfluff derives dialects from ANSI.
Readers, writers and the synthetic generator all take a ``Template``; the structural
algorithms stay in code, parameterised by it.  Adding a region's wording is a data
change plus a test document.

Merging an overlay into its base: a table entry with a known role adds its ``titles``
in front of the base's (tried first) and its ``not`` after them, and replaces any
other key; a new role is inserted before the role named by ``before`` (else at the
end); lists under ``columns`` are prepended; every other key replaces the base's.

Imports core only; ``schema`` states what the data says about tables (roles, title
recognition, row identities) for readers, rules and writers.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text as templates match it: every whitespace removed (``收 入 总 计`` → ``收入总计``)."""
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class TableSpec:
    """One table of a template: its role, layout and the title patterns that name it."""

    role: str
    name: str
    layout: str
    titles: tuple[re.Pattern[str], ...]
    excluded: tuple[re.Pattern[str], ...] = ()
    extra: bool = False
    source: str = "national"
    kind: str = "budget"  # budget, final (a title that says 决算 names a final-accounts table) or any
    periods: str = ""  # "final": its year's figures are 执行数/决算数 and a 预算数 is the comparison

    @property
    def final(self) -> bool:
        return self.kind == "final" or self.periods == "final"

    def matches(self, title: str) -> re.Pattern[str] | None:
        """The pattern that names ``title`` (squeezed), unless an exclusion applies."""
        hit = next((p for p in self.titles if p.search(title)), None)
        if hit is None or any(p.search(title) for p in self.excluded):
            return None
        return hit


@dataclass(frozen=True)
class Template:
    """A national base with any overlays merged in; every pattern compiled once."""

    name: str
    description: str
    chain: tuple[str, ...]
    tables: tuple[TableSpec, ...]
    captions: dict[str, re.Pattern[str]]
    columns: dict[str, Any]
    rows: dict[str, Any]
    forms: dict[str, Any]
    markers: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, repr=False)

    # --- titles ---------------------------------------------------------------------

    def title_text(self, line: str) -> str:
        """A title line as matched: squeezed, without its number prefix."""
        text = squeeze(line)
        return self.captions["title_prefix"].sub("", text) or text

    def recognise(self, line: str) -> TableSpec | None:
        """The table a title line names, or None when the line is not a table title."""
        if "表" not in line:  # every title ends in 表 (or 表（…）); most lines are prose
            return None
        text = self.title_text(line)
        if not text or len(text) > 60 or not re.search(r"表[）)]?$|表[（(][^）)]*[）)]$", text):
            return None
        if self.captions["not_title"].search(text) or self.captions["owner"].search(text):
            return None
        kind = "final" if "决算" in text else "budget"
        return next((spec for spec in self.tables if spec.kind in (kind, "any") and spec.matches(text)), None)

    def why(self, line: str) -> str:
        """Why a title line is (or is not) recognised, for ``budgetcheck tables``."""
        text = self.title_text(line)
        spec = self.recognise(line)
        if spec is None:
            return f"{line.strip()!r}: not a table title of template {self.name}"
        pattern = spec.matches(text)
        return f"{line.strip()!r} → {spec.role} ({spec.name}): title pattern {pattern.pattern!r} from {spec.source}"  # type: ignore[union-attr]

    def spec(self, role: str | None) -> TableSpec | None:
        return next((s for s in self.tables if s.role == role), None)

    def layout(self, role: str | None) -> str:
        spec = self.spec(role)
        return spec.layout if spec else "grid"

    def role_name(self, role: str) -> str:
        spec = self.spec(role)
        return spec.name if spec else role

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(s.role for s in self.tables)

    # --- captions -------------------------------------------------------------------

    def unit_of(self, line: str) -> str | None:
        """The unit a caption line states (``单位：万元`` → 万元), else None."""
        m = self.captions["unit"].search(squeeze(line))
        return m.group(1) if m else None

    def caption(self, key: str, line: str) -> bool:
        return bool(self.captions[key].search(squeeze(line)))


def _compile_all(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


@lru_cache(maxsize=None)
def _read(name: str) -> dict[str, Any]:
    """One template file, parsed once per process (the base is the start of every
    overlay's chain; the merge copies what it changes and never alters this dict)."""
    try:
        text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(name) from None
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def available() -> tuple[str, ...]:
    """The template names shipped in the package: the base first, then the overlays."""
    names = sorted(p.name[:-5] for p in resources.files(__package__).iterdir() if p.name.endswith(".toml"))
    return tuple(["national", *[n for n in names if n != "national"]])


def _merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in overlay.items():
        if key == "tables":
            out["tables"] = _merge_tables(base.get("tables", []), value, overlay.get("name", "overlay"))
        elif key == "columns" and isinstance(value, dict):
            cols = dict(base.get("columns", {}))
            for k, v in value.items():
                if isinstance(v, list) and isinstance(cols.get(k), list):
                    cols[k] = [*v, *cols[k]]
                elif isinstance(v, dict) and isinstance(cols.get(k), dict):
                    cols[k] = {**cols[k], **v}
                else:
                    cols[k] = v
            out["columns"] = cols
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            out[key] = {**base[key], **value}
        else:
            out[key] = value
    return out


def _merge_tables(base: list[dict], overlay: list[dict], source: str) -> list[dict]:
    tables = [dict(t) for t in base]
    for entry in overlay:
        entry = {**entry, "source": source}
        known = next((t for t in tables if t["role"] == entry["role"]), None)
        if known is not None:
            known["titles"] = [*entry.get("titles", []), *known.get("titles", [])]
            known["not"] = [*known.get("not", []), *entry.get("not", [])]
            known.update({k: v for k, v in entry.items() if k not in ("titles", "not", "before")})
            continue
        before = entry.pop("before", None)
        at = next((i for i, t in enumerate(tables) if t["role"] == before), len(tables))
        tables.insert(at, entry)
    return tables


def _chain(name: str) -> tuple[list[str], dict[str, Any]]:
    data = _read(name)
    parent = data.get("extends")
    if not parent:
        return [name], data
    names, base = _chain(parent)
    return [*names, name], _merge(base, data)


@lru_cache(maxsize=None)
def load(name: str = "national") -> Template:
    """The template ``name`` with its ``extends`` chain merged (KeyError when unknown)."""
    names, data = _chain(name)
    captions = {k: re.compile(v) for k, v in data.get("captions", {}).items()}
    tables = tuple(
        TableSpec(t["role"], t.get("name", t["role"]), t.get("layout", "grid"), _compile_all(t.get("titles", [])),
                  _compile_all(t.get("not", [])), bool(t.get("extra", False)), t.get("source", "national"),
                  t.get("kind", "budget"), t.get("periods", ""))
        for t in data.get("tables", [])
    )
    return Template(name, data.get("description", ""), tuple(names), tables, captions, data.get("columns", {}),
                    data.get("rows", {}), data.get("forms", {}), tuple(data.get("detect", {}).get("markers", [])), data)


def detect(lines: Iterable[str], limit: int = 80) -> str:
    """The overlay whose markers appear in the first lines of a document, else national.

    Markers are region names as printed on covers and titles (``广州市``, ``重庆市``).
    The overlay with the most marker hits wins; a tie, or none, keeps the base."""
    head = "".join(squeeze(line) for _, line in zip(range(limit), lines))
    scores = []
    for name in available()[1:]:
        markers = _read(name).get("detect", {}).get("markers", [])  # no need to build the overlays not chosen
        hits = sum(head.count(m) for m in markers)
        if hits:
            scores.append((hits, name))
    scores.sort(reverse=True)
    if not scores or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return "national"
    return scores[0][1]


def for_lines(lines: Iterable[str], forced: str | None = None) -> Template:
    """The template of a document: the one asked for, else the detected one."""
    return load(forced or detect(lines))
