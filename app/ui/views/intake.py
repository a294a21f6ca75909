"""Order intake: import a file (preview, progress, cancel, summary), the "Needs attention"
queue, changes seen at the source, unreadable rows, and inbox folders per channel."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.channels import FORMATS, UnreadableFile, read_file
from app.channels.generic import ColumnMapping, read_header
from app.channels.reading import SAMPLE_BYTES, channel_zone, detect_encoding, file_sha256
from app.db.engine import Database
from app.services import catalog, intake
from app.services.context import Actor
from app.services.errors import ServiceError
from app.ui.models.rows import RowsTableModel
from app.ui.worker import run_in_thread

ENCODINGS = ("", "utf-8", "utf-8-sig", "gb18030", "gbk", "cp1252", "utf-16")
INBOX_KEY = "intake_inboxes"  # Settings.extra[INBOX_KEY] = {channel: {"folder", "format"}}
POLL_MS = 5_000
_ATTENTION = QColor("#fde2e1")


class RowsModel(RowsTableModel[tuple[Any, ...]]):
    """Plain rows of text under a header; rows listed in ``highlight`` are tinted."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent, headers=headers)
        self.keys: list[Any] = []
        self.highlight: set[int] = set()

    def set_rows(self, rows: Sequence[tuple[Any, ...]], keys: list[Any] | None = None,
                 highlight: set[int] | None = None) -> None:
        self.keys = keys if keys is not None else list(range(len(rows)))
        self.highlight = highlight or set()
        super().set_rows(rows)

    def cell(self, row: tuple[Any, ...], column: int) -> str:
        value = row[column]
        return "" if value is None else str(value)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            highlighted = index.isValid() and index.row() in self.highlight
            return QBrush(_ATTENTION) if highlighted else None
        return super().data(index, role)


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _selected_key(view: QTableView, model: RowsModel) -> Any:
    rows = view.selectionModel().selectedRows()
    return model.keys[rows[0].row()] if rows else None


class _Relay(QObject):
    """Progress from the worker thread, delivered on the UI thread."""

    progress = Signal(int)


@dataclass
class ImportRequest:
    path: Path
    fmt: str
    channel: str
    encoding: str | None
    timezone: str
    mapping: ColumnMapping | None


class ImportView(QWidget):
    status_message = Signal(str)
    open_order_requested = Signal(int)
    import_finished = Signal(object)  # the ImportSummary (tests and the main window)
    inbox_processed = Signal(object)  # an InboxResult

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setAcceptDrops(True)
        self._cancel = threading.Event()
        self._busy = False
        self._relay = _Relay()
        self._relay.progress.connect(self._on_progress)
        self._mapping: ColumnMapping | None = None
        self._inbox_busy: set[str] = set()

        self.tabs = QTabWidget()
        self.tabs.addTab(self._import_tab(), self.tr("Import"))
        self.tabs.addTab(self._attention_tab(), self.tr("Needs attention"))
        self.tabs.addTab(self._changes_tab(), self.tr("Changed at source"))
        self.tabs.addTab(self._unreadable_tab(), self.tr("Unreadable rows"))
        self.tabs.addTab(self._inbox_tab(), self.tr("Inbox folders"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self.inbox_timer = QTimer(self)
        self.inbox_timer.setInterval(POLL_MS)
        self.inbox_timer.timeout.connect(self.poll_inboxes)
        self.inbox_timer.start()
        self.refresh_queues()

    # ---- import tab -------------------------------------------------------------------

    def _import_tab(self) -> QWidget:
        w = QWidget()
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(self.tr("Choose a file or drop it here"))
        self.file_edit.editingFinished.connect(self._file_changed)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file_edit)
        row.addWidget(browse)
        self.format_combo = QComboBox()
        for f in FORMATS:
            self.format_combo.addItem(f, f)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.channel_edit = QLineEdit("shopify")
        self.encoding_combo = QComboBox()
        self.encoding_combo.setEditable(True)
        for e in ENCODINGS:
            self.encoding_combo.addItem(e or self.tr("(detected)"), e)
        self.detected_label = QLabel("")
        self.timezone_edit = QLineEdit()
        self.timezone_edit.setPlaceholderText(self.tr("UTC; e.g. Asia/Shanghai"))
        self.mapping_button = QPushButton(self.tr("Column mapping…"))
        self.mapping_button.clicked.connect(self.edit_mapping)
        self.mapping_button.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow(self.tr("Channel"), self.channel_edit)
        enc_row = QHBoxLayout()
        enc_row.addWidget(self.encoding_combo)
        enc_row.addWidget(self.detected_label)
        form.addRow(self.tr("Encoding"), enc_row)
        form.addRow(self.tr("Time zone"), self.timezone_edit)
        form.addRow("", self.mapping_button)

        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.preview)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_import)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.import_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary_label = QLabel("")
        self.summary_label.setWordWrap(True)
        self.preview_model = RowsModel([self.tr("Order"), self.tr("Line"), self.tr("Outcome"),
                                        self.tr("Problems")], self)
        self.preview_table = _table(self.preview_model)

        layout = QVBoxLayout(w)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.preview_table)
        return w

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.set_file(Path(urls[0].toLocalFile()))
            event.acceptProposedAction()

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an export"), "",
            self.tr("Exports (*.csv *.txt *.tsv *.xlsx);;All files (*)"))
        if name:
            self.set_file(Path(name))

    def set_file(self, path: Path) -> None:
        self.file_edit.setText(str(path))
        self._file_changed()

    def _file_changed(self) -> None:
        path = Path(self.file_edit.text().strip())
        self.detected_label.setText("")
        lower = path.name.lower()
        guess = ("amazon" if lower.endswith((".txt", ".tsv")) else
                 "csv" if lower.endswith((".xlsx", ".xlsm")) else None)
        if guess:
            self.format_combo.setCurrentIndex(self.format_combo.findData(guess))
        if path.is_file() and not lower.endswith((".xlsx", ".xlsm")):
            try:
                with open(path, "rb") as fh:
                    enc = detect_encoding(fh.read(SAMPLE_BYTES))
            except OSError:
                return
            self.detected_label.setText(self.tr("detected: %1").replace("%1", enc))

    def _format_changed(self) -> None:
        fmt = self.format_combo.currentData()
        self.mapping_button.setEnabled(fmt == "csv")
        if fmt != "csv":
            self.channel_edit.setText(fmt)
        self._mapping = None

    def edit_mapping(self) -> bool:
        """Open the mapping dialog for the chosen file; save the mapping for the channel."""
        from app.ui.dialogs.column_mapping import ColumnMappingDialog

        path = Path(self.file_edit.text().strip())
        try:
            headers = read_header(path, self._encoding())
        except (UnreadableFile, OSError) as exc:
            self._say(str(exc))
            return False
        dialog = ColumnMappingDialog(headers, self._saved_mapping(), self)
        self.mapping_dialog = dialog  # tests fill it in
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        mapping = dialog.mapping()
        try:
            intake.save_column_mapping(self.db, self.actor, self._channel(), mapping.to_json())
        except ServiceError as exc:
            self._say(str(exc))
            return False
        self._mapping = mapping
        return True

    def _saved_mapping(self) -> ColumnMapping | None:
        if self._mapping is not None:
            return self._mapping
        saved = intake.column_mapping(self.db, self._channel())
        return ColumnMapping.from_json(saved) if saved else None

    def _channel(self) -> str:
        return self.channel_edit.text().strip() or str(self.format_combo.currentData())

    def _encoding(self) -> str | None:
        text = self.encoding_combo.currentText().strip()
        data = self.encoding_combo.currentData()
        if self.encoding_combo.currentIndex() >= 0 and text == self.encoding_combo.itemText(
                self.encoding_combo.currentIndex()):
            return data or None
        return text or None

    def _request(self) -> ImportRequest | None:
        path = Path(self.file_edit.text().strip())
        if not path.is_file():
            self._say(self.tr("Choose a file to import first."))
            return None
        fmt = str(self.format_combo.currentData())
        mapping = None
        if fmt == "csv":
            mapping = self._saved_mapping()
            if mapping is None and not self.edit_mapping():
                return None
            mapping = self._mapping or mapping
        return ImportRequest(path, fmt, self._channel(), self._encoding(),
                             self.timezone_edit.text().strip(), mapping)

    def _say(self, text: str) -> None:
        self.summary_label.setText(text)
        self.status_message.emit(text)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.preview_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)

    def preview(self) -> None:
        """A dry run off the UI thread: rows, orders and their problems, nothing written."""
        req = self._request()
        if req is None or self._busy:
            return
        self._set_busy(True)
        self.progress.setRange(0, 0)
        db, actor = self.db, self.actor

        def work() -> intake.ImportSummary:
            items = read_file(req.fmt, req.path, req.channel, req.encoding, None, req.mapping,
                              channel_zone(req.timezone or None))
            return intake.import_items(db, actor, items, channel=req.channel, fmt=req.fmt,
                                       file_name=req.path.name, dry_run=True)

        run_in_thread(work, self._show_preview, self._failed)

    def _show_preview(self, summary: intake.ImportSummary) -> None:
        self._set_busy(False)
        self.progress.setRange(0, 1)
        self._show_preview_rows(summary)
        orders = (summary.imported + summary.unchanged + summary.changed
                  + summary.needs_attention)
        self._say(self.tr("Preview: %1 rows, %2 orders, %3 need attention, %4 unreadable, "
                          "%5 already imported, %6 changed at the source.")
                  .replace("%1", str(summary.rows)).replace("%2", str(orders))
                  .replace("%3", str(summary.needs_attention))
                  .replace("%4", str(summary.unreadable))
                  .replace("%5", str(summary.unchanged)).replace("%6", str(summary.changed)))

    def start_import(self) -> None:
        req = self._request()
        if req is None or self._busy:
            return
        self._cancel.clear()
        self._set_busy(True)
        self.progress.setRange(0, 0)
        db, actor, relay, cancel = self.db, self.actor, self._relay, self._cancel

        def progress(rows: int) -> bool:
            relay.progress.emit(rows)
            return not cancel.is_set()

        def work() -> intake.ImportSummary:
            items = read_file(req.fmt, req.path, req.channel, req.encoding, None, req.mapping,
                              channel_zone(req.timezone or None))
            return intake.import_items(db, actor, items, channel=req.channel, fmt=req.fmt,
                                       file_name=req.path.name,
                                       file_sha256=file_sha256(req.path), progress=progress,
                                       encoding=req.encoding or "")

        run_in_thread(work, self._imported, self._failed)

    def cancel_import(self) -> None:
        self._cancel.set()
        self._say(self.tr("Cancelling after the current chunk…"))

    @Slot(int)  # emitted on the import's thread: a declared slot is queued safely
    def _on_progress(self, rows: int) -> None:
        self.progress.setFormat(self.tr("%1 rows").replace("%1", str(rows)))
        self.summary_label.setText(self.tr("%1 rows read…").replace("%1", str(rows)))

    def _imported(self, summary: intake.ImportSummary) -> None:
        self._set_busy(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        text = (self.tr("%1 imported, %2 unchanged, %3 changed, %4 need attention, "
                        "%5 unreadable.")
                .replace("%1", str(summary.imported)).replace("%2", str(summary.unchanged))
                .replace("%3", str(summary.changed))
                .replace("%4", str(summary.needs_attention))
                .replace("%5", str(summary.unreadable)))
        if summary.cancelled:
            text += " " + self.tr("Cancelled: import the file again to finish.")
        self._show_preview_rows(summary)
        self._say(text)
        self.refresh_queues()
        self.import_finished.emit(summary)

    def _outcome_label(self, outcome: str) -> str:
        """The clerk's words for an import outcome (the service's codes otherwise)."""
        labels = {"imported": self.tr("imported"), "unchanged": self.tr("unchanged"),
                  "changed": self.tr("changed at source"),
                  "needs_attention": self.tr("needs attention")}
        return labels.get(outcome, outcome)

    def _show_preview_rows(self, summary: intake.ImportSummary) -> None:
        rows, highlight = [], set()
        for o in summary.orders:
            if o.outcome == "needs_attention":
                highlight.add(len(rows))
            rows.append((o.external_ref, o.line, self._outcome_label(o.outcome),
                         "; ".join(o.reasons)))
        for r in summary.unreadable_rows:
            highlight.add(len(rows))
            rows.append(("", r["line_no"], self.tr("unreadable"), r["reason"]))
        self.preview_model.set_rows(rows, highlight=highlight)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.progress.setRange(0, 1)
        self._say(str(exc))
        self.import_finished.emit(exc)

    # ---- needs attention --------------------------------------------------------------

    def _attention_tab(self) -> QWidget:
        w = QWidget()
        self.attention_model = RowsModel([self.tr("Order"), self.tr("Channel"),
                                          self.tr("Source no."), self.tr("Customer"),
                                          self.tr("Problems")], self)
        self.attention_table = _table(self.attention_model)
        self.attention_table.selectionModel().selectionChanged.connect(self._attention_selected)
        self.fix_edits: dict[str, QLineEdit] = {}
        self.fix_problems: dict[str, QLabel] = {}
        form = QFormLayout()
        for name in intake.FIXABLE_FIELDS:
            edit = QLineEdit()
            problem = QLabel("")
            problem.setStyleSheet("color: #b3261e")
            problem.setWordWrap(True)
            box = QVBoxLayout()
            box.addWidget(edit)
            box.addWidget(problem)
            form.addRow(name.replace("_", " "), box)
            self.fix_edits[name], self.fix_problems[name] = edit, problem
        self.held_model = RowsModel([self.tr("Line"), self.tr("SKU"), self.tr("Name"),
                                     self.tr("Qty"), self.tr("Price"), self.tr("Product")], self)
        self.held_table = _table(self.held_model)
        self.other_problems = QLabel("")
        self.other_problems.setStyleSheet("color: #b3261e")
        self.other_problems.setWordWrap(True)
        self.map_to_edit = QLineEdit()
        self.map_to_edit.setPlaceholderText(self.tr("our SKU or barcode"))
        self.map_button = QPushButton(self.tr("Map the line's SKU"))
        self.map_button.clicked.connect(self.map_selected_sku)
        self.save_fix_button = QPushButton(self.tr("Save corrections"))
        self.save_fix_button.clicked.connect(self.save_fixes)
        self.release_button = QPushButton(self.tr("Release"))
        self.release_button.clicked.connect(self.release_selected)
        map_row = QHBoxLayout()
        map_row.addWidget(self.map_to_edit)
        map_row.addWidget(self.map_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_fix_button)
        buttons.addWidget(self.release_button)
        buttons.addStretch(1)
        self.attention_status = QLabel("")
        self.attention_status.setWordWrap(True)
        detail = QVBoxLayout()
        detail.addLayout(form)
        detail.addWidget(self.other_problems)
        detail.addWidget(self.held_table)
        detail.addLayout(map_row)
        detail.addLayout(buttons)
        detail.addWidget(self.attention_status)
        layout = QHBoxLayout(w)
        layout.addWidget(self.attention_table, 1)
        layout.addLayout(detail, 1)
        self._detail: intake.AttentionDetail | None = None
        return w

    def refresh_queues(self) -> None:
        """Reload the three queues off the UI thread."""
        db = self.db

        def work() -> tuple[list[Any], list[Any], list[Any]]:
            return (intake.needs_attention(db), intake.pending_changes(db),
                    intake.unreadable_rows(db))

        run_in_thread(work, self._show_queues, self._queue_failed)

    def _queue_failed(self, exc: BaseException) -> None:
        self.status_message.emit(str(exc))

    def _show_queues(self, result: tuple[list[Any], list[Any], list[Any]]) -> None:
        attention, changes, unreadable = result
        self.attention_model.set_rows(
            [(r.number, r.channel, r.external_ref, r.customer_name, r.problems)
             for r in attention], [(r.order_id, r.version) for r in attention],
            set(range(len(attention))))
        self.changes_model.set_rows(
            [(c.order_number, c.external_ref, c.summary, c.detected_at.strftime("%Y-%m-%d %H:%M"))
             for c in changes], [c.id for c in changes])
        self.unreadable_model.set_rows(
            [(r.file_name, r.line_no, r.reason, r.raw_text[:200]) for r in unreadable],
            [r.id for r in unreadable])
        self.queues_loaded = True

    def select_attention(self, order_id: int) -> bool:
        for i, key in enumerate(self.attention_model.keys):
            if key[0] == order_id:
                self.attention_table.selectRow(i)
                return True
        return False

    def _attention_selected(self) -> None:
        key = _selected_key(self.attention_table, self.attention_model)
        if key is None:
            return
        self._load_detail(key[0])

    def _load_detail(self, order_id: int) -> None:
        try:
            d = intake.attention_detail(self.db, order_id)
        except ServiceError as exc:
            self.attention_status.setText(str(exc))
            return
        self._show_detail(d)

    def _show_detail(self, d: intake.AttentionDetail) -> None:
        self._detail = d
        by_field: dict[str, list[str]] = {}
        other = []
        for p in d.problems:
            if p.field in self.fix_problems:
                by_field.setdefault(p.field, []).append(p.message)
            elif p.field == "phone":
                by_field.setdefault("phone", []).append(p.message)
            else:
                other.append(f"{p.field}: {p.message}")
        for name, edit in self.fix_edits.items():
            edit.setText(d.fields.get(name, ""))
            self.fix_problems[name].setText(" ".join(by_field.get(name, [])))
        self.other_problems.setText("\n".join(other))
        self.held_model.set_rows(
            [(li.line_no, li.sku, li.name, li.quantity if li.quantity is not None
              else li.raw_quantity, li.unit_price, li.product_id or "") for li in d.lines],
            [li for li in d.lines],
            {i for i, li in enumerate(d.lines) if li.product_id is None or li.quantity is None})

    def save_fixes(self) -> bool:
        d = self._detail
        if d is None:
            return False
        changed = {name: edit.text() for name, edit in self.fix_edits.items()
                   if edit.text() != d.fields.get(name, "")}
        try:
            self._show_detail(intake.fix_order(self.db, self.actor, d.order_id, d.version,
                                               fields=changed))
        except ServiceError as exc:
            self.attention_status.setText(str(exc))
            return False
        self.attention_status.setText(self.tr("Saved; %1 problem(s) left.")
                                      .replace("%1", str(len(self._detail.problems)
                                                         if self._detail else 0)))
        self.refresh_queues()
        return True

    def map_selected_sku(self) -> bool:
        d = self._detail
        line = _selected_key(self.held_table, self.held_model)
        if d is None or line is None:
            self.attention_status.setText(self.tr("Choose the line whose SKU to map."))
            return False
        match = catalog.lookup_product(self.db, self.map_to_edit.text())
        if match is None:
            self.attention_status.setText(self.tr("No product has the SKU or barcode %1.")
                                          .replace("%1", self.map_to_edit.text()))
            return False
        try:
            n = intake.map_sku(self.db, self.actor, d.channel, line.sku, match.product_id)
        except ServiceError as exc:
            self.attention_status.setText(str(exc))
            return False
        self.attention_status.setText(
            self.tr("%1 on %2 is now %3 (%4 waiting line(s) matched).")
            .replace("%1", line.sku).replace("%2", d.channel).replace("%3", match.sku)
            .replace("%4", str(n)))
        self._load_detail(d.order_id)
        self.refresh_queues()
        return True

    def release_selected(self) -> bool:
        d = self._detail
        if d is None:
            return False
        self.save_fixes()
        d = self._detail
        assert d is not None
        try:
            intake.release(self.db, self.actor, d.order_id, d.version)
        except ServiceError as exc:
            self.attention_status.setText(str(exc))
            return False
        self.attention_status.setText(self.tr("Order %1 released.").replace("%1", d.number))
        self.status_message.emit(self.attention_status.text())
        self._detail = None
        self.refresh_queues()
        return True

    # ---- changed at source ------------------------------------------------------------

    def _changes_tab(self) -> QWidget:
        w = QWidget()
        self.changes_model = RowsModel([self.tr("Order"), self.tr("Source no."),
                                        self.tr("What changed"), self.tr("Seen")], self)
        self.changes_table = _table(self.changes_model)
        accept = QPushButton(self.tr("Accept"))
        accept.clicked.connect(lambda: self._decide(True))
        reject = QPushButton(self.tr("Reject"))
        reject.clicked.connect(lambda: self._decide(False))
        self.changes_status = QLabel("")
        row = QHBoxLayout()
        row.addWidget(accept)
        row.addWidget(reject)
        row.addStretch(1)
        layout = QVBoxLayout(w)
        layout.addWidget(self.changes_table)
        layout.addLayout(row)
        layout.addWidget(self.changes_status)
        return w

    def _decide(self, accept: bool) -> None:
        change_id = _selected_key(self.changes_table, self.changes_model)
        if change_id is None:
            return
        try:
            if accept:
                intake.accept_change(self.db, self.actor, change_id)
            else:
                intake.reject_change(self.db, self.actor, change_id)
        except ServiceError as exc:
            self.changes_status.setText(str(exc))
            return
        self.changes_status.setText(self.tr("Accepted.") if accept else self.tr("Rejected."))
        self.refresh_queues()

    # ---- unreadable rows ----------------------------------------------------------------

    def _unreadable_tab(self) -> QWidget:
        w = QWidget()
        self.unreadable_model = RowsModel([self.tr("File"), self.tr("Line"), self.tr("Reason"),
                                           self.tr("Raw text")], self)
        self.unreadable_table = _table(self.unreadable_model)
        self.unreadable_table.selectionModel().selectionChanged.connect(self._row_selected)
        self.raw_edit = QPlainTextEdit()
        self.retry_button = QPushButton(self.tr("Retry with this text"))
        self.retry_button.clicked.connect(self.retry_selected)
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.clicked.connect(self.dismiss_selected)
        self.unreadable_status = QLabel("")
        self.unreadable_status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.retry_button)
        row.addWidget(dismiss)
        row.addStretch(1)
        layout = QVBoxLayout(w)
        layout.addWidget(self.unreadable_table)
        layout.addWidget(self.raw_edit)
        layout.addLayout(row)
        layout.addWidget(self.unreadable_status)
        return w

    def _row_selected(self) -> None:
        row_id = _selected_key(self.unreadable_table, self.unreadable_model)
        if row_id is None:
            return
        for r in intake.unreadable_rows(self.db):
            if r.id == row_id:
                self.raw_edit.setPlainText(r.raw_text)

    def dismiss_selected(self) -> None:
        row_id = _selected_key(self.unreadable_table, self.unreadable_model)
        if row_id is None:
            return
        try:
            intake.dismiss_row(self.db, self.actor, row_id)
        except ServiceError as exc:
            self.unreadable_status.setText(str(exc))
            return
        self.unreadable_status.setText(self.tr("Dismissed."))
        self.refresh_queues()

    def retry_selected(self) -> None:
        row_id = _selected_key(self.unreadable_table, self.unreadable_model)
        if row_id is None:
            return
        try:
            summary = intake.retry_row(self.db, self.actor, row_id,
                                       self.raw_edit.toPlainText())
        except ServiceError as exc:
            self.unreadable_status.setText(str(exc))
            self.refresh_queues()
            return
        self.unreadable_status.setText(summary.text())
        self.refresh_queues()

    # ---- inbox folders ------------------------------------------------------------------

    def _inbox_tab(self) -> QWidget:
        w = QWidget()
        self.inbox_model = RowsModel([self.tr("Channel"), self.tr("Format"),
                                      self.tr("Folder")], self)
        self.inbox_table = _table(self.inbox_model)
        self.inbox_channel = QLineEdit()
        self.inbox_channel.setPlaceholderText(self.tr("channel"))
        self.inbox_format = QComboBox()
        for f in FORMATS:
            self.inbox_format.addItem(f, f)
        self.inbox_folder = QLineEdit()
        self.inbox_folder.setPlaceholderText(self.tr("folder to watch"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose_inbox_folder)
        add = QPushButton(self.tr("Watch"))
        add.clicked.connect(self._add_inbox_clicked)
        remove = QPushButton(self.tr("Stop watching"))
        remove.clicked.connect(self._remove_inbox)
        self.inbox_log = QPlainTextEdit()
        self.inbox_log.setReadOnly(True)
        row = QHBoxLayout()
        for x in (self.inbox_channel, self.inbox_format, self.inbox_folder, choose, add, remove):
            row.addWidget(x)
        layout = QVBoxLayout(w)
        layout.addWidget(QLabel(self.tr("Files dropped into a watched folder are imported and "
                                        "moved to done/ or failed/.")))
        layout.addLayout(row)
        layout.addWidget(self.inbox_table)
        layout.addWidget(self.inbox_log)
        self._show_inboxes()
        return w

    @staticmethod
    def inboxes() -> dict[str, dict[str, str]]:
        from app.config import Settings

        value = Settings.load().extra.get(INBOX_KEY, {})
        return value if isinstance(value, dict) else {}

    def set_inbox(self, channel: str, folder: Path, fmt: str) -> None:
        """Watch ``folder`` for ``channel`` (stored in the settings file)."""
        from app.config import Settings

        settings = Settings.load()
        boxes = dict(settings.extra.get(INBOX_KEY, {}))
        boxes[channel] = {"folder": str(folder), "format": fmt}
        settings.extra[INBOX_KEY] = boxes
        settings.save()
        self._show_inboxes()

    def _show_inboxes(self) -> None:
        boxes = self.inboxes()
        self.inbox_model.set_rows([(ch, v.get("format", ""), v.get("folder", ""))
                                   for ch, v in boxes.items()], list(boxes))

    def _choose_inbox_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Inbox folder"))
        if folder:
            self.inbox_folder.setText(folder)

    def _add_inbox_clicked(self) -> None:
        channel, folder = self.inbox_channel.text().strip(), self.inbox_folder.text().strip()
        if not channel or not folder:
            self.inbox_log.appendPlainText(self.tr("Give a channel and a folder."))
            return
        Path(folder).mkdir(parents=True, exist_ok=True)
        self.set_inbox(channel, Path(folder), str(self.inbox_format.currentData()))

    def _remove_inbox(self) -> None:
        from app.config import Settings

        channel = _selected_key(self.inbox_table, self.inbox_model)
        if channel is None:
            return
        settings = Settings.load()
        boxes = dict(settings.extra.get(INBOX_KEY, {}))
        boxes.pop(channel, None)
        settings.extra[INBOX_KEY] = boxes
        settings.save()
        self._show_inboxes()

    def poll_inboxes(self) -> int:
        """Start importing every waiting inbox file (one at a time per channel, off the UI
        thread). Returns how many files were started."""
        from app.channels import inbox

        started = 0
        for channel, box in self.inboxes().items():
            if channel in self._inbox_busy:
                continue
            files = inbox.waiting_files(Path(box.get("folder", "")))
            if not files:
                continue
            fmt = box.get("format", "shopify")
            mapping = None
            if fmt == "csv":
                saved = intake.column_mapping(self.db, channel)
                mapping = ColumnMapping.from_json(saved) if saved else None
            self._inbox_busy.add(channel)
            path = files[0]
            started += 1

            def work(path: Path = path, fmt: str = fmt, channel: str = channel,
                     mapping: ColumnMapping | None = mapping) -> inbox.InboxResult:
                return inbox.process_file(self.db, self.actor, path, fmt, channel, mapping)

            def done(result: inbox.InboxResult, channel: str = channel) -> None:
                self._inbox_busy.discard(channel)
                self.inbox_log.appendPlainText(
                    f"{result.file.name}: {'done' if result.ok else 'failed'} — "
                    f"{result.message.splitlines()[0] if result.message else ''}")
                self.refresh_queues()
                self.inbox_processed.emit(result)

            def failed(exc: BaseException, channel: str = channel) -> None:
                self._inbox_busy.discard(channel)
                self.inbox_log.appendPlainText(str(exc))

            run_in_thread(work, done, failed)
        return started

    # ---- the desk's conventions -----------------------------------------------------------

    def handle_scan(self, scan: object) -> bool:
        return False
