"""ScannerListener: timing-based scan detection as a QApplication event filter (offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget  # noqa: E402

from app.domain.scan import ScanKind, classify  # noqa: E402
from app.ui.scanner import ScannerListener  # noqa: E402


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, ms: float) -> None:
        self.t += ms / 1000.0


class Desk(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.first = QLineEdit(self)
        self.second = QLineEdit(self)
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        self.returns = 0
        self.first.returnPressed.connect(self._on_return)

    def _on_return(self) -> None:
        self.returns += 1


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def desk(qtbot) -> Desk:  # type: ignore[no-untyped-def]
    w = Desk()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.first)
    return w


@pytest.fixture
def listener(clock: FakeClock, desk: Desk) -> Iterator[tuple[ScannerListener, list[str]]]:
    lis = ScannerListener(max_gap_ms=50, clock=clock)
    lis.install()
    got: list[str] = []
    lis.scanned.connect(got.append)
    yield lis, got
    lis.uninstall()
    lis.deleteLater()


def type_text(target: QWidget, clock: FakeClock, text: str, gap_ms: float) -> None:
    """Key presses ``gap_ms`` apart on the fake clock; \\r and \\t become Return and Tab."""
    for ch in text:
        clock.advance(gap_ms)
        if ch == "\r":
            QTest.keyClick(target, Qt.Key.Key_Return)
        elif ch == "\t":
            QTest.keyClick(target, Qt.Key.Key_Tab)
        else:
            QTest.keyClick(target, ch)


def test_fast_keys_are_a_scan_and_do_not_reach_the_line_edit(desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    type_text(desk.first, clock, "SO-000123\r", gap_ms=15)
    assert got == ["SO-000123"]
    assert desk.first.text() == ""
    assert desk.second.text() == ""
    assert desk.returns == 0  # the terminator was swallowed too
    assert not lis.busy


def test_slow_typing_reaches_the_line_edit_and_is_not_a_scan(qtbot, desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    type_text(desk.first, clock, "hello", gap_ms=180)
    # the last key is held back for max_gap_ms, then delivered by the QTimer
    qtbot.waitUntil(lambda: desk.first.text() == "hello", timeout=2000)
    type_text(desk.first, clock, "\r", gap_ms=180)
    assert desk.returns == 1
    assert got == []
    assert desk.second.text() == ""


def test_slow_typing_keeps_order_when_enter_follows_immediately(desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    type_text(desk.first, clock, "ab", gap_ms=200)
    type_text(desk.first, clock, "\r", gap_ms=10)  # Enter right after the held 'b'
    assert desk.first.text() == "ab"
    assert desk.returns == 1
    assert got == []


def test_too_short_fast_burst_is_typing(desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    type_text(desk.first, clock, "ok\r", gap_ms=10)
    assert got == []
    assert desk.first.text() == "ok"
    assert desk.returns == 1


def test_burst_of_three_codes_gives_three_emits(desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    codes = ["4006381333931", "SO-000001", "CMD:COMPLETE"]
    type_text(desk.first, clock, "".join(c + "\r" for c in codes), gap_ms=5)
    assert got == codes
    assert desk.first.text() == ""


def test_tab_terminator_is_swallowed_and_does_not_move_focus(desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    type_text(desk.first, clock, "A-01-02\t", gap_ms=20)
    assert got == ["A-01-02"]
    assert QApplication.focusWidget() is desk.first
    assert desk.first.text() == "" and desk.second.text() == ""


def test_scan_while_other_widget_has_focus(qtbot, desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    desk.second.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.second)
    type_text(desk.second, clock, "RMA-77\r", gap_ms=20)
    assert got == ["RMA-77"]
    assert desk.second.text() == ""


def test_keys_through_the_window_reach_the_listener(desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    """Same as a real scanner: events enter at the QWindow and Qt routes them to the focus."""
    lis, got = listener
    type_text(desk.windowHandle(), clock, "PL-12\r", gap_ms=10)
    assert got == ["PL-12"]
    assert desk.first.text() == ""


def test_aim_prefix_passes_through_and_classify_strips_it(desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    type_text(desk.first, clock, "]E04006381333931\r", gap_ms=10)
    assert got == ["]E04006381333931"]
    scan = classify(got[0])
    assert (scan.kind, scan.code, scan.symbology) == (ScanKind.EAN13, "4006381333931", "]E0")


def test_no_terminator_is_flushed_by_timer(qtbot, desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    with qtbot.waitSignal(lis.scanned, timeout=2000) as blocker:
        type_text(desk.first, clock, "ABC123", gap_ms=10)
    assert blocker.args == ["ABC123"]
    assert desk.first.text() == ""


def test_human_then_scan(desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    type_text(desk.first, clock, "WO-5\r", gap_ms=300)  # a person typing the same text
    assert got == []
    assert desk.first.text() == "WO-5"
    assert desk.returns == 1
    desk.first.clear()
    type_text(desk.first, clock, "y", gap_ms=300)
    clock.advance(300)
    type_text(desk.first, clock, "WO-5\r", gap_ms=10)
    assert got == ["WO-5"]
    assert desk.first.text() == "y"
    assert desk.returns == 1


def test_passthrough_property_opts_out(desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    desk.second.setProperty("scanner_passthrough", True)
    desk.second.setFocus()
    type_text(desk.second, clock, "SO-9\r", gap_ms=5)
    assert got == []
    assert desk.second.text() == "SO-9"


def test_flush_gives_held_key_back(desk, listener, clock) -> None:  # type: ignore[no-untyped-def]
    lis, got = listener
    type_text(desk.first, clock, "z", gap_ms=500)
    assert desk.first.text() == ""  # held back while undecided
    assert lis.busy and lis.buffer == "z"
    lis.flush()
    assert desk.first.text() == "z"
    assert got == []


def test_gap_limit_is_configurable(desk, clock) -> None:  # type: ignore[no-untyped-def]
    lis = ScannerListener(max_gap_ms=120, clock=clock)
    lis.install()
    got: list[str] = []
    lis.scanned.connect(got.append)
    try:
        type_text(desk.first, clock, "SKU-1\r", gap_ms=100)
        assert got == ["SKU-1"]
    finally:
        lis.uninstall()


class KeyLog(QWidget):
    """Records key presses that reach it and ignores them (so Qt propagates to the parent)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.typed: list[str] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self.typed.append(event.text())
        event.ignore()


def test_propagated_passthrough_keys_are_not_mistaken_for_a_scan(qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    outer = KeyLog()
    inner = KeyLog(outer)
    inner.setProperty("scanner_passthrough", True)
    qtbot.addWidget(outer)
    outer.show()
    qtbot.waitExposed(outer)
    lis = ScannerListener(clock=clock)
    lis.install()
    got: list[str] = []
    lis.scanned.connect(got.append)
    try:
        type_text(inner, clock, "SO-1", gap_ms=5)
        assert outer.typed == ["S", "O", "-", "1"]  # delivered at once, nothing held back
        assert not lis.busy
        type_text(inner, clock, "\r", gap_ms=5)
        assert got == []
        assert inner.typed == ["S", "O", "-", "1", "\r"]
        assert outer.typed == inner.typed  # ignored keys propagate to the parent, in order
    finally:
        lis.uninstall()
