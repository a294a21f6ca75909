"""The backorder choice: for each line that cannot be fully reserved, the available quantity
and the clerk's choice — ship now and backorder the rest, wait for all, cancel the line,
take a substitute, or reserve from another warehouse. ``choices()`` gives the mapping for
``orders.confirm(..., choices=...)``."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.allocation import Choice, LineChoice
from app.services.allocation import ShortLine


class AllocationDialog(QDialog):
    def __init__(self, shortages: list[ShortLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Not enough stock"))
        self._shortages = shortages
        self.combos: dict[int, QComboBox] = {}
        grid = QGridLayout()
        for col, text in enumerate([self.tr("Line"), self.tr("Wanted"), self.tr("Available"),
                                    self.tr("What to do")]):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, col)
        for row, short in enumerate(shortages, start=1):
            grid.addWidget(QLabel(f"{short.line_no}. {short.sku} {short.name}"), row, 0)
            grid.addWidget(QLabel(str(short.wanted)), row, 1)
            grid.addWidget(QLabel(str(short.available)), row, 2)
            combo = QComboBox(self)
            combo.setObjectName(f"choice_{short.line_id}")
            if short.available > 0:
                combo.addItem(self.tr("Ship {n} now, backorder {m}").format(
                    n=short.available, m=short.wanted - short.available),
                    LineChoice(Choice.SHIP_AND_BACKORDER))
            combo.addItem(self.tr("Wait for all {n}").format(n=short.wanted),
                          LineChoice(Choice.WAIT_ALL))
            combo.addItem(self.tr("Cancel this line"), LineChoice(Choice.CANCEL_LINE))
            for sub in short.substitutes:
                combo.addItem(self.tr("Substitute {sku} ({n} available)").format(
                    sku=sub.sku, n=sub.available),
                    LineChoice(Choice.SUBSTITUTE, substitute_id=sub.product_id))
            for other in short.elsewhere:
                if other.available >= short.wanted:
                    combo.addItem(self.tr("Take from {wh} ({n} available)").format(
                        wh=other.warehouse_code, n=other.available),
                        LineChoice(Choice.ALL_OR_NOTHING, warehouse_id=other.warehouse_id))
            self.combos[short.line_id] = combo
            grid.addWidget(combo, row, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Confirm order"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Some lines cannot be fully reserved. Choose for each:")))
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def choices(self) -> dict[int, LineChoice]:
        return {line_id: combo.currentData() for line_id, combo in self.combos.items()}
