"""The lines of the order being entered; quantity is editable in place."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.services.orders import LineView
from app.ui.format import money

Index = QModelIndex | QPersistentModelIndex
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


class OrderLinesModel(QAbstractTableModel):
    """Shows what the service returned; an edited quantity is only a request
    (``quantity_edited``) until the service's answer replaces the lines."""

    quantity_edited = Signal(int, int)  # line id, new quantity

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[LineView] = []
        self.currency = "CNY"
        self.editable = True
        self._headers = [QCoreApplication.translate("OrderLinesModel", h) for h in _HEADERS]

    def set_lines(self, lines: list[LineView], currency: str, editable: bool) -> None:
        self.beginResetModel()
        self._lines, self.currency, self.editable = list(lines), currency, editable
        self.endResetModel()

    def line_at(self, row: int) -> LineView | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of_product(self, product_id: int) -> int:
        return next((i for i, li in enumerate(self._lines) if li.product_id == product_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._align(section))
        return None

    @staticmethod
    def _align(column: int) -> Qt.AlignmentFlag:
        horizontal = Qt.AlignmentFlag.AlignRight if column in _RIGHT else Qt.AlignmentFlag.AlignLeft
        return horizontal | Qt.AlignmentFlag.AlignVCenter

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line_at(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {COL_NO: str(line.line_no), COL_SKU: line.sku, COL_NAME: line.name,
                    COL_QTY: str(line.quantity), COL_PRICE: money(line.unit_price, self.currency),
                    COL_TOTAL: money(line.line_total, self.currency)}.get(column)
        if role == Qt.ItemDataRole.EditRole and column == COL_QTY:
            return line.quantity
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._align(column))
        return None

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
