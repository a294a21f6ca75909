"""ship.ui and ship.burst (see app/bench/ship.py): the Shipping view, offscreen.

- ship.ui: a parcel label's keys go into the view's scan field back to back (what a
  scanner's keyboard wedge does), Enter, and the time runs until the banner has been
  repainted green with the confirmation. One operation = one scan.
- ship.burst: ten labels typed at scanner speed (2 ms per key, keys stamped like a real
  scanner's) about 200 ms apart — ten scans in two seconds — through the desk's
  ScannerListener; counts how many shipped, each exactly once (``dropped`` and ``merged``
  must both be 0). Each latency is paired with its own scan.
"""

from __future__ import annotations

import os
import time
from typing import Any

from app.bench import summary
from app.db.engine import Database
from app.services.context import system_actor


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def measure_ui(db: Database, codes: list[str], n: int) -> list[dict[str, Any]]:
    app = _app()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.ui.views.shipping import GREEN, ShippingView

    view = ShippingView(db, system_actor("bench"))
    view.resize(900, 600)
    view.show()
    app.processEvents()
    samples: list[float] = []
    green = 0
    for code in codes[:n]:
        t0 = time.perf_counter()
        QTest.keyClicks(view.scan, code)
        QTest.keyClick(view.scan, Qt.Key.Key_Return)
        view.banner.repaint()  # painted, not merely scheduled
        samples.append(time.perf_counter() - t0)
        green += view.banner.styleSheet() == GREEN
        app.processEvents()
    ui = summary("ship.ui", samples, target_p95_ms=50.0, green=green)
    burst = _burst(app, view, codes[n:n + 10])
    view.close()
    view.deleteLater()
    app.processEvents()
    return [ui, burst]


def _burst(app: Any, view: Any, codes: list[str]) -> dict[str, Any]:
    from PySide6.QtTest import QTest

    from app.ui.scanner import ScannerListener

    scanner = ScannerListener(app)
    scanner.install(app)
    seen: list[tuple[float, str]] = []
    view.confirmed.connect(lambda text: seen.append((time.perf_counter(), text)))
    scanner.scanned.connect(view.handle_scan)
    latencies: list[float] = []
    started = time.perf_counter()
    for code in codes:
        view.scan.setFocus()
        before = len(seen)
        sent = _scan_keys(view.scan, code + "\r")
        QTest.qWait(120)
        if len(seen) > before:  # paired with its own scan: a lost one shifts nothing
            latencies.append(max(0.0, seen[before][0] - sent))
    deadline = time.perf_counter() + 3
    while len(seen) < len(codes) and time.perf_counter() < deadline:
        QTest.qWait(20)
    scanner.uninstall()
    wall = time.perf_counter() - started
    from sqlalchemy import func, select

    from app.db.models import Parcel

    with view.db.reader() as s:
        shipped = s.scalar(select(func.count()).select_from(Parcel).where(
            Parcel.tracking_number.in_(codes), Parcel.status == "shipped")) or 0
    line = summary("ship.burst", latencies or [wall], scans=len(codes),
                   confirmed=len(seen), dropped=len(codes) - shipped,
                   merged=max(0, shipped - len({text for _, text in seen})), seconds=round(wall, 2))
    line["n"] = len(codes)
    line["ops_per_s"] = round(len(seen) / wall, 1) if wall else None
    return line


def _scan_keys(widget: Any, keys: str, gap_ms: int = 2) -> float:
    """Keys as a keyboard-wedge scanner sends them: ``gap_ms`` apart, each stamped with the
    time the scanner typed it. The scanner keeps its pace while the desk is busy (its keys
    queue up); QTest.keyClicks would stamp none, and pause the scanner whenever the GUI
    thread stalls (a garbage collection), which no scanner does. Returns the time the last
    key (the terminator) was sent."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    stamp = int(time.monotonic() * 1000)
    sent = time.perf_counter()
    for ch in keys:
        QTest.qWait(gap_ms)
        stamp += gap_ms
        sent = time.perf_counter()
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
            event.setTimestamp(stamp)
            QApplication.sendEvent(widget, event)
    return sent
