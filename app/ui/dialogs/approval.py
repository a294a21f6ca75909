"""A manager's approval on the spot (a line discount above the clerk's limit): the
manager logs in here; ``approver`` is their Actor, which the service checks again."""

from __future__ import annotations

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


class ManagerApprovalDialog(QDialog):
    def __init__(self, db: Database, why: str, workstation: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.workstation = db, workstation
        self.approver: Actor | None = None
        self.setObjectName("manager_approval")
        self.setWindowTitle(self.tr("Manager approval"))
        self.message = QLabel(why)
        self.message.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("approval_user")
        self.password = QLineEdit()
        self.password.setObjectName("approval_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Manager:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.tr("Approve"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.try_approve)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_approve(self) -> None:
        try:
            self.approver = auth.log_in(self.db, self.username.text(), self.password.text(),
                                        self.workstation)
        except ServiceError as exc:
            self.password.clear()
            self.error.setText(str(exc))
            return
        self.accept()
