"""The returns bench driven by scans."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.domain.returns import Disposition
from app.domain.scan import classify
from app.services import returns, stock
from app.services.context import Actor
from app.ui.views.returns import GREEN, RED, ReturnsView
from tests.services.fulfilment_helpers import shop_with_carriers
from tests.services.test_returns_service import _ship


def _bench(qtbot: QtBot, db: Database, admin: Actor) -> ReturnsView:
    view = ReturnsView(db, admin)
    qtbot.addWidget(view)
    view.show()
    return view


def test_bench_by_scans(qtbot: QtBot, ui_db: Database, admin: Actor) -> None:
    """Order scan lists returnable lines; a return opens; RMA scan, a wrong item goes red
    and is not counted, the right item completes receiving; restock from the bench."""
    db = ui_db
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 2)])
    view = _bench(qtbot, db, admin)

    assert view.handle_scan(classify(o.number))
    assert view.returnable_model.rowCount() == 1
    index = view.returnable_model.index(0, view.returnable_model.COL_RETURN)
    assert view.returnable_model.setData(index, 5)  # capped at what can come back
    assert view.returnable_model.picks[0].quantity == 2
    view.returnable_model.setData(index, 1)
    view.reason.setCurrentIndex(view.reason.findData("wrong_size"))
    opened = view.open_return()
    assert opened is not None and opened.status == "requested"
    returns.approve(db, admin, opened.id)
    qtbot.waitUntil(lambda: [r.number for r in view.open_model.rows] == [opened.number])

    assert view.handle_scan(classify(opened.number.lower()))
    assert view.current is not None and view.current.number == opened.number
    assert view.handle_scan(classify("LAMP-01"))
    assert view.banner.styleSheet() == RED and "not on" in view.banner.text()
    assert view.lines_model.view is not None and view.lines_model.view.received_units == 0
    assert view.handle_scan(classify("6920000000012"))
    assert view.banner.styleSheet() == GREEN
    assert view.current is not None and view.current.status == "received"

    view.lines_table.selectRow(0)
    view.dispose_selected(Disposition.RESTOCK)
    assert view.current is not None and view.current.status == "inspected"
    qtbot.waitUntil(lambda: [r.status for r in view.open_model.rows] == ["inspected"])
    assert stock.verify(db) == []


def test_unknown_rma_and_foreign_scans(qtbot: QtBot, ui_db: Database, admin: Actor) -> None:
    """An unknown RMA goes red; a bin location is not for this view."""
    view = _bench(qtbot, ui_db, admin)
    assert view.handle_scan(classify("RMA-999999"))
    assert view.banner.styleSheet() == RED
    assert not view.handle_scan(classify("BIN:A-01-02"))
