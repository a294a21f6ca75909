"""Is the database still there? ``ConnectionMonitor`` pings it with a cheap ``SELECT 1``
every few seconds off the UI thread, and hears about failed database calls from any
worker (``app.ui.worker`` failure hook). When the connection is lost it emits ``lost``
(the main window shows a red banner, nothing the user typed is touched), retries with
back-off, and emits ``restored`` when the database answers again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from app.ui import worker

logger = logging.getLogger(__name__)

PING_MS = 5000
BACKOFF_MS: tuple[int, ...] = (1000, 2000, 4000, 8000, 15000)


# SQLite's OperationalError also means "database is locked", "too many SQL variables" or
# "no such table": the file is there. Only these say it cannot be reached.
_SQLITE_UNREACHABLE = ("unable to open database file", "disk i/o error",
                       "attempt to write a readonly database")


def is_disconnect(exc: BaseException) -> bool:
    """A failure that means the database is unreachable (not a refused business rule)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, OperationalError):
        import sqlite3

        if isinstance(exc.orig, sqlite3.OperationalError):
            return any(m in str(exc.orig).lower() for m in _SQLITE_UNREACHABLE)
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    return isinstance(exc, psycopg.OperationalError)


def _ping_engine(url: str) -> Engine:
    args: dict[str, object] = {}
    if not url.startswith("sqlite"):
        args["connect_timeout"] = 3
    return create_engine(url, poolclass=NullPool, connect_args=args)


class ConnectionMonitor(QObject):
    """Pings ``url``; ``lost``/``restored`` on state changes; ``online`` says the state."""

    lost = Signal()
    restored = Signal()

    def __init__(self, url: str, parent: QObject | None = None, *, ping_ms: int = PING_MS,
                 backoff_ms: Sequence[int] = BACKOFF_MS) -> None:
        super().__init__(parent)
        self.url = url
        self.ping_ms = ping_ms
        self.backoff_ms = tuple(backoff_ms) or (ping_ms,)
        self.online = True
        self.attempts = 0  # failed retries since the connection was lost
        self._engine: Engine | None = None
        self._busy = False
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.ping)
        worker.add_failure_hook(self._worker_failed)

    # ------------------------------------------------------------------ control
    def start(self) -> None:
        self._stopped = False
        self._timer.start(self.ping_ms)

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        worker.remove_failure_hook(self._worker_failed)
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def report_failure(self, exc: BaseException) -> None:
        """A database call failed somewhere: if it was a lost connection, say so now."""
        if is_disconnect(exc) and self.online:
            logger.warning("database call failed: connection lost (%s)", exc)
            self._go_offline()

    # ------------------------------------------------------------------ internals
    def _worker_failed(self, exc: BaseException) -> None:
        if not self._stopped:
            self.report_failure(exc)

    def ping(self) -> None:
        """One cheap ``SELECT 1`` off the UI thread; the answer comes back here."""
        if self._busy or self._stopped:
            return
        self._busy = True
        if self._engine is None:
            self._engine = _ping_engine(self.url)
        engine = self._engine

        def select_one() -> None:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))

        worker.run_in_thread(select_one, self._ping_ok, self._ping_failed, hooks=False)

    def _ping_ok(self, _result: object) -> None:
        self._busy = False
        if not self.online:
            logger.info("database connection is back after %d retries", self.attempts)
            self.online, self.attempts = True, 0
            self.restored.emit()
        self._schedule()

    def _ping_failed(self, exc: BaseException) -> None:
        self._busy = False
        if self.online:
            logger.warning("database ping failed: %s", exc)
            self._go_offline(schedule=False)
        else:
            self.attempts += 1
        self._schedule()

    def _go_offline(self, schedule: bool = True) -> None:
        self.online, self.attempts = False, 0
        self.lost.emit()
        if schedule and not self._busy:
            self._schedule()

    def _schedule(self) -> None:
        if self._stopped:
            return
        if self.online:
            self._timer.start(self.ping_ms)
        else:
            step = min(self.attempts, len(self.backoff_ms) - 1)
            self._timer.start(self.backoff_ms[step])
