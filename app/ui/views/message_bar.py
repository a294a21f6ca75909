"""An inline message area: errors, warnings and confirmations in plain words."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

_STYLES = {
    "error": "background: #fdecea; color: #8a1c1c; border: 1px solid #f5c2c0;",
    "warning": "background: #fff4e5; color: #7a4a00; border: 1px solid #ffd8a8;",
    "info": "background: #e8f5e9; color: #1b5e20; border: 1px solid #b7dfb9;",
}


class MessageBar(QFrame):
    """Hidden until ``show_message``; an optional Reload button for stale records."""

    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_bar")
        self.kind = ""
        self.label = QLabel()
        self.label.setObjectName("message_text")
        self.label.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("&Reload"))
        self.reload_button.setObjectName("message_reload")
        self.reload_button.clicked.connect(self.reload_requested.emit)
        close = QPushButton("×")
        close.setFlat(True)
        close.setFixedWidth(28)
        close.setToolTip(self.tr("Close"))
        close.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str, kind: str = "error", reload: bool = False) -> None:
        self.kind = kind
        self.setStyleSheet(f"QFrame#message_bar {{ {_STYLES[kind]} border-radius: 4px; }}"
                           "QLabel { border: none; background: transparent; }")
        self.label.setText(text)
        self.reload_button.setVisible(reload)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() or not self.isHidden() else ""

    def clear(self) -> None:
        self.kind = ""
        self.label.clear()
        self.hide()
