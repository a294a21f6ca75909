"""The order list: newest first, paged by orders.id, filtered in the database."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt

from app.db.engine import Database
from app.db.queries import PAGE_SIZE, OrderRow, list_orders
from app.ui.format import local_time, money, status_label
from app.ui.models.paged import PagedTableModel

COL_NUMBER, COL_DATE, COL_CUSTOMER, COL_PHONE, COL_STATUS, COL_CHANNEL, COL_TOTAL = range(7)
_HEADERS = (
    QT_TRANSLATE_NOOP("OrdersTableModel", "Number"),
    QT_TRANSLATE_NOOP("OrdersTableModel", "Date"),
    QT_TRANSLATE_NOOP("OrdersTableModel", "Customer"),
    QT_TRANSLATE_NOOP("OrdersTableModel", "Phone"),
    QT_TRANSLATE_NOOP("OrdersTableModel", "Status"),
    QT_TRANSLATE_NOOP("OrdersTableModel", "Channel"),
    QT_TRANSLATE_NOOP("OrdersTableModel", "Total"),
)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class OrdersTableModel(PagedTableModel[OrderRow]):
    def __init__(self, db: Database, page_size: int = PAGE_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(page_size, parent)
        self._db = db
        self._search = ""
        self._status: str | None = None
        self._headers = [QCoreApplication.translate("OrdersTableModel", h) for h in _HEADERS]

    def set_filter(self, search: str, status: str | None) -> None:
        self._search, self._status = search.strip(), status or None
        self.reload()

    def headers(self) -> Sequence[str]:
        return self._headers

    def page_fetcher(self, after: OrderRow | None) -> Callable[[], list[OrderRow]]:
        db, search, status, limit = self._db, self._search, self._status, self.page_size
        before_id = after.id if after is not None else None

        def fetch() -> list[OrderRow]:
            with db.reader() as s:
                return list_orders(s, search=search, status=status, before_id=before_id,
                                   limit=limit)
        return fetch

    def window_fetcher(self, rows: Sequence[OrderRow], limit: int, open_top: bool
                       ) -> Callable[[], list[OrderRow]]:
        """Every order matching the filter from rows[0] (or the newest) to rows[-1]."""
        db, search, status, lowest = self._db, self._search, self._status, rows[-1].id
        below = None if open_top else rows[0].id + 1

        def fetch() -> list[OrderRow]:
            with db.reader() as s:
                return list_orders(s, search=search, status=status, before_id=below,
                                   from_id=lowest, limit=limit)
        return fetch

    def row_key(self, row: OrderRow) -> Hashable:
        return row.id

    def shown_before(self, a: OrderRow, b: OrderRow) -> bool:
        return a.id > b.id  # newest first

    def display(self, row: OrderRow, column: int) -> str:
        if column == COL_NUMBER:
            return row.number
        if column == COL_DATE:
            return local_time(row.created_at)
        if column == COL_CUSTOMER:
            return row.customer_name
        if column == COL_PHONE:
            return row.phone
        if column == COL_STATUS:
            return status_label(row.status)
        if column == COL_CHANNEL:
            return row.channel
        if column == COL_TOTAL:
            return money(row.total, row.currency)
        return ""

    def alignment(self, column: int) -> Qt.AlignmentFlag:
        return _RIGHT if column == COL_TOTAL else _LEFT
