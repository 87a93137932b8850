"""A PDF made here from the 2023 sample's tables reads into the same model and gives
the same findings as the text; changed figures are caught and located to the page.

The PDF is drawn with reportlab (its built-in CID font STSong-Light needs no font
file): ruled tables with merged header cells, several tables on one page, tables
that run over a page break (T3 repeats its header, T5 does not), a running head and
a page footer on every page, and a 目录 page with dotted leaders.  Figures come from
the text reader's model (so the realigned rows are drawn in their right columns),
labels and headers from the sample as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from budgetcheck.app.api import verify_path
from budgetcheck.readers import read_document
from budgetcheck.templates.schema import GRID_ROLES

from .conftest import SAMPLE
from .test_seed import SEED_NOTICES

pytest.importorskip("reportlab")

from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
W, H = 842.0, 595.0
LEFT, RIGHT, TOP, BOTTOM = 40.0, 802.0, 70.0, 535.0
HEAD = "厦门市人力资源和社会保障局2023年部门预算（测试生成）"
REPEAT_HEADER = {"T3"}


def _drawable(line: str) -> str:
    """PDFium drops a lone CJK glyph that reportlab writes in the non-embedded CID font
    (a real PDF embeds its fonts); a trailing space keeps it, and readers strip it."""
    return line + " " if len(line) == 1 else line


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if cur and pdfmetrics.stringWidth(cur + ch, FONT, size) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return [*lines, cur] if cur else lines or [""]


class Writer:
    """A minimal page layout: running head and footer, paragraphs, ruled tables."""

    def __init__(self, path: Path) -> None:
        self.c = Canvas(str(path), pagesize=(W, H))
        self.page = 0
        self.y = TOP
        self.pages_of: dict[str, set[int]] = {}
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        self.c.setFont(FONT, 8)
        self.c.drawString(LEFT, H - 30, HEAD)
        self.c.drawCentredString(W / 2, 25, f"第 {self.page} 页")
        self.y = TOP

    def need(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self._new_page()

    def paragraph(self, text: str, size: float = 10, indent: bool = True, centre: bool = False) -> None:
        self.c.setFont(FONT, size)
        lead = 2 * size if indent else 0
        lines = _wrap(text, RIGHT - LEFT - lead, size)
        rest = "".join(lines[1:])
        lines = [lines[0], *(_wrap(rest, RIGHT - LEFT, size) if rest else [])]
        for k, line in enumerate(lines):
            self.need(size * 1.5)
            if centre:
                self.c.drawCentredString(W / 2, H - self.y - size, line)
            else:
                self.c.drawString(LEFT + (lead if k == 0 else 0), H - self.y - size, _drawable(line))
            self.y += size * 1.5

    def table(self, key: str, header: list[list[str]], body: list[list[str]], amount_cols: set[int],
              repeat: bool = False) -> None:
        size = 7.0
        width = max(len(r) for r in header + body)
        rows = [r + [""] * (width - len(r)) for r in header + body]
        natural = [max(pdfmetrics.stringWidth(r[i], FONT, size) for r in rows) + 6 for i in range(width)]
        numbers = rows[len(header):] or rows
        floor = [max(pdfmetrics.stringWidth(r[i], FONT, size) for r in numbers) + 6 if i in amount_cols else 24.0
                 for i in range(width)]
        widths = [min(n, 170.0) for n in natural]
        while sum(widths) > RIGHT - LEFT:
            k = max((i for i in range(width) if widths[i] > floor[i]), key=lambda i: widths[i] - floor[i])
            widths[k] = max(floor[k], widths[k] - 4)
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        spans = _spans(header, width)
        heights = [max(len(_wrap(c, widths[i] - 4, size)) for i, c in enumerate(r)) * (size + 5) + 4 for r in rows]
        head_h = sum(heights[: len(header)])
        self.need(head_h + heights[len(header)] if len(rows) > len(header) else head_h)
        self._rows(rows[: len(header)], heights[: len(header)], xs, spans, amount_cols, size, key, header=True)
        for r, h in zip(rows[len(header):], heights[len(header):]):
            if self.y + h > BOTTOM:
                self._new_page()
                if repeat:
                    self._rows(rows[: len(header)], heights[: len(header)], xs, spans, amount_cols, size, key, True)
            self._rows([r], [h], xs, {}, amount_cols, size, key)

    def _rows(self, rows, heights, xs, spans, amount_cols, size, key, header=False) -> None:
        tops = [self.y]
        for h in heights:
            tops.append(tops[-1] + h)
        self.c.setFont(FONT, size)
        self.pages_of.setdefault(key, set()).add(self.page)
        for r, row in enumerate(rows):
            for i, text in enumerate(row):
                span = spans.get((r, i), (1, 1))
                if span == (0, 0):
                    continue
                x0, x1 = xs[i], xs[i + span[1]]
                y0, y1 = tops[r], tops[r + span[0]]
                self.c.rect(x0, H - y1, x1 - x0, y1 - y0, stroke=1, fill=0)
                for k, line in enumerate(_wrap(text, x1 - x0 - 4, size) if text else []):
                    base = H - y0 - 2 - (k + 1) * (size + 5) + 4
                    if i in amount_cols and not header:
                        self.c.drawRightString(x1 - 2, base, line)
                    else:
                        self.c.drawString(x0 + 2, base, _drawable(line))
        self.y = tops[-1]

    def gap(self, points: float = 8) -> None:
        self.y += points

    def save(self) -> None:
        self.c.save()


def _spans(header: list[list[str]], width: int) -> dict[tuple[int, int], tuple[int, int]]:
    """Merged header cells as published: a group over its sub-headers, a lone header
    over the row below it."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    if len(header) != 2:
        return spans
    top, sub = (r + [""] * (width - len(r)) for r in header)
    i = 0
    while i < width:
        j = i + 1
        if top[i] and sub[i]:
            while j < width and not top[j] and sub[j]:
                j += 1
            spans[(0, i)] = (1, j - i)
            for k in range(i + 1, j):
                spans[(0, k)] = (0, 0)
        elif top[i] and not sub[i]:
            spans[(0, i)], spans[(1, i)] = (2, 1), (0, 0)
        i = j
    return spans


@lru_cache(maxsize=1)
def _seed():
    return read_document(SAMPLE)


def make_pdf(path: Path, changes: dict[tuple[str, str, int], str] | None = None,
             prose: dict[str, str] | None = None) -> dict[str, set[int]]:
    """Write the sample as a PDF; ``changes`` maps (role, row name, column) to a new figure,
    ``prose`` a piece of the running text to what is printed instead.
    Returns the pages each table was drawn on (by role, or title for unknown tables)."""
    changes = changes or {}
    doc = _seed()
    lines = list(doc.lines)
    starts = sorted((t.line if t.role else t.line - 1, t) for t in doc.tables)
    owner: dict[int, object] = {}
    for k, (start, table) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines) + 1
        if table.role is None:  # an unknown table is its rows alone; the narrative goes on after it
            end = max(r.line for r in table.rows) + 1
        for n in range(start, end):
            owner[n] = table
    out = Writer(path)
    out.paragraph("目 录", 16, indent=False, centre=True)
    for entry in ("第一部分 部门概况", "第二部分 2023年部门预算说明", "第四部分 2023年部门预算附表"):
        out.paragraph(f"{entry} {'…' * 30} {3 + len(entry) % 4}", 10, indent=False)
    out._new_page()
    done: set[int] = set()
    for n, text in enumerate(lines, start=1):
        table = owner.get(n)
        if table is not None and id(table) not in done:
            done.add(id(table))
            _draw(out, table, lines, [m for m, t in owner.items() if t is table], changes)
        elif table is None and text.strip():
            for old, new in (prose or {}).items():
                text = text.replace(old, new)
            out.paragraph(text.strip())
    out.save()
    return out.pages_of


def _draw(out: Writer, table, lines: list[str], span: list[int], changes) -> None:
    tab = [m for m in span if "\t" in lines[m - 1]]
    first_body = min((r.line for r in table.rows), default=tab[0] if tab else span[0])
    if table.role:
        out.gap(6)
        out.paragraph(lines[span[0] - 1].strip(), 13, indent=False, centre=True)
        for m in span[1:]:
            if "\t" not in lines[m - 1] and lines[m - 1].strip() and m < (tab[0] if tab else 10**9):
                out.paragraph(lines[m - 1].strip(), 9, indent=False)
    else:
        out.paragraph(lines[span[0] - 1].strip())
    key = table.role or table.title
    if table.role in GRID_ROLES:
        header = [lines[m - 1].split("\t") for m in tab if m < first_body]
        ntext = sum(not c.is_amount for c in table.columns)
        body = []
        for row in table.rows:
            cells = row.raw.split("\t")[:ntext]
            cells += [""] * (ntext - len(cells))
            for i, a in enumerate(row.amounts):
                if a is not None:
                    cells.append(changes.get((table.role, row.name, i), a.text))
            body.append(cells)
        amount_cols = {i for i, c in enumerate(table.columns) if c.is_amount}
        out.table(key, header, body, amount_cols, repeat=table.role in REPEAT_HEADER)
    else:
        rows = [lines[m - 1].split("\t") for m in tab]
        for (role, name, _), new in changes.items():
            if role == table.role:
                rows = [[new if c.strip() == name else c for c in r] for r in rows]
        out.table(key, rows[:0], rows, set(), repeat=False)
    for m in span:
        if "\t" not in lines[m - 1] and lines[m - 1].strip() and tab and m > tab[0]:
            out.paragraph(lines[m - 1].strip(), 9, indent=False)
    out.gap(10)


# --- the tests -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "seed.pdf"
    pages = make_pdf(path)
    return path, pages


def _summary(findings):
    return [(f.rule, f.location.table, f.location.row, f.location.column, f.difference) for f in findings]


def test_pdf_of_the_seed_has_the_seed_findings(made):
    path, _ = made
    report, text = verify_path(str(path)), verify_path(str(SAMPLE))
    assert report.error == ""
    assert report.summary == text.summary and report.summary["errors"] == 0 == report.summary["warnings"]
    assert _summary(report.findings) == _summary(text.findings)
    tables = [f for f in report.findings if f.location.table.startswith("T")]
    assert sorted(_summary(tables)) == sorted(SEED_NOTICES)
    assert all(f.location.page for f in tables)


def test_pdf_reads_the_same_tables_and_rows_as_the_text(made):
    path, _ = made
    pdf, text = read_document(path), _seed()
    assert [(t.role, len(t.rows)) for t in pdf.tables] == [(t.role, len(t.rows)) for t in text.tables]
    for a, b in zip(pdf.tables, text.tables):
        assert [c.label for c in a.columns] == [c.label for c in b.columns], a.title
        for ra, rb in zip(a.rows, b.rows):
            assert ra.name == rb.name and ra.page is not None
            assert [x.text if x else None for x in ra.amounts] == [x.text if x else None for x in rb.amounts], ra.name


def test_layout_has_split_and_shared_pages(made):
    path, pages = made
    assert len(pages["T5"]) >= 2 and len(pages["T3"]) >= 2  # T5 without, T3 with a repeated header
    shared = [p for p in set().union(*pages.values()) if sum(p in v for v in pages.values()) >= 2]
    assert shared, pages
    doc = read_document(path)
    t5 = doc.table("T5")
    assert {r.page for r in t5.rows} == pages["T5"]


def test_page_furniture_and_contents_are_not_text(made):
    path, _ = made
    doc = read_document(path)
    assert len(doc.line_pages) == len(doc.lines)
    assert not [line for line in doc.lines if HEAD in line or re.search(r"第 \d+ 页|…{3}", line)]
    seed_lines = [l.strip() for l in _seed().lines if l.strip() and "\t" not in l]
    long_ones = [l for l in seed_lines if len(l) > 120]
    assert long_ones and all(l in doc.lines for l in long_ones)  # wrapped paragraphs joined back


MUTATIONS = [
    # (role, row, column index, new text, rule that must fire)
    ("T5", "2080101", 5, "506.32", "BC101"),
    ("T5", "2101101", 2, "364.56", "BC101"),
    ("T6", "30217", 2, "17.44", "BC121"),
    ("T7", "三公经费", 5, "61.54", "BC101"),
]


@pytest.mark.parametrize("role,row,col,new,rule", MUTATIONS, ids=[f"{m[0]}:{m[1]}" for m in MUTATIONS])
def test_changed_figure_is_caught_on_its_page(tmp_path, role, row, col, new, rule):
    path = tmp_path / "mutated.pdf"
    make_pdf(path, {(role, row, col): new})
    doc = read_document(path)
    target = next(r for r in doc.table(role).rows if r.name == row)
    report = verify_path(str(path))
    errors = [f for f in report.findings if f.severity == "error"]
    hits = [f for f in errors if f.rule == rule and (f.location.table, f.location.row) == (role, row)]
    assert hits, [(f.rule, f.location.table, f.location.row) for f in errors]
    assert hits[0].location.page == target.page
