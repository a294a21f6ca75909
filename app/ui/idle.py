"""Idle auto-lock: a one-shot timer, restarted by every key press, click or wheel turn
anywhere in the application; ``idle`` is emitted when it runs out. The length comes from
``Settings.idle_policy()`` (``app.domain.idle.IdlePolicy``; 0 minutes = never)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from app.domain.idle import IdlePolicy

_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.MouseMove,
})


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, policy: IdlePolicy, parent: QObject | None = None,
                 interval_ms: int | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._interval = interval_ms if interval_ms is not None else policy.minutes * 60_000
        self._installed = False
        self.paused = False

    def start(self) -> None:
        app = QCoreApplication.instance()
        if not self.policy.enabled or app is None:
            return
        if not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self.paused = False
        self._timer.start(self._interval)

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if self._installed and app is not None:
            app.removeEventFilter(self)
        self._installed = False

    def pause(self) -> None:
        """While the lock screen is up: no restarts."""
        self.paused = True
        self._timer.stop()

    def resume(self) -> None:
        self.paused = False
        if self.policy.enabled:
            self._timer.start(self._interval)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.paused and event.type() in _INPUT and self._timer.isActive():
            self._timer.start(self._interval)
        return False
