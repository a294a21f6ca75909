"""The desk starts the notice sender and the exception check, and stops them on close."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.services.context import Actor
from app.ui.exception_checks import ExceptionChecker
from app.ui.main_window import MainWindow
from app.ui.notices_sender import NoticeSenderTimer
from app.ui.reservation_expiry import ReservationExpiry
from tests.factories import make_shop


def test_background_jobs_run_with_the_desk(qtbot: QtBot, ui_db: Database, admin: Actor) -> None:
    make_shop(ui_db, admin)
    window = MainWindow(ui_db, admin, install_scanner=False, watch_changes=False,
                        background_jobs=True)
    qtbot.addWidget(window)
    kinds = {type(job) for job in window._jobs}
    assert kinds == {NoticeSenderTimer, ExceptionChecker, ReservationExpiry}
    assert all(job.timer.isActive() for job in window._jobs)
    window.close()
    assert not any(job.timer.isActive() for job in window._jobs)
