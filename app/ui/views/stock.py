"""Stock: products with on hand, reserved and available; search or scan to find one;
receive and adjust (with a reason) for the roles that may."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Warehouse
from app.db.queries import ProductRow, product_row
from app.domain.roles import Permission, may
from app.domain.scan import Scan
from app.services import catalog
from app.services.context import Actor
from app.ui.dialogs.stock import AdjustDialog, ReceiveDialog
from app.ui.models.products_table import COL_NAME, ProductsTableModel
from app.ui.views.order_entry import PRODUCT_SCANS, code_candidates
from app.ui.views.table_setup import setup_big_table
from app.ui.worker import run_in_thread

SEARCH_DELAY_MS = 150


class StockView(QWidget):
    status_message = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._select_after_load: int | None = None
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("stock_search")
        self.search_edit.setPlaceholderText(self.tr("Search SKU, name or barcode"))
        self.search_edit.setClearButtonEnabled(True)
        self.receive_button = QPushButton(self.tr("&Receive…"))
        self.receive_button.setObjectName("receive_stock")
        self.receive_button.clicked.connect(self.receive_selected)
        self.adjust_button = QPushButton(self.tr("A&djust…"))
        self.adjust_button.setObjectName("adjust_stock")
        self.adjust_button.clicked.connect(self.adjust_selected)
        self.receive_button.setVisible(may(actor.role, Permission.RECEIVE_STOCK))
        self.adjust_button.setVisible(may(actor.role, Permission.ADJUST_STOCK))
        self.count_label = QLabel()
        self.model = ProductsTableModel(db, parent=self)
        self.table = QTableView()
        self.table.setObjectName("stock_table")
        self.table.setModel(self.model)
        setup_big_table(self.table, (130, 260, 180, 100, 90, 90, 90))
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Find:"), buddy=self.search_edit))
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.receive_button)
        top.addWidget(self.adjust_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.search_edit.returnPressed.connect(self._search_now)
        self.model.page_loaded.connect(lambda _n: self._page_loaded())
        self.model.load_failed.connect(self.status_message.emit)
        self.setTabOrder(self.search_edit, self.table)
        self._warehouse_id: int | None = None
        self.apply_filter()

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_search(self.search_edit.text())

    def refresh(self) -> None:
        self.apply_filter()

    def _search_now(self) -> None:
        self.apply_filter()
        self.table.setFocus()

    def _page_loaded(self) -> None:
        n = self.model.rowCount()
        more = "+" if self.model.has_more() else ""
        self.count_label.setText(self.tr("Products: %1").replace("%1", f"{n:,}{more}"))
        if self._select_after_load is not None:
            row = self.model.find_product(self._select_after_load)
            if row >= 0:
                self._select_after_load = None
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
        elif self.table.currentIndex().row() < 0 and n:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.receive_button.setEnabled(has)
        self.adjust_button.setEnabled(has)

    def selected(self) -> ProductRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def select_product(self, product_id: int, sku: str) -> None:
        """Show this product: select it if loaded, else search for its SKU."""
        row = self.model.find_product(product_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            return
        self._select_after_load = product_id
        self.search_edit.blockSignals(True)
        self.search_edit.setText(sku)
        self.search_edit.blockSignals(False)
        self.apply_filter()

    def warehouse_id(self) -> int:
        if self._warehouse_id is None:
            with self.db.reader() as s:
                self._warehouse_id = s.scalar(select(Warehouse.id).order_by(Warehouse.id)
                                              .limit(1))
        if self._warehouse_id is None:
            raise LookupError("no warehouse")
        return self._warehouse_id

    def receive_selected(self) -> None:
        product = self.selected()
        if product is None or not may(self.actor.role, Permission.RECEIVE_STOCK):
            return
        dialog = ReceiveDialog(self.db, self.actor, product, self.warehouse_id(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh_product(product.id)

    def adjust_selected(self) -> None:
        product = self.selected()
        if product is None or not may(self.actor.role, Permission.ADJUST_STOCK):
            return
        dialog = AdjustDialog(self.db, self.actor, product, self.warehouse_id(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh_product(product.id)

    def refresh_product(self, product_id: int) -> None:
        """Re-read one product's stock (after receiving, adjusting or an order elsewhere)."""
        db = self.db

        def fetch() -> ProductRow | None:
            with db.reader() as s:
                return product_row(s, product_id)

        def show(row: ProductRow | None) -> None:
            number = self.model.find_product(product_id)
            if row is not None and number >= 0:
                self.model.replace_row(number, row)

        run_in_thread(fetch, show)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if may(self.actor.role, Permission.RECEIVE_STOCK):
                    self.receive_selected()
                return True
        return super().eventFilter(watched, event)

    def handle_scan(self, scan: Scan) -> bool:
        if scan.kind not in PRODUCT_SCANS:
            return False
        for code in code_candidates(scan):
            match = catalog.lookup_product(self.db, code)
            if match is not None:
                self.select_product(match.product_id, match.sku)
                self.status_message.emit(f"{match.sku} — {match.name}")
                return True
        self.status_message.emit(self.tr("No product has the code %1.").replace("%1", scan.code))
        return True
