"""Each rule's cases as data: ``rules/cases/BC101.toml`` holds the failing and passing
cases of BC101, with the findings each must give.

A case file is written for a reader who knows the documents rather than the code (a
finance officer can add a case): a base document (the bundled sample) and a few
replacements in its annex, or a whole small document, and the findings of the rule
that this document must give::

    rule = "BC101"
    base = "sample"            # or "sample-2022"

    [[fail]]
    why = "公用支出 of 2080101 typed 506.32 instead of 560.32"
    replace = [["…1,950.01\\t560.32", "…1,950.01\\t506.32"]]
    expect = [{severity = "error", table = "T5", row = "2080101", column = "基本支出/小计"}]

    [[pass]]
    why = "…"
    text = \"\"\"…a whole small document…\"\"\"
    expect = []

The findings of the file's rule are compared with ``expect`` as a multiset: as many
findings as entries, each entry matching one finding on every key it gives (``row``
is the row's label or its code, ``column`` the column's label or its last part:
``小计`` for ``基本支出/小计``; ``table = ""`` is a finding about the whole document).  For a
case made by replacements, the findings that the unedited base gives too (the
sample's own rounding notices) are left out: a case states what its edit brings.  A
``[[fail]]`` expects at least one error or warning, a ``[[pass]]`` none (notices
are allowed: a difference that rounding explains).

Files are read with :mod:`tomllib` and checked when loaded; building a case's
document needs the seeds of a checkout of the repository (``seeds/``), describing it
(``budgetcheck explain``) does not.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

ANNEX = "附件1\n"
#: base documents, relative to the repository's root
BASES = {"sample": "seeds/2023-xiamen-hrss-budget.txt", "sample-2022": "seeds/2022-xiamen-hrss-budget.txt"}
SEVERITIES = ("error", "warning", "notice")
_FILE_KEYS = {"rule", "base", "fail", "pass"}
_CASE_KEYS = {"why", "replace", "text", "expect"}
_EXPECT_KEYS = {"severity", "table", "row", "column"}
_ROOT = Path(__file__).resolve().parents[4]  # src/budgetcheck/rules/cases/__init__.py


class CaseError(ValueError):
    """A case file that is not well formed, or a case whose document cannot be built."""


@dataclass(frozen=True)
class Expected:
    """One finding a case must give: its severity, and where (each key optional)."""

    severity: str
    table: str | None = None
    row: str | None = None
    column: str | None = None

    def matches(self, finding) -> bool:
        loc = finding.location
        if finding.severity != self.severity:
            return False
        if self.table is not None and loc.table != self.table:
            return False
        if self.row is not None and self.row not in (loc.row, _code(loc.row)):
            return False
        if self.column is not None and self.column not in (loc.column, loc.column.rsplit("/", 1)[-1]):
            return False
        return True

    def describe(self) -> str:
        where = [self.table or "", f"row {self.row}" if self.row else "", f"column {self.column}" if self.column else ""]
        return " ".join([self.severity, *(w for w in where if w)])


def _code(row: str) -> str:
    """The code of a row label such as ``2080101 行政运行``."""
    return row.split(maxsplit=1)[0] if row.strip() else ""


@dataclass(frozen=True)
class Case:
    rule: str
    kind: str  # "fail" | "pass"
    number: int  # 1, 2 … within its kind
    why: str
    base: str
    replace: tuple[tuple[str, str], ...] = ()
    text: str | None = None
    expect: tuple[Expected, ...] = ()
    source: str = ""  # the file's name, for messages

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.kind}-{self.number}"

    def document(self) -> str:
        """The text of this case's document: its own text, or the base with its replacements."""
        if self.text is not None:
            return self.text
        text = base_text(self.base, f"{self.source} {self.id}")
        if not self.replace:
            return text
        head, sep, annex = text.partition(ANNEX)
        if not sep:
            raise CaseError(f"{self.source} {self.id}: the base {self.base!r} has no line 附件1")
        for n, (old, new) in enumerate(self.replace, 1):
            count = annex.count(old)
            if count != 1:
                raise CaseError(f"{self.source} {self.id}: replacement {n}: {old!r} occurs {count} times in the annex"
                                " (after the line 附件1) of the base; it must occur exactly once")
            annex = annex.replace(old, new)
        return head + sep + annex

    def findings(self) -> list:
        """The findings of this case's rule on its document.  On a base with
        replacements, the findings the base itself gives (the sample's rounding
        notices) are not the case's: only what the edit brings is returned."""
        found = _rule_findings(self.document(), self.rule, f"{self.id}.txt")
        if self.text is not None or not self.replace:
            return found  # a whole document, or the base itself: every finding is the case's
        left = list(_base_findings(self.base, self.rule))
        out = []
        for f in found:
            key = _key(f)
            if key in left:
                left.remove(key)
            else:
                out.append(f)
        return out

    def mismatch(self, findings: Iterable) -> str:
        """"" when ``findings`` (of this case's rule) are what the case expects, else why not."""
        findings = list(findings)
        if len(findings) == len(self.expect) and _assign(list(self.expect), findings):
            return ""
        got = "\n".join(f"    {f.severity} {f.location.table} row {f.location.row!r} column {f.location.column!r}: "
                        f"{f.message}" for f in findings) or "    nothing"
        want = "\n".join(f"    {e.describe()}" for e in self.expect) or "    nothing"
        return f"{self.source} {self.id} ({self.why}):\n  expected\n{want}\n  got\n{got}"


def _rule_findings(text: str, rule: str, name: str) -> list:
    from budgetcheck.app.api import verify_text

    return [f for f in verify_text(text, name).findings if f.rule == rule]


def _key(f) -> tuple:
    loc = f.location
    return f.severity, loc.table, loc.row, loc.column, f.message


_BASE_FINDINGS: dict[str, list] = {}


def _base_findings(base: str, rule: str) -> tuple:
    """What the unedited base document gives for this rule (the base is checked once)."""
    if base not in _BASE_FINDINGS:
        from budgetcheck.app.api import verify_text

        _BASE_FINDINGS[base] = verify_text(base_text(base, base), f"{base}.txt").findings
    return tuple(_key(f) for f in _BASE_FINDINGS[base] if f.rule == rule)


def _assign(expect: list[Expected], findings: list) -> bool:
    """Whether each expected entry can be matched with a finding of its own."""
    if not expect:
        return not findings
    first, rest = expect[0], expect[1:]
    for i, f in enumerate(findings):
        if first.matches(f) and _assign(rest, findings[:i] + findings[i + 1:]):
            return True
    return False


@dataclass(frozen=True)
class RuleCases:
    rule: str
    base: str
    fails: tuple[Case, ...]
    passes: tuple[Case, ...]
    source: str = ""

    @property
    def cases(self) -> tuple[Case, ...]:
        return self.fails + self.passes


def base_text(base: str, where: str = "") -> str:
    path = _ROOT / BASES[base]
    if not path.is_file():
        raise CaseError(f"{where}: the base document {base!r} ({BASES[base]}) is not there: cases built on the"
                        " sample need a checkout of the repository (its seeds/ folder)")
    return path.read_text(encoding="utf-8")


def _folder():
    return resources.files(__name__)


def rule_ids() -> list[str]:
    """The rules that have a case file, in order."""
    return sorted(p.name[:-5] for p in _folder().iterdir() if p.name.endswith(".toml"))


def has_cases(rule_id: str) -> bool:
    return _folder().joinpath(f"{rule_id}.toml").is_file()


def load(rule_id: str) -> RuleCases:
    """The cases of one rule, checked; CaseError names the file and the case at fault."""
    name = f"{rule_id}.toml"
    entry = _folder().joinpath(name)
    if not entry.is_file():
        raise CaseError(f"{name}: no case file for {rule_id}")
    try:
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CaseError(f"{name}: not valid TOML: {exc}") from None
    return parse(data, name, rule_id)


def parse(data: dict, name: str, rule_id: str | None = None) -> RuleCases:
    """Check and convert the content of one case file."""
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise CaseError(f"{name}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(_FILE_KEYS))})")
    rule = data.get("rule")
    if not isinstance(rule, str) or not rule:
        raise CaseError(f"{name}: `rule = \"BC…\"` is missing")
    if rule_id is not None and rule != rule_id:
        raise CaseError(f"{name}: says rule = {rule!r}; the file of {rule!r} is {rule}.toml")
    base = data.get("base", "sample")
    if base not in BASES:
        raise CaseError(f"{name}: unknown base {base!r} (known: {', '.join(BASES)})")
    kinds = {}
    for kind in ("fail", "pass"):
        entries = data.get(kind, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise CaseError(f"{name}: `{kind}` must be a list of tables ([[{kind}]])")
        kinds[kind] = tuple(_case(e, rule, kind, n, base, name) for n, e in enumerate(entries, 1))
    return RuleCases(rule, base, kinds["fail"], kinds["pass"], name)


def _case(entry: dict, rule: str, kind: str, number: int, base: str, name: str) -> Case:
    where = f"{name} {rule}-{kind}-{number}"
    unknown = set(entry) - _CASE_KEYS
    if unknown:
        raise CaseError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(_CASE_KEYS))})")
    why = entry.get("why")
    if not isinstance(why, str) or not why.strip():
        raise CaseError(f"{where}: `why` is missing: say in one line what the case shows")
    if "\n" in why.strip():
        raise CaseError(f"{where}: `why` must be one line")
    if "text" in entry and "replace" in entry:
        raise CaseError(f"{where}: give `text` or `replace`, not both")
    text = entry.get("text")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        raise CaseError(f"{where}: `text` must be a non-empty string")
    replace = entry.get("replace", [])
    if not isinstance(replace, list) or not all(
            isinstance(r, list) and len(r) == 2 and all(isinstance(s, str) for s in r) for r in replace):
        raise CaseError(f"{where}: `replace` must be a list of [old, new] pairs of strings")
    for n, (old, new) in enumerate(replace, 1):
        if not old:
            raise CaseError(f"{where}: replacement {n} has an empty old text")
        if old == new:
            raise CaseError(f"{where}: replacement {n} changes nothing")
    if "expect" not in entry:
        raise CaseError(f"{where}: `expect` is missing (`expect = []` when the rule must say nothing)")
    expect = entry["expect"]
    if not isinstance(expect, list) or not all(isinstance(e, dict) for e in expect):
        raise CaseError(f"{where}: `expect` must be a list of inline tables ({{severity = \"error\", table = \"T5\"}})")
    expected = []
    for n, e in enumerate(expect, 1):
        unknown = set(e) - _EXPECT_KEYS
        if unknown:
            raise CaseError(f"{where}: expected finding {n}: unknown key(s) {', '.join(sorted(unknown))}"
                            f" (known: {', '.join(sorted(_EXPECT_KEYS))})")
        if e.get("severity") not in SEVERITIES:
            raise CaseError(f"{where}: expected finding {n}: severity must be one of {', '.join(SEVERITIES)}")
        if not all(isinstance(v, str) for v in e.values()):
            raise CaseError(f"{where}: expected finding {n}: every value must be a string")
        expected.append(Expected(e["severity"], e.get("table"), e.get("row"), e.get("column")))
    serious = [e for e in expected if e.severity != "notice"]
    if kind == "fail" and not serious:
        raise CaseError(f"{where}: a failing case must expect at least one error or warning")
    if kind == "pass" and serious:
        raise CaseError(f"{where}: a passing case may expect notices, never errors or warnings")
    return Case(rule, kind, number, why.strip(), base, tuple((o, n) for o, n in replace), text,
                tuple(expected), name)


def all_files() -> list[RuleCases]:
    return [load(rule_id) for rule_id in rule_ids()]


def all_cases() -> list[Case]:
    """Every case of every file, failing cases first within a rule."""
    return [case for rc in all_files() for case in rc.cases]


# -- describing (for ``budgetcheck explain``) ---------------------------------------

_WORDS = {
    "en": {"fail": "fails", "pass": "passes", "gives": "gives", "nothing": "nothing", "lines": "lines",
           "from": "cases from", "was": "was", "now": "now", "after": "after", "adds": "adds", "removes": "removes",
           "colon": ": "},
    "zh": {"fail": "不通过", "pass": "通过", "gives": "结果", "nothing": "无", "lines": "行", "from": "用例文件",
           "was": "原文", "now": "改为", "after": "在此行后", "adds": "插入", "removes": "删去", "colon": "："},
}
_WIDTH = 100  # of a shown line of a table, cells joined by " | "


def describe(rule_id: str, lang: str = "en") -> str:
    """A rule's cases, for ``explain``: each case's why, its edit (or the first lines
    of its text) and the findings it gives.  "" when the rule has no case file."""
    if not has_cases(rule_id):
        return ""
    words = _WORDS.get(lang, _WORDS["en"])
    colon = words["colon"]
    rc = load(rule_id)
    out = []
    for case in rc.cases:
        out.append(f"  {words[case.kind]} {case.number}{colon}{case.why}")
        if case.text is not None:
            lines = [line for line in case.text.strip().splitlines() if line.strip()]
            out += [f"      {_clip(_show(line))}" for line in lines[:3]]
            if len(lines) > 3:  # and its last line: where a text ends can be the point
                out.append(f"      … ({len(lines)} {words['lines']})")
                out.append(f"      {_clip(_show(lines[-1]))}")
        else:
            for old, new in case.replace:
                out += [f"      {line}" for line in _edit(old, new, words)]
        gives = "; ".join(_describe_expected(e, lang) for e in case.expect) or words["nothing"]
        out.append(f"      {words['gives']}{colon}{gives}")
    out.append(f"  ({words['from']} rules/cases/{rc.source})")
    return "\n".join(out) + "\n"


def _describe_expected(e: Expected, lang: str) -> str:
    if lang == "zh":
        from budgetcheck.core.i18n import word

        where = [e.table or "", f"行 {e.row}" if e.row else "", f"列 {e.column}" if e.column else ""]
        return " ".join([word(e.severity, "zh"), *(w for w in where if w)])
    return e.describe()


def _show(line: str) -> str:
    """One line of a table for the eye: its cells joined by `` | ``."""
    return " | ".join(cell.strip() for cell in line.split("\t")).strip()


def _clip(text: str) -> str:
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"


def _cells(line: str, other: str) -> tuple[str, str]:
    """Two versions of a line, a long run of cells they share before the change left out
    (the first cell, usually the code, is kept)."""
    a, b = line.split("\t"), other.split("\t")
    shown = _show(line), _show(other)
    if max(len(s) for s in shown) <= _WIDTH:
        return shown
    same = 0
    while same < min(len(a), len(b)) and a[same] == b[same]:
        same += 1
    keep = max(1, same - 1)
    if keep > 1:
        a, b = a[:1] + ["…"] + a[keep:], b[:1] + ["…"] + b[keep:]
    return _clip(_show("\t".join(a))), _clip(_show("\t".join(b)))


def _edit(old: str, new: str, words: dict[str, str]) -> list[str]:
    """A replacement as a reader sees it: the line(s) before and after, or what is
    inserted after which line, or what is removed."""
    o, n = old.split("\n"), new.split("\n")
    start = 0
    while start < min(len(o), len(n)) and o[start] == n[start]:
        start += 1
    end = 0
    while end < min(len(o), len(n)) - start and o[len(o) - 1 - end] == n[len(n) - 1 - end]:
        end += 1
    was = [line for line in o[start:len(o) - end] if line.strip()]
    now = [line for line in n[start:len(n) - end] if line.strip()]
    colon = words["colon"]
    if not was and not now:  # only blank lines change
        return [f"{words['was']}{colon}{_clip(_show(old))!r}", f"{words['now']}{colon}{_clip(_show(new))!r}"]
    if not was:
        before = next((line for line in reversed(o[:start]) if line.strip()), "")
        return ([f"{words['after']}{colon}{_clip(_show(before))}"] if before else []) + \
            [f"{words['adds']}{colon}{_clip(_show(line))}" for line in now]
    if not now:
        return [f"{words['removes']}{colon}{_clip(_show(line))}" for line in was[:3]] + \
            ([f"{words['removes']}{colon}… ({len(was)} {words['lines']})"] if len(was) > 3 else [])
    if len(was) == 1 and len(now) == 1:
        a, b = _cells(was[0], now[0])
        return [f"{words['was']}{colon}{a}", f"{words['now']}{colon}{b}"]
    return ([f"{words['was']}{colon}{_clip(_show(line))}" for line in was]
            + [f"{words['now']}{colon}{_clip(_show(line))}" for line in now])


__all__ = ["ANNEX", "BASES", "Case", "CaseError", "Expected", "RuleCases", "all_cases", "all_files", "describe",
           "has_cases", "load", "parse", "rule_ids"]
