"""The production board: work orders by state, most urgent first, with the reason each
waits (component shortage or a reported problem) and its operations ticked off. A scan
of a work-order sheet starts the work or ticks off the next operation."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.production import BOARD_STATES, PROBLEM_KINDS
from app.services import production
from app.services.context import Actor
from app.services.errors import ServiceError
from app.services.production import WorkOrderView
from app.ui.models.rows import RowsTableModel
from app.ui.worker import run_in_thread

_Index = QModelIndex | QPersistentModelIndex


class WorkOrderTableModel(RowsTableModel[WorkOrderView]):
    COL_NUMBER, COL_ORDER, COL_ITEM, COL_QTY, COL_DUE, COL_STATE, COL_OPS, COL_NEXT, \
        COL_REASON = range(9)
    HEADERS = ("Work order", "Order", "Item", "Qty", "Due", "State", "Operations", "Next",
               "Waiting for / blocked by")
    WorkOrderIdRole = Qt.ItemDataRole.UserRole + 1

    @staticmethod
    def reason(w: WorkOrderView) -> str:
        if w.state == "blocked":
            return w.blocked_reason
        if w.shortage:
            return ", ".join(f"{sku} −{qty}" for sku, qty in sorted(w.shortage.items()))
        return ""

    def cell(self, w: WorkOrderView, column: int) -> Any:
        return [w.number, w.order_number, f"{w.sku} {w.name}", w.quantity,
                f"{w.due_date:%Y-%m-%d}" if w.due_date else "",
                self.tr(w.state.replace("_", " ")),
                f"{w.operations_done}/{len(w.operations)}", w.next_operation,
                self.reason(w)][column]

    def foreground(self, w: WorkOrderView, column: int) -> QColor | None:
        if column == self.COL_DUE and w.due_date and w.due_date < date.today() \
                and w.state != "done":
            return QColor("#c62828")
        return None

    def background(self, w: WorkOrderView, column: int) -> QColor | None:
        if column != self.COL_STATE:
            return None
        return {"blocked": QColor("#ffcdd2"), "waiting_material": QColor("#fff3c4"),
                "in_progress": QColor("#c8e6c9")}.get(w.state)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == self.WorkOrderIdRole:
            return self.rows[index.row()].id if index.isValid() else None
        return super().data(index, role)


class ProductionBoardView(QWidget):
    """Work orders by state; scans of work-order sheets start and tick them off."""

    refreshed = Signal()
    scanned = Signal(bool, str)  # ok, message

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.scan_field = QLineEdit()
        self.scan_field.setPlaceholderText(self.tr("Scan a work-order sheet (WO-…)"))
        self.scan_field.returnPressed.connect(self._scan_entered)
        self.state_filter = QComboBox()
        self.state_filter.addItem(self.tr("All states"), "")
        for state in BOARD_STATES:
            self.state_filter.addItem(self.tr(state.value.replace("_", " ")), state.value)
        self.state_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = WorkOrderTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel()
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, slot in [
            ("start", self.tr("Start"), self.start_selected),
            ("tick", self.tr("Tick off operation"), self.tick_selected),
            ("finish", self.tr("Finish"), self.finish_selected),
            ("problem", self.tr("Report problem…"), self._ask_problem),
            ("accept", self.tr("Accept new date"), lambda: self.decide_date(True)),
            ("resume", self.tr("Resume"), self.resume_selected),
            ("refresh", self.tr("Refresh"), self.refresh),
        ]:
            b = QPushButton(label)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[key] = b
        self.replenishment = QLabel()
        self.replenishment.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.scan_field, 3)
        top.addWidget(self.state_filter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.replenishment)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()
        self.refresh()

    # --- loading ------------------------------------------------------------------

    def refresh(self) -> None:
        self._generation = getattr(self, "_generation", 0) + 1
        generation = self._generation
        wanted = self.state_filter.currentData()
        db = self.db

        def load() -> tuple[list[WorkOrderView], list[production.ReplenishmentRow]]:
            rows = production.board(db)
            if wanted:
                rows = [r for r in rows if r.state == wanted]
            return rows, production.replenishment_list(db)

        run_in_thread(load, lambda r: self._loaded(r, generation), self._failed)

    def _loaded(self, result: tuple[list[WorkOrderView], list[Any]],
                generation: int) -> None:
        if generation != self._generation:  # a newer refresh is on its way
            return
        selected = self.selected()
        rows, replenish = result
        self.model.set_rows(rows)
        if selected is not None:
            self.select_work_order(selected.id)
        self.replenishment.setText(
            self.tr("To buy or make: ") + ", ".join(f"{r.sku} ×{r.short}" for r in replenish)
            if replenish else "")
        self._update_buttons()
        self.refreshed.emit()

    def _failed(self, exc: Exception) -> None:
        self._say(False, str(exc))

    # --- selection --------------------------------------------------------------------

    def selected(self) -> WorkOrderView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.rows[rows[0].row()] if rows else None

    def select_work_order(self, work_order_id: int) -> None:
        row = self.model.find(lambda w: w.id == work_order_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        w = self.selected()
        state = w.state if w else ""
        self.buttons["start"].setEnabled(state in ("planned", "waiting_material"))
        self.buttons["tick"].setEnabled(state == "in_progress" and bool(w and w.next_operation))
        self.buttons["finish"].setEnabled(state == "in_progress" and bool(w)
                                          and not (w and w.next_operation))
        self.buttons["problem"].setEnabled(state in ("planned", "waiting_material",
                                                     "in_progress"))
        self.buttons["accept"].setEnabled(bool(w and w.proposed_promised_date
                                               and w.open_problem_id))
        self.buttons["resume"].setEnabled(state == "blocked")

    # --- actions ------------------------------------------------------------------------

    def _say(self, ok: bool, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")

    def _act(self, fn: Any, done_text: str) -> bool:
        try:
            fn()
        except ServiceError as exc:
            self._say(False, str(exc))
            return False
        self._say(True, done_text)
        self.refresh()
        return True

    def handle_scan(self, text: str) -> bool:
        """A scanned work-order sheet: start it, or tick off its next operation."""
        code = text.strip()
        if not code:
            return False
        try:
            result = production.scan_work_order(self.db, self.actor, code)
        except ServiceError as exc:
            self._say(False, str(exc))
            self.scanned.emit(False, str(exc))
            return False
        self._say(True, result.message)
        self.scanned.emit(True, result.message)
        self.refresh()
        self.refreshed.connect(lambda wid=result.work_order_id: self.select_work_order(wid),
                               Qt.ConnectionType.SingleShotConnection)
        return True

    def _scan_entered(self) -> None:
        text = self.scan_field.text()
        self.scan_field.clear()
        self.handle_scan(text)

    def _on_selected(self, fn: Any, done_text: str) -> bool:
        w = self.selected()
        if w is None:
            return False
        wid = w.id
        return self._act(lambda: fn(self.db, self.actor, wid), done_text % w.number)

    def start_selected(self) -> bool:
        return self._on_selected(production.start_work_order, self.tr("%s started"))

    def tick_selected(self) -> bool:
        return self._on_selected(production.tick_operation, self.tr("%s: operation done"))

    def finish_selected(self) -> bool:
        return self._on_selected(production.finish_work_order,
                                 self.tr("%s finished and reserved to its order"))

    def resume_selected(self) -> bool:
        return self._on_selected(production.resume_work_order, self.tr("%s resumed"))

    def report_problem(self, kind: str, reason: str, new_date: date | None) -> bool:
        return self._on_selected(
            lambda db, actor, wid: production.report_problem(db, actor, wid, kind, reason,
                                                             new_date),
            self.tr("%s blocked"))

    def decide_date(self, accept: bool) -> bool:
        w = self.selected()
        if not w or not w.open_problem_id:
            return False
        problem_id = w.open_problem_id
        return self._act(lambda: production.decide_new_date(self.db, self.actor, problem_id,
                                                            accept),
                         self.tr("New promised date accepted; the customer will be told")
                         if accept else self.tr("Proposed date declined"))

    def _ask_problem(self) -> None:
        kind, ok = QInputDialog.getItem(self, self.tr("Report a problem"), self.tr("Kind"),
                                        list(PROBLEM_KINDS), 0, False)
        if not ok:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Report a problem"),
                                          self.tr("What is wrong?"))
        if not ok:
            return
        when, ok = QInputDialog.getText(self, self.tr("Report a problem"),
                                        self.tr("Proposed new promised date (YYYY-MM-DD, "
                                                "empty for none)"))
        try:
            new_date = date.fromisoformat(when.strip()) if ok and when.strip() else None
        except ValueError:
            self._say(False, self.tr("Not a date: %s") % when)
            return
        self.report_problem(kind, reason, new_date)
