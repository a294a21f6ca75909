"""Products with stock (on hand, reserved, available), paged by SKU."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.db.engine import Database
from app.db.queries import PAGE_SIZE, ProductRow, list_products
from app.ui.format import money
from app.ui.models.paged import Index, PagedTableModel

COL_SKU, COL_NAME, COL_SPEC, COL_PRICE, COL_ON_HAND, COL_RESERVED, COL_AVAILABLE = range(7)
_HEADERS = (
    QT_TRANSLATE_NOOP("ProductsTableModel", "SKU"),
    QT_TRANSLATE_NOOP("ProductsTableModel", "Name"),
    QT_TRANSLATE_NOOP("ProductsTableModel", "Specification"),
    QT_TRANSLATE_NOOP("ProductsTableModel", "Price"),
    QT_TRANSLATE_NOOP("ProductsTableModel", "On hand"),
    QT_TRANSLATE_NOOP("ProductsTableModel", "Reserved"),
    QT_TRANSLATE_NOOP("ProductsTableModel", "Available"),
)
_NUMERIC = {COL_PRICE, COL_ON_HAND, COL_RESERVED, COL_AVAILABLE}


class ProductsTableModel(PagedTableModel[ProductRow]):
    def __init__(self, db: Database, page_size: int = PAGE_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(page_size, parent)
        self._db = db
        self._search = ""
        self._headers = [QCoreApplication.translate("ProductsTableModel", h) for h in _HEADERS]

    def set_search(self, search: str) -> None:
        self._search = search.strip()
        self.reload()

    def headers(self) -> Sequence[str]:
        return self._headers

    def page_fetcher(self, after: ProductRow | None) -> Callable[[], list[ProductRow]]:
        db, search, limit = self._db, self._search, self.page_size
        after_sku = after.sku if after is not None else None

        def fetch() -> list[ProductRow]:
            with db.reader() as s:
                return list_products(s, search=search, after_sku=after_sku, limit=limit)
        return fetch

    def display(self, row: ProductRow, column: int) -> str:
        values = {
            COL_SKU: row.sku, COL_NAME: row.name, COL_SPEC: row.specification,
            COL_PRICE: money(row.list_price), COL_ON_HAND: str(row.on_hand),
            COL_RESERVED: str(row.reserved), COL_AVAILABLE: str(row.available),
        }
        return values.get(column, "")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_AVAILABLE:
            row = self.row_at(index.row())
            if row is not None and row.available <= 0:
                return QBrush(QColor("#c62828"))
        return super().data(index, role)

    def alignment(self, column: int) -> Qt.AlignmentFlag:
        if column in _NUMERIC:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return super().alignment(column)

    def find_product(self, product_id: int) -> int:
        """Row number of a loaded product, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == product_id), -1)
