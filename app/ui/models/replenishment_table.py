"""What to buy: one row per product and warehouse (``allocation.replenishment``), and the
components open made-to-order work needs (``production.replenishment_list``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.services import allocation, production

Index = QModelIndex | QPersistentModelIndex

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class _RowsModel(QAbstractTableModel):
    """A read-only table over a list of rows; subclasses say the columns."""

    CONTEXT = ""
    HEADERS: tuple[str, ...] = ()
    FIELDS: tuple[str, ...] = ()
    NUMERIC: frozenset[int] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._headers = [QCoreApplication.translate(self.CONTEXT, h) for h in self.HEADERS]

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.FIELDS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(getattr(self._rows[index.row()], self.FIELDS[index.column()]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() in self.NUMERIC else _LEFT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return super().headerData(section, orientation, role)


class ReplenishmentTableModel(_RowsModel):
    """Rows of ``allocation.ReplenishmentRow``: backordered plus below the reorder point."""

    CONTEXT = "ReplenishmentTableModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("ReplenishmentTableModel", "SKU"),
        QT_TRANSLATE_NOOP("ReplenishmentTableModel", "Name"),
        QT_TRANSLATE_NOOP("ReplenishmentTableModel", "Warehouse"),
        QT_TRANSLATE_NOOP("ReplenishmentTableModel", "On hand"),
        QT_TRANSLATE_NOOP("ReplenishmentTableModel", "Reserved"),
        QT_TRANSLATE_NOOP("ReplenishmentTableModel", "Available"),
        QT_TRANSLATE_NOOP("ReplenishmentTableModel", "Reorder point"),
        QT_TRANSLATE_NOOP("ReplenishmentTableModel", "Backordered"),
        QT_TRANSLATE_NOOP("ReplenishmentTableModel", "To buy"),
    )
    FIELDS = ("sku", "name", "warehouse_code", "on_hand", "reserved", "available",
              "reorder_point", "backordered", "to_buy")
    NUMERIC = frozenset(range(3, 9))
    COL_TO_BUY = 8

    def row_at(self, row: int) -> allocation.ReplenishmentRow:
        result: allocation.ReplenishmentRow = self._rows[row]
        return result


class ComponentNeedsTableModel(_RowsModel):
    """Rows of ``production.ReplenishmentRow``: components open work orders lack."""

    CONTEXT = "ComponentNeedsTableModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("ComponentNeedsTableModel", "SKU"),
        QT_TRANSLATE_NOOP("ComponentNeedsTableModel", "Name"),
        QT_TRANSLATE_NOOP("ComponentNeedsTableModel", "Short for work orders"),
    )
    FIELDS = ("sku", "name", "short")
    NUMERIC = frozenset({2})

    def row_at(self, row: int) -> production.ReplenishmentRow:
        result: production.ReplenishmentRow = self._rows[row]
        return result
