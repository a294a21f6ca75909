"""Receivables view (role finance): record a payment, ageing, statements, dunning.

Lists load on a worker thread with its own session; table models get plain dataclasses.
Every change goes through ``app.services.receivables``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.money import format_money
from app.domain.receivables import BUCKETS
from app.services import receivables
from app.services.context import Actor
from app.services.errors import ServiceError
from app.ui import worker
from app.ui.models.rows import RIGHT, RowsTableModel

logger = logging.getLogger(__name__)
_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


# ---------------------------------------------------------------- worker


def run_in_thread(owner: QObject, fn: Callable[[], Any], done: Callable[[Any], None],
                  failed: Callable[[str], None]) -> None:
    """The desk's one worker (``app.ui.worker``) for the finance views: ``done``/``failed``
    run on the UI thread, and not at all once ``owner`` has been deleted."""
    worker.run_in_thread(fn, done, lambda exc: failed(str(exc)), owner=owner)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


# ---------------------------------------------------------------- table models


class AgeingTableModel(RowsTableModel[receivables.AgeingRow]):
    COL_CODE, COL_NAME = 0, 1
    FIRST_BUCKET = 2
    COL_TOTAL = FIRST_BUCKET + len(BUCKETS)
    HEADERS = (
        QT_TRANSLATE_NOOP("AgeingTableModel", "Code"),
        QT_TRANSLATE_NOOP("AgeingTableModel", "Customer"),
        QT_TRANSLATE_NOOP("AgeingTableModel", "Current"),
        QT_TRANSLATE_NOOP("AgeingTableModel", "1–30"),
        QT_TRANSLATE_NOOP("AgeingTableModel", "31–60"),
        QT_TRANSLATE_NOOP("AgeingTableModel", "61–90"),
        QT_TRANSLATE_NOOP("AgeingTableModel", "90+"),
        QT_TRANSLATE_NOOP("AgeingTableModel", "Outstanding"),
    )

    def cell(self, row: receivables.AgeingRow, col: int) -> Any:
        if col == self.COL_CODE:
            return row.code
        if col == self.COL_NAME:
            return row.name
        if col == self.COL_TOTAL:
            return format_money(row.total)
        return format_money(row.ageing.buckets[col - self.FIRST_BUCKET])

    def alignment(self, column: int) -> int | None:
        return int(RIGHT) if column >= self.FIRST_BUCKET else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()].customer_id if index.isValid() else None
        return super().data(index, role)


class SimpleTableModel(RowsTableModel[tuple[Any, list[str]]]):
    """Rows of plain values with headers; column 0's UserRole is the row's id."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent, headers=headers)

    def cell(self, row: tuple[Any, list[str]], column: int) -> str:
        return row[1][column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key, cells = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return key
        if role == SORT_ROLE:  # numbers sort as numbers (for ordering only, never shown)
            text = cells[index.column()].replace(",", "")
            try:
                return float(text)
            except ValueError:
                return text
        return super().data(index, role)


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setStretchLastSection(True)
    return view


# ---------------------------------------------------------------- the view


class ReceivablesView(QWidget):
    """Tabs: Payments, Ageing, Statements, Dunning."""

    loaded = Signal(str)  # which list finished loading (tests and status bar)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.tabs = QTabWidget()
        self.tabs.addTab(self._payments_tab(), self.tr("Record payment"))
        self.tabs.addTab(self._ageing_tab(), self.tr("Ageing"))
        self.tabs.addTab(self._statements_tab(), self.tr("Statements"))
        self.tabs.addTab(self._dunning_tab(), self.tr("Dunning"))
        self.status = QLabel()
        self.status.setObjectName("receivablesStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status)
        self.reload_customers()

    # -- shared

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #b00020;")

    def _ok(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #1b5e20;")

    def reload_customers(self) -> None:
        customers = receivables.find_customers(self.db)
        for combo in (self.pay_customer, self.st_customer):
            combo.clear()
            if combo is self.st_customer:
                combo.addItem(self.tr("All customers with a balance"), None)
            for cid, code, name in customers:
                combo.addItem(f"{name} ({code})", cid)
        self._load_open_invoices()

    # -- payments

    def _payments_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout()
        self.pay_customer = QComboBox()
        self.pay_customer.currentIndexChanged.connect(self._load_open_invoices)
        self.pay_amount = QLineEdit()
        self.pay_amount.setPlaceholderText(self.tr("e.g. 1,250.00"))
        self.pay_method = QComboBox()
        for code, label in (("bank_transfer", self.tr("Bank transfer")),
                            ("cash", self.tr("Cash")), ("card", self.tr("Card"))):
            self.pay_method.addItem(label, code)
        self.pay_reference = QLineEdit()
        self.pay_date = QDateEdit(_qdate(date.today()))
        self.pay_date.setCalendarPopup(True)
        self.pay_button = QPushButton(self.tr("Record payment"))
        self.pay_button.clicked.connect(self.record_payment)
        form.addRow(self.tr("Customer"), self.pay_customer)
        form.addRow(self.tr("Amount"), self.pay_amount)
        form.addRow(self.tr("Method"), self.pay_method)
        form.addRow(self.tr("Reference"), self.pay_reference)
        form.addRow(self.tr("Received on"), self.pay_date)
        self.credit_label = QLabel()
        self.invoice_model = SimpleTableModel([self.tr("Invoice"), self.tr("Issued"),
                                               self.tr("Due"), self.tr("Total"),
                                               self.tr("Paid"), self.tr("Open")], self)
        self.invoice_table = _table(self.invoice_model)
        layout = QVBoxLayout(w)
        layout.addLayout(form)
        layout.addWidget(self.pay_button)
        layout.addWidget(self.credit_label)
        layout.addWidget(QLabel(self.tr("Open invoices (a payment pays the oldest first)")))
        layout.addWidget(self.invoice_table)
        return w

    def _load_open_invoices(self) -> None:
        cid = self.pay_customer.currentData()
        if cid is None:
            self.invoice_model.set_rows([])
            self.credit_label.clear()
            return
        rows = receivables.open_invoices(self.db, cid)
        self.invoice_model.set_rows([
            (r.id, [r.number, f"{r.issue_date:%Y-%m-%d}", f"{r.due_date:%Y-%m-%d}",
                    format_money(r.total), format_money(r.paid), format_money(r.balance)])
            for r in rows])
        credit = receivables.get_credit(self.db, cid)
        limit = self.tr("none") if credit.credit_limit is None else format_money(
            credit.credit_limit)
        hold = self.tr(" — ON HOLD: %1").replace("%1", credit.hold_reason) if credit.on_hold \
            else ""
        self.credit_label.setText(
            self.tr("Owes %1 · limit %2 · terms %3").replace("%1", format_money(credit.exposure))
            .replace("%2", limit).replace("%3", credit.terms) + hold)

    def record_payment(self) -> None:
        cid = self.pay_customer.currentData()
        if cid is None:
            self._fail(self.tr("Choose a customer first."))
            return
        try:
            result = receivables.record_payment(
                self.db, self.actor, cid, self.pay_amount.text(), self.pay_method.currentData(),
                self.pay_reference.text(), _pydate(self.pay_date.date()))
        except ServiceError as exc:
            self._fail(str(exc))
            return
        msg = self.tr("Payment recorded: %1 allocated, %2 kept as credit.").replace(
            "%1", format_money(result.allocated)).replace("%2", format_money(result.unallocated))
        if result.hold_lifted:
            msg += " " + self.tr("Credit hold lifted.")
        self._ok(msg)
        self.pay_amount.clear()
        self.pay_reference.clear()
        self._load_open_invoices()

    # -- ageing

    def _ageing_tab(self) -> QWidget:
        w = QWidget()
        self.ageing_date = QDateEdit(_qdate(date.today()))
        self.ageing_date.setCalendarPopup(True)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.load_ageing)
        self.ageing_model = AgeingTableModel(self)
        self.ageing_table = _table(self.ageing_model)
        self.ageing_total = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("As of")))
        top.addWidget(self.ageing_date)
        top.addWidget(refresh)
        top.addStretch(1)
        layout = QVBoxLayout(w)
        layout.addLayout(top)
        layout.addWidget(self.ageing_table)
        layout.addWidget(self.ageing_total)
        return w

    def load_ageing(self) -> None:
        day = _pydate(self.ageing_date.date())
        db, actor = self.db, self.actor

        def done(rows: list[receivables.AgeingRow]) -> None:
            self.ageing_model.set_rows(rows)
            totals = receivables.ageing_totals(rows)
            self.ageing_total.setText(self.tr("Total outstanding: %1").replace(
                "%1", format_money(totals.total)))
            self.loaded.emit("ageing")

        run_in_thread(self, lambda: receivables.ageing_report(db, actor, day), done, self._fail)

    # -- statements

    def _statements_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout()
        self.st_customer = QComboBox()
        today = date.today()
        self.st_from = QDateEdit(_qdate(today.replace(day=1)))
        self.st_to = QDateEdit(_qdate(today))
        self.st_lang = QComboBox()
        self.st_lang.addItem(self.tr("Customer's language"), None)
        self.st_lang.addItem("English", "en")
        self.st_lang.addItem("中文", "zh")
        form.addRow(self.tr("Customer"), self.st_customer)
        form.addRow(self.tr("From"), self.st_from)
        form.addRow(self.tr("To"), self.st_to)
        form.addRow(self.tr("Language"), self.st_lang)
        pdf = QPushButton(self.tr("Save statements as PDF…"))
        pdf.clicked.connect(self.save_statements)
        recon = QPushButton(self.tr("Reconciliation export (CSV)…"))
        recon.clicked.connect(self.save_reconciliation)
        layout = QVBoxLayout(w)
        layout.addLayout(form)
        layout.addWidget(pdf)
        layout.addWidget(recon)
        layout.addStretch(1)
        return w

    def save_statements(self) -> Path | None:
        start, end = _pydate(self.st_from.date()), _pydate(self.st_to.date())
        cid = self.st_customer.currentData()
        ids = [cid] if cid is not None else [
            r.customer_id for r in receivables.ageing_report(self.db, self.actor, end)]
        if not ids:
            self._fail(self.tr("No customer has a balance."))
            return None
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save statements"),
                                              f"statements-{end:%Y%m%d}.pdf", "PDF (*.pdf)")
        if not path:
            return None
        from app.printing.receivables import statement_pdf

        batch = receivables.statements(self.db, self.actor, ids, start, end)
        out = statement_pdf(batch, Path(path), self.st_lang.currentData())
        self._ok(self.tr("%1 statement(s) saved to %2").replace("%1", str(len(ids)))
                 .replace("%2", str(out)))
        return out

    def save_reconciliation(self) -> None:
        start, end = _pydate(self.st_from.date()), _pydate(self.st_to.date())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Reconciliation export"),
                                              f"reconciliation-{end:%Y%m%d}.csv", "CSV (*.csv)")
        if path:
            Path(path).write_text(receivables.reconciliation_csv(self.db, self.actor, start,
                                                                 end),
                                  encoding="utf-8-sig")
            self._ok(self.tr("Saved %1").replace("%1", path))

    # -- dunning

    def _dunning_tab(self) -> QWidget:
        w = QWidget()
        run = QPushButton(self.tr("Propose letters"))
        run.clicked.connect(self.run_dunning)
        self.send_button = QPushButton(self.tr("Send selected"))
        self.send_button.clicked.connect(self.send_selected)
        self.levels_button = QPushButton(self.tr("Dunning levels…"))
        self.levels_button.setToolTip(self.tr("When letters go out, their text, fee and action"))
        self.levels_button.clicked.connect(lambda: self.open_dunning_levels())
        self.letter_model = SimpleTableModel([self.tr("Customer"), self.tr("Level"),
                                              self.tr("Overdue"), self.tr("Fee"),
                                              self.tr("Subject"), self.tr("Status")], self)
        self.letter_table = _table(self.letter_model)
        self.letter_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        top = QHBoxLayout()
        top.addWidget(run)
        top.addWidget(self.send_button)
        top.addStretch(1)
        top.addWidget(self.levels_button)
        layout = QVBoxLayout(w)
        layout.addLayout(top)
        layout.addWidget(self.letter_table)
        return w

    def open_dunning_levels(self, modal: bool = True) -> QWidget:
        """The levels editor; ``modal=False`` shows it without waiting (tests)."""
        from app.ui.dialogs.dunning_levels import DunningLevelsDialog

        self.levels_dialog = DunningLevelsDialog(self.db, self.actor, self)
        if modal:
            self.levels_dialog.exec()
        else:
            self.levels_dialog.show()
        return self.levels_dialog

    def _show_letters(self, rows: list[receivables.LetterView]) -> None:
        self.letter_model.set_rows([
            (r.id, [r.customer_name, str(r.level), format_money(r.overdue), format_money(r.fee),
                    r.subject, r.status]) for r in rows])

    def run_dunning(self) -> None:
        try:
            self._show_letters(receivables.dunning_run(self.db, self.actor))
        except ServiceError as exc:
            self._fail(str(exc))
            return
        self._ok(self.tr("%1 letter(s) proposed.").replace("%1",
                                                           str(self.letter_model.rowCount())))

    def send_selected(self) -> None:
        ids = sorted({self.letter_model.data(i, Qt.ItemDataRole.UserRole)
                      for i in self.letter_table.selectionModel().selectedRows()})
        if not ids:
            self._fail(self.tr("Select the letters to send."))
            return
        try:
            sent = receivables.send_letters(self.db, self.actor, ids)
        except ServiceError as exc:
            self._fail(str(exc))
            return
        self._show_letters(receivables.letters(self.db, status="proposed"))
        self._ok(self.tr("%1 letter(s) queued for sending.").replace("%1", str(sent)))

