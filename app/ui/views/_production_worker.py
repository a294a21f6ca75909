"""Run a read off the UI thread and hand the result back on it (views of issue 8).

The function runs on a pool thread with its own database session (services open one per
call); ``done`` / ``failed`` run on the main thread. Results must be plain data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - reported on the main thread
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


def run_in_background(owner: QObject, fn: Callable[[], Any], done: Callable[[Any], None],
                      failed: Callable[[Exception], None]) -> None:
    relay = _Relay(owner)  # lives on the main thread: queued signals arrive there
    relay.done.connect(done)
    relay.failed.connect(failed)
    relay.done.connect(relay.deleteLater)
    relay.failed.connect(relay.deleteLater)
    QThreadPool.globalInstance().start(_Task(fn, relay))
