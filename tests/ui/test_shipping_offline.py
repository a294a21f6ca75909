"""Ship by scan at the Shipping view while the database is unreachable: the scan is kept in
the local journal (amber banner) and replayed once the database is back — exactly once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import StockMove
from app.services import fulfilment, orders
from app.services.context import Actor
from app.services.journal import PENDING, ScanJournal
from app.ui.views.shipping import AMBER, ShippingView
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers

UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/orderdesk?connect_timeout=2"


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[ScanJournal]:
    j = ScanJournal(tmp_path / "scan-journal.sqlite3")
    yield j
    j.close()


def _packed(db: Database, admin: Actor) -> tuple[int, str]:
    """A confirmed order packed into one parcel: (order id, label code)."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["smith"], [("TEE-01", 1)])
    pack = fulfilment.start_packing(db, admin, o.number)
    fulfilment.scan_item(db, admin, pack.session_id, "TEE-01")
    shipment = fulfilment.complete_packing(db, admin, pack.session_id)
    return o.id, shipment.parcels[0].label_code


def _sales(db: Database, order_id: int) -> tuple[int, int]:
    """(number of sale stock moves, units) for the order: one parcel shipped once = (1, -1)."""
    with db.reader() as s:
        n, units = s.execute(select(func.count(), func.coalesce(func.sum(StockMove.quantity), 0))
                             .where(StockMove.order_id == order_id,
                                    StockMove.kind == "sale")).one()
    return int(n), int(units)


def test_scan_kept_offline_then_replayed_once(qtbot: QtBot, ui_db: Database, admin: Actor,
                                              tmp_path: Path, journal: ScanJournal) -> None:
    order_id, code = _packed(ui_db, admin)
    view = ShippingView(ui_db, admin, pdf_folder=tmp_path / "docs", journal=journal)
    qtbot.addWidget(view)
    down = Database(UNREACHABLE)
    try:
        view.db = down  # the server goes away
        with qtbot.waitSignal(view.kept_offline) as kept:
            view.handle_scan(code)
        assert kept.args[0] == view.banner.text()
        assert view.banner.styleSheet() == AMBER and not view.banner_is_red
        assert view.banner.text() == ("Offline — scan kept, it will be sent when the database "
                                      "is back (1 waiting)")
        view.handle_scan(code)  # scanned again while offline: kept too, in order
        assert "(2 waiting)" in view.banner.text()
        assert [(e.kind, e.payload["code"], e.state) for e in journal.entries()] == [
            ("ship", code, PENDING), ("ship", code, PENDING)]
        # the replay while still offline stops and keeps everything
        report = view.replay_offline_scans()
        assert report is not None and report.stopped and report.pending == 2
        assert view.banner.styleSheet() == AMBER
    finally:
        down.engine.dispose()
    assert orders.get_order(ui_db, order_id).status != "shipped"
    assert _sales(ui_db, order_id) == (0, 0)

    view.db = ui_db  # the server is back
    with qtbot.waitSignal(view.alarm) as shown:  # the second scan no longer fits: red
        report = view.replay_offline_scans()
    assert report is not None and len(report.applied) == 1 and not report.stopped
    assert len(report.not_applied) == 1 and "Already shipped at" in report.not_applied[0]
    assert "Offline scans: 1 applied" in shown.args[0]
    assert f"REFUSED ship {code}" in shown.args[0] and "Already shipped at" in shown.args[0]
    assert orders.get_order(ui_db, order_id).status == "shipped"
    assert _sales(ui_db, order_id) == (1, -1)
    assert journal.pending() == []

    # nothing waiting: a second replay does nothing and leaves the banner alone
    banner = view.banner.text()
    assert view.replay_offline_scans() is None
    assert view.banner.text() == banner
    assert _sales(ui_db, order_id) == (1, -1)


def test_operational_error_once_goes_to_default_journal(
        qtbot: QtBot, ui_db: Database, admin: Actor, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No journal given: the workstation's journal (under ORDERDESK_HOME) keeps the scan;
    the main window's restored handler replays it through the view."""
    from sqlalchemy.exc import OperationalError

    from app.services import offline
    from app.ui.main_window import MainWindow, ViewSlots

    order_id, code = _packed(ui_db, admin)
    real = fulfilment.ship_by_scan
    calls = {"n": 0}

    def flaky(*args: object, **kwargs: object) -> fulfilment.ShipResult:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fulfilment, "ship_by_scan", flaky)
    view = ShippingView(ui_db, admin, pdf_folder=tmp_path / "docs")
    qtbot.addWidget(view)
    view.handle_scan(code)
    assert "(1 waiting)" in view.banner.text() and view.banner.styleSheet() == AMBER
    assert offline.journal_path().exists() and view.offline_waiting() == 1

    slots = ViewSlots(lambda _key: view)
    slots.reset(["shipping"])

    class Desk:  # just what MainWindow._connection_restored uses
        views = slots
        banner = type("B", (), {"hide": lambda self: None})()

        def statusBar(self) -> object:  # noqa: N802
            return type("S", (), {"showMessage": lambda self, *a: None})()

        def tr(self, text: str) -> str:
            return text

    with qtbot.waitSignal(view.confirmed) as ok:
        MainWindow._connection_restored(Desk())  # type: ignore[arg-type]
    assert "Offline scans: 1 applied" in ok.args[0]
    assert view.offline_waiting() == 0
    assert orders.get_order(ui_db, order_id).status == "shipped"
    assert _sales(ui_db, order_id) == (1, -1)


def test_delivered_slip_scanned_after_the_command(qtbot: QtBot, ui_db: Database, admin: Actor,
                                                  tmp_path: Path, journal: ScanJournal) -> None:
    """CMD:DELIVERED, then the signed slip's label code: the order is delivered (签收)."""
    order_id, code = _packed(ui_db, admin)
    view = ShippingView(ui_db, admin, pdf_folder=tmp_path / "docs", journal=journal)
    qtbot.addWidget(view)
    view.handle_scan(code)  # ship it
    assert orders.get_order(ui_db, order_id).status == "shipped"
    view.handle_scan("CMD:DELIVERED")
    assert "delivery slip" in view.banner.text()
    view.handle_scan(code)  # the slip: not shipped again, marked delivered
    assert orders.get_order(ui_db, order_id).status == "delivered"
    assert view.banner.text().startswith("Delivered: ") and not view.banner_is_red
    assert _sales(ui_db, order_id) == (1, -1)
    view.handle_scan("SO-999999")  # without the command a scan is a normal scan again
    assert view.banner_is_red
