"""Pack-station side panels: the parcel being packed (box, weight, size) and the carrier
proposal with the packer's override; plus the list of packed shipments for batch printing.

Everything works from the keyboard: the Shipping view gives each field a function key and
sends the focus back to the scan field on Enter or Esc.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.carriers import fmt_kg
from app.services.fulfilment import BoxView, ParcelInput, ServiceProposal, ShipmentRow
from app.ui.models.rows import RowsTableModel

# A weight from a scale or a weight barcode: "W:2.45", "WT:2450g", "2.45 kg", "2,45".
# A bare number needs a decimal mark or a unit, so an EAN is never taken for a weight.
_WEIGHT = re.compile(r"^(?:(?P<prefix>WT?:)\s*)?(?P<num>\d{1,5}(?:[.,]\d{1,4})?)\s*"
                     r"(?P<unit>KG|G)?$", re.IGNORECASE)
MAX_KG = Decimal(5000)


def parse_weight(text: str, *, bare: bool = False) -> Decimal | None:
    """Kilograms in a scale's or weight barcode's text; None when it is not a weight.
    ``bare``: a plain number counts (the weight field), not only a marked one (scans)."""
    m = _WEIGHT.match(text.strip())
    if m is None:
        return None
    num = m.group("num").replace(",", ".")
    marked = bool(m.group("prefix") or m.group("unit") or "." in num)
    if not (bare or marked):
        return None
    try:
        kg = Decimal(num)
    except InvalidOperation:
        return None
    if (m.group("unit") or "").upper() == "G":
        kg = kg / 1000
    return kg


_kg = fmt_kg


def _dims(box: BoxView | None) -> str:
    if box is None:
        return "—"
    return f"{_kg(box.length_cm)} × {_kg(box.width_cm)} × {_kg(box.height_cm)} cm"


class ParcelPanel(QGroupBox):
    """Box, weight and size of each parcel of the order being packed."""

    changed = Signal()

    COLUMNS = ("Parcel", "Box", "Weight kg", "Size", "Tracking")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Parcel"))
        self.boxes: dict[str, BoxView] = {}
        self.inputs: dict[int, ParcelInput] = {}
        self.current = 1
        self.box_combo = QComboBox()
        self.box_combo.setObjectName("box_combo")
        self.box_combo.currentIndexChanged.connect(self._box_chosen)
        self.weight_edit = QLineEdit()
        self.weight_edit.setObjectName("weight_edit")
        self.weight_edit.setPlaceholderText(self.tr("kg — type or scan, then Enter"))
        self.dims_label = QLabel("—")
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        form = QFormLayout()
        form.addRow(QLabel(self.tr("&Box (F5):"), buddy=self.box_combo), self.box_combo)
        form.addRow(QLabel(self.tr("&Weight (F6):"), buddy=self.weight_edit), self.weight_edit)
        form.addRow(self.tr("Size:"), self.dims_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        self._loading = False

    def set_boxes(self, boxes: list[BoxView]) -> None:
        self._loading = True
        self.boxes = {b.code: b for b in boxes}
        self.box_combo.clear()
        self.box_combo.addItem(self.tr("(no box: size unknown)"), "")
        for b in boxes:
            self.box_combo.addItem(f"{b.code} — {b.name} · {_dims(b)}", b.code)
        self._loading = False

    # --- state --------------------------------------------------------------------------

    def reset(self) -> None:
        """A new order: one empty parcel."""
        self.inputs = {}
        self.current = 1
        self._sync()

    def set_current(self, number: int) -> None:
        """The packer moved on to parcel ``number``: it starts in the previous parcel's box
        (packers mostly repeat a size), with no weight yet."""
        if number not in self.inputs:
            before = self.inputs.get(number - 1)
            self.inputs[number] = ParcelInput(box_code=before.box_code if before else "")
        self.current = number
        self._sync()

    def _input(self) -> ParcelInput:
        return self.inputs.setdefault(self.current, ParcelInput())

    def set_box(self, code: str) -> bool:
        """Choose the current parcel's box by its code; False when there is no such box."""
        code = code.strip().upper()
        index = self.box_combo.findData(code)
        if index < 0 or code not in self.boxes:
            return False
        self.box_combo.setCurrentIndex(index)  # _box_chosen stores it
        return True

    def set_weight(self, kg: Decimal | None) -> None:
        self._input().weight_kg = kg
        self._sync()
        self.changed.emit()

    def set_tracking(self, number: str) -> None:
        """A tracking number scanned from a carrier's pre-printed label for this parcel."""
        self._input().tracking_number = number
        self._sync()

    def weight_from_field(self) -> Decimal | None:
        """The weight typed in the field, stored on the current parcel; ValueError names
        what is wrong when it is not a weight."""
        text = self.weight_edit.text().strip()
        if not text:
            self.set_weight(None)
            return None
        kg = parse_weight(text, bare=True)
        if kg is None or kg <= 0 or kg > MAX_KG:
            raise ValueError(self.tr("{0} is not a parcel weight in kg (e.g. 2.45)")
                             .format(text))
        self.set_weight(kg)
        return kg

    def _box_chosen(self, index: int) -> None:
        if self._loading or index < 0:
            return
        self._input().box_code = str(self.box_combo.itemData(index) or "")
        self._sync()
        self.changed.emit()

    def inputs_for(self, numbers: tuple[int, ...]) -> list[ParcelInput]:
        """What the service needs: one input per parcel that holds scans, in order."""
        return [self.inputs.get(n, ParcelInput()) for n in numbers]

    # --- display ------------------------------------------------------------------------

    def _sync(self) -> None:
        inp = self._input()
        self._loading = True
        self.box_combo.setCurrentIndex(max(0, self.box_combo.findData(inp.box_code)))
        self._loading = False
        self.weight_edit.setText("" if inp.weight_kg is None else _kg(inp.weight_kg))
        self.dims_label.setText(_dims(self.boxes.get(inp.box_code)))
        self.setTitle(self.tr("Parcel {0}").format(self.current))
        numbers = sorted(self.inputs)
        self.table.setRowCount(len(numbers))
        for row, n in enumerate(numbers):
            p = self.inputs[n]
            weight = self.tr("auto") if p.weight_kg is None else _kg(p.weight_kg)
            cells = (str(n), p.box_code or "—", weight, _dims(self.boxes.get(p.box_code)),
                     p.tracking_number or "—")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if n == self.current:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)


class CarrierPanel(QGroupBox):
    """The proposed service, why, and a combo to override it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Carrier"))
        self.proposal: ServiceProposal | None = None
        self.proposal_label = QLabel("—")
        self.proposal_label.setObjectName("proposal_label")
        self.proposal_label.setWordWrap(True)
        self.proposal_label.setStyleSheet("font-size:15px;font-weight:bold;")
        self.why_label = QLabel("")
        self.why_label.setObjectName("why_label")
        self.why_label.setWordWrap(True)
        self.why_label.setStyleSheet("color:#444;")
        self.service_combo = QComboBox()
        self.service_combo.setObjectName("service_combo")
        self.service_combo.currentIndexChanged.connect(self._picked)
        form = QFormLayout()
        form.addRow(QLabel(self.tr("&Service (F7):"), buddy=self.service_combo),
                    self.service_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.proposal_label)
        layout.addWidget(self.why_label)
        layout.addLayout(form)
        self._loading = False
        self.reset()

    def reset(self) -> None:
        """A new order: back to the proposal, nothing known yet."""
        self.proposal = None
        self._loading = True
        self.service_combo.clear()
        self.service_combo.addItem(self.tr("Proposed (cheapest that fits)"), None)
        self._loading = False
        self.proposal_label.setText("—")
        self.why_label.setText("")

    def selected_service_id(self) -> int | None:
        """The packer's override, or None to take the proposal."""
        data = self.service_combo.currentData()
        return int(data) if data is not None else None

    def show_error(self, text: str) -> None:
        self.proposal = None
        self.proposal_label.setText(self.tr("No proposal"))
        self.why_label.setText(text)

    def set_proposal(self, prop: ServiceProposal) -> None:
        """Show the proposal and refill the override list, keeping the packer's pick."""
        keep = self.selected_service_id()
        self.proposal = prop
        self._loading = True
        self.service_combo.clear()
        first = (self.tr("Proposed: {0}").format(prop.label) if prop.label
                 else self.tr("Proposed: none accepts it"))
        self.service_combo.addItem(first, None)
        model = self.service_combo.model()
        for opt in prop.options:
            if opt.refused:
                text = self.tr("{0} — cannot: {1}").format(opt.label, opt.refused)
            else:
                text = self.tr("{0} — {1}, {2} d").format(opt.label, _money(opt.price),
                                                         opt.transit_days)
            self.service_combo.addItem(text, opt.service_id)
            if opt.refused and isinstance(model, QStandardItemModel):
                item = model.item(self.service_combo.count() - 1)
                item.setEnabled(False)  # a service that refuses the parcel is not offered
        index = self.service_combo.findData(keep) if keep is not None else 0
        self.service_combo.setCurrentIndex(max(0, index))
        self._loading = False
        self._describe()

    def _picked(self, _index: int) -> None:
        if not self._loading:
            self._describe()
            self.changed.emit()

    def _describe(self) -> None:
        prop = self.proposal
        if prop is None:
            return
        if prop.service_id is None:
            head = self.tr("No service accepts {0} kg").format(_kg(prop.total_kg))
        else:
            weight = self.tr("{0} kg").format(_kg(prop.total_kg))
            if prop.chargeable_kg is not None and prop.chargeable_kg > prop.total_kg:
                weight = self.tr("{0} kg ({1} kg chargeable)").format(
                    _kg(prop.total_kg), _kg(prop.chargeable_kg))
            head = self.tr("{0}: {1} — cheapest of {2} that accept {3} to {4}").format(
                prop.label, _money(prop.price), prop.accepting, weight, prop.zone)
            if prop.freight:
                head = self.tr("Freight: {0}").format(head)
        chosen = self.selected_service_id()
        if chosen is not None and chosen != prop.service_id:
            opt = next(o for o in prop.options if o.service_id == chosen)
            head = self.tr("Override: {0} ({1}) — proposed was {2}").format(
                opt.label, _money(opt.price), prop.label or "—")
        self.proposal_label.setText(head)
        self.why_label.setText(prop.explanation)  # the domain's reasons, refusals included


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


class ShipmentsToPrintModel(RowsTableModel[ShipmentRow]):
    """Packed shipments waiting to leave, for batch printing."""

    HEADERS = ("Shipment", "Order", "Recipient", "Carrier", "Parcels", "Packed", "Label")

    def cell(self, r: ShipmentRow, column: int) -> Any:
        printed = QApplication.translate("ShipmentsToPrintModel",
                                         "printed" if r.label_printed else "not printed")
        return (r.number, r.order_number, r.recipient, r.carrier, r.parcels,
                f"{r.packed_at.astimezone():%m-%d %H:%M}", printed)[column]
