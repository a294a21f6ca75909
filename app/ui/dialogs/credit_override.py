"""A refused confirmation (credit limit or hold) and the manager's override.

``confirm_with_credit_control`` is what an order view calls instead of ``orders.confirm``:
on CreditRefused it shows why, and a manager may log in here and give a reason; the
confirmation is then retried with that manager as approver (audited by the service).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.allocation import LineChoice
from app.services import auth, orders
from app.services.context import Actor
from app.services.errors import ServiceError
from app.services.receivables import CreditRefused


class CreditOverrideDialog(QDialog):
    """Shows the refusal; a manager enters user name, password and a reason."""

    def __init__(self, db: Database, refusal: CreditRefused, workstation: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.workstation = db, workstation
        self.approver: Actor | None = None
        self.setWindowTitle(self.tr("Credit refused"))
        self.message = QLabel(str(refusal))
        self.message.setWordWrap(True)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Why may this order go ahead?"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Manager"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.override_button = self.buttons.addButton(
            self.tr("Override and confirm"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @property
    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _try_accept(self) -> None:
        if not self.reason_text:
            self.error.setText(self.tr("A reason is required."))
            return
        try:
            self.approver = auth.log_in(self.db, self.username.text(), self.password.text(),
                                        self.workstation)
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


def confirm_with_credit_control(
    parent: QWidget | None, db: Database, actor: Actor, order_id: int, expected_version: int,
    choices: Mapping[int, LineChoice] | None = None,
) -> orders.OrderView | None:
    """Confirm; on a credit refusal ask for a manager override. None if not confirmed.
    Other service errors propagate to the caller's usual error display. ``choices`` are
    the backorder choices (``AllocationDialog.choices()``), passed on to ``orders.confirm``."""
    try:
        return orders.confirm(db, actor, order_id, expected_version, choices=choices)
    except CreditRefused as refusal:
        while True:
            dialog = CreditOverrideDialog(db, refusal, actor.workstation, parent)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.approver is None:
                return None
            try:
                return orders.confirm(db, actor, order_id, expected_version, choices=choices,
                                      credit_override=dialog.reason_text,
                                      approver=dialog.approver)
            except CreditRefused as again:  # e.g. the one who logged in is no manager
                refusal = again
