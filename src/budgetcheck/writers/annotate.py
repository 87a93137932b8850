"""``verify annexes.xlsx --annotate checked.xlsx``: the workbook back, with its errors marked.

A finance officer fixes a workbook, not a report, so the findings are put where the
figures are: each cell a finding names is filled (red for an error, amber for a
warning, grey for a rounding notice) and carries a comment with the rule, the
expected value and the difference; a first sheet, 核对结果, lists every finding with
a link to its cell.  The copy is the original loaded and saved by openpyxl, so its
formulas, number formats, merged cells and column widths stay (with macros for an
.xlsm), and the values Excel saved with its formulas are put back.  The input file is
only read.
"""

from __future__ import annotations

from pathlib import Path

from budgetcheck.core.errors import InputError
from budgetcheck.core.model import Finding
from budgetcheck.writers.cached import with_saved_values
from budgetcheck.writers.package import EPOCH, save

FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "notice": "D9D9D9"}
RANK = {"error": 0, "warning": 1, "notice": 2}
SHEET = "核对结果"
WORDS = {
    "zh": {"error": "错误", "warning": "警告", "notice": "提示", "expected": "应为", "actual": "实际",
           "difference": "差额", "tolerance": "容差",
           "head": ("序号", "级别", "规则", "名称", "表", "行", "列", "单元格", "说明", "应为", "实际", "差额", "容差", "单位")},
    "en": {"error": "error", "warning": "warning", "notice": "notice", "expected": "expected", "actual": "actual",
           "difference": "difference", "tolerance": "tolerance",
           "head": ("no.", "severity", "rule", "name", "table", "row", "column", "cell", "message", "expected",
                    "actual", "difference", "tolerance", "unit")},
}


def split_ref(ref: str) -> tuple[str, str]:
    sheet, _, coord = ref.rpartition("!")
    return sheet, coord


def annotate(source: str | Path, target: str | Path, findings: list[Finding], lang: str = "zh") -> int:
    """Write the annotated copy of ``source`` to ``target``; returns the cells marked."""
    from budgetcheck.readers.xlsx import load, sniff

    source, target = Path(source), Path(target)
    if target.resolve() == source.resolve():
        raise InputError(f"{target}: the annotated copy would overwrite the input; give another file name")
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read the file ({exc.strerror})") from None
    sniff(data, str(source))
    macros = b"xl/vbaProject.bin" in data and target.suffix.lower() == ".xlsm"
    book = load(data, str(source), keep_vba=macros, keep_links=True)
    saved = _saved_values(data, str(source), book)
    words = WORDS["zh" if lang == "zh" else "en"]
    marked = _mark(book, findings, words, lang)
    _summary(book, findings, words, lang)
    book.calculation.fullCalcOnLoad = True  # Excel recalculates on opening, as after any edit
    modified = book.properties.modified
    stamp = modified.strftime("%Y-%m-%dT%H:%M:%SZ") if modified else EPOCH
    save(book, target, stamp, lambda raw: with_saved_values(raw, saved))
    return marked


def _saved_values(data: bytes, name: str, book) -> dict[str, dict[str, object]]:
    """The values saved with each formula, to put back after openpyxl writes the copy."""
    from budgetcheck.readers.xlsx import load

    formulas = {ws.title: {c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"}
                for ws in book.worksheets}
    if not any(formulas.values()):
        return {}
    values = load(data, name, data_only=True, read_only=True, keep_links=False)
    out: dict[str, dict[str, object]] = {}
    try:
        for title, coords in formulas.items():
            if not coords:
                continue
            ws = values[title]
            ws.reset_dimensions()
            out[title] = {c.coordinate: c.value for row in ws.iter_rows() for c in row
                          if getattr(c, "coordinate", None) in coords and c.value is not None}
    finally:
        values.close()
    return out


def _comment_text(found: list[Finding], words: dict, lang: str) -> str:
    parts = []
    for f in found:
        text = f"{f.rule} {f.name} · {words[f.severity]}\n{f.message_zh if lang == 'zh' else f.message}"
        if f.expected or f.actual:
            text += (f"\n{words['expected']} {f.expected}  {words['actual']} {f.actual}  "
                     f"{words['difference']} {f.difference}  {words['tolerance']} ±{f.tolerance} {f.unit}")
        parts.append(text)
    return "\n\n".join(parts)


def _mark(book, findings: list[Finding], words: dict, lang: str) -> int:
    from openpyxl.cell.cell import MergedCell
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        sheet, coord = split_ref(f.location.cell)
        if coord and sheet in book.sheetnames:
            by_cell.setdefault((sheet, coord), []).append(f)
    for (sheet, coord), found in sorted(by_cell.items()):
        found.sort(key=lambda f: (RANK[f.severity], f.rule, f.message))
        ws = book[sheet]
        cell = ws[coord]
        if isinstance(cell, MergedCell):  # a merged range is marked at its top-left cell
            span = next(r for r in ws.merged_cells.ranges if coord in r)
            cell = ws.cell(span.min_row, span.min_col)
        colour = FILLS[found[0].severity]
        cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        text = _comment_text(found, words, lang)
        if cell.comment is not None:
            text = f"{cell.comment.text}\n\n{text}"
        lines = sum(1 + len(line) // 40 for line in text.splitlines())
        cell.comment = Comment(text, "budgetcheck", height=min(600, 24 + 16 * lines), width=380)
    return len(by_cell)


def _summary(book, findings: list[Finding], words: dict, lang: str) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    name, n = SHEET, 1
    while name in book.sheetnames:
        n += 1
        name = f"{SHEET} ({n})"
    for ws in book.worksheets:
        ws.sheet_view.tabSelected = False  # else Excel opens with two sheets grouped
    ws = book.create_sheet(name, 0)
    ws.sheet_view.tabSelected = True
    book.active = 0
    ws.append(list(words["head"]))
    for c in ws[1]:
        c.font = Font(bold=True)
    ordered = sorted(findings, key=lambda f: (RANK[f.severity], f.location.cell, f.rule, f.message))
    for k, f in enumerate(ordered, 1):
        loc = f.location
        ws.append([k, words[f.severity], f.rule, f.name, loc.table, loc.row, loc.column, loc.cell,
                   f.message_zh if lang == "zh" else f.message, f.expected, f.actual, f.difference,
                   f.tolerance, f.unit])
        sheet, coord = split_ref(loc.cell)
        if coord and sheet in book.sheetnames:
            link = ws.cell(k + 1, 8)
            quoted = sheet.replace("'", "''")
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!{coord}", display=loc.cell)
            link.style = "Hyperlink"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:N{len(ordered) + 1}"
    for letter, width in zip("ABCDEFGHIJKLMN", (6, 8, 8, 18, 6, 14, 24, 28, 70, 14, 14, 10, 10, 6)):
        ws.column_dimensions[letter].width = width


def is_workbook(path: str) -> bool:
    """A file the annotator can mark: an .xlsx/.xlsm by name, or any zip package."""
    if Path(path).suffix.lower() in (".xlsx", ".xlsm", ".xltx", ".xltm"):
        return True
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def annotate_run(paths: list[str], reports, target: Path, lang: str, together: bool = False) -> None:
    """``verify --annotate``: mark the one workbook or PDF among ``paths`` with its
    findings (waived or baseline findings are not marked).  A usage mistake is a UsageError."""
    from budgetcheck.core.errors import UsageError
    from budgetcheck.writers.annotate_pdf import is_pdf

    books = [p for p in paths if is_workbook(p)]
    pdfs = [p for p in paths if is_pdf(p)]
    if len(books) == 1:
        source = books[0]
    elif not books and len(pdfs) == 1:
        source = pdfs[0]
    else:
        raise UsageError(f"--annotate needs exactly one Excel workbook or PDF among the files checked, not "
                         f"{len(books) + len(pdfs)}; use --annotate-dir for several")
    report = reports[0] if together else next((r for r in reports if r.path == source), None)
    if report is None or report.error:
        return  # the file could not be read: that error is reported already
    _mark_one(source, target, report, lang)


def annotate_dir_run(paths: list[str], reports, folder: Path, lang: str) -> int:
    """``verify --annotate-dir DIR``: one marked copy of each workbook and PDF checked,
    under its own name in DIR; returns how many were written."""
    from budgetcheck.core.errors import UsageError
    from budgetcheck.writers.annotate_pdf import is_pdf

    sources = [p for p in paths if is_workbook(p) or is_pdf(p)]
    names = [Path(p).name for p in sources]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UsageError(f"--annotate-dir: several inputs are named {', '.join(twice)}; annotate them in separate runs")
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for source in sources:
        report = next((r for r in reports if r.path == source), None)
        if report is None or report.error:
            continue
        _mark_one(source, folder / Path(source).name, report, lang)
        written += 1
    return written


def _mark_one(source: str, target: Path, report, lang: str) -> None:
    from budgetcheck.core.errors import UsageError
    from budgetcheck.writers.annotate_pdf import annotate_pdf, is_pdf

    findings = [f for f in report.findings if not f.suppressed]
    try:
        if is_pdf(source):
            annotate_pdf(source, target, findings, lang)
        else:
            annotate(source, target, findings, lang)
    except InputError as exc:
        raise UsageError(str(exc)) from None
