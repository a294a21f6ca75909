"""Receive stock and adjust stock (counted quantity with a required reason)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.db.queries import ProductRow
from app.services import stock
from app.services.context import Actor
from app.services.errors import ServiceError

MAX_QTY = 1_000_000


class _StockDialog(QDialog):
    def _finish_layout(self, title: str, product: ProductRow, form: QFormLayout) -> None:
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        head = QLabel(f"<b>{product.sku}</b> — {product.name} {product.specification}")
        head.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("stock_error")
        self.error_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def apply(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _fail(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


class ReceiveDialog(_StockDialog):
    def __init__(self, db: Database, actor: Actor, product: ProductRow, warehouse_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.product, self.warehouse_id = db, actor, product, warehouse_id
        self.quantity_spin = QSpinBox()
        self.quantity_spin.setObjectName("receive_quantity")
        self.quantity_spin.setRange(1, MAX_QTY)
        self.reason_edit = QLineEdit(self.tr("goods received"))
        self.reason_edit.setObjectName("receive_reason")
        form = QFormLayout()
        form.addRow(self.tr("On hand now:"), QLabel(str(product.on_hand)))
        form.addRow(self.tr("&Quantity received:"), self.quantity_spin)
        form.addRow(self.tr("&Reference / reason:"), self.reason_edit)
        self._finish_layout(self.tr("Receive stock"), product, form)
        self.quantity_spin.selectAll()
        self.quantity_spin.setFocus()

    def apply(self) -> None:
        try:
            stock.receive(self.db, self.actor, self.product.id, self.warehouse_id,
                          self.quantity_spin.value(),
                          self.reason_edit.text().strip() or "receipt")
        except ServiceError as exc:
            self._fail(str(exc))
            return
        self.accept()


class AdjustDialog(_StockDialog):
    def __init__(self, db: Database, actor: Actor, product: ProductRow, warehouse_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.product, self.warehouse_id = db, actor, product, warehouse_id
        self.counted_spin = QSpinBox()
        self.counted_spin.setObjectName("adjust_counted")
        self.counted_spin.setRange(0, MAX_QTY)
        self.counted_spin.setValue(product.on_hand)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("adjust_reason")
        self.reason_edit.setPlaceholderText(self.tr("e.g. stock count, damaged, found"))
        form = QFormLayout()
        form.addRow(self.tr("On hand now:"), QLabel(str(product.on_hand)))
        form.addRow(self.tr("Reserved for orders:"), QLabel(str(product.reserved)))
        form.addRow(self.tr("&Counted quantity:"), self.counted_spin)
        form.addRow(self.tr("&Reason (required):"), self.reason_edit)
        self._finish_layout(self.tr("Adjust stock"), product, form)
        self.counted_spin.selectAll()
        self.counted_spin.setFocus()

    def apply(self) -> None:
        if not self.reason_edit.text().strip():
            self._fail(self.tr("Say why the stock is adjusted."))
            self.reason_edit.setFocus()
            return
        try:
            stock.adjust(self.db, self.actor, self.product.id, self.warehouse_id,
                         self.counted_spin.value(), self.reason_edit.text())
        except ServiceError as exc:
            self._fail(str(exc))
            return
        self.accept()
