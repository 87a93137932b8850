"""PDFs that cannot be verified: each ends with exit 2 and one clear line, never a
traceback, and the file is left as it was."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from .test_bad_input import run, one_error_line

pytest.importorskip("reportlab")

from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def _pdf(path: Path, draw, **options) -> Path:
    c = Canvas(str(path), pagesize=(595, 842), **options)
    draw(c)
    c.showPage()
    c.save()
    return path


def _text(c) -> None:
    c.setFont("STSong-Light", 12)
    c.drawString(72, 760, "会议纪要：本次会议讨论了下一阶段的工作安排。")


def _image(c) -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (200, 100), 255).save(buf, format="PNG")
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 72, 600, 400, 200)


def _unchanged(path: Path, args: tuple[str, ...], *needles: str) -> str:
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    line = one_error_line(run("verify", str(path), *args), *needles)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    return line


def test_encrypted_pdf(tmp_path):
    path = _pdf(tmp_path / "locked.pdf", _text, encrypt="secret")
    _unchanged(path, (), "encrypted", "password")


def test_scanned_pdf_has_no_text_layer(tmp_path):
    path = _pdf(tmp_path / "scan.pdf", _image)
    _unchanged(path, ("--format", "json"), "no text layer")


def test_pdf_that_is_not_a_budget(tmp_path):
    path = _pdf(tmp_path / "minutes.pdf", _text)
    _unchanged(path, (), "no budget tables found")


def test_truncated_pdf(tmp_path):
    whole = _pdf(tmp_path / "whole.pdf", _text).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    _unchanged(path, (), "PDF")


def test_pdf_name_without_pdf_content(tmp_path):
    path = tmp_path / "budget.pdf"
    path.write_bytes("<html>404 not found</html>".encode())
    _unchanged(path, (), "not a PDF")
