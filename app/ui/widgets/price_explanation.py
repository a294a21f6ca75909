"""A line's price explanation (list → tier → promotion … → final), for embedding in the
order entry view: ``PriceExplanation.show_steps(steps)`` or ``.show_json(text)`` with the
``price_explanation`` of an order line (``OrderView.lines[i].price_explanation``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.domain.money import format_money
from app.domain.pricing import Step, explanation_from_json

Index = QModelIndex | QPersistentModelIndex


class StepsModel(QAbstractTableModel):
    COL_STEP, COL_CHANGE, COL_AMOUNT = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: list[Step] = []
        self.currency = "CNY"

    def set_steps(self, steps: Sequence[Step], currency: str = "CNY") -> None:
        self.beginResetModel()
        self._steps, self.currency = list(steps), currency
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._steps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Step"), self.tr("Change"), self.tr("Line amount")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        step = self._steps[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.COL_STEP:
                return step.label
            if index.column() == self.COL_CHANGE:
                return "" if step.change == 0 else format_money(step.change, self.currency)
            return format_money(step.amount, self.currency)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != self.COL_STEP:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PriceExplanation(QWidget):
    """Why this price: one row per step, and a one-line summary above."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = StepsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.show_steps([])

    def show_json(self, text: str, currency: str = "CNY") -> None:
        self.show_steps(explanation_from_json(text), currency)

    def show_steps(self, steps: Sequence[Step], currency: str = "CNY") -> None:
        self.model.set_steps(steps, currency)
        if not steps:
            self.summary.setText(self.tr("Select a line to see how its price is made up."))
            return
        first, last = steps[0], steps[-1]
        saved = first.amount - last.amount
        self.summary.setText(self.tr("{start} → {final} (saved {saved})").format(
            start=format_money(first.amount, currency), final=format_money(last.amount, currency),
            saved=format_money(saved, currency)))
