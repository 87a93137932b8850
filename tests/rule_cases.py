"""Running a rule case (src/budgetcheck/rules/cases/*.toml, FORMAT.md there): the
package reads and checks the files (``budgetcheck.rules.cases``); building their
workbooks, verifying their documents, applying their waivers, comparing two of them
happens here, above every layer, as the command line does it.

``findings(case)`` gives the findings of the case's rule that the case is about, and
``mismatch(case)`` says how they differ from its ``expect`` ("" when they do not).  A
case that edits its base (``replace``, ``replace_prose``, the edits of a ``workbook``)
is about what the edit brings: the findings the unedited base gives too, checked with
the same settings, are left out.  Each base is verified once (per settings) and reused.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
import zipfile
from collections import Counter
from io import BytesIO
from pathlib import Path

from budgetcheck.app import waivers as waiver_files
from budgetcheck.app.api import DocumentReport, verify_path, verify_text
from budgetcheck.cli.run import _cross, _ran
from budgetcheck.engine import Settings
from budgetcheck.rules import REGISTRY
from budgetcheck.rules.cases import WORKBOOK_EDITS, Case, CaseError

#: how a rule's ``documents`` are run together, by the rule's group
CROSS_GROUPS = {"narrative"}  # BC214: budgetcheck verify --cross doc1 doc2 …
DIFF_GROUPS = {"diff"}  # BC301-BC303: budgetcheck diff doc1 doc2
#: rules about tables: a case's own text must be read as tables it recognises
READ_GROUPS = {"tables"}


def settings_of(case: Case) -> Settings:
    fields = {f.name for f in dataclasses.fields(Settings)}
    unknown = set(case.options) - fields
    if unknown:
        raise CaseError(f"{case.where}: options: unknown setting(s) {', '.join(sorted(unknown))} "
                        f"(engine.Settings has {', '.join(sorted(fields))})")
    return Settings(**case.options)


def _options_key(case: Case) -> tuple:
    return tuple(sorted(case.options.items()))


def findings(case: Case) -> list:
    """The findings of the case's rule this case is about."""
    found = [f for f in _run(case) if f.rule == case.rule]
    if not case.edited:
        return found  # a whole text, several documents, the base as it is: every finding counts
    left = Counter(_key(f) for f in _unedited(case) if f.rule == case.rule)
    out = []
    for f in found:
        if left[_key(f)]:
            left[_key(f)] -= 1
        else:
            out.append(f)
    return out


def mismatch(case: Case) -> str:
    return case.mismatch(findings(case))


def _key(f) -> tuple:
    """A finding, whatever line it moved to (an edit of the prose moves the lines after it)."""
    loc = f.location
    return f.severity, loc.table, loc.row, loc.column, loc.cell, f.message


def _checked(report: DocumentReport, where: str) -> DocumentReport:
    if report.error:
        raise CaseError(f"{where}: the document was not verified: {report.error}")
    return report


# -- one document -------------------------------------------------------------------

_VERIFIED: dict[tuple, DocumentReport] = {}


def _verified(text: str, case: Case) -> DocumentReport:
    """``verify_text`` of this text with the case's settings, once per text and settings
    (the base as it is serves every case made from it)."""
    key = (text, _options_key(case))
    if key not in _VERIFIED:
        _VERIFIED[key] = _checked(verify_text(text, "case.txt", settings_of(case)), case.where)
    return _VERIFIED[key]


def _unedited(case: Case) -> list:
    """What the base of an edit case gives without the edit."""
    if case.workbook is not None:
        plain = {k: v for k, v in case.workbook.items() if k not in WORKBOOK_EDITS}
        return _workbook_findings(dataclasses.replace(case, workbook=plain))
    return _verified(dataclasses.replace(case, replace=(), replace_prose=()).document(), case).findings


def _read_as_written(report: DocumentReport, case: Case) -> None:
    """A table rule's own document is read as the tables it was written to be: a table
    whose title no template recognises, or a rule left without the tables it needs,
    would let a passing case pass on nothing."""
    unknown = [t.title for t in report.tables if not t.role]
    if not report.tables or unknown:
        raise CaseError(f"{case.where}: " + (f"a table was not recognised: {'; '.join(unknown)}" if unknown
                                              else "no table was read from the text"))
    missing = dict(report.skipped).get(case.rule)
    if missing is not None:
        raise CaseError(f"{case.where}: {case.rule} did not run: the text has no {'/'.join(missing)}")


def _run(case: Case) -> list:
    if case.run == "documents":
        return _documents(case)
    if case.run == "workbook":
        return _workbook_findings(case)
    report = _verified(case.document(), case)
    if case.text is not None and REGISTRY[case.rule].group in READ_GROUPS:
        _read_as_written(report, case)
    if case.run == "waivers":
        return _waived(report, case)
    return report.findings


# -- waivers: budgetcheck verify --waivers FILE -----------------------------------------

def _waived(report: DocumentReport, case: Case) -> list:
    settings = settings_of(case)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "waivers.toml"
        path.write_text(case.waivers, encoding="utf-8")
        reports = waiver_files.apply([report], waiver_files.load(path), set(_ran(settings)), settings.severity)
    return [f for r in reports for f in r.findings if not f.suppressed]


# -- several documents: verify --cross, or diff -----------------------------------------

def _documents(case: Case) -> list:
    settings = settings_of(case)
    group = REGISTRY[case.rule].group
    texts = case.texts()
    if group in CROSS_GROUPS:
        reports = [_checked(verify_text(t, f"doc{k}.txt", settings), f"{case.where} document {k}")
                   for k, t in enumerate(texts, 1)]
        return [f for r in _cross(reports, settings) for f in r.findings]
    if group in DIFF_GROUPS:
        from budgetcheck.diff import diff_documents, read_year

        if len(texts) != 2:
            raise CaseError(f"{case.where}: {case.rule} compares two documents (budgetcheck diff OLD NEW), "
                            f"not {len(texts)}")
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for k, t in enumerate(texts, 1):
                paths.append(Path(tmp) / f"doc{k}.txt")
                paths[-1].write_text(t, encoding="utf-8")
            old, new = (read_year([p]) for p in paths)
            with settings.rounding_policy():
                return diff_documents(old, new, settings).findings
    raise CaseError(f"{case.where}: `documents` are run with --cross (group narrative: BC214) or by diff "
                    f"(group diff); {case.rule} is of group {group!r}")


# -- a workbook: the sample exported, then changed ----------------------------------------

_WORKBOOKS: dict[tuple, list] = {}


def _workbook_findings(case: Case) -> list:
    key = (repr(sorted(case.workbook.items())), _options_key(case))
    if key not in _WORKBOOKS:
        with tempfile.TemporaryDirectory() as tmp:
            path = build_workbook(case, Path(tmp))
            _WORKBOOKS[key] = _checked(verify_path(str(path), settings_of(case)), case.where).findings
    return _WORKBOOKS[key]


def build_workbook(case: Case, folder: Path) -> Path:
    """tests/xlsx_builders.build with the case's layout, then its formulas and hidden sheet."""
    from .xlsx_builders import build

    spec = case.workbook
    kwargs = {k: spec[k] for k in ("formulas", "stacked", "split") if k in spec}
    if "miss" in spec:
        kwargs["miss"] = tuple(spec["miss"])
    for k in ("hide_rows", "hide_cols"):
        if k in spec:
            kwargs[k] = tuple(tuple(c) for c in spec[k])
    path = folder / "case.xlsx"
    try:
        built = build(path, **kwargs)
    except KeyError as exc:
        raise CaseError(f"{case.where}: workbook: no cell {exc} in the export") from None
    data = path.read_bytes()
    for table, row, column, formula in spec.get("formula", []):
        ref = _ref(built, (table, row, column), case)
        data = set_formula(data, ref, formula.replace("{r}", re.sub(r"\D", "", ref.split("!")[1])), case)
    if "hide_sheet" in spec:
        data = hide_sheet(data, _ref(built, tuple(spec["hide_sheet"]), case).split("!")[0], case)
    path.write_bytes(data)
    return path


def _ref(built, cell: tuple, case: Case) -> str:
    ref = built.cells.get(cell)
    if not ref:
        raise CaseError(f"{case.where}: workbook: {list(cell)} names no single cell of the export")
    return ref


def _rewrite(data: bytes, part: str, change) -> bytes:
    """The workbook with one of its parts changed, every other part as it was (a load and
    save through openpyxl would drop the values Excel saved)."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            raw = source.read(info.filename)
            target.writestr(info, change(raw) if info.filename == part else raw)
    return out.getvalue()


def set_formula(data: bytes, ref: str, formula: str, case: Case) -> bytes:
    """The cell gets this formula and keeps its saved value (as Excel saves it)."""
    from budgetcheck.readers.xlsx_parts import sheet_parts

    sheet, coord = ref.split("!")
    part = sheet_parts(zipfile.ZipFile(BytesIO(data)))[sheet][0]
    pattern = re.compile(rb'<c r="' + coord.encode() + rb'"([^>]*?)>(?:<f>.*?</f>)?(<v>.*?</v>)</c>', re.S)
    f = formula.lstrip("=").replace("&", "&amp;").replace("<", "&lt;").encode()

    def change(raw: bytes) -> bytes:
        raw, n = pattern.subn(lambda m: b'<c r="' + coord.encode() + b'"' + m.group(1) + b"><f>" + f + b"</f>"
                              + m.group(2) + b"</c>", raw, count=1)
        if n != 1:
            raise CaseError(f"{case.where}: workbook.formula: no cell with a value at {ref}")
        return raw
    return _rewrite(data, part, change)


def hide_sheet(data: bytes, sheet: str, case: Case) -> bytes:
    def change(raw: bytes) -> bytes:
        m = re.search(rb'<sheet [^>]*name="' + re.escape(sheet.encode()) + rb'"[^>]*/>', raw)
        if not m:
            raise CaseError(f"{case.where}: workbook.hide_sheet: no sheet {sheet!r}")
        tag = re.sub(rb'\s+state="[^"]*"', b"", m.group(0)).replace(b"<sheet ", b'<sheet state="hidden" ', 1)
        return raw[:m.start()] + tag + raw[m.end():]
    return _rewrite(data, "xl/workbook.xml", change)
