"""Order entry at the counter: customer, lines by typing or scanning, totals, confirm.

Every change goes through app.services.orders / pricing with the version this view
loaded; the returned OrderView is what is shown (totals are never computed here).
Beside the lines: why the selected line costs what it does (PriceExplanation), coupons
(with the reason when one does not apply), the pricing hints ("spend 12 more …"), a
manual line discount (a manager approves above the clerk's limit) and the order's margin.
Confirming runs off the UI thread; a credit refusal asks for a manager's override and a
shortage asks what to do with each short line (AllocationDialog).
"""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain import pricing as pricing_rules
from app.domain.allocation import LineChoice
from app.domain.order_status import EDITABLE_STATUSES
from app.domain.roles import Permission, may
from app.domain.scan import Scan, ScanKind, classify
from app.services import allocation, catalog, orders, pricing, profit
from app.services.allocation import ShortLine
from app.services.context import Actor
from app.services.errors import (
    ConcurrentChange,
    InsufficientStock,
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from app.services.orders import OrderView
from app.services.profit import MarginPreview
from app.services.receivables import CreditRefused
from app.ui.dialogs.allocation import AllocationDialog
from app.ui.dialogs.approval import ManagerApprovalDialog
from app.ui.dialogs.credit_override import confirm_with_credit_control
from app.ui.dialogs.customer import CustomerSearchDialog
from app.ui.format import money, status_label
from app.ui.models.order_lines import COL_NAME, COL_QTY, OrderLinesModel
from app.ui.views.message_bar import MessageBar
from app.ui.widgets.price_explanation import PriceExplanation
from app.ui.worker import run_in_thread

logger = logging.getLogger(__name__)

PRODUCT_SCANS = {ScanKind.EAN13, ScanKind.UPCA, ScanKind.EAN8, ScanKind.GTIN14, ScanKind.SKU,
                 ScanKind.GS1}


def code_candidates(scan: Scan) -> list[str]:
    """The strings a product may be stored under for this scan (as scanned, GTIN-14,
    EAN-13 without the GTIN-14 padding, UPC-A)."""
    out: list[str] = []
    for value in (scan.code, scan.gtin):
        if value and value not in out:
            out.append(value)
    gtin = scan.gtin or ""
    for cut in (1, 2, 6):
        if len(gtin) == 14 and gtin[:cut] == "0" * cut and gtin[cut:] not in out:
            out.append(gtin[cut:])
    return out


class OrderEntryView(QWidget):
    order_changed = Signal(int)  # order id, after any saved change
    status_message = Signal(str)
    confirm_finished = Signal(bool)  # True when the order was confirmed
    extras_loaded = Signal()  # coupons, hints and margin shown for the current order

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.order: OrderView | None = None
        self.confirming = False
        self._extras_seq = 0
        self.summary: pricing.PricingSummary | None = None
        self.margin: MarginPreview | None = None

        # header: number, status, customer
        self.number_label = QLabel()
        self.number_label.setObjectName("order_number")
        self.number_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.status_label = QLabel()
        self.status_label.setObjectName("order_status")
        self.new_button = QPushButton(self.tr("&New order (F2)"))
        self.new_button.setObjectName("new_order")
        self.new_button.clicked.connect(self.new_order)
        head = QHBoxLayout()
        head.addWidget(self.number_label)
        head.addWidget(self.status_label)
        head.addStretch(1)
        head.addWidget(self.new_button)

        customer_box = QGroupBox(self.tr("Customer"))
        self.customer_label = QLabel()
        self.customer_label.setObjectName("customer_label")
        self.customer_label.setWordWrap(True)
        self.customer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.customer_button = QPushButton(self.tr("&Choose customer… (F4)"))
        self.customer_button.setObjectName("choose_customer")
        self.customer_button.clicked.connect(self.choose_customer)
        customer_row = QHBoxLayout(customer_box)
        customer_row.addWidget(self.customer_label, 1)
        customer_row.addWidget(self.customer_button, 0, Qt.AlignmentFlag.AlignTop)

        # adding lines
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("code_edit")
        self.code_edit.setPlaceholderText(self.tr("Type or scan an SKU or barcode, then Enter"))
        self.code_edit.returnPressed.connect(self.add_typed_code)
        self.qty_spin = QSpinBox()
        self.qty_spin.setObjectName("qty_spin")
        self.qty_spin.setRange(1, orders.MAX_LINE_QUANTITY)
        self.add_button = QPushButton(self.tr("&Add"))
        self.add_button.clicked.connect(self.add_typed_code)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("&Product:"), buddy=self.code_edit))
        add_row.addWidget(self.code_edit, 1)
        add_row.addWidget(QLabel(self.tr("Q&ty:"), buddy=self.qty_spin))
        add_row.addWidget(self.qty_spin)
        add_row.addWidget(self.add_button)

        self.lines_model = OrderLinesModel(self)
        self.lines_model.quantity_edited.connect(self.change_quantity)
        self.lines_table = QTableView()
        self.lines_table.setObjectName("lines_table")
        self.lines_table.setModel(self.lines_model)
        self.lines_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.lines_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.lines_table.setEditTriggers(QTableView.EditTrigger.DoubleClicked
                                         | QTableView.EditTrigger.EditKeyPressed)
        self.lines_table.verticalHeader().hide()
        self.lines_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.lines_table.verticalHeader().setDefaultSectionSize(
            self.lines_table.fontMetrics().height() + 10)
        self.lines_table.setAlternatingRowColors(True)
        for column, width in enumerate((40, 130, 320, 70, 110, 120)):
            self.lines_table.setColumnWidth(column, width)
        self.lines_table.horizontalHeader().setSectionResizeMode(
            COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.lines_table.installEventFilter(self)
        hint = QLabel(self.tr("Lines: Delete removes, + / − change the quantity, "
                              "Enter edits it."))
        hint.setStyleSheet("color: #666;")
        self.lines_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_explanation(current.row()))

        # beside the lines: price explanation, line discount, coupons, hints, margin
        price_box = QGroupBox(self.tr("Price of the selected line"))
        self.explanation = PriceExplanation(price_box)
        self.explanation.setObjectName("price_explanation")
        steps_header = self.explanation.table.horizontalHeader()
        for column in (1, 2):  # a handful of rows: fitting the numbers is cheap here
            steps_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.explanation.table.setWordWrap(True)
        self.explanation.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.discount_button = QPushButton(self.tr("Line &discount…"))
        self.discount_button.setObjectName("line_discount")
        self.discount_button.clicked.connect(self.discount_selected_line)
        price_layout = QVBoxLayout(price_box)
        price_layout.addWidget(self.explanation)
        price_layout.addWidget(self.discount_button, 0, Qt.AlignmentFlag.AlignRight)

        coupon_box = QGroupBox(self.tr("Coupons"))
        self.coupon_edit = QLineEdit()
        self.coupon_edit.setObjectName("coupon_edit")
        self.coupon_edit.setPlaceholderText(self.tr("Coupon code"))
        self.coupon_edit.returnPressed.connect(self.apply_coupon)
        self.coupon_button = QPushButton(self.tr("Appl&y"))
        self.coupon_button.setObjectName("apply_coupon")
        self.coupon_button.clicked.connect(self.apply_coupon)
        self.coupon_list = QListWidget()
        self.coupon_list.setObjectName("coupon_list")
        self.coupon_list.setMaximumHeight(56)
        self.remove_coupon_button = QPushButton(self.tr("Remove coupon"))
        self.remove_coupon_button.setObjectName("remove_coupon")
        self.remove_coupon_button.clicked.connect(self.remove_selected_coupon)
        coupon_row = QHBoxLayout()
        coupon_row.addWidget(self.coupon_edit, 1)
        coupon_row.addWidget(self.coupon_button)
        coupon_layout = QVBoxLayout(coupon_box)
        coupon_layout.addLayout(coupon_row)
        coupon_layout.addWidget(self.coupon_list)
        coupon_layout.addWidget(self.remove_coupon_button, 0, Qt.AlignmentFlag.AlignRight)

        self.hints_label = QLabel()
        self.hints_label.setObjectName("pricing_hints")
        self.hints_label.setWordWrap(True)
        self.hints_label.setStyleSheet(
            "background: #e8f0fe; color: #174ea6; padding: 6px; border-radius: 4px;")
        self.hints_label.hide()
        self.margin_label = QLabel()
        self.margin_label.setObjectName("margin_label")
        self.margin_label.setWordWrap(True)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(price_box, 1)
        side.addWidget(coupon_box)
        side.addWidget(self.hints_label)
        side.addWidget(self.margin_label)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(380)
        side_widget.setMaximumWidth(460)
        middle = QHBoxLayout()
        middle.addWidget(self.lines_table, 1)
        middle.addWidget(side_widget)

        # totals and actions
        self.subtotal_label, self.discount_label = QLabel(), QLabel()
        self.shipping_label, self.total_label = QLabel(), QLabel()
        self.total_label.setObjectName("total_label")
        self.total_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        totals = QFormLayout()
        totals.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for label in (self.subtotal_label, self.discount_label, self.shipping_label,
                      self.total_label):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setMinimumWidth(140)
        totals.addRow(self.tr("Subtotal:"), self.subtotal_label)
        totals.addRow(self.tr("Discount:"), self.discount_label)
        totals.addRow(self.tr("Shipping:"), self.shipping_label)
        totals.addRow(self.tr("Total:"), self.total_label)
        self.cancel_button = QPushButton(self.tr("Cancel order…"))
        self.cancel_button.setObjectName("cancel_order")
        self.cancel_button.clicked.connect(self.cancel_order)
        self.confirm_button = QPushButton(self.tr("C&onfirm (Ctrl+Enter)"))
        self.confirm_button.setObjectName("confirm_order")
        self.confirm_button.setStyleSheet("font-weight: bold; padding: 6px 16px;")
        self.confirm_button.clicked.connect(self.confirm)
        actions = QVBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.confirm_button)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1, Qt.AlignmentFlag.AlignTop)
        bottom.addLayout(totals)
        bottom.addSpacing(20)
        bottom.addLayout(actions)

        self.message_bar = MessageBar(self)
        self.message_bar.reload_requested.connect(self.reload)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.message_bar)
        layout.addWidget(customer_box)
        layout.addLayout(add_row)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.confirm,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("F4"), self, self.choose_customer,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setTabOrder(self.code_edit, self.qty_spin)
        self.setTabOrder(self.qty_spin, self.add_button)
        self.setTabOrder(self.add_button, self.lines_table)
        self.setTabOrder(self.lines_table, self.confirm_button)
        self.setTabOrder(self.confirm_button, self.cancel_button)
        self.setTabOrder(self.cancel_button, self.customer_button)
        self.setTabOrder(self.customer_button, self.new_button)
        self.setFocusProxy(self.code_edit)
        self._show(None)

    # ------------------------------------------------------------------ showing
    def _show(self, order: OrderView | None) -> None:
        self.order = order
        editable = order is None or order.status in EDITABLE_STATUSES
        if order is None:
            self.number_label.setText(self.tr("New order"))
            self.status_label.setText(self.tr("(not saved yet: add a customer or a line)"))
            self.customer_label.setText(self.tr("No customer chosen."))
            self.lines_model.set_lines([], "CNY", True)
            currency = "CNY"
            values = ("0", "0", "0", "0")
        else:
            self.number_label.setText(order.number)
            self.status_label.setText(status_label(order.status))
            currency = order.currency
            a = order.address
            address = " ".join(p for p in (a.province, a.city, a.district, a.street, a.postcode)
                               if p)
            who = order.customer_name or self.tr("No customer chosen.")
            parts = [f"<b>{who}</b>", order.phone, order.email]
            text = "  ·  ".join(p for p in parts if p)
            if address:
                text += "<br>" + address
            self.customer_label.setText(text)
            self.lines_model.set_lines(order.lines, currency, editable)
            values = (order.subtotal, -order.discount if order.discount else 0, order.shipping,
                      order.total)
        for label, value in zip((self.subtotal_label, self.discount_label, self.shipping_label,
                                 self.total_label), values, strict=True):
            label.setText(money(value, currency))  # type: ignore[arg-type]
        for w in (self.code_edit, self.qty_spin, self.add_button, self.customer_button):
            w.setEnabled(editable)
        has_lines = order is not None and bool(order.lines)
        for w in (self.coupon_edit, self.coupon_button, self.remove_coupon_button,
                  self.discount_button):
            w.setEnabled(editable and order is not None)
        self.confirm_button.setEnabled(editable and has_lines and not self.confirming
                                       and may(self.actor.role, Permission.CONFIRM_ORDERS))
        self.cancel_button.setEnabled(order is not None and order.status not in
                                      ("cancelled", "shipped", "delivered", "returned")
                                      and may(self.actor.role, Permission.CANCEL_ORDERS))
        self._show_explanation(self.lines_table.currentIndex().row())
        self._load_extras()

    def _show_explanation(self, row: int) -> None:
        line = self.lines_model.line_at(row) if row >= 0 else None
        currency = self.order.currency if self.order is not None else "CNY"
        if line is None or not line.price_explanation:
            self.explanation.show_steps([], currency)
        else:
            self.explanation.show_json(line.price_explanation, currency)

    @property
    def sees_margin(self) -> bool:
        return may(self.actor.role, Permission.APPROVE) or may(self.actor.role,
                                                               Permission.FINANCE)

    def _load_extras(self) -> None:
        """Coupons, hints and margin of the order on screen, read off the UI thread."""
        order = self.order
        self._extras_seq += 1
        seq = self._extras_seq
        if order is None:
            self.summary, self.margin = None, None
            self._show_extras()
            return
        db, want_margin = self.db, self.sees_margin

        def read() -> tuple[pricing.PricingSummary, MarginPreview | None]:
            summary = pricing.order_summary(db, order.id)
            margin = profit.order_margin(db, order.id) if want_margin and order.lines else None
            return summary, margin

        def shown(result: tuple[pricing.PricingSummary, MarginPreview | None]) -> None:
            if seq != self._extras_seq:
                return  # an older read: a newer one is on its way
            self.summary, self.margin = result
            self._show_extras()

        run_in_thread(read, shown, lambda exc: logger.warning("extras not loaded: %s", exc))

    def _show_extras(self) -> None:
        summary, margin = self.summary, self.margin
        self.coupon_list.clear()
        problems = dict(summary.coupon_problems) if summary else {}
        for code in summary.coupons if summary else []:
            why = problems.get(code)
            text = code if why is None else self.tr("%1 — does not apply: %2").replace(
                "%1", code).replace("%2", why)
            self.coupon_list.addItem(text)
            if why is not None:
                self.coupon_list.item(self.coupon_list.count() - 1).setForeground(
                    Qt.GlobalColor.darkRed)
        hints = list(summary.hints) if summary else []
        self.hints_label.setText("<br>".join(f"💡 {h}" for h in hints))
        self.hints_label.setVisible(bool(hints))
        if margin is None or margin.margin_percent is None:
            self.margin_label.clear()
            self.margin_label.hide()
        else:
            currency = self.order.currency if self.order is not None else "CNY"
            text = self.tr("Margin: %1 % (cost %2 of %3)").replace(
                "%1", str(margin.margin_percent)).replace(
                "%2", money(margin.cost, currency)).replace("%3", money(margin.revenue, currency))
            if margin.warning:
                self.margin_label.setStyleSheet(
                    "background: #fdecea; color: #b00020; font-weight: bold; padding: 6px;")
                text += "<br>⚠ " + margin.warning
            else:
                self.margin_label.setStyleSheet("color: #1b5e20; padding: 6px;")
            self.margin_label.setText(text)
            self.margin_label.show()
        self.extras_loaded.emit()

    def info(self, text: str) -> None:
        self.message_bar.show_message(text, "info")
        self.status_message.emit(text)

    def error(self, text: str, reload: bool = False) -> None:
        self.message_bar.show_message(text, "error", reload=reload)
        QApplication.beep()

    def _service_failed(self, exc: ServiceError) -> None:
        if isinstance(exc, ConcurrentChange):
            self.error(self.tr("Someone else changed this order: %1").replace("%1", str(exc)),
                       reload=True)
        elif isinstance(exc, InsufficientStock):
            rows = [self.tr("%1: wanted %2, available %3").replace("%1", sku)
                    .replace("%2", str(w)).replace("%3", str(a))
                    for sku, (w, a) in exc.shortages.items()]
            self.error(self.tr("Not enough stock — nothing was reserved:") + "<br>• "
                       + "<br>• ".join(rows))
        elif isinstance(exc, PermissionDenied):
            self.error(self.tr("Not allowed: %1").replace("%1", str(exc)))
        elif isinstance(exc, (ValidationFailed, NotFound)):
            self.error(str(exc))
        else:
            self.error(str(exc))

    def _apply(self, order: OrderView, message: str = "") -> None:
        self._show(order)
        if message:
            self.info(message)
        else:
            self.message_bar.clear()
        self.order_changed.emit(order.id)

    # ------------------------------------------------------------------ actions
    def new_order(self) -> None:
        """Start a new, empty order (saved as a draft when the first thing is added)."""
        self._show(None)
        self.message_bar.clear()
        self.code_edit.clear()
        self.qty_spin.setValue(1)
        self.code_edit.setFocus()

    def load_order(self, order_id: int) -> None:
        try:
            order = orders.get_order(self.db, order_id)
        except ServiceError as exc:
            self._service_failed(exc)
            return
        self._show(order)
        self.message_bar.clear()
        self.code_edit.setFocus()

    def reload(self) -> None:
        if self.order is not None:
            self.load_order(self.order.id)

    def _ensure_draft(self, customer_id: int | None = None) -> OrderView | None:
        if self.order is not None:
            return self.order
        try:
            order = orders.create_draft(self.db, self.actor, customer_id=customer_id)
        except ServiceError as exc:
            self._service_failed(exc)
            return None
        self._show(order)
        self.order_changed.emit(order.id)
        return order

    def choose_customer(self) -> None:
        if self.order is not None and self.order.status not in EDITABLE_STATUSES:
            return
        dialog = CustomerSearchDialog(self.db, self.actor, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.customer_id is None:
            return
        self.set_customer(dialog.customer_id)

    def set_customer(self, customer_id: int) -> None:
        try:
            if self.order is None:
                order = orders.create_draft(self.db, self.actor, customer_id=customer_id)
            else:
                order = orders.update_header(self.db, self.actor, self.order.id,
                                             self.order.version, customer_id=customer_id)
        except ServiceError as exc:
            self._service_failed(exc)
            return
        self._apply(order)
        self.code_edit.setFocus()

    def add_typed_code(self) -> None:
        text = self.code_edit.text().strip()
        if not text:
            return
        if self.add_code(text, self.qty_spin.value()):
            self.code_edit.clear()
            self.qty_spin.setValue(1)
        else:
            self.code_edit.selectAll()
        self.code_edit.setFocus()

    def _resolve(self, candidates: list[str]) -> tuple[str, catalog.ProductMatch] | None:
        for code in candidates:
            match = catalog.lookup_product(self.db, code)
            if match is not None:
                return code, match
        return None

    def add_code(self, text: str, quantity: int = 1, scan: Scan | None = None) -> bool:
        """Add ``quantity`` of the product with this SKU or barcode. True if added."""
        scan = scan or classify(text)
        candidates = code_candidates(scan) if scan.kind in PRODUCT_SCANS else []
        found = self._resolve([*candidates, text])
        code = found[0] if found else text
        order = self._ensure_draft()
        if order is None:
            return False
        try:
            updated = orders.add_line(self.db, self.actor, order.id, order.version, code,
                                      quantity)
        except ServiceError as exc:
            self._service_failed(exc)
            return False
        self._apply(updated)
        row = self.lines_model.row_of_product(found[1].product_id) if found else -1
        if row >= 0:
            self.lines_table.selectRow(row)
            li = self.lines_model.line_at(row)
            if li is not None:
                self.status_message.emit(self.tr("%1 × %2 now on the order").replace(
                    "%1", str(li.quantity)).replace("%2", li.sku))
        return True

    def change_quantity(self, line_id: int, quantity: int) -> None:
        if self.order is None:
            return
        try:
            updated = orders.change_line(self.db, self.actor, self.order.id, self.order.version,
                                         line_id, quantity)
        except ServiceError as exc:
            self._service_failed(exc)
            return
        row = self.lines_table.currentIndex().row()
        self._apply(updated)
        if row >= 0:
            self.lines_table.selectRow(min(row, self.lines_model.rowCount() - 1))

    def remove_selected_line(self) -> None:
        line = self.lines_model.line_at(self.lines_table.currentIndex().row())
        if self.order is None or line is None:
            return
        row = self.lines_table.currentIndex().row()
        try:
            updated = orders.remove_line(self.db, self.actor, self.order.id, self.order.version,
                                         line.id)
        except ServiceError as exc:
            self._service_failed(exc)
            return
        self._apply(updated)
        if self.lines_model.rowCount():
            self.lines_table.selectRow(min(row, self.lines_model.rowCount() - 1))
        else:
            self.code_edit.setFocus()

    def step_selected_quantity(self, step: int) -> None:
        line = self.lines_model.line_at(self.lines_table.currentIndex().row())
        if line is None:
            return
        if line.quantity + step < 1:
            self.remove_selected_line()
            return
        self.change_quantity(line.id, line.quantity + step)

    # ------------------------------------------------------------------ pricing
    def apply_coupon(self) -> None:
        code = self.coupon_edit.text().strip()
        if not code:
            return
        order = self._ensure_draft()
        if order is None:
            return
        try:
            result = pricing.add_coupon(self.db, self.actor, order.id, order.version, code)
        except ServiceError as exc:
            self._service_failed(exc)
            self.coupon_edit.selectAll()
            return
        self.coupon_edit.clear()
        self.load_order(order.id)
        why = next((r for c, r in result.coupon_problems if c == code.upper()), None)
        if why is None:
            self.info(self.tr("Coupon %1 applied.").replace("%1", code.upper()))
        else:
            self.error(self.tr("Coupon %1 is on the order but does not apply: %2")
                       .replace("%1", code.upper()).replace("%2", why))

    def remove_selected_coupon(self) -> None:
        item = self.coupon_list.currentItem() or self.coupon_list.item(0)
        if self.order is None or item is None or self.summary is None:
            return
        code = self.summary.coupons[self.coupon_list.row(item)]
        try:
            pricing.remove_coupon(self.db, self.actor, self.order.id, self.order.version, code)
        except ServiceError as exc:
            self._service_failed(exc)
            return
        self.load_order(self.order.id)
        self.info(self.tr("Coupon %1 removed.").replace("%1", code))

    def ask_line_discount(self, sku: str, current: Decimal) -> tuple[Decimal, str] | None:
        """Percent and reason from the clerk (None if cancelled)."""
        percent, ok = QInputDialog.getDouble(
            self, self.tr("Line discount"),
            self.tr("Discount for %1 in %:").replace("%1", sku), float(current), 0, 100, 1)
        if not ok:
            return None
        reason, ok = QInputDialog.getText(self, self.tr("Line discount"),
                                          self.tr("Reason for the discount:"))
        if not ok:
            return None
        return Decimal(str(percent)).quantize(Decimal("0.1")), reason.strip()

    def ask_approval(self, percent: Decimal) -> Actor | None:
        """A manager logs in to approve a discount above the clerk's limit."""
        limit = pricing_rules.manual_discount_limit(self.actor.role)
        dialog = ManagerApprovalDialog(
            self.db, self.tr("%1 may give up to %2 % off; %3 % needs a manager's approval.")
            .replace("%1", self.actor.username).replace("%2", str(limit))
            .replace("%3", str(percent)), self.actor.workstation, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.approver

    def discount_selected_line(self) -> None:
        line = self.lines_model.line_at(self.lines_table.currentIndex().row())
        if self.order is None or line is None:
            self.error(self.tr("Select a line first."))
            return
        answer = self.ask_line_discount(line.sku, Decimal(0))
        if answer is None:
            return
        percent, reason = answer
        approver = None
        if pricing_rules.needs_approval(self.actor.role, percent):
            approver = self.ask_approval(percent)
            if approver is None:
                self.info(self.tr("No discount given: not approved."))
                return
        row = self.lines_table.currentIndex().row()
        try:
            pricing.set_line_discount(self.db, self.actor, self.order.id, self.order.version,
                                      line.id, percent, reason, approver)
        except ServiceError as exc:
            self._service_failed(exc)
            return
        self.load_order(self.order.id)
        self.lines_table.selectRow(row)
        self.info(self.tr("%1 % off %2.").replace("%1", str(percent)).replace("%2", line.sku))

    # ------------------------------------------------------------------ confirming
    def confirm(self) -> None:
        """Confirm off the UI thread; the answer (or the dialogs it needs) come after."""
        if self.order is None or self.confirming or not self.confirm_button.isEnabled():
            return
        self._confirm_with(None)

    def _set_confirming(self, busy: bool) -> None:
        self.confirming = busy
        self.confirm_button.setText(self.tr("Confirming…") if busy
                                    else self.tr("C&onfirm (Ctrl+Enter)"))
        if busy:
            self.confirm_button.setEnabled(False)
        else:
            self._show(self.order)

    def _confirm_with(self, choices: dict[int, LineChoice] | None) -> None:
        order = self.order
        assert order is not None
        db, actor = self.db, self.actor
        self._set_confirming(True)
        run_in_thread(
            lambda: orders.confirm(db, actor, order.id, order.version, choices=choices),
            self._confirmed, lambda exc: self._confirm_failed(exc, choices))

    def _confirmed(self, updated: OrderView) -> None:
        self.confirming = False
        self._set_confirming(False)
        self._apply(updated, self.tr("Order %1 confirmed: stock is reserved.").replace(
            "%1", updated.number))
        self.confirm_finished.emit(True)

    def ask_allocation(self, shortages: list[ShortLine]) -> dict[int, LineChoice] | None:
        """What to do with each short line (None if the clerk cancels)."""
        dialog = AllocationDialog(shortages, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choices()

    def _confirm_failed(self, exc: BaseException,
                        choices: dict[int, LineChoice] | None) -> None:
        self._set_confirming(False)
        order = self.order
        assert order is not None
        if isinstance(exc, CreditRefused):
            try:
                updated = confirm_with_credit_control(self, self.db, self.actor, order.id,
                                                      order.version, choices=choices)
            except ServiceError as again:
                exc = again
            else:
                if updated is None:
                    self.error(self.tr("Not confirmed: %1").replace("%1", str(exc)))
                    self.confirm_finished.emit(False)
                else:
                    self._confirmed(updated)
                return
        if isinstance(exc, InsufficientStock) and choices is None:
            try:
                short = allocation.shortages(self.db, order.id)
            except ServiceError as failed:
                self._service_failed(failed)
                self.confirm_finished.emit(False)
                return
            chosen = self.ask_allocation(short) if short else None
            if chosen is not None:
                self._confirm_with(chosen)
                return
        if isinstance(exc, ServiceError):
            self._service_failed(exc)
        else:
            self.error(self.tr("Could not confirm: %1").replace("%1", str(exc)))
        self.confirm_finished.emit(False)

    def cancel_order(self) -> None:
        if self.order is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Cancel order"),
            self.tr("Why is order %1 cancelled?").replace("%1", self.order.number))
        if not ok:
            return
        try:
            updated = orders.cancel(self.db, self.actor, self.order.id, self.order.version,
                                    reason)
        except ServiceError as exc:
            self._service_failed(exc)
            return
        self._apply(updated, self.tr("Order %1 cancelled.").replace("%1", updated.number))

    # ------------------------------------------------------------------ keys & scans
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.lines_table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            editing = self.lines_table.state() == QTableView.State.EditingState
            if not editing and self.lines_model.editable:
                if key == Qt.Key.Key_Delete:
                    self.remove_selected_line()
                    return True
                if key == Qt.Key.Key_Plus or event.text() == "+":
                    self.step_selected_quantity(1)
                    return True
                if key == Qt.Key.Key_Minus or event.text() == "-":
                    self.step_selected_quantity(-1)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.lines_table.edit(self.lines_model.index(
                        self.lines_table.currentIndex().row(), COL_QTY))
                    return True
        return super().eventFilter(watched, event)

    def handle_scan(self, scan: Scan) -> bool:
        """Product codes add a line (a case barcode adds its pack); an order number opens it."""
        if scan.kind is ScanKind.ORDER:
            order_id = orders.find_order_id(self.db, scan.code)
            if order_id is None:
                self.error(self.tr("No order %1.").replace("%1", scan.code))
            else:
                self.load_order(order_id)
            return True
        if scan.kind in PRODUCT_SCANS:
            if scan.kind is ScanKind.GS1 and not scan.gtin:
                return False
            self.add_code(scan.code, 1, scan)
            return True
        return False
