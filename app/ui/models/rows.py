"""The one read-only table model over a list of rows: a subclass names its columns
(``HEADERS``) and says what a cell shows (``cell``); alignment and colours are optional hooks.

Headers are translated in the subclass's own context (its class name, or ``TR_CONTEXT``),
so the catalogue's entries keep matching when a model moves onto this base."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    """Rows given whole by ``set_rows``; one row per list item, one column per header."""

    HEADERS: tuple[object, ...] = ()  # str; QT_TRANSLATE_NOOP is typed as returning object
    TR_CONTEXT = ""  # the translation context of HEADERS; empty: the class's name
    ROW_NUMBERS = False  # vertical header: Qt's 1, 2, 3… instead of blank sections

    def __init__(self, parent: QObject | None = None,
                 headers: Sequence[str] | None = None) -> None:
        """``headers``: fixed header texts, already translated by the caller (else HEADERS)."""
        super().__init__(parent)
        self._rows: list[Row] = []
        self._fixed_headers = list(headers) if headers is not None else None

    # ------------------------------------------------------------------ the rows
    @property
    def rows(self) -> list[Row]:
        return self._rows

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def find(self, predicate: Callable[[Row], bool]) -> int:
        """The number of the first row ``predicate`` accepts, or -1."""
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    # ------------------------------------------------------------------ hooks
    def headers(self) -> Sequence[str]:
        if self._fixed_headers is not None:
            return self._fixed_headers
        context = self.TR_CONTEXT or type(self).__name__
        return [QCoreApplication.translate(context, str(h)) for h in self.HEADERS]

    def cell(self, row: Row, column: int) -> Any:
        """What the cell shows (DisplayRole)."""
        raise NotImplementedError

    def alignment(self, column: int) -> Qt.AlignmentFlag | int | None:
        return None

    def background(self, row: Row, column: int) -> Any:
        return None

    def foreground(self, row: Row, column: int) -> Any:
        return None

    # ------------------------------------------------------------------ Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return super().headerData(section, orientation, role) if self.ROW_NUMBERS else None
        if role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, column)
        return None
