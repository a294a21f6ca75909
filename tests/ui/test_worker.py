"""The desk's one helper for background work (``app.ui.worker``): every result or error
comes back on the UI thread, and each task's relay object is let go afterwards — from the
event loop's next turn, never inside its own queued call (deleting a QObject there is a
use-after-free that crashed a test worker)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from app.ui import worker


def test_results_and_errors_arrive_on_the_ui_thread_and_relays_are_let_go(
        qtbot: QtBot) -> None:
    ui_thread = QThread.currentThread()
    results: list[int] = []
    errors: list[str] = []
    threads: set[int] = set()
    wrong_thread: list[str] = []

    def task(i: int) -> int:
        threads.add(threading.get_ident())
        if i % 10 == 0:
            raise ValueError(f"task {i}")
        return i

    def ok(value: int) -> None:
        if QThread.currentThread() is not ui_thread:
            wrong_thread.append(f"result {value}")
        results.append(value)

    def failed(exc: BaseException) -> None:
        if QThread.currentThread() is not ui_thread:
            wrong_thread.append(str(exc))
        errors.append(str(exc))

    n = 2000
    for i in range(n):
        worker.run_in_thread(lambda i=i: task(i), ok, failed, hooks=False)
    qtbot.waitUntil(lambda: len(results) + len(errors) == n, timeout=30_000)
    assert sorted(results) == [i for i in range(n) if i % 10]
    assert sorted(errors) == sorted(f"task {i}" for i in range(0, n, 10))
    assert wrong_thread == []
    assert threading.get_ident() not in threads  # the work itself ran off the UI thread
    # the relays are kept through their own delivery and released on the next turns
    qtbot.waitUntil(lambda: not worker._pending, timeout=10_000)
