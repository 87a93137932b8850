"""Each rule's cases as data: ``rules/cases/BC101.toml`` holds the failing and passing
cases of BC101, with the findings each must give.  The format is described, for a
finance officer adding a case, in ``rules/cases/FORMAT.md``.

This module reads and checks the files and describes their cases (``budgetcheck
explain``); it needs neither ``seeds/`` nor anything above the rules.  Building a case's
documents from the bundled sample needs a checkout of the repository (``seeds/``);
running a case (verifying its documents, applying its waivers, comparing two of them)
is the tests' business: ``tests/rule_cases.py``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

ANNEX = "附件1\n"
#: base documents, relative to the repository's root
BASES = {"sample": "seeds/2023-xiamen-hrss-budget.txt", "sample-2022": "seeds/2022-xiamen-hrss-budget.txt",
         "final": "seeds/2023-xiamen-hrss-final.txt"}
#: The line where each base's tables begin: ``replace_prose`` edits what is before it,
#: ``replace`` what is after it (the budgets' 附件1, the final accounts' 第四部分 报表).
SPLITS = {"final": "\n第四部分 2023年度部门决算报表\n"}
SEVERITIES = ("error", "warning", "notice")
_FILE_KEYS = {"rule", "base", "fail", "pass"}
_CASE_KEYS = {"why", "expect", "base", "replace", "replace_prose", "text", "options", "documents", "workbook", "waivers"}
_DOCUMENT_KEYS = {"base", "replace", "replace_prose", "text"}
_EXPECT_KEYS = {"severity", "table", "row", "column", "line", "cell"}
#: what ``workbook`` may say (tests/xlsx_builders.build and the edits made after it)
WORKBOOK_KEYS = {"formulas", "miss", "formula", "hide_rows", "hide_cols", "hide_sheet", "stacked", "split"}
#: of those, the edits: the ones that change the plain export
WORKBOOK_EDITS = {"miss", "formula", "hide_rows", "hide_cols", "hide_sheet"}
#: the base a workbook is exported from (tests/xlsx_builders exports the 2023 sample)
WORKBOOK_BASE = "sample"
#: Where seeds/ is: the checkout this file is in (src/budgetcheck/rules/cases/), else the
#: working folder (an installed package run from a checkout, as CI runs the tests).
_ROOT = next((p for p in (Path(__file__).resolve().parents[4], Path.cwd()) if (p / "seeds").is_dir()),
             Path(__file__).resolve().parents[4])

Pairs = tuple[tuple[str, str], ...]


class CaseError(ValueError):
    """A case file that is not well formed, or a case whose document cannot be built."""


@dataclass(frozen=True)
class Expected:
    """One finding a case must give: its severity, and where (each key optional)."""

    severity: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    line: int | None = None
    cell: str | None = None

    def matches(self, finding) -> bool:
        loc = finding.location
        if finding.severity != self.severity:
            return False
        if self.table is not None and loc.table != self.table:
            return False
        if self.row is not None and self.row not in (loc.row, _code(loc.row)) and not (
                loc.table == "narrative" and self.row and self.row in loc.row):
            return False
        if self.column is not None and self.column not in (loc.column, loc.column.rsplit("/", 1)[-1]):
            return False
        if self.line is not None and loc.line != self.line:
            return False
        if self.cell is not None and loc.cell != self.cell:
            return False
        return True

    def describe(self) -> str:
        where = [self.table or "", f"row {self.row}" if self.row else "", f"column {self.column}" if self.column else "",
                 f"line {self.line}" if self.line is not None else "", f"cell {self.cell}" if self.cell else ""]
        return " ".join([self.severity, *(w for w in where if w)])


def _code(row: str) -> str:
    """The code of a row label such as ``2080101 行政运行``."""
    return row.split(maxsplit=1)[0] if row.strip() else ""


@dataclass(frozen=True)
class Source:
    """One document of a case: a base with replacements, or a whole text."""

    base: str
    replace: Pairs = ()
    replace_prose: Pairs = ()
    text: str | None = None

    @property
    def edited(self) -> bool:
        return self.text is None and bool(self.replace or self.replace_prose)

    def build(self, where: str) -> str:
        """The text of this document: its own text, or the base with its replacements
        (``replace_prose`` before the line 附件1, ``replace`` after it)."""
        if self.text is not None:
            return self.text
        text = base_text(self.base, where)
        if not self.edited:
            return text
        split = SPLITS.get(self.base, ANNEX)
        head, sep, annex = text.partition(split)
        if not sep:
            raise CaseError(f"{where}: the base {self.base!r} has no line {split.strip()}")
        head = _replaced(head, self.replace_prose, f"{where}: replace_prose", "before the line 附件1 (the 说明)")
        annex = _replaced(annex, self.replace, f"{where}: replace", "in the annex (after the line 附件1)")
        return head + sep + annex


def _replaced(text: str, pairs: Pairs, where: str, part: str) -> str:
    for n, (old, new) in enumerate(pairs, 1):
        count = text.count(old)
        if count != 1:
            raise CaseError(f"{where} {n}: {old!r} occurs {count} times {part} of the base; it must occur exactly once")
        text = text.replace(old, new)
    return text


@dataclass(frozen=True, eq=False)
class Case:
    rule: str
    kind: str  # "fail" | "pass"
    number: int  # 1, 2 … within its kind
    why: str
    base: str
    replace: Pairs = ()
    text: str | None = None
    expect: tuple[Expected, ...] = ()
    source: str = ""  # the file's name, for messages
    replace_prose: Pairs = ()
    options: dict = field(default_factory=dict)  # engine settings (Settings fields)
    documents: tuple[Source, ...] = ()  # several documents run together
    workbook: dict | None = None  # the sample exported to a workbook, then changed
    waivers: str | None = None  # the text of a waiver file applied to the run

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.kind}-{self.number}"

    @property
    def where(self) -> str:
        return f"{self.source} {self.id}"

    @property
    def run(self) -> str:
        """How the case is run: ``documents``, ``workbook``, ``waivers`` or ``document``."""
        if self.documents:
            return "documents"
        if self.workbook is not None:
            return "workbook"
        if self.waivers is not None:
            return "waivers"
        return "document"

    @property
    def single(self) -> Source:
        """The one document of a case that is not a list of ``documents``."""
        return Source(self.base, self.replace, self.replace_prose, self.text)

    @property
    def edited(self) -> bool:
        """Whether the case is an edit of the base (its replacements, or the edits of its
        workbook): its expected findings are then only those the edit brings, the ones
        the unedited base gives too being left out.  A whole text, a list of documents
        and the base as it is are compared with everything the rule says."""
        if self.documents:
            return False
        if self.workbook is not None:
            return bool(set(self.workbook) & WORKBOOK_EDITS)
        return self.single.edited

    def document(self) -> str:
        """The text of this case's document: its own text, or the base with its replacements."""
        return self.single.build(self.where)

    def texts(self) -> list[str]:
        """The text of each of its ``documents``."""
        return [d.build(f"{self.where} document {k}") for k, d in enumerate(self.documents, 1)]

    def mismatch(self, findings: Iterable) -> str:
        """"" when ``findings`` (of this case's rule) are what the case expects, else why not."""
        findings = list(findings)
        if len(findings) == len(self.expect) and _assign(list(self.expect), findings):
            return ""
        got = "\n".join(f"    {f.severity} {f.location.table} row {f.location.row!r} column {f.location.column!r}"
                        + (f" line {f.location.line}" if f.location.line else "")
                        + (f" cell {f.location.cell}" if f.location.cell else "")
                        + f": {f.message}" for f in findings) or "    nothing"
        want = "\n".join(f"    {e.describe()}" for e in self.expect) or "    nothing"
        return f"{self.where} ({self.why}):\n  expected\n{want}\n  got\n{got}"


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


def _unknown(keys: Iterable[str], known: set[str], where: str) -> None:
    unknown = set(keys) - known
    if unknown:
        raise CaseError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(known))})")


def parse(data: dict, name: str, rule_id: str | None = None) -> RuleCases:
    """Check and convert the content of one case file."""
    _unknown(data, _FILE_KEYS, name)
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


def _pairs(entry: dict, key: str, where: str) -> Pairs:
    pairs = entry.get(key, [])
    if not isinstance(pairs, list) or not all(
            isinstance(r, list) and len(r) == 2 and all(isinstance(s, str) for s in r) for r in pairs):
        raise CaseError(f"{where}: `{key}` must be a list of [old, new] pairs of strings")
    for n, (old, new) in enumerate(pairs, 1):
        if not old:
            raise CaseError(f"{where}: `{key}` {n} has an empty old text")
        if old == new:
            raise CaseError(f"{where}: `{key}` {n} changes nothing")
    return tuple((o, n) for o, n in pairs)


def _source(entry: dict, base: str, where: str) -> Source:
    """A document given by ``text`` or by ``base`` + ``replace``/``replace_prose``."""
    text = entry.get("text")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        raise CaseError(f"{where}: `text` must be a non-empty string")
    if text is not None and ("replace" in entry or "replace_prose" in entry or "base" in entry):
        raise CaseError(f"{where}: give `text` or a base with `replace`/`replace_prose`, not both")
    base = entry.get("base", base)
    if base not in BASES:
        raise CaseError(f"{where}: unknown base {base!r} (known: {', '.join(BASES)})")
    return Source(base, _pairs(entry, "replace", where), _pairs(entry, "replace_prose", where), text)


def _cell(value, where: str) -> tuple[str, str, str]:
    if not (isinstance(value, list) and len(value) == 3 and all(isinstance(v, str) for v in value)):
        raise CaseError(f"{where} must be a cell: [table, row, column label], e.g. [\"T5\", \"20801\", \"合计\"]")
    return tuple(value)


def _workbook(spec, where: str) -> dict:
    if not isinstance(spec, dict):
        raise CaseError(f"{where}: `workbook` must be a table ({{formulas = \"cached\"}}, or {{}} for the plain export)")
    _unknown(spec, WORKBOOK_KEYS, f"{where}: workbook")
    if spec.get("formulas", "cached") not in ("cached", "bare"):
        raise CaseError(f"{where}: workbook.formulas must be \"cached\" or \"bare\"")
    if "miss" in spec:
        _cell(spec["miss"], f"{where}: workbook.miss")
        if not spec.get("formulas"):
            raise CaseError(f"{where}: workbook.miss needs workbook.formulas (a SUM to leave a row out of)")
    if "hide_sheet" in spec:
        _cell(spec["hide_sheet"], f"{where}: workbook.hide_sheet")
    for key in ("hide_rows", "hide_cols"):
        if key in spec:
            if not isinstance(spec[key], list) or not spec[key]:
                raise CaseError(f"{where}: workbook.{key} must be a list of cells [[table, row, column], …]")
            for n, c in enumerate(spec[key], 1):
                _cell(c, f"{where}: workbook.{key} {n}")
    if "formula" in spec:
        entries = spec["formula"]
        if not isinstance(entries, list) or not entries or not all(
                isinstance(e, list) and len(e) == 4 and all(isinstance(v, str) for v in e) and e[3].startswith("=")
                for e in entries):
            raise CaseError(f"{where}: workbook.formula must be a list of [table, row, column, \"=…\"]")
    if "stacked" in spec and not isinstance(spec["stacked"], bool):
        raise CaseError(f"{where}: workbook.stacked must be true or false")
    if "split" in spec and spec["split"] not in ("blank", "full", "numbers"):
        raise CaseError(f"{where}: workbook.split must be \"blank\", \"full\" or \"numbers\"")
    return dict(spec)


def _options(options, where: str) -> dict:
    """Engine settings by name (that each is a field of ``engine.Settings`` the runner
    checks: the engine is above this module); a TOML list becomes a tuple."""
    if not isinstance(options, dict) or not all(isinstance(k, str) and k.isidentifier() for k in options):
        raise CaseError(f"{where}: `options` must be a table of settings ({{require_tables = true}})")
    out = {}
    for key, value in options.items():
        if isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                raise CaseError(f"{where}: options.{key} must be a list of strings")
            value = tuple(value)
        elif not isinstance(value, (str, bool, int, float)):
            raise CaseError(f"{where}: options.{key} must be a string, a number, true/false or a list")
        out[key] = value
    return out


def _case(entry: dict, rule: str, kind: str, number: int, base: str, name: str) -> Case:
    where = f"{name} {rule}-{kind}-{number}"
    _unknown(entry, _CASE_KEYS, where)
    why = entry.get("why")
    if not isinstance(why, str) or not why.strip():
        raise CaseError(f"{where}: `why` is missing: say in one line what the case shows")
    if "\n" in why.strip():
        raise CaseError(f"{where}: `why` must be one line")
    single = {k for k in ("text", "replace", "replace_prose") if k in entry}
    if "text" in entry and single - {"text"}:
        raise CaseError(f"{where}: give `text` or `replace`/`replace_prose`, not both")
    if "base" in entry:  # this case's base instead of the file's
        if "text" in entry or "documents" in entry:
            raise CaseError(f"{where}: `base` is for a case made by edits, not with `text` or `documents`")
        base = entry["base"]
        if base not in BASES:
            raise CaseError(f"{where}: unknown base {base!r} (known: {', '.join(BASES)})")
    documents: tuple[Source, ...] = ()
    if "documents" in entry:
        others = single | {k for k in ("workbook", "waivers") if k in entry}
        if others:
            raise CaseError(f"{where}: `documents` gives every document: no {', '.join(sorted(others))} beside it")
        entries = entry["documents"]
        if not isinstance(entries, list) or len(entries) < 2 or not all(isinstance(d, dict) for d in entries):
            raise CaseError(f"{where}: `documents` must be a list of at least two documents ({{base = …}}, {{text = …}})")
        for k, d in enumerate(entries, 1):
            _unknown(d, _DOCUMENT_KEYS, f"{where} document {k}")
        documents = tuple(_source(d, base, f"{where} document {k}") for k, d in enumerate(entries, 1))
    single_doc = _source({k: entry[k] for k in single}, base, where)
    workbook = None
    if "workbook" in entry:
        if single or "waivers" in entry:
            raise CaseError(f"{where}: a `workbook` case is the sample exported and changed: no "
                            f"{', '.join(sorted(single | ({'waivers'} & set(entry))))} beside it")
        if base != WORKBOOK_BASE:
            raise CaseError(f"{where}: a `workbook` is exported from the base {WORKBOOK_BASE!r}, not {base!r}")
        workbook = _workbook(entry["workbook"], where)
    waivers = entry.get("waivers")
    if waivers is not None and (not isinstance(waivers, str) or "[[waiver]]" not in waivers):
        raise CaseError(f"{where}: `waivers` must be the text of a waiver file (with its [[waiver]] entries)")
    options = _options(entry.get("options", {}), where)
    if "expect" not in entry:
        raise CaseError(f"{where}: `expect` is missing (`expect = []` when the rule must say nothing)")
    expect = entry["expect"]
    if not isinstance(expect, list) or not all(isinstance(e, dict) for e in expect):
        raise CaseError(f"{where}: `expect` must be a list of inline tables ({{severity = \"error\", table = \"T5\"}})")
    expected = []
    for n, e in enumerate(expect, 1):
        _unknown(e, _EXPECT_KEYS, f"{where}: expected finding {n}")
        if e.get("severity") not in SEVERITIES:
            raise CaseError(f"{where}: expected finding {n}: severity must be one of {', '.join(SEVERITIES)}")
        if "line" in e and (not isinstance(e["line"], int) or isinstance(e["line"], bool) or e["line"] < 1):
            raise CaseError(f"{where}: expected finding {n}: line must be a line number (1, 2 …)")
        if not all(isinstance(v, str) for k, v in e.items() if k != "line"):
            raise CaseError(f"{where}: expected finding {n}: every value but line must be a string")
        expected.append(Expected(e["severity"], e.get("table"), e.get("row"), e.get("column"), e.get("line"),
                                 e.get("cell")))
    serious = [e for e in expected if e.severity != "notice"]
    if kind == "fail" and not serious:
        raise CaseError(f"{where}: a failing case must expect at least one error or warning")
    if kind == "pass" and serious:
        raise CaseError(f"{where}: a passing case may expect notices, never errors or warnings")
    return Case(rule, kind, number, why.strip(), base, single_doc.replace, single_doc.text, tuple(expected), name,
                single_doc.replace_prose, options, documents, workbook, waivers)


def all_files() -> list[RuleCases]:
    return [load(rule_id) for rule_id in rule_ids()]


def all_cases() -> list[Case]:
    """Every case of every file, failing cases first within a rule."""
    return [case for rc in all_files() for case in rc.cases]


# -- describing (for ``budgetcheck explain``) ---------------------------------------

_WORDS = {
    "en": {"fail": "fails", "pass": "passes", "gives": "gives", "nothing": "nothing", "lines": "lines",
           "from": "cases from", "was": "was", "now": "now", "after": "after", "adds": "adds", "removes": "removes",
           "colon": ": ", "prose": "in the 说明 (before 附件1):", "options": "settings", "document": "document",
           "documents": "documents, in this order:", "text": "a text of", "base": "the base", "as_is": "as published",
           "waivers": "waiver file", "workbook": "workbook: the sample exported to .xlsx",
           "cached": "totals are SUM formulas, with the values Excel saves",
           "bare": "totals are SUM formulas, without saved values",
           "miss": "the SUM of {table} row {row} column {column} leaves out its last row",
           "formula": "{table} row {row} column {column} gets the formula {f} (of its own row)",
           "hide_rows": "{table} row {row} is hidden", "hide_cols": "{table} column {column} is hidden",
           "hide_sheet": "the sheet of {table} is hidden", "stacked": "several tables to a sheet",
           "split": "codes split over 类/款/项 ({how})"},
    "zh": {"fail": "不通过", "pass": "通过", "gives": "结果", "nothing": "无", "lines": "行", "from": "用例文件",
           "was": "原文", "now": "改为", "after": "在此行后", "adds": "插入", "removes": "删去", "colon": "：",
           "prose": "说明部分（附件1之前）：", "options": "设置", "document": "文件", "documents": "多个文件，按此顺序：",
           "text": "一段文本，共", "base": "底本", "as_is": "原样", "waivers": "豁免文件",
           "workbook": "工作簿：样本导出为 .xlsx", "cached": "合计为 SUM 公式，带 Excel 保存的值",
           "bare": "合计为 SUM 公式，不带保存的值", "miss": "{table} 行 {row} 列 {column} 的 SUM 漏掉最后一行",
           "formula": "{table} 行 {row} 列 {column} 的公式改为 {f}（本行各列）", "hide_rows": "{table} 行 {row} 隐藏",
           "hide_cols": "{table} 列 {column} 隐藏", "hide_sheet": "{table} 所在工作表隐藏",
           "stacked": "多张表同在一个工作表", "split": "科目编码拆为类/款/项（{how}）"},
}
_WIDTH = 100  # of a shown line of a table, cells joined by " | "


def describe(rule_id: str, lang: str = "en") -> str:
    """A rule's cases, for ``explain``: each case's why, what it is made of (its edits,
    the first lines of its text, its documents, its workbook, its waiver file, its
    settings) and the findings it gives.  "" when the rule has no case file."""
    if not has_cases(rule_id):
        return ""
    words = _WORDS.get(lang, _WORDS["en"])
    colon = words["colon"]
    rc = load(rule_id)
    out = []
    for case in rc.cases:
        out.append(f"  {words[case.kind]} {case.number}{colon}{case.why}")
        body: list[str] = []
        if case.options:
            body.append(f"{words['options']}{colon}" + ", ".join(f"{k} = {_value(v)}" for k, v in case.options.items()))
        if case.documents:
            body.append(words["documents"])
            for k, doc in enumerate(case.documents, 1):
                body.append(f"  {words['document']} {k}{colon}" + _source_head(doc, words))
                body += [f"    {line}" for line in _source_lines(doc, words)]
        elif case.workbook is not None:
            body.append(words["workbook"])
            body += [f"  {part}" for part in _workbook_parts(case.workbook, words)]
        else:
            body += _source_lines(case.single, words) or [_source_head(case.single, words)]
        if case.waivers is not None:
            lines = case.waivers.rstrip().split("\n")
            body.append(f"{words['waivers']}{colon.rstrip()}")
            body += [f"  {n:>2}  {_clip(line)}" for n, line in enumerate(lines, 1) if line.strip()]
        out += [f"      {line}" for line in body]
        gives = "; ".join(_describe_expected(e, lang) for e in case.expect) or words["nothing"]
        out.append(f"      {words['gives']}{colon}{gives}")
    out.append(f"  ({words['from']} rules/cases/{rc.source})")
    return "\n".join(out) + "\n"


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, tuple):
        return ", ".join(v)
    return str(v)


def _source_head(doc: Source, words: dict[str, str]) -> str:
    if doc.text is not None:
        return f"{words['text']} {len([x for x in doc.text.splitlines() if x.strip()])} {words['lines']}"
    return f"{words['base']} {doc.base} ({BASES[doc.base]})" + ("" if doc.edited else f", {words['as_is']}")


def _source_lines(doc: Source, words: dict[str, str]) -> list[str]:
    """A document as a reader sees it: the first lines of its text (and its last), or
    the edits of its base."""
    out = []
    if doc.text is not None:
        lines = [line for line in doc.text.strip().splitlines() if line.strip()]
        out += [_clip(_show(line)) for line in lines[:3]]
        if len(lines) > 3:  # and its last line: where a text ends can be the point
            out.append(f"… ({len(lines)} {words['lines']})")
            out.append(_clip(_show(lines[-1])))
        return out
    if doc.replace_prose:
        out.append(words["prose"])
        for old, new in doc.replace_prose:
            out += [f"  {line}" for line in _edit(old, new, words)]
    for old, new in doc.replace:
        out += _edit(old, new, words)
    return out


def _workbook_parts(spec: dict, words: dict[str, str]) -> list[str]:
    def cell(c) -> dict[str, str]:
        return dict(zip(("table", "row", "column"), c))

    parts = []
    if spec.get("formulas"):
        parts.append(words[spec["formulas"]])
    if spec.get("stacked"):
        parts.append(words["stacked"])
    if spec.get("split"):
        parts.append(words["split"].format(how=spec["split"]))
    if "miss" in spec:
        parts.append(words["miss"].format(**cell(spec["miss"])))
    for table, row, column, formula in spec.get("formula", []):
        parts.append(words["formula"].format(**cell((table, row, column)), f=formula.replace("{r}", "")))
    for key in ("hide_rows", "hide_cols"):
        parts += [words[key].format(**cell(c)) for c in spec.get(key, [])]
    if "hide_sheet" in spec:
        parts.append(words["hide_sheet"].format(**cell(spec["hide_sheet"])))
    return parts


def _describe_expected(e: Expected, lang: str) -> str:
    if lang == "zh":
        from budgetcheck.core.i18n import word

        where = [e.table or "", f"行 {e.row}" if e.row else "", f"列 {e.column}" if e.column else "",
                 f"第 {e.line} 行" if e.line is not None else "", f"单元格 {e.cell}" if e.cell else ""]
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


__all__ = ["ANNEX", "BASES", "Case", "CaseError", "Expected", "RuleCases", "Source", "WORKBOOK_EDITS", "all_cases",
           "all_files", "describe", "has_cases", "load", "parse", "rule_ids"]
