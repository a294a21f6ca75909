"""Read PDFs back: text with pypdf, barcodes by rendering with pypdfium2 and zxing-cpp."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import zxingcpp
from pypdf import PdfReader


def pdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    return "".join(text.split())


def page_sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width) / 72 * 25.4, 1),
             round(float(p.mediabox.height) / 72 * 25.4, 1))
            for p in PdfReader(io.BytesIO(pdf)).pages]


def barcodes(pdf: bytes, page: int = 0, dpi: int = 200) -> list[tuple[str, str]]:
    """(format, text) of every barcode zxing-cpp finds on the rendered page."""
    doc = pdfium.PdfDocument(pdf)
    try:
        img = doc[page].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()
    return [(str(r.format).split(".")[-1].replace(" ", ""), r.text)
            for r in zxingcpp.read_barcodes(img)]
