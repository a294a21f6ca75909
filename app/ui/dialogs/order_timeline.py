"""An order's timeline: every status change (who, workstation, why) and tracking event,
with buttons for the status moves the state machine allows from here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.order_status import OrderStatus
from app.domain.tracking_status import EventKind
from app.services import orders, tracking
from app.services.context import Actor
from app.services.errors import ServiceError
from app.ui.format import status_label


class OrderTimelineDialog(QDialog):
    """Reads through app.services.tracking; every change goes through its functions."""

    def __init__(self, db: Database, actor: Actor, order_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.order_id = db, actor, order_id
        self.version: int | None = None
        self.setMinimumSize(760, 420)
        self.head = QLabel()
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("timeline_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("Time"), self.tr("Kind"), self.tr("What"), self.tr("Who"),
            self.tr("Workstation / source"), self.tr("Why / detail")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.moves_row = QHBoxLayout()
        self.move_buttons: dict[OrderStatus, QPushButton] = {}
        self.event_button = QPushButton(self.tr("Record tracking &event…"))
        self.event_button.clicked.connect(self.record_event)
        self.import_button = QPushButton(self.tr("&Import carrier status file…"))
        self.import_button.clicked.connect(self.import_file)
        actions = QHBoxLayout()
        actions.addWidget(self.event_button)
        actions.addWidget(self.import_button)
        actions.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.head)
        layout.addWidget(self.table)
        layout.addWidget(QLabel(self.tr("Move to:")))
        layout.addLayout(self.moves_row)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        try:
            order = orders.get_order(self.db, self.order_id)
            entries = tracking.timeline(self.db, self.order_id)
            moves = tracking.moves_for(self.db, self.order_id)
        except ServiceError as e:
            QMessageBox.warning(self, self.tr("Timeline"), str(e))
            return
        self.version = order.version
        self.setWindowTitle(self.tr("Timeline — %1").replace("%1", order.number))
        self.head.setText(self.tr("<b>%1</b> is %2").replace("%1", order.number)
                          .replace("%2", status_label(order.status)))
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            kind = {"status": self.tr("status"), "tracking": self.tr("tracking"),
                    "return": self.tr("return")}.get(e.source, e.source)
            what = e.title if not e.parcel_ref else f"{e.title} ({e.parcel_ref})"
            values = (e.at.astimezone().strftime("%Y-%m-%d %H:%M"), kind, what, e.username,
                      e.workstation, e.detail)
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        while self.moves_row.count():
            item = self.moves_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.move_buttons = {}
        for target in moves:
            button = QPushButton(status_label(target.value))
            button.setObjectName(f"move_{target.value}")
            button.clicked.connect(lambda _c=False, t=target: self.move_to(t))
            self.moves_row.addWidget(button)
            self.move_buttons[target] = button
        if not moves:
            self.moves_row.addWidget(QLabel(self.tr("(no status moves from here)")))
        self.moves_row.addStretch(1)

    def move_to(self, target: OrderStatus) -> bool:
        reason, ok = QInputDialog.getText(
            self, self.tr("Change status"),
            self.tr("Why does the order become %1?").replace("%1", status_label(target.value)))
        if not ok or not reason.strip():
            return False
        try:
            tracking.move_order(self.db, self.actor, self.order_id, self.version, target, reason)
        except ServiceError as e:
            QMessageBox.warning(self, self.tr("Change status"), str(e))
            self.reload()
            return False
        self.reload()
        return True

    def record_event(self) -> bool:
        kinds = [k.value for k in EventKind]
        kind, ok = QInputDialog.getItem(self, self.tr("Tracking event"), self.tr("Kind:"),
                                        kinds, 0, False)
        if not ok:
            return False
        note, ok = QInputDialog.getText(self, self.tr("Tracking event"), self.tr("Note:"))
        if not ok:
            return False
        try:
            added = tracking.record_event(self.db, self.actor, self.order_id, kind,
                                          description=note)
        except ServiceError as e:
            QMessageBox.warning(self, self.tr("Tracking event"), str(e))
            return False
        self.reload()
        return added

    def import_file(self) -> int | None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Carrier status file"), "",
            self.tr("Status exports (*.csv *.txt *.xlsx)"))
        if not path:
            return None
        names = list(tracking.MAPPINGS)
        name, ok = QInputDialog.getItem(self, self.tr("Carrier status file"),
                                        self.tr("Column layout:"), names, 0, False)
        if not ok:
            return None
        try:
            result = tracking.import_carrier_export(
                self.db, self.actor, Path(path).read_bytes(), Path(path).name,
                tracking.MAPPINGS[name])
        except (ServiceError, OSError) as e:
            QMessageBox.warning(self, self.tr("Carrier status file"), str(e))
            return None
        text = (self.tr("%1 events added, %2 already recorded.")
                .replace("%1", str(result.added)).replace("%2", str(result.duplicates)))
        if result.problems:
            text += "\n" + "\n".join(result.problems[:20])
        QMessageBox.information(self, self.tr("Carrier status file"), text)
        self.reload()
        return result.added


__all__ = ["OrderTimelineDialog"]
