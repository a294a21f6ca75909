"""orderdesk selftest [--database URL] [--pdf PATH] — a hidden check that a build works.

Run on a freshly built bundle (and by ``tests/packaging/test_frozen.py``): it migrates a
database, adds a little demo data, logs in as the demo admin, starts Qt offscreen with a
main window, and renders a PDF with Chinese text and a Code 128 barcode. A missing data
file, Qt plugin or hidden import fails one step here, named in the JSON it prints, instead
of on a customer's workstation. Exit code 0 only if every step passed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import __version__
from app.cli.common import add_database_option

SELFTEST_TEXT = "OrderDesk self-test 自检 收件人 王伟 广东省深圳市南山区"
SELFTEST_BARCODE = "SO-SELFTEST-0001"


def register(sub: Any) -> None:
    # No help= : the sub-command is left out of the usage list (it is for builds and support).
    p = sub.add_parser("selftest")
    add_database_option(p)
    p.add_argument("--pdf", metavar="PATH", help="where to write the test PDF")
    p.set_defaults(func=run)


def render_selftest_document(path: Path) -> Path:
    """A stand-in for the shipping label: 4x6 in page, Chinese text, Code 128 barcode.

    After the fulfilment merge this becomes one call to the real label renderer.
    """
    from reportlab.graphics.barcode import code128
    from reportlab.lib.units import inch
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=(4 * inch, 6 * inch))
    c.setFont("STSong-Light", 11)
    c.drawString(0.25 * inch, 5.5 * inch, SELFTEST_TEXT)
    c.setFont("Helvetica", 10)
    c.drawString(0.25 * inch, 5.2 * inch, f"OrderDesk {__version__}")
    barcode = code128.Code128(SELFTEST_BARCODE, barHeight=0.8 * inch, barWidth=1.2)
    barcode.drawOn(c, 0.25 * inch, 3.8 * inch)
    c.drawString(0.25 * inch, 3.6 * inch, SELFTEST_BARCODE)
    c.showPage()
    c.save()
    return path


def _qt_window() -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtPrintSupport import QPrinterInfo
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from app.ui.icon import app_icon

    app = QApplication.instance() or QApplication([sys.argv[0]])
    icon = app_icon()
    window = QMainWindow()
    window.setWindowIcon(icon)
    window.setCentralWidget(QLabel("OrderDesk 自检"))
    window.resize(400, 200)
    window.show()
    app.processEvents()
    shown = window.isVisible()
    pixmap = window.grab()
    window.close()
    return {
        "platform": QApplication.platformName(),
        "window_shown": shown,
        "grab_size": [pixmap.width(), pixmap.height()],
        "icon_sizes": sorted(size.width() for size in icon.availableSizes()),
        "plugins": QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath),
        "printers": [p.printerName() for p in QPrinterInfo.availablePrinters()],
    }


def run(args: argparse.Namespace) -> int:
    frozen = bool(getattr(sys, "frozen", False))
    results: dict[str, Any] = {"version": __version__, "frozen": frozen, "steps": {}}
    work = Path(tempfile.mkdtemp(prefix="orderdesk-selftest-"))
    # Never the shop's own database by default: a throw-away SQLite file.
    url = getattr(args, "database", None) or f"sqlite:///{work / 'selftest.sqlite3'}"
    pdf = Path(args.pdf) if args.pdf else work / "selftest.pdf"
    state: dict[str, Any] = {}

    def migrate() -> Any:
        from app.db import migrate as mig
        from app.db.engine import Database

        state["db"] = Database(url)
        applied = mig.upgrade(state["db"].engine)
        out = {"applied": applied, "revision": mig.current_revision(state["db"].engine),
               "database": state["db"].describe()}
        if not state["db"].is_sqlite:
            import psycopg

            out["psycopg_impl"] = psycopg.pq.__impl__  # "binary" in a good build
        return out

    def demo_data() -> Any:
        from app.services import demo

        if not demo.is_empty(state["db"]):
            return {"skipped": "database already has data"}
        r = demo.generate(state["db"], customers=10, products=10, orders=20, seed=7)
        return {"customers": r.customers, "products": r.products, "orders": r.orders}

    def log_in() -> Any:
        from app.services import auth

        actor = auth.log_in(state["db"], "admin", "admin123", "selftest")
        return {"user": actor.username, "role": actor.role.value}

    def qt() -> Any:
        info = _qt_window()
        if not info["window_shown"]:
            raise RuntimeError("the main window did not show")
        return info

    def data_files() -> Any:
        # package data and bundled folders: each read the way the desk reads it
        from app.config import docs_dir, resource_dir
        from app.domain import divisions, tracking

        guides = sorted(p.name for p in (docs_dir() / "guide").glob("*.md"))
        if not guides:
            raise FileNotFoundError(f"no user guide in {docs_dir() / 'guide'}")
        qm = sorted(p.name for p in (resource_dir() / "translations").glob("*.qm"))
        images = sorted(p.name for p in (docs_dir() / "guide" / "img").glob("*.png"))
        return {"districts": len(divisions.districts()),
                "tracking_formats": len(tracking.load_formats()),
                "guides": guides, "guide_images": len(images), "translations": qm}

    def label() -> Any:
        render_selftest_document(pdf)
        return {"pdf": str(pdf), "bytes": pdf.stat().st_size}

    steps: list[tuple[str, Callable[[], Any]]] = [
        ("migrate", migrate), ("demo_data", demo_data), ("log_in", log_in), ("qt", qt),
        ("data_files", data_files), ("label_pdf", label),
    ]
    ok = True
    for name, step in steps:
        started = time.perf_counter()
        try:
            detail = step()
            ms = round((time.perf_counter() - started) * 1000)
            results["steps"][name] = {"ok": True, "ms": ms, "detail": detail}
        except Exception as exc:  # noqa: BLE001 - every failure is reported, then we stop
            ok = False
            results["steps"][name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}",
                                      "traceback": traceback.format_exc()}
            break
    if "db" in state:
        state["db"].dispose()
    results["ok"] = ok
    json.dump(results, sys.stdout, default=str, ensure_ascii=False)
    sys.stdout.write("\n")
    sys.stdout.flush()
    return 0 if ok else 1
