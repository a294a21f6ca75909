"""The shop's return policy: who pays return shipping when it is not the business's fault,
and per reason the return window and the restocking fee. Shared by every workstation (it
lives in the database, ``returns.set_return_policy``); quality, damage and wrong item are
always shipped back at the business's cost."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.returns import ReturnReason
from app.services import returns
from app.services.context import Actor
from app.services.errors import ServiceError


class ReturnPolicyDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setObjectName("return_policy")
        self.setWindowTitle(self.tr("Return policy"))
        policy = returns.return_policy(db)
        self.customer_pays = QCheckBox(self.tr(
            "Customer pays return shipping for wrong size, changed mind and other"))
        self.customer_pays.setChecked(returns.customer_pays(policy))
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Reason")), 0, 0)
        grid.addWidget(QLabel(self.tr("Window (days)")), 0, 1)
        grid.addWidget(QLabel(self.tr("Restocking fee (%)")), 0, 2)
        self.windows: dict[ReturnReason, QSpinBox] = {}
        self.fees: dict[ReturnReason, QDoubleSpinBox] = {}
        for row, reason in enumerate(ReturnReason, start=1):
            p = policy[reason]
            days = QSpinBox()
            days.setRange(0, 3650)
            days.setValue(p.window_days)
            fee = QDoubleSpinBox()
            fee.setRange(0, 100)
            fee.setDecimals(1)
            fee.setValue(float(p.restocking_fee_percent))
            grid.addWidget(QLabel(self.tr(reason.value.replace("_", " "))), row, 0)
            grid.addWidget(days, row, 1)
            grid.addWidget(fee, row, 2)
            self.windows[reason], self.fees[reason] = days, fee
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.customer_pays)
        layout.addWidget(QLabel(self.tr("Quality defect, damaged in transit and wrong item: "
                                        "the business always pays the way back.")))
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            returns.set_return_policy(
                self.db, self.actor,
                customer_pays_return_shipping=self.customer_pays.isChecked(),
                window_days={r.value: w.value() for r, w in self.windows.items()},
                restocking_fee_percent={r.value: Decimal(str(round(f.value(), 1)))
                                        for r, f in self.fees.items()})
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
