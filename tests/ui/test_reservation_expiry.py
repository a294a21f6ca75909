"""The desk releases expired unpaid reservations by itself and says so in the status bar."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.db.engine import Database
from app.db.models import ReservationHold
from app.domain.allocation import Choice
from app.services import allocation, orders
from app.services.context import Actor
from app.ui.main_window import MainWindow
from app.ui.reservation_expiry import ReservationExpiry
from tests.factories import make_shop


def _unpaid_web_order(db: Database, admin: Actor) -> orders.OrderView:
    ids = make_shop(db, admin, stock_qty=5)
    allocation.set_channel_settings(db, admin, "web", Choice.ALL_OR_NOTHING, 30)
    view = orders.create_draft(db, admin, ids["wang"], channel="web")
    view = orders.add_line(db, admin, view.id, view.version, "MUG-01", 2)
    return orders.confirm(db, admin, view.id, view.version)


def _expire_now(db: Database, order_id: int) -> None:
    with db.writer() as s:  # as if the 30 minutes had passed
        hold = s.get(ReservationHold, order_id)
        assert hold is not None and hold.expires_at is not None
        s.execute(update(ReservationHold).where(ReservationHold.order_id == order_id)
                  .values(expires_at=hold.expires_at - timedelta(minutes=31)))


def test_expiry_job_quiet_until_a_reservation_is_due(qtbot: QtBot, ui_db: Database,
                                                     admin: Actor) -> None:
    order = _unpaid_web_order(ui_db, admin)
    job = ReservationExpiry(ui_db, "ws-test", interval_ms=50)
    announced: list[list[str]] = []
    job.expired.connect(announced.append)
    with qtbot.waitSignal(job.round_done, timeout=10_000) as first:
        job.start()
    assert first.args == [[]] and announced == []  # nothing due yet: silent
    _expire_now(ui_db, order.id)
    with qtbot.waitSignal(job.expired, timeout=10_000) as due:
        pass  # the timer's next round (50 ms) finds it
    job.stop()
    assert due.args == [[order.number]]
    assert orders.get_order(ui_db, order.id).status == "on_hold"
    assert allocation.open_reservations(ui_db, order.id) == []


def test_main_window_runs_expiry_and_says_so(qtbot: QtBot, ui_db: Database,
                                             admin: Actor) -> None:
    order = _unpaid_web_order(ui_db, admin)
    _expire_now(ui_db, order.id)
    window = MainWindow(ui_db, admin, install_scanner=False, watch_changes=False,
                        background_jobs=True, expiry_interval_ms=50)
    qtbot.addWidget(window)
    [job] = [j for j in window._jobs if isinstance(j, ReservationExpiry)]
    assert job.timer.interval() == 50
    qtbot.waitUntil(lambda: order.number in window.statusBar().currentMessage(), timeout=10_000)
    assert "expired" in window.statusBar().currentMessage()
    window.close()
    assert not job.timer.isActive()
