"""Promotions and coupons (manager): create, edit, schedule, disable, and "try it on this
order" before saving."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.engine import Database
from app.domain.money import format_money
from app.domain.pricing import PromoKind
from app.domain.roles import Permission
from app.services import orders, pricing
from app.services.context import Actor
from app.services.errors import ServiceError
from app.services.pricing import CouponData, PromotionData, PromotionView
from app.ui.models.rows import RowsTableModel

# The clerk's names for the promotion kinds (the stored codes otherwise).
KIND_LABELS: dict[str, object] = {
    PromoKind.PERCENT.value: QT_TRANSLATE_NOOP("PromotionsModel", "Percent off"),
    PromoKind.AMOUNT.value: QT_TRANSLATE_NOOP("PromotionsModel", "Amount off"),
    PromoKind.FIXED_PRICE.value: QT_TRANSLATE_NOOP("PromotionsModel", "Fixed price"),
    PromoKind.BUY_X_GET_Y.value: QT_TRANSLATE_NOOP("PromotionsModel", "Buy X get Y free"),
    PromoKind.SPEND_THRESHOLD.value: QT_TRANSLATE_NOOP("PromotionsModel", "Spend and save"),
    PromoKind.FREE_SHIPPING.value: QT_TRANSLATE_NOOP("PromotionsModel", "Free shipping"),
}


def kind_label(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return QCoreApplication.translate("PromotionsModel", str(label)) if label else kind


class PromotionsModel(RowsTableModel[PromotionView]):
    COL_NAME, COL_KIND, COL_WINDOW, COL_PRIORITY, COL_ACTIVE, COL_COUPONS = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("PromotionsModel", "Name"),
        QT_TRANSLATE_NOOP("PromotionsModel", "Kind"),
        QT_TRANSLATE_NOOP("PromotionsModel", "When"),
        QT_TRANSLATE_NOOP("PromotionsModel", "Priority"),
        QT_TRANSLATE_NOOP("PromotionsModel", "Active"),
        QT_TRANSLATE_NOOP("PromotionsModel", "Coupons"),
    )

    def cell(self, v: PromotionView, col: int) -> object:
        d = v.data
        if col == self.COL_NAME:
            return d.name
        if col == self.COL_KIND:
            return kind_label(d.kind)
        if col == self.COL_WINDOW:
            start = f"{d.starts_at:%Y-%m-%d}" if d.starts_at else "…"
            end = f"{d.ends_at:%Y-%m-%d}" if d.ends_at else "…"
            return f"{start} – {end}"
        if col == self.COL_PRIORITY:
            return f"{d.priority}{' ' + self.tr('exclusive') if d.exclusive else ''}"
        if col == self.COL_ACTIVE:
            return self.tr("yes") if d.active else self.tr("no")
        return ", ".join(v.coupons)


def _dec(text: str) -> Decimal:
    try:
        return Decimal(text.strip() or "0")
    except InvalidOperation:
        raise ServiceError(f"Not an amount: {text!r}") from None


class PromotionsView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.editing: PromotionView | None = None
        self.model = PromotionsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.clicked.connect(self._load_selected)
        self.name, self.value, self.threshold = QLineEdit(), QLineEdit(), QLineEdit()
        self.cap, self.skus, self.categories = QLineEdit(), QLineEdit(), QLineEdit()
        self.channels, self.tiers = QLineEdit(), QLineEdit()
        self.kind = QComboBox()
        for k in PromoKind:
            self.kind.addItem(kind_label(k.value), k.value)
        self.buy, self.get, self.priority = QSpinBox(), QSpinBox(), QSpinBox()
        self.repeating, self.same_item = QCheckBox(self.tr("Repeating")), QCheckBox(
            self.tr("Same item"))
        self.exclusive, self.coupon_only = QCheckBox(self.tr("Exclusive")), QCheckBox(
            self.tr("Only with a coupon"))
        self.scheduled = QCheckBox(self.tr("Scheduled"))
        self.starts, self.ends = QDateTimeEdit(), QDateTimeEdit()
        now = QDateTime.currentDateTimeUtc()
        self.starts.setDateTime(now)
        self.ends.setDateTime(now.addDays(30))
        form = QFormLayout()
        for label, w in [(self.tr("Name"), self.name), (self.tr("Kind"), self.kind),
                         (self.tr("Value"), self.value), (self.tr("Threshold"), self.threshold),
                         (self.tr("Cap"), self.cap), (self.tr("Buy"), self.buy),
                         (self.tr("Get"), self.get), (self.tr("SKUs"), self.skus),
                         (self.tr("Categories"), self.categories),
                         (self.tr("Channels"), self.channels), (self.tr("Tiers"), self.tiers),
                         (self.tr("Priority"), self.priority), ("", self.repeating),
                         ("", self.same_item), ("", self.exclusive), ("", self.coupon_only),
                         ("", self.scheduled), (self.tr("From"), self.starts),
                         (self.tr("Until"), self.ends)]:
            form.addRow(label, w)
        self.save_button = QPushButton(self.tr("Save"))
        self.new_button = QPushButton(self.tr("New"))
        self.toggle_button = QPushButton(self.tr("Disable / enable"))
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.clear)
        self.toggle_button.clicked.connect(self.toggle)
        self.coupon_code, self.coupon_min = QLineEdit(), QLineEdit()
        self.coupon_max, self.coupon_per_customer = QSpinBox(), QSpinBox()
        self.coupon_button = QPushButton(self.tr("Add coupon to this promotion"))
        self.coupon_button.clicked.connect(self.add_coupon)
        form.addRow(self.tr("Coupon code"), self.coupon_code)
        form.addRow(self.tr("Minimum spend"), self.coupon_min)
        form.addRow(self.tr("Uses (0: no limit)"), self.coupon_max)
        form.addRow(self.tr("Uses per customer (0: no limit)"), self.coupon_per_customer)
        form.addRow("", self.coupon_button)
        self.order_number = QLineEdit()
        self.order_number.setPlaceholderText(self.tr("Order number, e.g. SO-000001"))
        self.try_button = QPushButton(self.tr("Try it on this order"))
        self.try_button.clicked.connect(self.try_on_order)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.message = QLabel()
        buttons = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.toggle_button):
            buttons.addWidget(b)
        trial = QHBoxLayout()
        trial.addWidget(self.order_number)
        trial.addWidget(self.try_button)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(buttons)
        side.addLayout(trial)
        side.addWidget(self.preview)
        side.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 2)
        layout.addLayout(side, 1)
        allowed = self._may()
        for w in (self.save_button, self.toggle_button, self.coupon_button):
            w.setEnabled(allowed)
        self.refresh()

    def _may(self) -> bool:
        try:
            self.actor.require(Permission.MANAGE_PRICING)
            return True
        except ServiceError:
            return False

    def refresh(self) -> None:
        self.model.set_rows(pricing.list_promotions(self.db))

    def clear(self) -> None:
        self.editing = None
        for w in (self.name, self.value, self.threshold, self.cap, self.skus, self.categories,
                  self.channels, self.tiers):
            w.clear()

    def _load_selected(self, index: QModelIndex) -> None:
        self.editing = self.model.rows[index.row()]
        d = self.editing.data
        self.name.setText(d.name)
        self.kind.setCurrentIndex(self.kind.findData(d.kind))
        self.value.setText(f"{d.value.normalize():f}")
        self.threshold.setText(f"{d.threshold.normalize():f}")
        self.cap.setText("" if d.cap is None else f"{d.cap.normalize():f}")
        self.buy.setValue(d.buy_qty)
        self.get.setValue(d.get_qty)
        self.skus.setText(d.skus)
        self.categories.setText(d.categories)
        self.channels.setText(d.channels)
        self.tiers.setText(d.tiers)
        self.priority.setValue(d.priority)
        self.repeating.setChecked(d.repeating)
        self.same_item.setChecked(d.same_item)
        self.exclusive.setChecked(d.exclusive)
        self.coupon_only.setChecked(d.coupon_only)
        self.scheduled.setChecked(d.starts_at is not None or d.ends_at is not None)

    def form_data(self) -> PromotionData:
        def when(edit: QDateTimeEdit) -> datetime:
            return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)

        return PromotionData(
            self.name.text(), str(self.kind.currentData()), _dec(self.value.text()),
            _dec(self.threshold.text()), self.repeating.isChecked(),
            _dec(self.cap.text()) if self.cap.text().strip() else None, self.buy.value(),
            self.get.value(), self.same_item.isChecked(),
            when(self.starts) if self.scheduled.isChecked() else None,
            when(self.ends) if self.scheduled.isChecked() else None,
            self.channels.text(), self.tiers.text(), self.skus.text(), self.categories.text(),
            self.exclusive.isChecked(), self.priority.value(), self.coupon_only.isChecked(),
            self.editing.data.active if self.editing else True)

    def _run(self, action: object) -> bool:
        try:
            action()  # type: ignore[operator]
        except ServiceError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(self.tr("Saved."))
        return True

    def save(self) -> None:
        def do() -> None:
            data = self.form_data()
            if self.editing is None:
                pricing.save_promotion(self.db, self.actor, data)
            else:
                pricing.save_promotion(self.db, self.actor, data, self.editing.id,
                                       self.editing.version)
        if self._run(do):
            self.editing = None
            self.refresh()

    def toggle(self) -> None:
        current = self.editing
        if current is None:
            return
        if self._run(lambda: pricing.set_promotion_active(
                self.db, self.actor, current.id, not current.data.active)):
            self.editing = None
            self.refresh()

    def add_coupon(self) -> None:
        current = self.editing
        if current is None:
            self.message.setText(self.tr("Select the promotion the coupon is for."))
            return
        if self._run(lambda: pricing.save_coupon(self.db, self.actor, CouponData(
                self.coupon_code.text(), current.id, min_spend=_dec(self.coupon_min.text()),
                max_uses=self.coupon_max.value() or None,
                max_uses_per_customer=self.coupon_per_customer.value() or None))):
            self.refresh()

    def try_on_order(self) -> None:
        try:
            order_id = orders.find_order_id(self.db, self.order_number.text())
            if order_id is None:
                raise ServiceError(self.tr("No order {n}.").format(n=self.order_number.text()))
            before = orders.get_order(self.db, order_id)
            data = self.form_data()
            data.coupon_only = False  # a preview tries the promotion itself
            result = pricing.preview(self.db, order_id, data,
                                     self.editing.id if self.editing else None)
        except ServiceError as exc:
            self.preview.setText(str(exc))
            return
        lines = [self.tr("Now {a}, with this promotion {b}.").format(
            a=format_money(before.total, before.currency),
            b=format_money(result.total, before.currency))]
        lines += [f"{a.name}: −{format_money(a.amount)}" for a in result.applied]
        lines += list(result.hints)
        self.preview.setText("\n".join(lines))
