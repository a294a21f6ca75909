"""The periodic exception check of the desk: at start and every few minutes, off the UI
thread. On PostgreSQL the service's advisory lock lets one workstation check at a time
(the others' rounds return ``ran=False``); on SQLite the writer lock serialises them.
The main window starts it with ``start_exception_checks(db, actor, parent)``."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.db.engine import Database
from app.services import exception_desk
from app.services.context import Actor
from app.ui.periodic import PeriodicJob

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 5 * 60 * 1000


class ExceptionChecker(PeriodicJob):
    """``checked`` carries each round's CheckResult; ``check_failed`` the error text."""

    checked = Signal(object)
    check_failed = Signal(str)

    def __init__(self, db: Database, actor: Actor, interval_ms: int = DEFAULT_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(interval_ms, parent)
        self.db, self.actor = db, actor

    check_now = PeriodicJob.run_now  # the name callers have used

    def work(self) -> Callable[[], exception_desk.CheckResult]:
        db, actor = self.db, self.actor
        return lambda: exception_desk.check(db, actor)

    def handle_result(self, result: exception_desk.CheckResult) -> None:
        self.checked.emit(result)

    def handle_error(self, exc: BaseException) -> None:
        logger.warning("exception check failed: %s", exc)
        self.check_failed.emit(str(exc))


def start_exception_checks(db: Database, actor: Actor, parent: QObject | None = None,
                           interval_ms: int = DEFAULT_INTERVAL_MS) -> ExceptionChecker:
    checker = ExceptionChecker(db, actor, interval_ms, parent)
    checker.start()
    return checker
