"""Replenishment view: backordered and below-reorder-point products with the quantities to
buy, refreshed off the UI thread, exported to CSV. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.domain.allocation import Choice
from app.services import allocation, orders, stock
from app.services.context import Actor
from app.ui.views.replenishment import ReplenishmentView
from tests.factories import make_shop


def _shop_to_replenish(db: Database, admin: Actor) -> dict[str, int]:
    """TEE-01: 2 in stock, reorder point 5. LAMP-01: order of 6 with 2 in stock → 4 on backorder."""
    ids = make_shop(db, admin, stock_qty=2)
    stock.set_reorder_point(db, admin, ids["tee"], ids["warehouse"], 5)
    view = orders.create_draft(db, admin, ids["wang"], channel="counter")
    view = orders.add_line(db, admin, view.id, view.version, "LAMP-01", 6)
    orders.confirm(db, admin, view.id, view.version, default_choice=Choice.SHIP_AND_BACKORDER)
    return ids


def _open(db: Database, admin: Actor, qtbot: QtBot) -> ReplenishmentView:
    view = ReplenishmentView(db, admin)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.loading)
    return view


def _shown(view: ReplenishmentView) -> list[list[str]]:
    m = view.model
    return [[m.data(m.index(r, c), Qt.ItemDataRole.DisplayRole) for c in range(m.columnCount())]
            for r in range(m.rowCount())]


def test_lists_backorders_and_reorder_shortfall(ui_db: Database, admin: Actor,
                                                qtbot: QtBot) -> None:
    _shop_to_replenish(ui_db, admin)
    view = _open(ui_db, admin, qtbot)
    # sku, name, warehouse, on hand, reserved, available, reorder point, backordered, to buy
    assert _shown(view) == [
        ["LAMP-01", "Desk lamp 台灯", "MAIN", "2", "2", "0", "0", "4", "4"],
        ["TEE-01", "T-shirt T恤", "MAIN", "2", "0", "2", "5", "0", "3"],
    ]
    assert view.model.headerData(8, Qt.Orientation.Horizontal) == "To buy"
    assert view.components_model.rowCount() == 0
    assert "2" in view.summary.text()


def test_refresh_shows_what_changed(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    ids = _shop_to_replenish(ui_db, admin)
    view = _open(ui_db, admin, qtbot)
    assert view.model.rowCount() == 2
    stock.receive(ui_db, admin, ids["tee"], ids["warehouse"], 10, "supplier delivery")
    with qtbot.waitSignal(view.loaded):
        qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert [r.sku for r in view.model.rows()] == ["LAMP-01"]


def test_export_csv_writes_the_rows(ui_db: Database, admin: Actor, qtbot: QtBot,
                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _shop_to_replenish(ui_db, admin)
    view = _open(ui_db, admin, qtbot)
    target = tmp_path / "buy.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "CSV (*.csv)")))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [
        allocation.CSV_HEADER,
        ["LAMP-01", "Desk lamp 台灯", "MAIN", "2", "2", "0", "0", "4", "4"],
        ["TEE-01", "T-shirt T恤", "MAIN", "2", "0", "2", "5", "0", "3"],
    ]
    assert str(target) in view.summary.text()


def test_export_cancelled_writes_nothing(ui_db: Database, admin: Actor, qtbot: QtBot,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    view = _open(ui_db, admin, qtbot)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert view.export_csv() is None


def test_made_to_order_components_short(ui_db: Database, admin: Actor, qtbot: QtBot) -> None:
    """3 panels free, the wardrobe work order needs 4: 1 panel is listed under components."""
    from tests.production_factories import confirmed_mto_order, make_workshop

    ids = make_workshop(ui_db, admin, panels=3)
    confirmed_mto_order(ui_db, admin, ids, quantity=2)
    view = _open(ui_db, admin, qtbot)
    m = view.components_model
    assert [[m.data(m.index(r, c)) for c in range(3)] for r in range(m.rowCount())] == [
        ["PANEL-01", "Oak panel 橡木板", "1"]]
