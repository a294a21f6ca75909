"""The one way views run database work off the UI thread.

``run_in_thread(fn, on_success, on_error)`` runs ``fn()`` on a QThreadPool; ``fn`` opens
its own session (``with db.reader() as s:``) and returns plain data (tuples/dataclasses,
never ORM objects). ``on_success(result)`` or ``on_error(exc)`` then runs on the main
thread. Never touch widgets inside ``fn``.

Lifetimes: a pool thread must never drop the last reference to a Python object that owns a
Qt object (a per-task relay, a view captured by ``fn``): it would be deleted on the wrong
thread while the UI thread may still be using it — an intermittent segfault in a thread
with no Python frame. So each task, its callbacks and its answer are kept in ``_pending``
and ``_answers``, which the UI thread empties; the pool thread holds only the task's number
and lets go of ``fn`` and of the answer before the UI thread can take them. One long-lived
dispatcher, made on the UI thread and never deleted, carries "an answer is ready".
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

logger = logging.getLogger(__name__)

_pool: QThreadPool | None = None
_failure_hooks: list[Callable[[BaseException], None]] = []


@dataclass
class _Pending:
    fn: Callable[[], Any]
    on_success: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    hooks: bool
    owner: QObject | None  # the answer is dropped once it has been deleted


_lock = threading.Lock()
_numbers = itertools.count(1)
_pending: dict[int, _Pending] = {}  # started and not yet delivered, by task number
_answers: deque[tuple[int, bool, Any]] = deque()  # (number, succeeded, result or exception)

# A view closed while its load was running cannot take the result: not an error.
_DELETED = ("already deleted", "has been deleted")


def add_failure_hook(hook: Callable[[BaseException], None]) -> None:
    """``hook(exc)`` runs on the main thread after any background task fails (the
    connection monitor listens here for lost database connections)."""
    if hook not in _failure_hooks:
        _failure_hooks.append(hook)


def remove_failure_hook(hook: Callable[[BaseException], None]) -> None:
    if hook in _failure_hooks:
        _failure_hooks.remove(hook)


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(4)
    return _pool


class _Dispatcher(QObject):
    """Lives on the UI thread for the whole run; one ``ready`` per answer queued, so one
    delivery per call and a failing callback does not hold up the others."""

    ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.ready.connect(self._deliver_one)

    @Slot()
    def _deliver_one(self) -> None:
        with _lock:
            number, ok, payload = _answers.popleft()
            task = _pending.pop(number)
        if task.owner is not None and not shiboken6.isValid(task.owner):
            return  # its view was closed while the work ran
        try:
            if ok:
                if task.on_success is not None:
                    task.on_success(payload)
            else:
                _deliver_error(task, payload)
        except RuntimeError as exc:
            if not any(part in str(exc) for part in _DELETED):
                raise
            logger.debug("background result dropped: its receiver was closed (%s)", exc)


def _deliver_error(task: _Pending, exc: BaseException) -> None:
    if task.hooks:
        for hook in list(_failure_hooks):
            try:
                hook(exc)
            except Exception:  # noqa: BLE001 - a hook must not hide the real error
                logger.exception("failure hook failed")
    if task.on_error is not None:
        task.on_error(exc)
    else:
        logger.error("background task failed", exc_info=exc)


_dispatcher: _Dispatcher | None = None


class _Task(QRunnable):
    def __init__(self, number: int) -> None:
        super().__init__()
        self._number = number
        self.setAutoDelete(True)

    def run(self) -> None:
        with _lock:
            fn = _pending[self._number].fn
        try:
            payload, ok = fn(), True
        except Exception as exc:  # noqa: BLE001 - handed to on_error on the main thread
            logger.info("background task raised %r", exc)
            payload, ok = exc, False
        del fn  # never the last reference: _pending keeps it until the answer is delivered
        with _lock:
            _answers.append((self._number, ok, payload))
            del payload  # inside the lock: the UI thread can take the answer only after this
        assert _dispatcher is not None
        _dispatcher.ready.emit()


def run_in_thread(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    hooks: bool = True,
    owner: QObject | None = None,
) -> None:
    """Run ``fn`` on the worker pool; deliver its result or exception on the main thread.
    With ``hooks`` (the default) a failure is also shown to the failure hooks. With
    ``owner`` nothing is delivered once that object (the view) has been deleted."""
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()  # the first call comes from the UI thread
    number = next(_numbers)
    with _lock:
        _pending[number] = _Pending(fn, on_success, on_error, hooks, owner)
    pool().start(_Task(number))


def pending() -> int:
    """Tasks started and not yet delivered (tests)."""
    with _lock:
        return len(_pending)


def wait_for_all(msecs: int = 10_000) -> bool:
    """Block until every queued task has finished (shutdown and tests)."""
    return pool().waitForDone(msecs)
