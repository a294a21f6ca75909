"""The pack station driven by simulated scans."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services import orders
from app.services.context import Actor
from app.ui.views.shipping import ShippingView
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers
from tests.support.pdfcheck import barcodes, pdf_text


def _view(qtbot: QtBot, db: Database, admin: Actor, tmp_path: Path) -> ShippingView:
    view = ShippingView(db, admin, pdf_folder=tmp_path / "docs")
    qtbot.addWidget(view)
    view.show()
    return view


def test_pack_right_wrong_too_many_undo_complete(qtbot: QtBot, db: Database, admin: Actor,
                                                 tmp_path: Path) -> None:
    """Right item counts; wrong item and one too many go red and are not counted; undo;
    the last item completes the order and the label prints to a PDF file by itself."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 2)])
    view = _view(qtbot, db, admin, tmp_path)
    view.handle_scan(o.number)
    assert view.pack is not None and not view.banner_is_red
    view.handle_scan("]E06920000000012")  # EAN-13 with AIM prefix
    assert view.pack.lines[0].scanned == 1
    with qtbot.waitSignal(view.alarm) as wrong:
        view.handle_scan("6920000000029")
    assert "WRONG ITEM" in wrong.args[0] and view.banner_is_red
    assert view.pack.lines[0].scanned == 1
    with qtbot.waitSignal(view.alarm) as many:
        view.handle_scan("16920000000019")  # a case of 12: too many
    assert "TOO MANY" in many.args[0]
    view.handle_scan("CMD:UNDO")
    assert view.pack.lines[0].scanned == 0 and not view.banner_is_red
    view.handle_scan("MUG-01")
    with qtbot.waitSignal(view.printed) as printed:
        view.handle_scan("MUG-01")
    assert view.pack is None
    label = Path(printed.args[0])
    assert label.name.startswith("label-SH-")
    pdf = label.read_bytes()
    assert o.number in pdf_text(pdf)[0]
    assert view.last_shipment is not None
    code = view.last_shipment.parcels[0].label_code
    assert ("Code128", code) in barcodes(pdf)
    assert orders.get_order(db, o.id).status == "packed"
    assert (tmp_path / "docs" / f"slip-{view.last_shipment.number}.pdf").exists()


def test_scan_with_keyboard_and_ship_twice(qtbot: QtBot, ui_db: Database, admin: Actor,
                                           tmp_path: Path) -> None:
    """Typed like a wedge scanner into the field: pack, then ship by scanning the label;
    the shipment leaves "Waiting to ship"; the second scan says already shipped and goes
    red."""
    db = ui_db
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["smith"], [("TEE-01", 1)])
    view = _view(qtbot, db, admin, tmp_path)
    qtbot.keyClicks(view.scan, o.number)
    qtbot.keyClick(view.scan, "\r")
    assert view.pack is not None
    qtbot.keyClicks(view.scan, "TEE-01\r")
    qtbot.keyClick(view.scan, "\r")
    assert view.last_shipment is not None
    code = view.last_shipment.parcels[0].label_code
    number = view.last_shipment.number

    def waiting() -> list[str]:
        return [r.number for r in view.to_print_model.rows]

    qtbot.waitUntil(lambda: number in waiting())
    with qtbot.waitSignal(view.confirmed) as ok:
        view.handle_scan(code)
    assert "Shipped" in ok.args[0]
    assert orders.get_order(db, o.id).status == "shipped"
    qtbot.waitUntil(lambda: number not in waiting())
    with qtbot.waitSignal(view.alarm) as again:
        view.handle_scan(code)
    assert "Already shipped at" in again.args[0]


def test_partial_complete_and_undo_key(qtbot: QtBot, db: Database, admin: Actor,
                                       tmp_path: Path) -> None:
    """F8 undoes; CMD:COMPLETE with part scanned leaves a backorder."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1), ("LAMP-01", 1)])
    view = _view(qtbot, db, admin, tmp_path)
    view.handle_scan(o.number)
    view.handle_scan("LAMP-01")
    view.handle_scan("MUG-01")
    assert view.pack is None  # completed by itself
    o2 = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1), ("LAMP-01", 1)])
    view.handle_scan(o2.number)
    view.handle_scan("LAMP-01")
    view.scan.setFocus()
    qtbot.keyClick(view.scan, Qt.Key.Key_F8)
    assert view.pack is not None and view.pack.lines[1].scanned == 0
    view.handle_scan("LAMP-01")
    view.handle_scan("CMD:COMPLETE")
    assert view.last_shipment is not None
    assert [(s, q) for s, _, q in view.last_shipment.backorder] == [("MUG-01", 1)]
    assert "backorder" in view.banner.text()
