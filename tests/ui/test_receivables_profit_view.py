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


def test_profit_charts_follow_the_report(qtbot: QtBot, db: Database, admin: Actor,
                                         tmp_path: Path) -> None:
    """One bar per group (highest net first, taller for more profit) and one trend point
    per month, computed from the same report."""
    ids = make_shop(db, admin)
    invoiced(db, admin, ids["wang"], "LAMP-01", issued=date(2025, 1, 10))
    invoiced(db, admin, ids["smith"], "MUG-01", 2, issued=date(2025, 2, 11))
    invoiced(db, admin, ids["smith"], "TEE-01", 1, issued=date(2025, 3, 5))
    view = ProfitView(db, admin)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.group.setCurrentIndex(view.group.findData("product"))
    view.start.setDate(QDate(2025, 1, 1))
    view.end.setDate(QDate(2025, 3, 31))
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.load()
    bars = view.bar_chart
    assert [label for label, _ in bars.points] == [r.key for r in view.rows]
    assert [value for _, value in bars.points] == [float(r.profit.net) for r in view.rows]
    rects = bars.bar_rects()
    assert len(rects) == 3
    heights = [r.height() for r in rects]
    assert heights == sorted(heights, reverse=True) and heights[0] > heights[-1] > 0
    assert all(abs(r.bottom() - bars.zero_y()) < 0.5 for r in rects)  # all profitable
    trend = view.trend_chart
    assert [label for label, _ in trend.points] == ["2025-01", "2025-02", "2025-03"]
    points = trend.line_points()
    assert len(points) == 3 and points[0].x() < points[1].x() < points[2].x()
    assert points[0].y() < points[2].y()  # January (the lamp) earned the most
    shot = tmp_path / "profit.png"
    assert view.grab().save(str(shot))


def test_chart_negative_values_hang_below_zero(qtbot: QtBot) -> None:
    from app.ui.widgets.chart import ChartWidget

    chart = ChartWidget(ChartWidget.BARS, "t", max_points=2)
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.set_points([("a", 50), ("b", -25), ("c", 10)])
    assert chart.hidden == 1 and len(chart.bar_rects()) == 2
    up, down = chart.bar_rects()
    assert abs(up.bottom() - chart.zero_y()) < 0.5 and abs(down.top() - chart.zero_y()) < 0.5
    assert abs(up.height() - 2 * down.height()) < 0.5
    assert chart.line_points() == []
    chart.grab()  # paints without error, also with no data
    chart.set_points([])
    chart.grab()
