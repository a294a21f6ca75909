"""Replenishment: what to buy. Each product and warehouse whose open backorders plus the
shortfall below its reorder point need stock (``allocation.replenishment``), exported to
CSV for the supplier order; below it the components open made-to-order work orders lack
(``production.replenishment_list``). Both lists load off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.services import allocation, production
from app.services.context import Actor
from app.ui.models.replenishment_table import ComponentNeedsTableModel, ReplenishmentTableModel
from app.ui.worker import run_in_thread


@dataclass(frozen=True)
class _Lists:
    to_buy: list[allocation.ReplenishmentRow]
    components: list[production.ReplenishmentRow]


def _table(model: ReplenishmentTableModel | ComponentNeedsTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ReplenishmentView(QWidget):
    status_message = Signal(str)
    loaded = Signal()  # both lists are on screen (tests and status bar)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.loading = False
        self.model = ReplenishmentTableModel(self)
        self.components_model = ComponentNeedsTableModel(self)
        self.table = _table(self.model)
        self.components_table = _table(self.components_model)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("To buy: backordered plus the shortfall below the "
                                     "reorder point")), 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel(self.tr("Components short for made-to-order work orders")))
        layout.addWidget(self.components_table, 1)
        layout.addWidget(self.summary)
        self.refresh()

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        self.refresh_button.setEnabled(False)
        db = self.db

        def fetch() -> _Lists:
            return _Lists(allocation.replenishment(db), production.replenishment_list(db))

        run_in_thread(fetch, self._loaded, self._failed)

    def _loaded(self, lists: _Lists) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        self.model.set_rows(lists.to_buy)
        self.components_model.set_rows(lists.components)
        self.summary.setText(self.tr("%1 products to buy · %2 components short").replace(
            "%1", str(len(lists.to_buy))).replace("%2", str(len(lists.components))))
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        message = self.tr("Could not load the replenishment list: %1").replace("%1", str(exc))
        self.summary.setText(message)
        self.status_message.emit(message)

    def export_csv(self) -> Path | None:
        """Save the to-buy list (as on screen) with ``allocation.replenishment_csv``."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export replenishment"),
                                              "replenishment.csv", self.tr("CSV (*.csv)"))
        if not path:
            return None
        try:
            Path(path).write_text(allocation.replenishment_csv(self.model.rows()),
                                  encoding="utf-8-sig")
        except OSError as exc:
            message = self.tr("Could not save %1: %2").replace("%1", path).replace(
                "%2", exc.strerror or str(exc))
            self.summary.setText(message)
            self.status_message.emit(message)
            return None
        message = self.tr("Saved %1").replace("%1", path)
        self.summary.setText(message)
        self.status_message.emit(message)
        return Path(path)
