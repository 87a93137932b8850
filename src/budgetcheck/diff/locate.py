"""``budgetcheck diff 2022 2023``: turn a year into the document(s) of that year.

A year resolves through ``[tool.budgetcheck.documents]`` in pyproject.toml or a
budgetcheck.toml (``2022 = "budgets/2022/说明.txt"``, or a list for a narrative and a
workbook), found from the current directory upwards; else to the one document under
the folder whose file name, or one of its first lines, carries the year.  None or several is an
error that lists what was found, never a guess.
"""

from __future__ import annotations

import re
from pathlib import Path

from budgetcheck.core.errors import UsageError

SUFFIXES = (".txt", ".xlsx", ".xlsm", ".pdf")
YEAR = re.compile(r"^(?P<year>(?:19|20)\d\d)年?度?(?P<kind>预算|决算)?$")


def _configured(start: Path, year: str) -> list[Path] | None:
    """The documents ``[tool.budgetcheck.documents]`` names for a year, relative to the
    configuration file (the same file ``verify`` reads its settings from)."""
    from budgetcheck.app.config import discover, section_of

    path = discover(start)
    documents = (section_of(path) or {}).get("documents", {}) if path else {}
    if not isinstance(documents, dict) or year not in documents:
        return None
    value = documents[year]
    return [path.parent / str(item) for item in (value if isinstance(value, list) else [value])]  # type: ignore[union-attr]


def _first_lines(path: Path, count: int = 5) -> str:
    """The first non-blank lines of a text document, whatever its encoding (UTF-8,
    GB18030, UTF-16…): a character cut at the end of the bytes read is dropped."""
    if path.suffix.lower() != ".txt":
        return ""
    from budgetcheck.core.limits import read_head
    from budgetcheck.readers.decode import decode_head

    lines = [line for line in decode_head(read_head(path, 4096)).splitlines() if line.strip()]
    return "\n".join(lines[:count])


def resolve(arg: str, folder: Path) -> list[Path]:
    """The file(s) an argument names: a path as given, or the documents of a year
    (``2023``: its budget; ``2023决算``: its final accounts)."""
    path = Path(arg)
    m = YEAR.match(arg)
    if path.exists() or not m:
        return [path]
    configured = _configured(Path.cwd(), arg)
    if configured is not None:
        return configured
    from budgetcheck.app.outputs import written_by_us

    year, kind = m.group("year"), m.group("kind") or ""
    found = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                   and (year in p.name or year in _first_lines(p)) and not written_by_us(p))
    finals = [p for p in found if _is_final(p)]
    found = finals if kind == "决算" else [p for p in found if p not in finals]
    if len(found) == 1:
        return found
    what = "final accounts (决算)" if kind == "决算" else "budget"
    listing = ", ".join(str(p) for p in found) if found else "none"
    raise UsageError(f"{arg}: expected one {what} document under {folder} whose name or title carries {year}, "
                     f"found {len(found)} ({listing}); name it in [tool.budgetcheck.documents] or pass the file")


def _is_final(path: Path) -> bool:
    """A final account by its name or title (决算, final accounts): the year alone names the budget."""
    text = path.name + _first_lines(path)
    return "决算" in text or "final" in path.name.lower()
