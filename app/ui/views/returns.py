"""Returns view: the returns bench, driven by the scanner.

Scan an RMA number to open that return; then scan each item that came back (an item not
on the return turns the banner red and is recorded, not accepted). ``CMD:COMPLETE`` closes
receiving with what has arrived. A received line is inspected with the disposition buttons.
Scanning an order number or a parcel label lists what can be returned; pick quantities and
a reason and open a return. Open returns are listed oldest first with their age.
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
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.returns import Disposition, ReturnReason
from app.domain.scan import Scan, ScanKind
from app.services import returns
from app.services.context import Actor
from app.services.errors import ServiceError
from app.services.returns import ReturnableLine, ReturnRequest, ReturnRow, ReturnView
from app.ui.worker import run_in_thread

logger = logging.getLogger(__name__)

GREEN = "background:#1b7f3a;color:white;font-size:20px;padding:8px;"
RED = "background:#c00000;color:white;font-size:22px;font-weight:bold;padding:8px;"
GREY = "background:#444;color:white;font-size:18px;padding:8px;"
_ITEM_KINDS = {ScanKind.EAN13, ScanKind.UPCA, ScanKind.EAN8, ScanKind.GTIN14, ScanKind.GS1,
               ScanKind.SKU}


def _t(text: str) -> str:
    return QCoreApplication.translate("ReturnsView", text)


class OpenReturnsModel(QAbstractTableModel):
    """Open returns, oldest first."""

    COL_NUMBER, COL_STATUS, COL_CUSTOMER, COL_ORDERS, COL_UNITS, COL_AGE = range(6)
    HEADERS = ("RMA", "Status", "Customer", "Orders", "Units", "Age (days)")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ReturnRow] = []

    def set_rows(self, rows: list[ReturnRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _t(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        return (r.number, r.status, r.customer_name, r.orders, r.units,
                r.age_days)[index.column()]


class ReturnLinesModel(QAbstractTableModel):
    """The lines of the return on the bench: expected, received, disposition."""

    COL_SKU, COL_NAME, COL_ORDER, COL_REASON, COL_EXPECTED, COL_RECEIVED, COL_DISPOSITION = (
        range(7))
    HEADERS = ("SKU", "Item", "Order", "Reason", "Expected", "Received", "Disposition")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: ReturnView | None = None

    def set_view(self, view: ReturnView | None) -> None:
        self.beginResetModel()
        self.view = view
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() or self.view is None else len(self.view.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _t(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.view is None or not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        li = self.view.lines[index.row()]
        return (li.sku, li.name, li.order_number, li.reason, li.quantity, li.received_qty,
                li.disposition or "—")[index.column()]


@dataclass
class _Pick:
    line: ReturnableLine
    quantity: int = 0


class ReturnableModel(QAbstractTableModel):
    """What an order/parcel/customer can still return; the 'Return' column is editable."""

    COL_ORDER, COL_SKU, COL_NAME, COL_SHIPPED, COL_RETURNED, COL_RETURN = range(6)
    HEADERS = ("Order", "SKU", "Item", "Shipped", "Returned", "Return")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picks: list[_Pick] = []

    def set_lines(self, lines: list[ReturnableLine]) -> None:
        self.beginResetModel()
        self.picks = [_Pick(li) for li in lines]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.picks)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _t(self.HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() == self.COL_RETURN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.EditRole):
            return None
        p = self.picks[index.row()]
        return (p.line.order_number, p.line.sku, p.line.name, p.line.shipped, p.line.returned,
                p.quantity)[index.column()]

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

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(QLabel(self.tr("Return on the bench")))
        layout.addWidget(self.lines_table, 2)
        layout.addLayout(inspect_row)
        layout.addWidget(QLabel(self.tr("Can be returned")))
        layout.addWidget(self.returnable_table, 1)
        layout.addLayout(request_row)
        layout.addWidget(QLabel(self.tr("Open returns (oldest first)")))
        layout.addWidget(self.open_table, 2)
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
