"""Pack station, third wave: per-parcel box and weight by keyboard and scan, the carrier
proposal with its reason and the packer's override, slips printed through a print dialog
(a stand-in that picks a PDF file), batch printing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import CarrierService, Parcel, Shipment
from app.services.context import Actor
from app.ui.views.pack_panels import parse_weight
from app.ui.views.shipping import ShippingView
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers
from tests.support.pdfcheck import page_sizes_mm


def _view(qtbot: QtBot, db: Database, admin: Actor, tmp_path: Path) -> ShippingView:
    view = ShippingView(db, admin, pdf_folder=tmp_path / "docs")
    qtbot.addWidget(view)
    view.show()
    view.scan.setFocus()
    return view


class PdfDialog:
    """Stands in for QPrintDialog: the user picks 'print to file' and accepts."""

    calls: list[str] = []

    def __init__(self, printer: QPrinter, parent: Any, target: Path,
                 accept: bool = True) -> None:
        self.printer, self.target, self.accept = printer, target, accept

    def exec(self) -> int:
        PdfDialog.calls.append(self.printer.docName())
        if not self.accept:
            return int(QDialog.DialogCode.Rejected)
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(self.target))
        return int(QDialog.DialogCode.Accepted)


def test_parse_weight() -> None:
    assert parse_weight("W:2.45") == Decimal("2.45")
    assert parse_weight("2,4 kg") == Decimal("2.4")
    assert parse_weight("WT:2450g") == Decimal("2.45")
    assert parse_weight("6920000000012") is None  # an EAN is an item, not a weight
    assert parse_weight("12", bare=True) == Decimal("12")
    assert parse_weight("abc", bare=True) is None


def test_parcels_by_keyboard_proposal_and_override(qtbot: QtBot, ui_db: Database,
                                                   admin: Actor, tmp_path: Path) -> None:
    """Two parcels, each with its own box and weight (F5 box by keys, F6 weight typed like
    a scale, a W: weight scan, a BOX: scan); the proposal names the cheapest and why;
    F7 + arrow keys override it and the shipment uses the packer's service."""
    db = ui_db
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1), ("LAMP-01", 1),
                                                 ("TEE-01", 1)])
    view = _view(qtbot, db, admin, tmp_path)
    qtbot.keyClicks(view.scan, o.number + "\r")
    qtbot.keyClicks(view.scan, "MUG-01\r")
    # F5: the box list; Down twice from "(no box)" = S, then M; Enter back to the scan field.
    qtbot.keyClick(view.scan, Qt.Key.Key_F5)
    assert view.focusWidget() is view.parcels.box_combo
    qtbot.keyClick(view.parcels.box_combo, Qt.Key.Key_Down)
    qtbot.keyClick(view.parcels.box_combo, Qt.Key.Key_Down)
    qtbot.keyClick(view.parcels.box_combo, Qt.Key.Key_Return)
    assert view.focusWidget() is view.scan
    assert view.parcels.inputs[1].box_code == "M"
    assert view.parcels.dims_label.text() == "30 × 20 × 15 cm"
    # F6: the scale types the weight and Enter.
    qtbot.keyClick(view.scan, Qt.Key.Key_F6)
    assert view.focusWidget() is view.parcels.weight_edit
    qtbot.keyClicks(view.parcels.weight_edit, "2.4\r")
    assert view.focusWidget() is view.scan and not view.banner_is_red
    assert view.parcels.inputs[1].weight_kg == Decimal("2.4")
    text = view.carrier.proposal_label.text()
    assert text.startswith("YTO Express"), text
    assert "cheapest of 3 that accept 2.4 kg to China" in text
    assert "Own van" in view.carrier.why_label.text()  # rejected, with its reason
    # A typo in the weight field is refused with the reason; nothing changes.
    qtbot.keyClick(view.scan, Qt.Key.Key_F6)
    view.parcels.weight_edit.clear()
    qtbot.keyClicks(view.parcels.weight_edit, "2..4\r")
    assert view.banner_is_red and "not a parcel weight" in view.banner.text()
    assert view.parcels.inputs[1].weight_kg == Decimal("2.4")
    # Next parcel (F9): its own box (by scan) and weight (weight barcode).
    qtbot.keyClick(view.scan, Qt.Key.Key_F9)
    assert view.parcels.current == 2 and view.parcels.inputs[2].box_code == "M"
    qtbot.keyClicks(view.scan, "BOX:L\r")
    qtbot.keyClicks(view.scan, "LAMP-01\r")
    qtbot.keyClicks(view.scan, "W:3.5\r")
    assert view.parcels.inputs[2].box_code == "L"
    assert view.parcels.inputs[2].weight_kg == Decimal("3.5")
    assert view.parcels.inputs[1].box_code == "M"  # parcel 1 kept its own
    assert view.parcels.table.rowCount() == 2
    assert "5.9 kg" in view.carrier.proposal_label.text()
    # F7: override with the keyboard — Down to the first service that accepts (SF).
    proposed = view.carrier.proposal
    assert proposed is not None and proposed.service_id is not None
    qtbot.keyClick(view.scan, Qt.Key.Key_F7)
    assert view.focusWidget() is view.carrier.service_combo
    qtbot.keyClick(view.carrier.service_combo, Qt.Key.Key_Down)
    qtbot.keyClick(view.carrier.service_combo, Qt.Key.Key_Return)
    chosen = view.carrier.selected_service_id()
    assert chosen is not None and chosen != proposed.service_id
    assert view.carrier.proposal_label.text().startswith("Override: SF Express")
    qtbot.keyClicks(view.scan, "TEE-01\r")  # the last item completes the order
    sh = view.last_shipment
    assert view.pack is None and sh is not None
    with db.reader() as s:
        row = s.scalar(select(Shipment).where(Shipment.id == sh.id))
        assert row is not None and row.service_id == chosen
        assert s.scalar(select(CarrierService.code).where(
            CarrierService.id == row.service_id)) == "STD"
        assert row.choice_explanation.startswith("Chosen by")
        parcels = s.execute(select(Parcel.box_code, Parcel.weight_kg, Parcel.length_cm)
                            .where(Parcel.shipment_id == sh.id)
                            .order_by(Parcel.parcel_no)).all()
    assert [(b, Decimal(w), Decimal(cm)) for b, w, cm in parcels] == [
        ("M", Decimal("2.4"), Decimal(30)), ("L", Decimal("3.5"), Decimal(45))]
    # The panels are empty again for the next order.
    assert view.parcels.inputs == {1: view.parcels.inputs[1]}
    assert view.carrier.selected_service_id() is None


def test_proposal_followed_and_freight_by_rule(qtbot: QtBot, ui_db: Database, admin: Actor,
                                               tmp_path: Path) -> None:
    """Without an override the proposal is used as the service chose it; 60 kg goes to
    freight by rule and the panel says so."""
    db = ui_db
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("LAMP-01", 2)])
    view = _view(qtbot, db, admin, tmp_path)
    view.handle_scan(o.number)
    view.handle_scan("LAMP-01")
    view.handle_scan("60 kg")
    text = view.carrier.proposal_label.text()
    assert text.startswith("Freight: Freight forwarder"), text
    assert "Freight, because 60 kg in total" in view.carrier.why_label.text()
    view.handle_scan("20.5kg")
    text = view.carrier.proposal_label.text()  # back to parcel services; YTO's limit is 20
    assert text.startswith("SF Express 顺丰 Standard: 52.00 — cheapest of 2 that accept "
                           "20.5 kg to Guangdong"), text
    assert "weighs 20.5 kg, over its 20 kg limit" in view.carrier.why_label.text()
    view.handle_scan("LAMP-01")
    sh = view.last_shipment
    assert sh is not None and sh.carrier_code == "SF" and sh.shipping_cost == 52
    assert "cheapest" in sh.choice_explanation and "Chosen by" not in sh.choice_explanation


def test_print_slip_dialog_and_batch(qtbot: QtBot, ui_db: Database, admin: Actor,
                                     tmp_path: Path) -> None:
    """Ctrl+P prints the last slip through the print dialog (here: to a PDF file); a
    cancelled dialog prints nothing; batch: labels of two shipments to one PDF file with
    no dialog, slips of both through one dialog."""
    db = ui_db
    ids = shop_with_carriers(db, admin)
    view = _view(qtbot, db, admin, tmp_path)
    numbers = []
    for _ in range(2):
        o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1)])
        view.handle_scan(o.number)
        view.handle_scan("MUG-01")
        assert view.last_shipment is not None
        numbers.append(view.last_shipment.number)
    qtbot.waitUntil(lambda: [r.number for r in view.to_print_model.rows] == numbers[::-1])
    slip = tmp_path / "slip.pdf"
    PdfDialog.calls = []
    view.print_dialog_factory = lambda printer, parent: PdfDialog(printer, parent, slip,
                                                                  accept=False)
    qtbot.keyClick(view.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert PdfDialog.calls == [f"slip {numbers[1]}"] and not slip.exists()
    view.print_dialog_factory = lambda printer, parent: PdfDialog(printer, parent, slip)
    with qtbot.waitSignal(view.printed) as printed:
        qtbot.keyClick(view.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed.args[0] == str(slip)
    assert len(page_sizes_mm(slip.read_bytes())) == 1
    assert "printed to" in view.banner.text() and view.focusWidget() is view.scan
    # Batch: select both shipments.
    view.to_print_table.selectAll()
    with qtbot.waitSignal(view.printed) as labels:
        view.print_selected_labels()
    pdf = Path(labels.args[0]).read_bytes()
    assert page_sizes_mm(pdf) == [(100.0, 150.0)] * 2  # no dialog, one label per parcel
    qtbot.waitUntil(lambda: all(r.label_printed for r in view.to_print_model.rows))
    batch = tmp_path / "slips.pdf"
    view.print_dialog_factory = lambda printer, parent: PdfDialog(printer, parent, batch)
    PdfDialog.calls = []
    view.to_print_table.selectAll()
    view.print_selected_slips()
    assert PdfDialog.calls == ["2 packing slips"]
    assert len(page_sizes_mm(batch.read_bytes())) == 2


def test_preprinted_tracking_label_goes_on_the_current_parcel(
        qtbot: QtBot, ui_db: Database, admin: Actor, tmp_path: Path) -> None:
    """A carrier's pre-printed label scanned while packing is not an item: its tracking
    number goes on the parcel being packed (and onto the shipped parcel); a code that is
    neither an item nor a tracking number still sounds the alarm."""
    db = ui_db
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1), ("TEE-01", 1)])
    view = _view(qtbot, db, admin, tmp_path)
    qtbot.keyClicks(view.scan, o.number + "\r")
    qtbot.keyClicks(view.scan, "1Z999AA10123456784\r")
    assert not view.banner_is_red, view.banner.text()
    assert "1Z999AA10123456784" in view.banner.text() and "UPS" in view.banner.text()
    assert view.parcels.inputs[1].tracking_number == "1Z999AA10123456784"
    assert view.parcels.table.item(0, 4).text() == "1Z999AA10123456784"
    qtbot.keyClicks(view.scan, "NOT-A-THING\r")
    assert view.banner_is_red and "not a known product" in view.banner.text()
    qtbot.keyClicks(view.scan, "MUG-01\r")
    qtbot.keyClicks(view.scan, "TEE-01\r")
    sh = view.last_shipment
    assert view.pack is None and sh is not None
    with db.reader() as s:
        numbers = s.scalars(select(Parcel.tracking_number)
                            .where(Parcel.shipment_id == sh.id)).all()
    assert numbers == ["1Z999AA10123456784"]
