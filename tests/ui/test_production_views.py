"""pytest-qt tests of the production board and the exception desk (issue 8)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.db.types import utcnow
from app.services import exception_desk as desk
from app.services import orders, tracking
from app.services.context import Actor
from app.services.order_costs import cost_totals
from app.ui.views.exceptions import CaseTableModel, ExceptionDeskView
from app.ui.views.production import ProductionBoardView, WorkOrderTableModel
from tests.factories import make_shop
from tests.production_factories import confirmed_mto_order, make_workshop, shipped_order


def _board(qtbot: QtBot, db: Database, admin: Actor) -> ProductionBoardView:
    view = ProductionBoardView(db, admin)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 or view.message.text() != "")
    return view


def _reloaded(qtbot: QtBot, view: ProductionBoardView | ExceptionDeskView, action: Any) -> Any:
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        result = action()
    return result


def test_board_shows_work_orders_by_due_date_with_shortage(
    qtbot: QtBot, db: Database, admin: Actor
) -> None:
    ids = make_workshop(db, admin, panels=3)
    late = confirmed_mto_order(db, admin, ids, promised=date(2031, 4, 30))
    early = confirmed_mto_order(db, admin, ids, promised=date(2031, 4, 1))
    view = _board(qtbot, db, admin)
    m = view.model
    assert [m.rows[i].order_id for i in range(m.rowCount())] == [early, late]
    cell = lambda r, c: m.data(m.index(r, c))  # noqa: E731
    assert cell(0, WorkOrderTableModel.COL_DUE) == "2031-03-28"
    assert cell(1, WorkOrderTableModel.COL_STATE) == "waiting material"
    assert cell(1, WorkOrderTableModel.COL_REASON) == "PANEL-01 −1"
    assert cell(0, WorkOrderTableModel.COL_OPS) == "0/3"
    assert "PANEL-01 ×1" in view.replenishment.text()
    _reloaded(qtbot, view, lambda: view.state_filter.setCurrentIndex(
        view.state_filter.findData("waiting_material")))
    assert m.rowCount() == 1 and m.rows[0].order_id == late


def test_scans_start_and_tick_then_finish(qtbot: QtBot, db: Database, admin: Actor) -> None:
    ids = make_workshop(db, admin)
    order_id = confirmed_mto_order(db, admin, ids)
    view = _board(qtbot, db, admin)
    number = view.model.rows[0].number
    with qtbot.waitSignal(view.scanned) as sig:
        qtbot.keyClicks(view.scan_field, number.lower())
        qtbot.keyClick(view.scan_field, Qt.Key.Key_Return)
    assert sig.args[0] is True and "started" in sig.args[1]
    assert view.scan_field.text() == ""
    for _ in range(3):
        _reloaded(qtbot, view, lambda: view.handle_scan(number))
    assert "all operations done" in view.message.text()
    view.select_work_order(view.model.rows[0].id)
    assert view.buttons["finish"].isEnabled() and not view.buttons["tick"].isEnabled()
    assert _reloaded(qtbot, view, view.finish_selected)
    assert view.model.rows[0].state == "done"
    assert orders.get_order(db, order_id).status == "confirmed"
    assert not view.handle_scan("WO-999999")
    assert "No work order" in view.message.text()


def test_problem_and_accepting_the_new_date(qtbot: QtBot, db: Database, admin: Actor) -> None:
    ids = make_workshop(db, admin)
    order_id = confirmed_mto_order(db, admin, ids)
    view = _board(qtbot, db, admin)
    view.select_work_order(view.model.rows[0].id)
    new = utcnow().date() + timedelta(days=40)
    assert _reloaded(qtbot, view, lambda: view.report_problem("material_short", "oak late", new))
    view.select_work_order(view.model.rows[0].id)
    assert view.model.rows[0].state == "blocked"
    assert view.buttons["accept"].isEnabled() and view.buttons["resume"].isEnabled()
    assert not view.buttons["start"].isEnabled()
    assert _reloaded(qtbot, view, lambda: view.decide_date(True))
    assert orders.get_order(db, order_id).promised_date == new


def _desk(qtbot: QtBot, db: Database, admin: Actor) -> ExceptionDeskView:
    view = ExceptionDeskView(db, admin)
    qtbot.addWidget(view)
    return view


def test_desk_checks_lists_and_works_a_case(qtbot: QtBot, db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=3)
    oid = shipped_order(db, admin, ids, "SF1001")
    tracking.record_event(db, admin, oid, "damaged", parcel_ref="SF1001",
                          description="外箱破损")
    view = _desk(qtbot, db, admin)
    qtbot.waitUntil(lambda: view.buttons["note"] is not None)
    opened = _reloaded(qtbot, view, view.run_check)
    assert opened == ["EXC-000001"] and view.model.rowCount() == 1
    m = view.model
    assert m.data(m.index(0, CaseTableModel.COL_KIND)) == "damaged"
    assert m.data(m.index(0, CaseTableModel.COL_ORDER)) == orders.get_order(db, oid).number
    assert not view.buttons["close"].isEnabled()
    with qtbot.waitSignal(view.detail_loaded, timeout=10_000):
        view.select_case(m.rows[0].id)
    whats = [view.timeline.topLevelItem(i).text(1)
             for i in range(view.timeline.topLevelItemCount())]
    assert "confirmed → picking" in whats and "damaged" in whats and "picked_up" in whats
    assert view.buttons["close"].isEnabled()
    assert _reloaded(qtbot, view, lambda: view.reship(Decimal("15.00")))
    assert not view.close_case("")  # refused: no resolution
    assert "only with a resolution" in view.message.text()
    assert _reloaded(qtbot, view, lambda: view.close_case("reshipped, customer happy"))
    assert view.model.rowCount() == 0
    assert cost_totals(db, oid) == {"reship_goods": Decimal("80.00"),
                                    "postage": Decimal("15.00")}
    assert desk.open_cases(db) == []


def test_desk_exchange_and_refund_through_the_dialogs(
        qtbot: QtBot, db: Database, admin: Actor, monkeypatch: Any) -> None:
    from sqlalchemy import select

    from app.db.models import CreditNote, Reservation, ReshipRequest
    from app.services import stock
    from app.ui.views import exceptions as view_module

    ids = make_shop(db, admin, stock_qty=3)
    oid = shipped_order(db, admin, ids, "SF1001")
    tracking.record_event(db, admin, oid, "damaged", parcel_ref="SF1001", description="外箱破损")
    view = _desk(qtbot, db, admin)
    _reloaded(qtbot, view, view.run_check)
    with qtbot.waitSignal(view.detail_loaded, timeout=10_000):
        view.select_case(view.model.rows[0].id)
    case_number = view.model.rows[0].number
    assert view.buttons["exchange"].isEnabled()
    line_id = orders.get_order(db, oid).lines[0].id
    with db.reader() as s:
        free_before = stock.available(s, ids["lamp"], ids["warehouse"])

    offered: list[list[str]] = []

    def get_item(_parent: Any, _title: str, _label: str, items: list[str], *_a: Any) -> Any:
        offered.append(list(items))
        return items[0], True

    monkeypatch.setattr(view_module.QInputDialog, "getItem", staticmethod(get_item))
    monkeypatch.setattr(view_module.QInputDialog, "getInt",
                        staticmethod(lambda *_a: (1, True)))
    monkeypatch.setattr(view_module.QInputDialog, "getText",
                        staticmethod(lambda *_a: ("broken lamp comes back", True)))
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.buttons["exchange"].click()
    assert offered and "LAMP-01" in offered[0][0]
    assert "exchange requested" in view.message.text()
    with db.reader() as s:
        assert stock.available(s, ids["lamp"], ids["warehouse"]) == free_before - 1
        reqs = list(s.scalars(select(ReshipRequest).where(ReshipRequest.order_id == oid)))
        assert [(r.order_line_id, r.quantity) for r in reqs] == [(line_id, 1)]
        assert s.scalar(select(Reservation.quantity).where(
            Reservation.order_line_id == line_id, Reservation.status == "open")) == 1

    answers = iter([("50.00", True), ("scratched base", True)])
    monkeypatch.setattr(view_module.QInputDialog, "getText",
                        staticmethod(lambda *_a: next(answers)))
    shown: list[str] = []
    monkeypatch.setattr(view_module.QMessageBox, "information",
                        staticmethod(lambda _p, _t, text, *_a: shown.append(text)))
    view.select_case(view.model.rows[0].id)
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.buttons["refund"].click()
    with db.reader() as s:
        notes = list(s.scalars(select(CreditNote)))
        assert len(notes) == 1
        cn = notes[0]
        assert (cn.amount, cn.customer_id) == (Decimal("50.00"), ids["wang"])
        assert case_number in cn.reason and "scratched base" in cn.reason
    assert cn.number and cn.number in view.message.text()
    assert shown == [f"Credit note {cn.number} created."]
    assert cost_totals(db, oid)["refund"] == Decimal("50.00")


def test_desk_lists_the_oldest_cases_and_says_how_many_there_are(
        qtbot: QtBot, db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    for n in range(3):
        shipped_order(db, admin, ids, f"SF{n}")
    assert len(desk.check(db, admin, now=utcnow() + timedelta(days=10)).opened) == 6
    view = _desk(qtbot, db, admin)
    view.limit = 4
    _reloaded(qtbot, view, view.refresh)
    assert view.model.rowCount() == 4 and view.total == 6
    assert view.count_label.text() == "Showing the 4 oldest of 6 open cases"
    view.limit = 10
    _reloaded(qtbot, view, view.refresh)
    assert view.model.rowCount() == 6 and view.count_label.text() == "6 open case(s)"
