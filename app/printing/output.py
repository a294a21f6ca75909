"""Sending a PDF to a printer through Qt print support, or to a file.

Labels go to a named printer without a dialog. The PDF is rasterised with pypdfium2 at
the printer's resolution and painted onto a ``QPrinter`` page by page (PySide6-Essentials
has no QtPdf). Qt is imported only when printing.
"""

from __future__ import annotations

from pathlib import Path


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
    import pypdfium2 as pdfium
    from PySide6.QtCore import QRectF, QSizeF
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        raise PrinterNotFound(f"There is no printer called {printer_name!r}; printers here: "
                              f"{', '.join(printer_names()) or 'none'}.")
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    doc = pdfium.PdfDocument(pdf)
    try:
        w_pt, h_pt = doc[0].get_size()
        printer.setPageSize(QPageSize(QSizeF(w_pt, h_pt), QPageSize.Unit.Point, "document"))
        printer.setPageMargins(QMarginsF0(), QPageLayout.Unit.Point)
        printer.setFullPage(True)
        if dialog_parent is not None:
            dlg = QPrintDialog(printer, dialog_parent)  # type: ignore[arg-type]
            if dlg.exec() != QPrintDialog.DialogCode.Accepted:
                return 0
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterNotFound(f"Printer {printer_name!r} did not accept the job.")
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
