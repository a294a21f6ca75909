"""The periodic exception check of the desk: at start and every few minutes, off the UI
thread. On PostgreSQL the service's advisory lock lets one workstation check at a time
(the others' rounds return ``ran=False``); on SQLite the writer lock serialises them.
The main window starts it with ``start_exception_checks(db, actor, parent)``."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.db.engine import Database
from app.services import exception_desk
from app.services.context import Actor
from app.ui.worker import run_in_thread

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 5 * 60 * 1000


class ExceptionChecker(QObject):
    """``checked`` carries each round's CheckResult; ``check_failed`` the error text."""

    checked = Signal(object)
    check_failed = Signal(str)

    def __init__(self, db: Database, actor: Actor, interval_ms: int = DEFAULT_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)

    def start(self) -> None:
        self.timer.start()
        self.check_now()

    def stop(self) -> None:
        self.timer.stop()

    def check_now(self) -> None:
        if self.busy:
            return
        self.busy = True
        db, actor = self.db, self.actor
        run_in_thread(lambda: exception_desk.check(db, actor), self._done, self._failed)

    def _done(self, result: exception_desk.CheckResult) -> None:
        self.busy = False
        self.checked.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        logger.warning("exception check failed: %s", exc)
        self.check_failed.emit(str(exc))


def start_exception_checks(db: Database, actor: Actor, parent: QObject | None = None,
                           interval_ms: int = DEFAULT_INTERVAL_MS) -> ExceptionChecker:
    checker = ExceptionChecker(db, actor, interval_ms, parent)
    checker.start()
    return checker
