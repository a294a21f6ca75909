"""The lines of the order being entered; quantity is editable in place."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal

from app.services.orders import LineView
from app.ui.format import money
from app.ui.models.rows import LEFT, RIGHT, Index, RowsTableModel

COL_NO, COL_SKU, COL_NAME, COL_QTY, COL_PRICE, COL_TOTAL = range(6)
_HEADERS = (
    QT_TRANSLATE_NOOP("OrderLinesModel", "#"),
    QT_TRANSLATE_NOOP("OrderLinesModel", "SKU"),
    QT_TRANSLATE_NOOP("OrderLinesModel", "Name"),
    QT_TRANSLATE_NOOP("OrderLinesModel", "Qty"),
    QT_TRANSLATE_NOOP("OrderLinesModel", "Unit price"),
    QT_TRANSLATE_NOOP("OrderLinesModel", "Line total"),
)
_RIGHT = {COL_NO, COL_QTY, COL_PRICE, COL_TOTAL}


class OrderLinesModel(RowsTableModel[LineView]):
    """Shows what the service returned; an edited quantity is only a request
    (``quantity_edited``) until the service's answer replaces the lines."""

    quantity_edited = Signal(int, int)  # line id, new quantity
    HEADERS = _HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.currency = "CNY"
        self.editable = True

    def set_lines(self, lines: list[LineView], currency: str, editable: bool) -> None:
        self.currency, self.editable = currency, editable
        self.set_rows(lines)

    def line_at(self, row: int) -> LineView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_product(self, product_id: int) -> int:
        return self.find(lambda li: li.product_id == product_id)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(section)  # headers line up with their numbers
        return super().headerData(section, orientation, role)

    def alignment(self, column: int) -> int:
        return int(RIGHT if column in _RIGHT else LEFT)

    def cell(self, line: LineView, column: int) -> str | None:
        return {COL_NO: str(line.line_no), COL_SKU: line.sku, COL_NAME: line.name,
                COL_QTY: str(line.quantity), COL_PRICE: money(line.unit_price, self.currency),
                COL_TOTAL: money(line.line_total, self.currency)}.get(column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole:  # the quantity editor starts from the number
            line = self.line_at(index.row()) if index.isValid() else None
            return line.quantity if line is not None and index.column() == COL_QTY else None
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == COL_QTY and self.editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        line = self.line_at(index.row()) if index.isValid() else None
        if line is None or role != Qt.ItemDataRole.EditRole or index.column() != COL_QTY:
            return False
        try:
            quantity = int(value)
        except (TypeError, ValueError):
            return False
        if quantity != line.quantity:
            self.quantity_edited.emit(line.id, quantity)
        return True
