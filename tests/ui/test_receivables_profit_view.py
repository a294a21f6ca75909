"""Profit view loads a report and exports it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.context import Actor
from app.ui.views.profit import ProfitView
from tests.factories import make_shop
from tests.services.receivables_helpers import invoiced


def test_profit_view_by_product_and_export(qtbot: QtBot, db: Database, admin: Actor,
                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    ids = make_shop(db, admin)
    invoiced(db, admin, ids["wang"], "LAMP-01", issued=date(2025, 1, 10))
    invoiced(db, admin, ids["smith"], "MUG-01", 2, issued=date(2025, 1, 11))
    view = ProfitView(db, admin)
    qtbot.addWidget(view)
    view.group.setCurrentIndex(view.group.findData("product"))
    view.start.setDate(QDate(2025, 1, 1))
    view.end.setDate(QDate(2025, 1, 31))
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.load()
    assert view.proxy.rowCount() == 2
    assert view.proxy.index(0, 0).data() == "LAMP-01"  # highest net profit first
    assert view.proxy.index(0, 11).data() == "119.00"
    view.table.sortByColumn(11, Qt.SortOrder.AscendingOrder)  # net, as numbers
    assert view.proxy.index(0, 0).data() == "MUG-01"
    target = tmp_path / "p.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    assert view.export("csv") == target
    assert "MUG-01" in target.read_text(encoding="utf-8-sig")
