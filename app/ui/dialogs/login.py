"""Log-in and first-run (create the administrator) dialogs."""

from __future__ import annotations

import logging

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

ERROR_STYLE = "color: #b00020; font-weight: bold;"


class LoginDialog(QDialog):
    """User + password/PIN. ``actor`` is set when accepted."""

    def __init__(self, db: Database, workstation: str, parent: QWidget | None = None,
                 username: str = "", demo: bool = False) -> None:
        super().__init__(parent)
        self.db, self.workstation = db, workstation
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Log in to OrderDesk"))
        self.setMinimumWidth(360)
        self.user_edit = QLineEdit(username)
        self.user_edit.setObjectName("login_user")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("login_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("login_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("&User:"), self.user_edit)
        form.addRow(self.tr("&Password or PIN:"), self.password_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Log in"))
        buttons.accepted.connect(self.try_log_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        where = QLabel(self.tr("Database: %1").replace("%1", db.describe()))
        where.setStyleSheet("color: #666;")
        layout.addWidget(where)
        self.demo_hint: QLabel | None = None
        if demo:  # started with --demo: say how to get in without reading the README
            self.demo_hint = QLabel(self.tr(
                "Demo data: log in as <b>admin</b> with the password <b>admin123</b>. "
                "The other demo users (manager, counter, warehouse, finance) are listed "
                "in README.md."))
            self.demo_hint.setObjectName("login_demo_hint")
            self.demo_hint.setWordWrap(True)
            layout.addWidget(self.demo_hint)
            if not username:
                self.user_edit.setText("admin")
                username = "admin"
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        (self.password_edit if username else self.user_edit).setFocus()

    def try_log_in(self) -> None:
        user, password = self.user_edit.text().strip(), self.password_edit.text()
        if not user:
            self.show_error(self.tr("Enter your user name."))
            return
        try:
            self.actor = auth.log_in(self.db, user, password, self.workstation)
        except ServiceError as exc:
            self.password_edit.clear()
            self.password_edit.setFocus()
            self.show_error(str(exc))
            return
        logger.info("%s logged in on %s", user, self.workstation)
        self.accept()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


class FirstRunDialog(QDialog):
    """No user exists yet: create the administrator."""

    def __init__(self, db: Database, workstation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.workstation = db, workstation
        self.username = ""
        self.setWindowTitle(self.tr("Welcome to OrderDesk"))
        self.setMinimumWidth(420)
        intro = QLabel(self.tr("This database has no users yet. Create the administrator, "
                               "who can then add the other users."))
        intro.setWordWrap(True)
        self.user_edit = QLineEdit("admin")
        self.user_edit.setObjectName("first_user")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("first_password")
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("first_repeat")
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("Administrator's &user name:"), self.user_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow(self.tr("&Repeat password:"), self.repeat_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.password_edit.setFocus()

    def create(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.error_label.setText(self.tr("The two passwords are not the same."))
            self.error_label.show()
            return
        try:
            auth.create_first_admin(self.db, self.user_edit.text().strip(),
                                    self.password_edit.text(), self.workstation)
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.username = self.user_edit.text().strip()
        self.accept()
