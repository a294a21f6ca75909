"""Channels & tiers (manager): per sales channel when orders are invoiced, whether the
channel collects the money, how long an unpaid order's reservation lasts, what an imported
order does with a short line, the marketplace/payment fee and the channel's price list
(edited here or imported from CSV); and the member tiers with their discount.

The settings are small, so they are read and saved directly (no worker thread); every
change goes through ``app.services.channel_setup`` and ``app.services.pricing``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.allocation import Choice
from app.domain.money import format_money, parse_money
from app.domain.roles import Permission, may
from app.services import catalog, channel_setup, pricing
from app.services.channel_setup import ChannelConfig
from app.services.context import Actor
from app.services.errors import ServiceError
from app.ui.views.receivables import SimpleTableModel, _table

NEVER = 0  # the reservation spin box's "never expires"


class ChannelsView(QWidget):
    """Tabs: Channels (settings and price list), Member tiers."""

    saved = Signal(str)  # what was saved (tests, status bar)
    status_message = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.channels: dict[str, ChannelConfig] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._channels_tab(), self.tr("Channels"))
        self.tabs.addTab(self._tiers_tab(), self.tr("Member tiers"))
        self.message = QLabel()
        self.message.setObjectName("channelsMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        allowed = may(actor.role, Permission.MANAGE_PRICING)
        for button in (self.save_button, self.set_price_button, self.remove_price_button,
                       self.import_button, self.tier_save_button, self.add_channel_button):
            button.setEnabled(allowed)
        self.refresh()

    # -- shared

    def _fail(self, text: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)

    def _ok(self, text: str) -> None:
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(text)
        self.status_message.emit(text)

    def refresh(self) -> None:
        current = self.current_channel()
        self.channels = {c.channel: c for c in channel_setup.list_channels(self.db)}
        self.channel_list.blockSignals(True)
        self.channel_list.clear()
        for name in self.channels:
            self.channel_list.addItem(QListWidgetItem(name))
        self.channel_list.blockSignals(False)
        self.select_channel(current or next(iter(self.channels), ""))
        self._load_tiers()

    # -- channels

    def _channels_tab(self) -> QWidget:
        w = QWidget()
        self.channel_list = QListWidget()
        self.channel_list.setFixedWidth(160)
        self.channel_list.currentTextChanged.connect(self._show_channel)
        self.new_channel = QLineEdit()
        self.new_channel.setPlaceholderText(self.tr("New channel, e.g. tmall"))
        self.add_channel_button = QPushButton(self.tr("Add"))
        self.add_channel_button.clicked.connect(self.add_channel)
        left = QVBoxLayout()
        left.addWidget(self.channel_list, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_channel)
        add_row.addWidget(self.add_channel_button)
        left.addLayout(add_row)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.invoice_at = QComboBox()
        self.invoice_at.addItem(self.tr("At shipment"), "ship")
        self.invoice_at.addItem(self.tr("At confirmation"), "confirm")
        self.prepaid = QCheckBox(self.tr("Paid through the channel (marketplace collects)"))
        self.reservation = QSpinBox()
        self.reservation.setRange(NEVER, 60 * 24 * 60)
        self.reservation.setSpecialValueText(self.tr("never"))
        self.reservation.setSuffix(self.tr(" min"))
        self.reservation.setToolTip(self.tr(
            "An unpaid order's reservation is released after this time; 0 = never."))
        self.default_choice = QComboBox()
        for choice, label in ((Choice.ALL_OR_NOTHING, self.tr("Refuse, a clerk decides")),
                              (Choice.SHIP_AND_BACKORDER,
                               self.tr("Ship what is there, backorder the rest")),
                              (Choice.WAIT_ALL, self.tr("Wait for all of it")),
                              (Choice.CANCEL_LINE, self.tr("Cancel the short line"))):
            self.default_choice.addItem(label, choice.value)
        self.fee_percent = QLineEdit()
        self.fee_percent.setPlaceholderText("0")
        self.fee_fixed = QLineEdit()
        self.fee_fixed.setPlaceholderText("0.00")
        self.save_button = QPushButton(self.tr("Save channel"))
        self.save_button.clicked.connect(self.save_channel)
        form = QFormLayout()
        form.addRow(self.tr("Invoice"), self.invoice_at)
        form.addRow("", self.prepaid)
        form.addRow(self.tr("Unpaid reservation expires after"), self.reservation)
        form.addRow(self.tr("Imported order, short line"), self.default_choice)
        form.addRow(self.tr("Fee (% of revenue)"), self.fee_percent)
        form.addRow(self.tr("Fee per order (fixed)"), self.fee_fixed)
        form.addRow("", self.save_button)

        prices = QGroupBox(self.tr("Channel price list"))
        self.price_model = SimpleTableModel([self.tr("SKU"), self.tr("Product"),
                                             self.tr("List price"), self.tr("Channel price")],
                                            self)
        self.price_table = _table(self.price_model)
        self.price_product = QLineEdit()
        self.price_product.setPlaceholderText(self.tr("SKU or barcode"))
        self.price_value = QLineEdit()
        self.price_value.setPlaceholderText(self.tr("Price"))
        self.set_price_button = QPushButton(self.tr("Set price"))
        self.set_price_button.clicked.connect(self.set_price)
        self.remove_price_button = QPushButton(self.tr("Remove selected"))
        self.remove_price_button.clicked.connect(self.remove_price)
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.import_button.setToolTip(self.tr("Rows of sku,price; all rows or none."))
        self.import_button.clicked.connect(lambda: self.import_prices())
        price_row = QHBoxLayout()
        for widget in (self.price_product, self.price_value, self.set_price_button,
                       self.remove_price_button, self.import_button):
            price_row.addWidget(widget)
        box = QVBoxLayout(prices)
        box.addLayout(price_row)
        box.addWidget(self.price_table)

        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addLayout(form)
        right.addWidget(prices, 1)
        layout = QHBoxLayout(w)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        return w

    def current_channel(self) -> str:
        item = self.channel_list.currentItem()
        return item.text() if item is not None else ""

    def select_channel(self, name: str) -> None:
        for row in range(self.channel_list.count()):
            if self.channel_list.item(row).text() == name:
                self.channel_list.setCurrentRow(row)
                self._show_channel(name)
                return

    def _show_channel(self, name: str) -> None:
        config = self.channels.get(name)
        if config is None:
            return
        self.title.setText(name)
        self.invoice_at.setCurrentIndex(self.invoice_at.findData(config.invoice_at))
        self.prepaid.setChecked(config.prepaid)
        self.reservation.setValue(config.reservation_minutes or NEVER)
        self.default_choice.setCurrentIndex(
            self.default_choice.findData(config.default_allocation.value))
        self.fee_percent.setText(f"{config.fee_percent.normalize():f}")
        self.fee_fixed.setText(format_money(config.fee_fixed))
        self._load_prices(name)

    def add_channel(self) -> None:
        """A channel that has no orders yet: saved with the defaults, then edited."""
        name = self.new_channel.text().strip().lower()
        try:
            channel_setup.save_channel(self.db, self.actor, ChannelConfig(name))
        except ServiceError as exc:
            self._fail(str(exc))
            return
        self.new_channel.clear()
        self.refresh()
        self.select_channel(name)
        self._ok(self.tr("Channel %1 added.").replace("%1", name))

    def form_config(self) -> ChannelConfig:
        """The form as a ChannelConfig; ValueError names the field that is not a number."""
        try:
            percent = Decimal(self.fee_percent.text().strip().rstrip("%") or "0")
            if not percent.is_finite():
                raise ArithmeticError
        except ArithmeticError:
            raise ValueError(self.tr("The fee percent is not a number.")) from None
        try:
            fixed = parse_money(self.fee_fixed.text() or "0")
        except ValueError:
            raise ValueError(self.tr("The fixed fee is not an amount.")) from None
        minutes = self.reservation.value()
        return ChannelConfig(
            self.current_channel(), invoice_at=str(self.invoice_at.currentData()),
            prepaid=self.prepaid.isChecked(),
            reservation_minutes=None if minutes == NEVER else minutes,
            default_allocation=Choice(self.default_choice.currentData()),
            fee_percent=percent, fee_fixed=fixed)

    def save_channel(self) -> None:
        if not self.current_channel():
            self._fail(self.tr("Choose a channel first."))
            return
        try:
            config = self.form_config()
            saved = channel_setup.save_channel(self.db, self.actor, config)
        except (ValueError, ServiceError) as exc:
            self._fail(str(exc))
            return
        self.channels[saved.channel] = saved
        self._ok(self.tr("Channel %1 saved.").replace("%1", saved.channel))
        self.saved.emit(saved.channel)

    # -- price list

    def _load_prices(self, channel: str) -> None:
        self.price_model.set_rows([
            (p.product_id, [p.sku, p.name, format_money(p.list_price),
                            format_money(p.unit_price)])
            for p in channel_setup.channel_prices(self.db, channel)])

    def set_price(self) -> None:
        channel = self.current_channel()
        match = catalog.lookup_product(self.db, self.price_product.text().strip())
        if not channel or match is None:
            self._fail(self.tr("No product with the code %1.").replace(
                "%1", self.price_product.text().strip()) if channel
                else self.tr("Choose a channel first."))
            return
        try:
            price = parse_money(self.price_value.text())
            pricing.set_channel_price(self.db, self.actor, channel, match.product_id, price)
        except ValueError:
            self._fail(self.tr("%1 is not a price.").replace("%1", self.price_value.text()))
            return
        except ServiceError as exc:
            self._fail(str(exc))
            return
        self.price_product.clear()
        self.price_value.clear()
        self._load_prices(channel)
        self._ok(self.tr("%1 costs %2 on %3.").replace("%1", match.sku)
                 .replace("%2", format_money(price)).replace("%3", channel))
        self.saved.emit(channel)

    def remove_price(self) -> None:
        channel = self.current_channel()
        rows = self.price_table.selectionModel().selectedRows()
        if not rows:
            self._fail(self.tr("Select the prices to remove."))
            return
        try:
            for index in rows:
                product_id = self.price_model.data(index, Qt.ItemDataRole.UserRole)
                pricing.set_channel_price(self.db, self.actor, channel, product_id, None)
        except ServiceError as exc:
            self._fail(str(exc))
            return
        finally:
            self._load_prices(channel)
        self._ok(self.tr("%1 price(s) removed; those products sell at the list price.")
                 .replace("%1", str(len(rows))))

    def import_prices(self, path: str | None = None) -> None:
        channel = self.current_channel()
        if not channel:
            self._fail(self.tr("Choose a channel first."))
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import channel prices"), "",
                                                  self.tr("CSV files (*.csv);;All files (*)"))
        if not path:
            return
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
            result = channel_setup.import_channel_prices(self.db, self.actor, channel, text)
        except UnicodeDecodeError:
            self._fail(self.tr("%1 is not a UTF-8 text file.").replace("%1", path))
            return
        except OSError as exc:
            self._fail(str(exc))
            return
        except ServiceError as exc:
            self._fail(str(exc))
            return
        self.refresh()
        self._ok(self.tr("%1 price(s) saved, %2 unchanged.").replace("%1", str(result.saved))
                 .replace("%2", str(result.unchanged)))
        self.saved.emit(channel)

    # -- member tiers

    def _tiers_tab(self) -> QWidget:
        w = QWidget()
        self.tier_model = SimpleTableModel([self.tr("Code"), self.tr("Name"),
                                            self.tr("Discount %"), self.tr("Customers")], self)
        self.tier_table = _table(self.tier_model)
        self.tier_table.clicked.connect(self._tier_clicked)
        self.tier_code = QLineEdit()
        self.tier_code.setPlaceholderText(self.tr("e.g. platinum"))
        self.tier_name = QLineEdit()
        self.tier_discount = QLineEdit()
        self.tier_discount.setPlaceholderText("5")
        self.tier_save_button = QPushButton(self.tr("Save tier"))
        self.tier_save_button.clicked.connect(self.save_tier)
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.tier_code)
        form.addRow(self.tr("Name"), self.tier_name)
        form.addRow(self.tr("Discount %"), self.tier_discount)
        form.addRow("", self.tier_save_button)
        layout = QVBoxLayout(w)
        layout.addWidget(self.tier_table, 1)
        layout.addLayout(form)
        return w

    def _load_tiers(self) -> None:
        self.tier_model.set_rows([
            (t.code, [t.code, t.name, f"{t.discount_pct.normalize():f}", str(t.customers)])
            for t in channel_setup.list_tiers(self.db)])

    def _tier_clicked(self) -> None:
        row = self.tier_table.currentIndex().row()
        if row < 0:
            return
        _, cells = self.tier_model.rows[row]
        self.tier_code.setText(cells[0])
        self.tier_name.setText(cells[1])
        self.tier_discount.setText(cells[2])

    def save_tier(self) -> None:
        try:
            pct = Decimal(self.tier_discount.text().strip().rstrip("%") or "x")
            if not pct.is_finite():
                raise ArithmeticError
        except ArithmeticError:
            self._fail(self.tr("The discount is a number of percent, e.g. 5."))
            return
        try:
            code = channel_setup.check_tier(self.tier_code.text(), pct)
            pricing.set_tier(self.db, self.actor, code, pct, self.tier_name.text().strip())
        except ServiceError as exc:
            self._fail(str(exc))
            return
        self._load_tiers()
        self._ok(self.tr("Tier %1 saved: %2 % off.").replace("%1", code)
                 .replace("%2", f"{pct.normalize():f}"))
        self.saved.emit(code)
