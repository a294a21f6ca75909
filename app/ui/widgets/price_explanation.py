"""A line's price explanation (list → tier → promotion … → final), for embedding in the
order entry view: ``PriceExplanation.show_steps(steps)`` or ``.show_json(text)`` with the
``price_explanation`` of an order line (``OrderView.lines[i].price_explanation``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.domain.money import format_money
from app.domain.pricing import Step, explanation_from_json
from app.ui.models.rows import RIGHT, RowsTableModel


class StepsModel(RowsTableModel[Step]):
    COL_STEP, COL_CHANGE, COL_AMOUNT = range(3)
    HEADERS = (
        QT_TRANSLATE_NOOP("StepsModel", "Step"),
        QT_TRANSLATE_NOOP("StepsModel", "Change"),
        QT_TRANSLATE_NOOP("StepsModel", "Line amount"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = "CNY"

    def set_steps(self, steps: Sequence[Step], currency: str = "CNY") -> None:
        self.currency = currency
        self.set_rows(steps)

    def cell(self, step: Step, column: int) -> object:
        if column == self.COL_STEP:
            return step.label
        if column == self.COL_CHANGE:
            return "" if step.change == 0 else format_money(step.change, self.currency)
        return format_money(step.amount, self.currency)

    def alignment(self, column: int) -> int | None:
        return None if column == self.COL_STEP else int(RIGHT)


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
