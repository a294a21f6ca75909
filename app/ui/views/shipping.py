"""Shipping view: the pack station and ship by scan, usable with a scanner alone.

Every scan goes through ``handle_scan(text)``: a command barcode (CMD:…), an item while an
order is open, otherwise an order or pick-list number (starts packing) or a tracking
number / parcel label (ships the parcel). A wrong item or one too many turns the banner
red and sounds the alarm; when the last item is scanned the order completes by itself and
the label and packing slip print (to the label printer without a dialog, or to PDF files).

Parcels: each parcel has its own box (F5, or a BOX:<code> scan), weight (F6 — typed, or a
scale typing into the field; or a weight scan such as "W:2.45" / "2.45 kg" in the scan field)
and size (the box's). The carrier panel shows the proposal for the parcels so far
(``fulfilment.propose_service``) and why; F7 lets the packer override it, and the chosen
service goes to ``complete_packing(service_id=…)``. Ctrl+P prints the last packing slip
through a print dialog; the "Waiting to ship" list prints labels and slips for many
shipments at once.

Ship by scan goes through ``app.services.offline``: while the database is unreachable the
scan is kept in the workstation's journal (amber banner) and ``replay_offline_scans()`` sends
the kept scans when the database is back (the main window calls it on ``restored``).
Pack-station item scans stay online-only.

While packing, a carrier tracking number scanned from a pre-printed label (one that is not
an item of the order) becomes the current parcel's tracking number, recognised by the
domain's carrier rules (``app.domain.scan``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.scan import ScanKind, classify
from app.services import fulfilment, notices, offline, tracking
from app.services.context import Actor
from app.services.errors import ServiceError, ValidationFailed
from app.services.fulfilment import PackView, ScanRefused, ShipmentView
from app.services.journal import ScanJournal
from app.ui.models.rows import RIGHT, RowsTableModel
from app.ui.views.pack_panels import (
    CarrierPanel,
    ParcelPanel,
    ShipmentsToPrintModel,
    parse_weight,
)
from app.ui.worker import run_in_thread

logger = logging.getLogger(__name__)

_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_ORDERISH = re.compile(r"^(SO|PL)-\d+$", re.IGNORECASE)
_BOX_SCAN = re.compile(r"^BOX:(\S+)$", re.IGNORECASE)

GREEN = "background:#1b7f3a;color:white;font-size:22px;padding:10px;"
RED = "background:#c00000;color:white;font-size:26px;font-weight:bold;padding:10px;"
GREY = "background:#444;color:white;font-size:20px;padding:10px;"
AMBER = "background:#e0a000;color:black;font-size:22px;font-weight:bold;padding:10px;"
TO_PRINT_REFRESH_MS = 600  # "Waiting to ship" reloads this long after the last shipped scan


def _classify(raw: str) -> tuple[str, str]:
    """(kind, code): command, orderish or other — the station's cheap first split; the
    domain classifier is asked only when a scan is not an item (tracking labels)."""
    code = _AIM.sub("", raw.strip()).strip()
    if code.upper().startswith("CMD:"):
        return "command", code.upper()
    if _ORDERISH.match(code):
        return "orderish", code.upper()
    return "other", code


class PackLinesModel(RowsTableModel[fulfilment.PackLine]):
    """Expected vs scanned per order line."""

    COL_SKU, COL_NAME, COL_EXPECTED, COL_SCANNED, COL_BACKORDER = range(5)
    HEADERS = ("SKU", "Item", "To pack", "Scanned", "Backorder")

    def set_lines(self, rows: list[fulfilment.PackLine]) -> None:
        self.set_rows(rows)

    def cell(self, li: fulfilment.PackLine, column: int) -> Any:
        return (li.sku, li.name, li.expected, li.scanned, li.backorder)[column]

    def background(self, li: fulfilment.PackLine, column: int) -> QColor | None:
        if li.expected and li.scanned >= li.expected:
            return QColor("#c8f0c8")
        return None

    def alignment(self, column: int) -> int | None:
        return int(RIGHT) if column >= self.COL_EXPECTED else None


class FailedNoticesModel(RowsTableModel[notices.NoticeView]):
    """Customer messages that could not be sent (failed, or unknown after a crash)."""

    HEADERS = ("Order", "Kind", "Channel", "Recipient", "Attempts", "Error")

    def cell(self, n: notices.NoticeView, column: int) -> Any:
        return (n.subject, n.kind, n.channel, n.recipient, n.attempts, n.last_error)[column]


class FailedNoticesPanel(QGroupBox):
    """The failed-notices list with Retry, inside the Shipping view."""

    changed = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Messages not sent"))
        self.db, self.actor = db, actor
        self.model = FailedNoticesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        db = self.db
        run_in_thread(lambda: notices.list_notices(db, "failed")
                      + notices.list_notices(db, "unknown"), self._loaded,
                      lambda exc: self.changed.emit(str(exc)), owner=self)

    def _loaded(self, rows: list[notices.NoticeView]) -> None:
        self.model.set_rows(rows)

    def retry_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        for r in rows:
            try:
                notices.retry(self.db, self.actor, self.model.rows[r].id)
            except ServiceError as exc:
                self.changed.emit(str(exc))
        if rows:
            self.changed.emit(self.tr("{0} message(s) queued again").format(len(rows)))
        self.refresh()


class ShippingView(QWidget):
    """Pack station and ship by scan."""

    alarm = Signal(str)  # wrong item / too many / refused: the text shown
    confirmed = Signal(str)  # a good scan
    printed = Signal(str)  # where a document went (printer name or PDF path)
    kept_offline = Signal(str)  # amber: scan journalled / replay stopped, the text shown

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None,
                 label_printer: str | None = None, pdf_folder: Path | None = None,
                 slip_paper: str = "A4", journal: ScanJournal | None = None,
                 slip_printer: str | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.journal = journal  # None: the workstation's journal (offline.journal_path())
        self.last_offline_report: offline.OfflineReport | None = None
        self.label_printer = label_printer
        self.pdf_folder = pdf_folder or Path.home() / "OrderDesk" / "documents"
        self.slip_paper = slip_paper
        self.slip_printer = slip_printer  # None: slips printed by themselves go to PDF files
        self.pack: PackView | None = None
        self.last_shipment: ShipmentView | None = None
        self.waiting_serial: str | None = None  # item code scanned, its serial/lot to come
        self.awaiting_delivered = False  # after CMD:DELIVERED the next scan is a delivery slip

        self.banner = QLabel(self.tr("Scan an order, pick list or parcel label"))
        self.banner.setStyleSheet(GREY)
        self.banner.setWordWrap(True)
        self.order_label = QLabel("")
        self.order_label.setStyleSheet("font-size:18px;")
        self.progress = QLabel("")
        self.progress.setStyleSheet("font-size:18px;")
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(self.tr("Scan here"))
        self.scan.returnPressed.connect(self._on_return)
        self.model = PackLinesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.parcels = ParcelPanel(self)
        self.parcels.set_boxes(fulfilment.box_sizes(db))
        self.parcels.changed.connect(self._refresh_proposal)
        self.carrier = CarrierPanel(self)
        self.print_slip_button = QPushButton(self.tr("Print slip… (Ctrl+P)"))
        self.print_slip_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.print_slip_button.clicked.connect(self.print_slip)
        top = QHBoxLayout()
        top.addWidget(self.order_label, 1)
        top.addWidget(self.progress)
        side = QVBoxLayout()
        side.addWidget(self.parcels, 1)
        side.addWidget(self.carrier)
        side.addWidget(self.print_slip_button)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 3)
        middle.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.scan)
        layout.addLayout(middle, 1)
        hint = QLabel(self.tr("F5 box · F6 weight · F7 carrier · F8 or Ctrl+Z undo · "
                              "F9 next parcel · F10 complete · F11 print again · "
                              "F12 delivered slip · Ctrl+P print slip… · Esc cancel"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.failed_notices = FailedNoticesPanel(db, actor, self)
        self.failed_notices.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.to_print = self._to_print_panel()
        self.lower = QTabWidget()
        self.lower.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lower.addTab(self.to_print, self.tr("Waiting to ship"))
        self.lower.addTab(self.failed_notices, self.tr("Messages not sent"))
        layout.addWidget(self.lower)
        self.failed_notices.refresh()
        self.refresh_to_print()
        # After a parcel ships the list is reloaded once the scans pause, not per scan.
        self._to_print_timer = QTimer(self)
        self._to_print_timer.setSingleShot(True)
        self._to_print_timer.setInterval(TO_PRINT_REFRESH_MS)
        self._to_print_timer.timeout.connect(self.refresh_to_print)
        for w in (self.parcels.box_combo, self.parcels.weight_edit,
                  self.carrier.service_combo):
            w.installEventFilter(self)
        self.scan.installEventFilter(self)
        self.setFocusProxy(self.scan)

    # Print dialog for slips printed by hand; tests put a fake here (no modal dialog).
    print_dialog_factory: Callable[[Any, Any], Any] | None = None

    KEYS = {
        (Qt.Key.Key_F8, Qt.KeyboardModifier.NoModifier): "CMD:UNDO",
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier): "CMD:UNDO",
        (Qt.Key.Key_F9, Qt.KeyboardModifier.NoModifier): "CMD:NEXT-PARCEL",
        (Qt.Key.Key_F10, Qt.KeyboardModifier.NoModifier): "CMD:COMPLETE",
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier): "CMD:REPRINT",
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier): "CMD:CANCEL",
        (Qt.Key.Key_F12, Qt.KeyboardModifier.NoModifier): "CMD:DELIVERED",
    }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """One key per command, taken before the scan field (or a parcel / carrier field)
        sees it. In those fields Enter and Esc go back to the scan field."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            key = Qt.Key(event.key())
            field = self.FIELD_KEYS.get((key, mods))
            if field is not None:
                self._focus_field(field)
                return True
            if key == Qt.Key.Key_P and mods == Qt.KeyboardModifier.ControlModifier:
                self.print_slip()
                return True
            if watched is not self.scan and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                                    Qt.Key.Key_Escape):
                if watched is self.parcels.weight_edit and key != Qt.Key.Key_Escape:
                    self._weight_entered()
                self.scan.setFocus()
                return True
            command = self.KEYS.get((key, mods))
            if command is not None:
                self.handle_scan(command)
                return True
        return super().eventFilter(watched, event)

    FIELD_KEYS = {
        (Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier): "box",
        (Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier): "weight",
        (Qt.Key.Key_F7, Qt.KeyboardModifier.NoModifier): "carrier",
    }

    def _focus_field(self, field: str) -> None:
        if self.pack is None:
            self._bad(self.tr("No order is open."))
            return
        widget: QWidget = {"box": self.parcels.box_combo, "weight": self.parcels.weight_edit,
                           "carrier": self.carrier.service_combo}[field]
        widget.setFocus()
        if widget is self.parcels.weight_edit:
            self.parcels.weight_edit.selectAll()

    def _weight_entered(self) -> None:
        try:
            kg = self.parcels.weight_from_field()
        except ValueError as exc:
            self._bad(str(exc))
            return
        if kg is not None:
            self._good(self.tr("Parcel {0}: {1} kg").format(self.parcels.current, kg))

    # --- scanning --------------------------------------------------------------------------

    def _on_return(self) -> None:
        text = self.scan.text()
        self.scan.clear()
        if text.strip():
            self.handle_scan(text)

    def handle_scan(self, text: str) -> None:
        kind, code = _classify(text)
        try:
            if self.awaiting_delivered and kind != "command":
                self._delivered(code)
            elif kind == "command":
                self._command(code)
            elif self.pack is not None and kind == "other" and self._parcel_scan(code):
                pass
            elif self.pack is not None and kind != "orderish":
                self._item(code)
            elif kind == "orderish":
                self._start(code)
            else:
                self._ship(code)
        except ServiceError as exc:
            self._bad(str(exc))
        except Exception as exc:  # noqa: BLE001 - a scan must never crash the station
            logger.exception("scan %r failed", text)
            self._bad(self.tr("Error: {0}").format(exc))
        finally:
            self.scan.setFocus()

    def _start(self, code: str) -> None:
        if self.pack is not None:
            fulfilment.cancel_packing(self.db, self.actor, self.pack.session_id)
        self._show(fulfilment.start_packing(self.db, self.actor, code))
        assert self.pack is not None
        self._good(self.tr("Packing {0}: scan the items").format(self.pack.order_number))

    def _parcel_scan(self, code: str) -> bool:
        """A weight (scale / weight barcode) or BOX:<code> scan for the current parcel.
        False when the scan is neither (then it is an item)."""
        if self.waiting_serial is not None:
            return False
        box = _BOX_SCAN.match(code)
        if box is not None:
            if not self.parcels.set_box(box.group(1)):
                raise ValidationFailed(self.tr("There is no box size {0}; boxes: {1}").format(
                    box.group(1), ", ".join(self.parcels.boxes) or "—"))
            self._good(self.tr("Parcel {0}: box {1}").format(self.parcels.current,
                                                             box.group(1).upper()))
            return True
        kg = parse_weight(code)
        if kg is None:
            return False
        if kg <= 0 or kg > 5000:
            raise ValidationFailed(self.tr("{0} is not a parcel weight in kg").format(code))
        self.parcels.set_weight(kg)
        self._good(self.tr("Parcel {0}: {1} kg").format(self.parcels.current, kg))
        return True

    def _item(self, code: str) -> None:
        assert self.pack is not None
        serial = ""
        if self.waiting_serial is not None:  # this scan is the serial number / lot
            code, serial, self.waiting_serial = self.waiting_serial, code, None
        try:
            view = fulfilment.scan_item(self.db, self.actor, self.pack.session_id, code,
                                        serial)
        except ScanRefused as exc:
            if exc.kind in ("needs_serial", "needs_lot"):
                self.waiting_serial = code
                self.banner.setStyleSheet(GREY)
                self.banner.setText(str(exc))
                return
            if exc.kind == "unknown_code" and not serial and self._tracking_scan(code):
                return
            raise
        self._show(view)
        self._good(view.last_scan)
        if view.complete:
            self._complete()

    def _tracking_scan(self, code: str) -> bool:
        """A pre-printed carrier label scanned while packing: its tracking number goes on the
        current parcel. Items come first — only a code that is no product gets here."""
        scan = classify(code)
        if scan.kind is not ScanKind.TRACKING:
            return False
        self.parcels.set_tracking(scan.code)
        self._good(self.tr("Parcel {0}: tracking number {1} ({2})").format(
            self.parcels.current, scan.code, scan.carrier or self.tr("carrier")))
        return True

    def _ship(self, code: str) -> None:
        # Ship by scan survives a lost server: the scan is kept in the local journal and
        # replayed later (replay_offline_scans). Pack-station item scans stay online-only.
        result = offline.ship_by_scan(self.db, self.actor, code, journal=self.journal)
        if isinstance(result, offline.Journalled):
            self._offline()
        elif result.already:
            self._bad(result.message)
        else:
            self._good(result.message)
            self._to_print_timer.start()  # the shipped one leaves "Waiting to ship"

    # --- offline journal -------------------------------------------------------------------

    def _open_journal(self) -> tuple[ScanJournal, bool]:
        """(journal, whether the caller must close it)."""
        if self.journal is not None:
            return self.journal, False
        return ScanJournal(offline.journal_path()), True

    def offline_waiting(self) -> int:
        """How many scans wait in the local journal for the database."""
        journal, own = self._open_journal()
        try:
            return len(journal.pending())
        finally:
            if own:
                journal.close()

    def _offline(self) -> None:
        text = self.tr("Offline — scan kept, it will be sent when the database is back "
                       "({0} waiting)").format(self.offline_waiting())
        self._amber(text)

    def replay_offline_scans(self) -> offline.OfflineReport | None:
        """Send the scans kept while the database was unreachable, in order, and show the
        report. None (and the banner untouched) when nothing was waiting."""
        if self.offline_waiting() == 0:
            return None
        try:
            report = offline.replay(self.db, self.actor, journal=self.journal)
        except ServiceError as exc:
            self._bad(str(exc))
            return None
        self.last_offline_report = report
        lines = [self.tr("Offline scans: {0} applied").format(len(report.applied))]
        lines += [self.tr("REFUSED {0}").format(m) for m in report.not_applied]
        lines += [self.tr("already on the server: {0}").format(m) for m in report.duplicates]
        if report.stopped:
            lines.append(self.tr("Stopped, {0} still waiting: {1}").format(
                report.pending, report.stopped))
        text = "\n".join(lines)
        if report.stopped:
            self._amber(text)
        elif report.not_applied:
            self._bad(text)
        else:
            self._good(text)
        return report

    def _delivered(self, code: str) -> None:
        """The scan after CMD:DELIVERED is a signed delivery slip: its tracking or order
        number marks the parcel's order delivered (签收)."""
        self.awaiting_delivered = False
        number = tracking.scan_delivered(self.db, self.actor, code)
        self._good(self.tr("Delivered: {0} ({1})").format(number, code))

    def _command(self, code: str) -> None:
        if code == "CMD:DELIVERED":
            self.awaiting_delivered = True
            self.banner.setStyleSheet(GREY)
            self.banner.setText(self.tr("Scan the signed delivery slip (tracking or order number)"))
            return
        if code == "CMD:REPRINT":
            if self.last_shipment is None:
                self._bad(self.tr("Nothing printed yet."))
            else:
                self._print(self.last_shipment)
            return
        if self.pack is None:
            self._bad(self.tr("No order is open."))
            return
        sid = self.pack.session_id
        if code == "CMD:UNDO":
            view = fulfilment.undo_last_scan(self.db, self.actor, sid)
            self._show(view)
            self._good(view.last_scan)
        elif code == "CMD:NEXT-PARCEL":
            view = fulfilment.next_parcel(self.db, self.actor, sid)
            self._show(view)
            self._good(self.tr("Parcel {0}").format(view.current_parcel))
        elif code == "CMD:COMPLETE":
            self._complete()
        elif code == "CMD:CANCEL":
            fulfilment.cancel_packing(self.db, self.actor, sid)
            self._clear()
            self._good(self.tr("Packing cancelled"))
        else:
            self._bad(self.tr("Unknown command {0}").format(code))

    def _complete(self) -> None:
        assert self.pack is not None
        shipment = fulfilment.complete_packing(
            self.db, self.actor, self.pack.session_id,
            self.parcels.inputs_for(self.pack.parcels_used),
            service_id=self.carrier.selected_service_id())
        self.last_shipment = shipment
        self._clear()
        self._print(shipment)
        tracking = ", ".join(p.label_code for p in shipment.parcels)
        text = self.tr("Packed {0} ({1}) — {2}").format(shipment.order_number, tracking,
                                                      shipment.carrier_name or "—")
        if shipment.backorder:
            text += self.tr(" — backorder: {0}").format(
                ", ".join(f"{sku} × {q}" for sku, _, q in shipment.backorder))
        self._good(text)
        self.refresh_to_print()

    def _print(self, shipment: ShipmentView) -> None:
        from app.printing import fulfilment as docs
        from app.printing.output import print_pdf, save_pdf

        labels = docs.shipment_labels_pdf([shipment])
        slip = docs.packing_slips_pdf([shipment], self.slip_paper)
        if self.label_printer:
            print_pdf(labels, self.label_printer, dpi=203, title=f"label {shipment.number}")
            self.printed.emit(self.label_printer)
        else:
            path = save_pdf(labels, self.pdf_folder / f"label-{shipment.number}.pdf")
            self.printed.emit(str(path))
        if self.slip_printer:  # printed by itself: no dialog to answer at the pack station
            print_pdf(slip, self.slip_printer, title=f"slip {shipment.number}")
            self.printed.emit(self.slip_printer)
        else:
            path = save_pdf(slip, self.pdf_folder / f"slip-{shipment.number}.pdf")
            self.printed.emit(str(path))
        fulfilment.mark_label_printed(self.db, self.actor, shipment.id)

    # --- printing by hand and in batches ----------------------------------------------------

    def _to_print_panel(self) -> QWidget:
        panel = QWidget()
        self.to_print_model = ShipmentsToPrintModel(self)
        self.to_print_table = QTableView()
        self.to_print_table.setModel(self.to_print_model)
        self.to_print_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.to_print_table.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection)
        self.to_print_table.horizontalHeader().setStretchLastSection(True)
        self.to_print_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.batch_labels_button = QPushButton(self.tr("Print labels"))
        self.batch_labels_button.clicked.connect(self.print_selected_labels)
        self.batch_slips_button = QPushButton(self.tr("Print slips…"))
        self.batch_slips_button.clicked.connect(self.print_selected_slips)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh_to_print)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (refresh, self.batch_labels_button, self.batch_slips_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.to_print_table)
        layout.addLayout(buttons)
        return panel

    def refresh_to_print(self) -> None:
        """Reload the waiting-to-ship list in the background (never blocks a scan)."""
        db = self.db
        run_in_thread(lambda: fulfilment.shipments_to_print(db), self._to_print_loaded,
                      lambda exc: self._bad(str(exc)), owner=self)

    def _to_print_loaded(self, rows: list[fulfilment.ShipmentRow]) -> None:
        self.to_print_model.set_rows(rows)

    def selected_shipment_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.to_print_table.selectionModel().selectedRows()})
        return [self.to_print_model.rows[r].id for r in rows]

    def _dialog_print(self, pdf: bytes, title: str) -> str | None:
        """Through the print dialog (slip printer preselected); where it went, or None
        when the user cancelled."""
        from PySide6.QtPrintSupport import QPrintDialog

        from app.printing.output import new_printer, print_pdf_with_dialog, printer_target

        printer = new_printer(self.slip_printer or "")
        factory = self.print_dialog_factory or QPrintDialog
        if not print_pdf_with_dialog(pdf, printer, self, factory, title=title):
            return None
        target = printer_target(printer)
        self.printed.emit(target)
        return target

    def print_slip(self) -> None:
        """Ctrl+P: the last packed shipment's packing slip, through a print dialog."""
        from app.printing import fulfilment as docs

        if self.last_shipment is None:
            self._bad(self.tr("Nothing packed yet: no packing slip to print."))
            return
        sh = self.last_shipment
        try:
            target = self._dialog_print(docs.packing_slips_pdf([sh], self.slip_paper),
                                        f"slip {sh.number}")
        except Exception as exc:  # noqa: BLE001 - a printer problem must not lose the station
            logger.exception("printing slip %s failed", sh.number)
            self._bad(self.tr("Printing failed: {0}").format(exc))
        else:
            if target is not None:
                self._good(self.tr("Packing slip {0} printed to {1}").format(sh.number, target))
        finally:
            self.scan.setFocus()

    def _selected_shipments(self) -> list[ShipmentView]:
        ids = self.selected_shipment_ids()
        if not ids:
            self._bad(self.tr("Select the shipments to print first."))
        return [fulfilment.get_shipment(self.db, i) for i in ids]

    def print_selected_slips(self) -> None:
        """Packing slips of every selected shipment: one job, one print dialog."""
        from app.printing import fulfilment as docs

        shipments = self._selected_shipments()
        if not shipments:
            return
        try:
            target = self._dialog_print(docs.packing_slips_pdf(shipments, self.slip_paper),
                                        self.tr("{0} packing slips").format(len(shipments)))
        except Exception as exc:  # noqa: BLE001
            logger.exception("batch slips failed")
            self._bad(self.tr("Printing failed: {0}").format(exc))
            return
        if target is not None:
            self._good(self.tr("{0} packing slips printed to {1}").format(len(shipments),
                                                                          target))

    def print_selected_labels(self) -> None:
        """Labels of every selected shipment to the label printer (no dialog), or to one
        PDF file when there is no label printer."""
        from app.printing import fulfilment as docs
        from app.printing.output import print_pdf, save_pdf

        shipments = self._selected_shipments()
        if not shipments:
            return
        labels = docs.shipment_labels_pdf(shipments)
        try:
            if self.label_printer:
                print_pdf(labels, self.label_printer, dpi=203,
                          title=f"labels {len(shipments)}")
                target = self.label_printer
            else:
                stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
                target = str(save_pdf(labels, self.pdf_folder / f"labels-{stamp}.pdf"))
        except Exception as exc:  # noqa: BLE001
            logger.exception("batch labels failed")
            self._bad(self.tr("Printing failed: {0}").format(exc))
            return
        self.printed.emit(target)
        for sh in shipments:
            fulfilment.mark_label_printed(self.db, self.actor, sh.id)
        parcels = sum(len(sh.parcels) for sh in shipments)
        self._good(self.tr("{0} labels for {1} shipments printed to {2}").format(
            parcels, len(shipments), target))
        self.refresh_to_print()

    def save_command_sheet(self) -> Path:
        """The printable sheet of command barcodes (complete, undo, next parcel …) and, on
        its second page, one BOX:<code> barcode per box size."""
        from app.printing.output import save_pdf
        from app.printing.shipping_docs import command_sheet_pdf

        boxes = [(b.code, b.name) for b in self.parcels.boxes.values()]
        return save_pdf(command_sheet_pdf(self.slip_paper, boxes),
                        self.pdf_folder / "commands.pdf")

    # --- display ---------------------------------------------------------------------------

    def _show(self, view: PackView) -> None:
        if self.pack is None or self.pack.session_id != view.session_id:
            self.parcels.reset()
            self.carrier.reset()
        self.pack = view
        self.parcels.set_current(view.current_parcel)
        self._refresh_proposal()
        self.model.set_lines(view.lines)
        self.order_label.setText(self.tr("Order {0} — {1} — parcel {2}").format(
            view.order_number, view.customer_name, view.current_parcel))
        self.progress.setText(f"{view.scanned_units} / {view.expected_units}")

    def _refresh_proposal(self) -> None:
        """The carrier proposal for the parcels packed so far, with their boxes and
        weights; shown, never applied until the order completes."""
        if self.pack is None:
            return
        if not self.pack.parcels_used:  # nothing scanned yet: nothing to weigh or rate
            self.carrier.reset()
            self.carrier.why_label.setText(self.tr("Scan the items: the cheapest service that "
                                                   "takes the parcel is proposed here."))
            return
        try:
            prop = fulfilment.propose_service(
                self.db, self.pack.session_id, self.parcels.inputs_for(self.pack.parcels_used))
        except ServiceError as exc:
            self.carrier.show_error(str(exc))
            return
        self.carrier.set_proposal(prop)

    def _clear(self) -> None:
        self.parcels.reset()
        self.carrier.reset()
        self.pack = None
        self.model.set_lines([])
        self.order_label.setText("")
        self.progress.setText("")

    def _good(self, text: str) -> None:
        self.banner.setStyleSheet(GREEN)
        self.banner.setText(text)
        self.confirmed.emit(text)

    def _amber(self, text: str) -> None:
        self.banner.setStyleSheet(AMBER)
        self.banner.setText(text)
        self.kept_offline.emit(text)

    def _bad(self, text: str) -> None:
        self.banner.setStyleSheet(RED)
        self.banner.setText(text)
        for _ in range(3):
            QApplication.beep()
        self.alarm.emit(text)

    @property
    def banner_is_red(self) -> bool:
        return self.banner.styleSheet() == RED
