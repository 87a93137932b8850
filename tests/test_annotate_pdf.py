"""The PDF handed back with every finding marked (issue 12 points 1–2), tested as a
person would see it: the copy is rendered and the colour at the centre of each
finding's rectangle is the finding's colour; the copy reads back to the same findings;
the input's bytes are unchanged and the same input gives the same bytes."""

from __future__ import annotations

import hashlib
import json

import pytest

from budgetcheck.app.api import verify_path
from budgetcheck.app.outputs import written_by_us

from .conftest import shared_path
from .helpers import run_inprocess

CENTRAL = "国家信访局2024年度部门决算.pdf"  # two true errors in its 说明, notices in its tables
CLEAN = "上海市普陀区商务委员会2025年部门预算.pdf"  # rounding notices only


def _colour(pdf, box) -> tuple[int, int, int]:
    """The rendered colour (R, G, B) at the centre of a rectangle in PDF points."""
    page_no, x0, y0, x1, y1 = box
    page = pdf[page_no - 1]
    bitmap = page.render(scale=1, draw_annots=True)
    height = page.get_height()
    x, y = int((x0 + x1) / 2), int(height - (y0 + y1) / 2)
    at = y * bitmap.stride + x * bitmap.n_channels
    b, g, r = bitmap.buffer[at], bitmap.buffer[at + 1], bitmap.buffer[at + 2]
    return r, g, b


def _key(report):
    return sorted((f.rule, f.severity, f.location.table, f.location.row, f.location.column, f.location.page)
                  for f in report.findings)


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    source = shared_path("real", CENTRAL)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    out = tmp_path_factory.mktemp("annot")
    proc = run_inprocess("verify", str(source), "--annotate", str(out / "checked.pdf"), "--no-config", "--lang", "en")
    assert proc.returncode == 1, proc.stderr
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # the input is never modified
    return source, out / "checked.pdf"


def test_every_finding_is_marked_in_its_colour(central):
    import pypdfium2 as pdfium

    source, copy = central
    report = verify_path(str(source))
    pdf = pdfium.PdfDocument(str(copy))
    try:
        for f in report.findings:
            assert f.location.boxes, f
            r, g, b = _colour(pdf, f.location.boxes[0])
            if f.severity == "error":
                assert r > g + 40 and r > b + 40, (f.rule, f.location, (r, g, b))  # red
            else:
                assert abs(r - g) < 25 and abs(g - b) < 25 and r < 245, (f.rule, f.location, (r, g, b))  # grey, not white
    finally:
        pdf.close()


def test_the_copy_reads_back_to_the_same_findings_and_is_known_as_ours(central):
    source, copy = central
    assert _key(verify_path(str(copy))) == _key(verify_path(str(source)))
    assert written_by_us(str(copy)) and not written_by_us(str(source))


def test_the_same_input_gives_the_same_bytes(central, tmp_path):
    source, copy = central
    again = tmp_path / "again.pdf"
    assert run_inprocess("verify", str(source), "--annotate", str(again), "--no-config", "--lang", "en").returncode == 1
    assert again.read_bytes() == copy.read_bytes()


def test_a_clean_document_gets_notice_marks_only(tmp_path):
    import pypdfium2 as pdfium

    source = shared_path("real", CLEAN)
    copy = tmp_path / "checked.pdf"
    assert run_inprocess("verify", str(source), "--annotate", str(copy), "--no-config").returncode == 0
    pdf = pdfium.PdfDocument(str(copy))
    try:
        subtypes = set()
        for page in pdf:
            for k in range(pdfium.raw.FPDFPage_GetAnnotCount(page.raw)):
                annot = pdfium.raw.FPDFPage_GetAnnot(page.raw, k)
                r, g, b, a = (pdfium.raw.c_uint() for _ in range(4))
                if pdfium.raw.FPDFAnnot_GetSubtype(annot) == pdfium.raw.FPDF_ANNOT_HIGHLIGHT:
                    pdfium.raw.FPDFAnnot_GetColor(annot, pdfium.raw.FPDFANNOT_COLORTYPE_Color, r, g, b, a)
                    subtypes.add((r.value, g.value, b.value))
                pdfium.raw.FPDFPage_CloseAnnot(annot)
        assert subtypes == {(148, 148, 148)}
    finally:
        pdf.close()


def test_findings_carry_their_rectangles_in_json_and_sarif():
    source = shared_path("real", CENTRAL)
    doc = json.loads(run_inprocess("verify", str(source), "-f", "json", "--no-config").stdout)["documents"][0]
    boxes = [f["location"]["bbox"] for f in doc["findings"]]
    assert all(b and all(len(r) == 5 for r in b) for b in boxes)
    sarif = json.loads(run_inprocess("verify", str(source), "-f", "sarif", "--no-config").stdout)
    props = [r["locations"][0]["physicalLocation"].get("properties", {}) for r in sarif["runs"][0]["results"]]
    assert all("bbox" in p for p in props)


def test_annotate_dir_keeps_names_and_never_writes_over_an_input(tmp_path):
    real = shared_path("real", CENTRAL).parent
    out = tmp_path / "out"
    proc = run_inprocess("verify", str(real), "--glob", "*决算.pdf", "--annotate-dir", str(out), "--no-config", "-q")
    assert proc.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in real.glob("*决算.pdf"))
    refused = run_inprocess("verify", str(real), "--glob", "*决算.pdf", "--annotate-dir", str(real), "--no-config")
    assert refused.returncode == 2 and "overwrite the inputs" in refused.stderr


def test_a_sentence_is_marked_from_its_first_character_to_its_last(tmp_path):
    """A prose finding's rectangles are its sentence's characters, one per printed line:
    here a sentence that starts after another one on its line and wraps, ending before
    the next one, on the PDF drawn from the sample (where reportlab put each character
    is known: the paragraph's first line indented by two characters, the rest at LEFT)."""
    pytest.importorskip("reportlab")
    import pypdfium2 as pdfium
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .conftest import SAMPLE
    from .test_pdf_seed import FONT, LEFT, RIGHT, _wrap, make_pdf

    before, start = "以下说明本部门的本年支出。", "2023年度一般公共预算支出129,217.94万元"
    prose = {start: before + start, "增长42.84%": "增长52.84%"}  # a rate the change does not give: BC211
    source, copy = tmp_path / "seed.pdf", tmp_path / "checked.pdf"
    make_pdf(source, prose=prose)
    assert run_inprocess("verify", str(source), "--annotate", str(copy), "--no-config").returncode == 1
    [finding] = [f for f in verify_path(str(source)).findings if f.rule == "BC211"]
    boxes = finding.location.boxes

    paragraph = next(l for l in SAMPLE.read_text(encoding="utf-8").splitlines() if start in l).strip()
    for old, new in prose.items():
        paragraph = paragraph.replace(old, new)
    first = _wrap(paragraph, RIGHT - LEFT - 20, 10)[0]
    second = _wrap(paragraph[len(first):], RIGHT - LEFT, 10)[0]
    end = second.index("。") + 1  # the sentence ends on the second printed line, before 按项级科目分列如下
    assert paragraph.index("。", len(before)) == len(first) + end - 1 and end < len(second)

    def width(text: str) -> float:
        return stringWidth(text, FONT, 10)

    assert len(boxes) == 2 and boxes[0][0] == boxes[1][0], boxes
    (page, a0, _, a1, _), (_, b0, _, b1, _) = boxes
    assert a0 == pytest.approx(LEFT + 20 + width(before), abs=1)  # well right of the line's left edge (60)
    assert a1 == pytest.approx(LEFT + 20 + width(first), abs=1)
    assert b0 == pytest.approx(LEFT, abs=1)
    assert b1 == pytest.approx(LEFT + width(second[:end]), abs=1)  # and short of the line's end
    assert LEFT + width(second) - b1 > 5 * 10

    pdf = pdfium.PdfDocument(str(copy))
    try:
        for box in boxes:
            r, g, b = _colour(pdf, box)
            assert r > g + 40 and r > b + 40, (box, (r, g, b))  # red: an error
        y0, y1 = boxes[0][2], boxes[0][4]
        outside = [(LEFT + 20 + width(before) * k / 4) for k in (1, 2, 3)]  # the sentence before it
        outside += [b1 + (LEFT + width(second) - b1) * k / 4 for k in (1, 2, 3)]  # the sentence after it
        for x in outside[:3]:
            r, g, b = _colour(pdf, (page, x, y0, x, y1))
            assert not (r > g + 40 and r > b + 40), (x, (r, g, b))
        for x in outside[3:]:
            r, g, b = _colour(pdf, (page, x, boxes[1][2], x, boxes[1][4]))
            assert not (r > g + 40 and r > b + 40), (x, (r, g, b))
    finally:
        pdf.close()


def test_bookmarks_and_the_list_page_link_each_finding_to_its_page(central):
    """The outline has one entry per finding on a page, and the findings page links each
    finding's line to that page (issue 12: a list of every finding with a link to it)."""
    from pypdf import PdfReader

    source, checked = central
    report = verify_path(str(source))
    on_pages = [f for f in report.findings if f.location.page]
    reader = PdfReader(str(checked))
    own = PdfReader(str(source)).outline
    assert reader.outline[:len(own)] == own or len(reader.outline) == len(own) + 2  # the document's own is kept
    at = next(i for i, e in enumerate(reader.outline) if not isinstance(e, list) and e.title.startswith("budgetcheck findings"))
    outline = reader.outline[at + 1]  # its children
    assert len(outline) == len(on_pages)
    pages = [reader.get_destination_page_number(entry) + 1 for entry in outline]
    assert pages == [f.location.page for f in on_pages]
    assert all(entry.title.startswith(f"p.{f.location.page} {f.severity} {f.rule}") for entry, f in zip(outline, on_pages))
    original = len(PdfReader(str(source)).pages)
    links = [a.get_object() for page in reader.pages[original:] for a in page.get("/Annots", [])]
    links = [a for a in links if a.get("/Subtype") == "/Link"]
    assert len(links) == len(on_pages)
    targets = sorted(reader.get_page_number(a["/Dest"][0].get_object()) + 1 for a in links)
    assert targets == sorted(f.location.page for f in on_pages)
