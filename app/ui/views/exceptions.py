"""The exception desk: open cases by age and kind, the order's timeline beside each, and
the actions that fit (reship, refund with its credit note, exchange, carrier claim, new
promised date, note, close with a resolution)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.db.types import utcnow
from app.domain.tracking_status import CLAIM_OUTCOMES, ExceptionKind
from app.services import exception_desk as desk
from app.services import orders, tracking
from app.services.context import Actor
from app.services.errors import ServiceError
from app.services.exception_desk import CaseView
from app.services.tracking import TimelineEntry
from app.ui.models.rows import RowsTableModel
from app.ui.worker import run_in_thread


def _age(case: CaseView) -> str:
    days = case.age(utcnow()).days
    hours = case.age(utcnow()).seconds // 3600
    return f"{days}d {hours}h" if days else f"{hours}h"


class CaseTableModel(RowsTableModel[CaseView]):
    COL_NUMBER, COL_ORDER, COL_CUSTOMER, COL_KIND, COL_AGE, COL_STATUS, COL_DETAIL = range(7)
    HEADERS = ("Case", "Order", "Customer", "Kind", "Age", "Order status", "Detail")

    def cell(self, c: CaseView, column: int) -> Any:
        return [c.number, c.order_number, c.customer_name, self.tr(c.kind.replace("_", " ")),
                _age(c), c.order_status, c.detail][column]


class ExceptionDeskView(QWidget):
    """Open exception cases, oldest first (the oldest ``limit``, with how many there are
    in all), worked to a resolution."""

    refreshed = Signal()
    detail_loaded = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("All kinds"), "")
        for kind in ExceptionKind:
            self.kind_filter.addItem(self.tr(kind.value.replace("_", " ")), kind.value)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.check_button = QPushButton(self.tr("Check now"))
        self.check_button.clicked.connect(self.run_check)
        self.count_label = QLabel()  # how many open cases, and how many of them are shown
        self.total = 0
        self.model = CaseTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.timeline = QTreeWidget()
        self.timeline.setHeaderLabels([self.tr("When (UTC)"), self.tr("What"), self.tr("Who"),
                                       self.tr("Where"), self.tr("Details")])
        self.timeline.setRootIsDecorated(False)
        self.message = QLabel()
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, label, slot in [
            ("reship", self.tr("Reship…"), self._ask_reship),
            ("refund", self.tr("Refund…"), self._ask_refund),
            ("exchange", self.tr("Exchange…"), self._ask_exchange),
            ("claim", self.tr("Carrier claim…"), self._ask_claim),
            ("new_date", self.tr("New promised date…"), self._ask_new_date),
            ("note", self.tr("Note…"), self._ask_note),
            ("close", self.tr("Close with resolution…"), self._ask_close),
        ]:
            b = QPushButton(label)
            b.clicked.connect(slot)
            actions.addWidget(b)
            self.buttons[key] = b
        top = QHBoxLayout()
        top.addWidget(self.kind_filter, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.check_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.timeline)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._selection_changed()
        self.refresh()

    # --- loading ------------------------------------------------------------------

    def refresh(self) -> None:
        self._generation = getattr(self, "_generation", 0) + 1
        generation = self._generation
        kind, db, limit = self.kind_filter.currentData() or None, self.db, self.limit

        def load() -> tuple[list[CaseView], int]:
            rows = desk.open_cases(db, kind, limit)
            return rows, len(rows) if len(rows) < limit else desk.count_open_cases(db, kind)

        run_in_thread(load, lambda r: self._loaded(r, generation),
                      lambda exc: self._say(False, str(exc)))

    limit = desk.OPEN_CASES_LIMIT  # the oldest this many open cases are listed

    def _loaded(self, result: tuple[list[CaseView], int], generation: int) -> None:
        if generation != self._generation:  # a newer refresh is on its way
            return
        rows, self.total = result
        if self.total > len(rows):
            self.count_label.setText(self.tr("Showing the %1 oldest of %2 open cases")
                                     .replace("%1", str(len(rows)))
                                     .replace("%2", str(self.total)))
        else:
            self.count_label.setText(self.tr("%n open case(s)", "", self.total))
        current = self.selected()
        self.model.set_rows(rows)
        if current is not None:
            self.select_case(current.id)
        self._selection_changed()
        self.refreshed.emit()

    def selected(self) -> CaseView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select_case(self, case_id: int) -> None:
        row = self.model.find(lambda c: c.id == case_id)
        if row >= 0:
            self.table.selectRow(row)

    def _selection_changed(self) -> None:
        case = self.selected()
        for b in self.buttons.values():
            b.setEnabled(case is not None)
        self.timeline.clear()
        if case is None:
            return
        db, order_id = self.db, case.order_id

        def load() -> tuple[list[TimelineEntry], CaseView]:
            return tracking.timeline(db, order_id), desk.get_case(db, case.id)

        run_in_thread(load, self._show_detail, lambda exc: self._say(False, str(exc)))

    def _show_detail(self, result: tuple[list[TimelineEntry], CaseView]) -> None:
        entries, case = result
        self.timeline.clear()
        for e in entries:
            QTreeWidgetItem(self.timeline, [f"{e.at:%Y-%m-%d %H:%M}", e.title, e.username,
                                            e.workstation,
                                            " ".join(x for x in (e.parcel_ref, e.detail) if x)])
        for a in case.actions:
            amount = f" {a.amount}" if a.amount is not None else ""
            QTreeWidgetItem(self.timeline, [f"{a.at:%Y-%m-%d %H:%M}",
                                            self.tr("case: %s") % a.kind, a.username, "",
                                            f"{a.text}{amount} {a.claim_number} {a.outcome}"
                                            .strip()])
        self.detail_loaded.emit()

    # --- actions --------------------------------------------------------------------

    def _say(self, ok: bool, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")

    def _on_case(self, fn: Any, done_text: str) -> bool:
        return self._run_on_case(fn, lambda case, _result: done_text % case.number)[0]

    def _run_on_case(self, fn: Any, done: Any) -> tuple[bool, Any]:
        """Run ``fn(case id)`` on the selected case; ``done(case, result)`` is the message."""
        case = self.selected()
        if case is None:
            return False, None
        try:
            result = fn(case.id)
        except ServiceError as exc:
            self._say(False, str(exc))
            return False, None
        self._say(True, done(case, result))
        self.refresh()
        return True, result

    def run_check(self) -> list[str]:
        try:
            result = desk.check(self.db, self.actor)
        except ServiceError as exc:
            self._say(False, str(exc))
            return []
        if not result.ran:
            self._say(True, self.tr("Another workstation is checking right now."))
        else:
            self._say(True, self.tr("%n new case(s)", "", len(result.opened)))
        self.refresh()
        return result.opened

    def reship(self, postage: Decimal) -> bool:
        return self._on_case(lambda cid: desk.reship(self.db, self.actor, cid, postage),
                             self.tr("%s: reship requested, stock reserved"))

    def refund(self, amount: Decimal, reason: str) -> str | None:
        """Record the refund; returns the credit note number ("" for a walk-in order
        without a customer account), None when refused."""

        def done(case: CaseView, number: str) -> str:
            if number:
                return self.tr("%1: refund recorded, credit note %2").replace(
                    "%1", case.number).replace("%2", number)
            return self.tr("%s: refund recorded (walk-in order: no credit note)") % case.number

        ok, number = self._run_on_case(
            lambda cid: desk.refund(self.db, self.actor, cid, amount, reason), done)
        return number if ok else None

    def exchange(self, lines: list[tuple[int, int]], note: str = "") -> bool:
        """Send replacements for ``lines`` = [(order line id, quantity)], reserved now."""
        return self._on_case(lambda cid: desk.exchange(self.db, self.actor, cid, lines, note),
                             self.tr("%s: exchange requested, stock reserved"))

    def claim(self, claim_number: str, amount: Decimal, outcome: str) -> bool:
        return self._on_case(
            lambda cid: desk.claim(self.db, self.actor, cid, claim_number, amount, outcome),
            self.tr("%s: claim recorded"))

    def new_date(self, when: date) -> bool:
        return self._on_case(lambda cid: desk.new_promised_date(self.db, self.actor, cid, when),
                             self.tr("%s: new date promised, customer notice queued"))

    def note(self, text: str) -> bool:
        return self._on_case(lambda cid: desk.add_note(self.db, self.actor, cid, text),
                             self.tr("%s: note added"))

    def close_case(self, resolution: str) -> bool:
        return self._on_case(lambda cid: desk.close_case(self.db, self.actor, cid, resolution),
                             self.tr("%s closed"))

    # --- dialogs (thin: they only gather input for the methods above) -------------------

    def _ask_text(self, title: str, label: str) -> str | None:
        value, ok = QInputDialog.getText(self, title, label)
        return value if ok else None

    def _ask_money(self, title: str, label: str) -> Decimal | None:
        value = self._ask_text(title, label)
        if value is None:
            return None
        try:
            return Decimal(value.strip() or "0")
        except InvalidOperation:
            self._say(False, self.tr("Not an amount: %s") % value)
            return None

    def _ask_reship(self) -> None:
        postage = self._ask_money(self.tr("Reship"), self.tr("Postage for the new parcel"))
        if postage is not None:
            self.reship(postage)

    def _ask_refund(self) -> None:
        amount = self._ask_money(self.tr("Refund"), self.tr("Amount to refund"))
        reason = self._ask_text(self.tr("Refund"), self.tr("Why?")) if amount else None
        if amount is not None and reason is not None:
            number = self.refund(amount, reason)
            if number is not None:
                self._show_credit_note(number)

    def _show_credit_note(self, number: str) -> None:
        if number:
            QMessageBox.information(self, self.tr("Refund"),
                                    self.tr("Credit note %s created.") % number)

    def _ask_exchange(self) -> None:
        case = self.selected()
        if case is None:
            return
        try:
            order = orders.get_order(self.db, case.order_id)
        except ServiceError as exc:
            self._say(False, str(exc))
            return
        if not order.lines:
            self._say(False, self.tr("Order %s has no lines to exchange.") % order.number)
            return
        labels = [f"{li.line_no}. {li.sku} {li.name} × {li.quantity}" for li in order.lines]
        label, ok = QInputDialog.getItem(self, self.tr("Exchange"),
                                         self.tr("Which line goes out again?"), labels, 0, False)
        if not ok or label not in labels:
            return
        line = order.lines[labels.index(label)]
        qty, ok = QInputDialog.getInt(self, self.tr("Exchange"), self.tr("Quantity"),
                                      line.quantity, 1, line.quantity)
        if not ok:
            return
        note = self._ask_text(self.tr("Exchange"), self.tr("What does the customer send back?"))
        if note is not None:
            self.exchange([(line.id, qty)], note.strip())

    def _ask_claim(self) -> None:
        number = self._ask_text(self.tr("Carrier claim"), self.tr("Claim number"))
        amount = self._ask_money(self.tr("Carrier claim"), self.tr("Amount")) if number else None
        if number is None or amount is None:
            return
        outcome, ok = QInputDialog.getItem(self, self.tr("Carrier claim"), self.tr("Outcome"),
                                           list(CLAIM_OUTCOMES), 0, False)
        if ok:
            self.claim(number, amount, outcome)

    def _ask_new_date(self) -> None:
        value = self._ask_text(self.tr("New promised date"), self.tr("Date (YYYY-MM-DD)"))
        if value is None:
            return
        try:
            self.new_date(date.fromisoformat(value.strip()))
        except ValueError:
            self._say(False, self.tr("Not a date: %s") % value)

    def _ask_note(self) -> None:
        value = self._ask_text(self.tr("Note"), self.tr("What was agreed?"))
        if value is not None:
            self.note(value)

    def _ask_close(self) -> None:
        value = self._ask_text(self.tr("Close case"), self.tr("Resolution"))
        if value is not None:
            self.close_case(value)
