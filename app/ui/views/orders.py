"""The order list: every order, newest first, searched and filtered in the database."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.order_status import OrderStatus
from app.domain.scan import Scan, ScanKind
from app.services import orders
from app.services.context import Actor
from app.ui.format import status_label
from app.ui.models.orders_table import COL_TOTAL, OrdersTableModel
from app.ui.views.table_setup import setup_big_table

SEARCH_DELAY_MS = 150
REFRESH_MARGIN = 20  # rows above and below the visible ones refreshed with them


class OrdersView(QWidget):
    """Double-click or Enter opens an order; scanning an order number opens it too."""

    open_order_requested = Signal(int)
    status_message = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("orders_search")
        self.search_edit.setPlaceholderText(self.tr("Search order number, customer or phone"))
        self.search_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("orders_status")
        self.status_combo.addItem(self.tr("All statuses"), "")
        for status in OrderStatus:
            self.status_combo.addItem(status_label(status.value), status.value)
        self.count_label = QLabel()
        self.count_label.setObjectName("orders_count")
        self.model = OrdersTableModel(db, parent=self)
        self.table = QTableView()
        self.table.setObjectName("orders_table")
        self.table.setModel(self.model)
        setup_big_table(self.table, (110, 140, 200, 160, 120, 100, 120))
        self.table.horizontalHeader().setSectionResizeMode(
            COL_TOTAL, self.table.horizontalHeader().ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.installEventFilter(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Find:"), buddy=self.search_edit))
        top.addWidget(self.search_edit, 3)
        top.addWidget(QLabel(self.tr("&Status:"), buddy=self.status_combo))
        top.addWidget(self.status_combo, 1)
        top.addWidget(self.count_label)
        self.timeline_button = QPushButton(self.tr("&Timeline…"))
        self.timeline_button.setObjectName("orders_timeline")
        self.timeline_button.setToolTip(self.tr("Status history and tracking (Ctrl+T)"))
        self.timeline_button.clicked.connect(self.open_timeline)
        QShortcut(QKeySequence("Ctrl+T"), self, activated=self.open_timeline)
        top.addWidget(self.timeline_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self._scroll_timer = QTimer(self)  # rows scrolled into view after a refresh
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(SEARCH_DELAY_MS)
        self._scroll_timer.timeout.connect(self._refresh_visible)
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._scrolled())
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.search_edit.returnPressed.connect(self._search_now)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.model.page_loaded.connect(lambda _n: self._update_count())
        self.model.refreshed.connect(lambda _n: self._update_count())
        self.model.load_failed.connect(self.status_message.emit)
        self.setTabOrder(self.search_edit, self.status_combo)
        self.setTabOrder(self.status_combo, self.table)
        self.apply_filter()

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.search_edit.text(), self.status_combo.currentData() or None)

    def refresh(self) -> None:
        """Someone changed orders: update the rows in place (scroll and selection stay)."""
        if self._timer.isActive():  # a search being typed: apply it (which reloads)
            self.apply_filter()
        else:
            self._refresh_visible()

    def _refresh_visible(self) -> None:
        """Only the rows on screen (and a few around) are re-read; the rest when scrolled to."""
        viewport = self.table.viewport()
        first = self.table.rowAt(0)
        last = self.table.rowAt(viewport.height() - 1)
        if first < 0:
            first, last = 0, None  # nothing laid out yet: everything loaded
        else:
            first = max(0, first - REFRESH_MARGIN)
            last = (self.model.rowCount() - 1 if last < 0 else last) + REFRESH_MARGIN
        self.model.refresh(first, last)

    def _scrolled(self) -> None:
        if self.model.stale:
            self._scroll_timer.start()

    def _search_now(self) -> None:
        self.apply_filter()
        self.table.setFocus()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        more = "+" if self.model.has_more() else ""
        self.count_label.setText(self.tr("Orders: %1").replace("%1", f"{n:,}{more}"))
        if self.table.currentIndex().row() < 0 and n:
            self.table.selectRow(0)

    def _open_row(self, row: int) -> None:
        order = self.model.row_at(row)
        if order is not None:
            self.open_order_requested.emit(order.id)

    def open_timeline(self) -> None:
        """The selected order's status history and tracking, with its allowed moves."""
        from app.ui.dialogs.order_timeline import OrderTimelineDialog

        order = self.model.row_at(self.table.currentIndex().row())
        if order is None:
            self.status_message.emit(self.tr("Select an order first."))
            return
        OrderTimelineDialog(self.db, self.actor, order.id, parent=self).exec()
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_row(self.table.currentIndex().row())
                return True
        return super().eventFilter(watched, event)

    def handle_scan(self, scan: Scan) -> bool:
        """An order number opens that order; anything else is not for this view."""
        if scan.kind is not ScanKind.ORDER:
            return False
        order_id = orders.find_order_id(self.db, scan.code)
        if order_id is None:
            self.status_message.emit(self.tr("No order %1.").replace("%1", scan.code))
            return True
        self.open_order_requested.emit(order_id)
        return True
