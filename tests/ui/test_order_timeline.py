"""The order timeline dialog: history, allowed moves only, a move and an event through it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from app.db.engine import Database
from app.domain.order_status import OrderStatus
from app.services import orders, tracking
from app.services.context import Actor
from app.ui.dialogs.order_timeline import OrderTimelineDialog
from tests.factories import make_shop


def _confirmed_order(db: Database, admin: Actor) -> int:
    ids = make_shop(db, admin)
    o = orders.create_draft(db, admin, customer_id=ids["wang"])
    o = orders.add_line(db, admin, o.id, o.version, "MUG-01", 2)
    o = orders.confirm(db, admin, o.id, o.version)
    assert o.status == "confirmed"
    return o.id


def _cells(dialog: OrderTimelineDialog, col: int) -> list[str]:
    table = dialog.table
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_dialog_lists_history_and_offers_only_allowed_moves(qtbot, ui_db, admin):
    order_id = _confirmed_order(ui_db, admin)
    dialog = OrderTimelineDialog(ui_db, admin, order_id)
    qtbot.addWidget(dialog)
    assert _cells(dialog, 2) == ["draft", "draft → confirmed"]
    assert _cells(dialog, 3) == [admin.username, admin.username]
    assert _cells(dialog, 4) == [admin.workstation, admin.workstation]
    assert _cells(dialog, 5)[0] == "created"
    offered = set(dialog.move_buttons)
    assert offered == set(tracking.moves_for(ui_db, order_id))
    assert OrderStatus.ON_HOLD in offered and OrderStatus.PICKING in offered
    assert OrderStatus.DELIVERED not in offered
    assert OrderStatus.DRAFT not in offered
    # cancelling goes through orders.cancel (gives back stock), never a plain move
    assert OrderStatus.CANCELLED not in offered


def test_move_through_dialog_changes_status_and_adds_row(qtbot, ui_db, admin, monkeypatch):
    order_id = _confirmed_order(ui_db, admin)
    dialog = OrderTimelineDialog(ui_db, admin, order_id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("customer asked to wait", True)))
    qtbot.mouseClick(dialog.move_buttons[OrderStatus.ON_HOLD], Qt.MouseButton.LeftButton)
    assert orders.get_order(ui_db, order_id).status == "on_hold"
    assert _cells(dialog, 2)[-1] == "confirmed → on_hold"
    assert _cells(dialog, 5)[-1] == "customer asked to wait"
    # the buttons now follow the new status: on hold may go back to confirmed only
    assert set(dialog.move_buttons) == set(tracking.moves_for(ui_db, order_id))
    assert OrderStatus.CONFIRMED in dialog.move_buttons
    assert OrderStatus.ON_HOLD not in dialog.move_buttons


def test_dismissed_reason_prompt_keeps_status(qtbot, ui_db, admin, monkeypatch):
    order_id = _confirmed_order(ui_db, admin)
    dialog = OrderTimelineDialog(ui_db, admin, order_id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    assert dialog.move_to(OrderStatus.ON_HOLD) is False
    assert orders.get_order(ui_db, order_id).status == "confirmed"
    assert dialog.table.rowCount() == 2


def test_recording_an_event_adds_it(qtbot, ui_db, admin, monkeypatch):
    order_id = _confirmed_order(ui_db, admin)
    dialog = OrderTimelineDialog(ui_db, admin, order_id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda *a, **k: ("address_problem", True)))
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("wrong house number", True)))
    qtbot.mouseClick(dialog.event_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 3
    row = dialog.table.rowCount() - 1
    assert dialog.table.item(row, 1).text() == "tracking"
    assert dialog.table.item(row, 2).text() == "address_problem"
    assert dialog.table.item(row, 5).text() == "wrong house number"
    kinds = [e.title for e in tracking.timeline(ui_db, order_id) if e.source == "tracking"]
    assert kinds == ["address_problem"]


def test_import_carrier_file_reports_added_events(qtbot, ui_db, admin, monkeypatch, tmp_path):
    order_id = _confirmed_order(ui_db, admin)
    number = orders.get_order(ui_db, order_id).number
    path = tmp_path / "status.csv"
    path.write_text("Time,Status,Tracking Number,Order,Location,Details\n"
                    f"2026-11-01 09:00,In transit,SF100,{number},Shenzhen,left hub\n"
                    "2026-11-01 10:00,In transit,SF999,NOPE-1,Shenzhen,unknown\n",
                    encoding="utf-8")
    dialog = OrderTimelineDialog(ui_db, admin, order_id)
    qtbot.addWidget(dialog)
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda *a, **k: ("generic_en", True)))
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _p, _t, text: shown.append(text)))
    assert dialog.import_file() == 1
    assert shown and shown[0].startswith("1 events added") and "row 3" in shown[0]
    assert dialog.table.rowCount() == 3
    # the carrier's event is older than the status changes: the timeline is by time
    assert _cells(dialog, 1) == ["tracking", "status", "status"]
    assert _cells(dialog, 2)[0] == "in_transit (SF100)"


def test_orders_view_timeline_button_opens_dialog_for_selected_order(
        qtbot, ui_db, admin, monkeypatch):
    from app.ui.views.orders import OrdersView

    order_id = _confirmed_order(ui_db, admin)
    opened: list[int] = []
    monkeypatch.setattr(OrderTimelineDialog, "exec", lambda self: opened.append(self.order_id))
    view = OrdersView(ui_db, admin)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    view.table.selectRow(0)
    qtbot.mouseClick(view.timeline_button, Qt.MouseButton.LeftButton)
    assert opened == [order_id]
