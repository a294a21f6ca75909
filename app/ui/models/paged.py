"""A table model that fetches rows page by page (keyset) on a worker thread.

Subclasses give the columns, how to fetch one page after a key, and how to show a row.
Views get ``canFetchMore``/``fetchMore`` for free: Qt asks for the next page as the
user scrolls, so a million-row list costs one page at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.db.queries import PAGE_SIZE
from app.ui.worker import run_in_thread

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Rows arrive in pages of ``page_size``; ``reload()`` starts again from the top."""

    loading_changed = Signal(bool)
    load_failed = Signal(str)
    page_loaded = Signal(int)  # rows in the page just added

    def __init__(self, page_size: int = PAGE_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list[Row] = []
        self._more = True
        self._loading = False
        self._generation = 0

    # -- for subclasses -----------------------------------------------------------
    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def page_fetcher(self, after: Row | None) -> Callable[[], list[Row]]:
        """A function (run on a worker thread) returning the page after ``after``."""
        raise NotImplementedError

    def display(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def alignment(self, column: int) -> Qt.AlignmentFlag:
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    # -- Qt model ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal:
            return int(self.alignment(section))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.alignment(index.column()))
        if role == ROW_ROLE:
            return row
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or self._loading or not self._more:
            return
        self._set_loading(True)
        generation = self._generation
        fetch = self.page_fetcher(self._rows[-1] if self._rows else None)
        run_in_thread(fetch, lambda rows: self._page_arrived(generation, rows),
                      lambda exc: self._page_failed(generation, exc))

    # -- API -------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[Row]:
        return list(self._rows)

    def has_more(self) -> bool:
        return self._more

    def reload(self) -> None:
        """Forget every row (and any page still on its way) and fetch the first page."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._more = True
        self._loading = False
        self.endResetModel()
        self.fetchMore()

    def replace_row(self, row_number: int, row: Row) -> None:
        self._rows[row_number] = row
        self.dataChanged.emit(self.index(row_number, 0),
                              self.index(row_number, self.columnCount() - 1))

    # -- internals -------------------------------------------------------------------
    def _set_loading(self, value: bool) -> None:
        self._loading = value
        self.loading_changed.emit(value)

    def _page_arrived(self, generation: int, rows: list[Row]) -> None:
        if generation != self._generation:
            return  # a search changed while this page was on its way
        self._more = len(rows) >= self.page_size
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._set_loading(False)
        self.page_loaded.emit(len(rows))

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._more = False
        self._set_loading(False)
        self.load_failed.emit(str(exc))
