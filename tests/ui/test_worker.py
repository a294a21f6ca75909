"""The desk's one helper for background work (``app.ui.worker``): every result or error
comes back on the UI thread, in full, with nothing left behind; a view closed while its load
was running does not turn the late answer into an error."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QLabel
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
    qtbot.waitUntil(lambda: worker.pending() == 0, timeout=10_000)


def test_an_answer_for_a_closed_view_is_dropped_quietly(qtbot: QtBot) -> None:
    label = QLabel("loading…")
    release = threading.Event()
    worker.run_in_thread(lambda: (release.wait(10), "late")[1], label.setText)
    shiboken6.delete(label)  # the view is closed while its load runs
    release.set()
    after: list[str] = []
    worker.run_in_thread(lambda: "next", after.append)
    # pytest-qt fails the test if the late answer raised in the event loop
    qtbot.waitUntil(lambda: after == ["next"] and worker.pending() == 0, timeout=10_000)


def test_nothing_is_delivered_to_a_deleted_owner(qtbot: QtBot) -> None:
    owner = QLabel()
    release = threading.Event()
    got: list[str] = []
    worker.run_in_thread(lambda: (release.wait(10), "late")[1], got.append, owner=owner)
    shiboken6.delete(owner)
    release.set()
    after: list[str] = []
    worker.run_in_thread(lambda: "next", after.append)
    qtbot.waitUntil(lambda: after == ["next"] and worker.pending() == 0, timeout=10_000)
    assert got == []
