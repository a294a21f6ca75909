"""Application-wide keyboard-wedge barcode scanner listener.

A USB/Bluetooth scanner in keyboard mode "types" a code very fast (5-60 ms between keys, NOTES.md
under /work/shared/testdata/scanner) and usually ends it with Enter or Tab. People type slower.
:class:`ScannerListener` is an event filter on the QApplication that tells the two apart by
timing, whatever widget has focus:

* The first printable key is *held back* (swallowed) for up to ``max_gap_ms``.
* If the next key comes within ``max_gap_ms`` it is a scan: keys are buffered and swallowed, so
  nothing lands in the focused QLineEdit, until Enter/Return/Tab (swallowed too) ends the code,
  or - for scanners without a terminator - ``flush_timeout_ms`` passes without a key (QTimer).
  ``scanned`` is emitted once per code, with the text exactly as typed (AIM prefix, GS
  characters included; classify it with :func:`app.domain.scan.classify`).
* Otherwise it is a person typing: the held keys are re-delivered, in order, to the widget they
  were aimed at, and typing continues normally.

Widgets that want raw scanner text as ordinary typing set the dynamic property
``scanner_passthrough`` to True (on themselves or an ancestor).

Usage::

    listener = ScannerListener(main_window)
    listener.install()                      # installs on QApplication.instance()
    listener.scanned.connect(main_window.on_scan)

Gaps are measured between the keys' own timestamps (``QKeyEvent.timestamp()``, stamped by the
platform when the key was typed), not between the moments the desk gets round to them: while the
GUI thread is busy (a garbage collection, a slow paint, a model reset) a scanner's keys queue up
and then arrive back to back, and measured by the clock the stall would look like a pause in
the middle of the code and split it in two (two refused scans, the parcel never shipped). Events
without a timestamp (synthesized ones) fall back to the clock. For the same reason a flush timer
that fires late - the event loop was blocked - waits once more, so keys queued meanwhile are
seen before the code is ended.

The clock is injectable (``clock`` returns seconds, like :func:`time.monotonic`) so tests can
feed key events with fake timestamps.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

__all__ = ["PASSTHROUGH_PROPERTY", "ScannerListener"]

PASSTHROUGH_PROPERTY = "scanner_passthrough"

_TERMINATOR_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
_TERMINATOR_TEXT = frozenset({"\r", "\n", "\t"})
_GS = "\x1d"


class _State(Enum):
    IDLE = auto()
    PENDING = auto()  # first key(s) held back, not yet known whether scan or typing
    SCANNING = auto()  # fast keys seen: buffering a scan


@dataclass
class _Held:
    """A swallowed key press (copied: Qt deletes the original) and where it was going."""

    event: QKeyEvent
    target: QWidget
    text: str
    released: bool = False


def _copy_key_event(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )


def _passthrough(widget: QWidget | None) -> bool:
    while widget is not None:
        if bool(widget.property(PASSTHROUGH_PROPERTY)):
            return True
        widget = widget.parentWidget()
    return False


class ScannerListener(QObject):
    """Recognise scans by key timing, swallow them, emit ``scanned(text)`` once per code."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: int = 50,
        min_length: int = 3,
        flush_timeout_ms: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        if max_gap_ms <= 0 or min_length < 1:
            raise ValueError("max_gap_ms must be > 0 and min_length >= 1")
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.flush_timeout_ms = flush_timeout_ms if flush_timeout_ms is not None else max_gap_ms * 2
        self._clock = clock
        self._state = _State.IDLE
        self._held: list[_Held] = []
        self._last_ms = 0.0  # clock time of the last held key
        self._last_stamp = 0  # its event timestamp (0: the platform gave none)
        self._armed_ms = 0.0  # clock time the flush timer is due
        self._late_once = False  # a late timeout already waited once for queued keys
        self._swallowed_releases: dict[int, int] = {}
        self._redelivering = False
        self._last_passed: tuple[QWidget, int, str, int] | None = None
        self._app: QCoreApplication | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    # ------------------------------------------------------------------ public API

    def install(self, app: QCoreApplication | None = None) -> None:
        """Install as an event filter on ``app`` (default: the running QApplication)."""
        target = app if app is not None else QCoreApplication.instance()
        if target is None:
            raise RuntimeError("ScannerListener.install() needs a QApplication")
        if self._app is not None:
            self.uninstall()
        target.installEventFilter(self)
        self._app = target

    def uninstall(self) -> None:
        """Remove the event filter; held keys are re-delivered first."""
        self.flush()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    @property
    def buffer(self) -> str:
        """Text held back so far (the partial scan)."""
        return "".join(h.text for h in self._held)

    @property
    def busy(self) -> bool:
        """True while keys are held back or a scan is being buffered."""
        return self._state is not _State.IDLE

    def flush(self) -> None:
        """Decide now what the timer would decide later (emit the scan or re-deliver keys)."""
        self._timer.stop()
        self._finish(terminated=False)

    # ------------------------------------------------------------------ event filter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        etype = event.type()
        if etype not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if self._redelivering or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        if etype == QEvent.Type.KeyRelease:
            return self._on_release(event)
        if self._is_propagation(watched, event):
            return False
        if _passthrough(watched):
            self._end_sequence_then_pass(watched, event)
            return False
        return self._on_press(watched, event)

    # ------------------------------------------------------------------ internals

    def _now_ms(self) -> float:
        return self._clock() * 1000.0

    def _is_propagation(self, watched: QWidget, event: QKeyEvent) -> bool:
        """A key press we let through, ignored by its widget, now offered to a parent."""
        last = self._last_passed
        if last is None:
            return False
        widget, key, text, ptr = last
        if not shiboken6.isValid(widget):
            self._last_passed = None
            return False
        return (
            watched is not widget
            and watched.isAncestorOf(widget)
            and event.key() == key
            and event.text() == text
            and shiboken6.getCppPointer(event)[0] == ptr
        )

    def _pass(self, watched: QWidget, event: QKeyEvent) -> bool:
        self._last_passed = (watched, event.key(), event.text(), shiboken6.getCppPointer(event)[0])
        return False

    def _swallow(self, event: QKeyEvent) -> bool:
        self._swallowed_releases[event.key()] = self._swallowed_releases.get(event.key(), 0) + 1
        event.accept()
        return True

    def _on_release(self, event: QKeyEvent) -> bool:
        key = event.key()
        pending = self._swallowed_releases.get(key, 0)
        if pending <= 0:
            return False
        if pending == 1:
            del self._swallowed_releases[key]
        else:
            self._swallowed_releases[key] = pending - 1
        for held in self._held:
            if held.event.key() == key and not held.released:
                held.released = True
                break
        event.accept()
        return True

    @staticmethod
    def _char_of(event: QKeyEvent) -> str | None:
        text = event.text()
        if len(text) != 1:
            return None
        mods = event.modifiers()
        ctrl = bool(mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier))
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        if ctrl and not alt:  # a shortcut, not typing (AltGr reports Ctrl+Alt on Windows)
            return None
        if text == _GS or text.isprintable():
            return text
        return None

    @staticmethod
    def _is_terminator(event: QKeyEvent) -> bool:
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.ShiftModifier
        ):
            return False
        return event.key() in _TERMINATOR_KEYS or event.text() in _TERMINATOR_TEXT

    def _on_press(self, watched: QWidget, event: QKeyEvent) -> bool:
        now = self._now_ms()
        char = self._char_of(event)
        terminator = self._is_terminator(event)

        if self._state is not _State.IDLE and (char is not None or terminator):
            if self._gap_ms(event, now) > self.max_gap_ms:
                # Too slow to belong to what we hold: settle that first (the timer would have,
                # had the event loop run), then treat this key as a fresh start.
                self._timer.stop()
                self._finish(terminated=False)

        if terminator:
            if self._state is _State.SCANNING and len(self._held) >= self.min_length:
                self._timer.stop()
                self._finish(terminated=True)
                return self._swallow(event)
            if self._state is not _State.IDLE:
                # One or two quick keys and Enter: typing (or too short to be a scan).
                self._timer.stop()
                self._redeliver()
            return self._pass(watched, event)

        if char is None:
            # Shift/Alt/Control key downs and other non-text keys. Mid-scan they are part of the
            # scanner's output (Shift for upper case): swallow, but they do not restart timing.
            if self._state is _State.SCANNING:
                return self._swallow(event)
            if self._state is _State.PENDING:
                if event.key() in (
                    Qt.Key.Key_Shift,
                    Qt.Key.Key_Alt,
                    Qt.Key.Key_Control,
                    Qt.Key.Key_AltGr,
                    Qt.Key.Key_Meta,
                ):
                    return self._swallow(event)
                self._timer.stop()
                self._redeliver()
            return self._pass(watched, event)

        self._held.append(_Held(_copy_key_event(event), watched, char))
        self._last_ms = now
        self._last_stamp = event.timestamp()
        if self._state is _State.IDLE:
            self._state = _State.PENDING
            self._arm(self.max_gap_ms)
        else:
            self._state = _State.SCANNING
            self._arm(self.flush_timeout_ms)
        return self._swallow(event)

    def _gap_ms(self, event: QKeyEvent, now: float) -> float:
        """Time between the last held key and this one: by the keys' own timestamps when
        both have one (a stall of the GUI thread does not widen it), else by the clock."""
        stamp = event.timestamp()
        if stamp and self._last_stamp and stamp >= self._last_stamp:
            return float(stamp - self._last_stamp)
        return now - self._last_ms

    def _arm(self, interval_ms: int) -> None:
        self._armed_ms = self._now_ms() + interval_ms
        self._late_once = False
        self._timer.start(interval_ms)

    def _end_sequence_then_pass(self, watched: QWidget, event: QKeyEvent) -> None:
        if self._state is not _State.IDLE:
            self._timer.stop()
            self._finish(terminated=False)
        self._pass(watched, event)

    def _on_timeout(self) -> None:
        late = self._now_ms() - self._armed_ms
        if late > self.max_gap_ms and not self._late_once and self._state is not _State.IDLE:
            # The event loop was blocked past the deadline: keys typed meanwhile may still be
            # queued behind this timer. Let them in first; their timestamps decide.
            self._late_once = True
            self._timer.start(self.max_gap_ms)
            return
        self._finish(terminated=False)

    def _finish(self, *, terminated: bool) -> None:
        """End the current sequence: emit it as a scan or give the keys back."""
        if self._state is _State.IDLE:
            return
        is_scan = self._state is _State.SCANNING and len(self._held) >= self.min_length
        if is_scan:
            text = self.buffer
            self._held.clear()
            self._state = _State.IDLE
            self.scanned.emit(text)
        else:
            self._redeliver()

    def _redeliver(self) -> None:
        """Send the held keys, in order, to the widgets they were aimed at."""
        held, self._held = self._held, []
        self._state = _State.IDLE
        self._redelivering = True
        try:
            for h in held:
                if not shiboken6.isValid(h.target):
                    continue
                QCoreApplication.sendEvent(h.target, h.event)
                if not h.released:
                    # Its real release is still to come: let that one through to the widget.
                    key = h.event.key()
                    left = self._swallowed_releases.get(key, 0) - 1
                    if left > 0:
                        self._swallowed_releases[key] = left
                    else:
                        self._swallowed_releases.pop(key, None)
                else:
                    release = QKeyEvent(
                        QEvent.Type.KeyRelease,
                        h.event.key(),
                        h.event.modifiers(),
                        h.event.text(),
                    )
                    QCoreApplication.sendEvent(h.target, release)
        finally:
            self._redelivering = False
