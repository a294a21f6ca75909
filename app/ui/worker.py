"""The one way views run database work off the UI thread.

``run_in_thread(fn, on_success, on_error)`` runs ``fn()`` on a QThreadPool; ``fn`` opens
its own session (``with db.reader() as s:``) and returns plain data (tuples/dataclasses,
never ORM objects). ``on_success(result)`` or ``on_error(exc)`` then runs on the main
thread. Never touch widgets inside ``fn``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

logger = logging.getLogger(__name__)

_pool: QThreadPool | None = None
_pending: set[_Relay] = set()
_failure_hooks: list[Callable[[BaseException], None]] = []


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


class _Relay(QObject):
    """Lives on the main thread; the worker emits, the slots run on the main thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_success: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None,
                 hooks: bool = True) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_error = on_error
        self._hooks = hooks
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_error)

    def _retire(self) -> None:
        # Dropping the last reference here would delete this QObject while Qt is still
        # inside its queued call; it is dropped from the event loop's next turn instead.
        QTimer.singleShot(0, partial(_pending.discard, self))

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        self._retire()
        if self._on_success is not None:
            self._on_success(result)

    @Slot(object)
    def _deliver_error(self, exc: object) -> None:
        self._retire()
        assert isinstance(exc, BaseException)
        if self._hooks:
            for hook in list(_failure_hooks):
                try:
                    hook(exc)
                except Exception:  # noqa: BLE001 - a hook must not hide the real error
                    logger.exception("failure hook failed")
        if self._on_error is not None:
            self._on_error(exc)
        else:
            logger.error("background task failed", exc_info=exc)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - handed to on_error on the main thread
            logger.info("background task raised %r", exc)
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


def run_in_thread(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    hooks: bool = True,
) -> None:
    """Run ``fn`` on the worker pool; deliver its result or exception on the main thread.
    With ``hooks`` (the default) a failure is also shown to the failure hooks."""
    relay = _Relay(on_success, on_error, hooks)
    _pending.add(relay)
    pool().start(_Task(fn, relay))


def wait_for_all(msecs: int = 10_000) -> bool:
    """Block until every queued task has finished (shutdown and tests)."""
    return pool().waitForDone(msecs)
