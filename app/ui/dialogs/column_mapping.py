"""Column mapping for a generic CSV/XLSX export: which of the file's columns holds each
field of an order (saved per channel by the import view) — or of a product or customer
(the shop-data import passes its own fields and no order options)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.channels.generic import ColumnMapping
from app.channels.tabular import ALL_FIELDS

REQUIRED = ("order_ref", "sku", "quantity")


class ColumnMappingDialog(QDialog):
    def __init__(self, headers: list[str], mapping: ColumnMapping | None = None,
                 parent: QWidget | None = None, fields: Sequence[str] = ALL_FIELDS,
                 required: Sequence[str] = REQUIRED, order_options: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Column mapping"))
        mapping = mapping or ColumnMapping()
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        lowered = {h.lower(): h for h in headers}
        for name in fields:
            combo = QComboBox()
            combo.addItem(self.tr("(not in the file)"), "")
            for h in headers:
                combo.addItem(h, h)
            chosen = mapping.columns.get(name)
            if isinstance(chosen, list):
                chosen = chosen[0] if chosen else ""
            if not chosen:  # same name as the field: a fair first guess
                chosen = lowered.get(name.lower(), "")
            idx = combo.findData(chosen) if chosen else 0
            combo.setCurrentIndex(max(0, idx))
            label = name + (" *" if name in required else "")
            form.addRow(label, combo)
            self.combos[name] = combo
        self.timezone = QLineEdit(mapping.timezone)
        self.timezone.setPlaceholderText(self.tr("e.g. Asia/Shanghai (times without a zone)"))
        self.country = QLineEdit(mapping.default_country)
        self.currency = QLineEdit(mapping.default_currency)
        self.price_is_total = QCheckBox(self.tr("The price column is for the whole quantity"))
        self.price_is_total.setChecked(mapping.line_price_is_total)
        if order_options:  # only order intake has times, countries and line prices
            form.addRow(self.tr("Time zone"), self.timezone)
            form.addRow(self.tr("Default country"), self.country)
            form.addRow(self.tr("Default currency"), self.currency)
            form.addRow("", self.price_is_total)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(520, 640)

    def set_column(self, field_name: str, header: str) -> None:
        combo = self.combos[field_name]
        combo.setCurrentIndex(max(0, combo.findData(header)))

    def mapping(self) -> ColumnMapping:
        columns: dict[str, str | list[str]] = {
            name: combo.currentData() for name, combo in self.combos.items()
            if combo.currentData()}
        return ColumnMapping(columns=columns, timezone=self.timezone.text().strip(),
                             default_country=self.country.text().strip().upper(),
                             default_currency=self.currency.text().strip().upper(),
                             line_price_is_total=self.price_is_total.isChecked())
