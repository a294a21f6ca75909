"""Returns view: the returns bench, driven by the scanner.

Scan an RMA number to open that return; then scan each item that came back (an item not
on the return turns the banner red and is recorded, not accepted). ``CMD:COMPLETE`` closes
receiving with what has arrived. A received line is inspected with the disposition buttons.
Scanning an order number or a parcel label lists what can be returned; pick quantities and
a reason and open a return. Open returns are listed oldest first with their age.

The action buttons move the return on the bench: approve (F5; outside the policy a manager
logs in and gives a reason), reject (F6), cancel (F7), and resolve it by refund (F8, with
the card/marketplace refund reference), store credit (F9) or exchange (F11, a replacement
order reserved at once). Each runs through ``app.ui.worker`` with the version on screen, so
a change made meanwhile on another workstation is refused with a clear message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.returns import Disposition, ReturnReason, allowed_moves
from app.domain.roles import Permission, may
from app.domain.scan import Scan, ScanKind
from app.services import returns
from app.services.context import Actor
from app.services.errors import ConcurrentChange, ServiceError
from app.services.returns import (
    ExchangeItem,
    ReturnableLine,
    ReturnLineView,
    ReturnRequest,
    ReturnRow,
    ReturnView,
)
from app.ui.dialogs.approval import ManagerApprovalDialog
from app.ui.format import money
from app.ui.models.rows import RowsTableModel
from app.ui.worker import run_in_thread

logger = logging.getLogger(__name__)

GREEN = "background:#1b7f3a;color:white;font-size:20px;padding:8px;"
RED = "background:#c00000;color:white;font-size:22px;font-weight:bold;padding:8px;"
GREY = "background:#444;color:white;font-size:18px;padding:8px;"
_ITEM_KINDS = {ScanKind.EAN13, ScanKind.UPCA, ScanKind.EAN8, ScanKind.GTIN14, ScanKind.GS1,
               ScanKind.SKU}


def _t(text: str) -> str:
    return QCoreApplication.translate("ReturnsView", text)


class OpenReturnsModel(RowsTableModel[ReturnRow]):
    """Open returns, oldest first."""

    COL_NUMBER, COL_STATUS, COL_CUSTOMER, COL_ORDERS, COL_UNITS, COL_AGE = range(6)
    HEADERS = ("RMA", "Status", "Customer", "Orders", "Units", "Age (days)")
    TR_CONTEXT = "ReturnsView"

    def cell(self, r: ReturnRow, column: int) -> Any:
        return (r.number, r.status, r.customer_name, r.orders, r.units, r.age_days)[column]


class ReturnLinesModel(RowsTableModel[ReturnLineView]):
    """The lines of the return on the bench: expected, received, disposition."""

    COL_SKU, COL_NAME, COL_ORDER, COL_REASON, COL_EXPECTED, COL_RECEIVED, COL_DISPOSITION = (
        range(7))
    HEADERS = ("SKU", "Item", "Order", "Reason", "Expected", "Received", "Disposition")
    TR_CONTEXT = "ReturnsView"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: ReturnView | None = None

    def set_view(self, view: ReturnView | None) -> None:
        self.view = view
        self.set_rows(view.lines if view is not None else [])

    def cell(self, li: ReturnLineView, column: int) -> Any:
        return (li.sku, li.name, li.order_number, li.reason, li.quantity, li.received_qty,
                li.disposition or "—")[column]


@dataclass
class _Pick:
    line: ReturnableLine
    quantity: int = 0


class ReturnableModel(RowsTableModel[_Pick]):
    """What an order/parcel/customer can still return; the 'Return' column is editable."""

    COL_ORDER, COL_SKU, COL_NAME, COL_SHIPPED, COL_RETURNED, COL_RETURN = range(6)
    HEADERS = ("Order", "SKU", "Item", "Shipped", "Returned", "Return")
    TR_CONTEXT = "ReturnsView"

    @property
    def picks(self) -> list[_Pick]:
        return self.rows

    def set_lines(self, lines: list[ReturnableLine]) -> None:
        self.set_rows([_Pick(li) for li in lines])

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() == self.COL_RETURN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def cell(self, p: _Pick, column: int) -> Any:
        return (p.line.order_number, p.line.sku, p.line.name, p.line.shipped, p.line.returned,
                p.quantity)[column]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole:  # the editor starts from the shown quantity
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != self.COL_RETURN or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            qty = int(value)
        except (TypeError, ValueError):
            return False
        p = self.picks[index.row()]
        p.quantity = max(0, min(qty, p.line.returnable))
        self.dataChanged.emit(index, index)
        return True


class ReturnsView(QWidget):
    status_message = Signal(str)
    open_order_requested = Signal(int)
    refreshed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.current: ReturnView | None = None
        self.banner = QLabel(self.tr("Scan an RMA to receive it, or an order / parcel label "
                                     "to start a return."))
        self.banner.setStyleSheet(GREY)
        self.banner.setWordWrap(True)

        self.lines_model = ReturnLinesModel(self)
        self.lines_table = self._table(self.lines_model)
        self.returnable_model = ReturnableModel(self)
        self.returnable_table = self._table(self.returnable_model)
        self.open_model = OpenReturnsModel(self)
        self.open_table = self._table(self.open_model)
        self.open_table.doubleClicked.connect(self._open_selected)

        self.reason = QComboBox()
        for r in ReturnReason:
            self.reason.addItem(self.tr(r.value.replace("_", " ")), r.value)
        self.open_button = QPushButton(self.tr("Open return"))
        self.open_button.clicked.connect(self.open_return)
        request_row = QHBoxLayout()
        request_row.addWidget(QLabel(self.tr("Reason:")))
        request_row.addWidget(self.reason)
        request_row.addWidget(self.open_button)
        request_row.addStretch(1)

        self.disposition_buttons: dict[Disposition, QPushButton] = {}
        inspect_row = QHBoxLayout()
        inspect_row.addWidget(QLabel(self.tr("Selected line:")))
        for d, label in ((Disposition.RESTOCK, self.tr("Restock")),
                         (Disposition.SCRAP, self.tr("Scrap")),
                         (Disposition.REPAIR, self.tr("Repair")),
                         (Disposition.RETURN_TO_VENDOR, self.tr("Return to vendor"))):
            b = QPushButton(label)
            b.clicked.connect(lambda _=False, d=d: self.dispose_selected(d))
            self.disposition_buttons[d] = b
            inspect_row.addWidget(b)
        inspect_row.addStretch(1)

        self.summary = QLabel()
        self.summary.setObjectName("return_summary")
        self.summary.setWordWrap(True)
        self.action_buttons: dict[str, QPushButton] = {}
        action_row = QHBoxLayout()
        action_row.addWidget(QLabel(self.tr("Return:")))
        for key, label, shortcut, slot in (
                ("approve", self.tr("Approve"), "F5", self.approve_current),
                ("reject", self.tr("Reject…"), "F6", self.reject_current),
                ("cancel", self.tr("Cancel return…"), "F7", self.cancel_current),
                ("refund", self.tr("Refund…"), "F8", self.refund_current),
                ("store_credit", self.tr("Store credit"), "F9", self.store_credit_current),
                ("exchange", self.tr("Exchange…"), "F11", self.exchange_current)):
            b = QPushButton(f"{label} ({shortcut})")
            b.setObjectName(f"return_{key}")
            b.setShortcut(QKeySequence(shortcut))
            b.clicked.connect(lambda _=False, slot=slot: slot())
            self.action_buttons[key] = b
            action_row.addWidget(b)
        self.policy_button = QPushButton(self.tr("Return policy…"))
        self.policy_button.clicked.connect(self.edit_policy)
        action_row.addStretch(1)
        action_row.addWidget(self.policy_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(QLabel(self.tr("Return on the bench")))
        layout.addWidget(self.summary)
        layout.addWidget(self.lines_table, 2)
        layout.addLayout(inspect_row)
        layout.addLayout(action_row)
        layout.addWidget(QLabel(self.tr("Can be returned")))
        layout.addWidget(self.returnable_table, 1)
        layout.addLayout(request_row)
        layout.addWidget(QLabel(self.tr("Open returns (oldest first)")))
        layout.addWidget(self.open_table, 2)
        self._update_actions()
        self.refresh()

    def _table(self, model: QAbstractTableModel) -> QTableView:
        t = QTableView(self)
        t.setModel(model)
        t.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        t.horizontalHeader().setStretchLastSection(True)
        return t

    # ------------------------------------------------------------------ feedback
    def _good(self, text: str) -> None:
        self.banner.setStyleSheet(GREEN)
        self.banner.setText(text)
        self.status_message.emit(text)

    def _bad(self, text: str) -> None:
        QApplication.beep()
        self.banner.setStyleSheet(RED)
        self.banner.setText(text)
        self.status_message.emit(text)

    def _show(self, view: ReturnView | None) -> None:
        self.current = view
        self.lines_model.set_view(view)
        self._update_actions()

    def _update_actions(self) -> None:
        """Only the moves the return's state allows are offered."""
        view = self.current
        moves = {m.value for m in allowed_moves(view.status)} if view else set()
        enabled = {"approve": "approved" in moves, "reject": "rejected" in moves,
                   "cancel": "cancelled" in moves}
        for key in ("refund", "store_credit", "exchange"):
            enabled[key] = "resolved" in moves
        for key, button in self.action_buttons.items():
            button.setEnabled(enabled[key])
        for button in self.disposition_buttons.values():  # inspect what has come back
            button.setEnabled(view is not None and view.status == "received")
        self.summary.setText(self._summary(view))
        if view is not None and view.status == "inspected":
            self._show_quote(view)

    def _summary(self, view: ReturnView | None) -> str:
        if view is None:
            return self.tr("No return on the bench.")
        text = self.tr("{0} · {1} · {2} · return shipping paid by {3}").format(
            view.number, view.customer_name, view.status.replace("_", " "),
            view.return_shipping)
        if view.outside_policy and view.status == "requested":
            text += "\n" + self.tr("Outside the policy: {0}").format(view.outside_policy)
        if view.resolution:
            text += "\n" + self.tr("Resolved by {0}: {1}").format(
                view.resolution.replace("_", " "), money(view.amount))
            if view.paid_out:
                text += " " + self.tr("({0} paid out, ref {1})").format(
                    money(view.paid_out), view.refund_reference)
        return text

    # ------------------------------------------------------------------ lists
    def refresh(self) -> None:
        db = self.db
        run_in_thread(lambda: returns.open_returns(db), self._loaded,
                      lambda exc: self._bad(str(exc)))

    def _loaded(self, rows: list[ReturnRow]) -> None:
        self.open_model.set_rows(rows)
        self.refreshed.emit()

    def _open_selected(self, index: QModelIndex) -> None:
        row = self.open_model.rows[index.row()]
        self._show(returns.get_return(self.db, row.id))

    # ------------------------------------------------------------------ scans
    def handle_scan(self, scan: Scan) -> bool:
        """Act on a classified scan; False when it means nothing on the returns bench."""
        try:
            if scan.kind is ScanKind.RMA:
                self._rma(scan.code)
            elif scan.kind is ScanKind.COMMAND and scan.code == "COMPLETE" and self.current:
                self._show(returns.finish_receiving(self.db, self.actor, self.current.id))
                self._good(self.tr("{0} received.").format(self.current.number))
                self.refresh()
            elif scan.kind in _ITEM_KINDS and self.current is not None:
                self._item(scan.code)
            elif scan.kind in (ScanKind.ORDER, ScanKind.TRACKING) or (
                    scan.kind is ScanKind.SKU and self.current is None):
                self._lookup(scan.code)
            else:
                return False
        except ServiceError as exc:
            self._bad(str(exc))
        except Exception as exc:  # noqa: BLE001 - a scan must never crash the bench
            logger.exception("returns scan %r failed", scan.raw)
            self._bad(self.tr("Error: {0}").format(exc))
        return True

    def _rma(self, number: str) -> None:
        rid = returns.find_return_id(self.db, number)
        if rid is None:
            self._bad(self.tr("There is no return {0}.").format(number))
            return
        view = returns.get_return(self.db, rid)
        self._show(view)
        if view.status in ("approved", "awaiting_goods"):
            self._good(self.tr("{0}: scan each item ({1} expected).").format(
                view.number, view.expected_units))
        elif view.status == "received":
            self._good(self.tr("{0}: inspect each line.").format(view.number))
        else:
            self._good(self.tr("{0} is {1}.").format(view.number, view.status))

    def _item(self, code: str) -> None:
        assert self.current is not None
        result = returns.receive_scan(self.db, self.actor, self.current.id, code)
        self._show(result.view)
        if result.accepted:
            self._good(result.message)
            if result.view.status == "received":
                self.refresh()
        else:
            self._bad(result.message)

    def _lookup(self, code: str) -> None:
        found = returns.find_returnable(self.db, code)
        self.returnable_model.set_lines(found.lines)
        self._show(None)
        self._good(self.tr("{0}: {1} lines can be returned. Enter quantities and a reason.")
                   .format(found.customer_name, sum(1 for li in found.lines if li.returnable)))

    # ------------------------------------------------------------------ actions
    def open_return(self) -> ReturnView | None:
        reason = str(self.reason.currentData())
        picks = [p for p in self.returnable_model.picks if p.quantity > 0]
        if not picks:
            self._bad(self.tr("Enter how many of which line come back."))
            return None
        try:
            view = returns.open_return(self.db, self.actor, [
                ReturnRequest(p.line.order_line_id, p.quantity, reason) for p in picks])
        except ServiceError as exc:
            self._bad(str(exc))
            return None
        self._show(view)
        self.returnable_model.set_lines([])
        self._good(self.tr("{0} opened ({1}).").format(view.number, view.status))
        self.refresh()
        return view

    def dispose_selected(self, disposition: Disposition) -> None:
        if self.current is None:
            return
        rows = self.lines_table.selectionModel().selectedRows()
        if not rows:
            self._bad(self.tr("Select the line to inspect."))
            return
        line = self.current.lines[rows[0].row()]
        result = "as_new" if disposition is Disposition.RESTOCK else "defective"
        try:
            view = returns.inspect_line(self.db, self.actor, line.id, result, disposition.value)
        except ServiceError as exc:
            self._bad(str(exc))
            return
        self._show(view)
        self._good(self.tr("{0}: {1}.").format(line.sku, disposition.value))
        self.refresh()

    # ------------------------------------------------------------------ questions
    # Small hooks so tests (and a future dialog) can answer without a modal box.
    def ask_text(self, title: str, label: str, default: str = "") -> str | None:
        """A line of text from the clerk; None if cancelled."""
        text, ok = QInputDialog.getText(self, title, label, text=default)
        return text.strip() if ok else None

    def ask_manager(self, why: str) -> Actor | None:
        """A manager logs in to approve (the dialog the discount approval uses)."""
        dialog = ManagerApprovalDialog(self.db, why, self.actor.workstation, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.approver

    # ------------------------------------------------------------------ moves
    def _run(self, work: Any, done: str) -> None:
        """Run a service call off the UI thread; show the result or why it was refused."""
        def ok(view: ReturnView) -> None:
            self._show(view)
            text = done.format(view.number, view.status.replace("_", " "))
            if view.resolution:
                text = self._resolved_text(view)
            self._good(text)
            self.refresh()

        run_in_thread(work, ok, self._refused)

    def _resolved_text(self, view: ReturnView) -> str:
        how = view.resolution.replace("_", " ")
        text = self.tr("{0} resolved by {1}: {2}.").format(view.number, how, money(view.amount))
        if view.paid_out:
            text += " " + self.tr("{0} paid back to the card/marketplace (ref {1}).").format(
                money(view.paid_out), view.refund_reference)
        if view.charge:
            text += " " + self.tr("The customer pays {0} more.").format(money(view.charge))
        return text

    def _show_quote(self, view: ReturnView) -> None:
        """Before resolving, say what the return would credit."""
        db, rid = self.db, view.id

        def shown(q: returns.Quote) -> None:
            if self.current is not None and self.current.id == rid:
                self.summary.setText(self._summary(self.current) + "\n" + self.tr(
                    "Would credit {0} (goods {1}, restocking fee {2}, shipping {3}).").format(
                        money(q.amount), money(q.goods_value), money(q.restocking_fee),
                        money(q.shipping_refund)))

        run_in_thread(lambda: returns.quote(db, rid), shown, lambda exc: None)

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, ConcurrentChange) and self.current is not None:
            self._bad(str(exc))
            current_id = self.current.id
            run_in_thread(lambda: returns.get_return(self.db, current_id), self._show)
        elif isinstance(exc, ServiceError):
            self._bad(str(exc))
        else:
            logger.error("return action failed", exc_info=exc)
            self._bad(self.tr("Error: {0}").format(exc))

    def _need_current(self) -> ReturnView | None:
        if self.current is None:
            self._bad(self.tr("Scan an RMA or pick an open return first."))
        return self.current

    def approve_current(self) -> None:
        view = self._need_current()
        if view is None:
            return
        reason, approver = "", None
        if view.outside_policy:
            if not may(self.actor.role, Permission.APPROVE):
                approver = self.ask_manager(self.tr(
                    "{0} is outside the return policy: {1}. A manager must approve it.")
                    .format(view.number, view.outside_policy))
                if approver is None:
                    self._bad(self.tr("{0} not approved: no manager approval.")
                              .format(view.number))
                    return
            answer = self.ask_text(self.tr("Approve outside the policy"),
                                   self.tr("Why may {0} come back? ({1})").format(
                                       view.number, view.outside_policy))
            if not answer:
                self._bad(self.tr("{0} not approved: a reason is required outside the "
                                  "policy.").format(view.number))
                return
            reason = answer
        db, actor, rid, version = self.db, self.actor, view.id, view.version
        self._run(lambda: returns.approve(db, actor, rid, reason, approver,
                                          expected_version=version),
                  self.tr("{0} approved."))

    def _ask_reason_then(self, title: str, verb: str, call: Any) -> None:
        view = self._need_current()
        if view is None:
            return
        reason = self.ask_text(title, self.tr("Why? (kept with the return)"))
        if reason is None:
            return
        if not reason:
            self._bad(self.tr("Say why — {0} is not {1}.").format(view.number, verb))
            return
        db, actor, rid, version = self.db, self.actor, view.id, view.version
        self._run(lambda: call(db, actor, rid, reason, version),
                  self.tr("{0} is now {1}."))

    def reject_current(self) -> None:
        self._ask_reason_then(self.tr("Reject return"), self.tr("rejected"), returns.reject)

    def cancel_current(self) -> None:
        self._ask_reason_then(self.tr("Cancel return"), self.tr("cancelled"),
                              returns.cancel_return)

    def _resolve(self, kind: str, reference: str = "",
                 exchange: list[ExchangeItem] | None = None) -> None:
        view = self._need_current()
        if view is None:
            return
        db, actor, rid, version = self.db, self.actor, view.id, view.version
        self._run(lambda: returns.resolve(db, actor, rid, kind, reference, exchange,
                                          expected_version=version),
                  self.tr("{0} {1}."))

    def refund_current(self) -> None:
        if self._need_current() is None:
            return
        reference = self.ask_text(self.tr("Refund"), self.tr(
            "Card / marketplace refund reference (empty: the money stays as the "
            "customer's credit if the invoice is paid):"))
        if reference is not None:
            self._resolve("refund", reference)

    def store_credit_current(self) -> None:
        self._resolve("store_credit")

    def exchange_current(self) -> None:
        view = self._need_current()
        if view is None:
            return
        default = ", ".join(f"{li.sku} x{li.quantity}" for li in view.lines)
        text = self.ask_text(self.tr("Exchange"), self.tr(
            "Replacement items (code x quantity, separated by commas):"), default)
        if text is None:
            return
        try:
            items = parse_exchange(text)
        except ValueError as exc:
            self._bad(str(exc))
            return
        self._resolve("exchange", exchange=items)

    def edit_policy(self) -> None:
        from app.ui.dialogs.return_policy import ReturnPolicyDialog  # only when asked

        ReturnPolicyDialog(self.db, self.actor, self).exec()


def parse_exchange(text: str) -> list[ExchangeItem]:
    """``"TEE-01 x2, MUG-01"`` → items; a clear message for anything else."""
    items: list[ExchangeItem] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        code, _, qty = part.replace("×", "x").rpartition(" x")
        if not code:
            code, qty = part, "1"
        try:
            n = int(qty.strip())
        except ValueError:
            raise ValueError(_t("'{0}': write the code, then x and a whole number.")
                             .format(part)) from None
        if n <= 0:
            raise ValueError(_t("'{0}': the quantity must be above 0.").format(part))
        items.append(ExchangeItem(code.strip(), n))
    if not items:
        raise ValueError(_t("Name at least one replacement item."))
    return items
