"""The lock screen and "switch user": the counter is handed over by a PIN through
``auth.switch_user`` (audited: who took over from whom). Locked, the dialog cannot be
closed without a PIN; the same user's PIN resumes, another user's PIN switches in."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.services import auth
from app.services.context import Actor
from app.services.errors import ServiceError

logger = logging.getLogger(__name__)


class SwitchUserDialog(QDialog):
    """User name + PIN. With ``locked`` it is the lock screen (no Cancel, no Esc)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 locked: bool = False) -> None:
        super().__init__(parent)
        self.db, self.current, self.locked = db, actor, locked
        self.actor: Actor | None = None
        self.setObjectName("lock_screen" if locked else "switch_user")
        self.setMinimumWidth(380)
        if locked:
            self.setWindowTitle(self.tr("OrderDesk is locked"))
            intro = self.tr("Locked after a while without use. %1, enter your PIN to go on, "
                            "or another user may log in here.").replace("%1", actor.username)
        else:
            self.setWindowTitle(self.tr("Switch user"))
            intro = self.tr("Hand this desk to another user: their name and PIN.")
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("font-size: 11pt;")
        self.user_edit = QLineEdit(actor.username if locked else "")
        self.user_edit.setObjectName("switch_user_name")
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("switch_pin")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("switch_error")
        self.error_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&User:"), self.user_edit)
        form.addRow(self.tr("&PIN or password:"), self.pin_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        if not locked:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Unlock") if locked else self.tr("Switch"))
        buttons.accepted.connect(self.try_switch)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        if locked:
            self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        (self.pin_edit if locked else self.user_edit).setFocus()

    def try_switch(self) -> None:
        name = self.user_edit.text().strip()
        if not name:
            self.error_label.setText(self.tr("Enter a user name."))
            return
        try:
            self.actor = auth.switch_user(self.db, self.current, name, self.pin_edit.text())
        except ServiceError as exc:
            self.pin_edit.clear()
            self.pin_edit.setFocus()
            self.error_label.setText(str(exc))
            return
        logger.info("desk handed from %s to %s", self.current.username, self.actor.username)
        self.accept()

    # a locked desk stays locked until a PIN is given
    def reject(self) -> None:
        if not self.locked:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.locked and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.locked and self.actor is None:
            event.ignore()
            return
        super().closeEvent(event)
