"""The desk releases expired reservations of unpaid orders by itself (what
``orderdesk stock expire`` does): at start and every few minutes, off the UI thread.

Quiet unless something expired; then ``expired`` carries the order numbers and the main
window says so in the status bar. Every desk runs it: the service locks each order row
and skips holds already released, so two desks at once release an order only once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.db.engine import Database
from app.services import allocation
from app.services.context import system_actor
from app.ui.worker import run_in_thread

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 5 * 60 * 1000


class ReservationExpiry(QObject):
    """``expired`` carries the list of order numbers released in one round (never empty)."""

    expired = Signal(list)
    round_done = Signal(list)  # every finished round, also empty ones (tests)

    def __init__(self, db: Database, workstation: str = "",
                 interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # the release is the system's doing, not the clerk's who happens to be logged in
        self.actor = system_actor(workstation or "reservation-expiry")
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
        if self.busy:  # the previous round is still running
            return
        self.busy = True
        db, actor = self.db, self.actor
        run_in_thread(lambda: allocation.expire_reservations(db, actor=actor), self._done,
                      self._failed)

    def _done(self, numbers: list[str]) -> None:
        self.busy = False
        if numbers:
            logger.info("reservations expired: %s", ", ".join(numbers))
            self.expired.emit(numbers)
        self.round_done.emit(numbers)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        logger.warning("reservation expiry failed: %s", exc)


def start_reservation_expiry(db: Database, workstation: str = "", parent: QObject | None = None,
                             interval_ms: int = DEFAULT_INTERVAL_MS) -> ReservationExpiry:
    job = ReservationExpiry(db, workstation, interval_ms, parent)
    job.start()
    return job
