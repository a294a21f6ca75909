"""A burst of parcel labels from a keyboard-wedge scanner into the Shipping view, through the
desk's ScannerListener, while the GUI thread stalls now and then (a garbage collection, a
slow paint): every parcel ships exactly once, nothing is refused, nothing lands in the field.

Found by `orderdesk bench ship` (ship.burst: "confirmed 9, dropped 1"): the listener measured
the gap between keys by when it got to them, so a stall of more than max_gap_ms in the middle
of a code split it into two refused scans and the parcel never shipped. The keys below carry
the timestamps a scanner gives them (2 ms apart); the listener's clock jumps to play the stall.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from app.db.engine import Database  # noqa: E402
from app.db.models import StockMove  # noqa: E402
from app.services import fulfilment, orders  # noqa: E402
from app.services.context import Actor  # noqa: E402
from app.ui.scanner import ScannerListener  # noqa: E402
from app.ui.views.shipping import ShippingView  # noqa: E402
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers  # noqa: E402

SCANS = 6


class Wedge:
    """A scanner in keyboard mode: keys 2 ms apart by their own timestamps. ``clock`` is the
    listener's: it runs with the keys, or jumps when the desk stalls while keys queue up."""

    def __init__(self) -> None:
        self.stamp = 1_000_000  # platform milliseconds
        self.now = 1000.0  # the listener's clock, seconds

    def clock(self) -> float:
        return self.now

    def key(self, target: QWidget, ch: str, *, stall_ms: float = 0.0) -> None:
        self.stamp += 2
        self.now += (2 + stall_ms) / 1000.0
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
            event.setTimestamp(self.stamp)
            QApplication.sendEvent(target, event)

    def pause(self, ms: int) -> None:
        """Between two labels: the packer picks up the next parcel."""
        self.stamp += ms
        self.now += ms / 1000.0


@pytest.fixture
def wedge() -> Wedge:
    return Wedge()


@pytest.fixture
def listener(wedge: Wedge) -> Iterator[ScannerListener]:
    lis = ScannerListener(max_gap_ms=50, clock=wedge.clock)
    lis.install()
    yield lis
    lis.uninstall()
    lis.deleteLater()


def _packed_parcels(db: Database, admin: Actor, n: int) -> list[tuple[int, str]]:
    """n confirmed orders, each packed into one parcel: (order id, label code)."""
    ids = shop_with_carriers(db, admin)
    out = []
    for _ in range(n):
        o = confirmed_order(db, admin, ids["smith"], [("TEE-01", 1)])
        pack = fulfilment.start_packing(db, admin, o.number)
        fulfilment.scan_item(db, admin, pack.session_id, "TEE-01")
        shipment = fulfilment.complete_packing(db, admin, pack.session_id)
        out.append((o.id, shipment.parcels[0].label_code))
    return out


def _sales(db: Database, order_id: int) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(StockMove).where(
            StockMove.order_id == order_id, StockMove.kind == "sale")) or 0)


def _view(qtbot: QtBot, db: Database, admin: Actor, tmp_path: Path) -> ShippingView:
    view = ShippingView(db, admin, pdf_folder=tmp_path / "docs")
    qtbot.addWidget(view)
    view.show()
    view.scan.setFocus()
    return view


def test_burst_with_stalls_ships_every_parcel_once(qtbot: QtBot, ui_db: Database, admin: Actor,
                                                  tmp_path: Path, wedge: Wedge,
                                                  listener: ScannerListener) -> None:
    parcels = _packed_parcels(ui_db, admin, SCANS)
    view = _view(qtbot, ui_db, admin, tmp_path)
    scanned: list[str] = []
    good: list[str] = []
    alarms: list[str] = []
    listener.scanned.connect(scanned.append)
    listener.scanned.connect(view.handle_scan)
    view.confirmed.connect(good.append)
    view.alarm.connect(alarms.append)

    for i, (_, code) in enumerate(parcels):
        keys = code + "\r"
        # The desk stalls 150 ms before a different key of each label: after the first key
        # (still undecided whether scan or typing), mid-code, and before the Return.
        stall_at = (1, len(code) // 2, len(code))[i % 3]
        for k, ch in enumerate(keys):
            wedge.key(view.scan, ch, stall_ms=150.0 if k == stall_at else 0.0)
        wedge.pause(120)

    assert alarms == []
    assert scanned == [code for _, code in parcels]
    assert len(good) == SCANS and all("Shipped" in t for t in good)
    assert view.scan.text() == ""
    for order_id, _ in parcels:
        assert orders.get_order(ui_db, order_id).status == "shipped"
        assert _sales(ui_db, order_id) == 1  # shipped exactly once


def test_late_flush_timer_waits_for_queued_keys(qtbot: QtBot, ui_db: Database, admin: Actor,
                                                tmp_path: Path, wedge: Wedge,
                                                listener: ScannerListener) -> None:
    """The event loop was blocked mid-code past the flush deadline: the timer fires before
    the keys queued meanwhile are delivered. It must not end the code there."""
    [(order_id, code)] = _packed_parcels(ui_db, admin, 1)
    view = _view(qtbot, ui_db, admin, tmp_path)
    alarms: list[str] = []
    listener.scanned.connect(view.handle_scan)
    view.alarm.connect(alarms.append)
    half = len(code) // 2
    for ch in code[:half]:
        wedge.key(view.scan, ch)
    wedge.now += 0.5  # blocked for 500 ms; the overdue timer comes first
    listener._timer.timeout.emit()
    assert listener.buffer == code[:half]
    for ch in code[half:] + "\r":
        wedge.key(view.scan, ch)

    assert alarms == []
    assert orders.get_order(ui_db, order_id).status == "shipped"
    assert _sales(ui_db, order_id) == 1
