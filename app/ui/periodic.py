"""A periodic background job of the desk: one round at start and every ``interval_ms``,
off the UI thread through ``app.ui.worker``, never two rounds at once (a round that is
still running when the timer fires again is not doubled)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from app.ui.worker import run_in_thread


class PeriodicJob(QObject):
    """Subclasses give the round (``work``) and what to do with its result or failure;
    ``work`` runs on the UI thread and returns the callable the pool thread runs, so it
    reads its settings (database, actor, …) before the round leaves the UI thread."""

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_now)

    def start(self) -> None:
        self.timer.start()
        self.run_now()

    def stop(self) -> None:
        self.timer.stop()

    def run_now(self) -> None:
        if self.busy:  # the previous round is still running
            return
        self.busy = True
        run_in_thread(self.work(), self._succeeded, self._failed)

    def work(self) -> Callable[[], Any]:
        raise NotImplementedError

    def handle_result(self, result: Any) -> None:
        """On the UI thread, with the round's result."""

    def handle_error(self, exc: BaseException) -> None:
        """On the UI thread, with the round's error."""

    def _succeeded(self, result: Any) -> None:
        self.busy = False
        self.handle_result(result)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.handle_error(exc)
