"""orders-view through the real OrdersView, offscreen (see app/bench/orders_view.py)."""

from __future__ import annotations

import os
import threading
import time
from typing import Any

from app.bench import BenchContext, summary

TERMS = ["王", "SO-0001", "Smith", "138", "李娜", "Lee", "7700"]


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _wait_page(view: Any, app: Any, timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while view.model.loading and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.0005)
    app.processEvents()


def measure(ctx: BenchContext) -> list[dict[str, Any]]:
    app = _app()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.services.context import system_actor
    from app.ui.views.orders import OrdersView

    db, actor = ctx.db, system_actor("bench")
    reps = 3 if ctx.scale.name == "small" else 10
    first: list[float] = []
    view = None
    for _ in range(reps):
        if view is not None:
            view.close()
            view.deleteLater()
        t0 = time.perf_counter()
        view = OrdersView(db, actor)
        view.resize(1200, 800)
        view.show()
        _wait_page(view, app)
        view.table.viewport().repaint()
        first.append(time.perf_counter() - t0)
    assert view is not None
    search: list[float] = []
    for i in range(reps * 2):
        view.search_edit.clear()
        t0 = time.perf_counter()
        for ch in TERMS[i % len(TERMS)]:
            if ch.isascii():
                QTest.keyClicks(view.search_edit, ch)
            else:  # what an input method commits
                view.search_edit.insert(ch)
        QTest.keyClick(view.search_edit, Qt.Key.Key_Return)
        _wait_page(view, app)
        view.table.viewport().repaint()
        search.append(time.perf_counter() - t0)
    view.search_edit.clear()
    view.apply_filter()
    _wait_page(view, app)
    scroll: list[float] = []
    for _ in range(reps):
        t0 = time.perf_counter()
        view.table.scrollToBottom()
        app.processEvents()
        if view.model.canFetchMore():
            view.model.fetchMore()
        _wait_page(view, app)
        view.table.scrollToBottom()
        view.table.viewport().repaint()
        scroll.append(time.perf_counter() - t0)
    rows = view.model.rowCount()
    updates = _status_updates(ctx, app, view)
    view.close()
    view.deleteLater()
    app.processEvents()
    return [summary("orders-view.first-paint", first, target_p95_ms=150.0),
            summary("orders-view.search", search, target_p95_ms=100.0),
            summary("orders-view.scroll", scroll, target_p95_ms=50.0, rows_loaded=rows),
            updates]


def _status_updates(ctx: BenchContext, app: Any, view: Any) -> dict[str, Any]:
    """Another 'workstation' (a thread on its own connection) changes 1,000 order
    statuses a second in small committed batches while the view refreshes every 100 ms;
    the UI thread's event loop is sampled every 5 ms — a gap is a stall."""
    from sqlalchemy import func, select

    from app.db.models import Order

    db = ctx.db
    seconds = 1.0 if ctx.scale.name == "small" else 3.0
    with db.reader() as s:
        top = s.scalar(select(func.max(Order.id))) or 1
    done = threading.Event()
    applied = [0]

    def writer() -> None:
        raw = db.engine.raw_connection()
        dbapi = raw.driver_connection
        ph = "?" if db.is_sqlite else "%s"
        sql = f"UPDATE orders SET version = version + 1 WHERE id = {ph}"
        start = time.perf_counter()
        k = 0
        while not done.is_set():
            due = int((time.perf_counter() - start) * 1000)  # 1,000 a second
            batch = [(top - (i % 1000),) for i in range(k, due)]
            if batch:
                cur = dbapi.cursor()
                if db.is_sqlite:
                    cur.execute("BEGIN IMMEDIATE")
                cur.executemany(sql, batch)
                if db.is_sqlite:
                    cur.execute("COMMIT")
                else:
                    dbapi.commit()
                cur.close()
                k = due
                applied[0] = k
            time.sleep(0.005)
        raw.close()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    gaps: list[float] = []
    last = time.perf_counter()
    started = last
    next_refresh = last + 0.1
    while time.perf_counter() - started < seconds:
        app.processEvents()
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
        if now >= next_refresh:
            view.refresh()
            next_refresh = now + 0.1
        time.sleep(0.005)
    done.set()
    thread.join(5)
    wall = time.perf_counter() - started
    line = summary("orders-view.status-updates", [max(0.0, g - 0.005) for g in gaps],
                   target_max_stall_ms=50.0, updates=applied[0],
                   max_stall_ms=round(max(gaps) * 1000 - 5, 1) if gaps else None)
    line["n"] = applied[0]
    line["ops_per_s"] = round(applied[0] / wall, 1)
    return line
