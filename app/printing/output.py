"""Sending a PDF to a printer through Qt print support, or to a file.

Labels go to a named printer without a dialog; packing slips printed by hand go through a
print dialog (``print_pdf_with_dialog``; the dialog factory is injectable for tests). The
PDF is rasterised with pypdfium2 at the printer's resolution and painted onto a
``QPrinter`` page by page (PySide6-Essentials has no QtPdf). Qt is imported only when printing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


class PrinterNotFound(RuntimeError):
    pass


def save_pdf(pdf: bytes, path: str | Path) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    return target


def printer_names() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return [p.printerName() for p in QPrinterInfo.availablePrinters()]


def print_pdf(pdf: bytes, printer_name: str, dpi: int = 300, title: str = "OrderDesk",
              dialog_parent: object | None = None) -> int:
    """Print every page of ``pdf`` to ``printer_name``; returns the number of pages.
    With ``dialog_parent`` a print dialog is shown first (slips); without, none (labels)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        raise PrinterNotFound(f"There is no printer called {printer_name!r}; printers here: "
                              f"{', '.join(printer_names()) or 'none'}.")
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    if dialog_parent is not None:
        return print_pdf_with_dialog(pdf, printer, dialog_parent, QPrintDialog, dpi, title)
    _prepare(printer, pdf, title)
    return paint_pdf(pdf, printer, dpi)


def new_printer(printer_name: str = "") -> Any:
    """A QPrinter for ``printer_name``, or for the system's default printer when the name
    is empty or unknown (a print dialog lets the user choose another, or a PDF file)."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    info = QPrinterInfo.printerInfo(printer_name) if printer_name else QPrinterInfo()
    if info.isNull():
        info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return QPrinter(QPrinter.PrinterMode.HighResolution)
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def print_pdf_with_dialog(pdf: bytes, printer: Any, parent: object,
                          dialog_factory: Callable[[Any, Any], Any], dpi: int = 300,
                          title: str = "OrderDesk") -> int:
    """Show a print dialog for ``printer`` (made by ``dialog_factory(printer, parent)``,
    normally QPrintDialog: tests pass one that picks a PDF file and accepts), then print
    every page. Returns the number of pages, 0 when the user cancelled."""
    from PySide6.QtWidgets import QDialog

    _prepare(printer, pdf, title)
    dlg = dialog_factory(printer, parent)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return 0
    return paint_pdf(pdf, printer, dpi)


def printer_target(printer: Any) -> str:
    """Where a job went, for the status line: the PDF file or the printer's name."""
    from PySide6.QtPrintSupport import QPrinter

    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return str(printer.outputFileName())
    return str(printer.printerName())


def _prepare(printer: Any, pdf: bytes, title: str) -> None:
    """Page size of the document's first page, no margins (the PDF has its own)."""
    import pypdfium2 as pdfium
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize

    doc = pdfium.PdfDocument(pdf)
    try:
        w_pt, h_pt = doc[0].get_size()
    finally:
        doc.close()
    printer.setDocName(title)
    printer.setPageSize(QPageSize(QSizeF(w_pt, h_pt), QPageSize.Unit.Point, "document"))
    printer.setPageMargins(QMarginsF0(), QPageLayout.Unit.Point)
    printer.setFullPage(True)


def paint_pdf(pdf: bytes, printer: Any, dpi: int = 300) -> int:
    """Rasterise each page at ``dpi`` and paint it onto ``printer``; returns the pages."""
    import pypdfium2 as pdfium
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPrintSupport import QPrinter

    doc = pdfium.PdfDocument(pdf)
    try:
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterNotFound(f"Printer {printer_target(printer)!r} did not accept the "
                                  "job.")
        try:
            for i in range(len(doc)):
                if i:
                    printer.newPage()
                bitmap = doc[i].render(scale=dpi / 72, grayscale=True)
                pil = bitmap.to_pil().convert("L")
                img = QImage(pil.tobytes(), pil.width, pil.height, pil.width,
                             QImage.Format.Format_Grayscale8).copy()
                target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
                painter.drawImage(target, img)
        finally:
            painter.end()
        return len(doc)
    finally:
        doc.close()


def QMarginsF0():  # type: ignore[no-untyped-def]  # noqa: N802
    from PySide6.QtCore import QMarginsF

    return QMarginsF(0, 0, 0, 0)
