"""What to buy: one row per product and warehouse (``allocation.replenishment``), and the
components open made-to-order work needs (``production.replenishment_list``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from app.services import allocation, production
from app.ui.models.rows import LEFT, RIGHT, RowsTableModel


class _FieldsModel(RowsTableModel[Any]):
    """Each column one attribute of the row (``FIELDS``), shown as text; ``NUMERIC`` columns
    right-aligned. ``rows()`` is a copy, as the CSV export wants."""

    ROW_NUMBERS = True
    FIELDS: tuple[str, ...] = ()
    NUMERIC: frozenset[int] = frozenset()

    def rows(self) -> list[Any]:  # type: ignore[override]  # a copy, like PagedTableModel.rows()
        return list(self._rows)

    def cell(self, row: Any, column: int) -> str:
        return str(getattr(row, self.FIELDS[column]))

    def alignment(self, column: int) -> Qt.AlignmentFlag:
        return RIGHT if column in self.NUMERIC else LEFT


class ReplenishmentTableModel(_FieldsModel):
    """Rows of ``allocation.ReplenishmentRow``: backordered plus below the reorder point."""

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


class ComponentNeedsTableModel(_FieldsModel):
    """Rows of ``production.ReplenishmentRow``: components open work orders lack."""

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
