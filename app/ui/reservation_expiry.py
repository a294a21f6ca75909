"""The desk releases expired reservations of unpaid orders by itself (what
``orderdesk stock expire`` does): at start and every few minutes, off the UI thread.

Quiet unless something expired; then ``expired`` carries the order numbers and the main
window says so in the status bar. Every desk runs it: the service locks each order row
and skips holds already released, so two desks at once release an order only once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.db.engine import Database
from app.services import allocation
from app.services.context import system_actor
from app.ui.periodic import PeriodicJob

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 5 * 60 * 1000


class ReservationExpiry(PeriodicJob):
    """``expired`` carries the list of order numbers released in one round (never empty)."""

    expired = Signal(list)
    round_done = Signal(list)  # every finished round, also empty ones (tests)

    def __init__(self, db: Database, workstation: str = "",
                 interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(interval_ms, parent)
        self.db = db
        # the release is the system's doing, not the clerk's who happens to be logged in
        self.actor = system_actor(workstation or "reservation-expiry")

    check_now = PeriodicJob.run_now  # the name callers have used

    def work(self) -> Callable[[], list[str]]:
        db, actor = self.db, self.actor
        return lambda: allocation.expire_reservations(db, actor=actor)

    def handle_result(self, numbers: list[str]) -> None:
        if numbers:
            logger.info("reservations expired: %s", ", ".join(numbers))
            self.expired.emit(numbers)
        self.round_done.emit(numbers)

    def handle_error(self, exc: BaseException) -> None:
        logger.warning("reservation expiry failed: %s", exc)


def start_reservation_expiry(db: Database, workstation: str = "", parent: QObject | None = None,
                             interval_ms: int = DEFAULT_INTERVAL_MS) -> ReservationExpiry:
    job = ReservationExpiry(db, workstation, interval_ms, parent)
    job.start()
    return job
