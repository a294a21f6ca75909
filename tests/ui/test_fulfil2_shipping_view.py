"""Shipping view, second wave: the serial-number prompt by scan, a refused shipment that
says why, and the failed-notices list with Retry."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import Notice, ParcelSerial
from app.services import fulfilment, receivables
from app.services.context import Actor
from app.ui.views.shipping import ShippingView
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers


def _view(qtbot: QtBot, db: Database, admin: Actor, tmp_path: Path) -> ShippingView:
    view = ShippingView(db, admin, pdf_folder=tmp_path / "docs")
    qtbot.addWidget(view)
    view.show()
    return view


def test_serial_prompt_refusal_and_retry(qtbot: QtBot, db: Database, admin: Actor,
                                         tmp_path: Path) -> None:
    ids = shop_with_carriers(db, admin)
    fulfilment.set_product_tracking(db, admin, ids["lamp"], "serial")
    o = confirmed_order(db, admin, ids["wang"], [("LAMP-01", 1)])
    view = _view(qtbot, db, admin, tmp_path)
    view.handle_scan(o.number)
    view.handle_scan("LAMP-01")
    assert view.waiting_serial == "LAMP-01" and "serial number" in view.banner.text()
    assert view.pack is not None and view.pack.lines[0].scanned == 0
    with qtbot.waitSignal(view.printed):
        view.handle_scan("SN-4711")  # the serial completes the order; label prints
    assert view.pack is None and view.last_shipment is not None
    with db.reader() as s:
        assert s.scalars(select(ParcelSerial.value)).all() == ["SN-4711"]
    # Shipping a held customer's parcel is refused with the reason, the parcel stays.
    receivables.set_hold(db, admin, ids["wang"], True, "unpaid invoices")
    with qtbot.waitSignal(view.alarm) as refused:
        view.handle_scan(view.last_shipment.parcels[0].label_code)
    assert "unpaid invoices" in refused.args[0] and "Not shipped" in refused.args[0]
    # A notice that failed is listed and can be queued again.
    with db.writer() as s:
        s.add(Notice(dedupe_key="t:1", order_id=o.id, kind="shipped", channel="email",
                     recipient="wang@example.cn", subject="s", body="b", status="failed",
                     attempts=6, last_error="SMTP down"))
    panel = view.failed_notices
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    panel.table.selectRow(0)
    panel.retry_selected()
    with db.reader() as s:
        assert s.scalar(select(Notice.status).where(Notice.dedupe_key == "t:1")) == "pending"
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    with db.writer() as s:
        s.execute(update(Notice).values(status="sent"))


def test_background_sender_and_exception_check_run_at_start(qtbot: QtBot, db: Database,
                                                             admin: Actor) -> None:
    from app.ui.exception_checks import start_exception_checks
    from app.ui.notices_sender import start_notice_sender

    ids = shop_with_carriers(db, admin)
    confirmed_order(db, admin, ids["wang"], [("MUG-01", 1)])
    receivables.set_hold(db, admin, ids["wang"], True, "dunning level 3")
    from PySide6.QtCore import QObject

    owner = QObject()
    checker = start_exception_checks(db, admin, owner, interval_ms=3_600_000)
    with qtbot.waitSignal(checker.checked, timeout=20_000) as checked:
        pass
    assert checked.args[0].ran and len(checked.args[0].opened) == 1
    with db.writer() as s:
        s.add(Notice(dedupe_key="t:2", order_id=None, kind="shipped", channel="email",
                     recipient="x@example.com", subject="s", body="b"))
    sender = start_notice_sender(db, owner, extra={"notice_interval_seconds": 3600})
    with qtbot.waitSignal(sender.round_done, timeout=20_000) as done:
        pass
    assert done.args[0].retrying  # no SMTP host set: the message waits, it is not lost
    checker.stop()
    sender.stop()
