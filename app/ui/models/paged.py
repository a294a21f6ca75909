"""A table model that fetches rows page by page (keyset) on a worker thread.

Subclasses give the columns, how to fetch one page after a key, and how to show a row.
Views get ``canFetchMore``/``fetchMore`` for free: Qt asks for the next page as the
user scrolls, so a million-row list costs one page at a time.

``refresh()`` (for subclasses that give ``window_fetcher``) re-reads the rows already
loaded on the worker thread and applies only the differences — changed rows get
``dataChanged``, new and vanished rows are inserted and removed — so a live refresh keeps
the scroll position and selection and costs the UI thread nothing when nothing shown changed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
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
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)


@dataclass(frozen=True)
class RowEdit(Generic[Row]):
    """One step of turning the loaded rows into the fresh ones, at ``pos`` in the list as
    it is after the steps before: ``kind`` "set" (replace), "insert" or "remove" (rows is
    empty; ``count`` rows go)."""

    kind: str
    pos: int
    rows: tuple[Row, ...] = ()
    count: int = 0


def diff_rows(old: Sequence[Row], new: Sequence[Row], key: Callable[[Row], Hashable],
              before: Callable[[Row, Row], bool]) -> list[RowEdit[Row]]:
    """The edits from ``old`` to ``new``, both in display order (``before(a, b)``: a is
    shown above b). A merge walk, so O(n); runs on the worker thread."""
    edits: list[RowEdit[Row]] = []
    i = j = pos = 0

    def push(kind: str, row: Row | None) -> None:
        last = edits[-1] if edits else None
        if kind == "remove":
            if last is not None and last.kind == "remove" and last.pos == pos:
                edits[-1] = RowEdit("remove", pos, count=last.count + 1)
            else:
                edits.append(RowEdit("remove", pos, count=1))
            return
        assert row is not None
        if last is not None and last.kind == kind and last.pos + len(last.rows) == pos:
            edits[-1] = RowEdit(kind, last.pos, (*last.rows, row))
        else:
            edits.append(RowEdit(kind, pos, (row,)))

    while i < len(old) or j < len(new):
        if i < len(old) and j < len(new) and key(old[i]) == key(new[j]):
            if old[i] != new[j]:
                push("set", new[j])
            i, j, pos = i + 1, j + 1, pos + 1
        elif j >= len(new) or (i < len(old) and before(old[i], new[j])):
            push("remove", None)  # gone (or no longer matches the filter)
            i += 1
        else:
            push("insert", new[j])
            j, pos = j + 1, pos + 1
    return edits


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Rows arrive in pages of ``page_size``; ``reload()`` starts again from the top."""

    loading_changed = Signal(bool)
    load_failed = Signal(str)
    page_loaded = Signal(int)  # rows in the page just added
    refreshed = Signal(int)  # rows changed, added or removed by refresh()

    def __init__(self, page_size: int = PAGE_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list[Row] = []
        self._more = True
        self._loading = False
        self._generation = 0
        self._revision = 0  # bumped by every change of _rows: a stale refresh is dropped
        self._refresh_again = False
        self._again_window: tuple[int, int | None] = (0, None)
        self._stale = False

    # -- for subclasses -----------------------------------------------------------
    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def page_fetcher(self, after: Row | None) -> Callable[[], list[Row]]:
        """A function (run on a worker thread) returning the page after ``after``."""
        raise NotImplementedError

    def display(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def window_fetcher(self, rows: Sequence[Row], limit: int, open_top: bool
                       ) -> Callable[[], list[Row]] | None:
        """A function (run on a worker thread) returning, in display order and at most
        ``limit`` long, every row that now belongs between ``rows[0]`` (or the very top,
        with ``open_top``) and ``rows[-1]`` inclusive; None: refresh() reloads instead."""
        return None

    def row_key(self, row: Row) -> Hashable:
        raise NotImplementedError

    def shown_before(self, a: Row, b: Row) -> bool:
        """Display order: ``a`` above ``b`` (for diffing refreshed rows)."""
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
        # Called for every cell and role at each paint: the role test comes first, as
        # plain ints, and most roles return at once.
        role = int(role)
        if role == _DISPLAY:
            row = index.row()
            if 0 <= row < len(self._rows):
                return self.display(self._rows[row], index.column())
            return None
        if role == _ALIGN:
            return int(self.alignment(index.column())) if index.isValid() else None
        if role == ROW_ROLE:
            row = index.row()
            return self._rows[row] if 0 <= row < len(self._rows) else None
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
        self._revision += 1
        self._refresh_again = False
        self.beginResetModel()
        self._rows = []
        self._more = True
        self._loading = False
        self.endResetModel()
        self.fetchMore()

    @property
    def stale(self) -> bool:
        """Some loaded rows were outside the last refreshed window (see refresh)."""
        return self._stale

    def refresh(self, first: int = 0, last: int | None = None) -> None:
        """Bring loaded rows ``first``..``last`` (the ones on screen; default all) up to date
        in place (see the module doc); with ``first`` 0 new rows above appear too. Rows
        outside are left as they are and ``stale`` says so. Reloads when nothing is
        loaded yet or the subclass cannot fetch a window."""
        if self._loading:
            self._refresh_again = True  # once the page on its way is in
            self._again_window = (first, last)
            return
        if not self._rows:
            self.reload()
            return
        end = len(self._rows) - 1 if last is None else max(0, min(last, len(self._rows) - 1))
        first = max(0, min(first, end))
        window = tuple(self._rows[first:end + 1])
        limit = len(window) + self.page_size
        fetch = self.window_fetcher(window, limit, first == 0)
        if fetch is None:
            self.reload()
            return
        self._set_loading(True)
        generation, revision = self._generation, self._revision
        key, before = self.row_key, self.shown_before

        def work() -> list[RowEdit[Row]] | None:
            new = fetch()
            if len(new) >= limit:
                return None  # more new rows than we can place: start again from the top
            return diff_rows(window, new, key, before)

        run_in_thread(work,
                      lambda edits: self._refresh_arrived(generation, revision, first, end, edits),
                      lambda exc: self._refresh_failed(generation, exc))

    def replace_row(self, row_number: int, row: Row) -> None:
        self._revision += 1
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
            self._revision += 1
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._set_loading(False)
        self.page_loaded.emit(len(rows))
        self._maybe_refresh_again()

    def _refresh_arrived(self, generation: int, revision: int, first: int, end: int,
                         edits: list[RowEdit[Row]] | None) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        if edits is None:
            self.reload()
            return
        if revision != self._revision:  # rows changed meanwhile: these edits are stale
            self._refresh_again, self._again_window = True, (first, end)
        else:
            below = len(self._rows) - 1 - end  # loaded rows under the window
            changed = 0
            for edit in edits:
                changed += self._apply(edit, first)
            self._stale = first > 0 or below > 0
            if edits:
                self._revision += 1
            self.refreshed.emit(changed)
        self._maybe_refresh_again()

    def _apply(self, edit: RowEdit[Row], offset: int) -> int:
        pos, rows = edit.pos + offset, list(edit.rows)
        if edit.kind == "set":
            self._rows[pos:pos + len(rows)] = rows
            self.dataChanged.emit(self.index(pos, 0),
                                  self.index(pos + len(rows) - 1, self.columnCount() - 1))
            return len(rows)
        if edit.kind == "insert":
            self.beginInsertRows(QModelIndex(), pos, pos + len(rows) - 1)
            self._rows[pos:pos] = rows
            self.endInsertRows()
            return len(rows)
        self.beginRemoveRows(QModelIndex(), pos, pos + edit.count - 1)
        del self._rows[pos:pos + edit.count]
        self.endRemoveRows()
        return edit.count

    def _refresh_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)  # the rows shown stay; the next refresh tries again
        self.load_failed.emit(str(exc))

    def _maybe_refresh_again(self) -> None:
        if self._refresh_again:
            self._refresh_again = False
            self.refresh(*self._again_window)

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._more = False
        self._set_loading(False)
        self.load_failed.emit(str(exc))
