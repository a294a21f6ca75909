"""Other workstations' changes, seen without a restart.

``LiveWatcher(db)`` emits ``changed(topic)`` (topic ``"orders"`` or ``"stock"``) soon after
another connection changed the database:

* PostgreSQL: a listening connection in a ``QThread`` (``LISTEN orderdesk_orders`` and
  ``orderdesk_stock``, sent by the triggers of migration 1300);
* SQLite: ``PRAGMA data_version`` on a connection of its own, polled every second (it
  changes when any other connection commits; the topic is then ``"any"``).

The main window refreshes the Orders list and the Stock view when they are on screen.
"""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from app.db.engine import Database

logger = logging.getLogger(__name__)

CHANNELS = {"orderdesk_orders": "orders", "orderdesk_stock": "stock"}
POLL_MS = 1000


class _PgListener(QThread):
    notified = Signal(str)

    def __init__(self, conninfo: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.conninfo = conninfo
        self._stop = False
        self.listening = False

    def stop(self) -> None:
        self._stop = True

    def run(self) -> None:
        import psycopg

        while not self._stop:
            try:
                with psycopg.connect(self.conninfo, autocommit=True, connect_timeout=3) as conn:
                    for channel in CHANNELS:
                        conn.execute(f"LISTEN {channel}")
                    logger.info("listening for changes on %s", ", ".join(CHANNELS))
                    self.listening = True
                    while not self._stop:
                        for note in conn.notifies(timeout=0.5, stop_after=50):
                            self.notified.emit(CHANNELS.get(note.channel, note.channel))
            except Exception as exc:  # noqa: BLE001 - reconnect while the window is open
                self.listening = False
                if self._stop:
                    return
                logger.warning("change listener lost its connection: %s", exc)
                self.msleep(2000)


class LiveWatcher(QObject):
    changed = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None,
                 poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.db = db
        self._listener: _PgListener | None = None
        self._sqlite: sqlite3.Connection | None = None
        self._version: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.poll)

    @property
    def listening(self) -> bool:
        """PostgreSQL: the LISTEN is in place; SQLite: polling."""
        if self._listener is not None:
            return self._listener.listening
        return self._timer.isActive()

    @property
    def is_sqlite(self) -> bool:
        return self.db.engine.dialect.name == "sqlite"

    def start(self) -> None:
        if self.is_sqlite:
            path = self.db.engine.url.database
            if not path or path == ":memory:":
                return
            self._sqlite = sqlite3.connect(path, check_same_thread=False)
            self._version = self._data_version()
            self._timer.start()
        else:
            url = self.db.engine.url.set(drivername="postgresql")
            self._listener = _PgListener(url.render_as_string(hide_password=False), self)
            self._listener.notified.connect(self._notified)
            self._listener.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        if self._listener is not None:
            self._listener.stop()
            self._listener.wait(5000)
            self._listener = None

    @Slot(str)  # emitted on the listener's thread, delivered here on the UI thread
    def _notified(self, topic: str) -> None:
        self.changed.emit(topic)

    def _data_version(self) -> int | None:
        assert self._sqlite is not None
        try:
            return int(self._sqlite.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:
            logger.warning("data_version poll failed: %s", exc)
            return None

    def poll(self) -> None:
        """SQLite: one ``PRAGMA data_version`` (microseconds); emit if it moved."""
        if self._sqlite is None:
            return
        version = self._data_version()
        if version is not None and version != self._version:
            self._version = version
            self.changed.emit("any")
