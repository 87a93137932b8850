"""Make the README's two screenshots: a PDF handed back by ``--annotate`` and the HTML
report, both of the bundled sample with one figure changed (never of a real document:
the published PDFs stay in ../shared).

    python docs/screenshots.py        # writes docs/img/annotated-pdf.png and docs/img/html-report.png

Needs the test extras (reportlab draws the sample as a PDF, as tests/test_pdf_seed.py
does), Pillow (pulled in by reportlab) and a chromium binary for the HTML screenshot.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"
CHANGE = (("T5", "2101101", 2), "364.56")  # one figure of 一般公共预算支出情况表, as in tests/test_pdf_seed.py


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetcheck", *args], capture_output=True, text=True, cwd=ROOT)


def annotated_pdf(work: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from tests.test_pdf_seed import make_pdf

    import pypdfium2 as pdfium

    source, checked = work / "sample-changed.pdf", work / "checked.pdf"
    make_pdf(source, {CHANGE[0]: CHANGE[1]})
    _cli("verify", str(source), "--annotate", str(checked))
    report = json.loads(_cli("verify", str(source), "--format", "json").stdout)
    page = min(f["location"]["page"] for d in report["documents"] for f in d["findings"]
               if f["severity"] == "error" and f["location"]["table"] == CHANGE[0][0])  # the table's page
    pdf = pdfium.PdfDocument(str(checked))
    image = pdf[page - 1].render(scale=1.6, draw_annots=True).to_pil()
    out = IMG / "annotated-pdf.png"
    image.save(out)
    return out


def html_report(work: Path) -> Path | None:
    browser = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
    if browser is None:
        print("no chromium: the HTML screenshot is not made", file=sys.stderr)
        return None
    text = (ROOT / "seeds" / "2023-xiamen-hrss-budget.txt").read_text(encoding="utf-8")
    changed = work / "sample-changed.txt"
    changed.write_text(text.replace("2,510.33\t2,510.33\t1,950.01\t560.32", "2,510.33\t2,510.33\t1,950.01\t506.32", 1),
                       encoding="utf-8")
    page = work / "report.html"
    _cli("verify", str(changed), "--format", "html", "-o", str(page))
    out = IMG / "html-report.png"
    tall = work / "tall.png"
    subprocess.run([browser, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
                    "--window-size=1280,9000", f"--screenshot={tall}", page.as_uri()], capture_output=True, check=True)
    from PIL import Image

    image = Image.open(tall).convert("RGB")
    red = (0xF6, 0xC5, 0xC5)  # .c-error, the first finding cell coloured as an error
    pixels = image.load()
    top = next((y for y in range(image.height) for x in range(0, image.width, 4) if pixels[x, y] == red), 0)
    image.crop((0, max(0, top - 420), image.width, min(image.height, top + 480))).save(out)
    return out


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for made in (annotated_pdf(Path(tmp)), html_report(Path(tmp))):
            if made is not None:
                print(made.relative_to(ROOT))


if __name__ == "__main__":
    main()
